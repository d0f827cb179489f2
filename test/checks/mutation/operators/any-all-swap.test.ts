import { test } from 'node:test';
import { anyAllSwap } from '../../../../src/checks/mutation/operators/any-all-swap.js';
import { assertPairs } from '../helpers.js';

test('any-all-swap: any <-> all calls', async () => {
  await assertPairs(anyAllSwap, [
    ['y = any(x > 0 for x in xs)\n', ['y = all(x > 0 for x in xs)\n']],
    ['y = all(xs)\n', ['y = any(xs)\n']],
    ['y = np.all(xs)\n', []],
  ]);
});
