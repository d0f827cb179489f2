/** Corpus specification and the callbacks readers use to report what they skipped. */
import type { CorpusDocument } from '../scanner.js';

export type CorpusFormat = 'dir' | 'jsonl' | 'parquet' | 'git' | 'hub';
export const CORPUS_FORMATS: readonly CorpusFormat[] = ['dir', 'jsonl', 'parquet', 'git', 'hub'];

export interface CorpusSpec {
  format: CorpusFormat;
  /** Directory, file (or directory of shard files), git repository, or hub dataset `owner/name`. */
  location: string;
  /** Globs selecting files (dir, git) or shard files (jsonl, parquet, hub). */
  include: string[];
  exclude: string[];
  /** Row columns (jsonl, parquet, hub); defaults are The Stack's. */
  contentColumn: string;
  pathColumn: string;
  repoColumn: string;
  /** Git revision or hub revision. */
  revision: string;
  maxFileBytes: number;
  maxRowBytes: number;
}

/** Defaults for The Stack (bigcode/the-stack): `content`, `max_stars_repo_path`, `max_stars_repo_name`. */
export const DEFAULT_CONTENT_COLUMN = 'content';
export const DEFAULT_PATH_COLUMN = 'max_stars_repo_path';
export const DEFAULT_REPO_COLUMN = 'max_stars_repo_name';

export interface CorpusSink {
  /** A document was not scanned; `reason` is a short code (binary, oversized, unreadable, missing-column, bad-row). */
  skip(reason: string): void;
  warn(code: string, message: string): void;
  nonUtf8(doc: CorpusDocument): void;
}

/** Selects the units (files, shard files) this process scans: sharding and worker partitioning. */
export type UnitSelector = (unitPath: string) => boolean;

export const selectAll: UnitSelector = () => true;
