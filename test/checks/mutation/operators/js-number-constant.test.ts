import { test } from 'node:test';
import { jsNumberConstant } from '../../../../src/checks/mutation/operators/js-number-constant.js';
import { assertJsPairs } from '../helpers.js';

test('js-number-constant: integers by one, others untouched', async () => {
  await assertJsPairs(jsNumberConstant, [
    ['x = 0;\n', ['x = 1;\n']],
    ['x = 10;\n', ['x = 11;\n', 'x = 9;\n']],
    ['x = 1.5 + 0x10 + 1e3;\n', []],
  ]);
});
