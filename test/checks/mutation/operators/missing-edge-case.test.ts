import { test } from 'node:test';
import { missingEdgeCase } from '../../../../src/checks/mutation/operators/missing-edge-case.js';
import { assertPairs } from '../helpers.js';

test('missing-edge-case: early-return guards and special-case elifs are deleted, conditional expressions lose the literal branch', async () => {
  await assertPairs(missingEdgeCase, [
    // the guard at the top of a function
    ['def f(xs):\n    if not xs:\n        return []\n    return xs[1:]\n', ['def f(xs):\n    pass\n    return xs[1:]\n']],
    ['def f(xs):\n    if len(xs) < 2: raise ValueError()\n    y = xs[1]\n    return y\n', ['def f(xs):\n    pass\n    y = xs[1]\n    return y\n']],
    // a multi-statement special case ending in return
    ['def f(n):\n    if n < 0:\n        n = -n\n        return -g(n)\n    y = g(n)\n    return y\n', ['def f(n):\n    pass\n    y = g(n)\n    return y\n']],
    // an elif that returns early: deleted, the next branch handles the case
    [
      'def f(x):\n    if x > 9:\n        y = 1\n    elif x == 0:\n        return 0\n    else:\n        y = 2\n    return y\n',
      ['def f(x):\n    if x > 9:\n        y = 1\n    else:\n        y = 2\n    return y\n'],
    ],
    // a last elif: deleted with its leading newline
    ['def f(x):\n    if x > 9:\n        y = 1\n    elif x == 0:\n        return 0\n    return y\n', ['def f(x):\n    if x > 9:\n        y = 1\n    return y\n']],
    // conditional expressions: the literal branch goes, whichever side it is on
    ['def f(a):\n    return [] if len(a) == 0 else sorted(a)\n', ['def f(a):\n    return sorted(a)\n']],
    ['def f(a):\n    return a[1] if len(a) > 1 else None\n', ['def f(a):\n    return a[1]\n']],
    // not offered: a branch inside a loop (the algorithm), the decision before the final return,
    // an if with an else, both branches literal, a guard that does not leave the function
    ['def f(xs):\n    for x in xs:\n        if x < 0:\n            return False\n    return True\n', []],
    ['def f(a, b):\n    if a > b:\n        return a\n    return b\n', []],
    ['def f(a):\n    if a % 2:\n        return True\n    return False\n', []],
    ['def f(a):\n    if a:\n        return 1\n    else:\n        y = 2\n    return y\n', []],
    ['def f(a):\n    return True if a else False\n', []],
    ['def f(a):\n    if not a:\n        a = [0]\n    return a\n', []],
  ]);
});
