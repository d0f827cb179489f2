import { test } from 'node:test';
import { jsMathMinMax } from '../../../../src/checks/mutation/operators/js-math-min-max.js';
import { assertJsPairs } from '../helpers.js';

test('js-math-min-max: Math.max/min and floor/ceil swapped', async () => {
  await assertJsPairs(jsMathMinMax, [
    ['y = Math.max(a, b);\n', ['y = Math.min(a, b);\n']],
    ['y = Math.min(...xs);\n', ['y = Math.max(...xs);\n']],
    ['y = Math.floor(a / 2);\n', ['y = Math.ceil(a / 2);\n']],
    ['y = Math.abs(a) + other.max(a);\n', []],
  ]);
});
