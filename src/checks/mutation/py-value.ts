/**
 * A model of the Python values that appear as test inputs and outputs (literals: None, bool,
 * int, float, str, list, tuple, set, dict), with Python's `repr`, Python's `==`, the EvalPlus
 * output comparison, and evaluation of literal syntax from a tree-sitter node. Pure.
 */
import { PyBigInt, PyFloat } from '../../util/python-json.js';
import type { Node } from './python-parser.js';

export type PyValue =
  | { type: 'none' }
  | { type: 'bool'; value: boolean }
  | { type: 'int'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'str'; value: string }
  | { type: 'list'; items: PyValue[] }
  | { type: 'tuple'; items: PyValue[] }
  | { type: 'set'; items: PyValue[] }
  | { type: 'dict'; entries: Array<[PyValue, PyValue]> };

export const py = {
  none: (): PyValue => ({ type: 'none' }),
  bool: (value: boolean): PyValue => ({ type: 'bool', value }),
  int: (value: bigint | number): PyValue => ({ type: 'int', value: BigInt(value) }),
  float: (value: number): PyValue => ({ type: 'float', value }),
  str: (value: string): PyValue => ({ type: 'str', value }),
  list: (...items: PyValue[]): PyValue => ({ type: 'list', items }),
  tuple: (...items: PyValue[]): PyValue => ({ type: 'tuple', items }),
  set: (...items: PyValue[]): PyValue => ({ type: 'set', items }),
  dict: (...entries: Array<[PyValue, PyValue]>): PyValue => ({ type: 'dict', entries }),
};

// ---------------------------------------------------------------------------------------------
// repr

/** Python's `repr(float)`: shortest round-trip digits, scientific below 1e-4 and from 1e16 on. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "float('nan')";
  if (x === Infinity) return "float('inf')";
  if (x === -Infinity) return "-float('inf')";
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e');
  const exp = Number(exponent);
  const digits = mantissa.replace('.', '');
  // CPython float_repr_style 'short': repr switches to exponent notation when exp < -4 or exp >= 16.
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fraction = digits.slice(exp + 1);
  return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
}

/** Characters `str.isprintable()` rejects (other, separators except the ASCII space). */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's `repr(str)`: single quotes unless the text has ' and no ". */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f || ch === ' ') out += ch;
    else if (!NOT_PRINTABLE.test(ch)) out += ch;
    else if (code <= 0xff) out += `\\x${hex(code, 2)}`;
    else if (code <= 0xffff) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return out + quote;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Python source for the value (what `repr` prints, except non-finite floats, written as `float('inf')`). */
export function pyRepr(v: PyValue): string {
  switch (v.type) {
    case 'none':
      return 'None';
    case 'bool':
      return v.value ? 'True' : 'False';
    case 'int':
      return v.value.toString();
    case 'float':
      return floatRepr(v.value);
    case 'str':
      return strRepr(v.value);
    case 'list':
      return `[${v.items.map(pyRepr).join(', ')}]`;
    case 'tuple':
      return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : `(${v.items.map(pyRepr).join(', ')})`;
    case 'set':
      return v.items.length === 0 ? 'set()' : `{${v.items.map(pyRepr).join(', ')}}`;
    case 'dict':
      return `{${v.entries.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ')}}`;
  }
}

/** Python source for a call with positional arguments: `f(1, [2])`. */
export function callRepr(callee: string, args: readonly PyValue[]): string {
  return `${callee}(${args.map(pyRepr).join(', ')})`;
}

// ---------------------------------------------------------------------------------------------
// equality

type Numeric = { kind: 'int'; value: bigint } | { kind: 'float'; value: number };

function numeric(v: PyValue): Numeric | undefined {
  if (v.type === 'bool') return { kind: 'int', value: v.value ? 1n : 0n };
  if (v.type === 'int') return { kind: 'int', value: v.value };
  if (v.type === 'float') return { kind: 'float', value: v.value };
  return undefined;
}

function numericEquals(a: Numeric, b: Numeric): boolean {
  if (a.kind === 'int' && b.kind === 'int') return a.value === b.value;
  if (a.kind === 'float' && b.kind === 'float') return a.value === b.value;
  const i = a.kind === 'int' ? a.value : (b.value as bigint);
  const f = a.kind === 'float' ? a.value : (b.value as number);
  return Number.isInteger(f) && BigInt(f) === i;
}

/** Python `a == b` for the modelled types (bool is an int; 1 == 1.0; list != tuple; NaN != NaN). */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) return na !== undefined && nb !== undefined && numericEquals(na, nb);
  switch (a.type) {
    case 'none':
      return b.type === 'none';
    case 'str':
      return b.type === 'str' && a.value === b.value;
    case 'list':
    case 'tuple':
      return b.type === a.type && a.items.length === b.items.length && a.items.every((x, i) => pyEquals(x, b.items[i]));
    case 'set':
      return b.type === 'set' && a.items.length === b.items.length && a.items.every((x) => b.items.some((y) => pyEquals(x, y)));
    case 'dict':
      return (
        b.type === 'dict' &&
        a.entries.length === b.entries.length &&
        a.entries.every(([k, x]) => b.entries.some(([l, y]) => pyEquals(k, l) && pyEquals(x, y)))
      );
    default:
      return false;
  }
}

/** EvalPlus `is_floats`: a float, or a non-empty list/tuple of floats. */
export function isFloats(v: PyValue): boolean {
  if (v.type === 'float') return true;
  return (v.type === 'list' || v.type === 'tuple') && v.items.length > 0 && v.items.every((x) => x.type === 'float');
}

/** EvalPlus enforces this atol for float outputs when the task gives none (evalplus/evaluate.py). */
export const EVALPLUS_DEFAULT_FLOAT_ATOL = 1e-6;
/** The rtol EvalPlus passes to np.allclose, "to match np.testing.assert_allclose's default". */
export const EVALPLUS_RTOL = 1e-7;

/**
 * EvalPlus's output check (evalplus `unsafe_execute`): exact `==`; for float outputs, when not
 * equal, same Python type, same length, and np.allclose(out, exp, rtol=1e-7, atol).
 */
export function evalplusOutputsMatch(expected: PyValue, actual: PyValue, atol = 0): boolean {
  if (pyEquals(actual, expected)) return true;
  const tolerance = atol === 0 && isFloats(expected) ? EVALPLUS_DEFAULT_FLOAT_ATOL : atol;
  if (tolerance === 0 || actual.type !== expected.type) return false;
  const close = (a: PyValue, b: PyValue): boolean => {
    const x = numeric(a);
    const y = numeric(b);
    if (x === undefined || y === undefined) return false; // np.allclose raises on non-numbers: a failure
    const xv = Number(x.value);
    const yv = Number(y.value);
    return Math.abs(xv - yv) <= tolerance + EVALPLUS_RTOL * Math.abs(yv);
  };
  if (actual.type === 'list' || actual.type === 'tuple') {
    const exp = expected as Extract<PyValue, { type: 'list' | 'tuple' }>;
    return actual.items.length === exp.items.length && actual.items.every((x, i) => close(x, exp.items[i]));
  }
  return close(actual, expected);
}

// ---------------------------------------------------------------------------------------------
// literal evaluation

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decode a (non-raw) Python str literal body; undefined for \N{...}, which needs the Unicode name table. */
export function decodeEscapes(body: string): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (Object.hasOwn(SIMPLE_ESCAPES, next)) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next === '\r' && body[i + 2] === '\n') {
      i += 2;
    } else if (/[0-7]/.test(next)) {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(m, 8));
      i += m.length;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const digits = body.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) return undefined;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      i += 1 + width;
    } else if (next === 'N') {
      return undefined;
    } else {
      out += ch; // unknown escapes keep the backslash, as Python does
    }
  }
  return out;
}

function stringLiteral(node: Node): string | undefined {
  const start = node.children.find((c) => c?.type === 'string_start');
  const end = node.children.find((c) => c?.type === 'string_end');
  if (!start || !end || node.children.some((c) => c?.type === 'interpolation')) return undefined;
  const prefix = start.text.replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('b') || prefix.includes('f')) return undefined; // bytes and f-strings are not modelled
  const body = node.text.slice(start.text.length, node.text.length - end.text.length);
  return prefix.includes('r') ? body : decodeEscapes(body);
}

function integerLiteral(text: string): bigint | undefined {
  const t = text.replaceAll('_', '');
  if (/[jJlL]$/.test(t)) return undefined;
  if (/^0[xob]/i.test(t)) return BigInt(t.toLowerCase());
  return /^\d+$/.test(t) ? BigInt(t) : undefined;
}

function negateValue(v: PyValue): PyValue | undefined {
  if (v.type === 'int') return py.int(-v.value);
  if (v.type === 'float') return py.float(-v.value);
  if (v.type === 'bool') return py.int(v.value ? -1n : 0n);
  return undefined;
}

/** The value of a literal expression (incl. negative numbers, containers, float('inf')), or undefined. */
export function literalValue(node: Node): PyValue | undefined {
  const children = (): Node[] => node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const all = (nodes: Node[]): PyValue[] | undefined => {
    const out: PyValue[] = [];
    for (const n of nodes) {
      const v = literalValue(n);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  };
  switch (node.type) {
    case 'none':
      return py.none();
    case 'true':
      return py.bool(true);
    case 'false':
      return py.bool(false);
    case 'integer': {
      const v = integerLiteral(node.text);
      return v === undefined ? undefined : py.int(v);
    }
    case 'float':
      return /[jJ]$/.test(node.text) ? undefined : py.float(Number(node.text.replaceAll('_', '')));
    case 'string': {
      const s = stringLiteral(node);
      return s === undefined ? undefined : py.str(s);
    }
    case 'concatenated_string': {
      const parts = children().map(stringLiteral);
      return parts.every((p): p is string => p !== undefined) ? py.str(parts.join('')) : undefined;
    }
    case 'unary_operator': {
      const op = node.childForFieldName('operator')?.type;
      const arg = node.childForFieldName('argument');
      const v = arg === null ? undefined : literalValue(arg);
      if (v === undefined || numeric(v) === undefined) return undefined;
      if (op === '+') return v.type === 'bool' ? py.int(v.value ? 1n : 0n) : v;
      return op === '-' ? negateValue(v) : undefined;
    }
    case 'parenthesized_expression': {
      const inner = children();
      return inner.length === 1 ? literalValue(inner[0]) : undefined;
    }
    case 'list':
    case 'tuple':
    case 'set': {
      const items = all(children());
      return items === undefined ? undefined : { type: node.type, items };
    }
    case 'dictionary': {
      const entries: Array<[PyValue, PyValue]> = [];
      for (const pair of children()) {
        if (pair.type !== 'pair') return undefined;
        const k = pair.childForFieldName('key');
        const v = pair.childForFieldName('value');
        const kv = k === null ? undefined : literalValue(k);
        const vv = v === null ? undefined : literalValue(v);
        if (kv === undefined || vv === undefined) return undefined;
        entries.push([kv, vv]);
      }
      return { type: 'dict', entries };
    }
    case 'call': {
      // float('inf'), float('-inf'), float('nan'): how tests write non-finite floats
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments');
      if (fn?.text !== 'float' || args === null || args.namedChildCount !== 1) return undefined;
      const arg = args.namedChild(0);
      const v = arg === null ? undefined : literalValue(arg);
      if (v?.type !== 'str') return undefined;
      const t = v.value.trim().toLowerCase();
      const special: Record<string, number> = { inf: Infinity, '+inf': Infinity, '-inf': -Infinity, infinity: Infinity, '-infinity': -Infinity, nan: NaN };
      if (Object.hasOwn(special, t)) return py.float(special[t]);
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A JSON value (EvalPlus `base_input`/`plus_input` after JSON.parse) as a Python value, as
 * Python's json.loads would give it. Caveat: JS parsing loses the int/float distinction of
 * integral floats (`1.0` arrives as 1), so those become ints; pass the raw JSON to Python when
 * that matters.
 */
/**
 * A one-key tag of the typed input form (tuple, set, frozenset, dict, int, float); null when the
 * object is not a tag, undefined when it is one this model has no value for (complex).
 */
function fromTag(value: Record<string, unknown>): PyValue | undefined | null {
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const body = value[keys[0]];
  const list = (xs: unknown): PyValue[] | undefined => {
    if (!Array.isArray(xs)) return undefined;
    const items = xs.map(fromJson);
    return items.every((x): x is PyValue => x !== undefined) ? items : undefined;
  };
  switch (keys[0]) {
    case 'tuple':
    case 'set':
    case 'frozenset': {
      const items = list(body);
      if (!Array.isArray(body)) return null;
      return items && (keys[0] === 'tuple' ? py.tuple(...items) : py.set(...items));
    }
    case 'dict': {
      if (!Array.isArray(body)) return null;
      const entries: Array<[PyValue, PyValue]> = [];
      for (const pair of body) {
        const kv = list(pair);
        if (kv === undefined || kv.length !== 2) return undefined;
        entries.push([kv[0], kv[1]]);
      }
      return py.dict(...entries);
    }
    case 'int':
      return typeof body === 'string' && /^-?\d+$/.test(body) ? py.int(BigInt(body)) : null;
    case 'float':
      return body === 'nan' ? py.float(NaN) : body === 'inf' ? py.float(Infinity) : body === '-inf' ? py.float(-Infinity) : null;
    case 'complex':
      return Array.isArray(body) ? undefined : null;
    default:
      return null;
  }
}

export function fromJson(value: unknown): PyValue | undefined {
  if (value === null) return py.none();
  // Exact Python numbers kept by the data reader (integral floats, integers beyond 2^53).
  if (value instanceof PyFloat) return py.float(value.value);
  if (value instanceof PyBigInt) return py.int(BigInt(value.text));
  if (typeof value === 'boolean') return py.bool(value);
  if (typeof value === 'number') return Number.isInteger(value) ? py.int(BigInt(value)) : py.float(value);
  if (typeof value === 'string') return py.str(value);
  if (Array.isArray(value)) {
    const items = value.map(fromJson);
    return items.every((x): x is PyValue => x !== undefined) ? py.list(...items) : undefined;
  }
  if (typeof value === 'object') {
    const tagged = fromTag(value as Record<string, unknown>);
    if (tagged !== null) return tagged;
    const entries: Array<[PyValue, PyValue]> = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const pv = fromJson(v);
      if (pv === undefined) return undefined;
      entries.push([py.str(k), pv]);
    }
    return py.dict(...entries);
  }
  return undefined;
}
