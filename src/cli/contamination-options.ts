/** The `audit` options of the contamination check, and how they become config + runtime options. */
import { existsSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import { contaminationConfig, corpusSpec } from '../checks/contamination/index.js';
import { resolveScanParameters, type ScanParameters } from '../contamination/options.js';
import { resolveShard } from '../contamination/shard.js';
import type { CorpusFormat, CorpusSpec } from '../contamination/corpus/types.js';
import { UsageError } from '../errors.js';
import type { ContaminationConfig } from '../model/types.generated.js';

const FORMATS = ['dir', 'jsonl', 'parquet', 'git', 'hub'] as const;

export function withContaminationOptions<T>(y: Argv<T>) {
  return y
    .option('corpus', { type: 'string', group: 'Contamination:', describe: 'corpus to scan: a folder, a git repository, JSONL/Parquet shard file(s), or a hub dataset owner/name' })
    .option('corpus-format', { choices: FORMATS, group: 'Contamination:', describe: 'corpus kind (default: guessed from --corpus)' })
    .option('corpus-include', { type: 'string', array: true, group: 'Contamination:', describe: 'glob of files (or shard files) to scan; repeatable (default *.py, or the shard files)' })
    .option('corpus-exclude', { type: 'string', array: true, group: 'Contamination:', describe: 'glob to skip; repeatable' })
    .option('corpus-content-column', { type: 'string', group: 'Contamination:', describe: 'JSONL/Parquet column with the code (default content, as The Stack)' })
    .option('corpus-path-column', { type: 'string', group: 'Contamination:', describe: 'column with the file path (default max_stars_repo_path)' })
    .option('corpus-repo-column', { type: 'string', group: 'Contamination:', describe: 'column with the repository (default max_stars_repo_name)' })
    .option('corpus-revision', { type: 'string', group: 'Contamination:', describe: 'git or hub revision of the corpus' })
    .option('compare-with', { type: 'string', array: true, group: 'Contamination:', describe: 'other benchmarks (ids or files) to check for overlapping tasks' })
    .option('shard', { type: 'string', group: 'Contamination:', describe: 'scan shard K/N of the corpus (default from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)' })
    .option('shards', { type: 'number', group: 'Contamination:', describe: 'shard count N when only the index comes from the environment' })
    .option('partial-out', { type: 'string', group: 'Contamination:', describe: 'write this shard\'s partial result here, for `bench-audit merge`' })
    .option('workers', { type: 'number', group: 'Contamination:', describe: 'worker threads for the corpus scan (default 1)' })
    .option('ngram-size', { type: 'number', group: 'Contamination:', describe: 'token n-gram size for containment' })
    .option('min-item-ngrams', { type: 'number', group: 'Contamination:', describe: 'items with fewer n-grams are reported as trivial, never contaminated' })
    .option('contaminated-threshold', { type: 'number', group: 'Contamination:', describe: 'containment at which a task part counts as contaminated' });
}

export interface ContaminationArgs {
  corpus?: string;
  'corpus-format'?: CorpusFormat;
  'corpus-include'?: string[];
  'corpus-exclude'?: string[];
  'corpus-content-column'?: string;
  'corpus-path-column'?: string;
  'corpus-repo-column'?: string;
  'corpus-revision'?: string;
  'compare-with'?: string[];
  shard?: string;
  shards?: number;
  'partial-out'?: string;
  workers?: number;
  'ngram-size'?: number;
  'min-item-ngrams'?: number;
  'contaminated-threshold'?: number;
}

/** Guess the corpus kind: a folder (git or not: scanned as files), shard files by extension, else a hub dataset. */
export function guessCorpusFormat(location: string): CorpusFormat {
  if (existsSync(location)) {
    if (statSync(location).isDirectory()) return existsSync(`${location}/.git`) ? 'git' : 'dir';
    if (/\.parquet$/i.test(location)) return 'parquet';
    if (/\.jsonl(\.gz)?$/i.test(location)) return 'jsonl';
    throw new UsageError(`cannot tell what kind of corpus ${location} is`, { hint: 'pass --corpus-format dir|jsonl|parquet|git|hub' });
  }
  if (/^[^/\s]+\/[^/\s]+$/.test(location)) return 'hub';
  throw new UsageError(`corpus ${location} does not exist`, { hint: 'give a folder, a git repository, shard files, or a hub dataset owner/name' });
}

export function contaminationFromArgs(argv: ContaminationArgs, seed: number): { config: ContaminationConfig; params: ScanParameters; corpus: CorpusSpec | null; shard: ReturnType<typeof resolveShard> } {
  const overrides: Partial<ScanParameters> = {
    ...(argv['ngram-size'] !== undefined ? { ngramSize: argv['ngram-size'] } : {}),
    ...(argv['min-item-ngrams'] !== undefined ? { minItemNgrams: argv['min-item-ngrams'] } : {}),
    ...(argv['contaminated-threshold'] !== undefined ? { contaminatedThreshold: argv['contaminated-threshold'] } : {}),
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new UsageError(`--${k} must be a non-negative number`);
  }
  const params = resolveScanParameters(overrides, seed);
  const corpus =
    argv.corpus === undefined
      ? null
      : corpusSpec(argv['corpus-format'] ?? guessCorpusFormat(argv.corpus), argv.corpus, {
          ...(argv['corpus-include'] ? { include: argv['corpus-include'] } : {}),
          ...(argv['corpus-exclude'] ? { exclude: argv['corpus-exclude'] } : {}),
          ...(argv['corpus-content-column'] ? { contentColumn: argv['corpus-content-column'] } : {}),
          ...(argv['corpus-path-column'] ? { pathColumn: argv['corpus-path-column'] } : {}),
          ...(argv['corpus-repo-column'] ? { repoColumn: argv['corpus-repo-column'] } : {}),
          ...(argv['corpus-revision'] ? { revision: argv['corpus-revision'] } : {}),
        });
  const shard = resolveShard(argv.shard, process.env, argv.shards);
  return { config: contaminationConfig(params, corpus, argv['compare-with'] ?? []), params, corpus, shard };
}
