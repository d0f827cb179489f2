import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonCompiles } from '../../../src/checks/mutation/compile-check.js';

test('pythonCompiles: compiles without executing, one verdict per source', () => {
  const verdicts = pythonCompiles([
    'x = 1\n',
    'def f(:\n',
    // tree-sitter accepts this; CPython rejects it at compile time
    'break\n',
    // would raise if executed: compile() must not run it
    'raise SystemExit(3)\n',
  ]);
  assert.deepEqual(verdicts, [true, false, false, true]);
  assert.deepEqual(pythonCompiles([]), []);
});
