/**
 * Local files: the benchmarks shipped inside the package (`source.type === 'local'`), files given
 * with --data, and the file-system half of the downloaders (hashing, verified atomic placement).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DownloadError, InputError, OutputError } from '../errors.js';
import type { FetchedFile, FetchedSource } from './fetch-types.js';
import type { Format, LocalSource } from './manifest.generated.js';
import { datasetsDir } from './manifest.js';
import { detectFormat } from './readers.js';

/** Bytes read from the start of a --data file to confirm its format (gzip / Parquet magic). */
const FORMAT_SNIFF_BYTES = 64;

export interface FileDigest {
  sha256: string;
  bytes: number;
  /** Git blob id (sha1 of "blob <size>\0" + content), computed when asked for. */
  gitOid?: string;
}

/** sha256 and size of a file, streamed (benchmark files can be larger than we want in memory). */
export async function hashFile(path: string, options: { gitBlobSize?: number } = {}): Promise<FileDigest> {
  const hash = createHash('sha256');
  const sha1 = options.gitBlobSize === undefined ? undefined : createHash('sha1').update(`blob ${options.gitBlobSize}\0`);
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    sha1?.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { sha256: hash.digest('hex'), bytes, ...(sha1 ? { gitOid: sha1.digest('hex') } : {}) };
}

/** The file's digest, or undefined when it does not exist (a dangling cache symlink counts as absent). */
export async function hashFileIfPresent(path: string, options: { gitBlobSize?: number } = {}): Promise<FileDigest | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return undefined;
  } catch {
    return undefined;
  }
  return hashFile(path, options);
}

/** A temporary sibling name that no other process or call will pick. */
export function tempSibling(path: string, suffix = 'incomplete'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`);
}

/**
 * Stream bytes into `finalPath` atomically: write a temporary sibling while hashing, let `verify`
 * inspect the digest (it throws to reject), and only then rename into place. A rejected or
 * interrupted download leaves nothing at `finalPath`.
 */
export async function writeStreamVerified(
  stream: AsyncIterable<Uint8Array>,
  finalPath: string,
  verify: (digest: FileDigest) => void,
  options: { gitBlobSize?: number } = {},
): Promise<FileDigest> {
  const tmp = tempSibling(finalPath);
  let handle;
  try {
    await mkdir(dirname(finalPath), { recursive: true });
    handle = await open(tmp, 'w');
  } catch (error) {
    throw cacheWriteError(finalPath, error);
  }
  const sha256 = createHash('sha256');
  const sha1 = options.gitBlobSize === undefined ? undefined : createHash('sha1').update(`blob ${options.gitBlobSize}\0`);
  let bytes = 0;
  try {
    try {
      for await (const chunk of stream) {
        sha256.update(chunk);
        sha1?.update(chunk);
        bytes += chunk.byteLength;
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    const digest: FileDigest = { sha256: sha256.digest('hex'), bytes, ...(sha1 ? { gitOid: sha1.digest('hex') } : {}) };
    verify(digest);
    await rename(tmp, finalPath);
    return digest;
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** A cache folder that cannot be written. */
export function cacheWriteError(path: string, error: unknown): OutputError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new OutputError(`cannot write the download cache at ${path} (${reason})`, {
    hint: 'make the cache folder writable or point HF_HUB_CACHE / BENCH_AUDIT_CACHE elsewhere',
    location: { file: path },
    cause: error,
  });
}

/** The error for bytes whose sha256 is not the one expected. */
export function hashMismatch(file: string, expected: string, actual: string, source: string, hint?: string): DownloadError {
  return new DownloadError(`sha256 mismatch: expected ${expected} (${source}), got ${actual}`, {
    hint: hint ?? 'the download was corrupted or the upstream file changed; retry, and if it persists check the source',
    location: { file },
  });
}

/** Files of a benchmark shipped in the package's datasets/ folder. */
export async function fetchLocalSource(source: LocalSource, dir: string = datasetsDir()): Promise<FetchedSource> {
  const root = resolve(dir);
  const files: FetchedFile[] = [];
  for (const file of source.files) {
    const localPath = resolve(root, file.path);
    const rel = relative(root, localPath);
    if (isAbsolute(file.path) || rel.startsWith('..') || rel.split(sep).includes('..')) {
      throw new InputError(`local dataset file ${file.path} is outside the datasets folder`, {
        hint: 'paths in a local manifest source are relative to datasets/ and may not leave it',
        location: { file: file.path, field: 'source.files.path' },
      });
    }
    const digest = await hashFileIfPresent(localPath);
    if (!digest) {
      throw new InputError(`local dataset file not found: ${localPath}`, {
        hint: 'the package installation is incomplete, or the manifest names a file that does not exist',
        location: { file: file.path },
      });
    }
    files.push({
      localPath,
      format: file.format,
      record: { path: file.path, sha256: digest.sha256, bytes: digest.bytes, ...(file.split === undefined ? {} : { split: file.split }) },
    });
  }
  return { provenance: { type: 'local' }, files };
}

/** The first bytes of a file (fewer when it is shorter). */
async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Format of a --data file: its extension, confirmed by gzip / Parquet magic bytes, else its first character. */
export async function detectFileFormat(path: string): Promise<Format> {
  return detectFormat(path, await readHead(path, FORMAT_SNIFF_BYTES));
}

/** A file given with --data: hashed, format detected unless given. The record keeps the path as given. */
export async function fetchLocalFile(path: string, format?: Format): Promise<FetchedFile> {
  let isFile = false;
  let code: string | undefined;
  try {
    isFile = (await stat(path)).isFile();
  } catch (error) {
    code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
  if (!isFile) {
    throw new InputError(code === undefined ? `${path} is not a regular file` : `cannot read ${path} (${code})`, {
      hint: 'pass the path of a .jsonl, .jsonl.gz, .json or .parquet file to --data',
      location: { file: path },
    });
  }
  const digest = await hashFile(path);
  return {
    localPath: resolve(path),
    format: format ?? (await detectFileFormat(path)),
    record: { path, sha256: digest.sha256, bytes: digest.bytes },
  };
}
