import { test } from 'node:test';
import { breakContinue } from '../../../../src/checks/mutation/operators/break-continue.js';
import { assertPairs } from '../helpers.js';

test('break-continue: break <-> continue', async () => {
  await assertPairs(breakContinue, [
    ['for x in y:\n    break\n', ['for x in y:\n    continue\n']],
    ['while a:\n    continue\n', ['while a:\n    break\n']],
  ]);
});
