import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unifiedDiff } from '../../../src/checks/mutation/diff.js';

test('unified diff of a one-line change with three lines of context', () => {
  const a = ['l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8', 'l9'].join('\n') + '\n';
  const b = a.replace('l5', 'L5');
  assert.equal(unifiedDiff(a, b, 'f.py'), '--- a/f.py\n+++ b/f.py\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n');
});

test('unified diff of a multi-line deletion, CRLF input, and identical texts', () => {
  assert.equal(unifiedDiff('a\r\nb\r\nc\r\n', 'a\r\nc\r\n'), '--- a/solution.py\n+++ b/solution.py\n@@ -1,3 +1,2 @@\n a\n-b\n c\n');
  assert.equal(unifiedDiff('a\nb\n', 'a\nb\n'), '');
  assert.equal(unifiedDiff('x', 'y'), '--- a/solution.py\n+++ b/solution.py\n@@ -1 +1 @@\n-x\n+y\n');
});
