import { test } from 'node:test';
import { returnValue } from '../../../../src/checks/mutation/operators/return-value.js';
import { assertPairs } from '../helpers.js';

test('return-value: returned value -> None', async () => {
  await assertPairs(returnValue, [
    ['def f(x):\n    return x + 1\n', ['def f(x):\n    return None\n']],
    ['def f(x):\n    return x, 1\n', ['def f(x):\n    return None\n']],
    ['def f(x):\n    return(x)\n', ['def f(x):\n    return None\n']],
    ['def f(x):\n    return None\n', []],
    ['def f(x):\n    return\n', []],
  ]);
});
