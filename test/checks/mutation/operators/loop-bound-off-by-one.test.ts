import { test } from 'node:test';
import { loopBoundOffByOne } from '../../../../src/checks/mutation/operators/loop-bound-off-by-one.js';
import { assertPairs } from '../helpers.js';

test('loop-bound-off-by-one: range(x) skips the first element, while loops stop one step early', async () => {
  await assertPairs(loopBoundOffByOne, [
    ['for i in range(len(s)):\n    pass\n', ['for i in range(1, len(s)):\n    pass\n']],
    ['t = sum(range(n + 1))\n', ['t = sum(range(1, n + 1))\n']],
    ['while i < len(s):\n    i += 1\n', ['while i < len(s) - 1:\n    i += 1\n']],
    ['while i <= n:\n    i += 1\n', ['while i <= n - 1:\n    i += 1\n']],
    ['while j > lo and xs[j] < k:\n    j -= 1\n', ['while j > lo + 1 and xs[j] < k:\n    j -= 1\n', 'while j > lo and xs[j] < k - 1:\n    j -= 1\n']],
    ['while i < a - b:\n    i += 1\n', ['while i < a - b - 1:\n    i += 1\n']],
    ['while i < (a if c else b):\n    i += 1\n', ['while i < (a if c else b) - 1:\n    i += 1\n']],
    // left to range-bounds, relational-operator and number-constant: two-argument ranges, literal bounds
    ['r = range(a, b)\n', []],
    ['r = range(10)\n', []],
    ['while x > 0:\n    x -= 1\n', []],
    ['while a < b < c:\n    a += 1\n', []],
    ['while i != n:\n    i += 1\n', []],
  ]);
});
