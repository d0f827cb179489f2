import { test } from 'node:test';
import { jsLogicalOperator } from '../../../../src/checks/mutation/operators/js-logical-operator.js';
import { assertJsPairs } from '../helpers.js';

test('js-logical-operator: && || ??', async () => {
  await assertJsPairs(jsLogicalOperator, [
    ['x = a && b;\n', ['x = a || b;\n']],
    ['x = a || b;\n', ['x = a && b;\n']],
    ['x = a ?? b;\n', ['x = a || b;\n']],
    ['x = a & b;\n', []],
  ]);
});
