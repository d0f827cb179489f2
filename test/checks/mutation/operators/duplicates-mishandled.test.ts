import { test } from 'node:test';
import { duplicatesMishandled } from '../../../../src/checks/mutation/operators/duplicates-mishandled.js';
import { assertPairs } from '../helpers.js';

test('duplicates-mishandled: set() dropped where duplicates had to go, added where they count', async () => {
  await assertPairs(duplicatesMishandled, [
    ['n = len(set(s.lower()))\n', ['n = len(s.lower())\n']],
    ['y = sorted(list(set(l)))\n', ['y = sorted(list(l))\n']],
    ['y = sorted(set(l))[1]\n', ['y = sorted(l)[1]\n']],
    ['t = sum(set(xs))\n', ['t = sum(xs)\n']],
    ['y = sorted(xs)\n', ['y = sorted(set(xs))\n']],
    ['y = sorted(xs, key=len)\n', ['y = sorted(set(xs), key=len)\n']],
    // not offered: already deduplicated, generator arguments, set() with other arguments, other callers
    ['y = sorted(list(set(l)), reverse=True)\n', ['y = sorted(list(l), reverse=True)\n']],
    ['y = sorted(x for x in xs)\n', []],
    ['y = sorted(set(x for x in xs))\n', []],
    ['y = max(set(xs))\ny = set(xs) == set(ys)\n', []],
  ]);
});
