import { test } from 'node:test';
import { whitespaceSplitMismatch } from '../../../../src/checks/mutation/operators/whitespace-split-mismatch.js';
import { assertPairs } from '../helpers.js';

test("whitespace-split-mismatch: split(' ') <-> split()", async () => {
  await assertPairs(whitespaceSplitMismatch, [
    ["w = s.split(' ')\n", ['w = s.split()\n']],
    ['w = s.split(" ")[-1]\n', ['w = s.split()[-1]\n']],
    ['w = s.split()\n', ["w = s.split(' ')\n"]],
    ["w = s.split(',')\nw = s.split(' ', 1)\nw = re.split(r' ', s)\n", []],
  ]);
});
