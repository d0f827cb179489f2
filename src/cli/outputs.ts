/**
 * Output paths are checked before any work starts, so a long audit never ends in "cannot write"
 * with its results lost. Every output's directory is created the same way (--out, --markdown,
 * --html, --out-dir, --partial-out, checkpoints), then probed with a real write.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError } from '../errors.js';

/** Create `path`'s directory and prove a file can be written there (and renamed over `path`). */
export function prepareOutput(path: string, flag: string): void {
  const dir = dirname(resolve(path));
  const fail = (reason: string, hint: string, cause?: unknown): never => {
    throw new OutputError(`${flag} ${path}: ${reason}`, { hint, ...(cause === undefined ? {} : { cause }) });
  };
  const existing = statOrUndefined(path);
  if (existing?.isDirectory()) fail('is a directory', `name a file, e.g. ${join(path, basename(path) + '.json')}`);
  try {
    makeDirectories(dir);
  } catch (error) {
    fail(`cannot create the directory ${dir} (${code(error)})`, 'choose a path in a directory you can write to', error);
  }
  const probe = join(dir, `.bench-audit-probe.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(probe, 'wx'));
  } catch (error) {
    fail(`the directory ${dir} is not writable (${code(error)})`, 'choose a path in a directory you can write to', error);
  } finally {
    rmSync(probe, { force: true });
  }
}

/** Create a directory the run will fill (checkpoints); same errors as a file output. */
export function prepareDirectory(dir: string, flag: string): void {
  prepareOutput(join(dir, '.probe'), flag);
}

/**
 * mkdir -p one level at a time (Node's recursive mkdirSync can loop forever under /proc), failing
 * with ENOTDIR when an ancestor is a file.
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  for (let s = statOrUndefined(at); s === undefined; s = statOrUndefined(at)) {
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  const ancestor = statOrUndefined(at);
  if (ancestor !== undefined && !ancestor.isDirectory()) throw Object.assign(new Error(`${at} is a file`), { code: 'ENOTDIR' });
  for (const d of missing.reverse()) mkdirSync(d);
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}
