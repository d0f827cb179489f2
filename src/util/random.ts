/**
 * Seeded pseudo-random numbers for deterministic sampling and input generation: FNV-1a to turn
 * (seed, key) into 32 bits, mulberry32 to generate. Not cryptographic; only reproducibility matters.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n); n >= 1. */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
}

/** 32-bit FNV-1a of a string (offset basis 2166136261, prime 16777619). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A generator determined by the audit seed and a key (task id, purpose), independent of call order elsewhere. */
export function seededRandom(seed: number, key: string): Random {
  let state = fnv1a(`${seed}\0${key}`);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)] };
}

/** `k` distinct indices of [0, n), chosen uniformly, returned ascending. */
export function sampleIndices(n: number, k: number, random: Random): number[] {
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + random.int(n - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k).sort((x, y) => x - y);
}
