/**
 * MinHash signatures (Broder 1997) with 128 seeded permutations and LSH banding, on typed arrays.
 * Permutation j maps a 32-bit shingle hash x to a_j·x + b_j mod 2^32 (a_j odd: a bijection on 32-bit
 * values); shingle hashes are already avalanched (fmix32), so the minimum over the image behaves as a
 * min-wise hash in practice. Values are kept as int32 with the sign bit flipped, so comparisons stay in
 * int32 arithmetic and unsigned order is preserved. Deterministic for a given seed.
 */
import { combine32, fmix32, ROLL_BASE_1 } from './hash.js';
import { MINHASH_BANDS, MINHASH_PERMUTATIONS, MINHASH_ROWS } from './constants.js';

/** splitmix32-style generator for the permutation coefficients. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    return fmix32(state);
  };
}

export class MinHasher {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly permutations: number;

  constructor(seed: number, permutations = MINHASH_PERMUTATIONS) {
    this.permutations = permutations;
    this.a = new Int32Array(permutations);
    this.b = new Int32Array(permutations);
    const next = generator(seed ^ 0x6d696e68);
    for (let j = 0; j < permutations; j++) {
      this.a[j] = next() | 1;
      this.b[j] = next();
    }
  }

  /**
   * Signature of the k-shingles of tokens[start..end) into `out` (length = permutations).
   * Returns the number of shingles (0 when the range is shorter than k: `out` is then all max).
   */
  signature(tokens: Uint32Array, start: number, end: number, k: number, out: Int32Array): number {
    const P = this.permutations;
    const a = this.a;
    const b = this.b;
    out.fill(0x7fffffff);
    const count = end - start - k + 1;
    // Decided before the loop: V8 compiles the loop alone first (on-stack), and a test after it that
    // had never run sent every later call back to the interpreter.
    const shingles = count > 0 ? count : 0;
    for (let s = 0; s < count; s++) {
      let h = 0;
      for (let t = 0; t < k; t++) h = (Math.imul(h, ROLL_BASE_1) + tokens[start + s + t]) | 0;
      const x = fmix32(h) | 0;
      for (let j = 0; j < P; j++) {
        const v = ((Math.imul(a[j], x) + b[j]) ^ 0x80000000) | 0;
        if (v < out[j]) out[j] = v;
      }
    }
    return shingles;
  }
}

/** Fraction of equal signature positions: the MinHash estimate of Jaccard similarity. */
export function estimateJaccard(x: Int32Array, xOffset: number, y: Int32Array, yOffset: number, length: number): number {
  let equal = 0;
  for (let j = 0; j < length; j++) if (x[xOffset + j] === y[yOffset + j]) equal++;
  return equal / length;
}

function bandKey(sig: Int32Array, offset: number, band: number, rows: number): number {
  let h = band * 0x27d4eb2f;
  for (let r = 0; r < rows; r++) h = combine32(h, sig[offset + band * rows + r]);
  return h & 0x3fffffff; // small-integer Map keys stay unboxed in V8

}

/** LSH index over reference signatures: bands × rows must equal the signature length. */
export class LshIndex {
  private readonly buckets = new Map<number, number[]>();
  readonly signatures: Int32Array[] = [];

  constructor(
    readonly bands = MINHASH_BANDS,
    readonly rows = MINHASH_ROWS,
  ) {}

  /** Add a reference signature; returns its id. */
  add(signature: Int32Array): number {
    const id = this.signatures.length;
    this.signatures.push(signature.slice());
    for (let band = 0; band < this.bands; band++) {
      const key = bandKey(signature, 0, band, this.rows);
      const list = this.buckets.get(key);
      if (list === undefined) this.buckets.set(key, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
    return id;
  }

  get size(): number {
    return this.signatures.length;
  }

  /** Ids of references sharing at least one band with `signature`, ascending, without repeats. */
  query(signature: Int32Array, out: number[]): number[] {
    out.length = 0;
    for (let band = 0; band < this.bands; band++) {
      const list = this.buckets.get(bandKey(signature, 0, band, this.rows));
      if (list !== undefined) for (const id of list) out.push(id);
    }
    if (out.length > 1) {
      out.sort((x, y) => x - y);
      let w = 1;
      for (let i = 1; i < out.length; i++) if (out[i] !== out[w - 1]) out[w++] = out[i];
      out.length = w;
    }
    return out;
  }
}
