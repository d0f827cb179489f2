/**
 * The corpus side: stream documents through the index. Per document: tokenize once, look up every
 * n-gram of each channel, count per item the distinct n-grams hit (containment), pick the densest
 * aligned window, and verify it token by token; MinHash every corpus function of plausible size and
 * verify LSH candidates on the function span. The result is a `ContaminationPartial`: plain JSON
 * holding everything the scoring (`scoreCandidates`) needs, so shards and worker threads merge exactly.
 *
 * Speed without changing results (test/contamination/scan-equivalence.test.ts checks every verbatim
 * copy against a plain token search): n-gram lookups go through a cache-sized bit filter of the table keys
 * first, and inside a copy each n-gram is first compared with the key of the id after the last one
 * found; a function's signature is computed only when the exact bound in minhash-filter.ts says some
 * reference can still reach the Jaccard threshold. Where matches are dense (model completions, benchmark
 * copies), a window's similarities and a function's LSH candidates are computed once per distinct token
 * content (memo.ts; test/contamination/dense-equivalence.test.ts checks them against a scan without).
 */
import type { Warning } from '../model/types.generated.js';
import { fmix32, NGRAM_FINAL_SALT_2, NGRAM_TOKEN_SALT_2, powMod32, ROLL_BASE_1, ROLL_BASE_2, unfmix32 } from './hash.js';
import {
  CHANNEL_CODE,
  CHANNEL_RENAMED,
  CHANNEL_TEXT,
  partChannels,
  type BenchmarkIndex,
  type IndexItem,
} from './index.js';
import { estimateJaccard } from './minhash.js';
import { MinHashPrefilter } from './minhash-filter.js';
import { TokenMemo } from './memo.js';
import type { PartName } from './options.js';
import { segmentFunctions } from './segment.js';
import { segmentJavaScriptFunctions } from './segment-js.js';
import { alphaRename, similarityRatio } from './similarity.js';
import { lineBreakByte, TOKEN_HASHES, TokenStream } from './tokenize.js';
import { pathLanguage, tokenizeSource, type SourceLanguage } from './language.js';
import { MAX_WARNINGS_PER_CODE } from './constants.js';
import type { CorpusDocument } from './corpus/types.js';
import { jsStringSegment } from './embedded-js.js';
import { documentKind, jsonlSegments, jsonSegments, markdownSegments, notebookSegments, scansWhole, type Segment } from './embedded.js';

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
  /** The corpus lines lineStart..lineEnd as text (cut at MAX_MATCH_TEXT_CHARS), for the report's side-by-side view. */
  text?: string;
  /** The same document also holds a copy of another part of the same task (a copy of the task, not an idiom). */
  related: boolean;
  /** Where in the file an embedded copy lies (string literal, code block, cell, JSON field); absent for the file's own code. */
  segment?: string;
}

/**
 * Per item, the corpus documents holding a verified copy, by kind (one per document: its best), and
 * how many of the non-verbatim ones hold no other part of the task. Complete (never capped), so
 * counts stay exact however many candidates are kept as evidence; sums merge shards exactly.
 */
export type CopyCounts = [item: number, verbatim: number, near: number, renamed: number, unrelatedInexact: number];

export interface CorpusStats {
  documents: number;
  bytes: number;
  skipped: Record<string, number>;
  nonUtf8: number;
  /** Notebooks and JSON files that did not parse (scanned as plain text instead). */
  unparsable: number;
}

export interface ContaminationPartial {
  format: 'bench-audit-contamination-partial';
  version: 2;
  fingerprint: string;
  /** Which shard this is (informational; merge checks the set is complete). */
  shard: { index: number; count: number } | null;
  corpus: CorpusStats;
  /** Per channel: sorted [ngramId, documentFrequency] pairs of indexed n-grams seen in the corpus. */
  df: Array<Array<[number, number]>>;
  candidates: CandidateRecord[];
  /** Items with at least one copy, by item. */
  copies: CopyCounts[];
  warnings: Warning[];
  warningCounts: Record<string, number>;
}

/** How a verified candidate reads (`verbatim` only when the token sequences are identical). */
export function classify(rawSimilarity: number, canonicalSimilarity: number | null, params: { verbatimSimilarity: number; renamedSimilarity: number }): MatchKind {
  if (rawSimilarity >= params.verbatimSimilarity) return 'verbatim';
  const canon = canonicalSimilarity ?? 0;
  if (canon >= params.renamedSimilarity && canon > rawSimilarity) return 'renamed';
  return 'near';
}

/** Similarity of identical token sequences (an exact copy). */
const EXACT = 1;

/** Best first among one document's candidates for one item: exact copies, then more n-grams, then closer. */
function betterInDocument(a: CandidateRecord, b: CandidateRecord): boolean {
  const ea = a.rawSimilarity >= EXACT;
  const eb = b.rawSimilarity >= EXACT;
  if (ea !== eb) return ea;
  if (a.hits !== b.hits) return a.hits > b.hits;
  const sa = Math.max(a.rawSimilarity, a.canonicalSimilarity ?? 0);
  const sb = Math.max(b.rawSimilarity, b.canonicalSimilarity ?? 0);
  if (sa !== sb) return sa > sb;
  return compareCandidates(a, b) < 0;
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

/**
 * Tokens kept by each memo of the scanner (4 bytes each): at most 8 MB of copies per memo, room for
 * the distinct windows of many thousand completions; past it a memo starts over.
 */
const MEMO_MAX_TOKENS = 1 << 21;

/**
 * Bits per indexed n-gram of the key filter: with one bit set per key, a random absent key passes
 * with probability ≈ 1/32, so about 3% of the misses go on to probe the (much larger) table.
 */
const FILTER_BITS_PER_KEY = 32;

/**
 * Items (and MinHash references) the scanner's hot loops are run over before the corpus (see
 * `primeLookups`): enough calls for V8 to start recording type feedback and for the hit lists to
 * grow once; a few milliseconds.
 */
const PRIME_ITEMS = 24;

/** Token capacity kept between documents (~18 MB of token arrays per stream); see the end of `scan`. */
const MAX_RETAINED_TOKENS = 1 << 20;

/**
 * A one-hash Bloom filter of a table's keys, indexed by the second key half (independent of the
 * first half, which places keys in the table) before its finishing mix, so the scan tests it without
 * finishing the hash of every n-gram. No false negatives, so lookups give the same hits.
 */
function keyFilter(table: BenchmarkIndex['tables'][number]): Int32Array {
  let bits = 1024;
  while (bits < table.size * FILTER_BITS_PER_KEY) bits *= 2;
  const filter = new Int32Array(bits / 32);
  const shift = 32 - Math.log2(bits);
  for (let i = 0; i <= table.mask; i++) {
    if (table.vals[i] < 0) continue;
    // Indexed by the top bits of the second half's rolling value (before its finishing mix), which
    // the scan has at hand for every n-gram; fmix32 is a bijection, so it is recovered exactly.
    const b = ((unfmix32(table.k2[i]) ^ NGRAM_FINAL_SALT_2) >>> shift);
    filter[b >>> 5] |= 1 << (b & 31);
  }
  return filter;
}

/** Int32 fields per slot of the scanner's table copy: key halves, n-gram id (-1: empty), and one unused, so no slot straddles a cache line. */
const SLOT_FIELDS = 4;

/**
 * Highest load of the scanner's table copy. The index's tables are 4x sparse so that a miss ends at
 * an empty slot of a small id array; the scanner checks its key filter first, so most of its probes
 * find their n-gram, and a denser copy (1 MB instead of 5 MB for HumanEval's text channel) keeps more
 * of it in cache. Linear probing at load 0.6 averages under 2 slots per successful probe (Knuth).
 */
const SLOT_MAX_LOAD = 0.6;

/** What the scanner keeps of one channel's table (see `tableCopy`). */
interface TableCopy {
  /** Entries re-hashed into one interleaved array, placed by the first key half as in the index. */
  slots: Int32Array;
  mask: number;
  /** Per id: the key halves before their finishing mix, i.e. the rolling hashes the scan computes. */
  preKey1: Int32Array;
  preKey2: Int32Array;
  /** Per id: its only item, or -1 when several items hold the n-gram. */
  singlePost: Int32Array;
}

/**
 * The scanner's copy of a table: a probe that finds its n-gram touches one cache line of `slots`
 * (where matches are dense, most n-grams get that far), and the per-id arrays let a copy's next
 * n-gram be confirmed without a probe (see `Scanner.lookupStream`).
 */
function tableCopy(table: BenchmarkIndex['tables'][number]): TableCopy {
  let cap = 16;
  while (table.size > cap * SLOT_MAX_LOAD) cap *= 2;
  const mask = cap - 1;
  const slots = new Int32Array(cap * SLOT_FIELDS);
  for (let i = 0; i < cap; i++) slots[i * SLOT_FIELDS + 2] = -1;
  const preKey1 = new Int32Array(table.size);
  const preKey2 = new Int32Array(table.size);
  const singlePost = new Int32Array(table.size);
  for (let i = 0; i <= table.mask; i++) {
    const id = table.vals[i];
    if (id < 0) continue;
    let j = table.k1[i] & mask;
    while (slots[j * SLOT_FIELDS + 2] >= 0) j = (j + 1) & mask;
    const at = j * SLOT_FIELDS;
    slots[at] = table.k1[i] | 0;
    slots[at + 1] = table.k2[i] | 0;
    slots[at + 2] = id;
    // fmix32 is a bijection: the rolling values are recovered exactly (the second half was salted before its mix).
    preKey1[id] = unfmix32(table.k1[i]) | 0;
    preKey2[id] = (unfmix32(table.k2[i]) ^ NGRAM_FINAL_SALT_2) | 0;
    singlePost[id] = table.postStart[id + 1] - table.postStart[id] === 1 ? table.postItems[table.postStart[id]] : -1;
  }
  return { slots, mask, preKey1, preKey2, singlePost };
}

export class Scanner {
  readonly index: BenchmarkIndex;
  private full = new TokenStream();
  private nodoc = new TokenStream();
  private readonly hits = [new Hits(), new Hits(), new Hits()];
  /** Per channel, per n-gram id: [serial of the last document that had it, documents that had it]. */
  private readonly seen: Uint32Array[];
  /** Per channel: the table's slots, interleaved, and its per-id arrays (see tableCopy). */
  private readonly slots: Int32Array[];
  private readonly slotMask: number[];
  private readonly preKey1: Int32Array[];
  private readonly preKey2: Int32Array[];
  private readonly singlePost: Int32Array[];
  /** Per channel: one bit per (hashed) indexed n-gram, checked before the table (see keyFilter). */
  private readonly filters: Int32Array[];
  private docSerial = 0;
  private currentHasDoc = false;
  private currentBytes: Uint8Array = new Uint8Array(0);
  private currentSegment: Segment | null = null;
  private readonly candidates: CandidateRecord[][];
  /**
   * Per item: the worst candidate kept at its list's last trim. A later candidate ordering after it
   * has candidatesPerItem better ones already, so it can never be kept: it is dropped before its
   * lines are quoted.
   */
  private readonly cutoff: Array<CandidateRecord | undefined>;
  private readonly stats: CorpusStats = { documents: 0, bytes: 0, skipped: {}, nonUtf8: 0, unparsable: 0 };
  private readonly warnings = new Map<string, Warning[]>();
  private readonly warningCounts: Record<string, number> = {};
  private readonly ranges: number[] = [];
  private readonly sig: Int32Array;
  private readonly lshOut: number[] = [];
  private readonly itemCount: Uint32Array;
  private readonly touched: number[] = [];
  private readonly prefilter: MinHashPrefilter;
  /** The current document's best candidate per item. */
  private readonly docBest = new Map<number, CandidateRecord>();
  /** Where each kept candidate's text is (bytes valid until the document ends, lines in them). */
  private readonly docText = new Map<CandidateRecord, [Uint8Array, number, number]>();
  /** Per item: COPY_FIELDS counters (verbatim, near, renamed, unrelated inexact). */
  private readonly copyCounts: Uint32Array;
  /** Per item: hits a document needs before the item's windows are looked at. */
  private readonly minHits: Uint32Array;
  /** Per item: its slot among the current stream's selected items, or -1. */
  private readonly slotOf: Int32Array;
  private readonly selected: number[] = [];
  private grouped = new Int32Array(1024);
  private groupStart = new Int32Array(64);
  private groupFill = new Int32Array(64);
  private readonly windowsByItem = new Map<number, Window>();
  /** Per channel: a serial per n-gram id, to count distinct ids without a Set. */
  private readonly marks: Uint32Array[];
  private markSerial = 0;
  private matchedScratch = new Uint32Array(256);
  /** Per solution item: its alpha-renamed tokens (computed once). */
  private readonly itemAlpha: Array<Uint32Array | undefined> = [];
  /** Memos by content (see memo.ts): similarities of (item, window), LSH candidates of a function. */
  private readonly memoOn: boolean;
  private readonly verifyMemo = new TokenMemo<readonly [number, number]>(MEMO_MAX_TOKENS);
  private readonly functionMemo = new TokenMemo<number[] | null>(MEMO_MAX_TOKENS);

  /** `memo: false` computes every verification and signature afresh (the reference the memos are tested against). */
  constructor(index: BenchmarkIndex, options: { memo?: boolean } = {}) {
    this.index = index;
    this.memoOn = options.memo ?? true;
    this.slotOf = new Int32Array(index.items.length).fill(-1);
    this.marks = index.tables.map((t) => new Uint32Array(t.size));
    const mh = index.params.minhash;
    this.prefilter = new MinHashPrefilter(
      index.hasher,
      mh.shingle,
      mh.minJaccard,
      mh.rows,
      index.lshRefs.map((ref, id) => ({ tokens: index.items[ref.item].canon, start: ref.start, end: ref.end, signature: index.lsh.signatures[id] })),
    );
    this.seen = index.tables.map((t) => new Uint32Array(2 * t.size));
    const copies = index.tables.map(tableCopy);
    this.slots = copies.map((c) => c.slots);
    this.slotMask = copies.map((c) => c.mask);
    this.preKey1 = copies.map((c) => c.preKey1);
    this.preKey2 = copies.map((c) => c.preKey2);
    this.singlePost = copies.map((c) => c.singlePost);
    this.filters = index.tables.map(keyFilter);
    this.candidates = index.items.map(() => []);
    this.cutoff = index.items.map(() => undefined);
    this.sig = new Int32Array(index.params.minhash.permutations);
    this.itemCount = new Uint32Array(index.items.length);
    this.copyCounts = new Uint32Array(index.items.length * COPY_FIELDS);
    this.minHits = Uint32Array.from(index.items, (item) => {
      const sizes = partChannels(item.part).map((c) => item.ngrams[c]?.length ?? 0).filter((n) => n > 0);
      return sizes.length === 0 ? index.params.candidateMinNgrams : Math.min(index.params.candidateMinNgrams, ...sizes);
    });
    this.primeLookups();
  }

  /**
   * Run the n-gram lookup and the MinHash check over the benchmark's own items before any corpus
   * file: copies, shared n-grams, both channels at once, a function that passes the prefilter. V8
   * otherwise optimizes them on the first files (ordinary code, which takes none of these paths) and
   * recompiles them as dense files take one path after another. Leaves no trace: the hits and the
   * document frequencies it records are cleared, and the MinHash memo is not written.
   */
  private primeLookups(): void {
    const { items, params } = this.index;
    // A document serial, so that document frequencies are counted as in a scan (then cleared below).
    const serial = 1;
    const n = params.ngramSize;
    for (let k = 0; k < Math.min(PRIME_ITEMS, items.length); k++) {
      const item = items[k];
      this.lookupStream(item.raw, item.raw.length, n, CHANNEL_TEXT, CHANNEL_CODE, serial);
      this.lookupStream(item.raw, item.raw.length, n, item.part === 'solution' ? CHANNEL_CODE : CHANNEL_TEXT, -1, serial);
      this.lookupStream(item.canon, item.canon.length, params.canonicalNgramSize, CHANNEL_RENAMED, -1, serial);
    }
    for (const h of this.hits) h.length = 0;
    for (const s of this.seen) s.fill(0);
    const refs = this.index.lshRefs;
    for (let r = 0; r < Math.min(PRIME_ITEMS, refs.length); r++) {
      const { item, start, end } = refs[r];
      const canon = items[item].canon;
      // The reference, then with tokens of another before it: shingles no reference has (the
      // prefilter's second pass).
      this.lshCandidates(canon, start, end);
      const other = items[(item + 1) % items.length].canon;
      const mixed = new Uint32Array(other.length + end - start);
      mixed.set(other);
      mixed.set(canon.subarray(start, end), other.length);
      this.lshCandidates(mixed, 0, mixed.length);
    }
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

  /**
   * Scan one document: its own tokens (Python source, Markdown) and the documents inside it (code in
   * triple-quoted strings, Markdown code blocks, notebook cells, JSON string fields), each cited at
   * the file's lines. A document counts once per item, by its best candidate.
   */
  scan(doc: CorpusDocument): void {
    // One array type for every byte view the tokenizers read (a Buffer is a Uint8Array of another
    // shape): the hot loops then see one shape, and V8 does not recompile them when the other appears.
    const bytes = plainBytes(doc.bytes);
    this.stats.documents++;
    this.stats.bytes += bytes.length;
    this.docSerial++;
    const kind = documentKind(doc.path);
    let segments: Segment[] = [];
    let whole = scansWhole(kind);
    if (kind === 'notebook' || kind === 'json') {
      const r = kind === 'notebook' ? notebookSegments(bytes) : jsonSegments(bytes);
      if (r.ok) segments = r.segments;
      else {
        this.warn('corpus-unparsable', `${doc.id}: not valid ${kind === 'notebook' ? 'notebook' : 'JSON'} (${r.reason}); scanned as plain text`);
        this.stats.unparsable++;
        whole = true;
      }
    } else if (kind === 'jsonl') {
      const r = jsonlSegments(bytes);
      segments = r.segments;
      if (r.badRows.length > 0) this.warn('corpus-unparsable', `${doc.id}: ${r.badRows.length} rows are not valid JSON (first: line ${r.badRows[0]}); skipped`);
    }
    if (whole) {
      // A source file in its extension's language; Markdown prose and unparsable JSON in the benchmark's.
      const language = kind === 'source' ? (pathLanguage(doc.path) ?? this.index.language) : this.index.language;
      this.scanStream(doc, bytes, null, language);
      const strings = this.full.strings;
      if (kind === 'markdown') segments = markdownSegments(bytes);
      // JavaScript string literals hold escaped text (`\n`), decoded before they are read as code.
      const sep = language === 'javascript' && strings.length > 0 ? lineBreakByte(bytes) : 0;
      for (let k = 0; k < strings.length; k += 3) {
        if (language === 'javascript') {
          segments.push(jsStringSegment(bytes, strings[k], strings[k + 1], strings[k + 2], sep));
          continue;
        }
        const content = bytes.subarray(strings[k], strings[k + 1]);
        const first = strings[k + 2];
        const lines = new Int32Array(countLines(content));
        for (let j = 0; j < lines.length; j++) lines[j] = first + j;
        segments.push({ bytes: content, fileLines: lines, label: `string at line ${first}` });
      }
    }
    for (const seg of segments) this.scanStream(doc, seg.bytes, seg, seg.language ?? this.index.language);
    this.endDocument();
    // The token arrays are sized for the largest document so far (17 bytes per token of capacity);
    // after an unusually large one, let them go instead of keeping them for the rest of the scan.
    if (this.full.raw.length > MAX_RETAINED_TOKENS) this.full = new TokenStream();
    if (this.nodoc.raw.length > MAX_RETAINED_TOKENS) this.nodoc = new TokenStream();
  }

  /** Tokenize `bytes` (the document or a segment of it), look its n-grams up and verify the candidates. */
  private scanStream(doc: CorpusDocument, bytes: Uint8Array, seg: Segment | null, language: SourceLanguage): void {
    const { index } = this;
    const params = index.params;
    const serial = this.docSerial;
    this.currentBytes = bytes;
    this.currentSegment = seg;
    const full = tokenizeSource(language, bytes, this.full);
    const hasDoc = full.hasDocstrings();
    this.currentHasDoc = hasDoc;
    const nodoc = hasDoc ? full.withoutDocstrings(this.nodoc) : full;
    for (const h of this.hits) h.length = 0;

    // Channels text and code share the raw n-grams when the document has no docstrings.
    this.lookupStream(full.raw, full.length, params.ngramSize, CHANNEL_TEXT, hasDoc ? -1 : CHANNEL_CODE, serial);
    if (hasDoc) this.lookupStream(nodoc.raw, nodoc.length, params.ngramSize, CHANNEL_CODE, -1, serial);
    this.lookupStream(nodoc.canon, nodoc.length, params.canonicalNgramSize, CHANNEL_RENAMED, -1, serial);

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
    // The selected items (in order of first hit) get slots; each slot's hits per channel are grouped
    // by a counting sort into one array, in position order.
    const slotOf = this.slotOf;
    const selected = this.selected;
    selected.length = 0;
    for (const it of touched) {
      if (itemCount[it] >= this.minHits[it]) {
        slotOf[it] = selected.length;
        selected.push(it);
      }
      itemCount[it] = 0;
    }
    this.groupHits(selected.length);
    const gs = this.groupStart;
    const windowsByItem = this.windowsByItem;
    windowsByItem.clear();
    for (let s = 0; s < selected.length; s++) {
      const item = index.items[selected[s]];
      let best: Window | null = null;
      let bestFraction = -1;
      for (const c of partChannels(item.part)) {
        const ids = item.ngrams[c];
        const from = gs[s * 3 + c];
        const to = gs[s * 3 + c + 1];
        if (ids === null || ids.length === 0 || to === from) continue;
        // An item with fewer n-grams than candidateMinNgrams (a short part) needs all of them; it is
        // kept only as an exact copy (see verify).
        const need = Math.max(Math.min(params.candidateMinNgrams, ids.length), Math.ceil(params.candidateMinContainment * ids.length));
        if (to - from < need) continue;
        if (this.distinctNgrams(c, from, to) < need) continue;
        const w = this.bestWindow(item, c, from, to);
        if (w.fraction > bestFraction) {
          bestFraction = w.fraction;
          best = { channel: c, start: w.start, end: w.end };
        }
      }
      if (best === null) continue;
      windowsByItem.set(item.id, best);
      this.verify(doc, item, best.start, best.end, s, 'ngram', null);
    }

    // Function-level MinHash against the reference solutions (renamed form).
    const [lo, hi] = index.functionTokenRange;
    if (lo <= hi) {
      // A JavaScript body longer than any reference's bound is not matched to its brace.
      if (language === 'javascript') segmentJavaScriptFunctions(nodoc, this.ranges, hi);
      else segmentFunctions(nodoc, this.ranges);
      for (let f = 0; f < this.ranges.length; f += 2) {
        const start = this.ranges[f];
        const end = this.ranges[f + 1];
        const len = end - start;
        if (len < lo || len > hi) continue;
        // Only functions the prefilter lets through (most of ordinary code's are not) are kept in the memo.
        let found = this.memoOn ? this.functionMemo.find(0, nodoc.canon, null, start, end) : undefined;
        if (found === undefined) {
          found = this.lshCandidates(nodoc.canon, start, end);
          if (this.memoOn && found !== null) this.functionMemo.store(found);
        }
        if (found === null) continue;
        for (let r = 0; r < found.length; r += 2) {
          const refInfo = index.lshRefs[found[r]];
          const j = found[r + 1];
          const w = windowsByItem.get(refInfo.item);
          // Already verified through n-grams on an overlapping window of the same stream.
          if (w !== undefined && w.channel !== CHANNEL_TEXT && w.start < end && start < w.end) continue;
          const item = index.items[refInfo.item];
          this.verify(doc, item, start, end, slotOf[item.id], 'minhash', j);
          windowsByItem.set(item.id, { channel: CHANNEL_RENAMED, start, end });
        }
      }
    }
    for (const it of selected) slotOf[it] = -1;
  }

  /**
   * The LSH references a corpus function (canonical tokens [start, end)) reaches at or above the
   * Jaccard threshold, as flat (reference, estimated Jaccard) pairs in query order; null when the
   * prefilter proves there is none. Depends on the tokens alone (memoized by them).
   */
  private lshCandidates(canon: Uint32Array, start: number, end: number): number[] | null {
    const { index } = this;
    const mh = index.params.minhash;
    // Exact: skips only functions for which every LSH candidate would fall below minJaccard.
    if (!this.prefilter.mayMatch(canon, start, end)) return null;
    const out: number[] = [];
    if (!this.prefilter.signatureOfLast(this.sig)) index.hasher.signature(canon, start, end, mh.shingle, this.sig);
    for (const ref of index.lsh.query(this.sig, this.lshOut)) {
      const j = estimateJaccard(this.sig, 0, index.lsh.signatures[ref], 0, mh.permutations);
      if (j >= mh.minJaccard) out.push(ref, j);
    }
    return out;
  }

  /**
   * Group the current stream's hits of the `count` selected items (slotOf) by slot and channel: the
   * hits of slot s in channel c are grouped[groupStart[3s + c], groupStart[3s + c + 1]), indexes into
   * that channel's Hits in ascending order (so in position order).
   */
  private groupHits(count: number): void {
    const slotOf = this.slotOf;
    if (count === 0) return;
    let total = 0;
    for (let c = 0; c < 3; c++) total += this.hits[c].length;
    if (this.grouped.length < total) this.grouped = new Int32Array(Math.max(total, this.grouped.length * 2));
    if (this.groupStart.length < count * 3 + 1) {
      this.groupStart = new Int32Array(Math.max(count * 3 + 1, this.groupStart.length * 2));
      this.groupFill = new Int32Array(this.groupStart.length);
    }
    const start = this.groupStart;
    start.fill(0, 0, count * 3 + 1);
    for (let c = 0; c < 3; c++) {
      const h = this.hits[c];
      for (let i = 0; i < h.length; i++) {
        const s = slotOf[h.item[i]];
        if (s >= 0) start[s * 3 + c + 1]++;
      }
    }
    for (let k = 1; k <= count * 3; k++) start[k] += start[k - 1];
    const fill = this.groupFill;
    for (let k = 0; k < count * 3; k++) fill[k] = start[k];
    const grouped = this.grouped;
    for (let c = 0; c < 3; c++) {
      const h = this.hits[c];
      for (let i = 0; i < h.length; i++) {
        const s = slotOf[h.item[i]];
        if (s >= 0) grouped[fill[s * 3 + c]++] = i;
      }
    }
  }

  /** Distinct n-gram ids among grouped hits [from, to) of a channel. */
  private distinctNgrams(channel: number, from: number, to: number): number {
    const mark = this.marks[channel];
    const serial = this.nextMark();
    const ngram = this.hits[channel].ngram;
    const grouped = this.grouped;
    let n = 0;
    for (let k = from; k < to; k++) {
      const id = ngram[grouped[k]];
      if (mark[id] !== serial) {
        mark[id] = serial;
        n++;
      }
    }
    return n;
  }

  /** A fresh serial for the distinct-id marks (cleared when the counter would wrap). */
  private nextMark(): number {
    if (this.markSerial === 0xffffffff) {
      for (const m of this.marks) m.fill(0);
      this.markSerial = 0;
    }
    return ++this.markSerial;
  }

  /**
   * Keep the document's best candidate per item, mark those that share the document with another
   * part of their task, and count them.
   */
  private endDocument(): void {
    if (this.docBest.size === 0) return;
    const { items, params } = this.index;
    // A copy: exact, or holding contaminatedThreshold of the item's n-grams (boilerplate included,
    // which the corpus-wide scoring sets aside later); a shared doctest line is not a copy.
    const isCopy = (c: CandidateRecord): boolean => {
      if (c.rawSimilarity >= EXACT) return true;
      const item = items[c.item];
      const raw = item.ngrams[item.part === 'solution' ? CHANNEL_CODE : CHANNEL_TEXT]?.length ?? 0;
      const canon = item.ngrams[CHANNEL_RENAMED]?.length ?? 0;
      const fraction = Math.max(raw === 0 ? 0 : c.matchedRaw.length / raw, canon === 0 ? 0 : c.matchedCanonical.length / canon);
      return fraction >= params.contaminatedThreshold;
    };
    const copies = [...this.docBest.values()].filter(isCopy);
    const partsOfTask = new Map<number, number>();
    for (const c of copies) partsOfTask.set(items[c.item].task, (partsOfTask.get(items[c.item].task) ?? 0) + 1);
    for (const c of copies) {
      c.related = (partsOfTask.get(items[c.item].task) ?? 0) > 1;
      const kind = classify(c.rawSimilarity, c.canonicalSimilarity, params);
      const base = c.item * COPY_FIELDS;
      this.copyCounts[base + (kind === 'verbatim' ? 0 : kind === 'near' ? 1 : 2)]++;
      if (kind !== 'verbatim' && !c.related) this.copyCounts[base + 3]++;
    }
    const lines = new Map<Uint8Array, LineIndex>();
    for (const c of [...this.docBest.values()].sort((a, b) => a.item - b.item)) {
      const cut = this.cutoff[c.item];
      if (cut !== undefined && compareCandidates(c, cut) > 0) continue;
      const where = this.docText.get(c);
      if (where !== undefined) {
        let index = lines.get(where[0]);
        if (index === undefined) lines.set(where[0], (index = lineIndex(where[0])));
        c.text = linesText(where[0], where[1], where[2], index);
      }
      const list = this.candidates[c.item];
      list.push(c);
      if (list.length > 2 * params.candidatesPerItem) {
        list.sort(compareCandidates);
        list.length = params.candidatesPerItem;
        this.cutoff[c.item] = list[list.length - 1];
      }
    }
    this.docBest.clear();
    this.docText.clear();
  }

  /**
   * Look up every n-gram of tokens[0..length) in the tables of `channel` and (if >= 0) `channel2`.
   * The keys are `ngramKeys`' (the same rolling hashes, computed inline). In a copy, consecutive
   * n-grams are mostly consecutive ids (ids are numbered item by item in n-gram order), so after a
   * hit the next id's key (kept by id, before the finishing mix) is compared first: a run of a copy
   * costs two sequential reads per n-gram instead of a filter bit and a table slot at random places.
   * Otherwise the second half decides the key filter, and the halves are finished only for the few
   * n-grams that pass it. Either way the hits are those of a plain table lookup.
   */
  private lookupStream(tokens: Uint32Array, length: number, n: number, channel: number, channel2: number, serial: number): void {
    const count = length - n + 1;
    if (count <= 0) return;
    const two = channel2 >= 0;
    const c2 = two ? channel2 : channel;
    const f1 = this.filters[channel];
    const f2 = this.filters[c2];
    const s1 = 32 - Math.log2(f1.length * 32);
    const s2 = 32 - Math.log2(f2.length * 32);
    const a1 = this.preKey1[channel];
    const b1 = this.preKey2[channel];
    const a2 = this.preKey1[c2];
    const b2 = this.preKey2[c2];
    const p1 = powMod32(ROLL_BASE_1, n - 1);
    const p2 = powMod32(ROLL_BASE_2, n - 1);
    let h1 = 0;
    let h2 = 0;
    for (let i = 0; i < n - 1; i++) {
      h1 = (Math.imul(h1, ROLL_BASE_1) + tokens[i]) | 0;
      h2 = (Math.imul(h2, ROLL_BASE_2) + (tokens[i] ^ NGRAM_TOKEN_SALT_2)) | 0;
    }
    // The id expected next in each table (-1: the last n-gram was not in it).
    let next1 = -1;
    let next2 = -1;
    for (let p = 0; p < count; p++) {
      if (p > 0) {
        const out = tokens[p - 1];
        h1 = (h1 - Math.imul(out, p1)) | 0;
        h2 = (h2 - Math.imul(out ^ NGRAM_TOKEN_SALT_2, p2)) | 0;
      }
      const inTok = tokens[p + n - 1];
      h1 = (Math.imul(h1, ROLL_BASE_1) + inTok) | 0;
      h2 = (Math.imul(h2, ROLL_BASE_2) + (inTok ^ NGRAM_TOKEN_SALT_2)) | 0;
      let id1 = -1;
      let id2 = -1;
      if (next1 >= 0 || next2 >= 0) {
        // Inside a copy (rare in ordinary code, whose n-grams take only the filter test below).
        if (next1 >= 0 && next1 < a1.length && a1[next1] === h1 && b1[next1] === h2) id1 = next1;
        if (next2 >= 0 && next2 < a2.length && a2[next2] === h1 && b2[next2] === h2) id2 = next2;
      }
      if (id1 < 0 || (two && id2 < 0)) {
        // Nearly every n-gram of ordinary code is absent: one bit, in a bitset that stays in cache, says so.
        const bit1 = h2 >>> s1;
        const in1 = id1 < 0 && (f1[bit1 >>> 5] & (1 << (bit1 & 31))) !== 0;
        const bit2 = h2 >>> s2;
        const in2 = two && id2 < 0 && (f2[bit2 >>> 5] & (1 << (bit2 & 31))) !== 0;
        if (in1 || in2) {
          const k2 = fmix32(h2 ^ NGRAM_FINAL_SALT_2);
          const k1 = fmix32(h1);
          if (in1) id1 = this.probe(channel, k1, k2);
          if (in2) id2 = this.probe(channel2, k1, k2);
        }
      }
      next1 = id1;
      next2 = id2;
      if (id1 >= 0) {
        this.record(channel, id1, p, serial);
        next1++;
      }
      if (id2 >= 0) {
        this.record(channel2, id2, p, serial);
        next2++;
      }
    }
  }

  /** The id of n-gram (k1, k2) in the channel's table, or -1. */
  private probe(channel: number, k1: number, k2: number): number {
    const t = this.slots[channel];
    const mask = this.slotMask[channel];
    let i = k1 & mask;
    let at = i * SLOT_FIELDS;
    for (;;) {
      const id = t[at + 2];
      if (id < 0) return -1;
      if (t[at] === (k1 | 0) && t[at + 1] === (k2 | 0)) return id;
      i = (i + 1) & mask;
      at = i * SLOT_FIELDS;
    }
  }

  /** Record n-gram `id` of the channel at position p: its document frequency and a hit per item holding it. */
  private record(channel: number, id: number, p: number, serial: number): void {
    const seen = this.seen[channel];
    if (seen[2 * id] !== serial) {
      seen[2 * id] = serial;
      seen[2 * id + 1]++;
    }
    const hits = this.hits[channel];
    const post = this.singlePost[channel][id];
    if (post >= 0) hits.push(post, p, id);
    else {
      const { postStart, postItems } = this.index.tables[channel];
      for (let k = postStart[id]; k < postStart[id + 1]; k++) hits.push(postItems[k], p, id);
    }
  }

  /** Densest window of hits (by distinct-ish hit count) no longer than the item allows. */
  private bestWindow(item: IndexItem, channel: number, from: number, to: number): { start: number; end: number; fraction: number } {
    const params = this.index.params;
    const n = channel === CHANNEL_RENAMED ? params.canonicalNgramSize : params.ngramSize;
    const maxSpan = Math.ceil(item.raw.length * params.windowSlack) + n;
    const pos = this.hits[channel].pos;
    const g = this.grouped;
    let bestCount = 0;
    let bestL = from;
    let bestR = from;
    let l = from;
    for (let r = from; r < to; r++) {
      while (pos[g[r]] + n - pos[g[l]] > maxSpan) l++;
      if (r - l + 1 > bestCount) {
        bestCount = r - l + 1;
        bestL = l;
        bestR = r;
      }
    }
    const distinct = this.distinctNgrams(channel, bestL, bestR + 1);
    const total = item.ngrams[channel]?.length ?? 1;
    return { start: pos[g[bestL]], end: pos[g[bestR]] + n, fraction: distinct / total };
  }

  private verify(
    doc: CorpusDocument,
    item: IndexItem,
    start: number,
    end: number,
    slot: number,
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
    // An exact copy near the window is the copy: cite and compare exactly its tokens (the window may
    // start late or end early where n-grams were not indexed, such as benchmark-common ones).
    const exact = findExact(item.raw, stream, Math.max(0, start - item.raw.length), Math.min(stream.length, end + item.raw.length));
    if (exact >= 0) {
      start = exact;
      end = exact + item.raw.length;
    }
    // A short part counts only as an exact copy (the short-part rule in checks/contamination/report.ts).
    if (item.trivial && exact < 0) return;
    // The similarities depend on the item and the window's tokens alone: identical windows (the same
    // completion in file after file) are compared once. An exact copy needs neither: its raw tokens
    // are the item's, and so are its alpha-renamed ones when its canonical tokens are too (a name
    // after a `.` before the copy can make them differ), so both similarities are 1.
    let sims: readonly [number, number] | undefined =
      exact >= 0 && (!isCode || sameRange(item.canon, stream.canon, start))
        ? EXACT_SIMS
        : this.memoOn
          ? this.verifyMemo.find(item.id, stream.raw, isCode ? stream.canon : null, start, end)
          : undefined;
    if (sims === undefined) {
      sims = this.similarities(item, stream, start, end, exact >= 0);
      if (this.memoOn) this.verifyMemo.store(sims);
    }
    const rawSimilarity = sims[0];
    const canonicalSimilarity = isCode ? sims[1] : null;
    if (Math.max(rawSimilarity, canonicalSimilarity ?? 0) < params.minVerifiedSimilarity) return;
    const matchedRaw = this.matched(isCode ? CHANNEL_CODE : CHANNEL_TEXT, slot, start, end);
    const matchedCanonical = isCode ? this.matched(CHANNEL_RENAMED, slot, start, end) : [];
    const first = stream.line[start];
    const last = stream.line[Math.max(start, end - 1)];
    const seg = this.currentSegment;
    const lineStart = seg === null ? first : seg.fileLines[Math.min(first, seg.fileLines.length) - 1];
    const lineEnd = seg === null ? last : seg.fileLines[Math.min(last, seg.fileLines.length) - 1];
    const hits = matchedRaw.length + matchedCanonical.length;
    // Two literals instead of one with a spread `segment`: the spread builds each record by a slow
    // generic copy. The key order (so the partial's JSON) is the same either way.
    // The text (set when the document ends, for the kept candidate only): the segment's own lines.
    const record: CandidateRecord =
      seg === null
        ? {
            item: item.id,
            corpusId: doc.id,
            path: doc.path,
            repo: doc.repo ?? null,
            lineStart,
            lineEnd,
            text: '',
            rawSimilarity,
            canonicalSimilarity,
            matchedRaw,
            matchedCanonical,
            hits,
            via,
            jaccard,
            related: false,
          }
        : {
            item: item.id,
            corpusId: doc.id,
            path: doc.path,
            repo: doc.repo ?? null,
            lineStart,
            lineEnd,
            text: '',
            segment: seg.label,
            rawSimilarity,
            canonicalSimilarity,
            matchedRaw,
            matchedCanonical,
            hits,
            via,
            jaccard,
            related: false,
          };
    const prev = this.docBest.get(item.id);
    if (prev === undefined || betterInDocument(record, prev)) {
      this.docBest.set(item.id, record);
      this.docText.set(record, [this.currentBytes, first, last]);
    }
  }

  /** [raw, canonical] similarity of an item and stream tokens [start, end) (canonical: solutions only, else 0). */
  private similarities(item: IndexItem, stream: TokenStream, start: number, end: number, exact: boolean): [number, number] {
    const raw = exact ? 1 : similarityRatio(item.raw, 0, item.raw.length, stream.raw, start, end);
    if (item.part !== 'solution') return [raw, 0];
    let a = this.itemAlpha[item.id];
    if (a === undefined) this.itemAlpha[item.id] = a = alphaRename(item.raw, item.canon, 0, item.raw.length);
    const b = alphaRename(stream.raw, stream.canon, start, end);
    return [raw, similarityRatio(a, 0, a.length, b, 0, b.length)];
  }

  /** Sorted distinct n-gram ids of a channel's hits of the item in `slot` (none: -1) inside [start, end). */
  private matched(channel: number, slot: number, start: number, end: number): number[] {
    if (slot < 0) return [];
    const params = this.index.params;
    const size = channel === CHANNEL_RENAMED ? params.canonicalNgramSize : params.ngramSize;
    const h = this.hits[channel];
    const mark = this.marks[channel];
    const serial = this.nextMark();
    const from = this.groupStart[slot * 3 + channel];
    const to = this.groupStart[slot * 3 + channel + 1];
    if (this.matchedScratch.length < to - from) this.matchedScratch = new Uint32Array(Math.max(to - from, this.matchedScratch.length * 2));
    const ids = this.matchedScratch;
    const g = this.grouped;
    let count = 0;
    for (let k = from; k < to; k++) {
      const i = g[k];
      const p = h.pos[i];
      if (p < start || p + size > end) continue;
      const id = h.ngram[i];
      if (mark[id] !== serial) {
        mark[id] = serial;
        ids[count++] = id;
      }
    }
    ids.subarray(0, count).sort();
    // A plain loop: Array.from on a typed array goes through its iterator, one call per element.
    const out = new Array<number>(count);
    for (let k = 0; k < count; k++) out[k] = ids[k];
    return out;
  }

  /** The partial result of everything scanned so far. */
  partial(shard: { index: number; count: number } | null = null): ContaminationPartial {
    const df = this.seen.map((arr) => {
      const pairs: Array<[number, number]> = [];
      for (let i = 0; 2 * i < arr.length; i++) if (arr[2 * i + 1] > 0) pairs.push([i, arr[2 * i + 1]]);
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
    const copies: CopyCounts[] = [];
    const cc = this.copyCounts;
    for (let i = 0; i < this.index.items.length; i++) {
      const b = i * COPY_FIELDS;
      if (cc[b] + cc[b + 1] + cc[b + 2] > 0) copies.push([i, cc[b], cc[b + 1], cc[b + 2], cc[b + 3]]);
    }
    return {
      format: 'bench-audit-contamination-partial',
      version: 2,
      fingerprint: this.index.fingerprint,
      shard,
      corpus: { ...this.stats, skipped: { ...this.stats.skipped } },
      df,
      candidates: sortCandidatesGlobal(candidates),
      copies,
      warnings,
      warningCounts: { ...this.warningCounts },
    };
  }
}

/** A plain Uint8Array view of `bytes` (the same memory; a Buffer or other subclass is re-viewed). */
function plainBytes(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Lines of a segment as the tokenizer numbers them. */
function countLines(bytes: Uint8Array): number {
  const sep = lineBreakByte(bytes);
  let n = 1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === sep) n++;
  return n;
}

/** Counters per item in `Scanner.copyCounts`: verbatim, near, renamed, unrelated inexact. */
const COPY_FIELDS = 4;

/** Start of the first exact occurrence of `item` in stream.raw[from, to), or -1. */
function findExact(item: Uint32Array, stream: TokenStream, from: number, to: number): number {
  const n = item.length;
  if (n === 0) return -1;
  const raw = stream.raw;
  const first = item[0];
  outer: for (let s = from; s + n <= to; s++) {
    if (raw[s] !== first) continue;
    for (let k = 1; k < n; k++) if (raw[s + k] !== item[k]) continue outer;
    return s;
  }
  return -1;
}

/** Similarities of an exact copy (raw and alpha-renamed), shared: never written to. */
const EXACT_SIMS: readonly [number, number] = [EXACT, EXACT];

/** Whether stream[from, from + item.length) holds exactly `item`'s tokens (the caller knows the range fits). */
function sameRange(item: Uint32Array, stream: Uint32Array, from: number): boolean {
  for (let k = 0; k < item.length; k++) if (stream[from + k] !== item[k]) return false;
  return true;
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
    if (p.format !== 'bench-audit-contamination-partial' || p.version !== 2) return { ok: false, reason: 'not a contamination partial result (format/version)' };
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
  const corpus: CorpusStats = { documents: 0, bytes: 0, skipped: {}, nonUtf8: 0, unparsable: 0 };
  const dfMaps = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  const byItem = new Map<number, CandidateRecord[]>();
  const warningsByCode = new Map<string, Warning[]>();
  const warningCounts: Record<string, number> = {};
  const copies = new Map<number, CopyCounts>();
  for (const p of partials) {
    for (const c of p.copies) {
      const prev = copies.get(c[0]);
      copies.set(c[0], prev === undefined ? [...c] : [c[0], prev[1] + c[1], prev[2] + c[2], prev[3] + c[3], prev[4] + c[4]]);
    }
    corpus.documents += p.corpus.documents;
    corpus.bytes += p.corpus.bytes;
    corpus.nonUtf8 += p.corpus.nonUtf8;
    corpus.unparsable += p.corpus.unparsable;
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
      version: 2,
      fingerprint,
      shard: null,
      corpus: { ...corpus, skipped: Object.fromEntries(Object.entries(corpus.skipped).sort()) },
      df: dfMaps.map((m) => [...m.entries()].sort((a, b) => a[0] - b[0])),
      candidates: sortCandidatesGlobal(candidates),
      copies: [...copies.values()].sort((a, b) => a[0] - b[0]),
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
  related: boolean;
  segment?: string;
  text?: string;
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
    const kind = classify(cand.rawSimilarity, cand.canonicalSimilarity, params);
    // An exact copy holds every n-gram of the item, boilerplate or not.
    const containment = cand.rawSimilarity >= EXACT ? 1 : kind === 'renamed' ? Math.max(rawContainment, canonContainment) : rawContainment;
    const similarity = kind === 'renamed' ? canonSim : cand.rawSimilarity;
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
      related: cand.related,
      ...(cand.segment === undefined ? {} : { segment: cand.segment }),
      ...(cand.text === undefined ? {} : { text: cand.text }),
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

/**
 * Matched text kept per candidate for the report (a match is shown beside the benchmark text):
 * enough for a function or a docstring, small enough that candidates stay cheap to keep.
 */
export const MAX_MATCH_TEXT_CHARS = 2_000;

const textDecoder = new TextDecoder('utf-8', { fatal: false });

/**
 * Where each line of a document starts (byte offsets, index = line - 1), lines numbered as the
 * tokenizer numbers them (`lineBreakByte`): built once per document, so quoting many candidates of
 * one file costs their text, not a pass over the file each.
 */
export interface LineIndex {
  sep: number;
  starts: Int32Array;
}

export function lineIndex(bytes: Uint8Array): LineIndex {
  const sep = lineBreakByte(bytes);
  const starts = new Int32Array(countByte(bytes, sep) + 1);
  fillLineStarts(bytes, sep, starts);
  return { sep, starts };
}

// The loops are functions of their own: V8 compiles a long loop on the stack, and code after the
// loop that had never run threw that code away on each later call (lineIndex did so on every file).
// Plain loops: a Buffer's indexOf is a native call per line, costlier than the bytes between.

/** Occurrences of the byte `b` in `bytes`. */
function countByte(bytes: Uint8Array, b: number): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === b) n++;
  return n;
}

/** starts[k] = the offset after the k-th `sep` (starts[0] stays 0: the first line). */
function fillLineStarts(bytes: Uint8Array, sep: number, starts: Int32Array): void {
  let k = 1;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === sep) starts[k++] = i + 1;
}

/**
 * Lines first..last (1-based, inclusive) of a document as text, numbered as the tokenizer numbers
 * them (`lineBreakByte`), line ends written as `\n` (trailing CRs dropped), cut at MAX_MATCH_TEXT_CHARS.
 * A line past the end stands for the last line.
 */
export function linesText(bytes: Uint8Array, first: number, last: number, index: LineIndex = lineIndex(bytes)): string {
  const { sep, starts } = index;
  const count = starts.length;
  const line = Math.min(Math.max(first, 1), count);
  const start = starts[line - 1];
  // The text ends at the break after `last` (or the end of the file), at most MAX_MATCH_TEXT_CHARS * 4 bytes on.
  const stop = last >= line && last < count ? starts[last] - 1 : bytes.length;
  const end = Math.min(stop, start + MAX_MATCH_TEXT_CHARS * 4);
  const range = bytes.subarray(start, end);
  const decoded = textDecoder.decode(range);
  // Without a CR in the range the text is already LF-separated (most files): nothing to split.
  const text =
    range.indexOf(0x0d) < 0 ? decoded : (sep === 0x0a ? decoded.split('\n') : decoded.split('\r')).map((l) => l.replace(/\r+$/, '')).join('\n');
  return text.length > MAX_MATCH_TEXT_CHARS ? `${text.slice(0, MAX_MATCH_TEXT_CHARS)}\n…` : text;
}
