/**
 * The EvalPlus suite of a benchmark that ships one (HumanEval+, MBPP+): every base and plus input
 * that passes the contract, expected output = the reference's, compared with EvalPlus's oracle.
 * An EvalPlus harness fails a program on the first input it gets wrong, raises on or exceeds the
 * time limit on; the -plus audits judge mutants and trivial baselines by this suite, not by the
 * original benchmark's asserts. Line events decide, so load does not: which inputs the reference answers
 * (referenceInputOutcomes, as for every reference input), and a candidate's timeout on an input (past EvalPlus's
 * factor x the reference's line events on it, at least the floor: counted-calls.ts).
 */
import type { Task } from '../../model/task.js';
import { callJob } from '../../sandbox/jobs.js';
import type { CallJob, CallOutput, EncodedValue, JobResult, SandboxJob } from '../../sandbox/types.js';
import { evalplusAccepts, oracleFor, comparable } from '../execution/evalplus-oracle.js';
import { callStepCap, countedCall, MAX_SLOW_INPUTS, referenceCountAboveMs, untracedCallCpuMs } from './counted-calls.js';
import { MachineDecided, REFERENCE_COUNT_ABOVE_CPU_MS, referenceInputOutcomes } from './reference-inputs.js';

/** EvalPlus's time-limit factor over the reference (evalplus/evaluate.py DEFAULT_GT_TIME_LIMIT_FACTOR = 4), applied to line events. */
export const SUITE_TIME_FACTOR = 4;
/** Wall-clock safety net of a suite job (sleeping code uses no CPU); hitting it decides nothing. */
const SUITE_WALL_SAFETY_MS = 600_000;
/** Stopping jobs per candidate whose first differing output the oracle accepts after all (floats within tolerance); then one job runs the rest. */
const MAX_STOPPING_JOBS = 4;

export interface PlusSuite {
  /** The inputs kept (contract passed, reference answered), with the reference's output and digest. */
  inputs: unknown[][];
  expected: EncodedValue[];
  digests: (string | null)[];
  /** A candidate's line events per input: max(floor, SUITE_TIME_FACTOR x the reference's). */
  stepCaps: number[];
}

/** Run the reference on every base and plus input; keep those it answers. Undefined when the task has no EvalPlus inputs. */
export async function buildPlusSuite(task: Task, run: (job: SandboxJob) => Promise<JobResult>): Promise<PlusSuite | undefined> {
  if (!task.inputs) return undefined;
  const all = [...task.inputs.base, ...task.inputs.plus];
  if (all.length === 0) return undefined;
  const job: CallJob = { ...callJob(task, all, { contract: true, timeoutMs: SUITE_WALL_SAFETY_MS }), digests: true };
  // Counted wherever the count could set a candidate's cap above the floor.
  const countAboveCpuMs = Math.min(REFERENCE_COUNT_ABOVE_CPU_MS, referenceCountAboveMs(SUITE_TIME_FACTOR));
  const { outputs } = await referenceInputOutcomes(run, job, { countAboveCpuMs });
  const suite: PlusSuite = { inputs: [], expected: [], digests: [], stepCaps: [] };
  for (const o of [...outputs.values()].sort((a, b) => a.index - b.index)) {
    // Inputs the contract promoted to floats are left out: the candidates would be called with the JSON ints.
    if (o.status !== 'returned' || o.promoted) continue;
    suite.inputs.push(all[o.index]);
    suite.expected.push(o.value);
    suite.digests.push(o.digest ?? null);
    suite.stepCaps.push(callStepCap(o.steps, SUITE_TIME_FACTOR));
  }
  return suite.inputs.length > 0 ? suite : undefined;
}

/**
 * Does the candidate pass the whole suite (every output accepted by EvalPlus's oracle)? A call the untraced CPU
 * limit stops is counted: past its cap the candidate fails (EvalPlus fails a timeout); slow on MAX_SLOW_INPUTS
 * inputs, or undecided by the machine, it is counted as passing rather than invent a kill. `untracedCpuMs` (tests)
 * lowers the untraced CPU limits, as load would: the verdict stays the same.
 */
export async function passesPlusSuite(
  task: Task,
  suite: PlusSuite,
  candidate: string,
  run: (job: SandboxJob) => Promise<JobResult>,
  options: { untracedCpuMs?: number } = {},
): Promise<boolean> {
  const oracle = oracleFor(task.id, task.entryPoint);
  const atol = task.inputs?.atol ?? 0;
  let start = 0;
  let slow = 0;
  const whole = callJob(task, suite.inputs, { candidate, timeoutMs: SUITE_WALL_SAFETY_MS });
  /** Input i counted: `fail`, `pass` (right within its cap), or `stop` (too slow too often: passes). */
  const counted = async (i: number): Promise<'fail' | 'pass' | 'stop'> => {
    const c = await countedCall(run, whole, i, suite.stepCaps[i]);
    const o = c.output;
    if (o === undefined) return 'stop';
    if (o.status === 'timeout' || o.status === 'raised') return 'fail';
    if (o.status !== 'returned') return 'fail';
    if (comparable(o.value, suite.expected[i]) && !evalplusAccepts(o.value, suite.expected[i], { oracle, atol, args: suite.inputs[i] })) return 'fail';
    return c.slow && ++slow >= MAX_SLOW_INPUTS ? 'stop' : 'pass';
  };
  const cpuLimits = suite.stepCaps.map((cap) => Math.min(options.untracedCpuMs ?? Infinity, untracedCallCpuMs(cap)));
  for (let jobs = 0; start < suite.inputs.length; jobs++) {
    const stop = jobs < MAX_STOPPING_JOBS;
    const job: CallJob = {
      ...callJob(task, suite.inputs, { candidate, startIndex: start, timeoutMs: SUITE_WALL_SAFETY_MS }),
      perInputCpuMs: cpuLimits,
      expectDigests: suite.digests,
      ...(stop ? { stopOnDifference: true } : {}),
    };
    const result = await run(job);
    if (result.verdict.status !== 'passed') {
      // The program did not load, or the process died: a harness fails it.
      if (result.verdict.status === 'failed' || (result.verdict.status === 'error' && result.verdict.reason !== 'worker-died' && result.verdict.reason !== 'worker-unresponsive' && result.verdict.reason !== 'harness')) return false;
      // The wall-clock safety net or a lost worker decided nothing: the task is transient rather than a guess either way.
      throw new MachineDecided(`an EvalPlus suite run was ended by the machine (${result.verdict.status === 'error' ? result.verdict.reason : 'wall clock'})`);
    }
    const outputs = result.outputs as CallOutput[];
    let next = suite.inputs.length;
    for (const o of outputs) {
      if (o.status === 'same') continue;
      if (o.status === 'timeout') {
        const r = await counted(o.index);
        if (r === 'fail') return false;
        if (r === 'stop') return true;
        if (stop) next = o.index + 1;
        continue;
      }
      if (o.status !== 'returned') return false;
      const expected = suite.expected[o.index];
      if (comparable(o.value, expected) && !evalplusAccepts(o.value, expected, { oracle, atol, args: suite.inputs[o.index] })) return false;
      if (stop) next = o.index + 1;
    }
    if (!stop || next >= suite.inputs.length || outputs.length === 0) return true;
    start = next;
  }
  return true;
}
