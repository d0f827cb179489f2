/**
 * The execution check: runs every task's tests against its reference solution in the sandbox
 * (several times, under different PYTHONHASHSEEDs), MBPP's challenge tests, the prompt's examples,
 * and for EvalPlus benchmarks the plus inputs. Findings: canonical-fails, flaky, slow, timeout,
 * setup-error, prompt-example-mismatch, plus-input-crash, contract-violation. A Python reference's timeout and
 * slow (on its tests, challenge tests and plus inputs), and whether its prompt examples can be evaluated, are decided
 * by counted line events, not CPU time (counted.ts); a task whose counted run the machine ended every time is skipped
 * with a warning.
 */
import type { ExecutionConfig, Finding, PromptExample, Warning } from '../../model/types.generated.js';
import { callJob, cpuDecided, examplesJob, testsJob, WALL_BACKSTOP_FACTOR } from '../../sandbox/jobs.js';
import type { Runtime, RuntimeInfo } from '../../sandbox/runtime.js';
import { createRuntime } from '../../sandbox/runtimes.js';
import type { CallJob, ExamplesJob, JobResult, SandboxJob, TestsJob } from '../../sandbox/types.js';
import { taskLanguage, type Task } from '../../model/task.js';
import { loadJavaScriptParser } from '../../javascript/parser.js';
import { DEFAULT_JS_LIMITS, scriptRunner } from '../../sandbox/js/runtime.js';
import { compareWithPython, crossLanguageFinding } from './cross-language.js';
import { exampleScriptWarning, jsLimits, runJavaScriptTask, type JsJobRunner, type JsTaskRun } from './javascript.js';
import { extractPromptExamples } from '../static/prompt-examples.js';
import type { Check, CheckContext, CheckOutput, TaskCheckOutput } from '../types.js';
import { DEFAULT_EXECUTION_CONFIG } from '../../model/defaults.generated.js';
import { analyzeTask, summarize, type PlusOutcome, type TaskRuns } from './analyze.js';
import { decideTestsRun, EXECUTION_STEPS_PER_MS, executionStepCap, plusOutcomes, untracedPlusCpuMs, untracedTestsCpuMs } from './counted.js';
import { differentialCheckpoints, droppedFinding, runDifferential, type SiblingTask } from './reference-differential.js';
import type { CheckpointStore } from '../mutation/checkpoint.js';
import { MachineDecided } from '../mutation/reference-inputs.js';

export { analyzeTask, failureOf, summarize } from './analyze.js';
export type { PlusOutcome, TaskRuns } from './analyze.js';

/** Counted timeouts on plus inputs after which a task's later plus inputs are not run (each costs a counted call to the cap). */
const MAX_PLUS_TIMEOUTS_PER_TASK = 3;
/** Slowest tasks listed in the run block. */
const SLOWEST_LISTED = 10;

export interface ExecutionCheckOptions {
  /** Use this pool (shared with other checks) instead of creating one from the config; it is not closed. */
  pool?: Runtime;
  /** Where prompt examples come from; default: the static check's extractor on the prompt. */
  promptExamples?: (task: Task) => PromptExample[];
  /** The same task in sibling benchmarks (loaded by the caller): the references are compared on EvalPlus inputs. */
  siblingsOf?: (task: Task) => SiblingTask[];
  /** Curated releases drawn from this benchmark that were loaded (a task they lack was dropped). */
  curatedSiblings?: readonly string[];
  /** The JavaScript runtime, shared (not closed here); default: one started for the check and closed after it. */
  javascript?: Runtime;
  /** The Python task a translated task was translated from, carrying its test inputs (HumanEval+ for HumanEval-X). */
  siblingFor?: (task: Task) => Task | undefined;
  /** Per-task checkpoints of the reference differential (written always; read back when the store resumes). */
  checkpoints?: CheckpointStore;
  /** The step cap of a Python reference's run (tests: a small one); default: the time limit at EXECUTION_STEPS_PER_MS. */
  stepCap?: number;
}

/**
 * Notes for the reader of the execution section: how its limits decide. (The prompt examples, decided the same way, only
 * move a `notEvaluable` count; the text stays as the published audits have it, so that they verify.)
 */
export function executionNotes(timeLimitMs: number, stepCap: number = executionStepCap(timeLimitMs)): string[] {
  return [
    `A Python reference's timeout and slow are decided by its Python line events, not CPU time: its time limit of ${timeLimitMs} ms stands for ${stepCap} line events (${EXECUTION_STEPS_PER_MS} per ms, a typical loop's rate) on its tests, on the challenge tests and on each plus input; slow is a pass over slowFraction of them. A run decides untraced only where its CPU time bounds its line events well inside that; any other run is counted, so the verdict is the same on any machine and under any load. A counted run still going at its CPU backstop did its work in C, which the count does not see: a timeout with reason cpu-limit (step-cap: past the cap).`,
  ];
}

type JobTag =
  | { task: number; what: 'repeat'; seed: number }
  | { task: number; what: 'challenge' }
  | { task: number; what: 'examples'; examples: PromptExample[] };

export function createExecutionCheck(options: ExecutionCheckOptions = {}): Check<'execution'> {
  return {
    name: 'execution',
    run: (context) => runExecution(context, options),
  };
}

async function runExecution(context: CheckContext, options: ExecutionCheckOptions): Promise<CheckOutput<'execution'>> {
  const config: ExecutionConfig = { ...DEFAULT_EXECUTION_CONFIG, ...(context.config.execution ?? {}) };
  const started = performance.now();
  const pool =
    options.pool ??
    createRuntime({
      python: config.python || undefined,
      workers: config.workers > 0 ? config.workers : undefined,
      isolation: config.isolation,
      timeoutMs: config.timeLimitMs,
      memoryBytes: config.memoryLimitMb * 1024 * 1024,
    });
  const ownPool = options.pool === undefined;
  const examplesOf = options.promptExamples ?? ((task: Task) => extractPromptExamples(task.prompt, task.entryPoint));
  const limits = { timeoutMs: config.timeLimitMs, memoryBytes: config.memoryLimitMb * 1024 * 1024 };
  const stepCap = options.stepCap ?? executionStepCap(config.timeLimitMs);
  // The untraced run on the tests decides nothing past this CPU time: a run it stops is counted (counted.ts).
  const untracedTests = cpuDecided(untracedTestsCpuMs(stepCap));
  const tasks = context.tasks;
  const warnings: Warning[] = [];
  try {
    // Jobs in seed order, so each worker switches interpreter (seed) at most `repeats` times.
    const tags: JobTag[] = [];
    const isJs = tasks.map((t) => taskLanguage(t) === 'javascript');
    for (let seed = 0; seed < config.repeats; seed++) {
      tasks.forEach((task, i) => {
        if (isJs[i]) return;
        tags.push({ task: i, what: 'repeat', seed });
        if (seed !== 0) return;
        if (task.tests.kind === 'assert-list' && task.tests.challengeAsserts.length > 0) tags.push({ task: i, what: 'challenge' });
        const examples = examplesOf(task);
        if (examples.length > 0) tags.push({ task: i, what: 'examples', examples });
      });
    }
    const runs: TaskRuns[] = tasks.map((_, i) => (isJs[i] ? { repeats: [] } : { repeats: [], counted: { stepCap, slow: [], decidedBy: [] } }));
    const plus: (PlusOutcome[] | undefined)[] = tasks.map(() => undefined);
    const plusLimit = config.timeLimitMs * config.plusTimeFactor;
    const plusInputsOf = (task: Task) => (config.maxPlusInputs > 0 ? task.inputs!.plus.slice(0, config.maxPlusInputs) : task.inputs!.plus);
    const withPlus = tasks.map((task, i) => !isJs[i] && config.plusInputs && task.inputs !== undefined && task.inputs.plus.length > 0);

    const toJob = (tag: JobTag): SandboxJob => {
      const task = tasks[tag.task];
      switch (tag.what) {
        // Untraced first: a run this CPU limit stops, or that used more than its finish proves harmless, is counted.
        case 'repeat':
          return { ...testsJob(task, { ...limits, ...untracedTests, hashSeed: tag.seed }), cpuLimitMs: untracedTests.cpuLimitMs };
        case 'challenge':
          return { ...testsJob(task, { ...limits, ...untracedTests, challenge: true }), cpuLimitMs: untracedTests.cpuLimitMs };
        case 'examples':
          return { ...examplesJob(task, tag.examples, { ...limits, ...untracedTests }), cpuLimitMs: untracedTests.cpuLimitMs };
      }
    };
    const plusJob = (task: Task): CallJob => ({
      ...callJob(task, plusInputsOf(task), { ...limits, timeoutMs: plusLimit * WALL_BACKSTOP_FACTOR, contract: true }),
      perInputMs: config.timeLimitMs * WALL_BACKSTOP_FACTOR,
      perInputCpuMs: untracedPlusCpuMs(stepCap),
    });

    const countedStats = { runs: 0, backstop: 0, plusInputs: 0 };
    const decisions: Promise<void>[] = [];
    const failures: unknown[] = [];
    /** Why a task's runs decided nothing (the machine ended a counted run every time): it is skipped, not a guess. */
    const transient: (string | undefined)[] = tasks.map(() => undefined);
    /** Track a task's run: it always settles (no rejection goes unhandled); a failure other than the machine's is kept for the end. */
    const settle = (task: number, p: Promise<void>): void => {
      decisions.push(
        p.catch((e: unknown) => {
          if (e instanceof MachineDecided) transient[task] ??= e.message;
          else failures.push(e);
        }),
      );
    };
    const run = (job: SandboxJob) => pool.run(job);
    /** Record one job's result; a repeat or challenge run that its untraced run cannot decide is counted. */
    const record = (tag: JobTag, result: JobResult): void => {
      const r = runs[tag.task];
      if (tag.what === 'examples') {
        // Decided like the tests: whether the examples could be evaluated must not depend on the machine.
        settle(
          tag.task,
          decideTestsRun(result, toJob(tag) as ExamplesJob, { stepCap }, run).then((d) => {
            if (d.decidedBy !== 'untraced') countedStats.runs++;
            if (d.decidedBy === 'backstop') countedStats.backstop++;
            r.examples = { examples: tag.examples, result: { ...result, verdict: d.verdict, outputs: d.outputs } };
          }),
        );
        return;
      }
      const job = toJob(tag) as TestsJob;
      const slowSteps = tag.what === 'repeat' ? config.slowFraction * stepCap : undefined;
      settle(
        tag.task,
        decideTestsRun(result, job, { stepCap, ...(slowSteps !== undefined ? { slowSteps } : {}) }, run).then((d) => {
          // Timings stay the untraced run's (run block); the verdict is the decided one.
          const decided = { ...result, verdict: d.verdict };
          if (d.decidedBy !== 'untraced') countedStats.runs++;
          if (d.decidedBy === 'backstop') countedStats.backstop++;
          if (tag.what === 'challenge') r.challenge = decided;
          else {
            r.repeats[tag.seed] = decided;
            r.counted!.slow[tag.seed] = d.slow;
            r.counted!.decidedBy[tag.seed] = d.decidedBy;
          }
        }),
      );
    };

    const jsRuns = new Map<number, JsTaskRun>();
    let jsRuntime: Runtime | undefined;
    let jsInfo: RuntimeInfo | undefined;
    const crossLanguage = { tasks: 0, compared: 0, acceptedByContract: 0, missingModule: 0 };
    let jsJobs = 0;
    if (isJs.some(Boolean)) {
      const parser = await loadJavaScriptParser();
      jsRuntime = options.javascript ?? createRuntime({ language: 'javascript', workers: config.workers > 0 ? config.workers : 1 });
      const own = options.javascript ? undefined : jsRuntime;
      const inner = scriptRunner(jsRuntime);
      const runner: JsJobRunner = { run: (job) => ((jsJobs += 1), inner.run(job)) };
      try {
        const jsTasks = tasks.map((t, i) => ({ t, i })).filter(({ i }) => isJs[i]);
        context.progress.start('execution (JavaScript)', jsTasks.length);
        // Tasks in order; a task's own jobs run concurrently (the runtime spreads them over its workers).
        for (const { t, i } of jsTasks) {
          if (context.signal?.aborted) break;
          jsRuns.set(i, await runJavaScriptTask(t, parser, runner, config, DEFAULT_JS_LIMITS));
          context.progress.advance();
        }
        context.progress.finish();
        // The translation against its Python original, on the original's test inputs.
        const pairs = jsTasks
          .map(({ t, i }) => ({ t, i, py: options.siblingFor?.(t) }))
          .filter((x): x is { t: Task; i: number; py: Task } => x.py !== undefined && (x.py.inputs?.base.length ?? 0) > 0);
        if (pairs.length > 0) {
          const pythonRuns = await pool.runAll(pairs.map(({ py }) => callJob(py, py.inputs!.base, limits)));
          for (const [k, { t, i, py }] of pairs.entries()) {
            const compared = await compareWithPython(t, py, pythonRuns[k], runner, jsLimits(config, DEFAULT_JS_LIMITS));
            const f = crossLanguageFinding(t, py, compared);
            if (f) jsRuns.get(i)?.output.findings.push(f);
            crossLanguage.compared += compared.compared;
            crossLanguage.acceptedByContract += compared.acceptedByContract;
            crossLanguage.missingModule += compared.missingModule;
            crossLanguage.tasks += 1;
          }
        }
      } finally {
        if (own) {
          // What a job could do, measured by the runtime's probe jobs, before the runtime goes.
          jsInfo = { ...own.info(), isolation: await own.measureIsolation() };
          await own.close();
        }
      }
      jsInfo ??= { ...jsRuntime.info(), isolation: await jsRuntime.measureIsolation() };
      const broken = [...jsRuns.entries()].filter(([, r]) => r.exampleScriptError !== undefined).map(([i, r]) => ({ id: tasks[i].id, error: r.exampleScriptError! }));
      const warning = exampleScriptWarning(broken);
      if (warning) warnings.push(warning);
    }

    context.progress.start('execution', tags.length + withPlus.filter(Boolean).length);
    // Plus inputs, task by task (each decides its inputs in order), alongside the tests' runs.
    tasks.forEach((task, i) => {
      if (!withPlus[i]) return;
      settle(
        i,
        plusOutcomes(plusJob(task), stepCap, MAX_PLUS_TIMEOUTS_PER_TASK, run).then((p) => {
          plus[i] = p.outcomes;
          countedStats.plusInputs += p.counted;
          context.progress.advance();
        }),
      );
    });
    for await (const { item, result } of pool.map(tags, toJob)) {
      if (context.signal?.aborted) break;
      record(item, result);
      context.progress.advance();
    }
    // Every run settles before the check ends (a shared pool may close after it); the first failure is then raised.
    await Promise.all(decisions);
    if (failures.length > 0) throw failures[0];
    context.progress.finish();
    if (context.signal?.aborted) throw context.signal.reason instanceof Error ? context.signal.reason : new Error('aborted');

    const differential = options.siblingsOf
      ? await runDifferential(pool, tasks, pythonOnly(options.siblingsOf), config, examplesOf, {
          progress: context.progress,
          ...(context.signal ? { signal: context.signal } : {}),
          ...(options.checkpoints ? { checkpoints: differentialCheckpoints(options.checkpoints, config, pool.info().interpreter.version) } : {}),
        })
      : undefined;
    if (context.signal?.aborted) throw context.signal.reason instanceof Error ? context.signal.reason : new Error('aborted');

    const outputs: TaskCheckOutput<'execution'>[] = [];
    const slowTasks: { id: string; ms: number }[] = [];
    tasks.forEach((task, i) => {
      const skipped = transient[i] ?? differential?.machineDecided[i];
      if (skipped !== undefined) {
        // Reported, never a finding: a rerun decides it.
        outputs.push({ section: undefined, findings: [] });
        warnings.push({ code: 'execution-task-skipped', check: 'execution', taskId: task.id, message: `${skipped} (the machine decided it, not the program: no finding; re-run)` });
        return;
      }
      const js = jsRuns.get(i);
      if (js) runs[i] = js.runs;
      const r = runs[i];
      if (plus[i]) r.plus = plus[i];
      const { section, findings, slow } = js ? js.output : analyzeTask(task, r, config);
      if (!js) {
        const d = differential?.tasks[i];
        if (d && d.sections.length > 0 && section) section.siblingDifferential = d.sections;
        if (d) findings.push(...d.findings);
        findings.push(...droppedFinding(task, context.benchmark, options.curatedSiblings ?? []));
      }
      outputs.push({ section, findings });
      const ms = Math.max(...r.repeats.map((x) => x.durationMs));
      if (slow) slowTasks.push({ id: task.id, ms });
    });
    const slowest = tasks
      .map((task, i) => ({ id: task.id, ms: Math.max(0, ...runs[i].repeats.filter((x) => x !== undefined).map((x) => x.durationMs)) }))
      .sort((a, b) => b.ms - a.ms || (a.id < b.id ? -1 : 1))
      .slice(0, SLOWEST_LISTED);
    // What a job could do, measured by a probe job (not the plan).
    await pool.measureIsolation();
    const info = pool.info();
    // What isolation this machine allows is environment, not a result: it goes to the run block (verify ignores it).
    const environmentWarnings: Warning[] = [];
    const anyPython = isJs.some((js) => !js);
    if (anyPython && info.isolation.filesystem !== 'confined') {
      environmentWarnings.push({
        code: 'sandbox-not-confined',
        check: 'execution',
        message: `UNCONFINED: reference solutions ran able to write or read files outside their directory (${info.isolation.notes.join('; ') || 'no confinement available'}); run only code you trust this way`,
      });
    }
    if (anyPython && !info.isolation.networkIsolated) {
      environmentWarnings.push({ code: 'sandbox-network-shared', check: 'execution', message: `reference solutions ran with the host's network (${info.isolation.notes.join('; ') || 'a probe job reached a local listener'})` });
    }
    if (anyPython && !info.isolation.processLimit) {
      environmentWarnings.push({ code: 'sandbox-no-process-limit', check: 'execution', message: `the process-count limit is not enforced (${info.isolation.notes.join('; ')})` });
    }
    return {
      tasks: outputs,
      summary: {
        ...summarize(
          outputs.map((o) => o.section),
          outputs.map((o) => o.findings),
          tasks.map((t) => t.id),
        ),
        ...(anyPython ? { notes: executionNotes(config.timeLimitMs, stepCap) } : {}),
      },
      findings: [] as Finding[],
      warnings,
      runInfo: {
        python: info.python,
        workers: info.workers,
        isolation: info.isolation,
        ...(environmentWarnings.length > 0 ? { environmentWarnings } : {}),
        subreaper: info.subreaper,
        jobs: pool.stats.jobs,
        workersStarted: pool.stats.workersStarted,
        wallMs: Math.round(performance.now() - started),
        slowTasks,
        slowest,
        counted: { stepCap, ...countedStats },
        ...(differential ? { referenceDifferential: differential.stats } : {}),
        ...(jsRuns.size > 0 && jsInfo ? { javascript: { tasks: jsRuns.size, jobs: jsJobs, interpreter: jsInfo.interpreter, workers: jsInfo.workers, isolation: jsInfo.isolation, crossLanguage } } : {}),
      },
    };
  } finally {
    if (ownPool) await pool.close();
  }
}

/** The reference differential runs Python references only; a translated task is compared by the cross-language check. */
function pythonOnly(siblingsOf: (task: Task) => SiblingTask[]): (task: Task) => SiblingTask[] {
  return (task) => (taskLanguage(task) === 'python' ? siblingsOf(task) : []);
}
