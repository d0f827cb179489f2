/**
 * Which candidate inputs a reference answers (the survivors' differential inputs, the sibling's
 * confirmation, the strengthened suite's inputs), decided by a deterministic work measure, Python
 * line events (sandbox/python/steps.py), never by CPU time, so machine load cannot change which
 * witnesses exist. Every input is first run untraced under a CPU pre-filter; an input that returns
 * within REFERENCE_COUNT_ABOVE_CPU_MS (wall time, an upper bound of its CPU time) cannot have reached the step cap and is answered as is.
 * The rest (slower, timed out, or lost to the wall-clock safety net) run again with the step counter:
 * returned within REFERENCE_INPUT_STEP_CAP = answered, past it = not answered; a call that reaches the
 * counted pass's CPU backstop first did its work in C and is `undecided`, reported apart.
 */
import type { Task } from '../../model/task.js';
import { WALL_BACKSTOP_FACTOR } from '../../sandbox/jobs.js';
import type { CallJob, CallOutput, JobResult, Verdict } from '../../sandbox/types.js';
import { pyRepr, type PyValue } from './py-value.js';

/**
 * Raised where the machine, not the program, ended a run whose result would decide something (a lost worker, the
 * wall-clock backstop of a counted run): the task's analysis is transient (reported, never checkpointed, no finding).
 */
export class MachineDecided extends Error {}

/** A verdict the machine decided rather than the program: a wall-clock timeout, or a worker or harness failure. */
export function machineEnded(v: Verdict): boolean {
  if (v.status === 'timeout') return v.reason !== 'cpu-limit' && v.reason !== 'step-cap';
  return v.status === 'error' && (v.reason === 'worker-died' || v.reason === 'worker-unresponsive' || v.reason === 'harness');
}

/** Runs of a job that a lost worker ended are retried this often before the task is left transient. */
export const MACHINE_RETRIES = 2;

/**
 * `run` with every run a lost worker (or a harness failure) ended retried MACHINE_RETRIES times, then MachineDecided:
 * no verdict, output or count of such a run reaches a result. Wall-clock ends are left to the callers (for an
 * untraced run they are a safety net that decides nothing; a counted run's is machineEnded).
 */
export function retryingLostWorkers<J>(run: (job: J) => Promise<JobResult>): (job: J) => Promise<JobResult> {
  return async (job) => {
    let r = await run(job);
    for (let retry = 0; retry < MACHINE_RETRIES && lostWorker(r.verdict); retry++) r = await run(job);
    if (lostWorker(r.verdict)) throw new MachineDecided(`a sandbox run ended without a verdict ${MACHINE_RETRIES + 1} times (${r.verdict.status === 'error' ? r.verdict.reason : r.verdict.status})`);
    return r;
  };
}

function lostWorker(v: Verdict): boolean {
  return v.status === 'error' && (v.reason === 'worker-died' || v.reason === 'worker-unresponsive' || v.reason === 'harness');
}

/**
 * Line events the reference may execute on one candidate input. It sits in the widest gap of what
 * HumanEval's and MBPP's references need near the former 280 ms CPU rule (counted on every candidate
 * input, Python 3.11): 2.8-5.1 M (HumanEval/63 and /55's plus inputs, Mbpp/583's catalan(13)) below,
 * 9.0-9.4 M (Mbpp/392, Mbpp/583, HumanEval/63) above, then tens of millions and runaways; 6.8 M is
 * the geometric middle of 5.1 M and 9.0 M, 1.3x from either side.
 */
export const REFERENCE_INPUT_STEP_CAP = 6_800_000;
/**
 * Line events per ms of CPU that CPython executes untraced at most: 200 M/s, 1.8x the fastest loop measured on
 * Python 3.11 (`while True: i += 1; if i >= n: break`, 103-111 k per ms; `python3 bench/line-rate.py`). A program
 * that finished within C ms of CPU executed at most C x this many line events. Straight runs of no-op lines (50
 * `pass` in a loop body: 480 k per ms) go faster; no benchmark code or mutant of it is shaped so.
 */
export const UNTRACED_MAX_STEPS_PER_MS = 200_000;
/**
 * Untraced CPU below which an answered input is not counted: such a call executed at most
 * REFERENCE_INPUT_STEP_CAP / UNTRACED_MAX_STEPS_PER_MS of work: it could not have reached the cap.
 */
export const REFERENCE_COUNT_ABOVE_CPU_MS = Math.floor(REFERENCE_INPUT_STEP_CAP / UNTRACED_MAX_STEPS_PER_MS);
/** The slowest traced rate measured (line events per ms of CPU), for sizing a counted run's CPU backstop. */
export const TRACED_MIN_STEPS_PER_MS = 1_500;
/**
 * CPU limit of the untraced pass. It decides nothing (an input over it is counted, as is one over
 * REFERENCE_COUNT_ABOVE_CPU_MS), so any value above that gives the same inputs; it bounds what a hang
 * costs before it is counted.
 */
export const REFERENCE_INPUT_CPU_MS = 2 * REFERENCE_COUNT_ABOVE_CPU_MS;
/** CPU backstop of a counted call: the step cap traced takes at most ~4.5 s (1.5 M events/s, the slowest traced rate measured); a call still running at this works in C. */
export const REFERENCE_COUNTED_BACKSTOP_MS = 30_000;

/**
 * Counting a runaway to the cap costs ~2 s of CPU (tracing), against a fraction of a second untraced: once this many
 * of a job's inputs have run past the cap, every later input of the job (in input order) is dropped uncounted. The
 * cut depends only on counts, so it is the same on any machine; it bites where inputs grow with their index
 * (EvalPlus's plus inputs, smallest first: HumanEval/55's fib(n) past a few dozen never returns in the cap).
 */
export const MAX_CAPPED_INPUTS = 4;
/** Inputs counted per job of the counted pass: the pass stops after the job that reaches MAX_CAPPED_INPUTS. */
const COUNTED_CHUNK = MAX_CAPPED_INPUTS;

/** What the counted pass learned about one input: its counted output, or no output though the program, not the machine, ended the job. */
export type CountedOutcome = { output: CallOutput } | { undecided: true };

/**
 * Counted outcomes kept across the passes of one task's analysis that ask the same program about the same input
 * (survivor sorting, then the strengthened suite, each with its own job): counting an input again only repeats its
 * cost, and a runaway into big-int arithmetic (Mbpp/24 on a negative number) costs the whole CPU backstop each time.
 * The per-input outcome is already taken as independent of the job around it (the untraced and counted passes run
 * an input in different jobs and their outputs are merged), so reusing it changes no result. Keys: referenceCallKey
 * plus the limits of the pass.
 */
export type CountedOutcomeMemo = Map<string, CountedOutcome>;

/** A memo and each input's key in it (referenceCallKey), for referenceInputOutcomes. */
export interface CountedMemoUse {
  outcomes: CountedOutcomeMemo;
  keyOf: (index: number) => string;
}

/** What makes one reference call the same call in another job: the program, the contract it is held to, the arguments. */
export function referenceCallKey(program: Pick<Task, 'solution' | 'setupCode' | 'imports' | 'entryPoint'>, checkedContract: string, args: readonly PyValue[]): string {
  return JSON.stringify([program.solution, program.setupCode, program.imports, program.entryPoint, checkedContract.trim() === '' ? '' : checkedContract, args.map(pyRepr)]);
}

export interface ReferenceInputOutcomes {
  /** Per input index: the untraced output where it decides, else the counted one (returned, raised, or a step-capped timeout). */
  outputs: Map<number, CallOutput>;
  /** Inputs the counted pass could not decide (CPU backstop or wall-clock safety net): not answered, reported apart. */
  undecided: number;
  /** Inputs that were counted, and the untraced pass's summed job time (work, not results). */
  counted: number;
  firstPassMs: number;
  /** The input at which MAX_CAPPED_INPUTS was reached: later inputs were dropped. */
  cutAfter?: number;
}

/** Outputs of one job on its inputs, resuming after an input that hangs the job past its wall clock (that input gets no output). */
async function outputsOf(run: (job: CallJob) => Promise<JobResult>, job: CallJob): Promise<{ outputs: Map<number, CallOutput>; ms: number; endedBy: (i: number) => Verdict | undefined }> {
  const outputs = new Map<number, CallOutput>();
  // Why an input has no output: the verdict of the run that ended at it (a timeout; the next run starts after it),
  // or of the run that stopped the job there (every later input then has none either).
  const ends = new Map<number, Verdict>();
  let stop: { at: number; verdict: Verdict } | undefined;
  let ms = 0;
  const count = job.inputs.length;
  for (let start = 0; start < count; ) {
    const r = await run({ ...job, ...(start > 0 ? { startIndex: start } : {}) });
    ms += r.durationMs;
    for (const o of r.outputs as CallOutput[]) outputs.set(o.index, o);
    const at = start + (r.outputs as CallOutput[]).length;
    if (r.verdict.status !== 'timeout') {
      if (at < count) stop = { at, verdict: r.verdict };
      break;
    }
    ends.set(at, r.verdict);
    start = at + 1;
  }
  return { outputs, ms, endedBy: (i) => ends.get(i) ?? (stop !== undefined && i >= stop.at ? stop.verdict : undefined) };
}

/** Does a first-pass output need the step counter to decide whether the input is answered? */
function needsCount(o: CallOutput | undefined, countAboveCpuMs: number): boolean {
  if (o === undefined || o.status === 'timeout') return true;
  // A raise is not answered whatever it cost; only a return over the pre-filter might be past the cap. The call's
  // wall time bounds its CPU time from above (the CPU clock has been seen to read 0 for a call of ~100,000 line
  // events), so the filter stays sound; load only sends more inputs to the counter.
  return o.status === 'returned' && Math.max(o.ms, o.cpuMs ?? 0) > countAboveCpuMs;
}

/**
 * The reference `job` (a call job, one input per call) on all its inputs, decided by line events.
 * `firstPassCpuMs` and `countAboveCpuMs` are for tests: results do not depend on them as long as the
 * pre-filter stays below REFERENCE_INPUT_STEP_CAP's worth of untraced CPU.
 */
export async function referenceInputOutcomes(
  run: (job: CallJob) => Promise<JobResult>,
  job: CallJob,
  options: { firstPassCpuMs?: number; countAboveCpuMs?: number; stepCap?: number; maxCapped?: number; memo?: CountedMemoUse } = {},
): Promise<ReferenceInputOutcomes> {
  const countAbove = options.countAboveCpuMs ?? REFERENCE_COUNT_ABOVE_CPU_MS;
  const { outputs: first, ms: firstPassMs } = await outputsOf(run, { ...job, perInputCpuMs: options.firstPassCpuMs ?? REFERENCE_INPUT_CPU_MS });
  const todo = job.inputs.map((_, i) => i).filter((i) => needsCount(first.get(i), countAbove));
  const outputs = new Map<number, CallOutput>();
  for (const [i, o] of first) if (!todo.includes(i)) outputs.set(i, o);
  let undecided = 0;
  let capped = 0;
  let cut = job.inputs.length;
  let counted = 0;
  const maxCapped = options.maxCapped ?? MAX_CAPPED_INPUTS;
  const stepCap = options.stepCap ?? REFERENCE_INPUT_STEP_CAP;
  const memo = options.memo;
  // The limits that decide a counted outcome are part of its key.
  const memoKey = (i: number) => `${stepCap}:${REFERENCE_COUNTED_BACKSTOP_MS}:${job.digests === true}:${memo!.keyOf(i)}`;
  for (let from = 0; from < todo.length && cut === job.inputs.length; from += COUNTED_CHUNK) {
    const chunk = todo.slice(from, from + COUNTED_CHUNK);
    counted += chunk.length;
    const known = new Map<number, CountedOutcome>();
    if (memo) for (const i of chunk) {
      const m = memo.outcomes.get(memoKey(i));
      if (m !== undefined) known.set(i, m);
    }
    const fresh = chunk.filter((i) => !known.has(i));
    let ran: { outputs: Map<number, CallOutput>; endedBy: (i: number) => Verdict | undefined } | undefined;
    if (fresh.length > 0) {
      // The job's wall clock is only a safety net for sleeping code: a traced runaway (seconds of CPU) must never reach it under load.
      const timeoutMs = Math.max(job.timeoutMs ?? 0, fresh.length * REFERENCE_COUNTED_BACKSTOP_MS * WALL_BACKSTOP_FACTOR);
      ran = await outputsOf(run, { ...job, inputs: fresh.map((i) => job.inputs[i]), timeoutMs, perInputCpuMs: REFERENCE_COUNTED_BACKSTOP_MS, perInputSteps: stepCap });
    }
    chunk.forEach((i) => {
      if (i >= cut) return;
      let outcome = known.get(i);
      if (outcome === undefined) {
        const o = ran!.outputs.get(fresh.indexOf(i));
        if (o === undefined) {
          // No output. Where the job's wall clock or a lost worker ended the counted pass there, nothing is decided; where
          // the reference itself ended the job (its memory, its output), the input stays undecided on any machine.
          const end = ran!.endedBy(fresh.indexOf(i));
          if (end === undefined || machineEnded(end)) throw new MachineDecided(`the counted pass over the reference's inputs was ended by the machine at input ${i}`);
          outcome = { undecided: true };
        } else outcome = { output: o };
        memo?.outcomes.set(memoKey(i), outcome);
      }
      if (!('output' in outcome)) {
        undecided++;
        return;
      }
      const o = outcome.output;
      if (o.status === 'timeout' && o.reason !== 'step-cap') {
        undecided++;
        return;
      }
      if (o.status === 'timeout' && ++capped >= maxCapped) cut = i + 1;
      const before = first.get(i);
      // Keep the untraced output where the input returned both times (the traced CPU time is inflated), with the count: it sets the survivors' step caps.
      outputs.set(i, o.status === 'returned' && before?.status === 'returned' ? { ...before, ...(o.steps !== undefined ? { steps: o.steps } : {}) } : { ...o, index: i });
    });
  }
  // Past the cut nothing is answered, whatever the untraced pass saw.
  for (const i of [...outputs.keys()]) if (i >= cut) outputs.delete(i);
  return { outputs, undecided, counted, firstPassMs, ...(cut < job.inputs.length ? { cutAfter: cut - 1 } : {}) };
}
