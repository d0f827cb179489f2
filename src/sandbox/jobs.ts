/**
 * Sandbox jobs built from normalized Tasks. Pure: no I/O. (Outputs are compared in one place:
 * `evalplusOutputsMatch` in checks/mutation/py-value.ts.)
 */
import type { Task } from '../model/task.js';
import type { CallJob, ExamplesJob, JobLimits, ProgramSpec, TestsJob } from './types.js';

/** The program around a candidate: the task's imports and setup code. */
/**
 * A job's wall-clock limit is this multiple of its CPU limit: the CPU limit decides (machine load does not move it),
 * the wall clock only ends programs that sleep or block. A 2-core machine running twenty processes gives a job about
 * a tenth of a core, so at this factor load alone never reaches the wall limit.
 */
export const WALL_BACKSTOP_FACTOR = 10;

/** The limits of a job whose time limit is CPU time: `cpuLimitMs`, with the wall clock as a backstop only. */
export function cpuDecided(cpuMs: number): { timeoutMs: number; cpuLimitMs: number } {
  return { timeoutMs: cpuMs * WALL_BACKSTOP_FACTOR, cpuLimitMs: cpuMs };
}

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
  // A script task's tests run in its language's runtime (createRuntime({ language: task.language })).
  if (t.kind === 'script') return { kind: 'tests', program: programFor(task, candidate), entryPoint: task.entryPoint, tests: { kind: 'script', code: t.code }, ...limits };
  const tests: TestsJob['tests'] =
    t.kind === 'check-function'
      ? { kind: 'check-function', code: t.code, checkFunction: t.checkFunction }
      : { kind: 'assert-list', asserts: challenge ? t.challengeAsserts : t.asserts };
  // A check function's tests may call functions the prompt defines (HumanEval's prompts are code; MBPP's are prose).
  const program = t.kind === 'check-function' && task.prompt.trim() ? { ...programFor(task, candidate), helpers: task.prompt } : programFor(task, candidate);
  return { kind: 'tests', program, entryPoint: task.entryPoint, tests, ...(coverage ? { coverage } : {}), ...limits };
}

/** Call the entry point of `candidate` (default: the reference) on argument lists. */
export function callJob(
  task: Task,
  inputs: unknown[][],
  options: { candidate?: string; contract?: boolean; startIndex?: number } & JobLimits = {},
): CallJob {
  const { candidate, contract, startIndex, ...limits } = options;
  return {
    kind: 'call',
    program: programFor(task, candidate),
    entryPoint: task.entryPoint,
    inputs,
    ...(startIndex ? { startIndex } : {}),
    ...(contract && task.inputs?.contract ? { contract: task.inputs.contract } : {}),
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
