/**
 * `--shard K/N`: a stable subset of the corpus units (files, shard files) chosen by a hash of their
 * path, so every machine agrees without coordination. Without --shard, the index comes from
 * SLURM_ARRAY_TASK_ID (Slurm array jobs; 0- or 1-based as the array was declared, so the count
 * comes from SLURM_ARRAY_TASK_COUNT and the base from SLURM_ARRAY_TASK_MIN) or JOB_COMPLETION_INDEX
 * (Kubernetes Indexed Jobs, 0-based; count from --shards).
 */
import { hashString, shardOf } from './hash.js';
import type { UnitSelector } from './corpus/types.js';

export interface ShardSpec {
  /** 0-based. */
  index: number;
  count: number;
}

export type ShardParse = { ok: true; shard: ShardSpec | null; source: string } | { ok: false; reason: string };

/** Parse "K/N" (1-based K, as users count). */
export function parseShard(text: string): ShardParse {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) return { ok: false, reason: `--shard must look like K/N (e.g. 2/8), got "${text}"` };
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || k < 1 || k > n) return { ok: false, reason: `--shard ${text}: need 1 <= K <= N` };
  return { ok: true, shard: { index: k - 1, count: n }, source: '--shard' };
}

/** The shard from --shard, else from the scheduler's environment; null = whole corpus. */
export function resolveShard(option: string | undefined, env: Record<string, string | undefined>, shardsOption?: number): ShardParse {
  if (option !== undefined) return parseShard(option);
  const slurm = env.SLURM_ARRAY_TASK_ID;
  if (slurm !== undefined && slurm !== '') {
    const count = Number(env.SLURM_ARRAY_TASK_COUNT ?? shardsOption);
    const base = Number(env.SLURM_ARRAY_TASK_MIN ?? 0);
    const index = Number(slurm) - base;
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
      return { ok: false, reason: `SLURM_ARRAY_TASK_ID=${slurm} with SLURM_ARRAY_TASK_COUNT=${env.SLURM_ARRAY_TASK_COUNT} does not give a shard (declare --array=0-(N-1) or pass --shard K/N)` };
    }
    return { ok: true, shard: { index, count }, source: 'SLURM_ARRAY_TASK_ID' };
  }
  const k8s = env.JOB_COMPLETION_INDEX;
  if (k8s !== undefined && k8s !== '') {
    const count = Number(env.BENCH_AUDIT_SHARDS ?? shardsOption);
    const index = Number(k8s);
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
      return { ok: false, reason: `JOB_COMPLETION_INDEX=${k8s} needs the shard count: pass --shards N (the Job's completions) or set BENCH_AUDIT_SHARDS` };
    }
    return { ok: true, shard: { index, count }, source: 'JOB_COMPLETION_INDEX' };
  }
  return { ok: true, shard: null, source: 'none' };
}

/** Salt so that the per-worker split within a shard is independent of the shard split. */
const WORKER_SALT = 0x5a17;

export function unitSelector(shard: ShardSpec | null, worker?: { index: number; count: number }): UnitSelector {
  return (path) =>
    (shard === null || shardOf(path, shard.count) === shard.index) &&
    (worker === undefined || worker.count <= 1 || hashString(path, WORKER_SALT) % worker.count === worker.index);
}
