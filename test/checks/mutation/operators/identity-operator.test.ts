import { test } from 'node:test';
import { identityOperator } from '../../../../src/checks/mutation/operators/identity-operator.js';
import { assertPairs } from '../helpers.js';

test('identity-operator: is <-> is not', async () => {
  await assertPairs(identityOperator, [
    ['y = a is None\n', ['y = a is not None\n']],
    ['y = a is not None\n', ['y = a is None\n']],
    ['y = a == None\n', []],
  ]);
});
