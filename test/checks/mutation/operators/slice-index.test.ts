import { test } from 'node:test';
import { sliceIndex } from '../../../../src/checks/mutation/operators/slice-index.js';
import { assertPairs } from '../helpers.js';

test('slice-index: off-by-one in indices and slice bounds', async () => {
  await assertPairs(sliceIndex, [
    ['y = a[i]\n', ['y = a[i + 1]\n', 'y = a[i - 1]\n']],
    ['y = a[i:]\n', ['y = a[i + 1:]\n', 'y = a[i - 1:]\n']],
    ['y = a[:j]\n', ['y = a[:j + 1]\n', 'y = a[:j - 1]\n']],
    ['y = a[i:j:k]\n', ['y = a[i + 1:j:k]\n', 'y = a[i - 1:j:k]\n', 'y = a[i:j + 1:k]\n', 'y = a[i:j - 1:k]\n']],
    ['y = a[::k]\n', []],
    ['y = a[0]\n', []],
    ['y = a[-1]\n', []],
    ["y = d['k']\n", []],
    ['y = a[i << 1]\n', ['y = a[(i << 1) + 1]\n', 'y = a[(i << 1) - 1]\n']],
    // annotations are never mutated
    ['x: List[n] = []\n', []],
  ]);
});
