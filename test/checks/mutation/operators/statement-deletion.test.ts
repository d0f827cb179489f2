import { test } from 'node:test';
import { statementDeletion } from '../../../../src/checks/mutation/operators/statement-deletion.js';
import { assertPairs } from '../helpers.js';

test('statement-deletion: simple statements become pass; imports, docstrings, pass stay', async () => {
  await assertPairs(statementDeletion, [
    [
      'def f(x):\n    """doc"""\n    y = x\n    return y\n',
      ['def f(x):\n    """doc"""\n    pass\n    return y\n', 'def f(x):\n    """doc"""\n    y = x\n    pass\n'],
    ],
    ['for x in y:\n    if x:\n        break\n', ['for x in y:\n    if x:\n        pass\n']],
    ['a = 1; b = 2\n', ['pass; b = 2\n', 'a = 1; pass\n']],
    ['import os\nfrom re import sub\nglobal g\npass\n', []],
    ['assert x\nraise E\ndel x[0]\n', ['pass\nraise E\ndel x[0]\n', 'assert x\npass\ndel x[0]\n', 'assert x\nraise E\npass\n']],
  ]);
});
