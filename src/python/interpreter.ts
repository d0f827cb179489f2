import { execFileSync } from 'node:child_process';
import { ToolError } from '../errors.js';

export interface PythonInterpreter {
  /** Absolute path of the real interpreter binary (shims such as pyenv's resolved away). */
  executable: string;
  /** "3.11.7" */
  version: string;
}

/** How long resolving the interpreter may take; a pyenv shim costs ~100 ms, a cold start a few seconds. */
const RESOLVE_TIMEOUT_MS = 20_000;

const cache = new Map<string, PythonInterpreter>();

/**
 * Find the real Python 3 interpreter once: `python3` on PATH may be a slow shim (pyenv, asdf),
 * so ask it for `sys.executable` and use that binary from then on. `requested` (the --python
 * option) overrides the search.
 */
export function resolvePython(requested?: string): PythonInterpreter {
  const candidates = requested ? [requested] : ['python3', 'python'];
  const key = candidates.join('\0');
  const hit = cache.get(key);
  if (hit) return hit;
  const tried: string[] = [];
  for (const candidate of candidates) {
    try {
      const out = execFileSync(
        candidate,
        ['-c', 'import sys; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3]); print(sys.version_info[0])'],
        { encoding: 'utf8', timeout: RESOLVE_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const [executable, version, major] = out.trim().split('\n');
      if (major !== '3') {
        tried.push(`${candidate} is Python ${version}`);
        continue;
      }
      const found = { executable: executable || candidate, version };
      cache.set(key, found);
      return found;
    } catch (error) {
      tried.push(`${candidate}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message.split('\n')[0]}`);
    }
  }
  throw new ToolError(`no usable Python 3 interpreter found (${tried.join('; ')})`, {
    hint: requested ? `check the path given to --python` : 'install python3 or pass its path with --python PATH',
  });
}
