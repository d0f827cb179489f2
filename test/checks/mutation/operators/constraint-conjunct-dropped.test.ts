import { test } from 'node:test';
import { constraintConjunctDropped } from '../../../../src/checks/mutation/operators/constraint-conjunct-dropped.js';
import { assertPairs } from '../helpers.js';

test('constraint-conjunct-dropped: one operand of an and in a condition, filter or returned test is dropped', async () => {
  await assertPairs(constraintConjunctDropped, [
    ['if x > 0 and x % 2 == 1:\n    t += x\n', ['if x % 2 == 1:\n    t += x\n', 'if x > 0:\n    t += x\n']],
    ['s = sum([x for x in xs if x > 0 and x % 2])\n', ['s = sum([x for x in xs if x % 2])\n', 's = sum([x for x in xs if x > 0])\n']],
    ['def f(n):\n    return n % 2 == 0 and n >= 8\n', ['def f(n):\n    return n >= 8\n', 'def f(n):\n    return n % 2 == 0\n']],
    ['while i < n and s[i] == " ":\n    i += 1\n', ['while s[i] == " ":\n    i += 1\n', 'while i < n:\n    i += 1\n']],
    ['y = 1 if a and b else 2\n', ['y = 1 if b else 2\n', 'y = 1 if a else 2\n']],
    // a chain: each and drops one side; parenthesized or-operands stay grouped
    [
      'if a and (b or c) and d:\n    pass\n',
      ['if (b or c) and d:\n    pass\n', 'if a and d:\n    pass\n', 'if d:\n    pass\n', 'if a and (b or c):\n    pass\n'],
    ],
    // not offered: or, and as a value, and under not
    ['if a or b:\n    pass\ny = a and b\nif not (a and b):\n    pass\n', []],
  ]);
});
