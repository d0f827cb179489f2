/**
 * Mutant generation: walk the syntax tree of a reference solution, ask every operator for span
 * replacements inside the mutable region, apply each to get a mutant, drop mutants that do not
 * parse or duplicate another (or the original), then order and name them deterministically.
 * Pure given a loaded parser.
 */
import { DEFAULT_SEED } from '../../model/defaults.generated.js';
import type { Task } from '../../model/task.js';
import { unifiedDiff } from './diff.js';
import { mutationOperators, operatorFamily, type MutationFamily, type MutationOperator, type Replacement } from './operators/index.js';
import type { Node, PythonParser } from './python-parser.js';
import { sampleIndices, seededRandom } from '../../util/random.js';

/** A half-open span [start, end) of UTF-16 offsets into the solution. */
export interface Span {
  start: number;
  end: number;
}

export interface Mutant {
  /** `<operator>:<start>-<end>:<k>`: k counts mutants of this operator on this span (0-based). */
  id: string;
  /** Position in the task's full, deduplicated mutant list (before sampling): stable under sampling. */
  index: number;
  operator: string;
  /** Replaced span in the original solution (UTF-16 offsets). */
  start: number;
  end: number;
  /** 1-based line and column (column in code points) of `start`. */
  line: number;
  column: number;
  original: string;
  replacement: string;
  /** The whole mutated solution. */
  source: string;
  /** Unified diff against the original solution. */
  diff: string;
}

export interface MutantGenerationStats {
  /** Replacements the operators proposed inside the region. */
  candidates: number;
  /** Dropped: the mutated source does not parse. */
  unparsable: number;
  /** Dropped: same text as the original or as an earlier mutant. */
  duplicates: number;
  /** Kept after parsing and deduplication. */
  valid: number;
}

export interface MutantSet {
  mutants: Mutant[];
  stats: MutantGenerationStats;
  region: Span;
  /** Why the region fell back to the whole solution, if it did. */
  warnings: string[];
}

/**
 * Subtrees never mutated: signatures, decorators, imports, annotations, comments and scope
 * declarations (changing them is a different program, not a wrong solution of this one).
 */
const EXCLUDED_TYPES = new Set([
  'parameters',
  'lambda_parameters',
  'decorator',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'type',
  'comment',
  'global_statement',
  'nonlocal_statement',
]);

/** A bare string statement: a docstring, or a no-op whose mutation would be equivalent by construction. */
function isDocstring(node: Node): boolean {
  if (node.type !== 'expression_statement' || node.namedChildCount !== 1) return false;
  const only = node.namedChild(0);
  return only !== null && (only.type === 'string' || only.type === 'concatenated_string');
}

/**
 * Where the reference solution lives inside `task.solution`. HumanEval: solution = prompt +
 * completion, so the completion (`canonicalSolution`) is the region; MBPP: the whole code.
 */
export function solutionRegion(task: Pick<Task, 'solution' | 'canonicalSolution'>): { region: Span; warnings: string[] } {
  const { solution, canonicalSolution } = task;
  const whole = { start: 0, end: solution.length };
  if (canonicalSolution === solution || canonicalSolution.trim() === '') return { region: whole, warnings: [] };
  if (solution.endsWith(canonicalSolution)) {
    return { region: { start: solution.length - canonicalSolution.length, end: solution.length }, warnings: [] };
  }
  const at = solution.indexOf(canonicalSolution);
  if (at >= 0) return { region: { start: at, end: at + canonicalSolution.length }, warnings: [] };
  return {
    region: whole,
    warnings: ['the canonical solution is not a substring of the solution program; mutating the whole program (signature and imports still excluded)'],
  };
}

interface Candidate extends Replacement {
  operator: string;
}

/** Collect every operator's replacements inside `region`, skipping excluded subtrees. */
function collectCandidates(root: Node, region: Span, operators: readonly MutationOperator[]): Candidate[] {
  const out: Candidate[] = [];
  const visit = (node: Node): void => {
    if (node.endIndex <= region.start || node.startIndex >= region.end) return;
    if (EXCLUDED_TYPES.has(node.type) || isDocstring(node)) return;
    if (node.startIndex >= region.start && node.endIndex <= region.end) {
      for (const operator of operators) {
        for (const r of operator.mutate(node)) {
          if (r.start >= region.start && r.end <= region.end && r.start <= r.end) out.push({ ...r, operator: operator.name });
        }
      }
    }
    for (const child of node.children) if (child !== null) visit(child);
  };
  visit(root);
  return out;
}

/** Position, then operator name; ties keep the operator's own order (sort is stable), e.g. `<` -> `<=` before `>=`. */
function compareCandidates(a: Candidate, b: Candidate): number {
  return a.start - b.start || a.end - b.end || cmp(a.operator, b.operator);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Keep tokens apart: `if(x)` with `x` -> `not (x)` must become `if not (x)`, not `ifnot (x)`;
 * `return(x)` -> `return None`. A space is added where a word character would touch another.
 */
function padWordBoundaries(source: string, r: Replacement): string {
  let text = r.text;
  if (text === '') return text;
  if (r.start > 0 && WORD_CHAR.test(source[r.start - 1]) && WORD_CHAR.test(text[0])) text = ` ${text}`;
  if (r.end < source.length && WORD_CHAR.test(source[r.end]) && WORD_CHAR.test(text[text.length - 1])) text = `${text} `;
  return text;
}

/** 0-based offsets of line starts (after \n). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function position(text: string, starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: [...text.slice(starts[lo], offset)].length + 1 };
}

export interface GenerateOptions {
  /** Operators to apply, as given (filtered by `families` only when that is given too). Default: the registry, by `families`. */
  operators?: readonly MutationOperator[];
  /** Operator families to apply. Default ['standard'] for the registry: what audits have always run, so their mutants stay the same. */
  families?: readonly MutationFamily[];
  /** Label for diff headers. */
  diffLabel?: string;
}

const DEFAULT_FAMILIES: readonly MutationFamily[] = ['standard'];

/** All valid mutants of `source` inside `region`, in deterministic order with stable ids. */
export function generateMutants(parser: PythonParser, source: string, region: Span, options: GenerateOptions = {}): Omit<MutantSet, 'warnings'> {
  const { families } = options;
  const chosen = options.operators ?? mutationOperators;
  const operators = families === undefined && options.operators !== undefined ? chosen : chosen.filter((o) => (families ?? DEFAULT_FAMILIES).includes(operatorFamily(o)));
  const candidates = parser.withTree(source, (tree) => collectCandidates(tree.rootNode, region, operators));
  candidates.sort(compareCandidates);
  const seen = new Set<string>([source]);
  const starts = lineStarts(source);
  const perSpan = new Map<string, number>();
  const mutants: Mutant[] = [];
  let unparsable = 0;
  let duplicates = 0;
  for (const raw of candidates) {
    const c = { ...raw, text: padWordBoundaries(source, raw) };
    const mutated = source.slice(0, c.start) + c.text + source.slice(c.end);
    if (seen.has(mutated)) {
      duplicates++;
      continue;
    }
    seen.add(mutated);
    if (!parser.parses(mutated)) {
      unparsable++;
      continue;
    }
    const spanKey = `${c.operator}:${c.start}-${c.end}`;
    const k = perSpan.get(spanKey) ?? 0;
    perSpan.set(spanKey, k + 1);
    const { line, column } = position(source, starts, c.start);
    mutants.push({
      id: `${spanKey}:${k}`,
      index: mutants.length,
      operator: c.operator,
      start: c.start,
      end: c.end,
      line,
      column,
      original: source.slice(c.start, c.end),
      replacement: c.text,
      source: mutated,
      diff: unifiedDiff(source, mutated, options.diffLabel),
    });
  }
  return { mutants, stats: { candidates: candidates.length, unparsable, duplicates, valid: mutants.length }, region };
}

/**
 * Keep at most `max` mutants, chosen uniformly with a generator seeded by (seed, key); the kept
 * ones stay in their original order. Same inputs, same subset.
 */
export function sampleMutants<T extends { index: number }>(mutants: readonly T[], max: number | undefined, seed: number, key: string): T[] {
  if (max === undefined || mutants.length <= max) return [...mutants];
  const chosen = sampleIndices(mutants.length, Math.max(0, max), seededRandom(seed, `mutants\0${key}`));
  return chosen.map((i) => mutants[i]);
}

export interface TaskMutantOptions extends GenerateOptions {
  maxMutants?: number;
  seed?: number;
}

/** Mutants of a task's reference solution (region from `solutionRegion`), sampled to `maxMutants`. */
export function mutantsForTask(
  parser: PythonParser,
  task: Pick<Task, 'id' | 'solution' | 'canonicalSolution'>,
  options: TaskMutantOptions = {},
): MutantSet & { sampledOut: number } {
  const { region, warnings } = solutionRegion(task);
  const all = generateMutants(parser, task.solution, region, options);
  const mutants = sampleMutants(all.mutants, options.maxMutants, options.seed ?? DEFAULT_SEED, task.id);
  return { ...all, mutants, warnings, sampledOut: all.mutants.length - mutants.length };
}
