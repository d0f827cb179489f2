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
 * - expression branch points, which Python's line arcs cannot see (`a if c else b`, `and`/`or` share a line) but a
 *   probe can: `c ? a : b` (`in` = `a` evaluated, `out` = `b`); `a && b`, `a || b`, `a ?? b` (`in` = `b` evaluated,
 *   `out` = short-circuited; the left operand passes through the test hook, which counts and returns it unchanged);
 *   the logical assignments `a &&= b`, `a ||= b`, `a ??= b` the same (`in` = `b` evaluated and assigned), their
 *   target read once more through the test hook just before (`(hook(..., a, ...), a ??= b)`): the target stays an
 *   assignable reference, so only a target whose second read has no effect on plain data gets probes (a name, or
 *   `o.p`, `o[k]` with `o` a name or `this` and `k` a name or literal; a getter or proxy there would see one more
 *   read); any other target is left without a branch point rather than evaluated twice;
 * - each `case` of a `switch` (`in` = matched, `out` = compared and not matched), like an `elif` chain: the
 *   discriminant is kept in a block-scoped name and each case test becomes a `===` against it that returns the
 *   discriminant on a match and a fresh object (equal to nothing) otherwise. `default` is the last case's `out`.
 * Each operand and test is still evaluated once and in the same order. Pure given a parser.
 */
import type { JavaScriptParser, Node } from './parser.js';

/** The runtime's cover hook (src/sandbox/js/engine.ts defines it in jobs that count probes). */
export const COVER_HOOK_NAME = '__benchAuditCover';
/** The runtime's test hook `(yes, no, v, nullish)`: counts `yes` when `v` is truthy (nullish: is null/undefined), else `no`; returns `v`. */
export const COVER_TEST_HOOK_NAME = '__benchAuditCoverTest';
/** Prefix of the block-scoped name a `switch` keeps its discriminant in (the probe number follows). */
const SWITCH_VALUE_PREFIX = '__benchAuditSwitch';

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

/** The construct a branch point is: a statement, an expression operator, or one `case` of a switch. */
export type BranchConstruct = 'if' | 'while' | 'do' | 'for' | 'for-in' | '?:' | '&&' | '||' | '??' | '&&=' | '||=' | '??=' | '?.' | 'case';

export type CoverageProbe =
  | { probe: number; kind: 'line'; line: number }
  | { probe: number; kind: 'branch'; header: number; outcome: 'in' | 'out'; construct: BranchConstruct };

const STATEMENT_CONSTRUCT: Record<string, BranchConstruct> = {
  if_statement: 'if',
  while_statement: 'while',
  do_statement: 'do',
  for_statement: 'for',
  for_in_statement: 'for-in',
};

const SHORT_CIRCUIT = new Set(['&&', '||', '??']);
const LOGICAL_ASSIGNMENT = new Set(['&&=', '||=', '??=']);
/** Operands of a member target whose read cannot run the program's code on plain data (see the header). */
const PLAIN_OBJECT = new Set(['identifier', 'this']);
const PLAIN_KEY = new Set(['identifier', 'property_identifier', 'number', 'string']);
/** Nodes an optional chain (`?.`) can short-circuit at. */
const OPTIONAL_CHAINED = new Set(['member_expression', 'subscript_expression', 'call_expression']);

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
    const newProbe = (p: { kind: 'line'; line: number } | { kind: 'branch'; header: number; outcome: 'in' | 'out'; construct: BranchConstruct }): number => {
      probes.push({ probe: probes.length, ...p });
      return probes.length - 1;
    };
    /** The `in` and `out` probes of a branch point at `node`'s line. */
    const outcomes = (node: Node, construct: BranchConstruct): [number, number] => {
      const header = node.startPosition.row + 1;
      return [newProbe({ kind: 'branch', header, outcome: 'in', construct }), newProbe({ kind: 'branch', header, outcome: 'out', construct })];
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
      const construct = STATEMENT_CONSTRUCT[node.type];
      entering.set(body.id, newProbe({ kind: 'branch', header, outcome: 'in', construct }));
      const out = newProbe({ kind: 'branch', header, outcome: 'out', construct });
      if (condition) {
        edit(condition.startIndex, false, '(');
        edit(condition.endIndex, true, `)||(${call(out)},false)`);
      } else edit(node.endIndex, true, `;${call(out)};`);
    };

    /** `c ? a : b`: a probe before each arm, inside the arm's parentheses. */
    const ternary = (node: Node) => {
      const consequence = node.childForFieldName('consequence');
      const alternative = node.childForFieldName('alternative');
      if (!consequence || !alternative) return;
      const [yes, no] = outcomes(node, '?:');
      edit(consequence.startIndex, false, `(${call(yes)},`);
      edit(consequence.endIndex, true, ')');
      edit(alternative.startIndex, false, `(${call(no)},`);
      edit(alternative.endIndex, true, ')');
    };

    /** `a && b`, `a || b`, `a ?? b`: the left operand passes through the test hook; `in` = the right one runs. */
    const shortCircuit = (node: Node, operator: '&&' | '||' | '??') => {
      const left = node.childForFieldName('left');
      if (!left) return;
      const [into, out] = outcomes(node, operator);
      // The right operand runs when the left is truthy (&&), falsy (||), or null/undefined (??).
      const [truthy, falsy, nullish] = testedOutcomes(operator, into, out);
      edit(left.startIndex, false, `${COVER_TEST_HOOK_NAME}(${truthy},${falsy},`);
      edit(left.endIndex, true, `,${nullish})`);
    };

    /** `a &&= b`, `a ||= b`, `a ??= b`: the target read once through the test hook before the assignment runs. */
    const logicalAssignment = (node: Node, operator: '&&=' | '||=' | '??=') => {
      const left = node.childForFieldName('left');
      if (!left || !rereadable(left)) return;
      const [into, out] = outcomes(node, operator);
      const [truthy, falsy, nullish] = testedOutcomes(operator.slice(0, 2) as '&&' | '||' | '??', into, out);
      edit(node.startIndex, false, `(${COVER_TEST_HOOK_NAME}(${truthy},${falsy},${left.text},${nullish}),`);
      edit(node.endIndex, true, ')');
    };

    /**
     * `a?.b`, `a?.[k]`, `f?.()`: the object (callee) passes through the test hook, `in` = the access runs (not
     * nullish). A callee that is itself a member access is left alone: wrapping it would lose its `this`.
     */
    const optionalChain = (node: Node) => {
      if (!node.children.some((c) => c?.type === 'optional_chain')) return;
      const target = node.childForFieldName(node.type === 'call_expression' ? 'function' : 'object');
      if (!target || (node.type === 'call_expression' && (target.type === 'member_expression' || target.type === 'subscript_expression'))) return;
      const [into, out] = outcomes(node, '?.');
      edit(target.startIndex, false, `${COVER_TEST_HOOK_NAME}(${out},${into},`);
      edit(target.endIndex, true, ',1)');
    };

    /** A switch: the discriminant kept in a block-scoped name, each case test compared against it once. */
    const switchCases = (node: Node) => {
      const value = node.childForFieldName('value');
      const body = node.childForFieldName('body');
      if (!value || value.type !== 'parenthesized_expression' || !body) return;
      const cases = body.namedChildren.filter((c): c is Node => c !== null && c.type === 'switch_case' && c.childForFieldName('value') !== null);
      if (cases.length === 0) return;
      const name = `${SWITCH_VALUE_PREFIX}${probes.length}`;
      edit(node.startIndex, false, `{let ${name};`);
      edit(value.startIndex + 1, false, `${name}=(`);
      edit(value.endIndex - 1, true, ')');
      for (const c of cases) {
        const test = c.childForFieldName('value')!;
        const [matched, other] = outcomes(c, 'case');
        edit(test.startIndex, false, `${name}===(`);
        edit(test.endIndex, true, `)?(${call(matched)},${name}):(${call(other)},{})`);
      }
      edit(node.endIndex, true, '}');
    };

    const visit = (node: Node): void => {
      if (node.endIndex <= region.start || node.startIndex >= region.end) return;
      if (inside(node)) {
        if (BRANCHING.has(node.type)) branchPoint(node);
        else if (node.type === 'ternary_expression') ternary(node);
        else if (node.type === 'switch_statement') switchCases(node);
        else if (node.type === 'binary_expression') {
          const op = node.childForFieldName('operator')?.type;
          if (op !== undefined && SHORT_CIRCUIT.has(op)) shortCircuit(node, op as '&&' | '||' | '??');
        } else if (node.type === 'augmented_assignment_expression') {
          const op = node.childForFieldName('operator')?.type;
          if (op !== undefined && LOGICAL_ASSIGNMENT.has(op)) logicalAssignment(node, op as '&&=' | '||=' | '??=');
        } else if (OPTIONAL_CHAINED.has(node.type)) optionalChain(node);
      }
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

/** The test hook's `(yes, no, nullish)` for a short-circuit: the right operand runs when the left is truthy (&&), falsy (||), or null/undefined (??). */
function testedOutcomes(operator: '&&' | '||' | '??', into: number, out: number): [number, number, number] {
  return operator === '&&' ? [into, out, 0] : operator === '||' ? [out, into, 0] : [into, out, 1];
}

/** A logical assignment's target that reading once more does nothing on plain data: a name, `o.p`, `o[k]`, `this.p`. */
function rereadable(target: Node): boolean {
  // Its text is written a second time: a line continuation inside would move every later line.
  if (target.text.includes('\n') || target.text.includes('\r')) return false;
  if (target.type === 'identifier') return true;
  const object = target.childForFieldName('object');
  if (!object || !PLAIN_OBJECT.has(object.type)) return false;
  if (target.type === 'member_expression') {
    const property = target.childForFieldName('property');
    return property?.type === 'property_identifier' && !target.children.some((c) => c?.type === 'optional_chain');
  }
  if (target.type === 'subscript_expression') {
    const index = target.childForFieldName('index');
    return index !== null && PLAIN_KEY.has(index.type) && !target.children.some((c) => c?.type === 'optional_chain');
  }
  return false;
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
  /** Branch outcomes never taken, in probe order. */
  uncoveredBranches: Array<{ line: number; construct: BranchConstruct; outcome: 'in' | 'out' }>;
}

export function probeCoverage(probes: readonly CoverageProbe[], hits: readonly number[]): ProbeCoverage {
  const lines = new Set<number>();
  const ran = new Set<number>();
  let total = 0;
  let covered = 0;
  const uncoveredBranches: ProbeCoverage['uncoveredBranches'] = [];
  for (const p of probes) {
    const hit = (hits[p.probe] ?? 0) > 0;
    if (p.kind === 'line') {
      lines.add(p.line);
      if (hit) ran.add(p.line);
    } else {
      total += 1;
      if (hit) covered += 1;
      else uncoveredBranches.push({ line: p.header, construct: p.construct, outcome: p.outcome });
    }
  }
  const sorted = [...lines].sort((a, b) => a - b);
  return { lines: sorted, uncoveredLines: sorted.filter((l) => !ran.has(l)), branches: { covered, total }, uncoveredBranches };
}
