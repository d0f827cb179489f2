/**
 * The contamination check: where each task's prompt, solution and tests appear in a corpus, plus
 * (with or without a corpus) near-duplicates inside the benchmark and overlaps with other benchmarks.
 * I/O (reading the corpus, worker threads) happens here at the edge; the algorithms are in
 * src/contamination/.
 */
import { ToolError } from '../../errors.js';
import type { Task } from '../../model/task.js';
import type { Check, CheckContext, CheckOutput } from '../types.js';
import type { HubAccess } from '../../contamination/corpus/hub.js';
import {
  DEFAULT_CONTENT_COLUMN,
  DEFAULT_PATH_COLUMN,
  DEFAULT_REPO_COLUMN,
  type CorpusFormat,
  type CorpusSpec,
} from '../../contamination/corpus/types.js';
import { MAX_FILE_BYTES, MAX_ROW_BYTES } from '../../contamination/constants.js';
import { buildIndex } from '../../contamination/index.js';
import { resolveScanParameters, type ScanParameters } from '../../contamination/options.js';
import { findCrossBenchmarkOverlaps, findDuplicatesInBenchmark } from '../../contamination/overlap.js';
import { buildContaminationOutput } from './report.js';
import { emptyScanReason, scanCorpusParallel } from '../../contamination/run.js';
import { measureDirectory } from '../../contamination/corpus/directory.js';
import { unitSelector } from '../../contamination/shard.js';
import type { ContaminationPartial } from '../../contamination/scanner.js';
import type { ShardSpec } from '../../contamination/shard.js';

/**
 * Default include globs per corpus format. File trees: Python and JavaScript/TypeScript sources (each
 * read by its language's tokenizer, contamination/language.ts) and the files code is also kept in
 * (Markdown, notebooks, JSON and JSONL, read as documents by contamination/embedded.ts); row corpora:
 * shard files. JavaScript is included whatever the audited benchmark's language, so that a report's
 * corpus settings do not depend on the tasks; a Python audit pays for reading the JavaScript files a
 * corpus holds (nothing on a Python-only corpus; see README "Performance").
 */
export const DEFAULT_FILE_INCLUDES: readonly string[] = [
  '*.py', '*.js', '*.mjs', '*.cjs', '*.jsx', '*.ts', '*.tsx', '*.md', '*.markdown', '*.ipynb', '*.json', '*.jsonl', '*.ndjson',
];

export function defaultIncludes(format: CorpusFormat): string[] {
  if (format === 'dir' || format === 'git') return [...DEFAULT_FILE_INCLUDES];
  return ['*.parquet', '*.jsonl', '*.jsonl.gz', '*.json.gz'];
}

/** A corpus spec with defaults filled in (The Stack's column names, size limits). */
export function corpusSpec(format: CorpusFormat, location: string, overrides: Partial<CorpusSpec> = {}): CorpusSpec {
  return {
    format,
    location,
    include: overrides.include ?? defaultIncludes(format),
    exclude: overrides.exclude ?? [],
    contentColumn: overrides.contentColumn ?? DEFAULT_CONTENT_COLUMN,
    pathColumn: overrides.pathColumn ?? DEFAULT_PATH_COLUMN,
    repoColumn: overrides.repoColumn ?? DEFAULT_REPO_COLUMN,
    revision: overrides.revision ?? (format === 'git' ? 'HEAD' : format === 'hub' ? 'main' : ''),
    maxFileBytes: overrides.maxFileBytes ?? MAX_FILE_BYTES,
    maxRowBytes: overrides.maxRowBytes ?? MAX_ROW_BYTES,
  };
}

function formatBytes(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} kB`;
}

export interface ContaminationCheckOptions {
  /** The corpus to scan; null/undefined = no-corpus mode (duplicates and overlaps only). */
  corpus?: CorpusSpec | null;
  /** Scan only this shard of the corpus (the result is partial: see `onPartial` and `merge`). */
  shard?: ShardSpec | null;
  /** Worker threads (default 1). */
  workers?: number;
  /** Other benchmarks to check for overlapping tasks. */
  compareWith?: { benchmark: string; tasks: readonly Task[] }[];
  /** Parameter overrides (thresholds...); the seed comes from the audit config. */
  params?: Partial<ScanParameters>;
  hub?: HubAccess;
  /** Receives the (shard's) partial result, for writing a partial file that `merge` combines. */
  onPartial?: (partial: ContaminationPartial, params: ScanParameters) => void;
}

export function createContaminationCheck(options: ContaminationCheckOptions = {}): Check<'contamination'> {
  return {
    name: 'contamination',
    async run(context: CheckContext): Promise<CheckOutput<'contamination'>> {
      const started = Date.now();
      const params = resolveScanParameters(options.params, context.config.seed);
      const index = buildIndex(context.tasks, params);
      const corpus = options.corpus ?? null;
      let partial: ContaminationPartial | null = null;
      if (corpus !== null) {
        // Real totals where they are known before the scan (a directory: its files and bytes).
        const totals = corpus.format === 'dir' ? measureDirectory(corpus, unitSelector(options.shard ?? null)) : null;
        context.progress.start(
          totals === null
            ? `contamination: scanning ${corpus.location} (bytes read)`
            : `contamination: scanning ${corpus.location} (${totals.files} files, ${formatBytes(totals.bytes)}; bytes read)`,
          totals?.bytes ?? 0,
        );
        // A scan that fails is an error of the audit (exit 2), never a warning beside a "clean" report.
        try {
          const result = await scanCorpusParallel(context.tasks, params, corpus, options.workers ?? 1, {
            shard: options.shard ?? null,
            ...(options.hub ? { hub: options.hub } : {}),
            onDocument: (bytes) => context.progress.advance(bytes),
            ...(context.signal ? { signal: context.signal } : {}),
          });
          if (!result.ok) throw new ToolError(`the corpus scan of ${corpus.location} failed: ${result.reason}`);
          partial = result.partial;
          // A shard may hold no files; the whole scan (or the merge of shards) may not.
          const empty = options.shard ? null : emptyScanReason(partial.corpus, corpus);
          if (empty !== null) throw new ToolError(empty);
        } finally {
          context.progress.finish();
        }
        options.onPartial?.(partial, params);
      }
      const duplicates = findDuplicatesInBenchmark(context.tasks, params, index);
      const overlaps = (options.compareWith ?? []).map((other) => ({
        benchmark: other.benchmark,
        peers: findCrossBenchmarkOverlaps(context.tasks, other.tasks, params),
      }));
      const output = buildContaminationOutput({ tasks: context.tasks, index, partial, corpus, duplicates, overlaps });
      output.runInfo = {
        durationMs: Date.now() - started,
        workers: options.workers ?? 1,
        ...(options.shard ? { shard: `${options.shard.index + 1}/${options.shard.count}`, partial: true } : {}),
        indexNgrams: index.tables.map((t) => t.size),
        lshReferences: index.lshRefs.length,
      };
      return output;
    },
  };
}

export { contaminationConfig } from './report.js';
