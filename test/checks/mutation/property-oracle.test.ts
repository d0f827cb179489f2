import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIND_ZERO_MIN_ATOL, propertyAssert, propertyHolds, propertyOracleFor } from '../../../src/checks/mutation/property-oracle.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { py } from '../../../src/checks/mutation/py-value.js';

const findZero = { id: 'HumanEval/32', entryPoint: 'find_zero', inputs: { atol: 0.0001 } };

test('a property is named only with EvalPlus data and tests that compare no literal', () => {
  assert.deepEqual(propertyOracleFor(findZero, false), { name: 'find-zero', atol: 0.0001 });
  // Without a sibling (HumanEval alone) nothing names the property.
  assert.equal(propertyOracleFor(undefined, false), undefined);
  // Tests that compare to literals keep equality asserts.
  assert.equal(propertyOracleFor(findZero, true), undefined);
  assert.equal(propertyOracleFor({ id: 'HumanEval/33', entryPoint: 'sort_third' }, false), undefined);
  // Other named oracles are not properties this suite writes.
  assert.equal(propertyOracleFor({ id: 'Mbpp/2', entryPoint: 'similar_elements' }, false), undefined);
  // No atol in the data: EvalPlus's float default.
  assert.equal(propertyOracleFor({ id: 'HumanEval/32', entryPoint: 'find_zero' }, false)?.atol, FIND_ZERO_MIN_ATOL);
});

test('find-zero holds on any root within atol, not on a non-root or a non-number', () => {
  const oracle = { name: 'find-zero' as const, atol: 0.0001 };
  // (x - 1)(x - 2)(x - 3): every root passes, the reference's or another.
  const xs = [py.list(py.int(-6), py.int(11), py.int(-6), py.int(1))];
  for (const r of [1, 2, 3]) assert.ok(propertyHolds(oracle, xs, py.float(r)));
  assert.ok(propertyHolds(oracle, xs, py.int(2)));
  assert.ok(propertyHolds(oracle, xs, py.float(1 + 1e-5)));
  assert.ok(!propertyHolds(oracle, xs, py.float(1.5)));
  assert.ok(!propertyHolds(oracle, xs, py.float(1 + 1e-3)));
  assert.ok(!propertyHolds(oracle, xs, py.none()));
  assert.ok(!propertyHolds(oracle, xs, py.float(Number.NaN)));
  assert.ok(!propertyHolds(oracle, [py.str('x')], py.float(0)));
});

test('the assert states the property with the prompt\'s poly and parses as one Python assert', async () => {
  const oracle = { name: 'find-zero' as const, atol: 0.0001 };
  const line = propertyAssert(oracle, 'candidate', [py.list(py.int(-10), py.int(-2))]);
  assert.equal(line, 'assert abs(poly([-10, -2], candidate([-10, -2]))) <= 0.0001');
  const parser = await loadPythonParser();
  parser.withTree(line + '\n', (tree) => {
    assert.ok(!tree.rootNode.hasError);
    assert.equal(tree.rootNode.namedChild(0)?.type, 'assert_statement');
  });
  assert.equal(propertyAssert({ name: 'find-zero', atol: 1e-6 }, 'find_zero', [py.list(py.int(1), py.int(2))]), 'assert abs(poly([1, 2], find_zero([1, 2]))) <= 1e-06');
});
