/**
 * One rule for every per-input limit that decides a finding (survivor sorting, the strengthened suite's kills):
 * a program's call on input i is judged against a step cap S_i = max(CALL_STEP_FLOOR, factor x the reference's
 * line events on i), never against CPU time. The reference's count is known wherever it matters: an input whose
 * untraced reference call took at most referenceCountAboveMs(factor) cannot need more than the floor, every other
 * one is counted (referenceInputOutcomes keeps the count). The program's untraced call gets a CPU limit of a
 * quarter of the cap's worth at the fastest untraced line rate, so a call that finishes within it executed well
 * under the cap and its answer stands; a call it stops is run again counted (countedCall). A counted call over
 * SLOW_SHARE x S_i is `slow`: no untraced run could have decided it, so whether an input is slow is the same on
 * any machine, and a caller can stop after MAX_SLOW_INPUTS of them without load deciding where it stopped.
 */
import { WALL_BACKSTOP_FACTOR } from '../../sandbox/jobs.js';
import type { CallJob, CallOutput, JobResult } from '../../sandbox/types.js';
import { MachineDecided, TRACED_MIN_STEPS_PER_MS, UNTRACED_MAX_STEPS_PER_MS } from './reference-inputs.js';

/**
 * Step cap floor of one call: 100 ms of CPU at a typical loop's 60 k line events per ms (the former per-input CPU
 * floor), a hang or a complexity blow-up beside a reference that needs microseconds. Counted to the cap it costs
 * ~4 s of traced CPU at the slowest traced rate.
 */
export const CALL_STEP_FLOOR = 6_000_000;
/**
 * Share of the cap the untraced call's CPU limit allows at UNTRACED_MAX_STEPS_PER_MS. The rest is the margin that
 * makes `slow` a count-only event: the CPU timer overshoots by up to a scheduler tick (a call returned at 14.4 ms
 * under a 10 ms limit, load 16) and code may run slower than that rate (the untraced limit is then reached earlier,
 * never later).
 */
export const UNTRACED_SHARE = 0.25;
/** A counted call over this share of its cap is slow: no untraced run within its CPU limit can have done that much. */
export const SLOW_SHARE = 0.6;
/**
 * Slow inputs (counted over SLOW_SHARE of the cap) after which a program is not run further: a survivor that is slow
 * but right on hundreds of EvalPlus inputs would otherwise be counted on each (seconds apiece). The same bound as
 * the reference's runaways (MAX_CAPPED_INPUTS).
 */
export const MAX_SLOW_INPUTS = 4;
/** CPU backstop of a counted call, at least: a call still running then works in C (uncounted); it is a timeout. */
export const COUNTED_CALL_BACKSTOP_MS = 30_000;

/** A program's step cap on an input from the reference's line events on it (undefined: not counted, so at most the floor's share). */
export function callStepCap(referenceSteps: number | undefined, factor: number): number {
  return Math.max(CALL_STEP_FLOOR, Math.ceil(factor * (referenceSteps ?? 0)));
}

/** The untraced CPU limit for a call under `stepCap`: finishing within it bounds its line events by UNTRACED_SHARE x the cap. */
export function untracedCallCpuMs(stepCap: number): number {
  return Math.max(1, Math.floor((UNTRACED_SHARE * stepCap) / UNTRACED_MAX_STEPS_PER_MS));
}

/**
 * The reference's untraced CPU (or wall time, its upper bound) on an input above which its line events are counted:
 * below it they are at most CALL_STEP_FLOOR / factor, so the cap is the floor whether or not they were counted.
 */
export function referenceCountAboveMs(factor: number): number {
  return Math.floor(CALL_STEP_FLOOR / Math.max(1, factor) / UNTRACED_MAX_STEPS_PER_MS);
}

/** A counted call: its output (index as in the original job) and whether it was slow (MachineDecided where the machine ended it). */
export type CountedCall = { output: CallOutput; slow: boolean } | { output: undefined; slow: false };

/**
 * Run input `index` of `job` (a call job over literal inputs) again, alone, counting its line events under `stepCap`.
 * A call past the cap, or still running at the CPU backstop (work in C), is a `timeout`; a lost worker or the wall
 * clock throws MachineDecided (the task is transient).
 */
export async function countedCall(run: (job: CallJob) => Promise<JobResult>, job: CallJob, index: number, stepCap: number): Promise<CountedCall> {
  const backstop = countedCallBackstopMs(stepCap);
  const { startIndex: _s, stopOnDifference: _d, stopAfterDifferences: _a, expectDigests: _e, stopAfterCpuMs: _c, ...rest } = job;
  const r = await run({ ...rest, inputs: [job.inputs[index]], digests: true, perInputSteps: stepCap, perInputCpuMs: backstop, timeoutMs: backstop * WALL_BACKSTOP_FACTOR });
  const o = (r.outputs as CallOutput[])[0];
  // No output: the wall clock or a lost worker ended the counted call, which decides nothing.
  if (o === undefined) throw new MachineDecided(`a counted call was ended by the machine (${r.verdict.status})`);
  if (o.status === 'timeout') return { output: { index, status: 'timeout', reason: o.reason ?? 'cpu', ...(o.steps !== undefined ? { steps: o.steps } : {}) }, slow: true };
  const steps = 'steps' in o ? o.steps : undefined;
  return { output: { ...o, index }, slow: steps !== undefined && steps > SLOW_SHARE * stepCap };
}

/**
 * The tests' calls into a program judged one by one (run.ts perCallVerdict), where the reference's own tests run too
 * many line events to count a program's whole run: call i gets the cap callStepCap(the reference's line events on
 * call i), and calls past the reference's are held to the cap of its costliest call. Its untraced run gets this share
 * of the cap's worth of CPU at UNTRACED_MAX_STEPS_PER_MS: a call finishing within it executed at most half its cap,
 * below SLOW_SHARE, so every slow call is counted, on any machine. Half, not UNTRACED_SHARE's quarter: each call
 * the untraced run cannot decide costs a rerun of the tests up to it, and a call as costly as the reference's (a
 * tenth of a cap of factor x its count) then finishes untraced at any rate above 40 k line events per ms.
 */
export const TESTS_CALL_UNTRACED_SHARE = 0.5;
/**
 * CPU limit of loading the program in a job judged call by call (the first call replaces the timer): code that runs
 * at import time is not a call and is not counted, so this is a backstop (a reference loads in milliseconds).
 */
export const TESTS_LOAD_CPU_MS = 30_000;

/** Per-call step caps of a program on the tests from the reference's line events per call (coverage's callLines). */
export function testsCallCaps(callLines: readonly number[], factor: number): { caps: number[]; rest: number } {
  return { caps: callLines.map((n) => callStepCap(n, factor)), rest: callStepCap(callLines.reduce((a, b) => Math.max(a, b), 0), factor) };
}

/** The untraced CPU limit of a tests call under `stepCap`: finishing within it bounds its line events by TESTS_CALL_UNTRACED_SHARE x the cap. */
export function untracedTestsCallCpuMs(stepCap: number): number {
  return Math.max(1, Math.floor((TESTS_CALL_UNTRACED_SHARE * stepCap) / UNTRACED_MAX_STEPS_PER_MS));
}

/** CPU backstop of a counted call under `stepCap` (work in C is not counted): twice the cap at the slowest traced rate. */
export function countedCallBackstopMs(stepCap: number): number {
  return Math.max(COUNTED_CALL_BACKSTOP_MS, 2 * Math.ceil(stepCap / TRACED_MIN_STEPS_PER_MS));
}
