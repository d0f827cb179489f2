/**
 * Directory corpus: walk the tree in sorted order (deterministic), apply include/exclude globs,
 * skip binary (NUL in the first 8000 bytes, as git does) and oversized files, read one file at a time.
 * File system calls are synchronous on purpose: the scan is CPU-bound in this same thread, and the
 * promise machinery of fs/promises costs more than the read of a typical 10 KB source file.
 */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { BINARY_SNIFF_BYTES } from '../constants.js';
import type { CorpusDocument } from './types.js';
import { makePathFilter } from './glob.js';
import type { CorpusSink, CorpusSpec, UnitSelector } from './types.js';

export function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  // Buffer#indexOf is a native byte search over a view of the same memory (no copy).
  return Buffer.from(bytes.buffer, bytes.byteOffset, n).indexOf(0) !== -1;
}

interface Level {
  rel: string;
  entries: Dirent[];
  next: number;
}

/** Sorted entries of `root/rel`, or null (counted and warned) when the directory cannot be listed. */
function listLevel(root: string, rel: string, sink: CorpusSink): Level | null {
  try {
    const entries = readdirSync(rel === '' ? root : join(root, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { rel, entries, next: 0 };
  } catch (error) {
    sink.skip('unreadable');
    sink.warn('corpus-unreadable', `cannot list ${rel || '.'} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return null;
  }
}

/**
 * Relative paths ('/'-separated) of the regular files under `root`, depth first in sorted name order;
 * symlinks are not followed and `.git` is skipped. Iterative, so a deep tree costs no nested generators.
 */
function* walk(root: string, sink: CorpusSink): Generator<string> {
  const top = listLevel(root, '', sink);
  const stack: Level[] = top === null ? [] : [top];
  while (stack.length > 0) {
    const level = stack[stack.length - 1];
    if (level.next >= level.entries.length) {
      stack.pop();
      continue;
    }
    const entry = level.entries[level.next++];
    const rel = level.rel === '' ? entry.name : `${level.rel}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name === '.git') continue;
      const sub = listLevel(root, rel, sink);
      if (sub !== null) stack.push(sub);
    } else if (entry.isFile()) yield rel;
  }
}

/** Relative paths (forward slashes, sorted walk order) of the files this process scans. */
export function* listDirectory(spec: CorpusSpec, sink: CorpusSink, select: UnitSelector): Generator<string> {
  const filter = makePathFilter(spec.include, spec.exclude);
  for (const rel of walk(spec.location, sink)) if (filter(rel) && select(rel)) yield rel;
}

/**
 * A reusable read buffer: with it, `readDirectoryFile` returns bytes that stay valid only until its
 * next call with the same scratch (for a consumer that is done with each document before the next,
 * like the scanner: no allocation and no garbage per file).
 */
export class ReadScratch {
  buffer = Buffer.allocUnsafe(1 << 16);
}

/** Read one listed file: null (counted and, where useful, warned) when oversized, unreadable or binary. */
export function readDirectoryFile(spec: CorpusSpec, rel: string, sink: CorpusSink, scratch?: ReadScratch): CorpusDocument | null {
  let bytes: Buffer;
  try {
    const fd = openSync(join(spec.location, rel), 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > spec.maxFileBytes) {
        sink.skip('oversized');
        sink.warn('corpus-oversized', `${rel}: ${size} bytes, over the ${spec.maxFileBytes}-byte limit; skipped`);
        return null;
      }
      bytes = scratch === undefined ? readFileSync(fd) : readInto(fd, size, scratch);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    sink.skip('unreadable');
    sink.warn('corpus-unreadable', `${rel}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); skipped`);
    return null;
  }
  if (isBinary(bytes)) {
    sink.skip('binary');
    return null;
  }
  return { id: rel, path: rel, bytes };
}

/** Read the whole file (its size at open) into the scratch buffer; a file that shrank ends early. */
function readInto(fd: number, size: number, scratch: ReadScratch): Buffer {
  if (scratch.buffer.length < size) scratch.buffer = Buffer.allocUnsafe(Math.max(size, scratch.buffer.length * 2));
  let done = 0;
  while (done < size) {
    const n = readSync(fd, scratch.buffer, done, size - done, done);
    if (n === 0) break;
    done += n;
  }
  return scratch.buffer.subarray(0, done);
}

export async function* readDirectory(spec: CorpusSpec, sink: CorpusSink, select: UnitSelector): AsyncGenerator<CorpusDocument> {
  for (const rel of listDirectory(spec, sink, select)) {
    const doc = readDirectoryFile(spec, rel, sink);
    if (doc !== null) yield doc;
  }
}

/** Files and bytes a directory scan will read (for progress with real totals); unreadable entries count 0 bytes. */
export function measureDirectory(spec: CorpusSpec, select: UnitSelector): { files: number; bytes: number } {
  const sink: CorpusSink = { skip: () => undefined, warn: () => undefined, nonUtf8: () => undefined };
  let files = 0;
  let bytes = 0;
  for (const rel of listDirectory(spec, sink, select)) {
    files++;
    try {
      const size = statSync(join(spec.location, rel)).size;
      if (size <= spec.maxFileBytes) bytes += size;
    } catch {
      // Counted as a file; the scan reports why it could not be read.
    }
  }
  return { files, bytes };
}
