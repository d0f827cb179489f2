/** Corpus specification and the callbacks readers use to report what they skipped. */
import type { ContaminationConfig } from '../../model/types.generated.js';

/** One document of a corpus, as the scanner reads it. */
export interface CorpusDocument {
  /** Unique, stable id (relative path, `file#row`, `rev:path`). */
  id: string;
  path: string;
  repo?: string;
  bytes: Uint8Array;
}

export type CorpusFormat = CorpusSpec['format'];
export { CORPUS_FORMATS } from '../../model/enums.generated.js';

/**
 * What to scan: the report's `config.contamination.corpus` (schemas/audit.schema.json). `location` is a
 * directory, a file (or directory) of shards, a git repository, or a hub dataset `owner/name`;
 * `include`/`exclude` select files (dir, git) or shard files (jsonl, parquet, hub); the columns apply
 * to row corpora; `revision` is the git or hub revision.
 */
export type CorpusSpec = NonNullable<ContaminationConfig['corpus']>;

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

