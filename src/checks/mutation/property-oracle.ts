/**
 * Property oracles for strengthened suites: a task whose tests never compare an answer to a literal judges it by a
 * property, and an equality assert on the reference's answer would reject right programs. Where EvalPlus names that
 * property for the task (evalplus-oracle.ts `oracleFor`), the suite judges a wrong program by it and writes the
 * property as the assert. Two are handled: find-zero (HumanEval/32: any root will do) and set-eq (MBPP+'s
 * set-valued tasks, whose tests compare `set(f(x)) == set(...)`: any order, any collection). EvalPlus's other named
 * oracles belong to tasks whose own tests compare to a literal (not-none) or that accept anything (always) or
 * recompute a formula (sum-div, surface-area, digit-distance). Pure.
 */
import { DEFAULT_FLOAT_ATOL, oracleFor, poly } from '../execution/evalplus-oracle.js';
import { callRepr, floatRepr, pyEquals, pyRepr, type PyValue } from './py-value.js';

export type PropertyOracleName = 'find-zero' | 'set-eq';

export type PropertyOracle =
  /** `atol`: the bound on |poly(xs, x)|. */
  | { name: 'find-zero'; atol: number }
  | { name: 'set-eq' };

/**
 * EvalPlus accepts a find_zero answer x when `abs(_poly(*inp, out)) <= atol` with the task's own atol
 * (evalplus/eval/__init__.py, unsafe_execute; HumanEvalPlus.jsonl sets atol 1e-4 for HumanEval/32); where the data
 * sets none, EvalPlus's float default (1e-6, evalplus/evaluate.py), the floor evalplusAccepts uses too.
 */
export const FIND_ZERO_MIN_ATOL = DEFAULT_FLOAT_ATOL;

/**
 * The property oracle of a task whose tests compare no answer to a literal, when EvalPlus names one for the task
 * carrying its EvalPlus data (itself or its linked sibling); undefined otherwise (no suite, as before). set-eq only
 * where the task's atol is 0: with one, EvalPlus also accepts a float answer close to the expected one in order
 * (`np.allclose` after a failed set comparison), which a set assert would reject.
 */
export function propertyOracleFor(plusTask: { id: string; entryPoint: string; inputs?: { atol?: number } } | undefined, testsCompareLiterals: boolean): PropertyOracle | undefined {
  if (plusTask === undefined || testsCompareLiterals) return undefined;
  const named = oracleFor(plusTask.id, plusTask.entryPoint);
  if (named === 'find-zero') return { name: 'find-zero', atol: Math.max(plusTask.inputs?.atol ?? 0, FIND_ZERO_MIN_ATOL) };
  if (named === 'set-eq' && (plusTask.inputs?.atol ?? 0) === 0) return { name: 'set-eq' };
  return undefined;
}

/** A Python number as a float (bools are ints in Python); undefined for anything else. */
function asNumber(v: PyValue): number | undefined {
  if (v.type === 'int') return Number(v.value);
  if (v.type === 'float') return v.value;
  if (v.type === 'bool') return v.value ? 1 : 0;
  return undefined;
}

/** find-zero: |poly(xs, x)| <= atol, summed left to right as Python's `sum` of `coeff * math.pow(x, i)` does. */
function isRoot(atol: number, args: readonly PyValue[], output: PyValue): boolean {
  const xs = args[0]?.type === 'list' || args[0]?.type === 'tuple' ? args[0].items.map(asNumber) : undefined;
  const x = asNumber(output);
  if (args.length !== 1 || xs === undefined || xs.some((c) => c === undefined) || x === undefined) return false;
  return Math.abs(poly(xs as number[], x)) <= atol;
}

/** What `set(v)` does: its elements, 'raises' (not iterable, or an element unhashable), or 'unknown' (a `set` element: a frozenset is hashable, a set is not). */
function setElements(v: PyValue): PyValue[] | 'raises' | 'unknown' {
  const items = v.type === 'list' || v.type === 'tuple' || v.type === 'set' ? v.items : v.type === 'dict' ? v.entries.map(([k]) => k) : v.type === 'str' ? [...v.value].map((c): PyValue => ({ type: 'str', value: c })) : undefined;
  if (items === undefined) return 'raises';
  const hashable = (x: PyValue): boolean | 'unknown' => {
    if (x.type === 'list' || x.type === 'dict') return false;
    if (x.type === 'set') return 'unknown';
    if (x.type !== 'tuple') return true;
    const inner = x.items.map(hashable);
    return inner.includes(false) ? false : inner.includes('unknown') ? 'unknown' : true;
  };
  const all = items.map(hashable);
  return all.includes(false) ? 'raises' : all.includes('unknown') ? 'unknown' : items;
}

/** A float anywhere in the value. */
function holdsFloat(v: PyValue): boolean {
  if (v.type === 'float') return true;
  if (v.type === 'list' || v.type === 'tuple' || v.type === 'set') return v.items.some(holdsFloat);
  if (v.type === 'dict') return v.entries.some(([k, x]) => holdsFloat(k) || holdsFloat(x));
  return false;
}

/**
 * May the answering reference's answer on `args` stand as the expected value? find-zero: it is a root (within
 * atol). set-eq: `set()` takes it (an iterable of hashable elements) and it holds no float (EvalPlus compares a
 * float answer within a tolerance where the set comparison fails; a set assert compares exactly). An input where it
 * may not is left out.
 */
export function propertyConfirms(oracle: PropertyOracle, args: readonly PyValue[], answer: PyValue): boolean {
  if (oracle.name === 'find-zero') return isRoot(oracle.atol, args, answer);
  return Array.isArray(setElements(answer)) && !holdsFloat(answer);
}

/**
 * Does the oracle accept `got` (undefined: an answer the sandbox could not send as a value, an opaque object or
 * a digest) where the confirmed reference answered `expected`? find-zero: `got` is a root; an output that is no
 * number fails (`abs(poly(xs, None))` raises), and so do coefficients it cannot read. Node's pow may differ from the
 * C library's in the last bit, so near the bound this can misjudge a kill, never an assert: the assert is EvalPlus's
 * own check, run in Python, and HumanEval+'s contract admits only inputs where its reference's residual is below
 * 1e-5. set-eq: `set(got) == set(expected)` as Python decides it (1, 1.0 and True are one element); what this
 * cannot decide (an opaque answer, a `set` element) is accepted, so a kill is never invented.
 */
export function propertyAccepts(oracle: PropertyOracle, args: readonly PyValue[], expected: PyValue, got: PyValue | undefined): boolean {
  if (oracle.name === 'find-zero') return got !== undefined && isRoot(oracle.atol, args, got);
  if (got === undefined) return true;
  const e = setElements(expected);
  const g = setElements(got);
  if (g === 'unknown' || !Array.isArray(e)) return true;
  if (g === 'raises') return false;
  return g.every((x) => e.some((y) => pyEquals(x, y))) && e.every((y) => g.some((x) => pyEquals(x, y)));
}

/**
 * `set(a) == set(b)` as Python decides it, where both are collections of hashable elements `set()` takes (false
 * elsewhere, and where an element is a `set`, which this cannot decide). EvalPlus's set-eq accepts such an answer
 * before any tolerance, floats included.
 */
export function sameSet(a: PyValue, b: PyValue): boolean {
  const x = setElements(a);
  const y = setElements(b);
  if (!Array.isArray(x) || !Array.isArray(y)) return false;
  return x.every((u) => y.some((v) => pyEquals(u, v))) && y.every((v) => x.some((u) => pyEquals(u, v)));
}

/**
 * The property as one line of Python in the benchmark's own test language, needing no imports. find-zero: the
 * prompt's `poly` (the tests call it too) on the candidate's answer, within EvalPlus's bound. set-eq: as MBPP's
 * tests and MBPP+'s assertions write it, `set(f(x)) == set(expected)`, EvalPlus's `set(out) == set(exp)`.
 */
export function propertyAssert(oracle: PropertyOracle, callee: string, args: readonly PyValue[], expected: PyValue): string {
  if (oracle.name === 'find-zero') return `assert abs(poly(${pyRepr(args[0])}, ${callRepr(callee, args)})) <= ${floatRepr(oracle.atol)}`;
  // A set answer is written as the tests write one, a list in `set([...])`, not `set({...})` or `set(set())`.
  const elements = expected.type === 'set' ? pyRepr({ type: 'list', items: expected.items }) : pyRepr(expected);
  return `assert set(${callRepr(callee, args)}) == set(${elements})`;
}
