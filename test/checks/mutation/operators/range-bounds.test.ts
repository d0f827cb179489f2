import { test } from 'node:test';
import { rangeBounds } from '../../../../src/checks/mutation/operators/range-bounds.js';
import { assertPairs } from '../helpers.js';

test('range-bounds: off-by-one in non-literal start and stop', async () => {
  await assertPairs(rangeBounds, [
    ['for i in range(n):\n    pass\n', ['for i in range(n + 1):\n    pass\n', 'for i in range(n - 1):\n    pass\n']],
    ['r = range(len(s))\n', ['r = range(len(s) + 1)\n', 'r = range(len(s) - 1)\n']],
    ['r = range(a, b)\n', ['r = range(a + 1, b)\n', 'r = range(a - 1, b)\n', 'r = range(a, b + 1)\n', 'r = range(a, b - 1)\n']],
    ['r = range(1, n, k)\n', ['r = range(1, n + 1, k)\n', 'r = range(1, n - 1, k)\n']],
    ['r = range(n - 1)\n', ['r = range(n - 1 + 1)\n', 'r = range(n - 1 - 1)\n']],
    ['r = range(a if c else b)\n', ['r = range((a if c else b) + 1)\n', 'r = range((a if c else b) - 1)\n']],
    ['r = range(10)\n', []],
    ['r = xrange(n)\n', []],
  ]);
});
