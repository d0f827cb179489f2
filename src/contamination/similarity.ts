/**
 * Verification: token-level similarity of an item and an aligned corpus window.
 * `ratio` = 2·LCS(a, b) / (|a| + |b|), the measure difflib's SequenceMatcher and the Ratcliff/Obershelp
 * algorithm report, computed exactly with a two-row dynamic program on typed arrays.
 */
import { hashString } from './hash.js';
import { ID_PLACEHOLDER } from './tokenize.js';
import { MAX_VERIFY_TOKENS } from './constants.js';

/** Match masks of a token range: for each distinct token, the bits of the positions holding it. */
interface Masks {
  start: number;
  end: number;
  words: number;
  byToken: Map<number, Uint32Array>;
}

/** The last masks built per array: an item is verified against many windows, its masks are built once. */
const maskCache = new WeakMap<Uint32Array, Masks>();

function masksOf(a: Uint32Array, start: number, end: number): Masks {
  const cached = maskCache.get(a);
  if (cached !== undefined && cached.start === start && cached.end === end) return cached;
  const words = (end - start + 31) >>> 5;
  const byToken = new Map<number, Uint32Array>();
  for (let i = start; i < end; i++) {
    let mask = byToken.get(a[i]);
    if (mask === undefined) byToken.set(a[i], (mask = new Uint32Array(words)));
    const k = i - start;
    mask[k >>> 5] |= 1 << (k & 31);
  }
  const masks = { start, end, words, byToken };
  maskCache.set(a, masks);
  return masks;
}

let row = new Uint32Array(64);

/**
 * Length of the longest common subsequence of a[aStart..aEnd) and b[bStart..bEnd), exactly, with the
 * bit-parallel recurrence of Allison and Dix (1986) as stated by Crochemore et al. (2001):
 * V' = (V + (V & M[y])) | (V & ~M[y]), LCS = zero bits of V. |a|/32 word operations per token of b
 * instead of |a| cell updates of the dynamic program.
 */
export function lcsLength(a: Uint32Array, aStart: number, aEnd: number, b: Uint32Array, bStart: number, bEnd: number): number {
  const m = aEnd - aStart;
  if (m <= 0 || bEnd <= bStart) return 0;
  const { words, byToken } = masksOf(a, aStart, aEnd);
  if (row.length < words) row = new Uint32Array(Math.max(words, row.length * 2));
  const v = row;
  v.fill(0xffffffff, 0, words);
  for (let j = bStart; j < bEnd; j++) {
    const mask = byToken.get(b[j]);
    if (mask === undefined) continue; // no match: V' = V
    let carry = 0;
    for (let w = 0; w < words; w++) {
      const x = v[w];
      const mw = mask[w];
      const sum = x + ((x & mw) >>> 0) + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[w] = (sum >>> 0) | (x & ~mw);
    }
  }
  let zeros = 0;
  for (let w = 0; w < words; w++) {
    const bits = w === words - 1 && (m & 31) !== 0 ? m & 31 : 32;
    let x = ~v[w] >>> 0;
    if (bits < 32) x &= (1 << bits) - 1;
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    zeros += (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return zeros;
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
