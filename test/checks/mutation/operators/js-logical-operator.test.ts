import { test } from 'node:test';
import { jsLogicalOperator } from '../../../../src/checks/mutation/operators/js-logical-operator.js';
import { assertJsPairs } from '../helpers.js';

test('js-logical-operator: && || ?? and &&= ||= ??=', async () => {
  await assertJsPairs(jsLogicalOperator, [
    ['x = a && b;\n', ['x = a || b;\n']],
    ['x = a || b;\n', ['x = a && b;\n']],
    ['x = a ?? b;\n', ['x = a || b;\n']],
    ['x = a & b;\n', []],
    ['a &&= b;\n', ['a ||= b;\n']],
    ['o.n ||= 1;\n', ['o.n &&= 1;\n']],
    ['m[k] ??= f(k);\n', ['m[k] ||= f(k);\n']],
    ['x += 1;\n', []],
    ['x &= 1;\n', []],
  ]);
});
