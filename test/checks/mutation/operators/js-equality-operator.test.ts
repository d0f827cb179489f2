import { test } from 'node:test';
import { jsEqualityOperator } from '../../../../src/checks/mutation/operators/js-equality-operator.js';
import { assertJsPairs } from '../helpers.js';

test('js-equality-operator: strict/loose and negation', async () => {
  await assertJsPairs(jsEqualityOperator, [
    ['x = a === b;\n', ['x = a == b;\n', 'x = a !== b;\n']],
    ['x = a == b;\n', ['x = a === b;\n', 'x = a != b;\n']],
    ['x = a !== b;\n', ['x = a != b;\n', 'x = a === b;\n']],
    ['x = a != b;\n', ['x = a !== b;\n', 'x = a == b;\n']],
    ['x = a < b;\n', []],
  ]);
});
