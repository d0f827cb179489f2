import { test } from 'node:test';
import { arithmeticOperator } from '../../../../src/checks/mutation/operators/arithmetic-operator.js';
import { assertPairs } from '../helpers.js';

test('arithmetic-operator: binary operators and unary minus', async () => {
  await assertPairs(arithmeticOperator, [
    ['x = a + b\n', ['x = a - b\n']],
    ['x = a - b\n', ['x = a + b\n']],
    ['x = a * b\n', ['x = a / b\n']],
    ['x = a / b\n', ['x = a * b\n', 'x = a // b\n']],
    ['x = a // b\n', ['x = a / b\n']],
    ['x = a % 2\n', ['x = a / 2\n']],
    ['x = a ** 2\n', ['x = a * 2\n']],
    ['x = a << 1\n', ['x = a >> 1\n']],
    ['x = a & b\n', ['x = a | b\n']],
    ['x = -a\n', ['x = a\n']],
    ['x = ~a\n', ['x = a\n']],
    ['x = +a\n', ['x = -a\n']],
    ['x = (a + b) * c\n', ['x = (a - b) * c\n', 'x = (a + b) / c\n']],
    ['if a < b:\n    pass\n', []],
  ]);
});
