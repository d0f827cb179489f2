import { test } from 'node:test';
import { membershipOperator } from '../../../../src/checks/mutation/operators/membership-operator.js';
import { assertPairs } from '../helpers.js';

test('membership-operator: in <-> not in, never the in of a for loop', async () => {
  await assertPairs(membershipOperator, [
    ['y = a in b\n', ['y = a not in b\n']],
    ['y = a not in b\n', ['y = a in b\n']],
    ['for a in b:\n    pass\n', []],
    ['y = [a for a in b]\n', []],
  ]);
});
