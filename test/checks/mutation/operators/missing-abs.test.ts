import { test } from 'node:test';
import { missingAbs } from '../../../../src/checks/mutation/operators/missing-abs.js';
import { assertPairs } from '../helpers.js';

test('missing-abs: abs(x) -> x, parenthesized only where the grouping needs it', async () => {
  await assertPairs(missingAbs, [
    ['d = abs(a - b)\n', ['d = a - b\n']],
    ['p = abs(a % 10) * k\n', ['p = (a % 10) * k\n']],
    ['s = sum(abs(x - m) for x in xs)\n', ['s = sum(x - m for x in xs)\n']],
    ['s = str(abs(n))\n', ['s = str(n)\n']],
    ['y = abs(n) ** 2\n', ['y = n ** 2\n']],
    ['y = abs(*v)\ny = fabs(x)\n', []],
  ]);
});
