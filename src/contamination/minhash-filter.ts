/**
 * An exact pre-check that lets the scanner skip the MinHash signature of a corpus function that cannot
 * reach any reference: same outcome as computing the signature, querying LSH and rejecting every
 * candidate below the Jaccard threshold, at a fraction of the cost (most corpus functions share few
 * shingles with the benchmark, and the 128-permutation signature was half of the scan's time).
 *
 * Why it is exact. Position j of a signature is min over the shingles x of π_j(x) = a_j·x + b_j
 * (mod 2^32, a_j odd: a bijection). So sig_F[j] = sig_R[j] only if both minima come from the same
 * shingle x, which then lies in F ∩ shingles(R) ⊆ U = F ∩ (all reference shingles), and is also the
 * minimum over U. Hence #equal positions(F, R) ≤ #{j : min_U π_j = sig_R[j]}, computed from U alone —
 * usually a small part of F. If that bound is below what a candidate needs for every reference, the
 * function is skipped. Otherwise the remaining shingles (F \ U, which no reference has) only refine the
 * bound: one with π_j(x) < min_U π_j makes position j unequal for every reference. If some reference
 * still can reach the threshold, the caller computes the full signature as before.
 *
 * A cheaper bound comes first, without any permutation: sig_F[j] = sig_R[j] also needs R's own
 * minimizing shingle at j (its "owner") to be in U, so #equal ≤ #{j : owner_R(j) ∈ U}; each reference
 * shingle carries the count of positions it owns per reference, summed as U is collected.
 */
import { fmix32, powMod32, ROLL_BASE_1, unfmix32 } from './hash.js';
import type { MinHasher } from './minhash.js';

/** Open-addressing tables are kept at most this full (power-of-two capacity). */
const LOAD_INVERSE = 4;
/** Bits per reference shingle in the set's bit filter: about 1 in 16 absent shingles pass it. */
const SET_FILTER_BITS_PER_KEY = 16;
/** Sign flip that maps unsigned order to int32 order, as `MinHasher.signature` stores values. */
const SIGN = 0x80000000;

/** The inverse of an odd `a` modulo 2^32 (Newton's iteration; each step doubles the correct low bits: 3, 6, 12, 24, 48). */
function inverseMod32(a: number): number {
  let x = a; // a·a ≡ 1 (mod 8) for odd a
  for (let k = 0; k < 4; k++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x | 0;
}

function capacityFor(count: number): number {
  let cap = 16;
  while (cap < count * LOAD_INVERSE) cap *= 2;
  return cap;
}

export interface MinHashReference {
  tokens: Uint32Array;
  start: number;
  end: number;
  /** The reference's signature (as added to the LSH index; its id is its position in the list). */
  signature: Int32Array;
}

export class MinHashPrefilter {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private readonly permutations: number;
  private readonly shingle: number;
  /** Equal signature positions a reference needs before it can become a verified candidate. */
  private readonly need: number;
  /** Set of every reference shingle hash (int32), open addressing; `used` marks filled slots. */
  private readonly setKeys: Int32Array;
  private readonly setUsed: Uint8Array;
  private readonly setMask: number;
  /** One bit per reference shingle, indexed by the top bits of its rolling hash before the finishing mix. */
  private readonly setBits: Int32Array;
  private readonly setShift: number;
  /** (position, value) -> references whose signature has that value there. */
  private readonly pvPos: Int32Array;
  private readonly pvVal: Int32Array;
  private readonly pvStart: Int32Array;
  private readonly pvMask: number;
  private readonly pvRefs: Int32Array;
  private readonly pvEnd: Int32Array;
  // Per-call scratch, reused.
  private readonly minU: Int32Array;
  private readonly slotOf: Int32Array;
  private readonly live: Int32Array;
  private readonly counts: Uint16Array;
  private readonly touched: Int32Array;
  private rest = new Int32Array(1024);
  /** Shingles in `rest` after the last `mayMatch` that returned true (-1: its scratch is not a whole split). */
  private restCount = -1;
  private uList = new Int32Array(256);
  /** Per reference-set slot: (reference, positions owned) postings, CSR. */
  private readonly ownStart: Int32Array;
  private readonly ownRef: Int32Array;
  private readonly ownCount: Int32Array;
  /** Call serial per reference-set slot: a shingle of U is folded into the minima once per call. */
  private readonly setStamp: Uint32Array;
  private serial = 0;

  constructor(hasher: MinHasher, shingle: number, minJaccard: number, rows: number, refs: readonly MinHashReference[]) {
    this.a = hasher.a;
    this.b = hasher.b;
    this.permutations = hasher.permutations;
    this.shingle = shingle;
    const P = this.permutations;
    // The smallest count e with e / P >= minJaccard (the scanner's own comparison), and at least one
    // whole LSH band of equal rows.
    let need = 0;
    while (need < P && need / P < minJaccard) need++;
    this.need = Math.max(need, rows);

    const perRef: number[][] = refs.map((ref) => {
      const out: number[] = [];
      const count = ref.end - ref.start - shingle + 1;
      for (let s = 0; s < count; s++) {
        let h = 0;
        for (let t = 0; t < shingle; t++) h = (Math.imul(h, ROLL_BASE_1) + ref.tokens[ref.start + s + t]) | 0;
        out.push(fmix32(h) | 0);
      }
      return out;
    });
    const shingles = [...new Set(perRef.flat())];
    const setCap = capacityFor(shingles.length);
    this.setMask = setCap - 1;
    this.setKeys = new Int32Array(setCap);
    this.setUsed = new Uint8Array(setCap);
    this.setStamp = new Uint32Array(setCap);
    for (const x of shingles) {
      let i = x & this.setMask; // shingle hashes are already avalanched (fmix32)
      while (this.setUsed[i] === 1 && this.setKeys[i] !== x) i = (i + 1) & this.setMask;
      this.setKeys[i] = x;
      this.setUsed[i] = 1;
    }
    let bits = 1024;
    while (bits < shingles.length * SET_FILTER_BITS_PER_KEY) bits *= 2;
    this.setBits = new Int32Array(bits / 32);
    this.setShift = 32 - Math.log2(bits);
    for (const x of shingles) {
      const bit = unfmix32(x >>> 0) >>> this.setShift; // the rolling value (fmix32 is a bijection)
      this.setBits[bit >>> 5] |= 1 << (bit & 31);
    }

    // Owners: the reference shingle that gives each signature position its minimum. Collected as
    // (slot, reference, positions) triples, then grouped by slot (counting sort, stable in reference).
    const tripleSlot: number[] = [];
    const tripleRef: number[] = [];
    const tripleCount: number[] = [];
    const ownerSlots = new Int32Array(P);
    // π_j is a bijection, so its minimum's shingle is its preimage: x = (v - b_j)·a_j⁻¹ (mod 2^32),
    // one multiplication instead of a search through the reference's shingles.
    const aInverse = this.a.map(inverseMod32);
    const mine = new Set<number>();
    refs.forEach((ref, id) => {
      mine.clear();
      for (const x of perRef[id]) mine.add(x);
      for (let j = 0; j < P; j++) {
        const owner = Math.imul((ref.signature[j] ^ SIGN) - this.b[j], aInverse[j]) | 0;
        if (!mine.has(owner)) throw new Error('MinHashPrefilter: a reference signature does not come from its shingles');
        ownerSlots[j] = this.setSlot(owner);
      }
      ownerSlots.sort();
      for (let j = 0; j < P; ) {
        let e = j + 1;
        while (e < P && ownerSlots[e] === ownerSlots[j]) e++;
        tripleSlot.push(ownerSlots[j]);
        tripleRef.push(id);
        tripleCount.push(e - j);
        j = e;
      }
    });
    this.ownStart = new Int32Array(setCap + 1);
    for (const slot of tripleSlot) this.ownStart[slot + 1]++;
    for (let i = 0; i < setCap; i++) this.ownStart[i + 1] += this.ownStart[i];
    this.ownRef = new Int32Array(tripleSlot.length);
    this.ownCount = new Int32Array(tripleSlot.length);
    const fill = this.ownStart.slice(0, setCap);
    for (let t = 0; t < tripleSlot.length; t++) {
      const q = fill[tripleSlot[t]]++;
      this.ownRef[q] = tripleRef[t];
      this.ownCount[q] = tripleCount[t];
    }

    // (position, value) -> reference ids, as CSR postings over the slots of an open-addressing table.
    const pvCap = capacityFor(refs.length * P);
    this.pvMask = pvCap - 1;
    this.pvPos = new Int32Array(pvCap).fill(-1);
    this.pvVal = new Int32Array(pvCap);
    // A (position, value) pair occurs at most once per reference, so the postings need no dedup.
    const slots = new Int32Array(refs.length * P);
    this.pvStart = new Int32Array(pvCap);
    this.pvEnd = new Int32Array(pvCap);
    refs.forEach((ref, id) => {
      for (let j = 0; j < P; j++) {
        const slot = this.slot(j, ref.signature[j], true);
        slots[id * P + j] = slot;
        this.pvEnd[slot]++;
      }
    });
    for (let s = 0, sum = 0; s < pvCap; s++) {
      this.pvStart[s] = sum;
      sum += this.pvEnd[s];
      this.pvEnd[s] = this.pvStart[s];
    }
    this.pvRefs = new Int32Array(refs.length * P);
    for (let q = 0; q < slots.length; q++) this.pvRefs[this.pvEnd[slots[q]]++] = Math.floor(q / P);

    this.minU = new Int32Array(P);
    this.slotOf = new Int32Array(P);
    this.live = new Int32Array(P);
    this.counts = new Uint16Array(refs.length);
    this.touched = new Int32Array(Math.max(1, refs.length));
  }

  /** Slot of a shingle hash known to be in the reference set. */
  private setSlot(x: number): number {
    let i = x & this.setMask;
    while (this.setKeys[i] !== x) i = (i + 1) & this.setMask;
    return i;
  }

  /** Slot of (position, value) in the pair table, or -1 (`insert`: claim an empty slot instead). */
  private slot(j: number, v: number, insert: boolean): number {
    let i = fmix32((v ^ Math.imul(j + 1, 0x9e3779b1)) >>> 0) & this.pvMask;
    for (;;) {
      const p = this.pvPos[i];
      if (p < 0) {
        if (!insert) return -1;
        this.pvPos[i] = j;
        this.pvVal[i] = v;
        return i;
      }
      if (p === j && this.pvVal[i] === v) return i;
      i = (i + 1) & this.pvMask;
    }
  }

  /**
   * False when no reference can share enough signature positions with tokens[start..end) to become a
   * candidate (then the signature need not be computed); true when it may.
   */
  mayMatch(tokens: Uint32Array, start: number, end: number): boolean {
    const k = this.shingle;
    const count = end - start - k + 1;
    this.restCount = -1;
    if (count <= 0 || this.need === 0) return this.need === 0;
    const P = this.permutations;
    const a = this.a;
    const b = this.b;
    const minU = this.minU;
    const setKeys = this.setKeys;
    const setUsed = this.setUsed;
    const setMask = this.setMask;
    const setBits = this.setBits;
    const setShift = this.setShift;
    if (this.rest.length < count) this.rest = new Int32Array(Math.max(count, this.rest.length * 2));
    const rest = this.rest;
    minU.fill(0x7fffffff);
    const serial = ++this.serial;
    const setStamp = this.setStamp;

    // Pass 1: split the shingles into U (distinct, some reference has them) and the rest, and sum the
    // owner bound per reference.
    const counts = this.counts;
    const touched = this.touched;
    const need = this.need;
    if (this.uList.length < count) this.uList = new Int32Array(Math.max(count, this.uList.length * 2));
    const uList = this.uList;
    const ownStart = this.ownStart;
    const ownRef = this.ownRef;
    const ownCount = this.ownCount;
    let nTouched = 0;
    let reachable = 0;
    const pk = powMod32(ROLL_BASE_1, k - 1);
    let h = 0;
    for (let t = 0; t < k - 1; t++) h = (Math.imul(h, ROLL_BASE_1) + tokens[start + t]) | 0;
    let inU = 0;
    let nRest = 0;
    for (let s = 0; s < count; s++) {
      // Rolling form of MinHasher.signature's shingle hash (the same value mod 2^32).
      if (s > 0) h = (h - Math.imul(tokens[start + s - 1], pk)) | 0;
      h = (Math.imul(h, ROLL_BASE_1) + tokens[start + s + k - 1]) | 0;
      // `rest` keeps the rolling value; it is finished (fmix32) only if pass 2 gets to it.
      const bit = h >>> setShift;
      if ((setBits[bit >>> 5] & (1 << (bit & 31))) === 0) {
        rest[nRest++] = h;
        continue;
      }
      const x = fmix32(h) | 0;
      let i = x & setMask;
      while (setUsed[i] === 1 && setKeys[i] !== x) i = (i + 1) & setMask;
      if (setUsed[i] === 0) {
        rest[nRest++] = h;
        continue;
      }
      if (setStamp[i] === serial) continue; // repeated: U is a set
      setStamp[i] = serial;
      uList[inU++] = x;
      for (let q = ownStart[i]; q < ownStart[i + 1]; q++) {
        const r = ownRef[q];
        const before = counts[r];
        if (before === 0) touched[nTouched++] = r;
        counts[r] = before + ownCount[q];
        if (before < need && before + ownCount[q] >= need) reachable++;
      }
    }
    for (let t = 0; t < nTouched; t++) counts[touched[t]] = 0;
    if (reachable === 0) return false;

    // Minima over U.
    for (let u = 0; u < inU; u++) {
      const x = uList[u];
      for (let j = 0; j < P; j++) {
        const v = ((Math.imul(a[j], x) + b[j]) ^ SIGN) | 0;
        if (v < minU[j]) minU[j] = v;
      }
    }

    // Upper bound of equal positions per reference; positions that still count for some reference.
    nTouched = 0;
    reachable = 0;
    let nLive = 0;
    for (let j = 0; j < P; j++) {
      const slot = this.slot(j, minU[j], false);
      if (slot < 0) continue;
      this.slotOf[j] = slot;
      this.live[nLive++] = j;
      for (let q = this.pvStart[slot]; q < this.pvEnd[slot]; q++) {
        const r = this.pvRefs[q];
        if (counts[r] === 0) touched[nTouched++] = r;
        if (++counts[r] === need) reachable++;
      }
    }

    // Pass 2: shingles no reference has can only lower a minimum and so rule positions out.
    const live = this.live;
    for (let s = 0; s < nRest && reachable > 0; s++) {
      const x = fmix32(rest[s]) | 0;
      for (let q = 0; q < nLive; q++) {
        const j = live[q];
        const v = ((Math.imul(a[j], x) + b[j]) ^ SIGN) | 0;
        if (v >= minU[j]) continue;
        const slot = this.slotOf[j];
        for (let e = this.pvStart[slot]; e < this.pvEnd[slot]; e++) if (counts[this.pvRefs[e]]-- === need) reachable--;
        live[q--] = live[--nLive];
      }
    }
    for (let t = 0; t < nTouched; t++) counts[touched[t]] = 0;
    // Pass 2 ran over every shingle of the rest (it stops early only once nothing is reachable).
    if (reachable > 0) this.restCount = nRest;
    return reachable > 0;
  }

  /**
   * The MinHash signature of the range the last `mayMatch` call accepted, into `out`: the same values
   * as `MinHasher.signature` (position j is the minimum of π_j over all shingles, and the shingles are
   * U and the rest), but the minima over U are already known, so only the rest is hashed again: in a
   * copy of a reference nearly every shingle is in U. False (out untouched) when that call returned
   * false or had no shingles: then the caller computes the signature itself.
   */
  signatureOfLast(out: Int32Array): boolean {
    const nRest = this.restCount;
    if (nRest < 0) return false;
    const P = this.permutations;
    const a = this.a;
    const b = this.b;
    const rest = this.rest;
    out.set(this.minU);
    for (let s = 0; s < nRest; s++) {
      const x = fmix32(rest[s]) | 0;
      for (let j = 0; j < P; j++) {
        const v = ((Math.imul(a[j], x) + b[j]) ^ SIGN) | 0;
        if (v < out[j]) out[j] = v;
      }
    }
    return true;
  }
}
