/**
 * Property oracles for strengthened suites: a task whose tests never compare an answer to a literal judges it by a
 * property (HumanEval/32: any root will do), and an equality assert on the reference's answer would reject right
 * programs. Where EvalPlus names that property for the task (evalplus-oracle.ts `oracleFor`), the suite judges a
 * wrong program by it and writes the property as the assert. Only find-zero is handled: EvalPlus's other named
 * oracles belong to MBPP+ tasks whose own tests compare to a literal (set-eq, not-none) or that accept anything
 * (always) or recompute a formula (sum-div, surface-area, digit-distance). Pure.
 */
import { DEFAULT_FLOAT_ATOL, oracleFor, poly } from '../execution/evalplus-oracle.js';
import { callRepr, floatRepr, pyRepr, type PyValue } from './py-value.js';

export type PropertyOracleName = 'find-zero';

export interface PropertyOracle {
  name: PropertyOracleName;
  /** The bound on |poly(xs, x)|. */
  atol: number;
}

/**
 * EvalPlus accepts a find_zero answer x when `abs(_poly(*inp, out)) <= atol` with the task's own atol
 * (evalplus/eval/__init__.py, unsafe_execute; HumanEvalPlus.jsonl sets atol 1e-4 for HumanEval/32); where the data
 * sets none, EvalPlus's float default (1e-6, evalplus/evaluate.py), the floor evalplusAccepts uses too.
 */
export const FIND_ZERO_MIN_ATOL = DEFAULT_FLOAT_ATOL;

/**
 * The property oracle of a task whose tests compare no answer to a literal, when EvalPlus names one for the task
 * carrying its EvalPlus data (itself or its linked sibling); undefined otherwise (no suite, as before).
 */
export function propertyOracleFor(plusTask: { id: string; entryPoint: string; inputs?: { atol?: number } } | undefined, testsCompareLiterals: boolean): PropertyOracle | undefined {
  if (plusTask === undefined || testsCompareLiterals) return undefined;
  if (oracleFor(plusTask.id, plusTask.entryPoint) !== 'find-zero') return undefined;
  return { name: 'find-zero', atol: Math.max(plusTask.inputs?.atol ?? 0, FIND_ZERO_MIN_ATOL) };
}

/** A Python number as a float (bools are ints in Python); undefined for anything else. */
function asNumber(v: PyValue): number | undefined {
  if (v.type === 'int') return Number(v.value);
  if (v.type === 'float') return v.value;
  if (v.type === 'bool') return v.value ? 1 : 0;
  return undefined;
}

/**
 * Does `output` satisfy the property on `args`? find-zero: |poly(xs, output)| <= atol, summed left to right as
 * Python's `sum` of `coeff * math.pow(x, i)` does. An output that is no number fails (`abs(poly(xs, None))` raises),
 * and so do coefficients it cannot read: such an input is never confirmed. Node's pow may differ from the C library's
 * in the last bit, so near the bound this can misjudge a kill, never an assert: the assert is EvalPlus's own check,
 * run in Python, and HumanEval+'s contract admits only inputs where its reference's residual is below 1e-5.
 */
export function propertyHolds(oracle: PropertyOracle, args: readonly PyValue[], output: PyValue): boolean {
  const xs = args[0]?.type === 'list' || args[0]?.type === 'tuple' ? args[0].items.map(asNumber) : undefined;
  const x = asNumber(output);
  if (args.length !== 1 || xs === undefined || xs.some((c) => c === undefined) || x === undefined) return false;
  return Math.abs(poly(xs as number[], x)) <= oracle.atol;
}

/**
 * The property as one line of Python in the benchmark's own test language: the prompt's `poly` (the tests call it
 * too) on the candidate's answer, within EvalPlus's bound. No imports needed.
 */
export function propertyAssert(oracle: PropertyOracle, callee: string, args: readonly PyValue[]): string {
  return `assert abs(poly(${pyRepr(args[0])}, ${callRepr(callee, args)})) <= ${floatRepr(oracle.atol)}`;
}
