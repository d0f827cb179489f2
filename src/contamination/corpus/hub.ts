/**
 * Hugging Face hub dataset corpus: list the dataset's Parquet/JSONL shard files with `@huggingface/hub`,
 * then download and scan them one at a time (sorted by path, so sharding by path is stable), deleting
 * each download afterwards unless a cache directory is given. Location: `owner/name`.
 */
import { mkdtemp, rm, writeFile, mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { downloadFile, listFiles } from '@huggingface/hub';
import type { CorpusDocument } from './types.js';
import { makePathFilter } from './glob.js';
import { readJsonlFile, readParquetFile } from './rows.js';
import type { CorpusSink, CorpusSpec, UnitSelector } from './types.js';

export interface HubAccess {
  hubUrl?: string;
  accessToken?: string;
  fetch?: typeof fetch;
  /** Keep downloaded shards here (and reuse them); without it, each shard is deleted after its scan. */
  cacheDir?: string;
}

const SHARD_SUFFIXES = ['.parquet', '.jsonl', '.jsonl.gz', '.json.gz'];

export async function* readHubDataset(spec: CorpusSpec, sink: CorpusSink, select: UnitSelector, hub: HubAccess): AsyncGenerator<CorpusDocument> {
  const repo = { type: 'dataset' as const, name: spec.location };
  const common = {
    ...(hub.hubUrl ? { hubUrl: hub.hubUrl } : {}),
    ...(hub.accessToken ? { accessToken: hub.accessToken } : {}),
    ...(hub.fetch ? { fetch: hub.fetch } : {}),
  };
  const revision = spec.revision || 'main';
  const filter = makePathFilter(spec.include, spec.exclude);
  const paths: string[] = [];
  try {
    for await (const entry of listFiles({ repo, revision, recursive: true, ...common })) {
      if (entry.type !== 'file') continue;
      if (!SHARD_SUFFIXES.some((s) => entry.path.endsWith(s))) continue;
      if (filter(entry.path)) paths.push(entry.path);
    }
  } catch (error) {
    sink.warn('corpus-unreadable', `hub dataset ${spec.location}@${revision}: cannot list files (${(error as Error).message})`);
    return;
  }
  paths.sort();
  const scratch = hub.cacheDir ?? (await mkdtemp(join(tmpdir(), 'bench-audit-hub-')));
  try {
    for (const path of paths) {
      if (!select(path)) continue;
      const local = join(scratch, spec.location, revision, path);
      let cached = false;
      if (hub.cacheDir) cached = await stat(local).then((s) => s.isFile(), () => false);
      if (!cached) {
        try {
          const blob = await downloadFile({ repo, path, revision, ...common });
          if (blob === null) throw new Error('file not found');
          await mkdir(dirname(local), { recursive: true });
          await writeFile(local, new Uint8Array(await blob.arrayBuffer()));
        } catch (error) {
          sink.skip('unreadable');
          sink.warn('corpus-unreadable', `hub ${spec.location}/${path}: download failed (${(error as Error).message}); skipped`);
          continue;
        }
      }
      try {
        if (path.endsWith('.parquet')) yield* readParquetFile(local, path, spec, sink);
        else yield* readJsonlFile(local, path, spec, sink);
      } finally {
        if (!hub.cacheDir) await rm(local, { force: true });
      }
    }
  } finally {
    if (!hub.cacheDir) await rm(scratch, { recursive: true, force: true });
  }
}
