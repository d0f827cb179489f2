import { test } from 'node:test';
import { augmentedAssignment } from '../../../../src/checks/mutation/operators/augmented-assignment.js';
import { assertPairs } from '../helpers.js';

test('augmented-assignment: opposite operator and plain assignment', async () => {
  await assertPairs(augmentedAssignment, [
    ['x += 1\n', ['x -= 1\n', 'x = 1\n']],
    ['x -= y\n', ['x += y\n', 'x = y\n']],
    ['x *= 2\n', ['x /= 2\n', 'x = 2\n']],
    ['x //= 2\n', ['x /= 2\n', 'x = 2\n']],
    ['x %= m\n', ['x /= m\n', 'x = m\n']],
    ['x |= m\n', ['x &= m\n', 'x = m\n']],
    ['x = y\n', []],
  ]);
});
