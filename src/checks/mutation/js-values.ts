/**
 * Python values (the sandbox's encoding) as the JavaScript values a translated reference would return, and equality
 * between them: how a HumanEval-X reference is compared with its Python original.
 */
import type { EncodedValue } from '../../sandbox/types.js';

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
