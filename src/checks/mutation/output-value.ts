/**
 * Sandbox outputs as Python values: the output's `repr` read back as a literal when it is one
 * (faithful: `1.0` stays a float), else the typed JSON encoding (where JSON numbers cannot tell
 * 1 from 1.0). Pure given the parser.
 */
import type { EncodedValue } from '../../sandbox/types.js';
import type { PythonParser } from './python-parser.js';
import { literalValue, py, type PyValue } from './py-value.js';

/** The literal value of a Python expression's source text, or undefined. */
export function parseLiteral(parser: PythonParser, text: string): PyValue | undefined {
  if (text.length === 0) return undefined;
  return parser.withTree(`(${text}\n)\n`, (tree) => {
    if (tree.rootNode.hasError) return undefined;
    const expr = tree.rootNode.namedChild(0)?.namedChild(0);
    return expr?.type === 'parenthesized_expression' ? literalValue(expr) : undefined;
  });
}

/** Decode the sandbox's typed JSON; undefined for opaque objects (`{repr}`) and complex numbers. */
export function decodeEncoded(v: EncodedValue): PyValue | undefined {
  if (v === null) return py.none();
  if (typeof v === 'boolean') return py.bool(v);
  if (typeof v === 'number') return Number.isInteger(v) ? py.int(BigInt(v)) : py.float(v);
  if (typeof v === 'string') return py.str(v);
  const all = (xs: EncodedValue[]): PyValue[] | undefined => {
    const out = xs.map(decodeEncoded);
    return out.every((x): x is PyValue => x !== undefined) ? out : undefined;
  };
  if (Array.isArray(v)) {
    const items = all(v);
    return items && { type: 'list', items };
  }
  if ('tuple' in v) {
    const items = all(v.tuple);
    return items && { type: 'tuple', items };
  }
  if ('set' in v) {
    const items = all(v.set);
    return items && { type: 'set', items };
  }
  if ('dict' in v) {
    const entries: Array<[PyValue, PyValue]> = [];
    for (const [k, x] of v.dict) {
      const kv = decodeEncoded(k);
      const xv = decodeEncoded(x);
      if (kv === undefined || xv === undefined) return undefined;
      entries.push([kv, xv]);
    }
    return { type: 'dict', entries };
  }
  if ('int' in v) return py.int(BigInt(v.int));
  if ('float' in v) return py.float(v.float === 'nan' ? NaN : v.float === 'inf' ? Infinity : -Infinity);
  return undefined;
}

/**
 * The same value read two ways: the repr's literal and the typed encoding, which cannot tell 1 from 1.0. Anything
 * else that differs means the repr is not the value (the sandbox abbreviates long ones, reprlib-style: a 3,900-character
 * string comes back as `'0 1 2 ...1 952 ... 1000'`, itself a valid literal).
 */
function sameReading(literal: PyValue, typed: PyValue): boolean {
  if ((literal.type === 'int' || literal.type === 'float') && (typed.type === 'int' || typed.type === 'float')) {
    const a = Number(literal.value);
    const b = Number(typed.value);
    return literal.type === typed.type && literal.type === 'int' ? literal.value === typed.value : a === b || (Number.isNaN(a) && Number.isNaN(b));
  }
  if (literal.type !== typed.type) return false;
  switch (literal.type) {
    case 'none':
      return true;
    case 'bool':
    case 'str':
      return literal.value === (typed as typeof literal).value;
    case 'list':
    case 'tuple':
    case 'set': {
      const other = (typed as typeof literal).items;
      return literal.items.length === other.length && literal.items.every((x, i) => sameReading(x, other[i]));
    }
    case 'dict': {
      const other = (typed as typeof literal).entries;
      return literal.entries.length === other.length && literal.entries.every(([k, v], i) => sameReading(k, other[i][0]) && sameReading(v, other[i][1]));
    }
    default:
      return false;
  }
}

/**
 * A returned output as a Python value: the repr's literal (faithful: `1.0` stays a float) where it reads as the same
 * value as the typed JSON, else the typed JSON (exact: an abbreviated repr is never an expected value).
 */
export function outputValue(parser: PythonParser, output: { value: EncodedValue; repr: string }): PyValue | undefined {
  const literal = parseLiteral(parser, output.repr);
  const typed = decodeEncoded(output.value);
  if (literal === undefined) return typed;
  return typed === undefined || sameReading(literal, typed) ? literal : typed;
}
