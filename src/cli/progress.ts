/**
 * Progress on stderr: a redrawn bar on a TTY, a plain line every few seconds otherwise, and
 * nothing at all for work that finishes within the first couple of seconds.
 */
import type { ProgressSink } from '../model/progress.js';

/** Work shorter than this shows no progress at all (a bar for work that is over at once is noise). */
const QUIET_PERIOD_MS = 2_000;
/** Redraw the TTY bar at most this often. */
const TTY_REDRAW_MS = 100;
/** Without a TTY (CI logs), one line this often. */
const PLAIN_LINE_MS = 10_000;
const BAR_WIDTH = 30;

export function createProgress(write: (text: string) => void, isTty: boolean, now: () => number = Date.now): ProgressSink {
  let label = '';
  let total = 0;
  let done = 0;
  let startedAt = 0;
  let lastDraw = 0;
  let drawn = false;

  const draw = (force = false) => {
    const t = now();
    if (t - startedAt < QUIET_PERIOD_MS) return;
    if (!force && t - lastDraw < (isTty ? TTY_REDRAW_MS : PLAIN_LINE_MS)) return;
    lastDraw = t;
    const elapsedMs = t - startedAt;
    const elapsed = (elapsedMs / 1000).toFixed(0);
    // An unknown total (0) shows the count alone, never `n/0 (0%)`.
    if (total <= 0) {
      write(isTty ? `\r${label}: ${done} ${elapsed}s\x1b[K` : `${label}: ${done} (${elapsed}s)\n`);
      drawn = true;
      return;
    }
    const pct = Math.min(1, done / total);
    const eta = done > 0 && done < total ? `, ETA ${((elapsedMs * (total - done)) / done / 1000).toFixed(0)}s` : '';
    if (isTty) {
      const filled = Math.round(pct * BAR_WIDTH);
      write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${elapsed}s${eta}\x1b[K`);
    } else {
      write(`${label}: ${done}/${total} (${Math.round(pct * 100)}%, ${elapsed}s${eta})\n`);
    }
    drawn = true;
  };

  return {
    start(l, n) {
      label = l;
      total = n;
      done = 0;
      startedAt = now();
      lastDraw = 0;
      drawn = false;
    },
    advance(by = 1) {
      done += by;
      draw();
    },
    finish() {
      if (drawn) {
        draw(true);
        if (isTty) write('\n');
      }
    },
  };
}

/** Decimal byte units, as download tools print them. */
const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];
/** Bytes per unit step (decimal, SI). */
const BYTE_STEP = 1000;

export function formatBytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= BYTE_STEP && u < BYTE_UNITS.length - 1) {
    v /= BYTE_STEP;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v < 10 ? 1 : 0)} ${BYTE_UNITS[u]}`;
}

function formatSeconds(s: number): string {
  const r = Math.round(s);
  return r < 60 ? `${r}s` : `${Math.floor(r / 60)}m${String(r % 60).padStart(2, '0')}s`;
}

/**
 * Download progress in bytes: done/total, rate and ETA. On a TTY one redrawn line per file; otherwise
 * a plain line every PLAIN_LINE_MS and one when the file is done. Quiet for downloads over within QUIET_PERIOD_MS.
 */
export function createByteProgress(write: (text: string) => void, isTty: boolean, now: () => number = Date.now): ProgressSink {
  let label = '';
  let total = 0;
  let done = 0;
  let startedAt = 0;
  let lastDraw = -Infinity;
  let drawn = false;

  const line = (t: number): string => {
    const seconds = Math.max(0.001, (t - startedAt) / 1000);
    const rate = done / seconds;
    const amount = total > 0 ? `${formatBytes(done)}/${formatBytes(total)}` : formatBytes(done);
    const pct = total > 0 ? `${Math.round(Math.min(1, done / total) * 100)}%, ` : '';
    const eta = total > 0 && done < total && rate > 0 ? `, ETA ${formatSeconds((total - done) / rate)}` : '';
    if (isTty) {
      const bar = total > 0 ? ` [${'#'.repeat(Math.round(Math.min(1, done / total) * BAR_WIDTH)).padEnd(BAR_WIDTH, '-')}]` : '';
      return `\r${label}${bar} ${amount} ${formatBytes(Math.round(rate))}/s${eta}\x1b[K`;
    }
    return `${label}: ${amount} (${pct}${formatBytes(Math.round(rate))}/s${eta})\n`;
  };
  const draw = (force = false) => {
    const t = now();
    if (t - startedAt < QUIET_PERIOD_MS) return;
    if (!force && t - lastDraw < (isTty ? TTY_REDRAW_MS : PLAIN_LINE_MS)) return;
    lastDraw = t;
    write(line(t));
    drawn = true;
  };

  return {
    start(l, n) {
      label = l;
      total = n;
      done = 0;
      startedAt = now();
      lastDraw = -Infinity;
      drawn = false;
    },
    advance(by = 1) {
      done += by;
      draw();
    },
    finish() {
      if (drawn) {
        draw(true);
        if (isTty) write('\n');
      }
    },
  };
}
