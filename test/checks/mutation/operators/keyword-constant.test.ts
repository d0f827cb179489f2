import { test } from 'node:test';
import { keywordConstant } from '../../../../src/checks/mutation/operators/keyword-constant.js';
import { assertPairs } from '../helpers.js';

test('keyword-constant: True <-> False, None -> 0', async () => {
  await assertPairs(keywordConstant, [
    ['x = True\n', ['x = False\n']],
    ['x = False\n', ['x = True\n']],
    ['best = None\n', ['best = 0\n']],
    ['x = true\n', []],
  ]);
});
