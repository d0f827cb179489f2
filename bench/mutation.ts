/**
 * Mutation analysis throughput on HumanEval (and MBPP with --mbpp), side by side in the same run
 * with a simple baseline that spawns a fresh python3 per mutant (same isolation wrapper, same
 * parallelism, same per-mutant wall-clock limit: max(1 s, 10x the reference)). Three measurements:
 *
 *  - mutation runs: every mutant against its task's tests through the sandbox pool, with the
 *    check's limits (the references run first, to set them, and are timed apart): the work the
 *    baseline does. Unlike the check, tasks whose reference fails under coverage are not skipped.
 *  - the same, on the baseline's sample of mutants only: a like-for-like speed-up.
 *  - the whole check: generation, compile check, reference runs with coverage, trivial
 *    baselines, mutation runs and survivor sorting on the plus inputs.
 *
 *   npx tsx bench/mutation.ts [--mbpp] [--tasks N|all] [--limit N] [--baseline-sample N] [--min-time-limit-ms MS]
 *
 * --tasks N (default DEFAULT_TASKS) runs N tasks spread evenly over the benchmark (every k-th), so
 * that the default run takes about a minute and still sees early and late tasks alike; `--tasks
 * all` runs every task. --limit N keeps the first N tasks instead (applied before --tasks).
 *
 * Targets: all of HumanEval's analysis incl. survivor sorting < 30 s on 2 cores; MBPP
 * < 2 min; >= 300 mutants/s; >= 10x the spawn-per-mutant baseline.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pythonCompiles } from '../src/checks/mutation/compile-check.js';
import { generateMutants, sampleMutants, solutionRegion, type Mutant } from '../src/checks/mutation/generate.js';
import { DEFAULT_MUTATION_CONFIG, runMutationCheck } from '../src/checks/mutation/index.js';
import { loadPythonParser } from '../src/checks/mutation/python-parser.js';
import { sampleIndices, seededRandom } from '../src/util/random.js';
import {
  MUTANT_CPU_FLOOR_MS,
  REFERENCE_CPU_LIMIT_MS,
  REFERENCE_WALL_SAFETY_MS,
  SURVIVOR_PLUS_LINE_BUDGET,
  mutantCpuLimit,
  mutantStatus,
  mutantTimeLimit,
} from '../src/checks/mutation/run.js';
import { REFERENCE_INPUT_STEP_CAP } from '../src/checks/mutation/reference-inputs.js';
import { silentProgress } from '../src/model/progress.js';
import { loadDataFile } from '../src/datasets/load.js';
import { resolvePython } from '../src/python/interpreter.js';
import { forkServerPath, planIsolation } from '../src/sandbox/isolation.js';
import { testsJob } from '../src/sandbox/jobs.js';
import { createSandboxPool, type SandboxPool } from '../src/sandbox/pool.js';
import { assembleTestProgram, type Task } from '../src/model/task.js';

/** Mutants the baseline runs (spawning is slow; a sample gives its rate). */
const DEFAULT_BASELINE_SAMPLE = 200;
/** Tasks of the default run: about a minute on 2 cores for HumanEval (all 164 took over 200 s under load). */
const DEFAULT_TASKS = 40;

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const limit = Number(flag('--limit') ?? Infinity);
const taskCount = flag('--tasks') === 'all' ? Infinity : Number(flag('--tasks') ?? DEFAULT_TASKS);
if (!(taskCount >= 1)) {
  console.error(`bench/mutation: --tasks wants a positive number or "all", got ${flag('--tasks')}`);
  process.exit(2);
}

/** `count` tasks spread evenly over `tasks` (all of them when there are no more than that). */
function spreadTasks<T>(tasks: readonly T[], count: number): T[] {
  if (count >= tasks.length) return [...tasks];
  return Array.from({ length: count }, (_, i) => tasks[Math.floor((i * tasks.length) / count)]);
}
const baselineSample = Number(flag('--baseline-sample') ?? DEFAULT_BASELINE_SAMPLE);
/** Override the per-mutant time-limit floor (default: the mutation config's minTimeLimitMs, 1 s). */
const minTimeLimitMs = flag('--min-time-limit-ms') === undefined ? DEFAULT_MUTATION_CONFIG.minTimeLimitMs : Number(flag('--min-time-limit-ms'));
const config = { ...DEFAULT_MUTATION_CONFIG, minTimeLimitMs };
const data = join(import.meta.dirname, '..', '..', 'shared', 'data');
const workers = availableParallelism();

interface Work {
  task: Task;
  mutant: Mutant;
}

/**
 * Mutation runs through the pool, as the check does them: each task's reference first (its time
 * sets the mutants' limits; timed apart, since the baseline has no such step), then every mutant.
 */
async function poolRuns(
  pool: SandboxPool,
  work: readonly Work[],
): Promise<{ seconds: number; referenceSeconds: number; killed: number; wallLimits: Map<Task, number> }> {
  const byTask = new Map<Task, Mutant[]>();
  for (const w of work) byTask.set(w.task, [...(byTask.get(w.task) ?? []), w.mutant]);
  let t0 = performance.now();
  const limits = await Promise.all(
    [...byTask.keys()].map(async (task) => {
      const reference = await pool.run({ ...testsJob(task, { timeoutMs: REFERENCE_WALL_SAFETY_MS }), cpuLimitMs: REFERENCE_CPU_LIMIT_MS });
      return {
        timeoutMs: mutantTimeLimit(reference.durationMs, config),
        cpu: reference.cpuMs !== undefined ? { cpuLimitMs: mutantCpuLimit(reference.cpuMs, config) } : {},
      };
    }),
  );
  const referenceSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  let killed = 0;
  await Promise.all(
    [...byTask].map(async ([task, mutants], i) => {
      const { timeoutMs, cpu } = limits[i];
      const results = await Promise.all(mutants.map((m) => pool.run({ ...testsJob(task, { candidate: m.source, timeoutMs }), ...cpu })));
      killed += results.filter((r) => mutantStatus(r.verdict) !== 'survived').length;
    }),
  );
  const wallLimits = new Map([...byTask.keys()].map((task, i) => [task, limits[i].timeoutMs]));
  return { seconds: (performance.now() - t0) / 1000, referenceSeconds, killed, wallLimits };
}

/** The baseline: one fresh interpreter per mutant, `workers` at a time, same isolation wrapper and per-task wall-clock limit as the pool's runs. */
async function spawnRuns(work: readonly Work[], wallLimits: ReadonlyMap<Task, number>): Promise<{ seconds: number; killed: number }> {
  const python = resolvePython().executable;
  const plan = planIsolation(python, forkServerPath(), 'auto');
  const t0 = performance.now();
  let next = 0;
  let killed = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < work.length; i = next++) {
      const { task, mutant } = work[i];
      const cmd = plan.command(python, ['-I', '-']);
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(cmd.command, cmd.args, { stdio: ['pipe', 'ignore', 'ignore'], timeout: wallLimits.get(task) ?? minTimeLimitMs, killSignal: 'SIGKILL' });
        child.on('close', (c) => resolve(c));
        child.on('error', () => resolve(null));
        child.stdin.end(assembleTestProgram(task, mutant.source));
      });
      if (code !== 0) killed++;
    }
  };
  await Promise.all(Array.from({ length: workers }, lane));
  return { seconds: (performance.now() - t0) / 1000, killed };
}

async function benchmark(name: string, file: string, adapter: 'humaneval' | 'mbpp', plusFile: string, plusId: (t: Task) => string): Promise<void> {
  const tasks = spreadTasks((await loadDataFile(join(data, file), { adapter, benchmark: name })).slice(0, limit), taskCount);
  const plus = await loadDataFile(join(data, plusFile), { adapter: 'evalplus', benchmark: `${name}-plus` });
  const plusById = new Map(plus.map((t) => [t.id, t]));
  const parser = await loadPythonParser();
  const isolation = planIsolation(resolvePython().executable, forkServerPath(), 'auto').info.mode;

  // Generation alone; then the mutants the check runs (compile-checked, sampled as configured).
  let t0 = performance.now();
  const generated = tasks.map((task) => ({ task, mutants: generateMutants(parser, task.solution, solutionRegion(task).region).mutants }));
  const genSeconds = (performance.now() - t0) / 1000;
  const generatedCount = generated.reduce((a, g) => a + g.mutants.length, 0);
  const compiles = pythonCompiles(generated.flatMap((g) => g.mutants.map((m) => m.source)));
  let offset = 0;
  const all: Work[] = generated.flatMap(({ task, mutants }) => {
    const valid = mutants.filter((_, k) => compiles[offset + k]);
    offset += mutants.length;
    return sampleMutants(valid, config.maxMutantsPerTask, 0, task.id).map((mutant) => ({ task, mutant }));
  });
  const sample = sampleIndices(all.length, baselineSample, seededRandom(0, 'bench-baseline')).map((i) => all[i]);

  // Mutation runs alone, all mutants; then the baseline's sample, through the pool and spawned.
  let pool = createSandboxPool({ workers });
  const runs = await poolRuns(pool, all);
  const sampled = await poolRuns(pool, sample);
  await pool.close();
  const base = await spawnRuns(sample, sampled.wallLimits);

  // The whole check.
  pool = createSandboxPool({ workers });
  t0 = performance.now();
  const out = await runMutationCheck(
    { benchmark: name, tasks, config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 3 }, mutation: config }, progress: silentProgress },
    { pool, plusTaskFor: (t) => plusById.get(plusId(t)) },
  );
  const checkSeconds = (performance.now() - t0) / 1000;
  await pool.close();
  const s = out.summary!;
  const timing = out.runInfo?.taskWallMs as { mutants: number; sorting: number } | undefined;

  const rate = (n: number, seconds: number): string => `${(n / seconds).toFixed(0).padStart(8)} mutants/s`;
  const baseRate = sample.length / base.seconds;
  console.log(
    `\n${name}: ${tasks.length} tasks${Number.isFinite(taskCount) ? ` (--tasks ${taskCount}; --tasks all for every task)` : ''}, ${generatedCount} mutants generated, ${all.length} run, ${workers} workers, isolation ${isolation}; per-mutant limits: wall max(${minTimeLimitMs} ms, 10x reference), CPU max(${MUTANT_CPU_FLOOR_MS} ms, 10x reference)`,
  );
  console.log(`  generation only           ${rate(generatedCount, genSeconds)}  (${genSeconds.toFixed(2)} s)`);
  console.log(`  mutation runs, pool       ${rate(all.length, runs.seconds)}  (${all.length} mutants in ${runs.seconds.toFixed(1)} s, after ${runs.referenceSeconds.toFixed(1)} s of reference runs for their limits; ${runs.killed} killed or timed out)`);
  console.log(`  spawn-per-mutant baseline ${rate(sample.length, base.seconds)}  (${sample.length} sampled mutants in ${base.seconds.toFixed(1)} s; ${base.killed} failed)`);
  console.log(`  same sample, pool         ${rate(sample.length, sampled.seconds)}  (${sampled.seconds.toFixed(2)} s, after ${sampled.referenceSeconds.toFixed(1)} s of reference runs; ${sampled.killed} killed or timed out)`);
  console.log(`  speed-up vs baseline      ${((all.length / runs.seconds) / baseRate).toFixed(1).padStart(8)}x all mutants, ${((sample.length / sampled.seconds) / baseRate).toFixed(1)}x same sample`);
  console.log(
    `  whole analysis            ${rate(s.counts.total, checkSeconds)}  (${checkSeconds.toFixed(1)} s: reference runs with coverage, trivial baselines, mutation runs, survivor sorting on tests + generated + up to ${config.plusInputLimit} plus inputs, fewer past ${SURVIVOR_PLUS_LINE_BUDGET.toLocaleString('en-US')} reference lines; ${REFERENCE_INPUT_STEP_CAP.toLocaleString('en-US')} reference line events per input)`,
  );
  if (timing) console.log(`  task wall time summed     mutants ${(timing.mutants / 1000).toFixed(1)} s, survivor sorting ${(timing.sorting / 1000).toFixed(1)} s (tasks overlap)`);
  console.log(
    `  score ${s.score} (excluding possibly-equivalent ${s.scoreExcludingEquivalent}); killed ${s.counts.killed}, timeout ${s.counts.timeout}, survived ${s.counts.survived} (killable ${s.counts.killable}, possibly equivalent ${s.counts.possiblyEquivalent}, unsorted ${s.counts.unsorted}), error ${s.counts.error}`,
  );
}

await benchmark('humaneval', 'humaneval/HumanEval.jsonl.gz', 'humaneval', 'evalplus/HumanEvalPlus.jsonl.gz', (t) => t.id);
if (args.includes('--mbpp')) await benchmark('mbpp', 'mbpp/mbpp.jsonl', 'mbpp', 'evalplus/MbppPlus.jsonl.gz', (t) => `Mbpp/${t.id}`);
