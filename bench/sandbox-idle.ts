/**
 * Whether a sandbox worker ever waits with nothing to run (the time a candidate forked ahead could use): jobs
 * through the pool as the benches send them (all queued at once, so each busy worker also holds its next job), for
 * programs that pass, answer wrong, raise, and exit, while bench/sandbox-runnable.py samples each worker's processes.
 * Then the control: one worker fed one job at a time (nothing sent ahead), which must wait for Node between jobs.
 *
 *   npx tsx bench/sandbox-idle.ts [--jobs N]
 */
import { loadavg } from 'node:os';
import { createSandboxPool } from '../src/sandbox/pool.js';
import type { TestsJob } from '../src/sandbox/types.js';
import { describeSampled, startSampler } from './runnable-sampler.js';

const args = process.argv.slice(2);
const i = args.indexOf('--jobs');
/** Jobs per measured run: a few seconds under load, several samples per job. */
const JOBS = i >= 0 ? Number(args[i + 1]) : 1_000;
/** Jobs run before measuring: the workers start and their first oracle is up. */
const WARM_UP_JOBS = 40;
const TIMEOUT_MS = 3_000;

const job = (body: string): TestsJob => ({
  kind: 'tests',
  program: { candidate: `import os\ndef add(a, b):\n    ${body}\n` },
  entryPoint: 'add',
  tests: { kind: 'assert-list', asserts: ['assert add(1, 2) == 3'] },
});
const programs: [string, TestsJob][] = [
  ['passes', job('return a + b')],
  ['answers wrong', job('return a - b')],
  ['raises', job('raise ValueError(a)')],
  ['exits', job('os._exit(3)')],
];

async function measure(label: string, program: TestsJob, oneAtATime: boolean): Promise<void> {
  const pool = createSandboxPool({ timeoutMs: TIMEOUT_MS, ...(oneAtATime ? { workers: 1 } : {}) });
  await pool.runAll(Array.from({ length: WARM_UP_JOBS }, () => program));
  const stop = startSampler(pool.workerPids());
  const t0 = performance.now();
  let status = '';
  if (oneAtATime) {
    for (let n = 0; n < JOBS; n++) status = (await pool.run(program)).verdict.status;
  } else {
    status = (await pool.runAll(Array.from({ length: JOBS }, () => program)))[0].verdict.status;
  }
  const seconds = (performance.now() - t0) / 1000;
  const sampled = await stop();
  await pool.close();
  console.log(`${label} (${status}): ${(JOBS / seconds).toFixed(0)} jobs/s, load ${loadavg()[0].toFixed(1)}; ${describeSampled(sampled, seconds, JOBS)}`);
}

for (const [label, program] of programs) await measure(`${label}, ${createSandboxPool().size} workers`, program, false);
await measure('passes, 1 worker, one job at a time', programs[0][1], true);
