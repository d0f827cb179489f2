/**
 * Test amplification, the pure half: boundary inputs inside a task's inferred domain, higher-order
 * mutants (two first-order mutations combined), and the greedy choice of a small suite: each chosen
 * input kills a wrong program no earlier input kills, then inputs that reach a branch outcome of
 * the reference no earlier one reaches. Running programs is strengthen-run.ts's business. Pure.
 */
import { sampleIndices, seededRandom } from '../../util/random.js';
import type { Mutant } from './generate.js';
import { brokenRules, type InputDomain } from './input-domain.js';
import { pyRepr, type PyValue } from './py-value.js';
import type { Strengthened } from './run.js';

/**
 * Inputs a suite holds at most. Twice HumanEval+-Mini's ~16 per task (Liu et al. 2023, table 1):
 * the report keeps the greedy order, so `export --max-added` can cut any prefix of it.
 */
export const STRENGTHEN_MAX_INPUTS = 32;
/** Higher-order mutants (pairs of first-order ones) sampled per task: below the first-order mutants' mean count on HumanEval (22), so they at most double the wrong programs. */
export const HIGHER_ORDER_CAP = 16;
/** Examples whose arguments are varied into boundary inputs (the first ones: tests first, then prompt examples). */
export const BOUNDARY_SEED_EXAMPLES = 4;
/** Length of a "long" boundary input (lists and strings): long enough to expose a quadratic or an index slip, cheap enough for a per-input CPU limit of 280 ms. */
export const LONG_INPUT_LENGTH = 50;
/** Boundary inputs kept per task at most (after the domain filter, in generation order). */
export const BOUNDARY_BUDGET = 80;

const int = (n: bigint | number): PyValue => ({ type: 'int', value: BigInt(n) });

function seqItems(v: PyValue): PyValue[] | undefined {
  return v.type === 'list' || v.type === 'tuple' ? v.items : undefined;
}

function withItems(v: PyValue, items: PyValue[]): PyValue {
  return v.type === 'tuple' ? { type: 'tuple', items } : { type: 'list', items };
}

function compareScalars(a: PyValue, b: PyValue): number {
  const na = a.type === 'int' ? Number(a.value) : a.type === 'float' ? a.value : undefined;
  const nb = b.type === 'int' ? Number(b.value) : b.type === 'float' ? b.value : undefined;
  if (na !== undefined && nb !== undefined) return na - nb;
  const ra = pyRepr(a);
  const rb = pyRepr(b);
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

function negated(v: PyValue): PyValue | undefined {
  if (v.type === 'int') return int(-v.value);
  if (v.type === 'float') return { type: 'float', value: -v.value };
  return undefined;
}

/** Boundary variants of one argument value: empty, one element, duplicates, sorted both ways, negatives, long; 0, 1, -1, extremes seen. */
function variantsOf(v: PyValue, seen: readonly PyValue[]): PyValue[] {
  const out: PyValue[] = [];
  if (v.type === 'int') {
    const values = seen.filter((x): x is Extract<PyValue, { type: 'int' }> => x.type === 'int').map((x) => x.value);
    const lo = values.reduce((a, b) => (b < a ? b : a), v.value);
    const hi = values.reduce((a, b) => (b > a ? b : a), v.value);
    for (const n of [0n, 1n, -1n, 2n, v.value - 1n, v.value + 1n, -v.value, lo, hi, hi + 1n, lo - 1n]) out.push(int(n));
  } else if (v.type === 'float') {
    for (const x of [0, 1, -1, 0.5, -v.value, v.value + 0.5]) out.push({ type: 'float', value: x });
  } else if (v.type === 'str') {
    const chars = [...v.value];
    out.push({ type: 'str', value: '' });
    if (chars.length > 0) {
      out.push({ type: 'str', value: chars[0] });
      out.push({ type: 'str', value: chars[0] + chars[0] });
      out.push({ type: 'str', value: [...chars].reverse().join('') });
      out.push({ type: 'str', value: v.value.toUpperCase() });
      out.push({ type: 'str', value: v.value.toLowerCase() });
      let long = v.value;
      while ([...long].length < LONG_INPUT_LENGTH) long += v.value;
      out.push({ type: 'str', value: [...long].slice(0, LONG_INPUT_LENGTH).join('') });
    }
  } else if (v.type === 'bool') {
    out.push({ type: 'bool', value: !v.value });
  } else {
    const items = seqItems(v);
    if (items !== undefined) {
      out.push(withItems(v, []));
      if (items.length > 0) {
        const sortedUp = [...items].sort(compareScalars);
        out.push(withItems(v, [items[0]]));
        out.push(withItems(v, [items[0], items[0]]));
        out.push(withItems(v, [...items, items[items.length - 1]]));
        out.push(withItems(v, [...items].reverse()));
        out.push(withItems(v, sortedUp));
        out.push(withItems(v, [...sortedUp].reverse()));
        out.push(withItems(v, [sortedUp[sortedUp.length - 1], ...items]));
        const neg = items.map(negated);
        if (neg.every((x) => x !== undefined)) out.push(withItems(v, neg as PyValue[]));
        const long: PyValue[] = [];
        for (let i = 0; long.length < LONG_INPUT_LENGTH; i++) long.push(items[i % items.length]);
        out.push(withItems(v, long));
      }
    } else if (v.type === 'dict') {
      out.push({ type: 'dict', entries: [] });
      if (v.entries.length > 0) out.push({ type: 'dict', entries: [v.entries[0]] });
    }
  }
  return out;
}

/**
 * Boundary inputs: each of the first BOUNDARY_SEED_EXAMPLES examples with one argument replaced by a
 * boundary variant of it, kept only inside `domain` (no inferred rule broken), distinct, in order.
 */
export function boundaryInputs(
  examples: readonly (readonly PyValue[])[],
  domain: InputDomain,
  admits: (args: readonly PyValue[]) => boolean = (args) => brokenRules(domain, args).length === 0,
  budget = BOUNDARY_BUDGET,
): PyValue[][] {
  const out: PyValue[][] = [];
  const seen = new Set(examples.map((e) => e.map(pyRepr).join(', ')));
  const offer = (args: PyValue[]): void => {
    const key = args.map(pyRepr).join(', ');
    if (seen.has(key)) return;
    seen.add(key);
    if (admits(args)) out.push(args);
  };
  for (const example of examples.slice(0, BOUNDARY_SEED_EXAMPLES)) {
    example.forEach((value, p) => {
      const atP = examples.map((e) => e[p]).filter((x) => x !== undefined);
      for (const variant of [...variantsOf(value, atP), ...relationVariants(example, p)]) {
        if (out.length >= budget) return;
        offer(example.map((x, q) => (q === p ? variant : x)));
      }
    });
    // Every argument at once: all numbers negated, or shifted so their signs mix (two lists compared element-wise
    // keep their common elements only when both move).
    for (const whole of wholeVariants(example)) {
      if (out.length >= budget) break;
      offer(whole);
    }
  }
  return out;
}

function mapInts(v: PyValue, f: (n: bigint) => bigint): PyValue | undefined {
  if (v.type === 'int') return int(f(v.value));
  if (v.type === 'float') return undefined;
  const items = seqItems(v);
  if (items !== undefined) {
    const mapped = items.map((x) => mapInts(x, f));
    return mapped.every((x) => x !== undefined) ? withItems(v, mapped as PyValue[]) : undefined;
  }
  return v.type === 'dict' || v.type === 'set' ? undefined : v;
}

function intsIn(v: PyValue, out: bigint[]): void {
  if (v.type === 'int') out.push(v.value);
  for (const x of seqItems(v) ?? []) intsIn(x, out);
}

/** The example with every int negated, and with every int shifted by its median so some fall below zero. */
function wholeVariants(example: readonly PyValue[]): PyValue[][] {
  const all: bigint[] = [];
  for (const a of example) intsIn(a, all);
  if (all.length < 2) return [];
  const sortedInts = [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const median = sortedInts[Math.floor(sortedInts.length / 2)];
  const out: PyValue[][] = [];
  for (const f of [(n: bigint) => -n, (n: bigint) => n - median]) {
    const args = example.map((a) => mapInts(a, f));
    if (args.every((x) => x !== undefined)) out.push(args as PyValue[]);
  }
  return out;
}

/**
 * Variants of argument p that relate it to another argument: a number equal to the smallest gap in a list; or one more element (or the string itself) holding
 * that string after another character, inside but not at the start (a prefix test that checks `in`).
 */
function relationVariants(example: readonly PyValue[], p: number): PyValue[] {
  const out: PyValue[] = [];
  const target = example[p];
  // A number argument equal to the smallest gap between two elements of a list argument: a tie for a threshold
  // ("closer than t") that `<=` where `<` is meant gets wrong.
  if (target.type === 'int' || target.type === 'float') {
    example.forEach((a, q) => {
      const items = q === p ? undefined : seqItems(a);
      if (items === undefined || items.length < 2 || !items.every((x) => x.type === 'int' || x.type === 'float')) return;
      let gap: number | bigint | undefined;
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const [x, y] = [items[i], items[j]];
          if (target.type === 'int' && x.type === 'int' && y.type === 'int') {
            const d = x.value > y.value ? x.value - y.value : y.value - x.value;
            if (d > 0n && (gap === undefined || d < (gap as bigint))) gap = d;
          } else if (target.type === 'float') {
            const d = Math.abs(Number(x.value) - Number(y.value));
            if (d > 0 && (gap === undefined || d < (gap as number))) gap = d;
          }
        }
      }
      if (typeof gap === 'bigint') out.push(int(gap));
      else if (typeof gap === 'number') out.push({ type: 'float', value: gap });
    });
    return out;
  }
  example.forEach((a, q) => {
    if (q === p || a.type !== 'str' || a.value === '') return;
    const items = seqItems(target);
    if (items !== undefined && items.every((x) => x.type === 'str')) {
      const other = items.map((x) => (x.type === 'str' ? [...x.value][0] : undefined)).find((c) => c !== undefined && c !== [...a.value][0]);
      if (other !== undefined) out.push(withItems(target, [...items, { type: 'str', value: other + a.value }]));
    } else if (target.type === 'str' && target.value !== '') {
      const first = [...target.value][0];
      if (first !== [...a.value][0]) out.push({ type: 'str', value: first + a.value });
    }
  });
  return out;
}

export interface HigherOrderMutant {
  /** `hom:<first id>+<second id>`. */
  id: string;
  parts: [Mutant, Mutant];
  source: string;
}

/**
 * Up to HIGHER_ORDER_CAP pairs of first-order mutants with disjoint spans, sampled uniformly with a
 * generator seeded by (seed, task id), applied together to `original`; pairs that do not parse are dropped.
 */
export function higherOrderMutants(original: string, mutants: readonly Mutant[], parses: (source: string) => boolean, seed: number, key: string, cap = HIGHER_ORDER_CAP): HigherOrderMutant[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < mutants.length; i++) {
    for (let j = i + 1; j < mutants.length; j++) {
      const a = mutants[i];
      const b = mutants[j];
      if (a.end <= b.start || b.end <= a.start) pairs.push([i, j]);
    }
  }
  const chosen = sampleIndices(pairs.length, cap, seededRandom(seed, `higher-order\0${key}`));
  const out: HigherOrderMutant[] = [];
  for (const k of chosen) {
    const [a, b] = [mutants[pairs[k][0]], mutants[pairs[k][1]]].sort((x, y) => x.start - y.start);
    // Apply the later span first so the earlier one's offsets still hold.
    let source = original.slice(0, b.start) + b.replacement + original.slice(b.end);
    source = source.slice(0, a.start) + a.replacement + source.slice(a.end);
    if (source === original || !parses(source)) continue;
    out.push({ id: `hom:${a.id}+${b.id}`, parts: [a, b], source });
  }
  return out;
}

export interface SuitePick {
  /** Index into the candidate inputs. */
  input: number;
  reason: 'kills' | 'coverage' | 'input-class';
  /** Indexes of the wrong programs this input kills. */
  kills: number[];
}

/**
 * Times each wrong program should be killed, by different inputs (an n-detect test set: Ma, Franco & McCluskey,
 * "An experimental chip to evaluate test techniques", ITC 1995; Reddy, Pomeranz & Kajihara 1997): faults of a model
 * (here mutants) each detected several times catch more of the defects the model does not describe (here the
 * mistakes models make). 1 would be plain set cover, which on HumanEval keeps a single input for most tasks.
 */
export const N_DETECT = 4;

/**
 * Greedy n-detect set cover over the kill matrix (`kills[w]` = the inputs that kill wrong program w), one detection
 * level at a time: first plain set cover (every killable program killed once), then the second kill of each, up to
 * min(N_DETECT, all its killing inputs). Each step takes the input that kills the most programs still short of the
 * current level, ties to the earlier input in `order` (default: index order, candidates come in preference order),
 * until no input adds a kill that counts or `cap` inputs are chosen. Levels first, because export writes a prefix:
 * a program only a few inputs kill (two zeros, where most inputs kill the others) must not wait behind the third
 * and fourth kills of programs every input kills. Each chosen input kills a program fewer than N earlier inputs
 * kill. Deterministic.
 */
export function selectByKills(
  kills: readonly ReadonlySet<number>[],
  inputCount: number,
  cap = STRENGTHEN_MAX_INPUTS,
  order?: readonly number[],
  detect = N_DETECT,
): { picks: SuitePick[]; killed: Set<number> } {
  const killed = new Set<number>();
  const times = kills.map(() => 0);
  const demand = kills.map((s) => Math.min(detect, s.size));
  const picks: SuitePick[] = [];
  const chosen = new Set<number>();
  const candidates = order ?? Array.from({ length: inputCount }, (_, i) => i);
  let level = 1;
  while (picks.length < cap && level <= detect) {
    let best = -1;
    let bestGain = 0;
    for (const i of candidates) {
      if (chosen.has(i)) continue;
      let gain = 0;
      kills.forEach((s, w) => {
        if (times[w] < Math.min(level, demand[w]) && s.has(i)) gain++;
      });
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    }
    if (best < 0) {
      level++;
      continue;
    }
    chosen.add(best);
    const all = kills.flatMap((s, w) => (s.has(best) ? [w] : []));
    for (const w of all) {
      times[w]++;
      killed.add(w);
    }
    picks.push({ input: best, reason: 'kills', kills: all });
  }
  return { picks, killed };
}

/**
 * Then inputs that reach branch outcomes nothing chosen so far reaches (`reached[i]`: the outcomes
 * input i reaches; undefined = not measured), the most new outcomes first, ties to the lower index,
 * until every measured outcome is covered or the suite holds `cap` inputs.
 */
export function selectByCoverage(reached: readonly (ReadonlySet<string> | undefined)[], covered: ReadonlySet<string>, chosen: ReadonlySet<number>, room: number): { picks: SuitePick[]; covered: Set<string> } {
  return greedyNew(reached, covered, chosen, room, reached.map((_, i) => i), 'coverage');
}

/** Greedy cover: the candidate (in `order`) adding most elements not yet in `covered` first, ties to the earlier. */
function greedyNew(sets: readonly (ReadonlySet<string> | undefined)[], covered: ReadonlySet<string>, chosen: ReadonlySet<number>, room: number, order: readonly number[], reason: SuitePick['reason']): { picks: SuitePick[]; covered: Set<string> } {
  const have = new Set(covered);
  const taken = new Set(chosen);
  const picks: SuitePick[] = [];
  while (picks.length < room) {
    let best = -1;
    let bestNew = 0;
    for (const i of order) {
      const c = sets[i];
      if (c === undefined || taken.has(i)) continue;
      let n = 0;
      for (const k of c) if (!have.has(k)) n++;
      if (n > bestNew) {
        best = i;
        bestNew = n;
      }
    }
    if (best < 0) break;
    taken.add(best);
    for (const k of sets[best]!) have.add(k);
    picks.push({ input: best, reason, kills: [] });
  }
  return { picks, covered: have };
}

/**
 * Inputs the suite fills up to with input-class coverage (category-partition testing: Ostrand & Balcer, "The
 * category-partition method", CACM 1988): export's default prefix (`--max-added` 16, HumanEval+-Mini's size),
 * so the picks that cover classes no earlier input covers are in what a default export writes.
 */
export const INPUT_CLASS_FILL = 16;

function sizeClass(n: number): string {
  return n === 0 ? '0' : n === 1 ? '1' : n <= 3 ? '2-3' : n <= 10 ? '4-10' : '>10';
}

function numberOf(v: PyValue): number | undefined {
  return v.type === 'int' ? Number(v.value) : v.type === 'float' ? v.value : undefined;
}

function signClass(x: number): string {
  return Number.isNaN(x) ? 'nan' : x < 0 ? 'neg' : x === 0 ? 'zero' : 'pos';
}

/** The classes one value falls in (shape, size, sign, duplicates, order, letter case): the mistakes models make sit on these edges. */
function valueClasses(v: PyValue, at: string, out: Set<string>, depth = 0): void {
  out.add(`${at}:type=${v.type}`);
  const n = numberOf(v);
  if (n !== undefined) {
    out.add(`${at}:sign=${signClass(n)}`);
    if (Number.isFinite(n)) out.add(`${at}:magnitude=${Math.abs(n) < 10 ? 'small' : Math.abs(n) < 1000 ? 'medium' : 'large'}`);
    if (v.type === 'float' && Number.isFinite(n)) out.add(`${at}:integral=${Number.isInteger(n)}`);
    return;
  }
  if (v.type === 'str') {
    const chars = [...v.value];
    out.add(`${at}:len=${sizeClass(chars.length)}`);
    if (/[A-Z]/.test(v.value)) out.add(`${at}:upper`);
    if (/[a-z]/.test(v.value)) out.add(`${at}:lower`);
    if (/\s/.test(v.value)) out.add(`${at}:space`);
    if (/\s\s|^\s|\s$/.test(v.value)) out.add(`${at}:space-run-or-edge`);
    if (/[^\w\s]/.test(v.value)) out.add(`${at}:punctuation`);
    if (/\d/.test(v.value)) out.add(`${at}:digit`);
    if (chars.length > 1) out.add(`${at}:repeat=${sizeClass(chars.length - new Set(chars).size)}`);
    return;
  }
  const items = v.type === 'list' || v.type === 'tuple' || v.type === 'set' ? v.items : undefined;
  if (items === undefined) return;
  out.add(`${at}:len=${sizeClass(items.length)}`);
  const counts = new Map<string, number>();
  for (const x of items) counts.set(pyRepr(x), (counts.get(pyRepr(x)) ?? 0) + 1);
  const most = Math.max(0, ...counts.values());
  if (items.length > 0) out.add(`${at}:multiplicity=${most <= 1 ? '1' : most === 2 ? '2' : '>=3'}`);
  const nums = items.map(numberOf);
  if (items.length > 1 && nums.every((x): x is number => x !== undefined)) {
    const up = nums.every((x, i) => i === 0 || nums[i - 1] <= x);
    const down = nums.every((x, i) => i === 0 || nums[i - 1] >= x);
    out.add(`${at}:order=${up && down ? 'flat' : up ? 'ascending' : down ? 'descending' : 'mixed'}`);
    if (nums.some((x) => x < 0) && nums.some((x) => x > 0)) out.add(`${at}:signs=mixed`);
  }
  if (depth === 0) for (const x of items) valueClasses(x, `${at}[]`, out, depth + 1);
}

/** How a string argument relates to another string argument or to the strings inside a list argument. */
function relationClasses(args: readonly PyValue[], out: Set<string>): void {
  args.forEach((a, p) => {
    if (a.type !== 'str' || a.value === '') return;
    args.forEach((b, q) => {
      if (q === p) return;
      const texts = b.type === 'str' ? [b.value] : b.type === 'list' || b.type === 'tuple' ? b.items.flatMap((x) => (x.type === 'str' ? [x.value] : [])) : [];
      for (const t of texts) {
        const rel = t === a.value ? 'equal' : t.startsWith(a.value) ? 'prefix' : t.endsWith(a.value) ? 'suffix' : t.includes(a.value) ? 'inside' : 'absent';
        out.add(`${p}~${q}:${rel}`);
      }
    });
  });
}

function isTypeClass(k: string): boolean {
  return k.includes(':type=');
}

/** Every input class an argument list falls in (per argument, and between arguments). Pure. */
export function inputClasses(args: readonly PyValue[]): Set<string> {
  const out = new Set<string>();
  args.forEach((v, p) => valueClasses(v, String(p), out));
  relationClasses(args, out);
  return out;
}

/**
 * Then inputs of classes no earlier input (nor the tests) falls in: the one adding the most new classes first,
 * ties to the earlier in `order`, until no candidate adds one or the suite holds `room` more. Deterministic.
 */
export function selectByInputClass(classes: readonly (ReadonlySet<string> | undefined)[], covered: ReadonlySet<string>, chosen: ReadonlySet<number>, room: number, order: readonly number[]): { picks: SuitePick[]; covered: Set<string> } {
  // Types the tests never pass (EvalPlus's type-mutated inputs: None or bools where the tests pass ints) are outside
  // what the task asks for: a correct program may fail on them, so an input with such a type is not a candidate.
  const typesSeen = new Set([...covered].filter(isTypeClass));
  const typeOk = (c: ReadonlySet<string>) => [...c].every((k) => !isTypeClass(k) || typesSeen.has(k));
  return greedyNew(classes.map((c) => (c !== undefined && typeOk(c) ? c : undefined)), covered, chosen, room, order, 'input-class');
}

/** Sorted by key, so a summary's JSON does not depend on the order things were counted in. */
function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * A strengthened suite's summary, the same for every language: the written inputs, what the wrong programs did
 * (killed by the chosen inputs, killed by none: possibly equivalent, by kind), the candidates and why some were
 * left out, the branch outcomes, and whether the input cap cut the suite short.
 */
export function suiteSummary(s: {
  inputs: Strengthened['inputs'];
  wrong: readonly { id: string; kind: string }[];
  /** Inputs that kill each wrong program, by wrong program. */
  kills: readonly ReadonlySet<number>[];
  /** Wrong programs the chosen inputs kill. */
  killed: ReadonlySet<number>;
  /** Inputs chosen before any was dropped (the cap counts these). */
  picked: number;
  candidates: number;
  confirmed: number;
  byFailedCheck: Record<string, number>;
  branches: Strengthened['branches'];
}): Strengthened {
  const byKind: Record<string, { total: number; killed: number }> = {};
  s.wrong.forEach((w, k) => {
    const c = (byKind[w.kind] ??= { total: 0, killed: 0 });
    c.total++;
    if (s.killed.has(k)) c.killed++;
  });
  const everyKilled = s.wrong.every((_, k) => s.killed.has(k) || s.kills[k].size === 0);
  const { branches } = s;
  return {
    inputs: s.inputs,
    wrongPrograms: {
      total: s.wrong.length,
      killed: s.killed.size,
      possiblyEquivalent: s.wrong.filter((_, k) => s.kills[k].size === 0).map((w) => w.id),
      byKind: sortedRecord(byKind),
    },
    candidates: { total: s.candidates, confirmed: s.confirmed, byFailedCheck: sortedRecord(s.byFailedCheck) },
    ...(branches ? { branches } : {}),
    ...(s.picked >= STRENGTHEN_MAX_INPUTS && (!everyKilled || (branches !== undefined && branches.covered < branches.reachable)) ? { truncated: true } : {}),
  };
}
