/**
 * Mutation analysis throughput on HumanEval (and MBPP with --mbpp): the whole mutation check
 * (generation, compile check, reference runs, trivial baselines, mutants through the sandbox
 * pool, survivor sorting on HumanEval+ inputs) side by side, in the same run, with a simple
 * baseline that spawns a fresh python3 per mutant (same isolation wrapper, same parallelism).
 *
 *   npx tsx bench/mutation.ts [--mbpp] [--limit N] [--baseline-sample N] [--min-time-limit-ms MS]
 *
 * Targets (issue 4): all of HumanEval incl. survivor sorting < 30 s on 2 cores; MBPP < 2 min;
 * >= 300 mutants/s; >= 10x the spawn-per-mutant baseline.
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { generateMutants, solutionRegion, type Mutant } from '../src/checks/mutation/generate.js';
import { DEFAULT_MIN_TIME_LIMIT_MS } from '../src/checks/mutation/config.js';
import { DEFAULT_MUTATION_CONFIG, runMutationCheck } from '../src/checks/mutation/index.js';
import { loadPythonParser } from '../src/checks/mutation/python-parser.js';
import { MUTANT_CPU_FLOOR_MS, REFERENCE_INPUT_CPU_MS, SURVIVOR_PLUS_INPUTS } from '../src/checks/mutation/run.js';
import { sampleIndices, seededRandom } from '../src/checks/mutation/random.js';
import { silentProgress } from '../src/checks/types.js';
import { loadDataFile } from '../src/datasets/load.js';
import { resolvePython } from '../src/python/interpreter.js';
import { forkServerPath, planIsolation } from '../src/sandbox/isolation.js';
import { createSandboxPool } from '../src/sandbox/pool.js';
import { assembleTestProgram, type Task } from '../src/task.js';

/** Mutants the baseline runs (spawning is slow; a sample gives its rate). */
const DEFAULT_BASELINE_SAMPLE = 200;
/** Per-process limit for the baseline, as for the check's mutants. */
const BASELINE_TIMEOUT_MS = 1_000;

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const limit = Number(flag('--limit') ?? Infinity);
const baselineSample = Number(flag('--baseline-sample') ?? DEFAULT_BASELINE_SAMPLE);
/** Override the per-mutant time-limit floor (default: the check's DEFAULT_MIN_TIME_LIMIT_MS, 1 s). */
const minTimeLimitMs = flag('--min-time-limit-ms') === undefined ? DEFAULT_MIN_TIME_LIMIT_MS : Number(flag('--min-time-limit-ms'));
const data = join(import.meta.dirname, '..', '..', 'shared', 'data');
const workers = availableParallelism();

async function benchmark(name: string, file: string, adapter: 'humaneval' | 'mbpp', plusFile: string, plusId: (t: Task) => string): Promise<void> {
  const tasks = (await loadDataFile(join(data, file), { adapter, benchmark: name })).slice(0, limit);
  const plus = await loadDataFile(join(data, plusFile), { adapter: 'evalplus', benchmark: `${name}-plus` });
  const plusById = new Map(plus.map((t) => [t.id, t]));
  const parser = await loadPythonParser();

  // Generation alone.
  let t0 = performance.now();
  const all: { task: Task; mutant: Mutant }[] = [];
  for (const task of tasks) {
    for (const mutant of generateMutants(parser, task.solution, solutionRegion(task).region).mutants) all.push({ task, mutant });
  }
  const genSeconds = (performance.now() - t0) / 1000;

  // The whole check.
  const pool = createSandboxPool({ workers });
  t0 = performance.now();
  const out = await runMutationCheck(
    {
      benchmark: name,
      tasks,
      config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 3 }, mutation: { ...DEFAULT_MUTATION_CONFIG, minTimeLimitMs } },
      progress: silentProgress,
    },
    { pool, plusTaskFor: (t) => plusById.get(plusId(t)) },
  );
  const checkSeconds = (performance.now() - t0) / 1000;
  await pool.close();
  const s = out.summary!;
  const run = s.counts.total;

  // Baseline: one fresh interpreter per mutant, `workers` at a time, same isolation wrapper.
  const python = resolvePython().executable;
  const plan = planIsolation(python, forkServerPath(), 'auto');
  const sample = sampleIndices(all.length, baselineSample, seededRandom(0, 'bench-baseline')).map((i) => all[i]);
  t0 = performance.now();
  let next = 0;
  let baselineKilled = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < sample.length; i = next++) {
      const { task, mutant } = sample[i];
      const cmd = plan.command(python, ['-I', '-']);
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(cmd.command, cmd.args, { stdio: ['pipe', 'ignore', 'ignore'], timeout: Math.max(minTimeLimitMs, BASELINE_TIMEOUT_MS), killSignal: 'SIGKILL' });
        child.on('close', (c) => resolve(c));
        child.on('error', () => resolve(null));
        child.stdin.end(assembleTestProgram(task, mutant.source));
      });
      if (code !== 0) baselineKilled++;
    }
  };
  await Promise.all(Array.from({ length: workers }, lane));
  const baseSeconds = (performance.now() - t0) / 1000;

  const rate = run / checkSeconds;
  const baseRate = sample.length / baseSeconds;
  const timing = out.runInfo?.taskWallMs as { mutants: number; sorting: number } | undefined;
  console.log(
    `\n${name}: per-mutant limits: wall max(${minTimeLimitMs} ms, 10x reference), CPU max(${MUTANT_CPU_FLOOR_MS} ms, 10x reference); survivor inputs: tests + generated + the ${SURVIVOR_PLUS_INPUTS} smallest plus inputs (hang guard ${REFERENCE_INPUT_CPU_MS} ms CPU each)`,
  );
  console.log(`  ${tasks.length} tasks, ${all.length} valid mutants (${run} run after sampling/compile check), ${workers} workers, isolation ${plan.info.mode}`);
  console.log(`  generation only         ${(all.length / genSeconds).toFixed(0).padStart(8)} mutants/s  (${genSeconds.toFixed(2)} s)`);
  console.log(`  mutation check (all)    ${rate.toFixed(0).padStart(8)} mutants/s  (${checkSeconds.toFixed(1)} s incl. reference, baselines, survivor sorting)`);
  console.log(`  spawn-per-mutant        ${baseRate.toFixed(0).padStart(8)} mutants/s  (${sample.length} sampled mutants in ${baseSeconds.toFixed(1)} s; ${baselineKilled} failed)`);
  console.log(`  speed-up                ${(rate / baseRate).toFixed(1).padStart(8)}x`);
  if (timing) console.log(`  task wall time summed   mutants ${(timing.mutants / 1000).toFixed(1)} s, survivor sorting ${(timing.sorting / 1000).toFixed(1)} s`);
  console.log(
    `  score ${s.score} (excluding possibly-equivalent ${s.scoreExcludingEquivalent}); killed ${s.counts.killed}, timeout ${s.counts.timeout}, survived ${s.counts.survived} (killable ${s.counts.killable}, possibly equivalent ${s.counts.possiblyEquivalent}, unsorted ${s.counts.unsorted}), error ${s.counts.error}`,
  );
}

await benchmark('humaneval', 'humaneval/HumanEval.jsonl.gz', 'humaneval', 'evalplus/HumanEvalPlus.jsonl.gz', (t) => t.id);
if (args.includes('--mbpp')) await benchmark('mbpp', 'mbpp/mbpp.jsonl', 'mbpp', 'evalplus/MbppPlus.jsonl.gz', (t) => `Mbpp/${t.id}`);
