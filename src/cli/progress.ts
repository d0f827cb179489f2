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
    const seconds = (t - startedAt) / 1000;
    const line = progressLine(label, done, total, seconds, isTty ? BAR_WIDTH : 0);
    write(isTty ? `\r${line}\x1b[K` : `${line}\n`);
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

/** `mutation [####----] 40/164 2.1/s ETA 59s` (no bar when barWidth is 0; counts and rate only when the total is unknown). */
export function progressLine(label: string, done: number, total: number, seconds: number, barWidth: number): string {
  const rate = seconds > 0 ? done / seconds : 0;
  const rateText = rate >= 10 ? `${Math.round(rate)}/s` : `${rate.toFixed(1)}/s`;
  if (total <= 0) return `${label}: ${done} done, ${rateText}, ${formatSeconds(seconds)}`;
  const pct = Math.min(1, done / total);
  const eta = rate > 0 && done < total ? ` ETA ${formatSeconds((total - done) / rate)}` : '';
  const bar = barWidth > 0 ? ` [${'#'.repeat(Math.round(pct * barWidth))}${'-'.repeat(barWidth - Math.round(pct * barWidth))}]` : ':';
  return `${label}${bar} ${done}/${total} (${Math.round(pct * 100)}%), ${rateText}, ${formatSeconds(seconds)}${eta}`;
}

function formatSeconds(s: number): string {
  const whole = Math.round(s);
  return whole < 60 ? `${whole}s` : `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}
