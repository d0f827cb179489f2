/**
 * Flag values with units, so `--timeout 1` cannot silently mean one millisecond: durations take
 * `ms`, `s` or `m`, sizes `MB` or `GB`, and values too small for any reference to run are refused.
 */
import { UsageError } from '../errors.js';

/**
 * Below this a correct reference times out: forking a sandbox child, applying its limits and
 * importing the test harness takes tens of milliseconds on a loaded 2-core machine.
 */
export const MIN_TIME_LIMIT_MS = 100;
/**
 * Below this address-space limit the forked Python child cannot run a reference's tests at all
 * (the interpreter and the harness already map this much; measured with `audit demo --memory`).
 */
export const MIN_MEMORY_MB = 64;

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };
const SIZE_UNITS_MB: Record<string, number> = { mb: 1, m: 1, gb: 1024, g: 1024 };

/** `3s`, `500ms`, `1.5s`, `2m` -> milliseconds (an integer). */
export function parseDuration(flag: string, text: string | number, minimumMs: number): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/i.exec(String(text));
  if (!m) {
    const bare = /^\s*\d+(?:\.\d+)?\s*$/.test(String(text));
    throw new UsageError(`--${flag} needs a duration with a unit, got "${text}"`, {
      hint: bare ? `write ${text}ms or ${text}s (e.g. --${flag} 3s)` : `e.g. --${flag} 3s or --${flag} 500ms`,
    });
  }
  const ms = Math.round(Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase()]!);
  if (ms < minimumMs) throw new UsageError(`--${flag} ${text} is below ${minimumMs}ms, too short for any reference to run`, { hint: `the default is fine for most benchmarks; e.g. --${flag} 3s` });
  return ms;
}

/** `512MB`, `2GB`, `0` (no limit) -> megabytes (an integer). */
export function parseSizeMb(flag: string, text: string | number, minimumMb: number): number {
  const s = String(text).trim();
  if (s === '0') return 0;
  const m = /^(\d+(?:\.\d+)?)\s*(mb|m|gb|g)$/i.exec(s);
  if (!m) {
    const bare = /^\d+(?:\.\d+)?$/.test(s);
    throw new UsageError(`--${flag} needs a size with a unit, got "${text}"`, {
      hint: bare ? `write ${s}MB or ${s}GB (0 means no limit)` : `e.g. --${flag} 2GB or --${flag} 512MB (0 means no limit)`,
    });
  }
  const mb = Math.round(Number(m[1]) * SIZE_UNITS_MB[m[2]!.toLowerCase()]!);
  if (mb < minimumMb) throw new UsageError(`--${flag} ${text} is below ${minimumMb}MB, too little for Python to run a reference`, { hint: `e.g. --${flag} 2GB, or 0 for no limit` });
  return mb;
}

/** A whole number flag, read from its text so that `abc` is named as given (not "NaN"). */
export function parseCount(flag: string, text: string | number | undefined, minimum: number): number | undefined {
  if (text === undefined) return undefined;
  const s = String(text).trim();
  if (!/^\d+$/.test(s) || Number(s) < minimum) {
    throw new UsageError(`--${flag} must be a whole number${minimum > 0 ? ` of at least ${minimum}` : ''}, got "${text}"`);
  }
  return Number(s);
}
