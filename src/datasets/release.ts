/**
 * Release-URL sources (EvalPlus publishes its datasets as GitHub release assets), plus the HTTP
 * plumbing both downloaders share: request timeouts and turning network failures into DownloadErrors.
 *
 * Assets are cached by content: `<cacheDir>/releases/<sha256 from the manifest>/<asset name>`, so a
 * cached file is always checked against the hash that names its folder.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DownloadError, InputError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { readInputFile } from '../util/read-input.js';
import type { FetchedFile, FetchedSource } from './fetch-types.js';
import { hashFileIfPresent, hashMismatch, writeStreamVerified } from './local.js';
import type { UrlSource } from './manifest.generated.js';
import type { ProgressSink } from '../model/progress.js';

/** Longest wait for a server's response headers; hub API calls and GitHub redirects answer in well under a second. */
export const RESPONSE_TIMEOUT_MS = 30_000;
/** Longest pause between two chunks of a response body before a transfer counts as stalled. */
export const BODY_IDLE_TIMEOUT_MS = 60_000;

/** Settings the downloaders need, with every environment default already applied (see fetch.ts). */
export interface DownloadSettings {
  /** Manifest id, for hints ("run bench-audit datasets fetch <id>"). */
  datasetId: string;
  revision?: string;
  hubUrl: string;
  token?: string;
  offline: boolean;
  hubCacheDir: string;
  cacheDir: string;
  mirrors: [string, string][];
  /** Already wrapped with timeouts. */
  fetch: typeof fetch;
  log: (message: string) => void;
  downloadProgress: ProgressSink;
}

/**
 * The body of a download, counted into `progress` as it is read: one progress run per file, with
 * its total in bytes (0 when the server does not say). The run ends when the body ends or fails.
 */
export function metered(body: ReadableStream<Uint8Array>, label: string, totalBytes: number | undefined, progress: ProgressSink): ReadableStream<Uint8Array> {
  progress.start(label, totalBytes !== undefined && totalBytes > 0 ? totalBytes : 0);
  let ended = false;
  const end = () => {
    if (!ended) progress.finish();
    ended = true;
  };
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          end();
          controller.close();
          return;
        }
        progress.advance(value.byteLength);
        controller.enqueue(value);
      } catch (error) {
        end();
        controller.error(error);
      }
    },
    async cancel(reason) {
      end();
      await reader.cancel(reason);
    },
  });
}

/** A request that got no response (or no more body bytes) in time. */
export class NetworkTimeoutError extends Error {
  constructor(
    readonly url: string,
    readonly phase: 'response' | 'body',
    readonly ms: number,
  ) {
    super(`${phase === 'response' ? 'no response' : 'download stalled'} from ${url} within ${ms / 1000} s`);
    this.name = 'NetworkTimeoutError';
  }
}

function requestUrl(input: Parameters<typeof fetch>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * Wrap a fetch so every request fails with NetworkTimeoutError when the response headers take longer
 * than `responseMs`, or when a consumer waits longer than `idleMs` for the next body chunk. The body
 * timer only runs while someone is reading, so an unread body never keeps the process alive.
 */
export function withTimeouts(base: typeof fetch, responseMs = RESPONSE_TIMEOUT_MS, idleMs = BODY_IDLE_TIMEOUT_MS): typeof fetch {
  const timed = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const url = requestUrl(input);
    const controller = new AbortController();
    const outer = init?.signal;
    if (outer) {
      if (outer.aborted) controller.abort(outer.reason);
      else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
    }
    let timedOut: NetworkTimeoutError | undefined;
    const responseTimer = setTimeout(() => {
      timedOut = new NetworkTimeoutError(url, 'response', responseMs);
      controller.abort(timedOut);
    }, responseMs);
    let response: Response;
    try {
      response = await base(input, { ...init, signal: controller.signal });
    } catch (error) {
      throw timedOut ?? error;
    } finally {
      clearTimeout(responseTimer);
    }
    const body = response.body;
    if (body === null) return response;
    const reader = body.getReader();
    const wrapped = new ReadableStream<Uint8Array>({
      async pull(out) {
        const idleTimer = setTimeout(() => {
          timedOut = new NetworkTimeoutError(url, 'body', idleMs);
          controller.abort(timedOut);
        }, idleMs);
        try {
          const { done, value } = await reader.read();
          if (done) out.close();
          else out.enqueue(value);
        } catch (error) {
          out.error(timedOut ?? error);
        } finally {
          clearTimeout(idleTimer);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    const result = new Response(wrapped, { status: response.status, statusText: response.statusText, headers: response.headers });
    // A constructed Response has an empty url; @huggingface/hub reads it to follow the hub's redirects.
    Object.defineProperty(result, 'url', { value: response.url });
    Object.defineProperty(result, 'redirected', { value: response.redirected });
    return result;
  };
  return timed as typeof fetch;
}

/** Error codes of failed connections (undici puts them in the cause chain of "fetch failed"). */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED',
]);

/** Network error codes anywhere in an error's cause chain (or its AggregateError members). */
function networkCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || error === null || typeof error !== 'object') return [];
  const codes: string[] = [];
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_ERROR_CODES.has(code) || code.startsWith('UND_ERR'))) codes.push(code);
  codes.push(...networkCodes((error as { cause?: unknown }).cause, depth + 1));
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) for (const e of inner) codes.push(...networkCodes(e, depth + 1));
  return codes;
}

/**
 * A DownloadError when `error` is a network failure (connection refused, DNS, reset, timeout);
 * undefined for anything else. `what` names the server ("the hub at https://...").
 */
export function networkFailure(error: unknown, what: string, hint: string, file?: string): DownloadError | undefined {
  const location = file === undefined ? {} : { file };
  if (error instanceof NetworkTimeoutError) {
    return new DownloadError(`cannot reach ${what}: ${error.message}`, { hint, location, cause: error });
  }
  const codes = networkCodes(error);
  // @huggingface/hub's WebBlob.stream() aborts with the failed fetch's message, a bare string.
  const text = typeof error === 'string' ? error : error instanceof Error ? error.message : '';
  if (codes.length > 0 || text === 'fetch failed' || text === 'terminated') {
    return new DownloadError(`cannot reach ${what} (${codes[0] ?? text})`, { hint, location, cause: error });
  }
  return undefined;
}

/** Rewrite a URL with the longest matching mirror prefix; unchanged when none matches. */
export function applyMirrors(url: string, mirrors: [string, string][]): string {
  let best: [string, string] | undefined;
  for (const mirror of mirrors) {
    if (url.startsWith(mirror[0]) && (best === undefined || mirror[0].length > best[0].length)) best = mirror;
  }
  return best === undefined ? url : best[1] + url.slice(best[0].length);
}

/** The file name at the end of an asset URL ("…/download/v0.2.0/MbppPlus.jsonl.gz" -> "MbppPlus.jsonl.gz"). */
export function assetName(url: string): string {
  const last = new URL(url).pathname.split('/').filter((s) => s !== '').pop();
  if (last === undefined) throw new DownloadError(`release URL has no file name: ${url}`, { location: { field: 'source.files.url' } });
  return decodeURIComponent(last);
}

/** Where an asset lives in the bench-audit cache: named by the manifest's sha256, so the folder vouches for the bytes. */
export function releaseCachePath(cacheDir: string, sha256: string, url: string): string {
  return join(cacheDir, 'releases', sha256, assetName(url));
}

async function downloadAsset(url: string, name: string, expected: string, target: string, settings: DownloadSettings): Promise<number> {
  const actualUrl = applyMirrors(url, settings.mirrors);
  const via = actualUrl === url ? '' : ` (via mirror ${actualUrl})`;
  settings.log(`downloading ${url}${via}`);
  const offlineHint = `check the network, or set BENCH_AUDIT_MIRROR=FROM=TO to use a mirror; HF_HUB_OFFLINE=1 uses a cached copy (cache: ${settings.cacheDir})`;
  let response: Response;
  try {
    response = await settings.fetch(actualUrl, { redirect: 'follow', headers: { Accept: 'application/octet-stream' } });
  } catch (error) {
    throw networkFailure(error, new URL(actualUrl).origin, offlineHint, name) ?? error;
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    const status = response.status;
    throw new DownloadError(`HTTP ${status} downloading release asset ${url}${via}`, {
      hint:
        status === 404
          ? 'the release asset does not exist at this URL: check the manifest URL and version (or the mirror)'
          : status === 401 || status === 403
            ? 'access was refused: the asset may have been made private or rate limited; retry later or use a mirror'
            : 'the server failed; retry later or use a mirror (BENCH_AUDIT_MIRROR)',
      location: { file: name },
    });
  }
  const length = Number(response.headers.get('content-length') ?? '');
  const body = metered(response.body, `downloading ${name}`, Number.isFinite(length) && length > 0 ? length : undefined, settings.downloadProgress);
  let digest;
  try {
    digest = await writeStreamVerified(body, target, (d) => {
      if (d.sha256 !== expected) throw hashMismatch(name, expected, d.sha256, `manifest ${settings.datasetId}`);
    });
  } catch (error) {
    throw networkFailure(error, new URL(actualUrl).origin, offlineHint, name) ?? error;
  }
  return digest.bytes;
}

/** A file at a pinned URL with the sha256 its bytes must have (a release asset, a release's license text). */
export interface PinnedFile {
  url: string;
  sha256: string;
  /** What errors and the cache call it (the asset's or license file's name). */
  name: string;
  /** The release it belongs to, for messages ("v0.1.10"). */
  version: string;
}

/**
 * A pinned file from the cache when a valid copy is there, else downloaded (and verified) into it; returns its cache
 * path and size. Offline, only the cache is read.
 */
export async function fetchPinnedFile(file: PinnedFile, settings: DownloadSettings): Promise<{ localPath: string; bytes: number }> {
  const { name } = file;
  const target = join(settings.cacheDir, 'releases', file.sha256, name);
  const cached = await hashFileIfPresent(target);
  if (cached?.sha256 === file.sha256) return { localPath: target, bytes: cached.bytes };
  if (settings.offline) {
    throw new DownloadError(
      cached === undefined
        ? `offline mode and ${name} (${file.version}) is not in the cache (${target})`
        : `offline mode and the cached copy of ${name} is corrupt: expected sha256 ${file.sha256}, got ${cached.sha256}`,
      {
        hint: `run \`bench-audit datasets fetch ${settings.datasetId}\` once while online (without HF_HUB_OFFLINE), or set BENCH_AUDIT_CACHE to the cache that holds it`,
        location: { file: name },
      },
    );
  }
  if (cached !== undefined) {
    settings.log(`cached ${target} has sha256 ${cached.sha256}, expected ${file.sha256}: downloading again`);
    await rm(target, { force: true });
  }
  return { localPath: target, bytes: await downloadAsset(file.url, name, file.sha256, target, settings) };
}

/** Release assets, from the cache when a valid copy is there, else downloaded (and verified) into it. */
export async function fetchReleaseSource(source: UrlSource, settings: DownloadSettings): Promise<FetchedSource> {
  const files: FetchedFile[] = [];
  for (const file of source.files) {
    const name = assetName(file.url);
    const { localPath, bytes } = await fetchPinnedFile({ url: file.url, sha256: file.sha256, name, version: source.version }, settings);
    files.push({
      localPath,
      format: file.format,
      record: { path: name, sha256: file.sha256, bytes, url: file.url, ...(file.split === undefined ? {} : { split: file.split }) },
    });
  }
  return { provenance: { type: 'url', version: source.version }, files };
}

/**
 * Place a local copy of a release asset (an air-gapped machine, a mirror on disk) in the cache,
 * after checking it against the manifest's sha256. Returns the cache path.
 */
export async function importReleaseAsset(source: UrlSource, file: string, cacheDir: string): Promise<string> {
  const bytes = await readInputFile(file);
  const actual = createHash('sha256').update(bytes).digest('hex');
  const entry = source.files.find((f) => f.sha256 === actual);
  if (!entry) {
    throw new InputError(`sha256 ${actual} is none of this benchmark's release assets (${source.files.map((f) => f.sha256).join(', ')})`, {
      hint: 'pass the exact release asset file',
      location: { file },
    });
  }
  const target = releaseCachePath(cacheDir, entry.sha256, entry.url);
  writeFileAtomic(target, bytes, { mkdir: true });
  return target;
}
