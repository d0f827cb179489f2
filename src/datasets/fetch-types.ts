/**
 * The contract between dataset loading and the downloaders (hub.ts, release.ts, local files).
 * A downloader turns a manifest source into local files plus their provenance for the report.
 */
import type { FileRecord, Provenance } from '../model/types.generated.js';
import type { Format } from './manifest.generated.js';
import type { ProgressSink } from '../model/progress.js';

export interface FetchedFile {
  /** Where the bytes are on this machine (HF cache snapshot, bench-audit cache, or the local path). */
  localPath: string;
  format: Format;
  /** What the report records: repo path / asset name, sha256 of the bytes, size, URL, split. */
  record: FileRecord;
}

export interface FetchedSource {
  provenance: Provenance;
  files: FetchedFile[];
}

export interface FetchOptions {
  /** Overrides the manifest's revision (hub sources): branch, tag or commit sha. */
  revision?: string;
  /** Hub endpoint; default from HF_ENDPOINT, else https://huggingface.co. */
  hubUrl?: string;
  /** Hub token; default from HF_TOKEN. */
  token?: string;
  /** Never touch the network; default from HF_HUB_OFFLINE=1. */
  offline?: boolean;
  /** HF hub cache dir; default HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub. */
  hubCacheDir?: string;
  /** Cache for release-URL assets; default BENCH_AUDIT_CACHE, else ~/.cache/bench-audit. */
  cacheDir?: string;
  /**
   * URL prefix rewrites for release assets, e.g. to a mirror or a test server:
   * [["https://github.com", "http://127.0.0.1:8080/gh"]]. Default from BENCH_AUDIT_MIRROR
   * ("FROM=TO,FROM=TO").
   */
  mirrors?: [string, string][];
  /** fetch implementation (tests inject one); default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Progress/log lines; never stdout. */
  log?: (message: string) => void;
  /** Bytes of each download as they arrive: start(label, total bytes, 0 when unknown), advance(bytes), finish(). */
  downloadProgress?: ProgressSink;
}
