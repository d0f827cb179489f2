import assert from 'node:assert/strict';
import { test } from 'node:test';
import { killingAssert } from '../../../src/checks/mutation/killing-assert.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { literalValue, py, pyEquals } from '../../../src/checks/mutation/py-value.js';

test('exact outputs: assert call == repr(expected); the expected literal reads back equal', async () => {
  const parser = await loadPythonParser();
  const expected = py.dict([py.str("it's"), py.list(py.int(1), py.none())], [py.int(2), py.tuple(py.bool(false))]);
  const line = killingAssert({ callee: 'candidate', args: [py.list(py.int(3), py.int(-1)), py.str('a\nb')], expected });
  assert.equal(line, `assert candidate([3, -1], 'a\\nb') == {"it's": [1, None], 2: (False,)}`);
  parser.withTree(line + '\n', (tree) => {
    assert.ok(!tree.rootNode.hasError);
    const cmp = tree.rootNode.namedChild(0)?.namedChild(0);
    assert.equal(cmp?.type, 'comparison_operator');
    const rhs = cmp?.namedChild(1);
    assert.ok(rhs && pyEquals(literalValue(rhs)!, expected));
  });
  assert.equal(killingAssert({ callee: 'f', args: [], expected: py.none() }), 'assert f() == None');
});

test('float outputs: same type and within EvalPlus tolerance (default atol 1e-6, rtol 1e-7)', async () => {
  assert.equal(
    killingAssert({ callee: 'candidate', args: [py.float(2)], expected: py.float(0.5) }),
    'assert isinstance(candidate(2.0), float) and abs(candidate(2.0) - 0.5) <= 1.05e-06',
  );
  assert.equal(
    killingAssert({ callee: 'f', args: [py.int(1)], expected: py.float(10), atol: 0.01 }),
    'assert isinstance(f(1), float) and abs(f(1) - 10.0) <= 0.010001',
  );
  const list = killingAssert({ callee: 'f', args: [], expected: py.list(py.float(1), py.float(-4)) });
  assert.equal(list, 'assert isinstance(f(), list) and len(f()) == 2 and all(abs(a - b) <= 1.4e-06 for a, b in zip(f(), [1.0, -4.0]))');
  assert.equal(killingAssert({ callee: 'f', args: [], expected: py.float(Infinity) }), "assert f() == float('inf')");
  const parser = await loadPythonParser();
  assert.ok(parser.parses(list + '\n'));
});
