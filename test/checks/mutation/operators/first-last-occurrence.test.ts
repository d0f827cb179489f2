import { test } from 'node:test';
import { firstLastOccurrence } from '../../../../src/checks/mutation/operators/first-last-occurrence.js';
import { assertPairs } from '../helpers.js';

test('first-last-occurrence: the last of equal elements instead of the first, and the reverse', async () => {
  await assertPairs(firstLastOccurrence, [
    ['r = [m, arr.index(m)]\n', ['r = [m, len(arr) - 1 - arr[::-1].index(m)]\n']],
    ['i = self.xs.index(min(self.xs)) + 1\n', ['i = (len(self.xs) - 1 - self.xs[::-1].index(min(self.xs))) + 1\n']],
    ['i = s.find(t)\n', ['i = s.rfind(t)\n']],
    ['i = s.rfind(t)\n', ['i = s.find(t)\n']],
    ['i = s.rindex(t)\n', ['i = s.index(t)\n']],
    // not offered: an object that is computed (evaluated twice), index with bounds, other methods
    ['i = f().index(v)\ni = xs.index(v, 2)\ni = s.count(t)\n', []],
  ]);
});
