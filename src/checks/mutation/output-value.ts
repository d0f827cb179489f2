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

/** A returned output as a Python value: literal repr first, typed JSON second. */
export function outputValue(parser: PythonParser, output: { value: EncodedValue; repr: string }): PyValue | undefined {
  return parseLiteral(parser, output.repr) ?? decodeEncoded(output.value);
}
