import { test } from 'node:test';
import { integerRounding } from '../../../../src/checks/mutation/operators/integer-rounding.js';
import { assertPairs } from '../helpers.js';

test('integer-rounding: round/int/ceil/floor and truncating vs floor division confused', async () => {
  await assertPairs(integerRounding, [
    ['y = round(x)\n', ['y = int(x)\n']],
    ['y = math.ceil(a / b)\n', ['y = int(a / b)\n']],
    ['y = floor(x)\n', ['y = int(x)\n']],
    ['y = int(a * 1.5)\n', ['y = round(a * 1.5)\n']],
    ['y = int(a / b)\n', ['y = round(a / b)\n', 'y = a // b\n']],
    ['y = int(a / (b + 1)) ** 2\n', ['y = round(a / (b + 1)) ** 2\n', 'y = (a // (b + 1)) ** 2\n']],
    ['m = l[len(l) // 2]\n', ['m = l[int(len(l) / 2)]\n']],
    // not offered: int of a string or a name (no arithmetic to round), round to digits
    ['y = int(s)\ny = int(x)\ny = round(x, 2)\n', []],
  ]);
});
