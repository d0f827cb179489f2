import { test } from 'node:test';
import { sortTiesMishandled } from '../../../../src/checks/mutation/operators/sort-ties-mishandled.js';
import { assertPairs } from '../helpers.js';

test('sort-ties-mishandled: tie-breakers dropped, reverse=True with a key turned into [::-1]', async () => {
  await assertPairs(sortTiesMishandled, [
    ['w = sorted(ws, key=lambda x: (-len(set(x)), x))[0]\n', ['w = sorted(ws, key=lambda x: -len(set(x)))[0]\n']],
    ['w = max(ws, key=lambda x: (len(x), x))\n', ['w = max(ws, key=lambda x: len(x))\n']],
    ['ws.sort(key=lambda x: (x[1], x[0]))\n', ['ws.sort(key=lambda x: x[1])\n']],
    ['y = sorted(sorted(a), key=lambda x: bin(x).count("1"))\n', ['y = sorted(a, key=lambda x: bin(x).count("1"))\n']],
    ['y = sorted(a, key=len, reverse=True)\n', ['y = sorted(a, key=len)[::-1]\n']],
    [
      'y = sorted(sorted(c, key=lambda x: x[1], reverse=True), key=lambda x: x[0])\n',
      ['y = sorted(c, key=lambda x: x[0])\n', 'y = sorted(sorted(c, key=lambda x: x[1])[::-1], key=lambda x: x[0])\n'],
    ],
    // not offered: no key (ties are equal values, order cannot show), a one-element key, reverse not literally True
    ['y = sorted(a, reverse=True)\ny = sorted(sorted(a))\n', []],
    ['y = sorted(a, key=lambda x: (x,))\ny = sorted(a, key=len, reverse=r)\n', []],
  ]);
});
