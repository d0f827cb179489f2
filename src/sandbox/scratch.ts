/**
 * Scratch folders that must not outlive this process even when it is killed outright (SIGKILL runs
 * no handler, so no exit hook removes them). A small reaper process, in its own session (a
 * terminal's Ctrl-C does not reach it), is told each folder as it is made; when this process ends,
 * however it ends, the pipe to the reaper closes and the reaper removes them all. Normal ends have
 * removed them already (the pool's and the runtime's own cleanup): the reaper then finds nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';

/** Reads folder paths, one a line, until end of input; then removes them. */
const REAPER_SH = 'while IFS= read -r d; do set -- "$@" "$d"; done; [ "$#" -eq 0 ] || rm -rf -- "$@"';

/** undefined: not started yet; null: could not start (no /bin/sh): the other cleanups still apply. */
let reaper: ChildProcess | null | undefined;

function startReaper(): ChildProcess | null {
  try {
    const child = spawn('/bin/sh', ['-c', REAPER_SH], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('error', () => {
      reaper = null;
    });
    child.stdin!.on('error', () => {});
    // Neither the reaper nor the pipe to it keeps this process alive.
    child.unref();
    (child.stdin as Socket).unref();
    return child;
  } catch {
    return null;
  }
}

/** Have `dir` removed when this process ends, even by SIGKILL. */
export function removeAtDeath(dir: string): void {
  if (reaper === undefined) reaper = startReaper();
  // A path with a line break cannot be told on one line; its owner's own cleanup still removes it.
  if (reaper !== null && !dir.includes('\n')) reaper.stdin!.write(`${dir}\n`);
}
