/**
 * Type-aware input mutation (EvalPlus, Liu et al. 2023, section 2.1): new test inputs made by
 * mutating the inputs the benchmark's tests already use — ints +/- 1, floats scaled, strings and
 * lists with an element removed, duplicated or inserted, dicts with a key added or removed,
 * recursively inside containers. Deterministic for a given seed and key. Pure.
 */
import { pyRepr, type PyValue } from './py-value.js';
import { seededRandom, type Random } from './random.js';

/** Generated inputs per task when the config gives no budget (EvalPlus runs ~ hundreds; we sort survivors, not rank models). */
export const DEFAULT_INPUT_BUDGET = 30;
/** Tries per wanted input before giving up (mutations can repeat or be impossible, e.g. on None). */
export const ATTEMPTS_PER_INPUT = 10;
/** Collections and strings are not grown beyond this many elements (keeps generated inputs cheap to run). */
export const MAX_GENERATED_LENGTH = 64;
/** Float scaling factors: halve, double, negate. */
const FLOAT_FACTORS = [0.5, 2, -1] as const;
/** Recursion limit for mutating nested containers. */
const MAX_DEPTH = 8;

/** One mutation of `v`, or undefined when the type offers none (None, empty containers of unknown type). */
export function mutateValue(v: PyValue, random: Random, depth = 0): PyValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (v.type) {
    case 'none':
      return undefined;
    case 'bool':
      return { type: 'bool', value: !v.value };
    case 'int':
      return { type: 'int', value: v.value + (random.int(2) === 0 ? 1n : -1n) };
    case 'float':
      return { type: 'float', value: v.value === 0 ? random.pick([1, -1]) : v.value * random.pick(FLOAT_FACTORS) };
    case 'str':
      return mutateString(v.value, random);
    case 'list':
    case 'tuple':
    case 'set': {
      const items = mutateSequence(v.items, random, depth, v.type === 'set');
      return items === undefined ? undefined : { type: v.type, items };
    }
    case 'dict':
      return mutateDict(v.entries, random, depth);
  }
}

function mutateString(s: string, random: Random): PyValue | undefined {
  const chars = [...s];
  if (chars.length === 0) return { type: 'str', value: 'a' };
  const i = random.int(chars.length);
  const ops = chars.length < MAX_GENERATED_LENGTH ? 3 : 1;
  switch (random.int(ops)) {
    case 0:
      chars.splice(i, 1);
      break;
    case 1:
      chars.splice(i, 0, chars[i]);
      break;
    default:
      chars.splice(random.int(chars.length + 1), 0, random.pick(chars));
  }
  return { type: 'str', value: chars.join('') };
}

/** Remove, duplicate, insert a mutated copy of, or mutate in place, one element. */
function mutateSequence(items: readonly PyValue[], random: Random, depth: number, isSet: boolean): PyValue[] | undefined {
  if (items.length === 0) return undefined;
  const out = [...items];
  const i = random.int(out.length);
  const canGrow = out.length < MAX_GENERATED_LENGTH;
  const op = random.int(canGrow ? 4 : 2);
  if (op === 0) {
    out.splice(i, 1);
    return out;
  }
  if (op === 1 || op === 3) {
    const m = mutateValue(out[i], random, depth + 1);
    if (m === undefined) return undefined;
    if (op === 1) out[i] = m;
    else out.splice(random.int(out.length + 1), 0, m);
  } else {
    if (isSet) return undefined; // a duplicate is no change for a set
    out.splice(i, 0, out[i]);
  }
  if (isSet && new Set(out.map(pyRepr)).size !== out.length) return undefined;
  return out;
}

function mutateDict(entries: ReadonlyArray<[PyValue, PyValue]>, random: Random, depth: number): PyValue | undefined {
  if (entries.length === 0) return undefined;
  const out = entries.map(([k, v]) => [k, v] as [PyValue, PyValue]);
  const i = random.int(out.length);
  const op = random.int(out.length < MAX_GENERATED_LENGTH ? 3 : 2);
  if (op === 0) {
    out.splice(i, 1);
  } else if (op === 1) {
    const m = mutateValue(out[i][1], random, depth + 1);
    if (m === undefined) return undefined;
    out[i] = [out[i][0], m];
  } else {
    const key = mutateValue(out[i][0], random, depth + 1);
    if (key === undefined || out.some(([k]) => pyRepr(k) === pyRepr(key))) return undefined;
    out.push([key, out[i][1]]);
  }
  return { type: 'dict', entries: out };
}

export interface GenerateInputsOptions {
  seed: number;
  /** Mixed into the seed (the task id), so tasks get independent streams. */
  key: string;
  budget?: number;
}

/**
 * Up to `budget` new argument lists derived from `seeds` (each a list of positional arguments),
 * none equal (by repr) to a seed or to each other. Mutations stack: later inputs may derive from
 * earlier generated ones, as in EvalPlus's mutation loop.
 */
export function generateInputs(seeds: readonly PyValue[][], options: GenerateInputsOptions): PyValue[][] {
  const budget = options.budget ?? DEFAULT_INPUT_BUDGET;
  const random = seededRandom(options.seed, `inputs\0${options.key}`);
  const seen = new Set(seeds.map(argsKey));
  const pool = seeds.filter((args) => args.length > 0);
  const out: PyValue[][] = [];
  for (let attempt = 0; out.length < budget && pool.length > 0 && attempt < budget * ATTEMPTS_PER_INPUT; attempt++) {
    const base = random.pick(pool);
    const j = random.int(base.length);
    const m = mutateValue(base[j], random);
    if (m === undefined) continue;
    const args = [...base];
    args[j] = m;
    const k = argsKey(args);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(args);
    pool.push(args);
  }
  return out;
}

function argsKey(args: readonly PyValue[]): string {
  return args.map(pyRepr).join(', ');
}
