import { test } from 'node:test';
import { missingNormalization } from '../../../../src/checks/mutation/operators/missing-normalization.js';
import { assertPairs } from '../helpers.js';

test('missing-normalization: case and whitespace normalizations are forgotten', async () => {
  await assertPairs(missingNormalization, [
    ['n = len(set(s.lower()))\n', ['n = len(set(s))\n']],
    ['if c.upper() in V:\n    pass\n', ['if c in V:\n    pass\n']],
    ['w = line.strip().split()\n', ['w = line.split()\n']],
    ['y = (a + b).casefold()\n', ['y = (a + b)\n']],
    ['y = s.lstrip() + s.rstrip()\n', ['y = s + s.rstrip()\n', 'y = s.lstrip() + s\n']],
    // not offered: with arguments (stripping given characters is not a normalization), other methods
    ["y = s.strip('x')\ny = s.title()\n", []],
  ]);
});
