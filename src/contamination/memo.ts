/**
 * Content-addressed memo of results computed from token ranges: where matches are dense, the same
 * corpus window (a verbatim completion, a copied function) is verified again in file after file, and
 * its outcome depends only on its tokens. Entries are found by a hash and confirmed by comparing the
 * tokens themselves, so a hit returns exactly what the computation would: results never depend on
 * what the memo holds, only the time does. Bounded: past `maxTokens` stored tokens it starts over.
 */
import { fmix32 } from './hash.js';

/** Multiplier of the range hash (FNV-1a's 32-bit prime). */
const HASH_PRIME = 0x01000193;

interface Entry<V> {
  key: number;
  a: Uint32Array;
  b: Uint32Array | null;
  value: V;
  /** The next entry with the same hash (a chain instead of an array per hash: no iterator per look-up). */
  next: Entry<V> | undefined;
}

function sameTokens(x: Uint32Array, y: Uint32Array, from: number, to: number): boolean {
  if (x.length !== to - from) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[from + i]) return false;
  return true;
}

function mixRange(h: number, tokens: Uint32Array, from: number, to: number): number {
  for (let i = from; i < to; i++) h = Math.imul(h ^ tokens[i], HASH_PRIME);
  return h;
}

export class TokenMemo<V> {
  private readonly maxTokens: number;
  private readonly entries = new Map<number, Entry<V>>();
  private stored = 0;
  /** Look-ups answered from the memo, and computed (for the benchmark's notes). */
  hits = 0;
  misses = 0;
  /** The range the last `find` missed (what `store` stores), or null. */
  private last: { h: number; key: number; a: Uint32Array; b: Uint32Array | null; from: number; to: number } | null = null;

  constructor(maxTokens: number) {
    this.maxTokens = maxTokens;
  }

  private hash(key: number, a: Uint32Array, b: Uint32Array | null, from: number, to: number): number {
    let h = mixRange(Math.imul(key ^ (to - from), HASH_PRIME), a, from, to);
    if (b !== null) h = mixRange(h, b, from, to);
    return fmix32(h) | 0;
  }

  /**
   * The value stored for (key, a[from, to), b[from, to)) (b: a second stream over the same positions,
   * or null), or undefined: then the caller computes it and may `store` it (before the next `find`).
   * Two calls instead of one taking a callback: no closure per look-up in the scan's inner loop.
   */
  find(key: number, a: Uint32Array, b: Uint32Array | null, from: number, to: number): V | undefined {
    const h = this.hash(key, a, b, from, to);
    for (let e = this.entries.get(h); e !== undefined; e = e.next) {
      if (e.key === key && sameTokens(e.a, a, from, to) && (e.b === null ? b === null : b !== null && sameTokens(e.b, b, from, to))) {
        this.hits++;
        return e.value;
      }
    }
    this.misses++;
    this.last = { h, key, a, b, from, to };
    return undefined;
  }

  /** Store the value of the range the last `find` missed. */
  store(value: V): void {
    const last = this.last;
    if (last === null) return;
    this.last = null;
    const { h, key, a, b, from, to } = last;
    const size = (to - from) * (b === null ? 1 : 2);
    if (this.stored + size > this.maxTokens) {
      this.entries.clear();
      this.stored = 0;
    }
    this.entries.set(h, { key, a: a.slice(from, to), b: b === null ? null : b.slice(from, to), value, next: this.entries.get(h) });
    this.stored += size;
  }
}
