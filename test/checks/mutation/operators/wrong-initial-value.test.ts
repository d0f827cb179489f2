import { test } from 'node:test';
import { wrongInitialValue } from '../../../../src/checks/mutation/operators/wrong-initial-value.js';
import { assertPairs } from '../helpers.js';

test('wrong-initial-value: a running min/max starts from 0', async () => {
  await assertPairs(wrongInitialValue, [
    ['def f(l):\n    m = l[0]\n    for e in l:\n        if e > m:\n            m = e\n    return m\n', ['def f(l):\n    m = 0\n    for e in l:\n        if e > m:\n            m = e\n    return m\n']],
    ["def f(l):\n    best = float('-inf')\n    for e in l:\n        best = max(best, e)\n    return best\n", ['def f(l):\n    best = 0\n    for e in l:\n        best = max(best, e)\n    return best\n']],
    ['def f(l):\n    lo = math.inf\n    for e in l:\n        if lo > e:\n            lo = e\n    return lo\n', ['def f(l):\n    lo = 0\n    for e in l:\n        if lo > e:\n            lo = e\n    return lo\n']],
    ['def f(l):\n    lo = -sys.maxsize\n    return [x for x in l if x > lo]\n', ['def f(l):\n    lo = 0\n    return [x for x in l if x > lo]\n']],
    // not offered: never compared (not a running extreme), or not an extreme at all
    ["def f(l):\n    first = l[0]\n    return first * 2\n", []],
    ["def f(l):\n    x = float('nan')\n    return x < 1\n", []],
  ]);
});
