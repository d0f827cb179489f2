import { test } from 'node:test';
import { logicalConnector } from '../../../../src/checks/mutation/operators/logical-connector.js';
import { assertPairs } from '../helpers.js';

test('logical-connector: and <-> or', async () => {
  await assertPairs(logicalConnector, [
    ['y = a and b\n', ['y = a or b\n']],
    ['y = a or b\n', ['y = a and b\n']],
    ['y = a and b or c\n', ['y = a or b or c\n', 'y = a and b and c\n']],
    ['y = a & b\n', []],
  ]);
});
