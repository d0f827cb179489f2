/**
 * Python test inputs (EvalPlus `plus_input`, read by util/python-json) as JavaScript source, so a JavaScript
 * translation can be called on them. Lists become arrays, dicts objects, integral floats and big integers numbers
 * (JavaScript has one number type: what HumanEval-X's translations take). Pure.
 */
import { PyBigInt, PyFloat } from '../util/python-json.js';

export interface LiteralOptions {
  /**
   * Refuse integral floats (`3.0`): JavaScript cannot tell them from ints, so a Python function that does (HumanEval's
   * any_int) would be compared on another input than it was given.
   */
  exactNumbers?: boolean;
}

/** JavaScript source for `value`, or undefined when it has no JavaScript counterpart the translations accept. */
export function toJsLiteral(value: unknown, options: LiteralOptions = {}): string | undefined {
  if (value === null) return 'null';
  if (value instanceof PyFloat) return options.exactNumbers ? undefined : numberLiteral(value.value);
  if (value instanceof PyBigInt) return value.text;
  switch (typeof value) {
    case 'boolean':
      return String(value);
    case 'number':
      return numberLiteral(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      const tagged = fromTag(value as Record<string, unknown>, options);
      if (tagged !== NOT_A_TAG) return tagged;
      if (Array.isArray(value)) {
        const items = value.map((v) => toJsLiteral(v, options));
        return items.every((x) => x !== undefined) ? `[${items.join(', ')}]` : undefined;
      }
      const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
        const literal = toJsLiteral(v, options);
        return literal === undefined ? undefined : `${JSON.stringify(k)}: ${literal}`;
      });
      return entries.every((x) => x !== undefined) ? `{${entries.join(', ')}}` : undefined;
    }
    default:
      return undefined;
  }
}

const NOT_A_TAG = Symbol('not a tag');

/**
 * The typed form's one-key tags (the EvalPlus adapter tags every dict as `{dict: pairs}`, so no dict can pass for a
 * tag): dicts become objects (string or number keys only), tuples arrays; sets, complex numbers and other tags have
 * no counterpart the translations take.
 */
function fromTag(value: Record<string, unknown>, options: LiteralOptions): string | undefined | typeof NOT_A_TAG {
  if (Array.isArray(value)) return NOT_A_TAG;
  const keys = Object.keys(value);
  if (keys.length !== 1) return NOT_A_TAG;
  const [tag] = keys;
  const inner = value[tag];
  switch (tag) {
    case 'dict': {
      if (!Array.isArray(inner)) return NOT_A_TAG;
      const entries: string[] = [];
      for (const pair of inner) {
        if (!Array.isArray(pair) || pair.length !== 2 || (typeof pair[0] !== 'string' && typeof pair[0] !== 'number')) return undefined;
        const literal = toJsLiteral(pair[1], options);
        if (literal === undefined) return undefined;
        entries.push(`${JSON.stringify(String(pair[0]))}: ${literal}`);
      }
      return `{${entries.join(', ')}}`;
    }
    case 'tuple':
      return Array.isArray(inner) ? toJsLiteral(inner, options) : NOT_A_TAG;
    case 'int':
      return typeof inner === 'string' && /^-?\d+$/.test(inner) && Number.isSafeInteger(Number(inner)) ? inner : undefined;
    case 'float':
      return options.exactNumbers ? undefined : inner === 'nan' ? 'NaN' : inner === 'inf' ? 'Infinity' : inner === '-inf' ? '-Infinity' : undefined;
    case 'set':
    case 'frozenset':
    case 'complex':
      return undefined;
    default:
      return NOT_A_TAG;
  }
}

function numberLiteral(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return 'Infinity';
  if (n === Number.NEGATIVE_INFINITY) return '-Infinity';
  return Object.is(n, -0) ? '-0' : String(n);
}

/** An argument list as JavaScript call arguments, or undefined if any argument has no counterpart. */
export function toJsArguments(args: readonly unknown[], options: LiteralOptions = {}): string | undefined {
  const items = args.map((v) => toJsLiteral(v, options));
  return items.every((x) => x !== undefined) ? items.join(', ') : undefined;
}
