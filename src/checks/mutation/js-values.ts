/**
 * Python values (the sandbox's encoding) as the JavaScript values a translated reference would return, and equality
 * between them: how a HumanEval-X reference is compared with its Python original. And the other way: a JavaScript
 * test's literal arguments as Python values, so the Python path's input-domain rules read them too.
 */
import type { JavaScriptParser, Node } from '../../javascript/parser.js';
import type { EncodedValue } from '../../sandbox/types.js';
import { decodeEscapes, py, type PyValue } from './py-value.js';

/** Relative tolerance for floats: the two languages compute with the same IEEE doubles, in another order at worst. */
const FLOAT_RELATIVE_TOLERANCE = 1e-9;

/** A Python output as the JSON JavaScript would print for the same value, or undefined when there is no counterpart. */
export function asJsValue(v: EncodedValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return mapAll(v);
  if ('tuple' in v) return mapAll(v.tuple);
  if ('int' in v) return Number(v.int);
  // JSON.stringify writes null for NaN and the infinities.
  if ('float' in v) return null;
  if ('dict' in v) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of v.dict) {
      if (typeof k !== 'string' && typeof k !== 'number') return undefined;
      const x = asJsValue(val);
      if (x === undefined) return undefined;
      out[String(k)] = x;
    }
    return out;
  }
  return undefined;
}

function mapAll(items: EncodedValue[]): unknown[] | undefined {
  const out = items.map(asJsValue);
  return out.every((x) => x !== undefined) ? out : undefined;
}

/** Deep equality with a float tolerance. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= FLOAT_RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return sameValue(ka, kb) && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** One argument of a literal call: its source text, its value as Python's (where a literal has one), an array's element texts. */
export interface JsArgument {
  text: string;
  value?: PyValue;
  items?: string[];
}

const namedOf = (node: Node): Node[] => node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');

/** A JavaScript literal as the Python value a translated test would pass: arrays are lists, objects dicts, null and undefined None. */
export function jsLiteralValue(node: Node): PyValue | undefined {
  switch (node.type) {
    case 'number': {
      const text = node.text.replace(/_/g, '');
      const n = Number(text);
      if (!Number.isFinite(n)) return undefined;
      return /^(?:\d+|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+)$/.test(text) ? py.int(BigInt(text)) : py.float(n);
    }
    case 'string':
    case 'template_string': {
      if (node.namedChildren.some((c) => c?.type === 'template_substitution')) return undefined;
      const s = decodeEscapes(node.text.slice(1, -1));
      return s === undefined ? undefined : py.str(s);
    }
    case 'true':
    case 'false':
      return py.bool(node.type === 'true');
    case 'null':
    case 'undefined':
      return py.none();
    case 'unary_expression': {
      const op = node.childForFieldName('operator')?.type;
      const arg = node.childForFieldName('argument');
      const v = arg ? jsLiteralValue(arg) : undefined;
      if ((op !== '-' && op !== '+') || (v?.type !== 'int' && v?.type !== 'float')) return undefined;
      if (op === '+') return v;
      return v.type === 'int' ? py.int(-v.value) : py.float(-v.value);
    }
    case 'array': {
      const items = namedOf(node).map(jsLiteralValue);
      return items.every((x): x is PyValue => x !== undefined) ? py.list(...items) : undefined;
    }
    case 'object': {
      const entries: Array<[PyValue, PyValue]> = [];
      for (const pair of namedOf(node)) {
        const key = pair.type === 'pair' ? pair.childForFieldName('key') : null;
        const value = pair.type === 'pair' ? pair.childForFieldName('value') : null;
        if (!key || !value) return undefined;
        const k = key.type === 'property_identifier' ? py.str(key.text) : jsLiteralValue(key);
        const v = jsLiteralValue(value);
        if (k === undefined || v === undefined) return undefined;
        entries.push([k.type === 'str' ? k : py.str(k.type === 'int' ? String(k.value) : key.text), v]);
      }
      return py.dict(...entries);
    }
    default:
      return undefined;
  }
}

/** The arguments of a call's argument text (`[1, 2], 'a'`), or undefined where it does not parse as one argument list. */
export function jsCallArguments(parser: JavaScriptParser, text: string): JsArgument[] | undefined {
  return parser.withTree(`f(${text});`, (tree) => {
    if (tree.rootNode.hasError) return undefined;
    const statement = namedOf(tree.rootNode);
    const call = statement.length === 1 && statement[0].type === 'expression_statement' ? namedOf(statement[0])[0] : undefined;
    const args = call?.type === 'call_expression' ? call.childForFieldName('arguments') : null;
    if (!args) return undefined;
    return namedOf(args).map((a) => {
      const value = jsLiteralValue(a);
      return { text: a.text, ...(value !== undefined ? { value } : {}), ...(a.type === 'array' ? { items: namedOf(a).map((x) => x.text) } : {}) };
    });
  });
}

/** The argument text with the arrays at `positions` reversed, or undefined where that changes nothing (a palindrome). */
export function reversedJsArguments(args: readonly JsArgument[], positions: readonly number[]): string | undefined {
  let changed = false;
  const out = args.map((a, p) => {
    if (!positions.includes(p) || a.items === undefined) return a.text;
    const reversed = [...a.items].reverse();
    if (reversed.some((x, i) => x !== a.items![i])) changed = true;
    return `[${reversed.join(', ')}]`;
  });
  return changed ? out.join(', ') : undefined;
}
