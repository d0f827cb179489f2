/**
 * A wider input domain for strengthened suites only (a witness is still held to every rule of input-domain.ts).
 * Some rules the tests imply are the tests' narrowness, not the task's: the sign of the tests' numbers where the
 * prompt states none, distinct elements where the prompt is about duplicates, a value the reference itself names
 * as a case. A suite input may break such a rule only when a second rule decides its expected value:
 * - `translation-equivariant`: every int in the input and the answer moves by the same shift C on every example
 *   (the reference's f(x + C) == f(x) + C), and the reference's answer on the input y equals f(y + C) - C where
 *   y + C is inside the strict domain: the answer is anchored to an in-domain one by a symmetry the task shows;
 * - `reference-case`: a scalar int argument equal to a literal the reference compares that parameter with
 *   (`if n == 0: return 0`): the benchmark's author wrote that case, so the value is in the task's domain;
 * - `prompt-duplicates`: a list with repeated elements where the prompt speaks of unique or duplicate elements;
 *   when it asks for unique elements, an answer that is a list must itself have none repeated.
 * The tests' non-negative answers (the output-sign check) are waived on the same anchor: a maximum of negatives is negative.
 * With a sibling linked, an EvalPlus input with whitespace at a string's edge (the `edge-space` rule) is kept where
 * the tests' strings there are text of several words and the sibling answers it as it answers the input stripped
 * (`edge-space-stripped`): the space is then one more separator of the kind the text has inside, not part of a value
 * (`'   15'`, whose reading no test decides, is one token and stays out).
 * Pure.
 */
import { brokenRules, type InputDomain } from './input-domain.js';
import { evalplusOutputsMatch, pyRepr, type PyValue } from './py-value.js';

export type SuiteCheck = 'translation-equivariant' | 'reference-case' | 'prompt-duplicates' | 'edge-space-stripped';

/** A sign in the prompt's words: the tests' positive numbers are then the task's, not a narrowness. */
const SAYS_SIGN = /\b(positive|negative|non-?negative|natural|whole numbers?|unsigned|count|length|index|digits?|prime|factorial|n\s*>=?\s*[01])\b|>=\s*0|>\s*0/i;
/** The prompt speaks of repeated elements: lists with duplicates are part of the task. */
const SAYS_DUPLICATES = /\b(unique|duplicates?|distinct|repeated|occurs?|occurrences?)\b/i;
/** The prompt asks for unique elements: its answer, if a list, repeats none. */
const SAYS_UNIQUE_ANSWER = /\bunique\b/i;

/** The prompt states a sign for its numbers (then no sign rule or output-sign check is waived). */
export const promptStatesSign = (prompt: string): boolean => SAYS_SIGN.test(prompt);

/** The strict rules a suite input may break, each with the check that must then decide its answer. */
export function waivableRules(domain: InputDomain, prompt: string): Map<string, SuiteCheck[]> {
  const out = new Map<string, SuiteCheck[]>();
  for (const r of domain.rules) {
    if (/^(positive|non-negative):\d+$/.test(r.name) && !SAYS_SIGN.test(prompt)) out.set(r.name, ['translation-equivariant', 'reference-case']);
    else if (/^distinct:\d+$/.test(r.name) && SAYS_DUPLICATES.test(prompt)) out.set(r.name, ['prompt-duplicates']);
  }
  return out;
}

/** The rules `args` breaks that a suite may waive (undefined: it breaks one it may not, or none at all). */
export function waivedBy(domain: InputDomain, waivable: ReadonlyMap<string, SuiteCheck[]>, args: readonly PyValue[]): string[] | undefined {
  const broken = brokenRules(domain, args);
  if (broken.length === 0 || !broken.every((b) => waivable.has(b))) return undefined;
  return broken;
}

/** Every int (not bool) inside `v` moved by `c`; undefined if `v` holds a float (shifts there round). */
export function shifted(v: PyValue, c: bigint): PyValue | undefined {
  if (v.type === 'int') return { type: 'int', value: v.value + c };
  if (v.type === 'float') return undefined;
  if (v.type === 'list' || v.type === 'tuple' || v.type === 'set') {
    const items = v.items.map((x) => shifted(x, c));
    return items.every((x) => x !== undefined) ? { type: v.type, items: items as PyValue[] } : undefined;
  }
  if (v.type === 'dict') return undefined;
  return v;
}

export function shiftedArgs(args: readonly PyValue[], c: bigint): PyValue[] | undefined {
  const out = args.map((a) => shifted(a, c));
  return out.every((x) => x !== undefined) ? (out as PyValue[]) : undefined;
}

function ints(v: PyValue, out: bigint[]): void {
  if (v.type === 'int') out.push(v.value);
  else if (v.type === 'list' || v.type === 'tuple' || v.type === 'set') for (const x of v.items) ints(x, out);
}

export function intsOf(args: readonly PyValue[]): bigint[] {
  const out: bigint[] = [];
  for (const a of args) ints(a, out);
  return out;
}

/** Examples equivariance is believed on at least, and at least one with two ints (a sum looks equivariant on singletons). */
export const MIN_EQUIVARIANCE_EXAMPLES = 2;
/** In-domain inputs (beyond the examples) the symmetry is also checked on: HumanEval/34 has one distinct example. */
export const EQUIVARIANCE_PROBES = 8;

/**
 * The shift C that moves every relaxed input into the examples' range (their smallest int): the largest needed,
 * so one set of example runs checks the symmetry for all. Undefined when no input needs one.
 */
export function equivarianceShift(examples: readonly (readonly PyValue[])[], relaxed: readonly (readonly PyValue[])[]): bigint | undefined {
  const seen = examples.flatMap((e) => intsOf(e));
  if (seen.length === 0 || relaxed.length === 0) return undefined;
  const lo = seen.reduce((a, b) => (b < a ? b : a));
  let c = 0n;
  for (const r of relaxed) for (const x of intsOf(r)) if (lo - x > c) c = lo - x;
  return c > 0n ? c : undefined;
}

/**
 * The reference is translation-equivariant on the examples: for each, f(x + C) == f(x) + C (answers compared as
 * values, EvalPlus's tolerance). `pairs` holds (f(x), f(x + C)), undefined where either did not answer.
 */
export function equivariantOnExamples(examples: readonly (readonly PyValue[])[], pairs: readonly ([PyValue, PyValue] | undefined)[], c: bigint, atol: number): boolean {
  if (new Set(examples.map((e) => e.map(pyRepr).join(', '))).size < MIN_EQUIVARIANCE_EXAMPLES || !examples.some((e) => intsOf(e).length >= 2)) return false;
  if (examples.some((e) => shiftedArgs(e, c) === undefined)) return false;
  // A constant answer shows no symmetry: every shift would look like one.
  if (pairs.every((p) => p !== undefined && pyRepr(p[0]) === pyRepr(pairs[0]![0]))) return false;
  return pairs.every((p) => {
    if (p === undefined) return false;
    const moved = shifted(p[0], c);
    return moved !== undefined && evalplusOutputsMatch(moved, p[1], atol);
  });
}

/** The answer on y agrees with the in-domain anchor: f(y) + C == f(y + C), and y + C breaks no strict rule. */
export function anchoredAnswer(domain: InputDomain, y: readonly PyValue[], c: bigint, fy: PyValue, fyc: PyValue, atol: number): boolean {
  const yc = shiftedArgs(y, c);
  if (yc === undefined || brokenRules(domain, yc).length > 0) return false;
  const moved = shifted(fy, c);
  return moved !== undefined && evalplusOutputsMatch(moved, fyc, atol);
}

/** The int parameters' names of `entryPoint` as the reference defines it. */
function parameters(source: string, entryPoint: string): string[] {
  const m = new RegExp(`def\\s+${entryPoint}\\s*\\(([^)]*)\\)`).exec(source);
  if (!m) return [];
  return m[1]
    .split(',')
    .map((p) => p.trim().split(/[:=]/)[0].trim())
    .filter((p) => /^[A-Za-z_]\w*$/.test(p));
}

/** Every scalar int argument the sign rule refuses equals a literal the reference compares that parameter with by `==`. */
export function referenceCase(source: string, entryPoint: string, args: readonly PyValue[], refused: readonly number[]): boolean {
  const names = parameters(source, entryPoint);
  if (refused.length === 0) return false;
  return refused.every((p) => {
    const a = args[p];
    const name = names[p];
    if (a?.type !== 'int' || name === undefined) return false;
    const v = a.value.toString();
    const esc = v.replace('-', '\\-');
    return new RegExp(`\\b${name}\\s*==\\s*${esc}(?![\\w.])|(?<![\\w.])${esc}\\s*==\\s*${name}\\b`).test(source);
  });
}

/** Where the prompt asks for unique elements and the answer is a list, the answer repeats none. */
export function answersUniquely(prompt: string, answer: PyValue): boolean {
  if (!SAYS_UNIQUE_ANSWER.test(prompt)) return true;
  if (answer.type !== 'list' && answer.type !== 'tuple') return true;
  return new Set(answer.items.map(pyRepr)).size === answer.items.length;
}

/** Text of several words: two non-space characters with whitespace between. */
const WORDS = /\S\s+\S/;

/** The positions where every example passes a string and some example's string is several words. */
export function wordTextPositions(examples: readonly (readonly PyValue[])[]): number[] {
  const arity = examples[0]?.length ?? 0;
  const out: number[] = [];
  for (let p = 0; p < arity; p++) {
    if (examples.every((e) => e[p]?.type === 'str') && examples.some((e) => WORDS.test((e[p] as { value: string }).value))) out.push(p);
  }
  return out;
}

/**
 * The positions of the edge-space rules `broken` names, when every rule `broken` names is one and each is at a
 * position of `wordText`; undefined otherwise (the input breaks another rule, or one about a single token).
 */
export function wordEdgeSpaces(broken: readonly string[], wordText: readonly number[]): number[] | undefined {
  if (broken.length === 0) return undefined;
  const at = broken.map((b) => /^edge-space:(\d+)$/.exec(b)?.[1]).map((x) => (x === undefined ? undefined : Number(x)));
  return at.every((p): p is number => p !== undefined && wordText.includes(p)) ? at : undefined;
}

/** `args` with the strings at `positions` stripped of edge whitespace. */
export function strippedArgs(args: readonly PyValue[], positions: readonly number[]): PyValue[] {
  return args.map((a, p) => (positions.includes(p) && a.type === 'str' ? { type: 'str', value: a.value.trim() } : a));
}
