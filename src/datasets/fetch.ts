/**
 * Getting a benchmark's files onto this machine: dispatch on the manifest's source type, with the
 * environment defaults (HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE, HF_HUB_CACHE / HF_HOME,
 * BENCH_AUDIT_CACHE, BENCH_AUDIT_MIRROR) applied in one place. Nothing here writes to stdout.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { silentProgress } from '../model/progress.js';
import type { FetchedSource, FetchOptions } from './fetch-types.js';
import { fetchHubSource } from './hub.js';
import { fetchLocalSource } from './local.js';
import type { DatasetManifest } from './manifest.generated.js';
import { fetchReleaseSource, withTimeouts, type DownloadSettings } from './release.js';

export type { FetchedFile, FetchedSource, FetchOptions } from './fetch-types.js';
export { fetchLocalFile, detectFileFormat } from './local.js';

/** The public hub, used when neither the option nor HF_ENDPOINT says otherwise. */
export const DEFAULT_HUB_URL = 'https://huggingface.co';

/** Values huggingface_hub accepts as "true" for boolean environment variables (HF_HUB_OFFLINE). */
const TRUE_VALUES = new Set(['1', 'on', 'yes', 'true']);

export function envFlag(value: string | undefined): boolean {
  return value !== undefined && TRUE_VALUES.has(value.trim().toLowerCase());
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function expandHome(path: string, home: string): string {
  return path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path;
}

/**
 * The HF hub cache folder, resolved as huggingface_hub and @huggingface/hub do: HF_HUB_CACHE, else
 * HUGGINGFACE_HUB_CACHE (legacy), else $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else
 * ~/.cache/huggingface/hub.
 */
export function defaultHubCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const direct = nonEmpty(env.HF_HUB_CACHE) ?? nonEmpty(env.HUGGINGFACE_HUB_CACHE);
  if (direct !== undefined) return expandHome(direct, home);
  const hfHome = nonEmpty(env.HF_HOME);
  if (hfHome !== undefined) return join(expandHome(hfHome, home), 'hub');
  return join(expandHome(nonEmpty(env.XDG_CACHE_HOME) ?? join(home, '.cache'), home), 'huggingface', 'hub');
}

/** bench-audit's own cache (release assets): BENCH_AUDIT_CACHE, else $XDG_CACHE_HOME/bench-audit, else ~/.cache/bench-audit. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const direct = nonEmpty(env.BENCH_AUDIT_CACHE);
  if (direct !== undefined) return expandHome(direct, home);
  return join(expandHome(nonEmpty(env.XDG_CACHE_HOME) ?? join(home, '.cache'), home), 'bench-audit');
}

/** "FROM=TO,FROM=TO" (BENCH_AUDIT_MIRROR) -> [[FROM, TO], ...]. */
export function parseMirrors(spec: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of spec.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    const from = eq < 0 ? '' : item.slice(0, eq).trim();
    const to = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (from === '' || to === '') {
      throw new UsageError(`BENCH_AUDIT_MIRROR entry "${item}" is not FROM=TO`, {
        hint: 'example: BENCH_AUDIT_MIRROR=https://github.com=http://127.0.0.1:8080 (several separated by commas)',
        location: { field: 'BENCH_AUDIT_MIRROR' },
      });
    }
    out.push([from, to]);
  }
  return out;
}

/** Every option filled in from the environment (the only place that reads it). */
export function resolveFetchOptions(
  options: FetchOptions = {},
  datasetId = 'local',
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): DownloadSettings {
  const hubUrl = (options.hubUrl ?? nonEmpty(env.HF_ENDPOINT) ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
  const token = options.token ?? nonEmpty(env.HF_TOKEN);
  const mirrorSpec = nonEmpty(env.BENCH_AUDIT_MIRROR);
  return {
    datasetId,
    ...(options.revision === undefined ? {} : { revision: options.revision }),
    hubUrl,
    ...(token === undefined ? {} : { token }),
    offline: options.offline ?? envFlag(env.HF_HUB_OFFLINE),
    hubCacheDir: options.hubCacheDir ?? defaultHubCacheDir(env, home),
    cacheDir: options.cacheDir ?? defaultCacheDir(env, home),
    mirrors: options.mirrors ?? (mirrorSpec === undefined ? [] : parseMirrors(mirrorSpec)),
    fetch: withTimeouts(options.fetch ?? globalThis.fetch),
    log: options.log ?? (() => undefined),
    downloadProgress: options.downloadProgress ?? silentProgress,
  };
}

/**
 * The benchmark's files on this machine, with provenance and per-file sha256 for the report.
 * Hub and release sources are cached (and verified); local sources are read from the package.
 * Throws DownloadError / InputError / OutputError / UsageError (src/errors.ts).
 */
export async function fetchSource(manifest: DatasetManifest, options: FetchOptions = {}): Promise<FetchedSource> {
  const source = manifest.source;
  if (options.revision !== undefined && source.type !== 'hub') {
    throw new UsageError(`--revision applies to hub datasets only; ${manifest.id} comes from ${source.type === 'url' ? `release ${source.version}` : 'the package'}`, {
      hint: 'drop --revision for this benchmark',
      location: { field: 'revision' },
    });
  }
  switch (source.type) {
    case 'hub':
      return fetchHubSource(source, resolveFetchOptions(options, manifest.id));
    case 'url':
      return fetchReleaseSource(source, resolveFetchOptions(options, manifest.id));
    case 'local':
      return fetchLocalSource(source);
  }
}
