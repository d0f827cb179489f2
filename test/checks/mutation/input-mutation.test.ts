import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_MUTATION_SETTINGS } from '../../../src/model/defaults.generated.js';
import { generateInputs, MAX_GENERATED_LENGTH, mutateValue, POOL_LIMIT_PER_TYPE, valuePool } from '../../../src/checks/mutation/input-mutation.js';
import { py, pyRepr, type PyValue } from '../../../src/checks/mutation/py-value.js';
import { seededRandom } from '../../../src/util/random.js';

function many(v: PyValue, n = 300): PyValue[] {
  const r = seededRandom(3, 'many');
  return Array.from({ length: n }, () => mutateValue(v, r)).filter((x): x is PyValue => x !== undefined);
}

test('mutateValue: ints +/- 1, floats scaled, bools flipped, None unchanged', () => {
  assert.deepEqual(new Set(many(py.int(5)).map(pyRepr)), new Set(['4', '6']));
  assert.deepEqual(new Set(many(py.float(3)).map(pyRepr)), new Set(['1.5', '6.0', '-3.0']));
  assert.deepEqual(new Set(many(py.float(0)).map(pyRepr)), new Set(['1.0', '-1.0']));
  assert.deepEqual(many(py.bool(true)).map(pyRepr)[0], 'False');
  assert.equal(mutateValue(py.none(), seededRandom(1, 'n')), undefined);
  assert.equal(mutateValue(py.list(), seededRandom(1, 'n')), undefined);
});

test('mutateValue: strings and lists lose, duplicate or gain an element; nested values mutate', () => {
  const strs = many(py.str('abc')).map((v) => (v.type === 'str' ? v.value : ''));
  assert.ok(strs.some((s) => s.length === 2) && strs.some((s) => s.length === 4));
  assert.ok(strs.every((s) => [...s].every((c) => 'abc'.includes(c))));
  assert.equal(pyRepr(mutateValue(py.str(''), seededRandom(1, 's'))!), "'a'");
  const lists = many(py.list(py.int(1), py.list(py.int(2)))).map(pyRepr);
  assert.ok(lists.includes('[1]') || lists.includes('[[2]]'), 'removal');
  assert.ok(lists.includes('[1, 1, [2]]') || lists.includes('[1, [2], [2]]'), 'duplication');
  assert.ok(lists.some((s) => s === '[1, [1]]' || s === '[1, [3]]'), 'nested mutation');
  const tuples = many(py.tuple(py.int(1), py.int(2)));
  assert.ok(tuples.every((v) => v.type === 'tuple'));
  const long = py.list(...Array.from({ length: MAX_GENERATED_LENGTH }, (_, i) => py.int(i)));
  assert.ok(many(long).every((v) => v.type === 'list' && v.items.length <= MAX_GENERATED_LENGTH), 'no growth past the cap');
});

test('mutateValue: dicts gain or lose a key, or change a value; sets stay sets without duplicates', () => {
  const dicts = many(py.dict([py.str('a'), py.int(1)], [py.str('b'), py.int(2)]));
  const sizes = new Set(dicts.map((v) => (v.type === 'dict' ? v.entries.length : -1)));
  assert.deepEqual([...sizes].sort(), [1, 2, 3]);
  for (const d of dicts) {
    assert.equal(d.type, 'dict');
    if (d.type === 'dict') assert.equal(new Set(d.entries.map(([k]) => pyRepr(k))).size, d.entries.length);
  }
  for (const s of many(py.set(py.int(1), py.int(2)))) {
    assert.equal(s.type, 'set');
    if (s.type === 'set') assert.equal(new Set(s.items.map(pyRepr)).size, s.items.length);
  }
});

test('generateInputs: deterministic, within budget, new and distinct, argument types kept', () => {
  const seeds = [
    [py.list(py.float(1), py.float(2.5)), py.float(0.3)],
    [py.list(py.float(0)), py.float(1)],
  ];
  const a = generateInputs(seeds, { seed: 9, key: 'HumanEval/0', budget: 25 });
  const b = generateInputs(seeds, { seed: 9, key: 'HumanEval/0', budget: 25 });
  assert.deepEqual(a.map((x) => x.map(pyRepr)), b.map((x) => x.map(pyRepr)));
  assert.equal(a.length, 25);
  const keys = a.map((x) => x.map(pyRepr).join(', '));
  assert.equal(new Set(keys).size, keys.length);
  for (const s of seeds) assert.ok(!keys.includes(s.map(pyRepr).join(', ')));
  for (const args of a) {
    assert.equal(args.length, 2);
    assert.equal(args[0].type, 'list');
    assert.equal(args[1].type, 'float');
  }
  const other = generateInputs(seeds, { seed: 9, key: 'HumanEval/1', budget: 25 });
  assert.notDeepEqual(other.map((x) => x.map(pyRepr)), a.map((x) => x.map(pyRepr)));
  assert.deepEqual(generateInputs([[py.none()]], { seed: 1, key: 'k', budget: 5 }), [], 'nothing to mutate: nothing generated');
  assert.deepEqual(generateInputs([[]], { seed: 1, key: 'k', budget: 5 }), []);
});

test('valuePool: every same-typed value of every call, nested ones included, distinct, first seen first', () => {
  const pool = valuePool([
    [py.int(5), py.list(py.int(2), py.int(5)), py.str('a')],
    [py.int(7), py.list(), py.dict([py.str('k'), py.int(9)])],
  ]);
  assert.deepEqual(pool.byType.get('int')?.map((e) => e.repr), ['5', '2', '7', '9']);
  assert.deepEqual(pool.byType.get('str')?.map((e) => e.repr), ["'a'", "'k'"]);
  assert.deepEqual(pool.byType.get('list')?.map((e) => e.repr), ['[2, 5]', '[]']);
  const big = valuePool([Array.from({ length: POOL_LIMIT_PER_TYPE + 10 }, (_, i) => py.int(i))]);
  assert.equal(big.byType.get('int')?.length, POOL_LIMIT_PER_TYPE);
});

test('mutateValue with a pool: +/- 1 steps, same-typed substitutes from the pool, boundary values', () => {
  const pool = valuePool([[py.int(5), py.int(40)], [py.str('x'), py.float(2.5)]]);
  const r = seededRandom(4, 'pool');
  const ints = new Set(Array.from({ length: 400 }, () => mutateValue(py.int(5), r, 0, pool)).map((v) => (v ? pyRepr(v) : '-')));
  assert.deepEqual([...ints].sort(), ['-1', '0', '1', '4', '40', '6'].sort());
  const strs = new Set(Array.from({ length: 200 }, () => mutateValue(py.str('x'), r, 0, pool)).map((v) => (v ? pyRepr(v) : '-')));
  assert.ok(strs.has("''"), 'the empty string is a boundary value');
  // Nested elements draw from the pool too.
  const lists = Array.from({ length: 400 }, () => mutateValue(py.list(py.int(5)), r, 0, pool)).map((v) => (v ? pyRepr(v) : '-'));
  assert.ok(lists.includes('[40]') && lists.includes('[]'));
});

test('generateInputs: substitution across positions and calls reaches relations +/- 1 never crosses', () => {
  // clamp(x, lo, hi) tested only with x <= hi: some generated input has x > hi (x beyond the upper bound).
  const seeds = [[5, 0, 10], [-3, 0, 10], [0, 0, 10], [7, 7, 9]].map((a) => a.map((x) => py.int(x)));
  for (const seed of [0, 1, 2]) {
    const generated = generateInputs(seeds, { seed, key: 'Demo/6' });
    assert.equal(generated.length, DEFAULT_MUTATION_SETTINGS.inputBudget);
    const above = generated.filter((args) => {
      const [x, lo, hi] = args.map((v) => (v.type === 'int' ? v.value : 0n));
      return x >= lo && x > hi;
    });
    assert.ok(above.length > 0, `seed ${seed}: ${generated.map((a) => a.map(pyRepr).join(',')).join(' | ')}`);
    for (const args of generated) assert.ok(args.every((v) => v.type === 'int'), 'types kept');
  }
  // Boundary values and substitutes do not invent types: a str-only task gets only strs.
  const strs = generateInputs([[py.str('ab'), py.str('c')]], { seed: 1, key: 's', budget: 20 });
  assert.ok(strs.length > 0 && strs.every((args) => args.every((v) => v.type === 'str')));
  assert.ok(strs.some((args) => args.some((v) => v.type === 'str' && v.value === '')), 'the empty string');
  assert.ok(strs.some((args) => pyRepr(args[0]) === "'c'" || pyRepr(args[1]) === "'ab'"), 'a value moved to another position');
});
