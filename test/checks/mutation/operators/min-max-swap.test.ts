import { test } from 'node:test';
import { minMaxSwap } from '../../../../src/checks/mutation/operators/min-max-swap.js';
import { assertPairs } from '../helpers.js';

test('min-max-swap: min <-> max calls', async () => {
  await assertPairs(minMaxSwap, [
    ['y = min(a, b)\n', ['y = max(a, b)\n']],
    ['y = max(xs, key=len)\n', ['y = min(xs, key=len)\n']],
    ['y = m.max(a)\n', []],
    ['y = max\n', []],
  ]);
});
