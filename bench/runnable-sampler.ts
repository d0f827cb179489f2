/**
 * bench/sandbox-runnable.py driven from a bench: start it over this process and the pool's workers, stop it after
 * the jobs, and say per worker how much of the time (and how many milliseconds per job) it had nothing runnable.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolvePython } from '../src/python/interpreter.js';

const script = join(fileURLToPath(import.meta.url), '..', 'sandbox-runnable.py');

export interface Sampled { samples: number; nodeRunnable: number; workers: Record<string, number>[] }

/** The sampler over this process and the workers' trees; the returned function stops it and gives its counts. */
export function startSampler(workerPids: number[]): () => Promise<Sampled> {
  const child = spawn(resolvePython().executable, [script, String(process.pid), ...workerPids.map(String)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => (out += chunk));
  const done = new Promise<Sampled>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(out) as Sampled));
  });
  return () => {
    child.stdin.end();
    return done;
  };
}

/** One line: per worker, the share of samples with none of its processes runnable, that time per job, the mean runnable. */
export function describeSampled(sampled: Sampled, seconds: number, jobs: number): string {
  const perWorker = sampled.workers.map((h) => {
    const n = Object.values(h).reduce((a, b) => a + b, 0);
    const none = (h['0'] ?? 0) / n;
    const mean = Object.entries(h).reduce((a, [k, v]) => a + Number(k) * v, 0) / n;
    const idleMs = (none * seconds * 1000) / (jobs / sampled.workers.length);
    return `${(none * 100).toFixed(1)}% (${idleMs.toFixed(2)} ms per job), mean ${mean.toFixed(2)} runnable`;
  });
  return (
    `${sampled.samples} samples; each worker with nothing runnable: ${perWorker.join('; ')}; ` +
    `node runnable ${((sampled.nodeRunnable / sampled.samples) * 100).toFixed(1)}%`
  );
}
