/**
 * Type-aware input mutation (EvalPlus, Liu et al. 2023, section 2.1): new test inputs made by
 * mutating the inputs the benchmark's tests already use — ints +/- 1, floats scaled, strings and
 * lists with an element removed, duplicated or inserted, dicts with a key added or removed,
 * recursively inside containers — and by substituting a value with another of the same type:
 * one seen anywhere in the task's test inputs (another argument position, another call, an
 * element of a container) or a boundary value (0, 1, -1, empty). Two mutations may be composed.
 * Substitution is what reaches relations between arguments that +/- 1 steps from the tests'
 * values never cross (`clamp(x, lo, hi)` tested only with x <= hi gets an x above hi).
 * Deterministic for a given seed and key. Pure.
 */
import { DEFAULT_MUTATION_SETTINGS } from '../../model/defaults.generated.js';
import { pyRepr, type PyValue } from './py-value.js';
import { seededRandom, type Random } from '../../util/random.js';

/** Tries per wanted input before giving up (mutations can repeat or be impossible, e.g. on None). */
export const ATTEMPTS_PER_INPUT = 10;
/** Collections and strings are not grown beyond this many elements (keeps generated inputs cheap to run). */
export const MAX_GENERATED_LENGTH = 64;
/** Float scaling factors: halve, double, negate. */
const FLOAT_FACTORS = [0.5, 2, -1] as const;
/** Recursion limit for mutating nested containers. */
const MAX_DEPTH = 8;
/** Distinct values kept per type in a task's value pool (first seen first): bounds work on tests with huge literals. */
export const POOL_LIMIT_PER_TYPE = 64;
/** One generated input in this many composes two mutations (EvalPlus stacks mutations; two reach what one step cannot). */
const COMPOSE_ONE_IN = 3;
/** Boundary values per type: the classic off-by-one and emptiness edges. */
const BOUNDARY_VALUES: Partial<Record<PyValue['type'], readonly PyValue[]>> = {
  int: [0n, 1n, -1n].map((value) => ({ type: 'int', value })),
  float: [0, 1, -1].map((value) => ({ type: 'float', value })),
  str: [{ type: 'str', value: '' }],
  list: [{ type: 'list', items: [] }],
  tuple: [{ type: 'tuple', items: [] }],
  set: [{ type: 'set', items: [] }],
  dict: [{ type: 'dict', entries: [] }],
};
/** Relative weights of the mutation kinds: type-aware step, substitution from the pool, boundary value. */
const WEIGHTS = { step: 2, pool: 2, boundary: 1 } as const;

/**
 * Same-typed values seen in a task's inputs, by type, distinct by repr, in first-seen order:
 * every argument of every call, and every element, key and value nested inside them.
 */
export interface ValuePool {
  readonly byType: ReadonlyMap<PyValue['type'], readonly PoolEntry[]>;
}

interface PoolEntry {
  value: PyValue;
  repr: string;
}

export function valuePool(inputs: readonly (readonly PyValue[])[]): ValuePool {
  const byType = new Map<PyValue['type'], PoolEntry[]>();
  const add = (v: PyValue, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const list = byType.get(v.type) ?? [];
    if (list.length < POOL_LIMIT_PER_TYPE) {
      const repr = pyRepr(v);
      if (!list.some((e) => e.repr === repr)) {
        list.push({ value: v, repr });
        byType.set(v.type, list);
      }
    }
    if (v.type === 'list' || v.type === 'tuple' || v.type === 'set') for (const x of v.items) add(x, depth + 1);
    else if (v.type === 'dict') {
      for (const [k, x] of v.entries) {
        add(k, depth + 1);
        add(x, depth + 1);
      }
    }
  };
  for (const args of inputs) for (const v of args) add(v, 0);
  return { byType };
}

/**
 * One mutation of `v`, or undefined when the type offers none (None, empty containers of unknown
 * type). Without a pool: a type-aware step. With a pool: a type-aware step (whose nested element
 * mutations use the pool too), a substitution by another same-typed value from the pool, or a
 * boundary value, chosen at random.
 */
export function mutateValue(v: PyValue, random: Random, depth = 0, pool?: ValuePool): PyValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (pool === undefined) return stepValue(v, random, depth, undefined);
  const text = pyRepr(v);
  const substitutes = (pool.byType.get(v.type) ?? []).filter((e) => e.repr !== text).map((e) => e.value);
  const boundaries = (BOUNDARY_VALUES[v.type] ?? []).filter((x) => pyRepr(x) !== text);
  const r = random.int(WEIGHTS.step + WEIGHTS.pool + WEIGHTS.boundary);
  if (r >= WEIGHTS.step && r < WEIGHTS.step + WEIGHTS.pool && substitutes.length > 0) return random.pick(substitutes);
  if (r >= WEIGHTS.step + WEIGHTS.pool && boundaries.length > 0) return random.pick(boundaries);
  return stepValue(v, random, depth, pool);
}

/** The type-aware step: ints +/- 1, floats scaled, bools flipped, containers edited. */
function stepValue(v: PyValue, random: Random, depth: number, pool: ValuePool | undefined): PyValue | undefined {
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
      const items = mutateSequence(v.items, random, depth, v.type === 'set', pool);
      return items === undefined ? undefined : { type: v.type, items };
    }
    case 'dict':
      return mutateDict(v.entries, random, depth, pool);
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
function mutateSequence(items: readonly PyValue[], random: Random, depth: number, isSet: boolean, pool: ValuePool | undefined): PyValue[] | undefined {
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
    const m = mutateValue(out[i], random, depth + 1, pool);
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

function mutateDict(entries: ReadonlyArray<[PyValue, PyValue]>, random: Random, depth: number, pool: ValuePool | undefined): PyValue | undefined {
  if (entries.length === 0) return undefined;
  const out = entries.map(([k, v]) => [k, v] as [PyValue, PyValue]);
  const i = random.int(out.length);
  const op = random.int(out.length < MAX_GENERATED_LENGTH ? 3 : 2);
  if (op === 0) {
    out.splice(i, 1);
  } else if (op === 1) {
    const m = mutateValue(out[i][1], random, depth + 1, pool);
    if (m === undefined) return undefined;
    out[i] = [out[i][0], m];
  } else {
    const key = mutateValue(out[i][0], random, depth + 1, pool);
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
 * none equal (by repr) to a seed or to each other. Each takes a seed or an earlier generated
 * input (mutations stack, as in EvalPlus's mutation loop) and mutates one argument, or two
 * (possibly the same one twice), drawing substitutes from the pool of values in all the seeds.
 */
export function generateInputs(seeds: readonly PyValue[][], options: GenerateInputsOptions): PyValue[][] {
  const budget = options.budget ?? DEFAULT_MUTATION_SETTINGS.inputBudget;
  const random = seededRandom(options.seed, `inputs\0${options.key}`);
  const seen = new Set(seeds.map(argsKey));
  const bases = seeds.filter((args) => args.length > 0);
  const values = valuePool(bases);
  const out: PyValue[][] = [];
  for (let attempt = 0; out.length < budget && bases.length > 0 && attempt < budget * ATTEMPTS_PER_INPUT; attempt++) {
    const args = [...random.pick(bases)];
    const steps = random.int(COMPOSE_ONE_IN) === 0 ? 2 : 1;
    let changed = false;
    for (let s = 0; s < steps; s++) {
      const j = random.int(args.length);
      const m = mutateValue(args[j], random, 0, values);
      if (m === undefined) continue;
      args[j] = m;
      changed = true;
    }
    if (!changed) continue;
    const k = argsKey(args);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(args);
    bases.push(args);
  }
  return out;
}

function argsKey(args: readonly PyValue[]): string {
  return args.map(pyRepr).join(', ');
}
