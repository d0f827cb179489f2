/**
 * When no sibling benchmark is linked, a strengthened suite's expected values are the task's own reference's
 * answers, and where that reference is wrong the suite would reject correct programs. These rules keep an input out
 * of such a suite where the task itself (its tests, its prompt, the language's equality) does not decide the
 * reference's answer there:
 * - `dict-order`: Python's `==` ignores a dict's key order, so an answer must not change when the keys of a dict
 *   argument are reordered (HumanEval/95's reference looks at the first two keys only);
 * - `whitespace-run`: two whitespace characters in a row where no test string has them: whether a run of
 *   separators delimits an empty item (`split(' ')`) or not (`split()`) is a reading no test decides (HumanEval/111);
 * - `prompt-format`: the prompt names a format (`mm-dd-yyyy`): a string off that format is decided only where every
 *   test input off it expects one answer and the reference gives that answer (HumanEval/124's `'003-11-2000'`).
 * Only narrowing: a rule costs suite inputs, never adds one. With or without a sibling, `hash-seed` (the runs in
 * strengthen-run.ts for suites, run.ts for survivor witnesses): an equality assert's expected value must not be an
 * order one PYTHONHASHSEED gave a set of strings; `mayDependOnHashSeed` says which inputs are worth that check. Pure.
 */
import { pyRepr, type PyValue } from './py-value.js';

/** Reorderings of an input's dict arguments tried at most (rotations, then the reversal): the tests' dicts hold at most a handful of keys. */
export const DICT_ORDERINGS_MAX = 16;

function rotated<T>(xs: readonly T[], k: number): T[] {
  return [...xs.slice(k), ...xs.slice(0, k)];
}

function hasDict(v: PyValue): boolean {
  return v.type === 'dict' || ((v.type === 'list' || v.type === 'tuple') && v.items.some(hasDict));
}

/** `v` with every dict in it (top level, or inside a list or tuple) reordered by `f`. */
function reorderDicts(v: PyValue, f: <T>(xs: readonly T[]) => T[]): PyValue {
  if (v.type === 'dict') return { type: 'dict', entries: f(v.entries) };
  if (v.type === 'list' || v.type === 'tuple') return { type: v.type, items: v.items.map((x) => reorderDicts(x, f)) };
  return v;
}

/**
 * The input with the keys of its dicts reordered: every rotation of the largest dict's keys (others rotated by the
 * same step, modulo their size), then the reversal; each distinct from the input and from each other, at most
 * DICT_ORDERINGS_MAX. Every rotation puts each adjacent pair of keys first once: a reference that decides on a
 * prefix of the keys meets every key. Empty when no dict has two keys.
 */
export function dictReorderings(args: readonly PyValue[]): PyValue[][] {
  if (!args.some(hasDict)) return [];
  let size = 0;
  const visit = (v: PyValue): void => {
    if (v.type === 'dict') size = Math.max(size, v.entries.length);
    else if (v.type === 'list' || v.type === 'tuple') v.items.forEach(visit);
  };
  args.forEach(visit);
  if (size < 2) return [];
  const key = (a: readonly PyValue[]) => a.map(pyRepr).join(', ');
  const seen = new Set([key(args)]);
  const out: PyValue[][] = [];
  const offer = (f: <T>(xs: readonly T[]) => T[]) => {
    const r = args.map((a) => reorderDicts(a, f));
    if (out.length < DICT_ORDERINGS_MAX && !seen.has(key(r))) {
      seen.add(key(r));
      out.push(r);
    }
  };
  for (let k = 1; k < size; k++) offer((xs) => rotated(xs, k % Math.max(1, xs.length)));
  offer((xs) => [...xs].reverse());
  return out;
}

function strings(v: PyValue, out: string[]): void {
  if (v.type === 'str') out.push(v.value);
  else if (v.type === 'list' || v.type === 'tuple' || v.type === 'set') for (const x of v.items) strings(x, out);
  else if (v.type === 'dict') for (const [k, x] of v.entries) (strings(k, out), strings(x, out));
}

/** Two whitespace characters in a row. */
const WHITESPACE_RUN = /\s\s/;

/**
 * The argument positions whose strings (the argument, or strings inside it) never hold a whitespace run in any
 * example while some example's string there holds whitespace: a separator the tests use one at a time.
 */
export function singleSeparatorPositions(examples: readonly (readonly PyValue[])[]): number[] {
  const arity = examples[0]?.length ?? 0;
  const out: number[] = [];
  for (let p = 0; p < arity; p++) {
    const texts: string[] = [];
    for (const e of examples) if (e[p] !== undefined) strings(e[p], texts);
    if (texts.some((t) => /\s/.test(t)) && !texts.some((t) => WHITESPACE_RUN.test(t))) out.push(p);
  }
  return out;
}

/** The positions (of `positions`) where `args` holds a whitespace run. */
export function whitespaceRuns(args: readonly PyValue[], positions: readonly number[]): number[] {
  return positions.filter((p) => {
    const texts: string[] = [];
    if (args[p] !== undefined) strings(args[p], texts);
    return texts.some((t) => WHITESPACE_RUN.test(t));
  });
}

/** A format the prompt names: letter runs, each one letter repeated (`mm`, `yyyy`), joined by `-`, `/`, `:` or `.`. */
const FORMAT_TOKEN = /(?<![\w/:.-])[A-Za-z]+(?:[-/:.][A-Za-z]+)+(?![\w/:-])/g;

/**
 * The formats the prompt names, each as a pattern of digits (`mm-dd-yyyy` -> /^\d{2}-\d{2}-\d{4}$/): at least two
 * runs, each a single letter repeated, one of them at least twice (so `e.g` and `x-y` are no format).
 */
export function promptFormats(prompt: string): RegExp[] {
  const out: RegExp[] = [];
  for (const m of prompt.matchAll(FORMAT_TOKEN)) {
    const token = m[0].replace(/\.$/, '');
    const runs = token.split(/[-/:.]/);
    const seps = token.match(/[-/:.]/g) ?? [];
    if (runs.length < 2 || !runs.every((r) => /^([A-Za-z])\1*$/.test(r)) || !runs.some((r) => r.length >= 2)) continue;
    const body = runs.map((r, i) => `\\d{${r.length}}${i < seps.length ? `\\${seps[i]}` : ''}`).join('');
    if (!out.some((re) => re.source === `^${body}$`)) out.push(new RegExp(`^${body}$`));
  }
  return out;
}

export interface FormatRule {
  /** The string argument the format is about. */
  position: number;
  format: RegExp;
  /** The one answer every test input off the format expects (its repr); undefined: the tests show none or several. */
  offFormatAnswer: string | undefined;
}

/**
 * The prompt's formats that some test input's string argument fits (so the format is about that argument), with
 * the answer the tests give the inputs off it. `tests` pairs each test input with the answer the tests expect.
 */
export function formatRules(prompt: string, tests: readonly { args: readonly PyValue[]; answer: PyValue }[]): FormatRule[] {
  const out: FormatRule[] = [];
  const arity = tests[0]?.args.length ?? 0;
  for (const format of promptFormats(prompt)) {
    for (let p = 0; p < arity; p++) {
      const at = tests.filter((t) => t.args[p]?.type === 'str');
      if (!at.some((t) => format.test((t.args[p] as { value: string }).value))) continue;
      const off = new Set(at.filter((t) => !format.test((t.args[p] as { value: string }).value)).map((t) => pyRepr(t.answer)));
      out.push({ position: p, format, offFormatAnswer: off.size === 1 ? [...off][0] : undefined });
    }
  }
  return out;
}

/** The format rules `args` breaks: off the format with an answer other than the one the tests give such inputs. */
export function brokenFormats(rules: readonly FormatRule[], args: readonly PyValue[], answer: PyValue): FormatRule[] {
  return rules.filter((r) => {
    const v = args[r.position];
    if (v?.type !== 'str' || r.format.test(v.value)) return false;
    return r.offFormatAnswer === undefined || r.offFormatAnswer !== pyRepr(answer);
  });
}

/** Off some format but answered as the tests answer every input off it (the `prompt-format` check passed). */
export function offFormat(rules: readonly FormatRule[], args: readonly PyValue[]): boolean {
  return rules.some((r) => {
    const v = args[r.position];
    return v?.type === 'str' && !r.format.test(v.value);
  });
}

function holdsStr(v: PyValue): boolean {
  if (v.type === 'str') return true;
  if (v.type === 'list' || v.type === 'tuple' || v.type === 'set') return v.items.some(holdsStr);
  if (v.type === 'dict') return v.entries.some(([k, x]) => holdsStr(k) || holdsStr(x));
  return false;
}

/**
 * PYTHONHASHSEEDs the answering reference is run under again (the first run is under 0): str hashes are
 * salted per process, so an answer built from a set or dict of strings (MBPP+'s find_dissimilar, `tuple(set(a) ^
 * set(b))`) can come out in another order under another seed, and an equality assert fixes the order one seed gave.
 * The execution check's repeats use the same seeds (0, 1, 2 by default); a third adds little cost (one reference
 * job) and halves what a two-element order can hide.
 */
export const HASH_SEED_PROBES = [1, 2, 3];

/**
 * Can the answer on `args` depend on PYTHONHASHSEED? Only str hashes are salted (bytes are not modelled): ints,
 * floats, None, bools and tuples of them hash alike in every process, so a set of them iterates in one order, and
 * dicts keep insertion order. Where neither the arguments nor the answer hold a str, no seed can move the answer
 * but through strings the code builds itself and drops again (a rare path this leaves unchecked); elsewhere the
 * answering reference is run under other seeds, which costs each such task another worker for each seed.
 */
export function mayDependOnHashSeed(args: readonly PyValue[], answer: PyValue): boolean {
  return holdsStr(answer) || args.some(holdsStr);
}
