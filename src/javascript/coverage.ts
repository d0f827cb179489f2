/**
 * Line and branch coverage probes for a JavaScript program: the program rewritten so that each statement and each
 * branch outcome inside a region calls the runtime's cover hook with its probe number before it runs. Insertions
 * only (no newline, no code removed), so every original line keeps its number and the program does what it did:
 * - a statement in a block gets `__benchAuditCover(k);` before it; a statement that is the body of an `if`, `else`
 *   or loop is wrapped in braces with its probe (`{__benchAuditCover(k);stmt}`);
 * - a branch point (`if`, `while`, `do`, `for` with a condition, `for...in/of`) has two outcomes, as Python's
 *   sys.settrace arcs give them (src/checks/mutation/coverage.ts): `in`, its body is entered; `out`, the condition
 *   was falsy (the condition becomes `(c)||(__benchAuditCover(k),false)`, which keeps its truthiness and evaluates
 *   `c` once). A `for...in/of` has no condition: its `out` probe follows the loop (ended, or left by `break`).
 * Pure given a parser.
 */
import type { JavaScriptParser, Node } from './parser.js';

/** The runtime's cover hook (src/sandbox/js/engine.ts defines it in jobs that count probes). */
export const COVER_HOOK_NAME = '__benchAuditCover';

/** Statements that count as executable lines (the line a statement starts on). */
const EXECUTABLE = new Set([
  'expression_statement',
  'return_statement',
  'throw_statement',
  'break_statement',
  'continue_statement',
  'debugger_statement',
  'if_statement',
  'for_statement',
  'for_in_statement',
  'while_statement',
  'do_statement',
  'switch_statement',
  'try_statement',
  'lexical_declaration',
  'variable_declaration',
  'labeled_statement',
]);

/** Parents whose statement children run in order, where a probe can stand before a statement. */
const STATEMENT_LISTS = new Set(['statement_block', 'program', 'switch_case', 'switch_default']);

const BRANCHING = new Set(['if_statement', 'while_statement', 'do_statement', 'for_statement', 'for_in_statement']);

export type CoverageProbe = { probe: number; kind: 'line'; line: number } | { probe: number; kind: 'branch'; header: number; outcome: 'in' | 'out' };

export interface InstrumentedProgram {
  source: string;
  probes: CoverageProbe[];
}

export interface Region {
  start: number;
  end: number;
}

interface Edit {
  at: number;
  /** Closing text goes before opening text at one offset; closings innermost (made last) first, openings in order. */
  close: boolean;
  seq: number;
  text: string;
}

const call = (k: number): string => `${COVER_HOOK_NAME}(${k})`;

/**
 * Probes for the statements and branch points starting inside `region` (string offsets). A program that does not
 * parse cleanly gets no probes (undefined): coverage is absent rather than guessed.
 */
export function instrumentCoverage(parser: JavaScriptParser, source: string, region: Region): InstrumentedProgram | undefined {
  return parser.withTree(source, (tree) => {
    if (tree.rootNode.hasError) return undefined;
    const probes: CoverageProbe[] = [];
    const edits: Edit[] = [];
    const edit = (at: number, close: boolean, text: string) => edits.push({ at, close, seq: edits.length, text });
    const newProbe = (p: { kind: 'line'; line: number } | { kind: 'branch'; header: number; outcome: 'in' | 'out' }): number => {
      probes.push({ probe: probes.length, ...p });
      return probes.length - 1;
    };
    const inside = (n: Node) => n.startIndex >= region.start && n.endIndex <= region.end;
    /** Branch `in` probes by the id of the body they enter. */
    const entering = new Map<number, number>();

    const branchPoint = (node: Node) => {
      const header = node.startPosition.row + 1;
      const body = node.childForFieldName(node.type === 'if_statement' ? 'consequence' : 'body');
      if (!body) return;
      let condition: Node | null = null;
      if (node.type !== 'for_in_statement') {
        const c = node.childForFieldName('condition');
        condition = c?.type === 'parenthesized_expression' ? (c.namedChildren.find((x) => x !== null && x.type !== 'comment') ?? null) : c;
        // `for (;;)`: no condition, no branch point.
        if (!condition || condition.type === 'empty_statement') return;
      }
      entering.set(body.id, newProbe({ kind: 'branch', header, outcome: 'in' }));
      const out = newProbe({ kind: 'branch', header, outcome: 'out' });
      if (condition) {
        edit(condition.startIndex, false, '(');
        edit(condition.endIndex, true, `)||(${call(out)},false)`);
      } else edit(node.endIndex, true, `;${call(out)};`);
    };

    const visit = (node: Node): void => {
      if (node.endIndex <= region.start || node.startIndex >= region.end) return;
      if (inside(node) && BRANCHING.has(node.type)) branchPoint(node);
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (inside(child)) {
          const line = EXECUTABLE.has(child.type) && !isDirective(child) && node.type !== 'labeled_statement' ? [newProbe({ kind: 'line', line: child.startPosition.row + 1 })] : [];
          const first = [...(entering.has(child.id) ? [entering.get(child.id)!] : []), ...line].map((k) => `${call(k)};`).join('');
          if (STATEMENT_LISTS.has(node.type)) {
            if (first !== '') edit(child.startIndex, false, first);
          } else if (isBodyOf(node, child)) {
            // Braces between a label and its loop would break `continue label`: the label's own probe stands for both.
            if (child.type === 'statement_block') {
              if (first !== '') edit(child.startIndex + 1, false, first);
            } else if (first !== '') {
              edit(child.startIndex, false, `{${first}`);
              edit(child.endIndex, true, '}');
            }
          } else if (line.length > 0) probes.pop();
        }
        visit(child);
      }
    };
    visit(tree.rootNode);
    edits.sort((a, b) => a.at - b.at || Number(b.close) - Number(a.close) || (a.close ? b.seq - a.seq : a.seq - b.seq));
    const parts: string[] = [];
    let at = 0;
    for (const e of edits) {
      parts.push(source.slice(at, e.at), e.text);
      at = e.at;
    }
    parts.push(source.slice(at));
    return { source: parts.join(''), probes };
  });
}


/** A string statement (`'use strict'`): a probe before it would end the directive prologue, so it gets none. */
function isDirective(node: Node): boolean {
  const only = node.namedChildCount === 1 ? node.namedChild(0) : null;
  return node.type === 'expression_statement' && only?.type === 'string';
}

/** Whether `child` stands in a statement position of `parent` other than a statement list (a body or an else). */
function isBodyOf(parent: Node, child: Node): boolean {
  switch (parent.type) {
    case 'if_statement':
      return parent.childForFieldName('consequence')?.id === child.id;
    case 'else_clause':
      return true;
    case 'while_statement':
    case 'do_statement':
    case 'for_statement':
    case 'for_in_statement':
    case 'with_statement':
    case 'labeled_statement':
      return parent.childForFieldName('body')?.id === child.id;
    default:
      return false;
  }
}

/** Line and branch counts of a run from its probe counts (index = probe number). */
export interface ProbeCoverage {
  lines: number[];
  uncoveredLines: number[];
  branches: { covered: number; total: number };
}

export function probeCoverage(probes: readonly CoverageProbe[], hits: readonly number[]): ProbeCoverage {
  const lines = new Set<number>();
  const ran = new Set<number>();
  let total = 0;
  let covered = 0;
  for (const p of probes) {
    const hit = (hits[p.probe] ?? 0) > 0;
    if (p.kind === 'line') {
      lines.add(p.line);
      if (hit) ran.add(p.line);
    } else {
      total += 1;
      if (hit) covered += 1;
    }
  }
  const sorted = [...lines].sort((a, b) => a - b);
  return { lines: sorted, uncoveredLines: sorted.filter((l) => !ran.has(l)), branches: { covered, total } };
}
