/**
 * Drive a corpus scan: read the corpus (this shard's units), feed the scanner, return the partial
 * result. `scanCorpusParallel` spreads the work over worker threads (each builds the same index and
 * scans its part) and merges their partials exactly as shards are merged. For a directory corpus the
 * main thread only walks the tree and hands out batches of paths on demand (workers read and scan the
 * files themselves), so the workers stay evenly loaded and the tree is walked once; other corpus
 * kinds split their units (files, shard files) between the workers by a hash of the path.
 */
import { isUtf8 } from 'node:buffer';
import { Worker } from 'node:worker_threads';
import type { Task } from '../model/task.js';
import { listDirectory, ReadScratch, readDirectoryFile } from './corpus/directory.js';
import { readCorpus } from './corpus/open.js';
import type { HubAccess } from './corpus/hub.js';
import type { CorpusDocument, CorpusSink, CorpusSpec } from './corpus/types.js';
import { buildIndex, type BenchmarkIndex } from './index.js';
import type { ScanParameters } from './options.js';
import { Scanner, mergePartials, type ContaminationPartial, type CorpusStats } from './scanner.js';
import { unitSelector, type ShardSpec } from './shard.js';

/**
 * Paths per batch handed to a directory-scan worker: about 0.3 MB of typical source, i.e. some
 * milliseconds of scanning, so messages cost nothing next to the work and the last batches still
 * even out the workers' finishing times.
 */
const FILES_PER_BATCH = 32;

export interface ScanRunOptions {
  shard?: ShardSpec | null;
  worker?: { index: number; count: number };
  hub?: HubAccess;
  /** Called after each document with its byte count. */
  onDocument?: (bytes: number) => void;
  signal?: AbortSignal;
  /** false: no memo of verifications (every window verified afresh); the reference in tests. */
  memo?: boolean;
}

/** The sink that records a reader's skips and warnings in the scanner's partial result. */
export function scannerSink(scanner: Scanner): CorpusSink {
  return {
    skip: (reason: string) => scanner.skip(reason),
    warn: (code: string, message: string) => scanner.warn(code, message),
    nonUtf8: () => undefined,
  };
}

/** Scan one document (noting non-UTF-8 bytes, which are scanned byte-wise). */
export function scanDocument(scanner: Scanner, doc: CorpusDocument): void {
  if (!isUtf8(doc.bytes)) {
    scanner.noteNonUtf8();
    scanner.warn('corpus-non-utf8', `${doc.id}: not valid UTF-8; scanned byte-wise`);
  }
  scanner.scan(doc);
}

export async function scanCorpus(index: BenchmarkIndex, spec: CorpusSpec, options: ScanRunOptions = {}): Promise<ContaminationPartial> {
  const scanner = new Scanner(index, { memo: options.memo ?? true });
  const sink = scannerSink(scanner);
  const select = unitSelector(options.shard ?? null, options.worker);
  if (spec.format === 'dir') {
    // readDirectory's steps, reading every file into one reused buffer (each is scanned before the next).
    const scratch = new ReadScratch();
    for (const rel of listDirectory(spec, sink, select)) {
      options.signal?.throwIfAborted(); // an interrupted scan is no result
      const doc = readDirectoryFile(spec, rel, sink, scratch);
      if (doc === null) continue;
      scanDocument(scanner, doc);
      options.onDocument?.(doc.bytes.length);
    }
    return scanner.partial(options.shard ?? null);
  }
  for await (const doc of readCorpus(spec, sink, select, options.hub)) {
    options.signal?.throwIfAborted();
    scanDocument(scanner, doc);
    options.onDocument?.(doc.bytes.length);
  }
  return scanner.partial(options.shard ?? null);
}

/**
 * Why a finished scan is no result, or null: it read no document (wrong format, location or include
 * globs), or every document it read failed to parse. A report of "0 contaminated" would be a lie.
 */
export function emptyScanReason(stats: CorpusStats, spec: CorpusSpec): string | null {
  const skipped = Object.entries(stats.skipped).sort();
  const why = skipped.length === 0 ? 'no file matched' : `skipped: ${skipped.map(([k, v]) => `${v} ${k}`).join(', ')}`;
  const hint = `check --corpus-format (it is ${spec.format}), the location and --corpus-include (${spec.include.join(', ') || 'none'})`;
  if (stats.documents === 0) return `the corpus scan of ${spec.location} read no document (${why}); ${hint}`;
  if (stats.unparsable === stats.documents) return `the corpus scan of ${spec.location} read ${stats.documents} documents and none parsed; ${hint}`;
  return null;
}

/** A skip or warning of the main thread's directory walk, replayed into one worker's partial. */
export type SinkEvent = { kind: 'skip'; reason: string } | { kind: 'warn'; code: string; message: string };

export interface WorkerRequest {
  tasks: Task[];
  params: ScanParameters;
  spec: CorpusSpec;
  shard: ShardSpec | null;
  /** `units`: read this worker's hash-selected units; `files`: scan the directory files sent to it. */
  mode: 'units' | 'files';
  worker: { index: number; count: number };
  hub: Omit<HubAccess, 'fetch'>;
}

/** Main thread -> worker (mode `files`). */
export type ToWorker = { type: 'files'; paths: string[] } | { type: 'end'; events: SinkEvent[] };
/** Worker -> main thread. */
export type FromWorker = { type: 'more' } | { type: 'progress'; bytes: number } | { type: 'done'; partial: ContaminationPartial };

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
 * single-threaded scan's (merge is order-independent; every unit is scanned by exactly one worker).
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
  const mode = spec.format === 'dir' ? 'files' : 'units';
  // Directory mode: one lazy walk shared by all workers; its own skips/warnings go to worker 0.
  const events: SinkEvent[] = [];
  const listing =
    mode === 'files'
      ? listDirectory(
          spec,
          { skip: (reason) => events.push({ kind: 'skip', reason }), warn: (code, message) => events.push({ kind: 'warn', code, message }), nonUtf8: () => undefined },
          unitSelector(options.shard ?? null),
        )
      : null;
  const nextBatch = (): string[] => {
    const paths: string[] = [];
    if (listing === null || options.signal?.aborted) return paths;
    for (let r = listing.next(); !r.done; r = listing.next()) {
      paths.push(r.value);
      if (paths.length >= FILES_PER_BATCH) break;
    }
    return paths;
  };

  const runs: Promise<ContaminationPartial>[] = [];
  for (let w = 0; w < workers; w++) {
    const request: WorkerRequest = {
      tasks: [...tasks],
      params,
      spec,
      shard: options.shard ?? null,
      mode,
      worker: { index: w, count: workers },
      hub: { ...(options.hub?.hubUrl ? { hubUrl: options.hub.hubUrl } : {}), ...(options.hub?.accessToken ? { accessToken: options.hub.accessToken } : {}), ...(options.hub?.cacheDir ? { cacheDir: options.hub.cacheDir } : {}) },
    };
    runs.push(
      new Promise((resolve, reject) => {
        const worker = startWorker(request);
        let ended = false;
        worker.on('message', (msg: FromWorker) => {
          if (msg.type === 'progress') options.onDocument?.(msg.bytes);
          else if (msg.type === 'done') resolve(msg.partial);
          else if (!ended) {
            const paths = nextBatch();
            if (paths.length > 0) worker.postMessage({ type: 'files', paths } satisfies ToWorker);
            else {
              ended = true;
              worker.postMessage({ type: 'end', events: w === 0 ? events : [] } satisfies ToWorker);
            }
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`scan worker ${w} exited with code ${code}`));
        });
      }),
    );
  }
  const partials = await Promise.all(runs);
  options.signal?.throwIfAborted();
  const merged = mergePartials(partials.map((p) => ({ ...p, shard: null })), params.candidatesPerItem);
  if (!merged.ok) return merged;
  return { ok: true, partial: { ...merged.partial, shard: options.shard ?? null } };
}
