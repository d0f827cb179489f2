/**
 * Every finding kind, in one registry: which check reports it, with which severities, which rescore
 * subset a warning or error of it puts its task in, and how renderers name and explain it. The
 * schema's `findingKind` enum is the source of truth for the names; a test fails when the two
 * disagree, and `finding()` refuses a kind with another check or severity than registered here.
 *
 * Adding a finding kind: add it to the schema's `findingKind` enum (and its description), add it
 * here, run `npm run gen:types`, and regenerate the README table (`npx tsx scripts/finding-kinds-table.ts --write`).
 */
import type { CheckName, FindingKind, Severity } from './types.generated.js';

/** The subsets `rescore` scores a model on, besides all tasks and the clean ones. */
export type RescoreSubset = 'broken' | 'weak-tests' | 'contaminated' | 'duplicates' | 'imprecise';

export const RESCORE_SUBSETS: readonly RescoreSubset[] = ['broken', 'weak-tests', 'contaminated', 'duplicates', 'imprecise'];

export interface FindingKindInfo {
  check: CheckName;
  /** The severities this kind is reported with; the first is the usual one. */
  severities: readonly Severity[];
  /**
   * The subset a warning or error of this kind puts its task in (`rescore`, `export`); null for a kind
   * that never flags a task: info-only kinds and benchmark-level ones.
   */
  subset: RescoreSubset | null;
  /** A few words, for tables and headings. */
  title: string;
  /** One line: what it means for a score on the benchmark. */
  explanation: string;
}

export const FINDING_KINDS: Readonly<Record<FindingKind, FindingKindInfo>> = {
  'missing-field': {
    check: 'static',
    severities: ['error'],
    subset: 'broken',
    title: 'empty field',
    explanation: 'a field the task needs (prompt, solution, tests, entry point) is empty',
  },
  'duplicate-task-id': {
    check: 'static',
    severities: ['error'],
    subset: 'broken',
    title: 'duplicate task id',
    explanation: 'two records share a task id, so results cannot be attributed to either',
  },
  'duplicate-task': {
    check: 'static',
    severities: ['warning'],
    subset: 'duplicates',
    title: 'duplicate task',
    explanation: 'the same prompt or solution as another task: the problem counts twice in the score',
  },
  'no-tests': {
    check: 'static',
    severities: ['error'],
    subset: 'broken',
    title: 'no tests',
    explanation: 'the task has no tests, so every solution passes',
  },
  'few-tests': {
    check: 'static',
    severities: ['warning'],
    subset: 'weak-tests',
    title: 'few tests',
    explanation: 'so few tests that most behaviour is unchecked',
  },
  'test-syntax-error': {
    check: 'static',
    severities: ['error'],
    subset: 'broken',
    title: 'tests do not parse',
    explanation: 'the tests are not valid Python, so no solution can pass',
  },
  'solution-syntax-error': {
    check: 'static',
    severities: ['error'],
    subset: 'broken',
    title: 'reference does not parse',
    explanation: 'the reference solution is not valid Python',
  },
  'no-prompt-examples': {
    check: 'static',
    severities: ['info'],
    subset: null,
    title: 'no prompt examples',
    explanation: 'the prompt shows no input/output example to pin down the task',
  },
  'canonical-fails': {
    check: 'execution',
    severities: ['error'],
    subset: 'broken',
    title: 'reference fails its tests',
    explanation: 'the reference solution fails the task\'s own tests: the task cannot be scored as is',
  },
  flaky: {
    check: 'execution',
    severities: ['warning'],
    subset: 'broken',
    title: 'flaky',
    explanation: 'the reference\'s verdict changes between runs with different seeds (Python\'s hash seed, which also seeds `random`; JavaScript\'s Math.random): a score on it is luck',
  },
  slow: {
    check: 'execution',
    severities: ['warning'],
    subset: 'broken',
    title: 'slow reference',
    explanation: 'the reference passes but executes more than the slow fraction of its limit (counted work: Python line events, JavaScript\'s work budget): a stricter harness or slower machine may time it out',
  },
  timeout: {
    check: 'execution',
    severities: ['error'],
    subset: 'broken',
    title: 'reference times out',
    explanation: 'the reference does not finish its tests within the limit, counted as executed work (the time limit\'s worth of Python line events or JavaScript work), or within the CPU backstop where its work is in C',
  },
  'setup-error': {
    check: 'execution',
    severities: ['error'],
    subset: 'broken',
    title: 'setup error',
    explanation: 'the task\'s imports or setup code fail before any test runs',
  },
  'prompt-example-mismatch': {
    check: 'execution',
    severities: ['warning'],
    subset: 'imprecise',
    title: 'prompt example disagrees',
    explanation: 'an example written in the prompt disagrees with the reference: the task is imprecise or the reference wrong',
  },
  'plus-input-crash': {
    check: 'execution',
    severities: ['error'],
    subset: 'imprecise',
    title: 'reference crashes on plus input',
    explanation: 'the reference raises on an EvalPlus input that satisfies the task\'s contract',
  },
  'reference-disagrees-with-sibling': {
    check: 'execution',
    severities: ['error', 'info'],
    subset: 'broken',
    title: 'reference disagrees with sibling',
    explanation: 'on valid inputs the reference returns other outputs than the same task\'s reference in the sibling benchmark (HumanEval+, MBPP+): one of them is wrong (info on the curated side unless the tests or examples side with the other)',
  },
  'reference-too-slow': {
    check: 'execution',
    severities: ['warning', 'info'],
    subset: 'broken',
    title: 'reference too slow',
    explanation: 'on valid inputs the reference exceeds the step cap (Python line events: a deterministic work measure) while the sibling benchmark\'s reference needs at most a quarter of it',
  },
  'dropped-by-curated-sibling': {
    check: 'execution',
    severities: ['info'],
    subset: null,
    title: 'dropped by curated release',
    explanation: 'a curated release of the benchmark (MBPP+) left this task out, as ill-formed or unfixable',
  },
  'contract-violation': {
    check: 'execution',
    severities: ['warning'],
    subset: 'imprecise',
    title: 'plus input breaks contract',
    explanation: 'EvalPlus inputs that break the task\'s own input contract',
  },
  'assert-cannot-fail': {
    check: 'execution',
    severities: ['warning'],
    subset: 'weak-tests',
    title: 'assert cannot fail',
    explanation: 'an assert that holds whatever the function returns (tried with trivial bodies): it checks nothing about the solution',
  },
  'translation-mismatch': {
    check: 'execution',
    severities: ['warning'],
    subset: 'imprecise',
    title: 'translation changes behaviour',
    explanation: 'a translated reference returns other values than its Python original on the original\'s test inputs: the translation changed the task',
  },
  'killable-survivor': {
    check: 'mutation',
    severities: ['warning'],
    subset: 'weak-tests',
    title: 'tests accept a wrong solution',
    explanation: 'a mutant of the reference passes the tests but is provably wrong on an input that passed the witness checks (contract, input domain, sibling reference; a generated input also needs a second oracle), with the assert that catches it',
  },
  'unconfirmed-survivors': {
    check: 'mutation',
    severities: ['info'],
    subset: null,
    title: 'unconfirmed survivors',
    explanation: 'surviving mutants that differ from the reference only on inputs whose evidence failed a check (outside the input domain, the sibling reference disagrees, or a generated input that no second oracle confirms): no assert is offered, and each says why',
  },
  'possibly-equivalent-mutants': {
    check: 'mutation',
    severities: ['info'],
    subset: null,
    title: 'possibly equivalent mutants',
    explanation: 'surviving mutants that no input tried tells apart from the reference (they may be equivalent)',
  },
  'tests-accept-trivial-solution': {
    check: 'mutation',
    severities: ['error'],
    subset: 'weak-tests',
    title: 'tests accept a trivial solution',
    explanation: 'a trivial program (return a constant, the input, nothing) passes the tests',
  },
  'low-coverage': {
    check: 'mutation',
    severities: ['warning'],
    subset: 'weak-tests',
    title: 'low coverage',
    explanation: 'the tests execute less than the threshold fraction of the reference\'s lines',
  },
  contaminated: {
    check: 'contamination',
    severities: ['error', 'warning', 'info'],
    subset: 'contaminated',
    title: 'contaminated',
    explanation: 'a part of the task (prompt, solution or tests) appears in the scanned corpus (verbatim, near or renamed), with path and lines; info for a short part copied verbatim, a generic idiom, or a copy of a similar task',
  },
  'near-duplicate-in-benchmark': {
    check: 'contamination',
    severities: ['warning'],
    subset: 'duplicates',
    title: 'near-duplicate in benchmark',
    explanation: 'the same problem appears twice in the benchmark (identical solutions, or matching solutions under the same wording); reported once, on the later task, with both ids',
  },
  'cross-benchmark-overlap': {
    check: 'contamination',
    severities: ['warning'],
    subset: 'contaminated',
    title: 'overlap with another benchmark',
    explanation: 'the task overlaps a task of another benchmark named with --compare-with',
  },
  'task-count-mismatch': {
    check: 'static',
    severities: ['error'],
    subset: null,
    title: 'task count mismatch',
    explanation: 'the data has another number of tasks than the benchmark\'s manifest promises',
  },
};

/** The finding kinds in schema order. */
export const FINDING_KIND_NAMES = Object.keys(FINDING_KINDS) as FindingKind[];

/** The kinds that put a task in a rescore subset. */
export function subsetKinds(subset: RescoreSubset): FindingKind[] {
  return FINDING_KIND_NAMES.filter((k) => FINDING_KINDS[k].subset === subset);
}

export function isFindingKind(name: string): name is FindingKind {
  return Object.hasOwn(FINDING_KINDS, name);
}
