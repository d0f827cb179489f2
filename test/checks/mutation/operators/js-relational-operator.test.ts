import { test } from 'node:test';
import { jsRelationalOperator } from '../../../../src/checks/mutation/operators/js-relational-operator.js';
import { assertJsPairs } from '../helpers.js';

test('js-relational-operator: boundaries and reversals', async () => {
  await assertJsPairs(jsRelationalOperator, [
    ['if (a > b) f();\n', ['if (a >= b) f();\n', 'if (a < b) f();\n']],
    ['if (a >= b) f();\n', ['if (a > b) f();\n', 'if (a < b) f();\n']],
    ['if (a < b) f();\n', ['if (a <= b) f();\n', 'if (a > b) f();\n']],
    ['if (a <= b) f();\n', ['if (a < b) f();\n', 'if (a > b) f();\n']],
    ['x = a === b;\n', []],
  ]);
});
