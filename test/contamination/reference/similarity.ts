/**
 * Verification: token-level similarity of an item and an aligned corpus window.
 * `ratio` = 2·LCS(a, b) / (|a| + |b|), the measure difflib's SequenceMatcher and the Ratcliff/Obershelp
 * algorithm report, computed exactly with a two-row dynamic program on typed arrays.
 */
import { hashString } from './hash.js';
import { ID_PLACEHOLDER } from './tokenize.js';
import { MAX_VERIFY_TOKENS } from './constants.js';

let rowA = new Int32Array(1024);
let rowB = new Int32Array(1024);

/** Length of the longest common subsequence of a[aStart..aEnd) and b[bStart..bEnd). */
export function lcsLength(a: Uint32Array, aStart: number, aEnd: number, b: Uint32Array, bStart: number, bEnd: number): number {
  const m = bEnd - bStart;
  if (aEnd <= aStart || m <= 0) return 0;
  if (rowA.length < m + 1) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
  }
  let prev = rowA;
  let cur = rowB;
  prev.fill(0, 0, m + 1);
  for (let i = aStart; i < aEnd; i++) {
    const x = a[i];
    cur[0] = 0;
    for (let j = 1; j <= m; j++) {
      if (b[bStart + j - 1] === x) cur[j] = prev[j - 1] + 1;
      else {
        const up = prev[j];
        const left = cur[j - 1];
        cur[j] = up > left ? up : left;
      }
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/** 2·LCS / (|a| + |b|) over at most MAX_VERIFY_TOKENS tokens of each side. */
export function similarityRatio(a: Uint32Array, aStart: number, aEnd: number, b: Uint32Array, bStart: number, bEnd: number): number {
  aEnd = Math.min(aEnd, aStart + MAX_VERIFY_TOKENS);
  bEnd = Math.min(bEnd, bStart + MAX_VERIFY_TOKENS);
  const total = aEnd - aStart + (bEnd - bStart);
  if (total === 0) return 0;
  return (2 * lcsLength(a, aStart, aEnd, b, bStart, bEnd)) / total;
}

const ALPHA_NAMES: number[] = [];
function alphaName(k: number): number {
  while (ALPHA_NAMES.length <= k) ALPHA_NAMES.push(hashString(`\u0001ID${ALPHA_NAMES.length}`));
  return ALPHA_NAMES[k];
}

/**
 * Alpha-renamed copy of tokens [start, end): each canonicalized identifier becomes ID<k>, k = the order
 * of its first occurrence in the range, so `x = f(x)` and `y = g(y)` agree but `x = f(y)` does not.
 */
export function alphaRename(raw: Uint32Array, canon: Uint32Array, start: number, end: number): Uint32Array {
  const out = new Uint32Array(Math.max(0, end - start));
  const names = new Map<number, number>();
  for (let i = start; i < end; i++) {
    if (canon[i] !== ID_PLACEHOLDER) {
      out[i - start] = canon[i];
      continue;
    }
    let k = names.get(raw[i]);
    if (k === undefined) {
      k = names.size;
      names.set(raw[i], k);
    }
    out[i - start] = alphaName(k);
  }
  return out;
}
