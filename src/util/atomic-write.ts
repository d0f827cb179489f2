import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { OutputError } from '../errors.js';

/**
 * Write a file atomically: write a temporary sibling, then rename over the target, so a reader
 * (or a crash) never sees a half-written file. Creates the parent directory when `mkdir` is set.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: { mkdir?: boolean } = {}): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    if (options.mkdir) mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new OutputError(`cannot write ${path} (${reason})`, {
      hint: 'check that the directory exists and is writable, or choose another path with --out',
      location: { file: path },
      cause: error,
    });
  }
}
