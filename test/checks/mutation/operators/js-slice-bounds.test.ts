import { test } from 'node:test';
import { jsSliceBounds } from '../../../../src/checks/mutation/operators/js-slice-bounds.js';
import { assertJsPairs } from '../helpers.js';

test('js-slice-bounds: each bound of slice/substring by one', async () => {
  await assertJsPairs(jsSliceBounds, [
    ['y = s.slice(i, j);\n', ['y = s.slice(i + 1, j);\n', 'y = s.slice(i - 1, j);\n', 'y = s.slice(i, j + 1);\n', 'y = s.slice(i, j - 1);\n']],
    ['y = s.substring(n - 1);\n', ['y = s.substring(n - 1 + 1);\n', 'y = s.substring(n - 1 - 1);\n']],
    ['y = s.slice(a ? 1 : 2);\n', ['y = s.slice((a ? 1 : 2) + 1);\n', 'y = s.slice((a ? 1 : 2) - 1);\n']],
    ['y = s.split(1);\n', []],
  ]);
});
