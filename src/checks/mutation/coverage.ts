/**
 * Line and branch coverage of the reference solution's region from the sandbox's sys.settrace
 * record (executed lines and line-to-line arcs of the candidate). Executable lines and branch
 * points come from the syntax tree; a branch point (if/elif/while/for) has two outcomes: the arc
 * from its header into its body, and any other arc leaving the header. Pure given the parser.
 */
import type { Finding, MutationConfig, MutationTask } from '../../model/types.generated.js';
import type { CoverageProbe } from '../../javascript/coverage.js';
import { probeCoverage } from '../../javascript/coverage.js';
import { finding } from '../types.js';
import type { Span } from './generate.js';
import type { Node, PythonParser } from './python-parser.js';
import { roundScore } from './score.js';

export type TaskCoverage = NonNullable<MutationTask['coverage']>;

/** What the sandbox records: executed lines and [from, to] arcs (negative = function entry/exit). */
export interface TraceRecord {
  lines: readonly number[];
  arcs: ReadonlyArray<readonly [number, number]>;
}

/** Statements whose first line produces a line event when executed (headers included; `else:`/`try:`/`pass` excluded). */
const EXECUTABLE = new Set([
  'expression_statement',
  'return_statement',
  'assert_statement',
  'raise_statement',
  'delete_statement',
  'break_statement',
  'continue_statement',
  'import_statement',
  'import_from_statement',
  'if_statement',
  'elif_clause',
  'for_statement',
  'while_statement',
  'with_statement',
  'function_definition',
  'class_definition',
  'except_clause',
]);

const BRANCHING = new Set(['if_statement', 'elif_clause', 'while_statement', 'for_statement']);

export interface BranchPoint {
  header: number;
  /** Last line of the header (multi-line conditions): arcs inside it are not outcomes. */
  headerEnd: number;
  body: number;
}

function isDocstring(node: Node): boolean {
  const only = node.namedChildCount === 1 ? node.namedChild(0) : null;
  return node.type === 'expression_statement' && only !== null && (only.type === 'string' || only.type === 'concatenated_string');
}

/** Executable lines and branch points whose statements start inside `region` (1-based lines). */
export function coverageModel(parser: PythonParser, source: string, region: Span): { lines: number[]; branches: BranchPoint[] } {
  return parser.withTree(source, (tree) => {
    const lines = new Set<number>();
    const branches: BranchPoint[] = [];
    const visit = (node: Node): void => {
      if (node.endIndex <= region.start || node.startIndex >= region.end) return;
      const inside = node.startIndex >= region.start;
      if (inside && EXECUTABLE.has(node.type) && !isDocstring(node)) lines.add(node.startPosition.row + 1);
      if (inside && BRANCHING.has(node.type)) {
        const body = node.childForFieldName(node.type === 'if_statement' || node.type === 'elif_clause' ? 'consequence' : 'body');
        const colon = node.children.find((c) => c?.type === ':');
        if (body && colon) {
          const header = node.startPosition.row + 1;
          const first = body.startPosition.row + 1;
          if (first !== header) branches.push({ header, headerEnd: colon.startPosition.row + 1, body: first });
        }
      }
      for (const child of node.children) if (child !== null) visit(child);
    };
    visit(tree.rootNode);
    return { lines: [...lines].sort((a, b) => a - b), branches };
  });
}

/** Coverage of `region` given the trace of a run of the unchanged solution. */
export function regionCoverage(parser: PythonParser, source: string, region: Span, trace: TraceRecord): TaskCoverage {
  const model = coverageModel(parser, source, region);
  const executed = new Set(trace.lines);
  const uncoveredLines = model.lines.filter((l) => !executed.has(l));
  let covered = 0;
  for (const b of model.branches) {
    const leaving = trace.arcs.filter(([from, to]) => from === b.header && !(to >= b.header && to <= b.headerEnd));
    if (leaving.some(([, to]) => to === b.body)) covered++;
    if (leaving.some(([, to]) => to !== b.body)) covered++;
  }
  const lineTotal = model.lines.length;
  const branchTotal = model.branches.length * 2;
  return {
    lines: { covered: lineTotal - uncoveredLines.length, total: lineTotal },
    branches: { covered, total: branchTotal },
    lineRate: lineTotal === 0 ? null : roundScore((lineTotal - uncoveredLines.length) / lineTotal),
    branchRate: branchTotal === 0 ? null : roundScore(covered / branchTotal),
    uncoveredLines,
  };
}

/** The branch outcomes a trace reaches, as `<header>:in` (into the body) and `<header>:out` (any other way on). */
export function branchOutcomes(branches: readonly BranchPoint[], trace: TraceRecord): Set<string> {
  const out = new Set<string>();
  for (const b of branches) {
    const leaving = trace.arcs.filter(([from, to]) => from === b.header && !(to >= b.header && to <= b.headerEnd));
    if (leaving.some(([, to]) => to === b.body)) out.add(`${b.header}:in`);
    if (leaving.some(([, to]) => to !== b.body)) out.add(`${b.header}:out`);
  }
  return out;
}

/** The rates and counts of a coverage section from its line and branch tallies. */
function coverageSection(lineTotal: number, uncoveredLines: number[], branches: { covered: number; total: number }): TaskCoverage {
  return {
    lines: { covered: lineTotal - uncoveredLines.length, total: lineTotal },
    branches,
    lineRate: lineTotal === 0 ? null : roundScore((lineTotal - uncoveredLines.length) / lineTotal),
    branchRate: branches.total === 0 ? null : roundScore(branches.covered / branches.total),
    uncoveredLines,
  };
}

/** Coverage of a JavaScript reference from the probe counts of its instrumented run (src/javascript/coverage.ts). */
export function probeRegionCoverage(probes: readonly CoverageProbe[], hits: readonly number[]): TaskCoverage {
  const c = probeCoverage(probes, hits);
  return coverageSection(c.lines.length, c.uncoveredLines, c.branches);
}

/** A warning when the tests execute less than the threshold's fraction of the reference's lines. */
export function lowCoverageFinding(section: Pick<MutationTask, 'coverage'>, config: Pick<MutationConfig, 'lowCoverageThreshold'>): Finding | undefined {
  const cov = section.coverage;
  if (!cov || cov.lineRate === null || cov.lineRate >= config.lowCoverageThreshold) return undefined;
  return finding('mutation', 'low-coverage', 'warning', `the tests execute ${cov.lines.covered} of ${cov.lines.total} lines of the reference solution`, {
    lineRate: cov.lineRate,
    branchRate: cov.branchRate,
    uncoveredLines: cov.uncoveredLines,
  });
}
