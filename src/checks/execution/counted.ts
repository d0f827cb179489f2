/**
 * The execution check's reference verdicts (timeout, slow, and so flaky; MBPP's challenge tests; the plus inputs)
 * decided by a deterministic work measure, the candidate's Python line events (sandbox/python/steps.py), never by
 * CPU time: the same rule as the mutation check's (run.ts countedVerdict, counted-calls.ts). The time limit becomes
 * a step cap at EXECUTION_STEPS_PER_MS. A run is first made untraced; it decides only where its CPU time, at
 * UNTRACED_MAX_STEPS_PER_MS, bounds its line events inside what it must stay under (the slow share of the cap for a
 * pass, the cap otherwise). Every other run (a CPU or wall stop, a slower finish, a lost worker) is run again counted:
 * past the cap it is a timeout on any machine (reason `step-cap`); a counted run that reaches its CPU backstop first
 * worked in C, which the count does not see, and is a timeout with reason `cpu-limit`, reported apart.
 */
import { WALL_BACKSTOP_FACTOR } from '../../sandbox/jobs.js';
import type { CallJob, CallOutput, ExamplesJob, JobResult, SandboxJob, TestsJob, Verdict } from '../../sandbox/types.js';
import { countedCallBackstopMs, untracedTestsCallCpuMs } from '../mutation/counted-calls.js';
import { MACHINE_RETRIES, MachineDecided, machineEnded, UNTRACED_MAX_STEPS_PER_MS } from '../mutation/reference-inputs.js';

/**
 * Line events per ms of the time limit: a typical loop's rate, the one the mutation check's step floors use
 * (CALL_STEP_FLOOR, MUTANT_STEP_FLOOR). HumanEval's 3 s become 180 M line events, which a reference running at
 * about half that rate (Mbpp/123's divisor sums: ~28 k per ms untraced here) uses up in ~6 s of CPU.
 */
export const EXECUTION_STEPS_PER_MS = 60_000;

/** The step cap standing for a time limit. */
export function executionStepCap(timeLimitMs: number): number {
  return Math.round(timeLimitMs * EXECUTION_STEPS_PER_MS);
}

/**
 * CPU limit of a reference's untraced run on its tests: the cap's worth at the fastest untraced rate. It decides
 * nothing (a run it stops is counted); it bounds what a hang costs before it is counted.
 */
export function untracedTestsCpuMs(stepCap: number): number {
  return Math.max(1, Math.floor(stepCap / UNTRACED_MAX_STEPS_PER_MS));
}

/**
 * Untraced CPU limit of one plus input: a call returning within it executed at most half the cap at the fastest
 * untraced rate (the other half absorbs the CPU timer's overshoot). Half, not the mutation check's quarter: no slow
 * share is decided here, and each input it stops costs a traced call.
 */
export function untracedPlusCpuMs(stepCap: number): number {
  return untracedTestsCallCpuMs(stepCap);
}

/**
 * A run a signal ended that no limit of ours sent. The exit status names the signal, not its sender: the program
 * itself (os.kill, abort) or something outside it (the kernel's OOM killer, an operator). Such a run decides only
 * once repeated: it is run again counted, and that run again up to MACHINE_RETRIES times while a signal ends it; a
 * signal that ends every run is the program's. A heuristic: it stops a one-off outside kill from becoming a finding,
 * not a sender that repeats itself.
 */
export function signalled(v: Verdict): boolean {
  return v.status === 'error' && v.reason === 'signal';
}

/** How a run's verdict was decided: untraced (its CPU time bounds its line events), counted, or at the counted run's CPU backstop. */
export type DecidedBy = 'untraced' | 'counted' | 'backstop';

export interface DecidedRun {
  /** A timeout carries `step-cap` (counted past the cap) or `cpu-limit` (the counted run's CPU backstop: work in C). */
  verdict: Verdict;
  /** A pass that executed more than the slow share of the cap (always false where `slowSteps` was not asked). */
  slow: boolean;
  decidedBy: DecidedBy;
  /** The outputs of the run that decided (an examples job's answers come from it). */
  outputs: JobResult['outputs'];
}

/**
 * The verdict of a reference's run on its tests (or on the prompt's examples), from its untraced run `untraced` (of `job`), decided by line
 * events: the untraced verdict stands where the run finished within slowSteps / UNTRACED_MAX_STEPS_PER_MS of CPU
 * (a pass) or stepCap / UNTRACED_MAX_STEPS_PER_MS (any other finish); otherwise the job runs counted, first under
 * `slowSteps` (a pass there is not slow), then, if that cap was reached, under `stepCap` (a pass there is slow).
 * A run the machine ended is retried MACHINE_RETRIES times, then MachineDecided; one a signal ended, likewise, and
 * stands if every retry ends so (signalled).
 */
export async function decideTestsRun(
  untraced: JobResult,
  job: TestsJob | ExamplesJob,
  caps: { stepCap: number; slowSteps?: number },
  run: (job: SandboxJob) => Promise<JobResult>,
): Promise<DecidedRun> {
  const { stepCap } = caps;
  const slowSteps = caps.slowSteps !== undefined && caps.slowSteps < stepCap ? Math.max(1, Math.floor(caps.slowSteps)) : undefined;
  const v = untraced.verdict;
  const finished = v.status !== 'timeout' && !machineEnded(v) && !signalled(v);
  const bound = v.status === 'passed' ? (slowSteps ?? stepCap) : stepCap;
  if (finished && untraced.cpuMs !== undefined && untraced.cpuMs <= bound / UNTRACED_MAX_STEPS_PER_MS) return { verdict: v, slow: false, decidedBy: 'untraced', outputs: untraced.outputs };
  if (slowSteps !== undefined) {
    const first = await countedRun(job, slowSteps, run);
    if (first.verdict.status !== 'timeout') return { ...first, slow: false, decidedBy: 'counted' };
    if (first.verdict.reason !== 'step-cap') return { ...first, slow: false, decidedBy: 'backstop' };
  }
  const full = await countedRun(job, stepCap, run);
  if (full.verdict.status === 'timeout') return { ...full, slow: false, decidedBy: full.verdict.reason === 'step-cap' ? 'counted' : 'backstop' };
  return { ...full, slow: slowSteps !== undefined && full.verdict.status === 'passed', decidedBy: 'counted' };
}

/** `job` counted under `steps`: a timeout is `step-cap` or, at the CPU backstop, `cpu-limit`. */
async function countedRun(job: TestsJob | ExamplesJob, steps: number, run: (job: SandboxJob) => Promise<JobResult>): Promise<{ verdict: Verdict; outputs: JobResult['outputs'] }> {
  const backstopMs = countedCallBackstopMs(steps);
  const limits = { candidateSteps: steps, cpuLimitMs: backstopMs, timeoutMs: backstopMs * WALL_BACKSTOP_FACTOR };
  let counted: SandboxJob;
  if (job.kind === 'tests') {
    const { coverage: _c, callLimits: _l, ...base } = job;
    counted = { ...base, ...limits };
  } else counted = { ...job, ...limits };
  let r = await run(counted);
  for (let retry = 0; retry < MACHINE_RETRIES && (machineEnded(r.verdict) || signalled(r.verdict)); retry++) r = await run(counted);
  const v = r.verdict;
  if (machineEnded(v)) throw new MachineDecided(`a counted run of a reference was ended by the machine ${MACHINE_RETRIES + 1} times (${v.status === 'error' ? v.reason : 'wall clock'})`);
  if (v.status === 'timeout') return { verdict: { status: 'timeout', completed: v.completed, reason: v.reason === 'step-cap' ? 'step-cap' : 'cpu-limit' }, outputs: r.outputs };
  return { verdict: v, outputs: r.outputs };
}

/** Outcome of one plus input: a call output, or not run (after the task's timeouts cut the rest). */
export type PlusOutcome = CallOutput | { index: number; status: 'not-run' };

export interface PlusRun {
  /** One outcome per input, in input order. A timeout carries `reason`: `step-cap`, or `cpu` (the counted call's CPU backstop). */
  outcomes: PlusOutcome[];
  /** Inputs counted because their untraced call could not decide (work, not results: run block). */
  counted: number;
}

/**
 * The reference on its plus inputs (`job`: every input, the untraced per-input CPU limit set by the caller), each
 * input decided by line events: an input whose untraced call returned (or raised) within its CPU limit is answered
 * as it did; an untraced timeout, or an input the job ended at (its wall clock, a lost worker), is counted alone
 * under `stepCap`. Inputs are decided in input order; after `maxTimeouts` counted timeouts every later input is
 * `not-run`, so where the task stops depends only on counts.
 */
export async function plusOutcomes(
  job: CallJob,
  stepCap: number,
  maxTimeouts: number,
  run: (job: CallJob) => Promise<JobResult>,
): Promise<PlusRun> {
  const total = job.inputs.length;
  const outcomes: PlusOutcome[] = Array.from({ length: total }, (_, index) => ({ index, status: 'not-run' }));
  // A counted call has no per-input wall limit (a traced call under load may take long): its CPU backstop decides.
  const { perInputMs: _w, ...countable } = job;
  let counted = 0;
  let timeouts = 0;
  /** Decide input `index` by counting it; true once the task's timeouts cut the rest. */
  const count = async (index: number): Promise<boolean> => {
    counted++;
    const o = await countedPlusCall(run, countable, index, stepCap);
    outcomes[index] = o;
    return o.status === 'timeout' && ++timeouts >= maxTimeouts;
  };
  for (let start = 0; start < total; ) {
    const r = await run({ ...job, ...(start > 0 ? { startIndex: start } : {}) });
    const outs = r.outputs as CallOutput[];
    for (const o of outs) {
      if (o.status === 'timeout') {
        if (await count(o.index)) return { outcomes, counted };
      } else outcomes[o.index] = o;
    }
    const v = r.verdict;
    const at = start + outs.length;
    // Passed, or the program did not load (its phase is in the verdict: the test runs report it).
    if (v.status === 'passed' || v.status === 'failed' || at >= total) break;
    if (v.status === 'timeout' || machineEnded(v)) {
      // The job's wall clock or the machine ended it at this input: decided by counting it alone.
      if (await count(at)) return { outcomes, counted };
    } else if (await count(at)) {
      // The program's own crash or limit on this input (memory, its output's size, a signal), taken from the counted
      // run alone, since whether the untraced call got that far before its CPU limit depends on the machine.
      return { outcomes, counted };
    }
    start = at + 1;
  }
  return { outcomes, counted };
}

/**
 * Input `index` of `job` alone, counted under `stepCap`: past the cap a `step-cap` timeout, at the CPU backstop a
 * `cpu` one (work in C). A job the program itself ended without an output (its memory, its output size, a signal
 * that ends every retry: signalled) is that input's crash, as in the untraced pass; one the machine ended is retried
 * MACHINE_RETRIES times, then MachineDecided.
 */
async function countedPlusCall(run: (job: CallJob) => Promise<JobResult>, job: CallJob, index: number, stepCap: number): Promise<CallOutput> {
  const backstop = countedCallBackstopMs(stepCap);
  const { startIndex: _s, ...rest } = job;
  const counted: CallJob = { ...rest, inputs: [job.inputs[index]], perInputSteps: stepCap, perInputCpuMs: backstop, timeoutMs: backstop * WALL_BACKSTOP_FACTOR };
  let r = await run(counted);
  const lost = (x: JobResult) => (x.outputs as CallOutput[]).length === 0 && (machineEnded(x.verdict) || signalled(x.verdict));
  for (let retry = 0; retry < MACHINE_RETRIES && lost(r); retry++) r = await run(counted);
  const o = (r.outputs as CallOutput[])[0];
  const v = r.verdict;
  if (o === undefined) {
    if (machineEnded(v) || v.status === 'passed') throw new MachineDecided(`a counted plus input was ended by the machine ${MACHINE_RETRIES + 1} times (${v.status})`);
    if (v.status === 'timeout') return { index, status: 'timeout', reason: v.reason === 'step-cap' ? 'step-cap' : 'cpu' };
    if (v.status === 'failed') return { index, status: 'raised', exception: v.exception, message: v.message };
    return { index, status: 'raised', exception: v.reason, message: v.message ?? v.signal ?? '' };
  }
  if (o.status === 'timeout') return { index, status: 'timeout', reason: o.reason === 'step-cap' ? 'step-cap' : 'cpu', ...(o.steps !== undefined ? { steps: o.steps } : {}) };
  return { ...o, index };
}
