import { test } from 'node:test';
import { notOperator } from '../../../../src/checks/mutation/operators/not-operator.js';
import { assertPairs } from '../helpers.js';

test('not-operator: removal, and insertion before conditions', async () => {
  await assertPairs(notOperator, [
    ['y = not a\n', ['y = a\n']],
    ['if a:\n    pass\n', ['if not a:\n    pass\n']],
    ['if a < b:\n    pass\n', ['if not a < b:\n    pass\n']],
    ['if a and b:\n    pass\n', ['if not (a and b):\n    pass\n']],
    ['if a:\n    pass\nelif b:\n    pass\n', ['if not a:\n    pass\nelif b:\n    pass\n', 'if a:\n    pass\nelif not b:\n    pass\n']],
    ['while a:\n    pass\n', ['while not a:\n    pass\n']],
    ['y = a if c else b\n', ['y = a if not c else b\n']],
    ['y = [x for x in xs if x > 0]\n', ['y = [x for x in xs if not x > 0]\n']],
    // keyword glued to a parenthesized condition: a space is inserted so the keyword survives
    ['if(a):\n    pass\n', ['if not (a):\n    pass\n']],
    // no double negation: removal covers `if not a`
    ['if not a:\n    pass\n', ['if a:\n    pass\n']],
  ]);
});
