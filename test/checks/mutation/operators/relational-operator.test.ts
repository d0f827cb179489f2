import { test } from 'node:test';
import { relationalOperator } from '../../../../src/checks/mutation/operators/relational-operator.js';
import { assertPairs } from '../helpers.js';

test('relational-operator: boundary shifts and negations', async () => {
  await assertPairs(relationalOperator, [
    ['y = a < b\n', ['y = a <= b\n', 'y = a >= b\n']],
    ['y = a <= b\n', ['y = a < b\n', 'y = a > b\n']],
    ['y = a > b\n', ['y = a >= b\n', 'y = a <= b\n']],
    ['y = a >= b\n', ['y = a > b\n', 'y = a < b\n']],
    ['y = a == b\n', ['y = a != b\n']],
    ['y = a != b\n', ['y = a == b\n']],
    ['y = 0 < a < n\n', ['y = 0 <= a < n\n', 'y = 0 >= a < n\n', 'y = 0 < a <= n\n', 'y = 0 < a >= n\n']],
    ['y = a in b\n', []],
  ]);
});
