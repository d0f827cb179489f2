import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { FIND_ZERO_MIN_ATOL, propertyAccepts, propertyAssert, propertyConfirms, propertyOracleFor, sameSet, type PropertyOracle } from '../../../src/checks/mutation/property-oracle.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { py, pyRepr, type PyValue } from '../../../src/checks/mutation/py-value.js';

const findZero = { id: 'HumanEval/32', entryPoint: 'find_zero', inputs: { atol: 0.0001 } };
const similar = { id: 'Mbpp/2', entryPoint: 'similar_elements', inputs: { atol: 0 } };

test('a property is named only with EvalPlus data and tests that compare no literal', () => {
  assert.deepEqual(propertyOracleFor(findZero, false), { name: 'find-zero', atol: 0.0001 });
  assert.deepEqual(propertyOracleFor(similar, false), { name: 'set-eq' });
  assert.deepEqual(propertyOracleFor({ id: 'Mbpp/769', entryPoint: 'Diff' }, false), { name: 'set-eq' });
  // Without a sibling (HumanEval alone, MBPP alone) nothing names the property.
  assert.equal(propertyOracleFor(undefined, false), undefined);
  // Tests that compare to literals keep equality asserts (MBPP+'s Mbpp/2 compares `== (4, 5)`).
  assert.equal(propertyOracleFor(findZero, true), undefined);
  assert.equal(propertyOracleFor(similar, true), undefined);
  assert.equal(propertyOracleFor({ id: 'HumanEval/33', entryPoint: 'sort_third' }, false), undefined);
  // Other named oracles are not properties this suite writes.
  assert.equal(propertyOracleFor({ id: 'Mbpp/164', entryPoint: 'are_equivalent' }, false), undefined);
  assert.equal(propertyOracleFor({ id: 'Mbpp/787', entryPoint: 'text_match_three' }, false), undefined);
  // The entry point decides within MBPP+, as in EvalPlus: is_Diff is not Diff.
  assert.equal(propertyOracleFor({ id: 'Mbpp/77', entryPoint: 'is_Diff' }, false), undefined);
  // A set-eq task with a float tolerance: EvalPlus then also accepts close floats in order, which no set assert states.
  assert.equal(propertyOracleFor({ ...similar, inputs: { atol: 1e-6 } }, false), undefined);
  // No atol in the data: EvalPlus's float default.
  const noAtol = propertyOracleFor({ id: 'HumanEval/32', entryPoint: 'find_zero' }, false);
  assert.equal(noAtol?.name === 'find-zero' ? noAtol.atol : undefined, FIND_ZERO_MIN_ATOL);
});

test('find-zero holds on any root within atol, not on a non-root or a non-number', () => {
  const oracle: PropertyOracle = { name: 'find-zero', atol: 0.0001 };
  // (x - 1)(x - 2)(x - 3): every root passes, the reference's or another.
  const xs = [py.list(py.int(-6), py.int(11), py.int(-6), py.int(1))];
  const root = py.float(1);
  for (const r of [1, 2, 3]) assert.ok(propertyAccepts(oracle, xs, root, py.float(r)));
  assert.ok(propertyAccepts(oracle, xs, root, py.int(2)));
  assert.ok(propertyAccepts(oracle, xs, root, py.float(1 + 1e-5)));
  assert.ok(!propertyAccepts(oracle, xs, root, py.float(1.5)));
  assert.ok(!propertyAccepts(oracle, xs, root, py.float(1 + 1e-3)));
  assert.ok(!propertyAccepts(oracle, xs, root, py.none()));
  assert.ok(!propertyAccepts(oracle, xs, root, undefined));
  assert.ok(!propertyAccepts(oracle, xs, root, py.float(Number.NaN)));
  assert.ok(!propertyAccepts(oracle, [py.str('x')], root, py.float(0)));
  // The reference's answer stands as the expected value only where it is a root itself.
  assert.ok(propertyConfirms(oracle, xs, py.float(3)));
  assert.ok(!propertyConfirms(oracle, xs, py.float(2.5)));
});

test('set-eq accepts the same elements in any order or collection, and kills a missing, extra or non-collection answer', () => {
  const oracle: PropertyOracle = { name: 'set-eq' };
  const args = [py.tuple(py.int(3), py.int(4), py.int(5), py.int(6)), py.tuple(py.int(5), py.int(7), py.int(4), py.int(10))];
  const expected = py.tuple(py.int(4), py.int(5));
  // Another order, another collection, repeats, 5.0 for 5 and True for 1 are the same set in Python: not killed.
  for (const got of [py.tuple(py.int(5), py.int(4)), py.list(py.int(4), py.int(5)), py.set(py.int(5), py.int(4)), py.list(py.int(4), py.int(4), py.int(5)), py.tuple(py.int(4), py.float(5))]) {
    assert.ok(propertyAccepts(oracle, args, expected, got), pyRepr(got));
  }
  assert.ok(propertyAccepts(oracle, [], py.list(py.int(1), py.int(2)), py.list(py.bool(true), py.int(2))));
  // Missing, extra or other elements, or an answer set() refuses (None raises, a list element is unhashable): killed.
  for (const got of [py.tuple(py.int(4)), py.tuple(py.int(4), py.int(5), py.int(6)), py.tuple(py.int(4), py.int(6)), py.tuple(), py.none(), py.int(4), py.list(py.list(py.int(4)), py.int(5))]) {
    assert.ok(!propertyAccepts(oracle, args, expected, got), pyRepr(got));
  }
  // What it cannot decide is never a kill: an opaque answer, a set element (a frozenset is hashable, a set is not).
  assert.ok(propertyAccepts(oracle, args, expected, undefined));
  assert.ok(propertyAccepts(oracle, args, expected, py.list(py.set(py.int(4)))));
  // Strings: set() of a str is its characters; words compare as strings.
  const words = py.list(py.str('Please'), py.str('move'));
  assert.ok(propertyAccepts(oracle, [], words, py.tuple(py.str('move'), py.str('Please'))));
  assert.ok(!propertyAccepts(oracle, [], words, py.str('Please move')));
});

test('set-eq confirms an expected value set() takes and that holds no float', () => {
  const oracle: PropertyOracle = { name: 'set-eq' };
  assert.ok(propertyConfirms(oracle, [], py.tuple(py.int(4), py.int(5))));
  assert.ok(propertyConfirms(oracle, [], py.list()));
  assert.ok(propertyConfirms(oracle, [], py.set(py.str('a'), py.tuple(py.int(1), py.str('b')))));
  assert.ok(!propertyConfirms(oracle, [], py.none()));
  assert.ok(!propertyConfirms(oracle, [], py.int(3)));
  assert.ok(!propertyConfirms(oracle, [], py.list(py.list(py.int(1)))));
  assert.ok(!propertyConfirms(oracle, [], py.list(py.set(py.int(1)))));
  // EvalPlus compares a float answer within a tolerance where the set comparison fails; a set assert would not.
  assert.ok(!propertyConfirms(oracle, [], py.list(py.float(0.5), py.int(1))));
});

test('the assert states the property and parses as one Python assert', async () => {
  const parser = await loadPythonParser();
  const parses = (line: string) =>
    parser.withTree(line + '\n', (tree) => {
      assert.ok(!tree.rootNode.hasError, line);
      assert.equal(tree.rootNode.namedChild(0)?.type, 'assert_statement');
    });
  const zero: PropertyOracle = { name: 'find-zero', atol: 0.0001 };
  const line = propertyAssert(zero, 'candidate', [py.list(py.int(-10), py.int(-2))], py.float(-5));
  assert.equal(line, 'assert abs(poly([-10, -2], candidate([-10, -2]))) <= 0.0001');
  parses(line);
  assert.equal(propertyAssert({ name: 'find-zero', atol: 1e-6 }, 'find_zero', [py.list(py.int(1), py.int(2))], py.float(-0.5)), 'assert abs(poly([1, 2], find_zero([1, 2]))) <= 1e-06');
  // set-eq in MBPP's own form (MBPP sanitized's test_list, MBPP+'s assertion).
  const set: PropertyOracle = { name: 'set-eq' };
  const pair = [py.tuple(py.int(3), py.int(4), py.int(5), py.int(6)), py.tuple(py.int(5), py.int(7), py.int(4), py.int(10))];
  assert.equal(propertyAssert(set, 'similar_elements', pair, py.tuple(py.int(4), py.int(5))), 'assert set(similar_elements((3, 4, 5, 6), (5, 7, 4, 10))) == set((4, 5))');
  assert.equal(propertyAssert(set, 'extract_singly', [py.list()], py.set()), 'assert set(extract_singly([])) == set([])');
  assert.equal(propertyAssert(set, 'extract_singly', [py.list(py.tuple(py.int(3), py.int(4)))], py.set(py.int(3), py.int(4))), 'assert set(extract_singly([(3, 4)])) == set([3, 4])');
  assert.equal(propertyAssert(set, 'find_char_long', [py.str("it's")], py.list(py.str("it's"))), `assert set(find_char_long("it's")) == set(["it's"])`);
  for (const l of ['assert set(extract_singly([])) == set([])', `assert set(find_char_long("it's")) == set(["it's"])`]) parses(l);
});

describe('sameSet', () => {
  const t = (...xs: PyValue[]): PyValue => ({ type: 'tuple', items: xs });
  const f = (x: number): PyValue => ({ type: 'float', value: x });
  it('is set equality of collections, floats included, and false where set() would raise', () => {
    assert.equal(sameSet(t(f(1.5), f(2.5)), { type: 'list', items: [f(2.5), f(1.5), f(2.5)] }), true);
    assert.equal(sameSet(t(f(1.5), f(2.5)), t(f(1.5))), false);
    assert.equal(sameSet({ type: 'int', value: 3n }, { type: 'int', value: 3n }), false);
    assert.equal(sameSet(t({ type: 'list', items: [] }), t({ type: 'list', items: [] })), false);
  });
});
