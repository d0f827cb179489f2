/**
 * The corpus side: stream documents through the index. Per document: tokenize once, look up every
 * n-gram of each channel, count per item the distinct n-grams hit (containment), pick the densest
 * aligned window, and verify it token by token; MinHash every corpus function of plausible size and
 * verify LSH candidates on the function span. The result is a `ContaminationPartial`: plain JSON
 * holding everything `finalizeContamination` needs, so shards and worker threads merge exactly.
 */
import type { Warning } from '../../../src/model/types.generated.js';
import { ngramKeys } from './hash.js';
import {
  CHANNEL_CODE,
  CHANNEL_RENAMED,
  CHANNEL_TEXT,
  partChannels,
  type BenchmarkIndex,
  type IndexItem,
} from './index.js';
import { estimateJaccard } from './minhash.js';
import type { PartName } from '../../../src/contamination/options.js';
import { segmentFunctions } from './segment.js';
import { alphaRename, similarityRatio } from './similarity.js';
import { TOKEN_HASHES, TokenStream, tokenizePython } from './tokenize.js';
import { MAX_WARNINGS_PER_CODE } from './constants.js';

export interface CorpusDocument {
  /** Unique, stable id (relative path, `file#row`, `rev:path`). */
  id: string;
  path: string;
  repo?: string;
  bytes: Uint8Array;
}

export interface CandidateRecord {
  item: number;
  corpusId: string;
  path: string;
  repo: string | null;
  lineStart: number;
  lineEnd: number;
  rawSimilarity: number;
  /** Alpha-renamed similarity (solutions only). */
  canonicalSimilarity: number | null;
  /** Distinct n-gram ids of the item matched inside the window, per channel (text/code, renamed). */
  matchedRaw: number[];
  matchedCanonical: number[];
  /** Order key independent of corpus-wide statistics: distinct n-grams matched in the window. */
  hits: number;
  via: 'ngram' | 'minhash';
  jaccard: number | null;
}

export interface CorpusStats {
  documents: number;
  bytes: number;
  skipped: Record<string, number>;
  nonUtf8: number;
}

export interface ContaminationPartial {
  format: 'bench-audit-contamination-partial';
  version: 1;
  fingerprint: string;
  /** Which shard this is (informational; merge checks the set is complete). */
  shard: { index: number; count: number } | null;
  corpus: CorpusStats;
  /** Per channel: sorted [ngramId, documentFrequency] pairs of indexed n-grams seen in the corpus. */
  df: Array<Array<[number, number]>>;
  candidates: CandidateRecord[];
  warnings: Warning[];
  warningCounts: Record<string, number>;
}

/** Order of candidates for the per-item cap: more hits first, then corpus id, then line. */
export function compareCandidates(a: CandidateRecord, b: CandidateRecord): number {
  if (a.hits !== b.hits) return b.hits - a.hits;
  if (a.corpusId !== b.corpusId) return a.corpusId < b.corpusId ? -1 : 1;
  if (a.lineStart !== b.lineStart) return a.lineStart - b.lineStart;
  if (a.via !== b.via) return a.via < b.via ? -1 : 1;
  return a.lineEnd - b.lineEnd;
}

function compareWarnings(a: Warning, b: Warning): number {
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Growable hit list of one channel for the current document. */
class Hits {
  item: Int32Array = new Int32Array(1024);
  pos: Int32Array = new Int32Array(1024);
  ngram: Int32Array = new Int32Array(1024);
  length = 0;
  push(item: number, pos: number, ngram: number): void {
    if (this.length === this.item.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.item = grow(this.item);
      this.pos = grow(this.pos);
      this.ngram = grow(this.ngram);
    }
    const i = this.length++;
    this.item[i] = item;
    this.pos[i] = pos;
    this.ngram[i] = ngram;
  }
}

interface Window {
  channel: number;
  start: number;
  end: number;
}

export class Scanner {
  readonly index: BenchmarkIndex;
  private readonly full = new TokenStream();
  private readonly nodoc = new TokenStream();
  private keys1 = new Uint32Array(4096);
  private keys2 = new Uint32Array(4096);
  private readonly hits = [new Hits(), new Hits(), new Hits()];
  private readonly stamps: Uint32Array[];
  private readonly df: Uint32Array[];
  private docSerial = 0;
  private currentHasDoc = false;
  private readonly candidates: CandidateRecord[][];
  private readonly stats: CorpusStats = { documents: 0, bytes: 0, skipped: {}, nonUtf8: 0 };
  private readonly warnings = new Map<string, Warning[]>();
  private readonly warningCounts: Record<string, number> = {};
  private readonly ranges: number[] = [];
  private readonly sig: Int32Array;
  private readonly lshOut: number[] = [];
  private readonly itemCount: Uint32Array;
  private readonly touched: number[] = [];

  constructor(index: BenchmarkIndex) {
    this.index = index;
    this.stamps = index.tables.map((t) => new Uint32Array(t.size));
    this.df = index.tables.map((t) => new Uint32Array(t.size));
    this.candidates = index.items.map(() => []);
    this.sig = new Int32Array(index.params.minhash.permutations);
    this.itemCount = new Uint32Array(index.items.length);
  }

  /** Record a warning (kept: the first MAX_WARNINGS_PER_CODE in sort order; all are counted). */
  warn(code: string, message: string): void {
    this.warningCounts[code] = (this.warningCounts[code] ?? 0) + 1;
    let list = this.warnings.get(code);
    if (list === undefined) this.warnings.set(code, (list = []));
    list.push({ code, message, check: 'contamination' });
    if (list.length > 2 * MAX_WARNINGS_PER_CODE) {
      list.sort(compareWarnings);
      list.length = MAX_WARNINGS_PER_CODE;
    }
  }

  /** Count a document that was not scanned (binary, oversized, unreadable...). */
  skip(reason: string): void {
    this.stats.skipped[reason] = (this.stats.skipped[reason] ?? 0) + 1;
  }

  noteNonUtf8(): void {
    this.stats.nonUtf8++;
  }

  scan(doc: CorpusDocument): void {
    const { index } = this;
    const params = index.params;
    this.stats.documents++;
    this.stats.bytes += doc.bytes.length;
    this.docSerial++;
    const serial = this.docSerial;

    const full = tokenizePython(doc.bytes, this.full);
    const hasDoc = full.hasDocstrings();
    this.currentHasDoc = hasDoc;
    const nodoc = hasDoc ? full.withoutDocstrings(this.nodoc) : full;
    if (this.keys1.length < full.length) {
      let cap = this.keys1.length;
      while (cap < full.length) cap *= 2;
      this.keys1 = new Uint32Array(cap);
      this.keys2 = new Uint32Array(cap);
    }
    for (const h of this.hits) h.length = 0;

    // Channels text and code share the raw n-grams when the document has no docstrings.
    let count = ngramKeys(full.raw, full.length, params.ngramSize, this.keys1, this.keys2);
    this.lookup(CHANNEL_TEXT, count, serial);
    if (hasDoc) count = ngramKeys(nodoc.raw, nodoc.length, params.ngramSize, this.keys1, this.keys2);
    this.lookup(CHANNEL_CODE, count, serial);
    count = ngramKeys(nodoc.canon, nodoc.length, params.canonicalNgramSize, this.keys1, this.keys2);
    this.lookup(CHANNEL_RENAMED, count, serial);

    // Count hits per item; only items with enough of them are grouped and windowed.
    const itemCount = this.itemCount;
    const touched = this.touched;
    touched.length = 0;
    for (let c = 0; c < 3; c++) {
      const h = this.hits[c];
      for (let i = 0; i < h.length; i++) {
        const it = h.item[i];
        if (itemCount[it] === 0) touched.push(it);
        itemCount[it]++;
      }
    }
    const byItem = new Map<number, number[][]>(); // item -> per channel list of hit indexes
    for (const it of touched) {
      if (itemCount[it] >= params.candidateMinNgrams) byItem.set(it, [[], [], []]);
      itemCount[it] = 0;
    }
    if (byItem.size > 0) {
      for (let c = 0; c < 3; c++) {
        const h = this.hits[c];
        for (let i = 0; i < h.length; i++) byItem.get(h.item[i])?.[c].push(i);
      }
    }
    const windowsByItem = new Map<number, Window>();
    for (const [itemId, lists] of byItem) {
      const item = index.items[itemId];
      let best: Window | null = null;
      let bestFraction = -1;
      for (const c of partChannels(item.part)) {
        const ids = item.ngrams[c];
        if (ids === null || ids.length === 0 || lists[c].length === 0) continue;
        const need = Math.max(params.candidateMinNgrams, Math.ceil(params.candidateMinContainment * ids.length));
        if (lists[c].length < need) continue;
        const distinct = new Set(lists[c].map((i) => this.hits[c].ngram[i])).size;
        if (distinct < need) continue;
        const w = this.bestWindow(item, c, lists[c]);
        if (w.fraction > bestFraction) {
          bestFraction = w.fraction;
          best = { channel: c, start: w.start, end: w.end };
        }
      }
      if (best === null) continue;
      windowsByItem.set(itemId, best);
      this.verify(doc, item, best.start, best.end, lists, 'ngram', null);
    }

    // Function-level MinHash against the reference solutions (renamed form).
    const [lo, hi] = index.functionTokenRange;
    if (lo <= hi) {
      const mh = params.minhash;
      segmentFunctions(nodoc, this.ranges);
      for (let f = 0; f < this.ranges.length; f += 2) {
        const start = this.ranges[f];
        const end = this.ranges[f + 1];
        const len = end - start;
        if (len < lo || len > hi) continue;
        index.hasher.signature(nodoc.canon, start, end, mh.shingle, this.sig);
        for (const ref of index.lsh.query(this.sig, this.lshOut)) {
          const j = estimateJaccard(this.sig, 0, index.lsh.signatures[ref], 0, mh.permutations);
          if (j < mh.minJaccard) continue;
          const refInfo = index.lshRefs[ref];
          const w = windowsByItem.get(refInfo.item);
          // Already verified through n-grams on an overlapping window of the same stream.
          if (w !== undefined && w.channel !== CHANNEL_TEXT && w.start < end && start < w.end) continue;
          const item = index.items[refInfo.item];
          this.verify(doc, item, start, end, byItem.get(item.id) ?? [[], [], []], 'minhash', j);
          windowsByItem.set(item.id, { channel: CHANNEL_RENAMED, start, end });
        }
      }
    }
  }

  private lookup(channel: number, count: number, serial: number): void {
    const table = this.index.tables[channel];
    if (table.size === 0) return;
    const { k1: tk1, k2: tk2, vals, mask, postStart, postItems } = table;
    const keys1 = this.keys1;
    const keys2 = this.keys2;
    const stamp = this.stamps[channel];
    const df = this.df[channel];
    const hits = this.hits[channel];
    for (let p = 0; p < count; p++) {
      const a = keys1[p];
      let i = a & mask;
      let id = -1;
      for (;;) {
        const v = vals[i];
        if (v < 0) break;
        if (tk1[i] === a && tk2[i] === keys2[p]) {
          id = v;
          break;
        }
        i = (i + 1) & mask;
      }
      if (id < 0) continue;
      if (stamp[id] !== serial) {
        stamp[id] = serial;
        df[id]++;
      }
      for (let k = postStart[id]; k < postStart[id + 1]; k++) hits.push(postItems[k], p, id);
    }
  }

  /** Densest window of hits (by distinct-ish hit count) no longer than the item allows. */
  private bestWindow(item: IndexItem, channel: number, hitIdx: number[]): { start: number; end: number; fraction: number } {
    const params = this.index.params;
    const n = channel === CHANNEL_RENAMED ? params.canonicalNgramSize : params.ngramSize;
    const maxSpan = Math.ceil(item.raw.length * params.windowSlack) + n;
    const pos = this.hits[channel].pos;
    let bestCount = 0;
    let bestL = 0;
    let bestR = 0;
    let l = 0;
    for (let r = 0; r < hitIdx.length; r++) {
      while (pos[hitIdx[r]] + n - pos[hitIdx[l]] > maxSpan) l++;
      if (r - l + 1 > bestCount) {
        bestCount = r - l + 1;
        bestL = l;
        bestR = r;
      }
    }
    const ngramOf = this.hits[channel].ngram;
    const distinct = new Set<number>();
    for (let k = bestL; k <= bestR; k++) distinct.add(ngramOf[hitIdx[k]]);
    const total = item.ngrams[channel]?.length ?? 1;
    return { start: pos[hitIdx[bestL]], end: pos[hitIdx[bestR]] + n, fraction: distinct.size / total };
  }

  private verify(
    doc: CorpusDocument,
    item: IndexItem,
    start: number,
    end: number,
    lists: number[][],
    via: 'ngram' | 'minhash',
    jaccard: number | null,
  ): void {
    const params = this.index.params;
    const isCode = item.part === 'solution';
    const stream = isCode && this.currentHasDoc ? this.nodoc : this.full;
    end = Math.min(end, stream.length);
    // A code window found by n-grams usually starts in the function body; widen it to the enclosing
    // `def` header so the alpha-renamed comparison numbers names from the same point as the item does.
    if (isCode) start = widenToDefHeader(stream, start);
    const rawSimilarity = similarityRatio(item.raw, 0, item.raw.length, stream.raw, start, end);
    let canonicalSimilarity: number | null = null;
    if (isCode) {
      const a = alphaRename(item.raw, item.canon, 0, item.raw.length);
      const b = alphaRename(stream.raw, stream.canon, start, end);
      canonicalSimilarity = similarityRatio(a, 0, a.length, b, 0, b.length);
    }
    if (Math.max(rawSimilarity, canonicalSimilarity ?? 0) < params.minVerifiedSimilarity) return;
    const matched = (channel: number): number[] => {
      const n = channel === CHANNEL_RENAMED ? params.canonicalNgramSize : params.ngramSize;
      const h = this.hits[channel];
      const set = new Set<number>();
      for (const i of lists[channel]) if (h.pos[i] >= start && h.pos[i] + n <= end) set.add(h.ngram[i]);
      return [...set].sort((x, y) => x - y);
    };
    const matchedRaw = isCode ? matched(CHANNEL_CODE) : matched(CHANNEL_TEXT);
    const matchedCanonical = isCode ? matched(CHANNEL_RENAMED) : [];
    const record: CandidateRecord = {
      item: item.id,
      corpusId: doc.id,
      path: doc.path,
      repo: doc.repo ?? null,
      lineStart: stream.line[start],
      lineEnd: stream.line[Math.max(start, end - 1)],
      rawSimilarity,
      canonicalSimilarity,
      matchedRaw,
      matchedCanonical,
      hits: matchedRaw.length + matchedCanonical.length,
      via,
      jaccard,
    };
    const list = this.candidates[item.id];
    list.push(record);
    if (list.length > 2 * params.candidatesPerItem) {
      list.sort(compareCandidates);
      list.length = params.candidatesPerItem;
    }
  }

  /** The partial result of everything scanned so far. */
  partial(shard: { index: number; count: number } | null = null): ContaminationPartial {
    const df = this.df.map((arr) => {
      const pairs: Array<[number, number]> = [];
      for (let i = 0; i < arr.length; i++) if (arr[i] > 0) pairs.push([i, arr[i]]);
      return pairs;
    });
    const candidates: CandidateRecord[] = [];
    for (const list of this.candidates) {
      list.sort(compareCandidates);
      candidates.push(...list.slice(0, this.index.params.candidatesPerItem));
    }
    const warnings: Warning[] = [];
    for (const list of this.warnings.values()) warnings.push(...list.sort(compareWarnings).slice(0, MAX_WARNINGS_PER_CODE));
    warnings.sort(compareWarnings);
    return {
      format: 'bench-audit-contamination-partial',
      version: 1,
      fingerprint: this.index.fingerprint,
      shard,
      corpus: { ...this.stats, skipped: { ...this.stats.skipped } },
      df,
      candidates: sortCandidatesGlobal(candidates),
      warnings,
      warningCounts: { ...this.warningCounts },
    };
  }
}

function sortCandidatesGlobal(list: CandidateRecord[]): CandidateRecord[] {
  return list.sort((a, b) => (a.item !== b.item ? a.item - b.item : compareCandidates(a, b)));
}

/** Error-free merge of partial results that share a fingerprint (order of the inputs does not matter). */
export function mergePartials(
  partials: readonly ContaminationPartial[],
  candidatesPerItem: number,
): { ok: true; partial: ContaminationPartial } | { ok: false; reason: string } {
  if (partials.length === 0) return { ok: false, reason: 'no partial results to merge' };
  const fingerprint = partials[0].fingerprint;
  for (const p of partials) {
    if (p.format !== 'bench-audit-contamination-partial' || p.version !== 1) return { ok: false, reason: 'not a contamination partial result (format/version)' };
    if (p.fingerprint !== fingerprint) return { ok: false, reason: 'partial results come from different benchmarks or parameters (fingerprint differs)' };
  }
  const shards = partials.map((p) => p.shard).filter((s): s is { index: number; count: number } => s !== null);
  if (shards.length > 0) {
    const count = shards[0].count;
    const seen = new Set(shards.map((s) => s.index));
    if (shards.some((s) => s.count !== count) || seen.size !== shards.length || shards.length !== partials.length || seen.size !== count) {
      const missing = [...Array(count).keys()].filter((i) => !seen.has(i)).map((i) => `${i + 1}/${count}`);
      return { ok: false, reason: `shards are inconsistent or incomplete${missing.length ? ` (missing ${missing.join(', ')})` : ''}` };
    }
  }
  const corpus: CorpusStats = { documents: 0, bytes: 0, skipped: {}, nonUtf8: 0 };
  const dfMaps = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  const byItem = new Map<number, CandidateRecord[]>();
  const warningsByCode = new Map<string, Warning[]>();
  const warningCounts: Record<string, number> = {};
  for (const p of partials) {
    corpus.documents += p.corpus.documents;
    corpus.bytes += p.corpus.bytes;
    corpus.nonUtf8 += p.corpus.nonUtf8;
    for (const [k, v] of Object.entries(p.corpus.skipped)) corpus.skipped[k] = (corpus.skipped[k] ?? 0) + v;
    p.df.forEach((pairs, c) => {
      for (const [id, n] of pairs) dfMaps[c].set(id, (dfMaps[c].get(id) ?? 0) + n);
    });
    for (const cand of p.candidates) {
      let list = byItem.get(cand.item);
      if (list === undefined) byItem.set(cand.item, (list = []));
      list.push(cand);
    }
    for (const w of p.warnings) {
      let list = warningsByCode.get(w.code);
      if (list === undefined) warningsByCode.set(w.code, (list = []));
      list.push(w);
    }
    for (const [k, v] of Object.entries(p.warningCounts)) warningCounts[k] = (warningCounts[k] ?? 0) + v;
  }
  const candidates: CandidateRecord[] = [];
  for (const list of byItem.values()) candidates.push(...list.sort(compareCandidates).slice(0, candidatesPerItem));
  const warnings: Warning[] = [];
  for (const list of warningsByCode.values()) warnings.push(...list.sort(compareWarnings).slice(0, MAX_WARNINGS_PER_CODE));
  return {
    ok: true,
    partial: {
      format: 'bench-audit-contamination-partial',
      version: 1,
      fingerprint,
      shard: null,
      corpus: { ...corpus, skipped: Object.fromEntries(Object.entries(corpus.skipped).sort()) },
      df: dfMaps.map((m) => [...m.entries()].sort((a, b) => a[0] - b[0])),
      candidates: sortCandidatesGlobal(candidates),
      warnings: warnings.sort(compareWarnings),
      warningCounts: Object.fromEntries(Object.entries(warningCounts).sort()),
    },
  };
}

export type MatchKind = 'verbatim' | 'near' | 'renamed';

export interface FinalMatch {
  item: number;
  task: number;
  part: PartName;
  corpusId: string;
  path: string;
  repo: string | null;
  lineStart: number;
  lineEnd: number;
  containment: number;
  similarity: number;
  kind: MatchKind;
  via: 'ngram' | 'minhash';
}

export interface FinalItem {
  item: IndexItem;
  /** Distinct n-grams counted after dropping corpus boilerplate, per channel. */
  effectiveNgrams: number[];
  matches: FinalMatch[];
}

/**
 * Turn a (merged) partial into scored matches: drop corpus-boilerplate n-grams, compute containment,
 * classify each verified candidate and keep those that pass. Deterministic in the partial alone.
 */
export function scoreCandidates(index: BenchmarkIndex, partial: ContaminationPartial): { items: FinalItem[]; boilerplate: number[] } {
  const params = index.params;
  const limit = Math.max(params.boilerplateMinDocuments, Math.floor(params.boilerplateDocumentFraction * partial.corpus.documents));
  const boiler = partial.df.map((pairs) => new Set(pairs.filter(([, n]) => n > limit).map(([id]) => id)));
  const items: FinalItem[] = index.items.map((item) => ({
    item,
    effectiveNgrams: item.ngrams.map((ids, c) => (ids === null ? 0 : ids.reduce((s, id) => s + (boiler[c].has(id) ? 0 : 1), 0))),
    matches: [],
  }));
  for (const cand of partial.candidates) {
    const fi = items[cand.item];
    if (fi === undefined) continue;
    const item = fi.item;
    const rawChannel = item.part === 'solution' ? CHANNEL_CODE : CHANNEL_TEXT;
    const frac = (matched: number[], c: number): number => {
      const denom = fi.effectiveNgrams[c];
      if (denom === 0) return 0;
      let k = 0;
      for (const id of matched) if (!boiler[c].has(id)) k++;
      return k / denom;
    };
    const rawContainment = frac(cand.matchedRaw, rawChannel);
    const canonContainment = item.ngrams[CHANNEL_RENAMED] === null ? 0 : frac(cand.matchedCanonical, CHANNEL_RENAMED);
    const canonSim = cand.canonicalSimilarity ?? 0;
    let kind: MatchKind;
    let containment: number;
    let similarity: number;
    if (cand.rawSimilarity >= params.verbatimSimilarity) {
      kind = 'verbatim';
      containment = rawContainment;
      similarity = cand.rawSimilarity;
    } else if (canonSim >= params.renamedSimilarity && canonSim > cand.rawSimilarity) {
      kind = 'renamed';
      containment = Math.max(rawContainment, canonContainment);
      similarity = canonSim;
    } else {
      kind = 'near';
      containment = rawContainment;
      similarity = cand.rawSimilarity;
    }
    if (similarity < params.minVerifiedSimilarity || containment <= 0) continue;
    fi.matches.push({
      item: item.id,
      task: item.task,
      part: item.part,
      corpusId: cand.corpusId,
      path: cand.path,
      repo: cand.repo,
      lineStart: cand.lineStart,
      lineEnd: cand.lineEnd,
      containment: round4(containment),
      similarity: round4(similarity),
      kind,
      via: cand.via,
    });
  }
  for (const fi of items) fi.matches.sort(compareMatches);
  return { items, boilerplate: boiler.map((s) => s.size) };
}

export function compareMatches(a: FinalMatch, b: FinalMatch): number {
  if (a.containment !== b.containment) return b.containment - a.containment;
  if (a.similarity !== b.similarity) return b.similarity - a.similarity;
  if (a.corpusId !== b.corpusId) return a.corpusId < b.corpusId ? -1 : 1;
  if (a.part !== b.part) return a.part < b.part ? -1 : 1;
  if (a.lineStart !== b.lineStart) return a.lineStart - b.lineStart;
  if (a.via !== b.via) return a.via < b.via ? -1 : 1;
  return a.lineEnd - b.lineEnd;
}

export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** How far back (tokens) a window start may move to reach its function's `def` header. */
const MAX_HEADER_TOKENS = 64;

/**
 * If `start` lies in the body of a function whose header is at most MAX_HEADER_TOKENS back (the
 * `def` starts a logical line and only header tokens stand between), return the header's first
 * token (`async` or `def`); else `start`.
 */
export function widenToDefHeader(stream: TokenStream, start: number): number {
  const DEF = TOKEN_HASHES.def;
  const ASYNC = TOKEN_HASHES.async;
  // Tokens between the def and `start` must all belong to the header's logical line, except the
  // first body token at `start` itself, which starts a new logical line.
  for (let i = start - 1, seen = 0; i >= 0 && seen < MAX_HEADER_TOKENS; i--, seen++) {
    if (stream.raw[i] === DEF && stream.indent[i] >= 0) return i > 0 && stream.raw[i - 1] === ASYNC && stream.indent[i - 1] >= 0 ? i - 1 : i;
    if (stream.raw[i] === DEF && i > 0 && stream.raw[i - 1] === ASYNC && stream.indent[i - 1] >= 0) return i - 1;
    if (stream.indent[i] >= 0) return start; // another statement starts here: not a header
  }
  return start;
}
