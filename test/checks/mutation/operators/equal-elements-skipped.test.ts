import { test } from 'node:test';
import { equalElementsSkipped } from '../../../../src/checks/mutation/operators/equal-elements-skipped.js';
import { assertPairs } from '../helpers.js';

test('equal-elements-skipped: a pair of equal elements never paired (distinct positions taken for distinct values)', async () => {
  await assertPairs(equalElementsSkipped, [
    // HumanEval/43's shape: the outer element from enumerate, the inner one indexed
    [
      'def f(l):\n    for i, l1 in enumerate(l):\n        for j in range(i + 1, len(l)):\n            if l1 + l[j] == 0:\n                return True\n    return False\n',
      ['def f(l):\n    for i, l1 in enumerate(l):\n        for j in range(i + 1, len(l)):\n            if (l1 + l[j] == 0) and l1 != l[j]:\n                return True\n    return False\n'],
    ],
    // both indexed
    [
      'def f(xs):\n    for i in range(len(xs)):\n        for j in range(i+1, len(xs)):\n            if xs[i] == -xs[j]:\n                return True\n',
      ['def f(xs):\n    for i in range(len(xs)):\n        for j in range(i+1, len(xs)):\n            if (xs[i] == -xs[j]) and xs[i] != xs[j]:\n                return True\n'],
    ],
    // HumanEval/0's shape: an index comparison between two loops over the same list
    [
      'def f(ns, t):\n    for a, x in enumerate(ns):\n        for b, y in enumerate(ns):\n            if a != b:\n                d = abs(x - y)\n',
      ['def f(ns, t):\n    for a, x in enumerate(ns):\n        for b, y in enumerate(ns):\n            if x != y:\n                d = abs(x - y)\n'],
    ],
    // not offered: not a loop over pairs (j from 0), a test not on the inner element, loops over different lists, a lone loop
    ['def f(l):\n    for i in range(len(l)):\n        for j in range(len(l)):\n            if l[i] + l[j] == 0:\n                return True\n', []],
    ['def f(l, n):\n    for i in range(len(l)):\n        for j in range(i + 1, len(l)):\n            if i + j == n:\n                return True\n', []],
    ['def f(p, q):\n    for a, x in enumerate(p):\n        for b, y in enumerate(q):\n            if a != b:\n                return x\n', []],
    ['def f(l):\n    for i in range(1, len(l)):\n        if l[i] != l[i - 1]:\n            return i\n', []],
  ]);
});
