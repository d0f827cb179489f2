import { test } from 'node:test';
import { listConstant } from '../../../../src/checks/mutation/operators/list-constant.js';
import { assertPairs } from '../helpers.js';

test('list-constant: non-empty list literal -> []', async () => {
  await assertPairs(listConstant, [
    ['x = [1, 2]\n', ['x = []\n']],
    ['x = []\n', []],
    ['x = [[1], [2]]\n', ['x = []\n', 'x = [[], [2]]\n', 'x = [[1], []]\n']],
    ['x = [i for i in y]\n', []],
  ]);
});
