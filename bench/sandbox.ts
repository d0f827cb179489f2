/**
 * Sandbox throughput, side by side with the simple approach (a fresh `python3` per job, as the
 * original HumanEval harness does), measured in the same run:
 *   1. trivial jobs (one passing assert),
 *   2. HumanEval reference runs (164 tasks x 3 seeds),
 *   3. MBPP reference runs (974 tasks x 3 seeds) with the pool only.
 *   4. JavaScript trivial jobs: the JavaScript runtime (one QuickJS runtime per job in long-lived workers)
 *      beside a fresh `node` per job.
 * Targets: >= 600 trivial jobs/s on 2 cores, HumanEval x3 < 5 s, MBPP x3 < 15 s,
 * >= 10x the spawn-per-job baseline; JavaScript >= 300 trivial jobs/s and >= 5x a fresh node per job.
 * Usage: npx tsx bench/sandbox.ts [--jobs N] [--baseline-jobs N] [--js-jobs N] [--js-baseline-jobs N] [--js-warmup N per worker]
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataFile } from '../src/datasets/load.js';
import { resolvePython } from '../src/python/interpreter.js';
import { testsJob } from '../src/sandbox/jobs.js';
import { createSandboxPool } from '../src/sandbox/pool.js';
import type { SandboxJob, TestsJob } from '../src/sandbox/types.js';
import { DEFAULT_JS_LIMITS } from '../src/sandbox/js/runtime.js';
import { createRuntime } from '../src/sandbox/runtimes.js';
import { assembleTestProgram, type Task } from '../src/model/task.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const data = join(root, '..', 'shared', 'data');
const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
/** Enough trivial jobs for a stable rate (a few seconds). */
const TRIVIAL_JOBS = arg('--jobs', 3_000);
/** The baseline is ~20x slower: fewer jobs give the same measuring time. */
const BASELINE_JOBS = arg('--baseline-jobs', 200);
const REPEATS = 3;
const TIMEOUT_MS = 3_000;

const python = resolvePython().executable;
const workers = availableParallelism();

/** Baseline: `python3 -c program` per job, `workers` at a time, exit status as verdict. */
async function spawnPerJob(programs: string[]): Promise<{ seconds: number; passed: number }> {
  const start = performance.now();
  let next = 0;
  let passed = 0;
  const runOne = (program: string) =>
    new Promise<boolean>((resolve) => {
      const child = spawn(python, ['-c', program], { stdio: 'ignore', timeout: TIMEOUT_MS });
      child.on('exit', (code) => resolve(code === 0));
      child.on('error', () => resolve(false));
    });
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < programs.length) {
        const p = programs[next++];
        if (await runOne(p)) passed++;
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, passed };
}

function rate(n: number, seconds: number): string {
  return `${(n / seconds).toFixed(0).padStart(6)} jobs/s`;
}

const pool = createSandboxPool({ timeoutMs: TIMEOUT_MS });
const measured = await pool.measureIsolation();
console.log(`python ${pool.python.version} (${pool.python.executable}); ${pool.size} workers; isolation ${measured.mode}, filesystem ${measured.filesystem}; confinement ${JSON.stringify(measured.confinement ?? {})}`);

// Warm up: start the workers (interpreter start-up is a one-off cost, not per job).
const trivial: TestsJob = {
  kind: 'tests',
  program: { candidate: 'def add(a, b):\n    return a + b\n' },
  entryPoint: 'add',
  tests: { kind: 'assert-list', asserts: ['assert add(1, 2) == 3'] },
};
await pool.runAll(Array.from({ length: pool.size * 4 }, () => trivial));

// 1. Trivial jobs.
let t0 = performance.now();
const trivialResults = await pool.runAll(Array.from({ length: TRIVIAL_JOBS }, () => trivial));
const trivialPool = (performance.now() - t0) / 1000;
const trivialOk = trivialResults.filter((r) => r.verdict.status === 'passed').length;
const trivialProgram = 'def add(a, b):\n    return a + b\nassert add(1, 2) == 3\n';
const trivialBase = await spawnPerJob(Array.from({ length: BASELINE_JOBS }, () => trivialProgram));
console.log('\ntrivial jobs');
console.log(`  fork-server pool : ${rate(TRIVIAL_JOBS, trivialPool)}  (${TRIVIAL_JOBS} jobs, ${trivialOk} passed, ${trivialPool.toFixed(2)} s)`);
console.log(`  spawn per job    : ${rate(BASELINE_JOBS, trivialBase.seconds)}  (${BASELINE_JOBS} jobs, ${trivialBase.passed} passed, ${trivialBase.seconds.toFixed(2)} s)`);
console.log(`  ratio            : ${(TRIVIAL_JOBS / trivialPool / (BASELINE_JOBS / trivialBase.seconds)).toFixed(1)}x`);

// 2. HumanEval reference runs, three seeds each.
async function referenceRuns(label: string, tasks: Task[], baselineCount: number): Promise<void> {
  const jobs = [0, 1, 2].slice(0, REPEATS).flatMap((seed) => tasks.map((t) => testsJob(t, { hashSeed: seed })));
  t0 = performance.now();
  const results = await pool.runAll(jobs);
  const s = (performance.now() - t0) / 1000;
  const passed = results.filter((r) => r.verdict.status === 'passed').length;
  console.log(`\n${label} reference runs (${tasks.length} tasks x ${REPEATS} seeds)`);
  console.log(`  fork-server pool : ${rate(jobs.length, s)}  (${passed}/${jobs.length} passed, ${s.toFixed(2)} s)`);
  if (baselineCount > 0) {
    const programs = tasks.slice(0, baselineCount).map((t) => assembleTestProgram(t, t.solution));
    const base = await spawnPerJob(programs);
    console.log(`  spawn per job    : ${rate(programs.length, base.seconds)}  (${base.passed}/${programs.length} passed, ${base.seconds.toFixed(2)} s)`);
    console.log(`  ratio            : ${(jobs.length / s / (programs.length / base.seconds)).toFixed(1)}x`);
  }
}

await referenceRuns('HumanEval', await loadDataFile(join(data, 'humaneval', 'HumanEval.jsonl.gz')), 164);
await referenceRuns('MBPP', await loadDataFile(join(data, 'mbpp', 'mbpp.jsonl')), 0);
await pool.close();

// 4. JavaScript trivial jobs: the runtime's workers beside `node -e` per job (our own trivial program only).
const JS_JOBS = arg('--js-jobs', 3_000);
const JS_BASELINE_JOBS = arg('--js-baseline-jobs', 100);
/**
 * Jobs each fresh worker runs before the timed ones: its first ~100 jobs cost ~4x a warm job's CPU while V8 compiles
 * QuickJS's WebAssembly and the wrapper's code (measured per 100-job chunk), a one-off per worker that a short timed
 * run would otherwise report as per-job cost. Timed and printed on its own line.
 */
const JS_WARMUP_PER_WORKER = arg('--js-warmup', 300);
const jsProgram = 'const add = (a, b) => {\n  return a + b\n}\nconsole.assert(add(1, 2) === 3)\n';
// Through the Runtime seam, as the checks reach it.
const jsRuntime = createRuntime({ language: 'javascript', workers });
const jsJob: SandboxJob = { kind: 'script', script: { source: jsProgram, filename: 'test.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official' } };
const jsWarmupJobs = workers * JS_WARMUP_PER_WORKER;
t0 = performance.now();
await jsRuntime.runAll(Array.from({ length: jsWarmupJobs }, () => jsJob));
const jsFreshSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const jsResults = await jsRuntime.runAll(Array.from({ length: JS_JOBS }, () => jsJob));
const jsSeconds = (performance.now() - t0) / 1000;
await jsRuntime.close();
const jsOk = jsResults.filter((r) => r.verdict.status === 'passed').length;
const nodeStart = performance.now();
let nodeNext = 0;
let nodePassed = 0;
await Promise.all(
  Array.from({ length: workers }, async () => {
    while (nodeNext++ < JS_BASELINE_JOBS) {
      // The harness's rule: passed when node printed nothing.
      const ok = await new Promise<boolean>((resolve) => {
        const child = spawn(process.execPath, ['-e', jsProgram], { stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT_MS });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', () => resolve(out === ''));
        child.on('error', () => resolve(false));
      });
      if (ok) nodePassed++;
    }
  }),
);
const nodeSeconds = (performance.now() - nodeStart) / 1000;
console.log('\nJavaScript trivial jobs');
const nodeRate = JS_BASELINE_JOBS / nodeSeconds;
console.log(`  QuickJS workers  : ${rate(JS_JOBS, jsSeconds)}  (${JS_JOBS} jobs on warm workers, ${jsOk} passed, ${jsSeconds.toFixed(2)} s)`);
console.log(`  fresh workers    : ${rate(jsWarmupJobs, jsFreshSeconds)}  (their first ${jsWarmupJobs} jobs, start-up and V8's warm-up included, ${jsFreshSeconds.toFixed(2)} s)`);
console.log(`  node per job     : ${rate(JS_BASELINE_JOBS, nodeSeconds)}  (${JS_BASELINE_JOBS} jobs, ${nodePassed} passed, ${nodeSeconds.toFixed(2)} s)`);
console.log(`  ratio            : ${(JS_JOBS / jsSeconds / nodeRate).toFixed(1)}x warm, ${(jsWarmupJobs / jsFreshSeconds / nodeRate).toFixed(1)}x fresh`);
