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
