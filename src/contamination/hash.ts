/**
 * Fast non-cryptographic hashing for the contamination scanner. Everything is 32-bit integer
 * arithmetic (`Math.imul`) on typed arrays so V8 keeps it in registers; no strings, no BigInt.
 *
 * - Token hash: FNV-1a over the token's bytes (Fowler/Noll/Vo, http://www.isthe.com/chongo/tech/comp/fnv/),
 *   finished with MurmurHash3's `fmix32` avalanche (Appleby, https://github.com/aappleby/smhasher) so that
 *   similar tokens get unrelated hashes.
 * - N-gram key: two independent polynomial rolling hashes (mod 2^32, odd bases) over the token hashes,
 *   each finished with `fmix32`; the pair is a 64-bit key (2x32), so a false n-gram match needs both halves
 *   to collide (~2^-64 per pair).
 */

/** FNV-1a 32-bit offset basis and prime (the published constants). */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** MurmurHash3 32-bit finalizer: full avalanche of a 32-bit value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Inverses mod 2^32 of fmix32's multipliers (0x85ebca6b, 0xc2b2ae35), for unfmix32. */
const FMIX_INVERSE_1 = 0xa5cb9243;
const FMIX_INVERSE_2 = 0x7ed1b41d;

/** Inverse of fmix32 (a bijection on 32-bit values): its steps undone in reverse order. */
export function unfmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, FMIX_INVERSE_2);
  h ^= (h >>> 13) ^ (h >>> 26); // undoes h ^= h >>> 13
  h = Math.imul(h, FMIX_INVERSE_1);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash a string's UTF-16 code units (used for names and seeds, not for the hot path). */
export function hashString(text: string, seed = 0): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return fmix32(h);
}

/** Combine two 32-bit hashes (boost::hash_combine style, then avalanche). */
export function combine32(a: number, b: number): number {
  return fmix32((a ^ (Math.imul(b, 0x9e3779b1) + 0x7f4a7c15 + (a << 6) + (a >>> 2))) >>> 0);
}

/** Polynomial bases of the two rolling n-gram hashes (odd, so multiplication is invertible mod 2^32). */
export const ROLL_BASE_1 = 0x01000193;
export const ROLL_BASE_2 = 0x5bd1e995;

/** The second rolling hash runs over token ^ NGRAM_TOKEN_SALT_2 and is finished on h ^ NGRAM_FINAL_SALT_2, so the halves are independent. */
export const NGRAM_TOKEN_SALT_2 = 0x27d4eb2f;
export const NGRAM_FINAL_SALT_2 = 0x165667b1;

/** base^k mod 2^32. */
export function powMod32(base: number, k: number): number {
  let r = 1;
  for (let i = 0; i < k; i++) r = Math.imul(r, base);
  return r >>> 0;
}

/**
 * Hash every n-gram of `tokens[0..length)` into `out1/out2` (index i = the n-gram starting at token i).
 * Returns the number of n-grams (length - n + 1, or 0).
 */
export function ngramKeys(
  tokens: Uint32Array,
  length: number,
  n: number,
  out1: Uint32Array,
  out2: Uint32Array,
): number {
  const count = length - n + 1;
  if (count <= 0) return 0;
  const p1 = powMod32(ROLL_BASE_1, n - 1);
  const p2 = powMod32(ROLL_BASE_2, n - 1);
  let h1 = 0;
  let h2 = 0;
  for (let i = 0; i < n; i++) {
    h1 = (Math.imul(h1, ROLL_BASE_1) + tokens[i]) | 0;
    h2 = (Math.imul(h2, ROLL_BASE_2) + (tokens[i] ^ NGRAM_TOKEN_SALT_2)) | 0;
  }
  out1[0] = fmix32(h1);
  out2[0] = fmix32(h2 ^ NGRAM_FINAL_SALT_2);
  for (let i = 1; i < count; i++) {
    const outTok = tokens[i - 1];
    const inTok = tokens[i + n - 1];
    h1 = (Math.imul((h1 - Math.imul(outTok, p1)) | 0, ROLL_BASE_1) + inTok) | 0;
    h2 = (Math.imul((h2 - Math.imul(outTok ^ NGRAM_TOKEN_SALT_2, p2)) | 0, ROLL_BASE_2) + (inTok ^ NGRAM_TOKEN_SALT_2)) | 0;
    out1[i] = fmix32(h1);
    out2[i] = fmix32(h2 ^ NGRAM_FINAL_SALT_2);
  }
  return count;
}

/** Stable shard assignment: FNV-1a of the path, mod N (0-based). Independent of machine and run. */
export function shardOf(path: string, shards: number): number {
  return hashString(path) % shards;
}
