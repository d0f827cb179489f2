import { test } from 'node:test';
import { numberConstant } from '../../../../src/checks/mutation/operators/number-constant.js';
import { assertPairs } from '../helpers.js';

test('number-constant: 0 -> 1, n -> n -/+ 1, floats -> 0.0 / 1.0', async () => {
  await assertPairs(numberConstant, [
    ['x = 0\n', ['x = 1\n']],
    ['x = 1\n', ['x = 0\n', 'x = 2\n']],
    ['x = 10\n', ['x = 9\n', 'x = 11\n']],
    ['x = -1\n', ['x = -0\n', 'x = -2\n']],
    ['x = 1_000\n', ['x = 999\n', 'x = 1001\n']],
    ['x = 2.5\n', ['x = 0.0\n']],
    ['x = 0.0\n', ['x = 1.0\n']],
    ['x = 0x10\n', []],
    ['x = 2j\n', []],
    ['x = 123456789012345678901234567890\n', ['x = 123456789012345678901234567889\n', 'x = 123456789012345678901234567891\n']],
  ]);
});
