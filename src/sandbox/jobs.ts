/**
 * Sandbox jobs built from normalized Tasks, and output comparison for differential testing.
 * Pure: no I/O.
 */
import { ToolError } from '../errors.js';
import type { Task } from '../model/task.js';
import type { CallJob, EncodedValue, ExamplesJob, JobLimits, ProgramSpec, TestsJob } from './types.js';

/** The program around a candidate: the task's imports and setup code. */
export function programFor(task: Task, candidate: string = task.solution): ProgramSpec {
  return { candidate, setup: task.setupCode, imports: task.imports };
}

/**
 * Run the task's own tests against `candidate` (default: its reference solution).
 * `challenge` runs MBPP's challenge asserts instead of the regular ones.
 */
export function testsJob(
  task: Task,
  options: { candidate?: string; challenge?: boolean; coverage?: boolean } & JobLimits = {},
): TestsJob {
  const { candidate, challenge, coverage, ...limits } = options;
  const t = task.tests;
  if (t.kind === 'script') throw new ToolError(`task ${task.id} is ${task.language ?? 'not Python'}: its tests run in that language's runtime, not the Python sandbox`);
  const tests: TestsJob['tests'] =
    t.kind === 'check-function'
      ? { kind: 'check-function', code: t.code, checkFunction: t.checkFunction }
      : { kind: 'assert-list', asserts: challenge ? t.challengeAsserts : t.asserts };
  return { kind: 'tests', program: programFor(task, candidate), entryPoint: task.entryPoint, tests, ...(coverage ? { coverage } : {}), ...limits };
}

/** The EvalPlus MBPP+ input rule for a task ("Mbpp/2" -> "mbpp-plus:2"), or undefined. */
export function inputRuleFor(task: Task): string | undefined {
  if (!task.inputs) return undefined;
  const m = /^Mbpp\/(\d+)$/.exec(task.id);
  return m ? `mbpp-plus:${m[1]}` : undefined;
}

/** Call the entry point of `candidate` (default: the reference) on argument lists. */
export function callJob(
  task: Task,
  inputs: unknown[][],
  options: { candidate?: string; contract?: boolean; startIndex?: number } & JobLimits = {},
): CallJob {
  const { candidate, contract, startIndex, ...limits } = options;
  const rule = inputRuleFor(task);
  return {
    kind: 'call',
    program: programFor(task, candidate),
    entryPoint: task.entryPoint,
    inputs,
    ...(startIndex ? { startIndex } : {}),
    ...(contract && task.inputs?.contract ? { contract: task.inputs.contract } : {}),
    ...(rule ? { inputRule: rule } : {}),
    ...limits,
  };
}

/** Check prompt examples; `assert`-style examples expecting True/False compare truthiness, as `assert` does. */
export function examplesJob(
  task: Task,
  examples: { call: string; expected: string; style?: string }[],
  options: { candidate?: string; atol?: number } & JobLimits = {},
): ExamplesJob {
  const { candidate, atol, ...limits } = options;
  return {
    kind: 'examples',
    program: programFor(task, candidate),
    examples: examples.map((e) => ({
      call: e.call,
      expected: e.expected,
      ...(e.style === 'assert' && (e.expected.trim() === 'True' || e.expected.trim() === 'False') ? { truthy: true } : {}),
    })),
    ...(atol !== undefined ? { atol } : {}),
    ...limits,
  };
}

/** Relative tolerance EvalPlus applies to floats besides `atol` (numpy.allclose default rtol). */
export const FLOAT_RTOL = 1e-7;

function isTagged<K extends string>(v: EncodedValue, key: K): v is Extract<EncodedValue, Record<K, unknown>> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && key in v;
}

function asFloat(v: EncodedValue): number | undefined {
  if (typeof v === 'number') return v;
  if (isTagged(v, 'float')) return v.float === 'nan' ? NaN : v.float === 'inf' ? Infinity : -Infinity;
  return undefined;
}

/**
 * Are two encoded outputs equal, as EvalPlus compares them: `==`, with floats equal within
 * `atol + rtol * |expected|` (NaN equals NaN), recursively through lists and tuples.
 * A list never equals a tuple (Python's `==` says so too).
 */
export function outputsEqual(actual: EncodedValue, expected: EncodedValue, atol = 0): boolean {
  const a = asFloat(actual);
  const e = asFloat(expected);
  if (a !== undefined && e !== undefined && typeof actual !== 'boolean' && typeof expected !== 'boolean') {
    if (Number.isNaN(a) || Number.isNaN(e)) return Number.isNaN(a) && Number.isNaN(e);
    if (a === e) return true;
    return Math.abs(a - e) <= atol + FLOAT_RTOL * Math.abs(e);
  }
  if (Array.isArray(actual) || Array.isArray(expected)) {
    return Array.isArray(actual) && Array.isArray(expected) && actual.length === expected.length && actual.every((x, i) => outputsEqual(x, expected[i], atol));
  }
  if (actual === null || expected === null || typeof actual !== 'object' || typeof expected !== 'object') return actual === expected;
  if (isTagged(actual, 'tuple') && isTagged(expected, 'tuple')) return outputsEqual(actual.tuple, expected.tuple, atol);
  if (isTagged(actual, 'complex') && isTagged(expected, 'complex')) return outputsEqual(actual.complex, expected.complex, atol);
  // Sets and dicts arrive in a canonical order (sorted by encoding); compare pairwise.
  if (isTagged(actual, 'set') && isTagged(expected, 'set')) return outputsEqual(actual.set, expected.set, atol);
  if (isTagged(actual, 'dict') && isTagged(expected, 'dict')) {
    const key = (p: [EncodedValue, EncodedValue]) => JSON.stringify(p[0]);
    const ea = [...actual.dict].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    const eb = [...expected.dict].sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
    return ea.length === eb.length && ea.every((p, i) => key(p) === key(eb[i]) && outputsEqual(p[1], eb[i][1], atol));
  }
  return JSON.stringify(actual) === JSON.stringify(expected);
}
