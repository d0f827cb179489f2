import { test } from 'node:test';
import { jsArithmeticOperator } from '../../../../src/checks/mutation/operators/js-arithmetic-operator.js';
import { assertJsPairs } from '../helpers.js';

test('js-arithmetic-operator: + - * / % **', async () => {
  await assertJsPairs(jsArithmeticOperator, [
    ['x = a + b;\n', ['x = a - b;\n']],
    ['x = a - b;\n', ['x = a + b;\n']],
    ['x = a * b;\n', ['x = a / b;\n']],
    ['x = a / b;\n', ['x = a * b;\n']],
    ['x = a % 2;\n', ['x = a / 2;\n']],
    ['x = a ** 2;\n', ['x = a * 2;\n']],
    ['x = (a + b) * c;\n', ['x = (a - b) * c;\n', 'x = (a + b) / c;\n']],
    ['x = a < b;\n', []],
  ]);
});
