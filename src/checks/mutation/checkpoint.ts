/**
 * Per-task checkpoints so an interrupted audit resumes (`--resume`) without redoing finished
 * tasks. The check sees only the `CheckpointStore` interface; `fileCheckpointStore` is the
 * file-backed edge the CLI passes in (one JSON file per task, written atomically).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { sha256Hex } from '../../util/hash.js';

/** Bump when the stored shape or the analysis changes meaning: older checkpoints are then ignored. */
export const CHECKPOINT_VERSION = 2;

export interface CheckpointStore {
  /** The stored value for `taskId` if its key matches, else undefined. */
  load(taskId: string, key: string): unknown;
  save(taskId: string, key: string, value: unknown): void;
}

/** A key that changes whenever anything that determines the task's result changes. */
export function checkpointKey(parts: Record<string, unknown>): string {
  return sha256Hex(canonicalJson({ version: CHECKPOINT_VERSION, ...parts }));
}

/** Safe, unique file name for a task id ("HumanEval/12" -> "HumanEval%2F12.json"). */
export function checkpointFileName(taskId: string): string {
  return `${encodeURIComponent(taskId).replaceAll('.', '%2E')}.json`;
}

/** Checkpoints as files under `dir`; `resume: false` never reads (old files are overwritten). */
export function fileCheckpointStore(dir: string, options: { resume: boolean }): CheckpointStore {
  return {
    load(taskId, key) {
      if (!options.resume) return undefined;
      const path = join(dir, checkpointFileName(taskId));
      if (!existsSync(path)) return undefined;
      try {
        const stored = JSON.parse(readFileSync(path, 'utf8')) as { key?: unknown; value?: unknown };
        return stored.key === key ? stored.value : undefined;
      } catch {
        return undefined; // a damaged checkpoint is redone, not trusted
      }
    },
    save(taskId, key, value) {
      writeFileAtomic(join(dir, checkpointFileName(taskId)), canonicalJson({ key, taskId, value }), { mkdir: true });
    },
  };
}

/** In-memory store (tests, or a caller that wants no files). */
export function memoryCheckpointStore(): CheckpointStore & { entries: Map<string, { key: string; value: unknown }> } {
  const entries = new Map<string, { key: string; value: unknown }>();
  return {
    entries,
    load: (taskId, key) => (entries.get(taskId)?.key === key ? structuredClone(entries.get(taskId)!.value) : undefined),
    save: (taskId, key, value) => void entries.set(taskId, { key, value: structuredClone(value) }),
  };
}
