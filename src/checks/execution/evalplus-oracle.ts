/**
 * EvalPlus's output oracle, for comparing a reference's output with the EvalPlus reference's
 * output on the same input: `==`, floats within `atol` (1e-6 when the task sets none) plus
 * rtol 1e-7, and the special cases of evalplus/eval/_special_oracle.py and evalplus/evaluate.py
 * (set-valued MBPP+ tasks, output-not-None tasks, Mbpp/164, /295, /558, /581, HumanEval/32's
 * root finding). Pure.
 */
import type { EncodedValue } from '../../sandbox/types.js';
import { decodeEncoded } from '../mutation/output-value.js';
import { EVALPLUS_RTOL, evalplusOutputsMatch, type PyValue } from '../mutation/py-value.js';

/** EvalPlus enforces this atol when a task sets 0 and the expected output is a float (evalplus/evaluate.py). */
export const DEFAULT_FLOAT_ATOL = 1e-6;

/** MBPP+ tasks whose output is compared as a set (evalplus/eval/_special_oracle.py MBPP_OUTPUT_SET_EQ_TASKS). */
const SET_EQ_TASKS = ['similar_elements', 'find_char_long', 'common_in_nested_lists', 'extract_singly', 'larg_nnum', 'intersection_array', 'find_dissimilar', 'Diff'];
/** MBPP+ tasks whose output (a regex match object) only has to be None or not (MBPP_OUTPUT_NOT_NONE_TASKS). */
const NOT_NONE_TASKS = ['check_str', 'text_match_three', 'text_starta_endb'];

export type OracleName = 'equal' | 'set-eq' | 'not-none' | 'always' | 'sum-div' | 'surface-area' | 'digit-distance' | 'find-zero';

/** Which oracle EvalPlus applies to a task of its release (`HumanEval/N` or `Mbpp/N` ids). */
export function oracleFor(evalplusTaskId: string, entryPoint: string): OracleName {
  if (evalplusTaskId.startsWith('HumanEval/')) return entryPoint === 'find_zero' ? 'find-zero' : 'equal';
  if (!evalplusTaskId.startsWith('Mbpp/')) return 'equal';
  if (entryPoint === 'are_equivalent') return 'always';
  if (entryPoint === 'sum_div') return 'sum-div';
  if (entryPoint === 'surface_Area') return 'surface-area';
  if (entryPoint === 'digit_distance_nums') return 'digit-distance';
  if (SET_EQ_TASKS.includes(entryPoint)) return 'set-eq';
  if (NOT_NONE_TASKS.includes(entryPoint)) return 'not-none';
  return 'equal';
}

function asNumber(v: EncodedValue | unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'int' in v) return Number((v as { int: string }).int);
  return undefined;
}

/** A JSON number that is not an integer is certainly a Python float (an integral float reads as an int: EvalPlus's atol may then be 0, so we compare more leniently, never more strictly). */
function hasFloat(v: EncodedValue): boolean {
  // Ints beyond 2^53 arrive tagged ({int}), so a plain number that large is a float.
  if (typeof v === 'number') return !Number.isInteger(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'float' in v) return true;
  if (Array.isArray(v)) return v.some(hasFloat);
  if (v !== null && typeof v === 'object' && 'tuple' in v) return v.tuple.some(hasFloat);
  return false;
}

/** The elements of a list, tuple or set output, as canonical strings (for set comparison); undefined for other outputs. */
function elementSet(v: EncodedValue): Set<string> | undefined {
  const items = Array.isArray(v) ? v : v !== null && typeof v === 'object' && 'tuple' in v ? v.tuple : v !== null && typeof v === 'object' && 'set' in v ? v.set : undefined;
  return items === undefined ? undefined : new Set(items.map((x) => JSON.stringify(x)));
}

/** HumanEval/32's polynomial at x: sum of xs[i] * x^i (evalplus `_poly`). */
export function poly(xs: readonly number[], x: number): number {
  return xs.reduce((sum, c, i) => sum + c * Math.pow(x, i), 0);
}

/** Mbpp/581's oracle: the surface area of a square pyramid with perpendicular height, rounded. */
function surfaceArea(base: number, height: number): number {
  const slant = Math.sqrt((base / 2) ** 2 + height ** 2);
  return Math.round(base ** 2 + (4 * (base * slant)) / 2);
}

/** Mbpp/558's oracle: the sum of per-digit differences of the two numbers, zero-padded to one length. */
function digitDistance(a: number, b: number): number {
  const sa = String(a);
  const sb = String(b);
  const n = Math.max(sa.length, sb.length);
  const pa = sa.padStart(n, '0');
  const pb = sb.padStart(n, '0');
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(Number(pa[i]) - Number(pb[i]));
  return sum;
}

export interface OracleInput {
  oracle: OracleName;
  /** The task's atol (EvalPlus `atol`; 0 = exact unless the output is a float). */
  atol: number;
  /** The input's arguments as JSON (the special oracles that recompute the answer read them). */
  args: unknown[];
}

/**
 * Ints as floats, for outputs that hold a float: Node reads an integral float (`3.0`) as the int 3, so the
 * types EvalPlus compares by are not reliable there, and comparing every number as a float is the
 * lenient reading (a disagreement is never invented by the wire).
 */
function intsAsFloats(v: PyValue): PyValue {
  switch (v.type) {
    case 'int':
      return { type: 'float', value: Number(v.value) };
    case 'list':
    case 'tuple':
    case 'set':
      return { ...v, items: v.items.map(intsAsFloats) };
    case 'dict':
      return { type: 'dict', entries: v.entries.map(([k, x]) => [k, intsAsFloats(x)] as [PyValue, PyValue]) };
    default:
      return v;
  }
}

/** EvalPlus's `==`-then-allclose on decoded values; undecodable (opaque) outputs are equal only when encoded alike. */
function outputsMatch(actual: EncodedValue, expected: EncodedValue, atol: number, floats: boolean): boolean {
  const a = decodeEncoded(actual);
  const e = decodeEncoded(expected);
  if (a === undefined || e === undefined) return JSON.stringify(actual) === JSON.stringify(expected);
  return floats ? evalplusOutputsMatch(intsAsFloats(e), intsAsFloats(a), atol) : evalplusOutputsMatch(e, a, atol);
}

/** Types whose equal values may have different digests (iteration order is not part of `==`). */
const UNORDERED_TYPES = new Set(['dict', 'set', 'frozenset', 'Counter', 'defaultdict', 'OrderedDict']);

/**
 * Can the two outputs be compared at all? A large output arrives as a digest of its marshalled
 * form; for unordered containers equal values can marshal differently, so unequal digests decide nothing.
 */
export function comparable(actual: EncodedValue, expected: EncodedValue): boolean {
  const digestType = (v: EncodedValue) => (v !== null && typeof v === 'object' && !Array.isArray(v) && 'digest' in v ? v.type : undefined);
  const a = digestType(actual);
  const e = digestType(expected);
  return !((a !== undefined && UNORDERED_TYPES.has(a)) || (e !== undefined && UNORDERED_TYPES.has(e)));
}

/**
 * Does `actual` pass EvalPlus's oracle with `expected` (the EvalPlus reference's output) as the
 * expected output? Returns false only when EvalPlus would fail it; a case this port cannot decide
 * (an argument it cannot read as a number) counts as passing, so a disagreement is never invented.
 */
export function evalplusAccepts(actual: EncodedValue, expected: EncodedValue, input: OracleInput): boolean {
  const floats = hasFloat(expected) || hasFloat(actual);
  const atol = input.atol === 0 && floats ? DEFAULT_FLOAT_ATOL : input.atol;
  if (input.oracle !== 'find-zero' && outputsMatch(actual, expected, atol, floats)) return true;
  switch (input.oracle) {
    case 'equal':
      return false;
    case 'always':
      return true;
    case 'sum-div':
      return actual === 0;
    case 'not-none':
      // A regex match is encoded by its repr: what counts is None or not.
      return typeof actual === 'boolean' ? actual === expected : (expected !== null) === (actual !== null);
    case 'set-eq': {
      const a = elementSet(actual);
      const e = elementSet(expected);
      return a !== undefined && e !== undefined && a.size === e.size && [...a].every((x) => e.has(x));
    }
    case 'surface-area': {
      const [b, h] = input.args.map(asNumber);
      const out = asNumber(actual);
      if (b === undefined || h === undefined || out === undefined) return true;
      return Math.abs(out - surfaceArea(b, h)) <= atol + EVALPLUS_RTOL * Math.abs(out);
    }
    case 'digit-distance': {
      const [a, b] = input.args.map(asNumber);
      const out = asNumber(actual);
      if (a === undefined || b === undefined || out === undefined || !Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0) return true;
      return out === digitDistance(a, b);
    }
    case 'find-zero': {
      // EvalPlus checks that the output is a root; where the expected output fails that check too
      // (float error on large coefficients), the check decides nothing between the two.
      const xs = Array.isArray(input.args[0]) ? (input.args[0] as unknown[]).map(asNumber) : [];
      const x = asNumber(actual);
      const e = asNumber(expected);
      if (x === undefined || e === undefined || xs.some((c) => c === undefined)) return true;
      const isRoot = (r: number) => Math.abs(poly(xs as number[], r)) <= Math.max(atol, DEFAULT_FLOAT_ATOL);
      return isRoot(x) || !isRoot(e);
    }
  }
}
