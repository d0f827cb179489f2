/**
 * The EvalPlus suite of a benchmark that ships one (HumanEval+, MBPP+): every base and plus input
 * that passes the contract, expected output = the reference's, compared with EvalPlus's oracle.
 * An EvalPlus harness fails a program on the first input it gets wrong, raises on or exceeds the
 * time limit on; the -plus audits judge mutants and trivial baselines by this suite, not by the
 * original benchmark's asserts. Limits are CPU time, so load does not decide a verdict.
 */
import type { Task } from '../../model/task.js';
import { callJob } from '../../sandbox/jobs.js';
import type { CallJob, CallOutput, EncodedValue, JobResult, SandboxJob } from '../../sandbox/types.js';
import { evalplusAccepts, oracleFor, comparable } from '../execution/evalplus-oracle.js';

/** CPU time the reference may spend on one suite input; one it does not answer within this is left out of the suite (EvalPlus's minimum per-input limit, evalplus/evaluate.py DEFAULT_MIN_TIME_LIMIT = 4 s). */
export const SUITE_REFERENCE_CPU_MS = 4_000;
/** A candidate's CPU limit per input: max(this floor, EvalPlus's factor x the reference's CPU time on it). */
export const SUITE_CANDIDATE_CPU_FLOOR_MS = 100;
/** EvalPlus's time-limit factor over the reference (evalplus/evaluate.py DEFAULT_GT_TIME_LIMIT_FACTOR = 4). */
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
  cpuLimits: number[];
}

/** Run the reference on every base and plus input; keep those it answers. Undefined when the task has no EvalPlus inputs. */
export async function buildPlusSuite(task: Task, run: (job: SandboxJob) => Promise<JobResult>): Promise<PlusSuite | undefined> {
  if (!task.inputs) return undefined;
  const all = [...task.inputs.base, ...task.inputs.plus];
  if (all.length === 0) return undefined;
  const job: CallJob = { ...callJob(task, all, { contract: true, timeoutMs: SUITE_WALL_SAFETY_MS }), perInputCpuMs: SUITE_REFERENCE_CPU_MS, digests: true };
  const result = await run(job);
  const suite: PlusSuite = { inputs: [], expected: [], digests: [], cpuLimits: [] };
  for (const o of result.outputs as CallOutput[]) {
    // Inputs the contract promoted to floats are left out: the candidates would be called with the JSON ints.
    if (o.status !== 'returned' || o.promoted) continue;
    suite.inputs.push(all[o.index]);
    suite.expected.push(o.value);
    suite.digests.push(o.digest ?? null);
    suite.cpuLimits.push(Math.max(SUITE_CANDIDATE_CPU_FLOOR_MS, Math.ceil(SUITE_TIME_FACTOR * (o.cpuMs ?? 0))));
  }
  return suite.inputs.length > 0 ? suite : undefined;
}

/** Does the candidate pass the whole suite (every output accepted by EvalPlus's oracle)? */
export async function passesPlusSuite(task: Task, suite: PlusSuite, candidate: string, run: (job: SandboxJob) => Promise<JobResult>): Promise<boolean> {
  const oracle = oracleFor(task.id, task.entryPoint);
  const atol = task.inputs?.atol ?? 0;
  let start = 0;
  for (let jobs = 0; start < suite.inputs.length; jobs++) {
    const stop = jobs < MAX_STOPPING_JOBS;
    const job: CallJob = {
      ...callJob(task, suite.inputs, { candidate, startIndex: start, timeoutMs: SUITE_WALL_SAFETY_MS }),
      perInputCpuMs: suite.cpuLimits,
      expectDigests: suite.digests,
      ...(stop ? { stopOnDifference: true } : {}),
    };
    const result = await run(job);
    if (result.verdict.status !== 'passed') {
      // The program did not load, or the process died: a harness fails it.
      if (result.verdict.status === 'failed' || (result.verdict.status === 'error' && result.verdict.reason !== 'worker-died' && result.verdict.reason !== 'worker-unresponsive' && result.verdict.reason !== 'harness')) return false;
      // The wall-clock safety net or a lost worker decided nothing: count it as passing rather than invent a kill.
      return true;
    }
    const outputs = result.outputs as CallOutput[];
    let next = suite.inputs.length;
    for (const o of outputs) {
      if (o.status === 'same') continue;
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
