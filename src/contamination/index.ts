/**
 * The benchmark side of the scan: every task part (prompt, solution, tests) tokenized once, its
 * distinct n-grams hashed into per-channel open-addressing tables, and the reference solutions'
 * functions MinHashed into an LSH index. Channels:
 *  - 0 `text`: raw tokens with docstrings kept, for prompts and tests (a prompt IS mostly a docstring);
 *  - 1 `code`: raw tokens without docstrings, for solutions;
 *  - 2 `renamed`: identifier-canonicalized tokens without docstrings, for solutions.
 * Pure: tasks in, typed arrays out.
 */
import type { Task } from '../model/task.js';
import { ngramKeys, sha256Like } from './index-hash.js';
import { LshIndex, MinHasher } from './minhash.js';
import type { PartName, ScanParameters } from './options.js';
import { segmentFunctions } from './segment.js';
import { segmentJavaScriptFunctions } from './segment-js.js';
import { primeTokenizer, TokenStream } from './tokenize.js';
import { benchmarkLanguage, tokenizeSourceText, type SourceLanguage } from './language.js';
import { taskLanguage } from '../model/task.js';

export const CHANNEL_TEXT = 0;
export const CHANNEL_CODE = 1;
export const CHANNEL_RENAMED = 2;
export const CHANNEL_NAMES = ['text', 'code', 'renamed'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Load factor of the n-gram tables: sparse, so that the common case (a miss) ends at the first probe. */
const TABLE_LOAD_INVERSE = 4;

export interface IndexItem {
  id: number;
  task: number;
  part: PartName;
  /** Token hashes of the item in its comparison stream (full for text parts, docstring-free for solutions). */
  raw: Uint32Array;
  canon: Uint32Array;
  /** Distinct n-gram count before any filtering (raw n-grams). */
  totalNgrams: number;
  /**
   * Distinct raw n-grams that are the part's own: for a solution that completes the prompt (HumanEval),
   * those after the prompt's code (imports, signature), which the prompt already carries.
   */
  ownNgrams: number;
  /** Short: ownNgrams below minItemNgrams. Still indexed, but only verbatim copies of it are reported. */
  trivial: boolean;
  /** Per channel: sorted distinct n-gram ids of this item in that channel's table, or null. */
  ngrams: (Uint32Array | null)[];
}

/** Open-addressing table of 64-bit (2x32) n-gram keys to dense ids, plus id -> items postings. */
export class NgramTable {
  readonly n: number;
  mask = 0;
  k1 = new Uint32Array(0);
  k2 = new Uint32Array(0);
  vals = new Int32Array(0);
  size = 0;
  postStart = new Uint32Array(1);
  postItems = new Uint32Array(0);

  constructor(n: number, expected: number) {
    this.n = n;
    let cap = 16;
    while (cap < expected * TABLE_LOAD_INVERSE) cap *= 2;
    this.mask = cap - 1;
    this.k1 = new Uint32Array(cap);
    this.k2 = new Uint32Array(cap);
    this.vals = new Int32Array(cap).fill(-1);
  }

  lookup(a: number, b: number): number {
    const { k1, k2, vals, mask } = this;
    let i = a & mask;
    for (;;) {
      const v = vals[i];
      if (v < 0) return -1;
      if (k1[i] === a && k2[i] === b) return v;
      i = (i + 1) & mask;
    }
  }

  insert(a: number, b: number): number {
    let i = a & this.mask;
    for (;;) {
      const v = this.vals[i];
      if (v < 0) {
        this.k1[i] = a;
        this.k2[i] = b;
        this.vals[i] = this.size;
        return this.size++;
      }
      if (this.k1[i] === a && this.k2[i] === b) return v;
      i = (i + 1) & this.mask;
    }
  }
}

export interface LshReference {
  item: number;
  start: number;
  end: number;
}

export interface BenchmarkIndex {
  params: ScanParameters;
  items: IndexItem[];
  tables: NgramTable[];
  hasher: MinHasher;
  lsh: LshIndex;
  lshRefs: LshReference[];
  /** Token-count bounds of corpus functions worth MinHashing (a Jaccard >= t needs size ratio >= t). */
  functionTokenRange: [number, number];
  /** Deterministic digest of the parameters and items: partial results merge only when it agrees. */
  fingerprint: string;
  ngramsDroppedAsCommon: number[];
  /** The language of code no file states the language of (JSON strings, untagged code blocks): the tasks'. */
  language: SourceLanguage;
}

/** The text of a task part, as indexed. */
export function partText(task: Task, part: PartName): string {
  if (part === 'prompt') return task.prompt;
  if (part === 'solution') return task.solution;
  return task.tests.kind === 'assert-list' ? task.tests.asserts.join('\n') : task.tests.code;
}

/** The channel lists, shared (read-only): the scan asks once per selected item of every stream. */
const SOLUTION_CHANNELS: readonly number[] = [CHANNEL_CODE, CHANNEL_RENAMED];
const TEXT_CHANNELS: readonly number[] = [CHANNEL_TEXT];

export function partChannels(part: PartName): readonly number[] {
  return part === 'solution' ? SOLUTION_CHANNELS : TEXT_CHANNELS;
}

/**
 * Token streams reused by every `promptCodePrefix` call of one index build: a fresh pair per
 * solution allocated and zeroed about 140 KB of token arrays each time.
 */
interface PrefixScratch {
  full: TokenStream;
  nodoc: TokenStream;
}

/**
 * How many leading tokens of a solution (docstrings removed) are the prompt's code (imports, helper
 * functions, the signature): 0 when the solution does not start with the prompt's code tokens.
 */
function promptCodePrefix(prompt: string, solution: Uint32Array, language: SourceLanguage, scratch: PrefixScratch): number {
  const stream = tokenizeSourceText(language, prompt, scratch.full).withoutDocstrings(scratch.nodoc);
  const n = stream.length;
  if (n === 0 || n > solution.length) return 0;
  for (let i = 0; i < n; i++) if (stream.raw[i] !== solution[i]) return 0;
  return n;
}

/**
 * Distinct n-gram keys of tokens[0..length), in order of first occurrence, as interleaved halves
 * (a0, b0, a1, b1, ...): one typed array instead of a pair array per key.
 */
function distinctKeys(tokens: Uint32Array, length: number, n: number): Uint32Array {
  const count = Math.max(0, length - n + 1);
  const h1 = new Uint32Array(count);
  const h2 = new Uint32Array(count);
  ngramKeys(tokens, length, n, h1, h2);
  const seen = new NgramTable(n, count);
  const out = new Uint32Array(2 * count);
  let k = 0;
  for (let i = 0; i < count; i++) {
    const before = seen.size;
    if (seen.insert(h1[i], h2[i]) === before) {
      out[k++] = h1[i];
      out[k++] = h2[i];
    }
  }
  return out.subarray(0, k);
}

const NO_KEYS = new Uint32Array(0);

export function buildIndex(tasks: readonly Task[], params: ScanParameters): BenchmarkIndex {
  primeTokenizer();
  const items: IndexItem[] = [];
  const full = new TokenStream();
  const nodoc = new TokenStream();
  const channelKeys: Uint32Array[][] = [[], [], []];
  const prefixScratch: PrefixScratch = { full: new TokenStream(), nodoc: new TokenStream() };
  for (let t = 0; t < tasks.length; t++) {
    for (const part of params.parts) {
      const text = partText(tasks[t], part);
      const language = taskLanguage(tasks[t]);
      tokenizeSourceText(language, text, full);
      const stream = part === 'solution' ? full.withoutDocstrings(nodoc) : full;
      const raw = stream.raw.slice(0, stream.length);
      const canon = stream.canon.slice(0, stream.length);
      const rawKeys = distinctKeys(raw, raw.length, params.ngramSize);
      const own = part === 'solution' ? promptCodePrefix(tasks[t].prompt, raw, language, prefixScratch) : 0;
      const ownNgrams = (own === 0 ? rawKeys.length : distinctKeys(raw.subarray(own), raw.length - own, params.ngramSize).length) / 2;
      const trivial = ownNgrams < params.minItemNgrams;
      const item: IndexItem = { id: items.length, task: t, part, raw, canon, totalNgrams: rawKeys.length / 2, ownNgrams, trivial, ngrams: [null, null, null] };
      items.push(item);
      const keys: Array<Uint32Array | null> = [null, null, null];
      // Short parts are indexed too (their verbatim copies are reported under the short-part rule);
      // only their renamed form is not: short canonical sequences occur everywhere.
      if (part === 'solution') {
        keys[CHANNEL_CODE] = rawKeys;
        if (!trivial && raw.length >= params.minRenamedTokens) keys[CHANNEL_RENAMED] = distinctKeys(canon, canon.length, params.canonicalNgramSize);
      } else keys[CHANNEL_TEXT] = rawKeys;
      for (let c = 0; c < 3; c++) channelKeys[c][item.id] = keys[c] ?? NO_KEYS;
      item.ngrams = keys.map((k) => (k === null ? null : new Uint32Array(0)));
    }
  }

  // Benchmark-common n-grams: shared by too many tasks to identify one.
  const commonLimit = Math.max(params.benchmarkCommonMinTasks, Math.floor(params.benchmarkCommonTaskFraction * tasks.length));
  const tables: NgramTable[] = [];
  const dropped: number[] = [];
  for (let c = 0; c < 3; c++) {
    const n = c === CHANNEL_RENAMED ? params.canonicalNgramSize : params.ngramSize;
    // Tasks per key: a provisional table numbers the keys; items come task by task, so counting a
    // task when it differs from the key's last one counts distinct tasks. Typed arrays sized by the
    // key count, and each key's provisional id kept for the second pass (no per-id arrays, no re-lookup).
    let total = 0;
    for (const item of items) total += channelKeys[c][item.id].length / 2;
    const all = new NgramTable(n, total);
    const allIds = new Int32Array(total);
    const taskCount = new Int32Array(total);
    const lastTask = new Int32Array(total).fill(-1);
    let at = 0;
    for (const item of items) {
      const keys = channelKeys[c][item.id];
      for (let k = 0; k < keys.length; k += 2) {
        const id = all.insert(keys[k], keys[k + 1]);
        allIds[at++] = id;
        if (lastTask[id] !== item.task) {
          lastTask[id] = item.task;
          taskCount[id]++;
        }
      }
    }
    // Final ids (benchmark-common keys dropped), numbered in item order as before, and the postings
    // per id counted, then filled item by item (so each id's items stay in ascending order).
    let droppedHere = 0;
    const table = new NgramTable(n, all.size);
    const finalIds = new Int32Array(total);
    const postCount = new Uint32Array(all.size + 1);
    at = 0;
    for (const item of items) {
      const keys = channelKeys[c][item.id];
      for (let k = 0; k < keys.length; k += 2, at++) {
        if (taskCount[allIds[at]] > commonLimit) {
          droppedHere++;
          finalIds[at] = -1;
          continue;
        }
        const id = table.insert(keys[k], keys[k + 1]);
        finalIds[at] = id;
        postCount[id + 1]++;
      }
    }
    const postStart = new Uint32Array(table.size + 1);
    for (let i = 0; i < table.size; i++) postStart[i + 1] = postStart[i] + postCount[i + 1];
    const postItems = new Uint32Array(postStart[table.size]);
    const postFill = postStart.slice(0, table.size);
    at = 0;
    for (const item of items) {
      const from = at;
      at += channelKeys[c][item.id].length / 2;
      let kept = 0;
      for (let q = from; q < at; q++) {
        const id = finalIds[q];
        if (id < 0) continue;
        postItems[postFill[id]++] = item.id;
        kept++;
      }
      if (item.ngrams[c] === null) continue;
      const ids = new Uint32Array(kept);
      for (let q = from, w = 0; q < at; q++) if (finalIds[q] >= 0) ids[w++] = finalIds[q];
      item.ngrams[c] = ids.sort();
    }
    table.postStart = postStart;
    table.postItems = postItems;
    tables.push(table);
    dropped.push(droppedHere);
  }

  // MinHash references: each function of each non-trivial solution (the whole solution if it has none).
  const mh = params.minhash;
  const hasher = new MinHasher(mh.seed, mh.permutations);
  const lsh = new LshIndex(mh.bands, mh.rows);
  const lshRefs: LshReference[] = [];
  const sig = new Int32Array(mh.permutations);
  const ranges: number[] = [];
  let minTokens = Infinity;
  let maxTokens = 0;
  for (const item of items) {
    if (item.part !== 'solution' || item.trivial) continue;
    const language = taskLanguage(tasks[item.task]);
    tokenizeSourceText(language, partText(tasks[item.task], 'solution'), full);
    full.withoutDocstrings(nodoc);
    if (language === 'javascript') segmentJavaScriptFunctions(nodoc, ranges);
    else segmentFunctions(nodoc, ranges);
    const spans: Array<[number, number]> = [];
    for (let i = 0; i < ranges.length; i += 2) if (ranges[i + 1] - ranges[i] >= params.minFunctionTokens) spans.push([ranges[i], ranges[i + 1]]);
    if (spans.length === 0 && item.raw.length >= params.minFunctionTokens) spans.push([0, item.raw.length]);
    for (const [start, end] of spans) {
      if (hasher.signature(item.canon, start, end, mh.shingle, sig) === 0) continue;
      lsh.add(sig);
      lshRefs.push({ item: item.id, start, end });
      minTokens = Math.min(minTokens, end - start);
      maxTokens = Math.max(maxTokens, end - start);
    }
  }
  const functionTokenRange: [number, number] =
    lshRefs.length === 0 ? [1, 0] : [Math.max(params.minFunctionTokens, Math.floor(minTokens * mh.minJaccard)), Math.ceil(maxTokens / mh.minJaccard)];

  const fingerprint = sha256Like([
    JSON.stringify(params),
    ...items.map((it) => `${tasks[it.task].benchmark}\u0000${tasks[it.task].id}\u0000${it.part}\u0000${it.raw.join(',')}`),
  ]);
  return { params, items, tables, hasher, lsh, lshRefs, functionTokenRange, fingerprint, ngramsDroppedAsCommon: dropped, language: benchmarkLanguage(tasks) };
}
