/**
 * Directory corpus: walk the tree in sorted order (deterministic), apply include/exclude globs,
 * skip binary (NUL in the first 8000 bytes, as git does) and oversized files, read one file at a time.
 */
import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { BINARY_SNIFF_BYTES } from '../constants.js';
import type { CorpusDocument } from '../scanner.js';
import { makePathFilter } from './glob.js';
import type { CorpusSink, CorpusSpec, UnitSelector } from './types.js';

export function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

async function* walk(root: string, dir: string, sink: CorpusSink): AsyncGenerator<string> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    sink.skip('unreadable');
    sink.warn('corpus-unreadable', `cannot list ${relative(root, dir) || '.'} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    let st;
    try {
      st = await lstat(path);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (name === '.git') continue;
      yield* walk(root, path, sink);
    } else if (st.isFile()) yield path;
  }
}

export async function* readDirectory(spec: CorpusSpec, sink: CorpusSink, select: UnitSelector): AsyncGenerator<CorpusDocument> {
  const filter = makePathFilter(spec.include, spec.exclude);
  for await (const abs of walk(spec.location, spec.location, sink)) {
    const rel = relative(spec.location, abs).split(sep).join('/');
    if (!filter(rel) || !select(rel)) continue;
    let bytes: Buffer;
    try {
      const handle = await open(abs, 'r');
      try {
        const size = (await handle.stat()).size;
        if (size > spec.maxFileBytes) {
          sink.skip('oversized');
          sink.warn('corpus-oversized', `${rel}: ${size} bytes, over the ${spec.maxFileBytes}-byte limit; skipped`);
          continue;
        }
        bytes = await handle.readFile();
      } finally {
        await handle.close();
      }
    } catch (error) {
      sink.skip('unreadable');
      sink.warn('corpus-unreadable', `${rel}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); skipped`);
      continue;
    }
    if (isBinary(bytes)) {
      sink.skip('binary');
      continue;
    }
    yield { id: rel, path: rel, bytes };
  }
}
