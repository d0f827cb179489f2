/**
 * The mutation check: mutants of every reference solution run against the benchmark's own tests
 * in the sandbox; survivors sorted into killable (with a distinguishing input and the assert that
 * kills them) and possibly equivalent; trivial-solution baselines; coverage of the reference.
 * Findings: killable-survivor, possibly-equivalent-mutants, tests-accept-trivial-solution,
 * low-coverage. Files are touched only through the injected CheckpointStore.
 */
import type { Finding, MutationConfig, MutationSummary, MutationTask, Warning } from '../../model/types.generated.js';
import type { Runtime, RuntimeInfo } from '../../sandbox/runtime.js';
import { createRuntime } from '../../sandbox/runtimes.js';
import { callJob } from '../../sandbox/jobs.js';
import type { CallOutput } from '../../sandbox/types.js';
import { availableParallelism } from 'node:os';
import { taskLanguage, type Task } from '../../model/task.js';
import { loadJavaScriptParser } from '../../javascript/parser.js';
import { DEFAULT_JS_LIMITS, scriptRunner } from '../../sandbox/js/runtime.js';
import { analyseJavaScriptTask, skippedSection } from './javascript.js';
import type { Check, CheckContext, CheckOutput } from '../types.js';
import { checkpointKey, type CheckpointStore } from './checkpoint.js';
import { oracleFor } from '../execution/evalplus-oracle.js';
import { pythonCompiles } from './compile-check.js';
import { DEFAULT_MUTATION_CONFIG } from './config.js';
import { generateMutants, sampleMutants, solutionRegion, type Mutant, type MutantSet } from './generate.js';
import { mutationOperators } from './operators/index.js';
import { loadPythonParser } from './python-parser.js';
import { CALL_STEP_FLOOR, MAX_SLOW_INPUTS, SLOW_SHARE, TESTS_CALL_UNTRACED_SHARE } from './counted-calls.js';
import { analyseTask, dependsOnMachine, MUTANT_COUNTED_MAX_REFERENCE_LINES, MUTANT_STEP_FLOOR, type TaskAnalysis } from './run.js';
import { MachineDecided, MAX_CAPPED_INPUTS, REFERENCE_COUNTED_BACKSTOP_MS, REFERENCE_INPUT_STEP_CAP, UNTRACED_MAX_STEPS_PER_MS } from './reference-inputs.js';
import { strengthenTask } from './strengthen-run.js';
import { strengthenJavaScriptTask } from './strengthen-js.js';
import { mutationScores, rankByKillableSurvivors, roundScore, scoreDistribution, sumCounts, type MutationCounts } from './score.js';

export { DEFAULT_MUTATION_CONFIG } from './config.js';
export { fileCheckpointStore, memoryCheckpointStore, type CheckpointStore } from './checkpoint.js';
export { generateMutants, mutantsForTask, sampleMutants, solutionRegion, type Mutant, type MutantSet } from './generate.js';
export { mutationOperatorNames, mutationOperators } from './operators/index.js';
export { loadPythonParser } from './python-parser.js';

/** Tasks analysed concurrently per sandbox worker (each queues all its mutants at once). */
const TASKS_IN_FLIGHT_PER_WORKER = 2;

export const MUTATION_NOTES = [
  'score = (killed + timeout) / (killed + timeout + survived); mutants the sandbox could not judge (error) are left out.',
  'scoreExcludingEquivalent leaves possibly-equivalent survivors (no distinguishing input found within the budget) out of the denominator; they may still be wrong solutions that the inputs tried did not expose.',
  'A killable survivor passes all of the benchmark tests yet returns a different output than the reference solution on the input shown.',
  `Survivors are tried on the smallest EvalPlus plus inputs (plusInputLimit; fewer for a task whose reference executes many lines per call, see inputs.plusLimit), the tests' own inputs and generated ones; inputs on which the reference raises, breaks the contract or executes more than ${REFERENCE_INPUT_STEP_CAP} Python line events are discarded (a count, not CPU time: load does not change which inputs are used; inputs.undecided counts those whose work in C reached the CPU backstop first).`,
];

export interface MutationCheckOptions {
  /** Share a pool with other checks (not closed here); default: a pool of its own. */
  pool?: Runtime;
  /** --python, for the pool and the compile() check. */
  python?: string;
  /** Per-task checkpoints (--resume); default: none. */
  checkpoints?: CheckpointStore;
  /** The task that carries EvalPlus plus inputs for `task` (its sibling in HumanEval+/MBPP+); default: the task itself if it has inputs. */
  plusTaskFor?: (task: Task) => Task | undefined;
  /** The JavaScript runtime, shared (not closed here); default: one started for the check and closed after it. */
  javascript?: Runtime;
}

export function createMutationCheck(options: MutationCheckOptions = {}): Check<'mutation'> {
  return { name: 'mutation', run: (context) => runMutationCheck(context, options) };
}

function taskKey(task: Task, plusTask: Task | undefined, config: MutationConfig, seed: number): string {
  return checkpointKey({
    config,
    seed,
    task: { solution: task.solution, canonicalSolution: task.canonicalSolution, entryPoint: task.entryPoint, tests: task.tests, setupCode: task.setupCode, imports: task.imports },
    plus: plusTask?.inputs ?? null,
    // Witnesses are confirmed against the sibling's reference, and the domain is read from the prompt too.
    sibling: plusTask !== undefined && plusTask !== task ? { solution: plusTask.solution, entryPoint: plusTask.entryPoint, setupCode: plusTask.setupCode, imports: plusTask.imports } : null,
    prompt: task.prompt,
    // Python's witnesses since 8: set-eq judged as sets, hash-seed probes; JavaScript's checks are still those of 7.
    witnessChecks: taskLanguage(task) === 'javascript' ? 7 : 8,
    // Which inputs the reference answers: decided by this many line events.
    referenceInputSteps: REFERENCE_INPUT_STEP_CAP,
    // Killed, survived or timeout: decided by a mutant's line events (this floor, then factor x the reference's).
    mutantSteps: MUTANT_STEP_FLOOR,
    mutantCountedMaxReferenceLines: MUTANT_COUNTED_MAX_REFERENCE_LINES,
    // Above it, judged call by call (run.ts perCallVerdict): each call's cap, its untraced share, the slow-call rule.
    mutantPerCall: { floor: CALL_STEP_FLOOR, untracedShare: TESTS_CALL_UNTRACED_SHARE, slowShare: SLOW_SHARE, maxSlow: MAX_SLOW_INPUTS },
    referenceMaxCapped: MAX_CAPPED_INPUTS,
    // An untraced run decides only where its CPU time, at this rate, bounds its line events under the budget.
    untracedMaxSteps: UNTRACED_MAX_STEPS_PER_MS,
    // The strengthened suite's code: bump when its choice changes.
    strengthen: 11,
    // JavaScript only (Python keys unchanged): its suite, its coverage's branch points, the sibling's counted answers.
    ...(taskLanguage(task) === 'javascript'
      ? { javascriptSuite: JAVASCRIPT_SUITES ? 2 : 0, siblingAnswers: 2 }
      : // Python survivors' first difference: decided by line events from this floor, left unsorted after this many slow inputs.
        // The EvalPlus suite (HumanEval+, MBPP+): its inputs and a candidate's timeouts decided by line events since code 2.
        {
          survivorSteps: CALL_STEP_FLOOR,
          survivorMaxSlow: MAX_SLOW_INPUTS,
          plusSuite: 2,
          // Where EvalPlus names a property (find-zero, set-eq), the suite is judged by it (property-oracle.ts): only
          // those tasks' keys move, so a resumed audit keeps every other task's section.
          ...propertySuiteKey(plusTask),
        }),
  });
}

/** The checkpoint key's part for a task whose EvalPlus data names a property its suite may be judged by (its code's version). */
function propertySuiteKey(plusTask: Task | undefined): { propertySuite?: number | string } {
  const named = plusTask === undefined ? undefined : oracleFor(plusTask.id, plusTask.entryPoint);
  return named === 'find-zero' ? { propertySuite: 1 } : named === 'set-eq' ? { propertySuite: 'set-eq:1' } : {};
}

interface Prepared {
  index: number;
  task: Task;
  plusTask: Task | undefined;
  key: string;
  mutants?: MutantSet & { sampledOut: number; uncompilable: number };
  done?: TaskAnalysis;
}

export async function runMutationCheck(context: CheckContext, options: MutationCheckOptions = {}): Promise<CheckOutput<'mutation'>> {
  const started = performance.now();
  const config: MutationConfig = { ...DEFAULT_MUTATION_CONFIG, ...(context.config.mutation ?? {}) };
  const seed = context.config.seed;
  const warnings: Warning[] = [];
  const unknown = config.operators.filter((n) => !mutationOperators.some((o) => o.name === n));
  for (const name of unknown) warnings.push({ code: 'unknown-mutation-operator', check: 'mutation', message: `no mutation operator named ${name}; ignored` });
  const operators = mutationOperators.filter((o) => config.operators.includes(o.name));
  const parser = await loadPythonParser();
  const plusTaskFor = options.plusTaskFor ?? ((t: Task) => (t.inputs ? t : undefined));

  // Checkpoints first; then generate (and compile-check in one batch) the rest.
  const prepared: Prepared[] = context.tasks.map((task, index) => {
    const plusTask = plusTaskFor(task);
    const key = taskKey(task, plusTask, config, seed);
    const stored = options.checkpoints?.load(task.id, key) as TaskAnalysis | undefined;
    return { index, task, plusTask, key, ...(stored ? { done: stored } : {}) };
  });
  const jsTodo = prepared.filter((p) => p.done === undefined && taskLanguage(p.task) === 'javascript');
  const todo = prepared.filter((p) => p.done === undefined && taskLanguage(p.task) !== 'javascript');
  const jsInfo = jsTodo.length > 0 ? await runJavaScriptMutation(jsTodo, context, config, seed, options) : undefined;
  const generated = todo.map((p) => {
    const { region, warnings: w } = solutionRegion(p.task);
    for (const message of w) warnings.push({ code: 'mutation-region-fallback', check: 'mutation', taskId: p.task.id, message });
    return { ...generateMutants(parser, p.task.solution, region, { operators }), warnings: w };
  });
  const verdicts = config.compileCheck && generated.length > 0 ? pythonCompiles(generated.flatMap((g) => g.mutants.map((m) => m.source)), { python: options.python }) : undefined;
  let offset = 0;
  todo.forEach((p, i) => {
    const g = generated[i];
    let valid: Mutant[] = g.mutants;
    if (verdicts) {
      valid = g.mutants.filter((_, k) => verdicts[offset + k]);
      offset += g.mutants.length;
    }
    const sampled = sampleMutants(valid, config.maxMutantsPerTask > 0 ? config.maxMutantsPerTask : undefined, seed, p.task.id);
    p.mutants = { ...g, mutants: sampled, uncompilable: g.mutants.length - valid.length, sampledOut: valid.length - sampled.length };
  });

  const pool = options.pool ?? createRuntime({ python: options.python });
  const ownPool = options.pool === undefined;
  context.progress.start('mutation', context.tasks.length);
  context.progress.advance(prepared.length - todo.length);
  try {
    const queue = [...todo];
    const worker = async (): Promise<void> => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
        if (context.signal?.aborted) return;
        p.done = await analyseTask({ task: p.task, plusTask: p.plusTask, mutants: p.mutants!, config, seed, parser, pool, strengthen: strengthenTask });
        if (!p.done.transient) options.checkpoints?.save(p.task.id, p.key, p.done);
        context.progress.advance();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, pool.size * TASKS_IN_FLIGHT_PER_WORKER) }, worker));
  } finally {
    context.progress.finish();
    if (ownPool) await pool.close();
  }
  if (context.signal?.aborted) warnings.push({ code: 'mutation-aborted', check: 'mutation', message: 'the mutation check was interrupted; unfinished tasks have no mutation section' });

  const tasks = prepared.map((p) => (p.done ? { section: p.done.section, findings: p.done.findings } : { findings: [] as Finding[] }));
  for (const p of prepared) {
    if (p.done?.section.status === 'skipped') {
      const why = p.done.section.skipReason ?? 'skipped';
      warnings.push({ code: 'mutation-task-skipped', check: 'mutation', taskId: p.task.id, message: p.done.transient ? `${why} (the machine decided it, not the program: not checkpointed; re-run)` : why });
    }
  }
  const sections = prepared.filter((p) => p.done).map((p) => ({ id: p.task.id, section: p.done!.section }));
  const elapsedMs = performance.now() - started;
  const runs = prepared.filter((p) => p.done && p.mutants).map((p) => p.done!.runInfo);
  const mutantsRun = runs.reduce((a, r) => a + r.mutantsRun, 0);
  return {
    tasks,
    summary: summarizeMutation(sections, config),
    findings: [],
    warnings,
    runInfo: {
      durationMs: Math.round(elapsedMs),
      resumedTasks: prepared.length - todo.length,
      mutantsRun,
      mutantsPerSecond: elapsedMs > 0 ? Math.round((mutantsRun / elapsedMs) * 1000) : null,
      jobs: runs.reduce((a, r) => a + r.jobs, 0),
      // Mutants whose untraced run did not decide (rerun counted), and those a counted run's CPU backstop ended (timeouts worked in C).
      mutantsCounted: runs.reduce((a, r) => a + (r.mutantsCounted ?? 0), 0),
      mutantsBackstop: runs.reduce((a, r) => a + (r.mutantsBackstop ?? 0), 0),
      /** Summed over tasks (tasks overlap in time): where the work went. */
      taskWallMs: { mutants: Math.round(runs.reduce((a, r) => a + r.mutantsWallMs, 0)), sorting: Math.round(runs.reduce((a, r) => a + r.sortingWallMs, 0)) },
      timeLimitMs: runs.length > 0 ? { min: Math.min(...runs.map((r) => r.timeLimitMs)), max: Math.max(...runs.map((r) => r.timeLimitMs)) } : null,
      pool: pool.info(),
      ...(jsInfo ? { javascript: jsInfo } : {}),
    },
  };
}

/**
 * Line events HumanEval+'s reference may run on one plus input it is asked about (a count, so whether it answers is
 * the same on any machine): the reference-input filter's cap, and its CPU backstop for work in C.
 */
const SIBLING_INPUT_STEPS = REFERENCE_INPUT_STEP_CAP;
const SIBLING_INPUT_CPU_BACKSTOP_MS = REFERENCE_COUNTED_BACKSTOP_MS;
/** Wall backstop of the whole run: only a hung interpreter (sleeping, blocked) reaches it. */
const SIBLING_ANSWERS_TIMEOUT_MS = 600_000;


/** Whether the audit builds strengthened suites for JavaScript tasks (strengthen-js.ts; its tests call it directly). */
const JAVASCRIPT_SUITES = true;

/** JavaScript tasks, one after another; each task's jobs run concurrently on the runtime's workers. */
async function runJavaScriptMutation(todo: Prepared[], context: CheckContext, config: MutationConfig, seed: number, options: MutationCheckOptions): Promise<RuntimeInfo> {
  const parser = await loadJavaScriptParser();
  const own = options.javascript ? undefined : createRuntime({ language: 'javascript', workers: availableParallelism() });
  const runtime = options.javascript ?? own!;
  const runner = scriptRunner(runtime);
  // The Python sibling's reference confirms plus-input witnesses; its runtime starts only when a task needs it.
  let python: Runtime | undefined;
  const siblingAnswers = (sibling: Task) => (inputs: unknown[][]) => {
    python ??= options.pool ?? createRuntime({ python: options.python });
    const job = { ...callJob(sibling, inputs, { contract: true, timeoutMs: SIBLING_ANSWERS_TIMEOUT_MS }), perInputSteps: SIBLING_INPUT_STEPS, perInputCpuMs: SIBLING_INPUT_CPU_BACKSTOP_MS };
    return python.run(job).then((r) => {
      const backstop = (r.outputs as CallOutput[]).some((o) => o.status === 'timeout' && o.reason !== 'step-cap');
      if (dependsOnMachine(r.verdict) || backstop) throw new MachineDecided(`HumanEval+'s reference did not finish its answers to the plus inputs (${r.verdict.status}${backstop ? ', a call past its CPU backstop' : ''})`);
      return r;
    });
  };
  try {
    context.progress.start('mutation (JavaScript)', todo.length);
    for (const p of todo) {
      if (context.signal?.aborted) break;
      const started = performance.now();
      const sibling = p.plusTask !== undefined && p.plusTask !== p.task && taskLanguage(p.plusTask) === 'python' ? p.plusTask : undefined;
      const a = await analyseJavaScriptTask({
        task: p.task,
        plusTask: p.plusTask,
        config,
        seed,
        parser,
        runner,
        limits: DEFAULT_JS_LIMITS,
        ...(sibling ? { siblingAnswers: siblingAnswers(sibling) } : {}),
        ...(JAVASCRIPT_SUITES ? { strengthen: strengthenJavaScriptTask } : {}),
      }).catch((error: unknown) => {
        if (error instanceof MachineDecided) return { section: skippedSection(error.message), findings: [], mutantsRun: 0, transient: true };
        throw error;
      });
      const wallMs = performance.now() - started;
      const transient = 'transient' in a;
      p.done = { section: a.section, findings: a.findings, runInfo: { referenceMs: 0, timeLimitMs: 0, mutantsRun: a.mutantsRun, jobs: a.mutantsRun, mutantsWallMs: wallMs, sortingWallMs: 0 }, ...(transient ? { transient } : {}) };
      if (!transient) options.checkpoints?.save(p.task.id, p.key, p.done);
      context.progress.advance();
    }
    // For the run block: the runtime's record (its isolation as measured, if a check has measured it).
    return runtime.info();
  } finally {
    context.progress.finish();
    await own?.close();
    if (python !== options.pool) await python?.close();
  }
}

/** The benchmark summary from the task sections (pure). */
export function summarizeMutation(sections: ReadonlyArray<{ id: string; section: MutationTask }>, config: Pick<MutationConfig, 'lowCoverageThreshold'>): MutationSummary {
  const analysed = sections.filter((s) => s.section.status === 'analysed');
  const counts = sumCounts(analysed.map((s) => s.section.counts));
  const byOperator: Record<string, MutationCounts> = {};
  for (const s of analysed) {
    for (const [op, c] of Object.entries(s.section.byOperator)) byOperator[op] = sumCounts(byOperator[op] ? [byOperator[op], c] : [c]);
  }
  const sortedByOperator = Object.fromEntries(Object.entries(byOperator).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const byBaseline: Record<string, number> = {};
  for (const s of analysed) for (const b of s.section.trivialPasses) byBaseline[b] = (byBaseline[b] ?? 0) + 1;
  const lineRates = analysed.map((s) => s.section.coverage?.lineRate).filter((x): x is number => typeof x === 'number');
  const branchRates = analysed.map((s) => s.section.coverage?.branchRate).filter((x): x is number => typeof x === 'number');
  const mean = (xs: number[]): number | null => (xs.length === 0 ? null : roundScore(xs.reduce((a, b) => a + b, 0) / xs.length));
  return {
    tasks: { analysed: analysed.length, skipped: sections.length - analysed.length },
    counts,
    byOperator: sortedByOperator,
    ...mutationScores(counts),
    distribution: scoreDistribution(analysed.map((s) => s.section.score).filter((x): x is number => x !== null)),
    ranking: rankByKillableSurvivors(
      analysed.map((s) => ({ taskId: s.id, killable: s.section.counts.killable, survived: s.section.counts.survived, score: s.section.score })),
    ),
    trivialSolutionPasses: {
      tasks: analysed.filter((s) => s.section.trivialPasses.length > 0).length,
      byBaseline: Object.fromEntries(Object.entries(byBaseline).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    },
    coverage: {
      meanLineRate: mean(lineRates),
      meanBranchRate: mean(branchRates),
      tasksBelowThreshold: lineRates.filter((r) => r < config.lowCoverageThreshold).length,
    },
    notes: MUTATION_NOTES,
  };
}
