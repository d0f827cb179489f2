/** The `audit` options of the contamination check, and how they become audit settings. */
import type { Argv } from 'yargs';
import { CORPUS_FORMATS, type ContaminationSettings, type CorpusFormat } from '../audit/config.js';

export function withContaminationOptions<T>(y: Argv<T>) {
  return y
    .option('corpus', { type: 'string', group: 'Contamination:', describe: 'corpus to scan: a folder, a git repository, JSONL/Parquet shard file(s), or a hub dataset owner/name' })
    .option('corpus-format', { choices: CORPUS_FORMATS, group: 'Contamination:', describe: 'corpus kind (default: guessed from --corpus)' })
    .option('corpus-include', { type: 'string', array: true, group: 'Contamination:', describe: 'glob of files (or shard files) to scan; repeatable (default *.py, *.js, *.mjs, *.cjs, *.jsx, *.ts, *.tsx, *.md, *.markdown, *.ipynb, *.json, *.jsonl, *.ndjson, or the shard files)' })
    .option('corpus-exclude', { type: 'string', array: true, group: 'Contamination:', describe: 'glob to skip; repeatable' })
    .option('corpus-content-column', { type: 'string', group: 'Contamination:', describe: 'JSONL/Parquet column with the code (default content, as The Stack)' })
    .option('corpus-path-column', { type: 'string', group: 'Contamination:', describe: 'column with the file path (default max_stars_repo_path)' })
    .option('corpus-repo-column', { type: 'string', group: 'Contamination:', describe: 'column with the repository (default max_stars_repo_name)' })
    .option('corpus-revision', { type: 'string', group: 'Contamination:', describe: 'git or hub revision of the corpus' })
    .option('compare-with', { type: 'string', array: true, group: 'Contamination:', describe: 'other benchmarks (ids or files) to check for overlapping tasks' })
    .option('shard', { type: 'string', group: 'Contamination:', describe: 'scan shard K/N of the corpus (default from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)' })
    .option('shards', { type: 'number', group: 'Contamination:', describe: 'shard count N when only the index comes from the environment' })
    .option('partial-out', { type: 'string', group: 'Contamination:', describe: 'write this shard\'s partial result here, for `bench-audit merge`' })
    .option('workers', { type: 'string', describe: 'parallel workers: sandbox processes for execution and mutation (default: one per core) and threads for the corpus scan (default 1)' })
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
  workers?: string;
  'ngram-size'?: number;
  'min-item-ngrams'?: number;
  'contaminated-threshold'?: number;
}

/** The contamination flags as audit settings. */
export function contaminationSettings(argv: ContaminationArgs): ContaminationSettings {
  return {
    ...(argv.corpus !== undefined ? { corpus: argv.corpus } : {}),
    ...(argv['corpus-format'] ? { corpusFormat: argv['corpus-format'] } : {}),
    ...(argv['corpus-include'] ? { include: argv['corpus-include'] } : {}),
    ...(argv['corpus-exclude'] ? { exclude: argv['corpus-exclude'] } : {}),
    ...(argv['corpus-content-column'] ? { contentColumn: argv['corpus-content-column'] } : {}),
    ...(argv['corpus-path-column'] ? { pathColumn: argv['corpus-path-column'] } : {}),
    ...(argv['corpus-repo-column'] ? { repoColumn: argv['corpus-repo-column'] } : {}),
    ...(argv['corpus-revision'] ? { revision: argv['corpus-revision'] } : {}),
    ...(argv['compare-with'] ? { compareWith: argv['compare-with'] } : {}),
    ...(argv['ngram-size'] !== undefined ? { ngramSize: argv['ngram-size'] } : {}),
    ...(argv['min-item-ngrams'] !== undefined ? { minItemNgrams: argv['min-item-ngrams'] } : {}),
    ...(argv['contaminated-threshold'] !== undefined ? { contaminatedThreshold: argv['contaminated-threshold'] } : {}),
  };
}
