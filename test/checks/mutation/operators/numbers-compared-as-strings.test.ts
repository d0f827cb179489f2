import { test } from 'node:test';
import { numbersComparedAsStrings } from '../../../../src/checks/mutation/operators/numbers-compared-as-strings.js';
import { assertPairs } from '../helpers.js';

test('numbers-compared-as-strings: conversions dropped from comparisons and sort keys', async () => {
  await assertPairs(numbersComparedAsStrings, [
    ['y = float(a) == float(b)\n', ['y = a == b\n']],
    ['y = int(a[0]) < int(b.strip()) < 9\n', ['y = a[0] < b.strip() < 9\n']],
    ['y = int(a + b) > float(c)\n', ['y = (a + b) > c\n']],
    ['y = sorted(xs, key=lambda x: int(x))\n', ['y = sorted(xs, key=lambda x: x)\n']],
    // not offered: one conversion only (the other side is a number: no string comparison)
    ['y = int(a) > 5\ny = sorted(xs, key=int)\n', []],
  ]);
});
