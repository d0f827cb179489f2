/**
 * Unified diff of two texts that differ in one contiguous region (a mutant differs from the
 * original in one replaced span): common leading and trailing lines are context, the rest is one
 * hunk. Lines split on \n or \r\n; the diff itself uses \n.
 */

/** Context lines around a hunk, as `diff -u` and `git diff` default to. */
export const DIFF_CONTEXT_LINES = 3;

export function unifiedDiff(before: string, after: string, label = 'solution.py'): string {
  const a = splitLines(before);
  const b = splitLines(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) {
    suffix++;
  }
  if (prefix === a.length && prefix === b.length) return '';
  const start = Math.max(0, prefix - DIFF_CONTEXT_LINES);
  const aEnd = Math.min(a.length, a.length - suffix + DIFF_CONTEXT_LINES);
  const bEnd = Math.min(b.length, b.length - suffix + DIFF_CONTEXT_LINES);
  const lines = [`--- a/${label}`, `+++ b/${label}`, `@@ -${range(start, aEnd)} +${range(start, bEnd)} @@`];
  for (let i = start; i < prefix; i++) lines.push(` ${a[i]}`);
  for (let i = prefix; i < a.length - suffix; i++) lines.push(`-${a[i]}`);
  for (let i = prefix; i < b.length - suffix; i++) lines.push(`+${b[i]}`);
  for (let i = a.length - suffix; i < aEnd; i++) lines.push(` ${a[i]}`);
  return lines.join('\n') + '\n';
}

/** `@@` range: 1-based start and length; an empty range starts at the line before it (GNU diff). */
function range(start: number, end: number): string {
  const length = end - start;
  return length === 0 ? `${start},0` : length === 1 ? `${start + 1}` : `${start + 1},${length}`;
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
