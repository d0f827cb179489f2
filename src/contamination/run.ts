/**
 * Drive a corpus scan: read the corpus (this shard's units), feed the scanner, return the partial
 * result. `scanCorpusParallel` splits the units over worker threads (each builds the same index and
 * scans its own units) and merges their partials exactly as shards are merged.
 */
import { isUtf8 } from 'node:buffer';
import { Worker } from 'node:worker_threads';
import type { Task } from '../task.js';
import { readCorpus } from './corpus/open.js';
import type { HubAccess } from './corpus/hub.js';
import type { CorpusSpec } from './corpus/types.js';
import { buildIndex, type BenchmarkIndex } from './index.js';
import type { ScanParameters } from './options.js';
import { Scanner, mergePartials, type ContaminationPartial } from './scanner.js';
import { unitSelector, type ShardSpec } from './shard.js';

export interface ScanRunOptions {
  shard?: ShardSpec | null;
  worker?: { index: number; count: number };
  hub?: HubAccess;
  /** Called after each document with its byte count. */
  onDocument?: (bytes: number) => void;
  signal?: AbortSignal;
}

export async function scanCorpus(index: BenchmarkIndex, spec: CorpusSpec, options: ScanRunOptions = {}): Promise<ContaminationPartial> {
  const scanner = new Scanner(index);
  const sink = {
    skip: (reason: string) => scanner.skip(reason),
    warn: (code: string, message: string) => scanner.warn(code, message),
    nonUtf8: () => undefined,
  };
  const select = unitSelector(options.shard ?? null, options.worker);
  for await (const doc of readCorpus(spec, sink, select, options.hub)) {
    if (options.signal?.aborted) break;
    if (!isUtf8(doc.bytes)) {
      scanner.noteNonUtf8();
      scanner.warn('corpus-non-utf8', `${doc.id}: not valid UTF-8; scanned byte-wise`);
    }
    scanner.scan(doc);
    options.onDocument?.(doc.bytes.length);
  }
  return scanner.partial(options.shard ?? null);
}

export interface WorkerRequest {
  tasks: Task[];
  params: ScanParameters;
  spec: CorpusSpec;
  shard: ShardSpec | null;
  worker: { index: number; count: number };
  hub: Omit<HubAccess, 'fetch'>;
}

/**
 * The worker entry: the compiled .js next to this module, or (running from source under tsx, in
 * tests and benchmarks) the .ts file with tsx's loader registered in the worker too.
 */
function startWorker(workerData: WorkerRequest): Worker {
  const here = new URL(import.meta.url);
  if (!here.pathname.endsWith('.ts')) return new Worker(new URL('./scan-worker.js', here), { workerData });
  const entry = new URL('./scan-worker.ts', here).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Scan with `workers` threads (1 = in this thread). The merged partial is identical to a
 * single-threaded scan's (units are split by path hash; merge is order-independent).
 */
export async function scanCorpusParallel(
  tasks: readonly Task[],
  params: ScanParameters,
  spec: CorpusSpec,
  workers: number,
  options: ScanRunOptions = {},
): Promise<{ ok: true; partial: ContaminationPartial } | { ok: false; reason: string }> {
  if (workers <= 1) {
    const partial = await scanCorpus(buildIndex(tasks, params), spec, options);
    return { ok: true, partial };
  }
  const runs: Promise<ContaminationPartial>[] = [];
  for (let w = 0; w < workers; w++) {
    const request: WorkerRequest = {
      tasks: [...tasks],
      params,
      spec,
      shard: options.shard ?? null,
      worker: { index: w, count: workers },
      hub: { ...(options.hub?.hubUrl ? { hubUrl: options.hub.hubUrl } : {}), ...(options.hub?.accessToken ? { accessToken: options.hub.accessToken } : {}), ...(options.hub?.cacheDir ? { cacheDir: options.hub.cacheDir } : {}) },
    };
    runs.push(
      new Promise((resolve, reject) => {
        const worker = startWorker(request);
        worker.on('message', (msg: { type: 'progress'; bytes: number } | { type: 'done'; partial: ContaminationPartial }) => {
          if (msg.type === 'progress') options.onDocument?.(msg.bytes);
          else resolve(msg.partial);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`scan worker ${w} exited with code ${code}`));
        });
      }),
    );
  }
  const partials = await Promise.all(runs);
  const merged = mergePartials(partials.map((p) => ({ ...p, shard: null })), params.candidatesPerItem);
  if (!merged.ok) return merged;
  return { ok: true, partial: { ...merged.partial, shard: options.shard ?? null } };
}
