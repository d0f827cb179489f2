/**
 * EvalPlus inputs as typed values. EvalPlus stores inputs as JSON, which has no tuples, sets or
 * complex numbers; its MBPP+ loader (evalplus/data/mbpp.py, mbpp_deserialize_inputs, v0.2.0)
 * restores them per task. The same rules, by task number, turn each argument list into the typed
 * form the sandbox decodes generically: `{tuple: [...]}`, `{set: [...]}`, `{complex: [re, im]}`,
 * and every JSON object as `{dict: [[key, value], ...]}` (so that no dict can pass for a tag).
 * Pure.
 */
import { PyFloat } from '../../util/python-json.js';

type Rule = (args: unknown[]) => unknown[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON objects to `{dict: pairs}`, recursively (keys stay strings, as JSON has them). */
export function tagDicts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tagDicts);
  if (typeof value === 'object' && value !== null && value.constructor === Object) {
    return { dict: Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, tagDicts(v)]) };
  }
  return value;
}

function dictPairs(v: unknown): [unknown, unknown][] | undefined {
  return isObject(v) && Array.isArray((v as { dict?: unknown }).dict) ? ((v as { dict: [unknown, unknown][] }).dict) : undefined;
}

/** Python's `tuple(x)` for the values JSON gives: a list, a string (its characters), a dict (its keys). */
function tupleOf(x: unknown): unknown {
  if (Array.isArray(x)) return { tuple: x };
  if (typeof x === 'string') return { tuple: [...x] };
  const pairs = dictPairs(x);
  if (pairs) return { tuple: pairs.map((p) => p[0]) };
  throw new Error(`tuple() of ${typeof x}`);
}

const tuples = (xs: unknown): unknown[] => {
  if (!Array.isArray(xs)) throw new Error('expected a list');
  return xs.map(tupleOf);
};

function deepTuple(x: unknown): unknown {
  return Array.isArray(x) ? { tuple: x.map(deepTuple) } : x;
}

const NUM = String.raw`(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const IMAG_ONLY = new RegExp(`^([+-]?(?:${NUM})?)[jJ]$`);
const REAL_IMAG = new RegExp(`^([+-]?${NUM})([+-](?:${NUM})?)[jJ]$`);
const REAL_ONLY = new RegExp(`^[+-]?${NUM}$`);

function part(text: string): number {
  return text === '' || text === '+' ? 1 : text === '-' ? -1 : Number(text);
}

/** Python's `complex(x)` for a number or a string such as "1j", "2-3.5j", "(1+2j)". */
export function complexOf(x: unknown): unknown {
  const value = x instanceof PyFloat ? x.value : x;
  if (typeof value === 'number') return { complex: [new PyFloat(value), new PyFloat(0)] };
  if (typeof value !== 'string') throw new Error(`complex() of ${typeof value}`);
  const text = value.trim().replace(/^\((.*)\)$/, '$1').trim();
  let m: RegExpExecArray | null;
  if ((m = IMAG_ONLY.exec(text))) return { complex: [new PyFloat(0), new PyFloat(part(m[1]))] };
  if ((m = REAL_IMAG.exec(text))) return { complex: [new PyFloat(Number(m[1])), new PyFloat(part(m[2]))] };
  if (REAL_ONLY.test(text)) return { complex: [new PyFloat(Number(text)), new PyFloat(0)] };
  throw new Error(`complex() arg is a malformed string: ${JSON.stringify(value)}`);
}

function floatOf(x: unknown): PyFloat {
  const value = x instanceof PyFloat ? x.value : typeof x === 'string' ? Number(x.trim()) : x;
  if (typeof value !== 'number' || (Number.isNaN(value) && !/nan/i.test(String(x)))) throw new Error(`float() of ${JSON.stringify(x)}`);
  return new PyFloat(value);
}

const RULES = new Map<number, Rule>();
const add = (numbers: number[], rule: Rule) => numbers.forEach((n) => RULES.set(n, rule));
add([2, 116, 132, 143, 222, 261, 273, 394, 399, 421, 424, 429, 470, 560, 579, 596, 616, 630, 726, 740, 744, 809], (a) => tuples(a));
add([63, 64, 70, 94, 120, 237, 272, 299, 400, 409, 417, 438, 473, 614, 780], (a) => a.map((x) => tuples(x)));
add([75, 413, 444, 753], (a) => [tuples(a[0]), a[1]]);
add([106, 750], (a) => [a[0], tupleOf(a[1])]);
add([115], (a) => [(a[0] as unknown[]).map((i) => (Array.isArray(i) && i.length > 0 ? { set: i } : { dict: [] }))]);
add([124], (a) => [floatOf(a[0]), complexOf(a[1])]);
add([250, 405, 446, 617, 720, 763, 808, 307], (a) => [tupleOf(a[0]), ...a.slice(1)]);
add([259, 401, 445], (a) => a.map((x) => ({ tuple: tuples(x) })));
add([278], (a) => [{ tuple: (a[0] as unknown[]).map((i) => (Array.isArray(i) ? { tuple: i } : i)) }]);
add([722], (a) => [{ dict: dictPairs(a[0])!.map(([k, v]) => [k, tupleOf(v)]) }, ...a.slice(1)]);
add([252], (a) => [complexOf(a[0])]);
add([580, 615, 791], (a) => a.map(deepTuple));

/** The MBPP+ task number of an id ("Mbpp/2" -> 2), or undefined. */
function mbppNumber(taskId: string): number | undefined {
  const m = /^Mbpp\/(\d+)$/.exec(taskId);
  return m ? Number(m[1]) : undefined;
}

/**
 * One argument list in typed form. An input that a rule cannot restore (not the shape the rule
 * expects) is kept with only its dicts tagged: the sandbox then calls with what JSON gave.
 */
export function typedArgs(taskId: string, args: unknown[]): unknown[] {
  const tagged = args.map(tagDicts);
  const n = mbppNumber(taskId);
  const rule = n === undefined ? undefined : RULES.get(n);
  if (!rule) return tagged;
  try {
    return rule(tagged);
  } catch {
    return tagged;
  }
}

/** Whether the task has an MBPP+ input rule (for tests and documentation). */
export function hasInputRule(taskId: string): boolean {
  const n = mbppNumber(taskId);
  return n !== undefined && RULES.has(n);
}
