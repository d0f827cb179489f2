import { test } from 'node:test';
import { jsStatementDeletion } from '../../../../src/checks/mutation/operators/js-statement-deletion.js';
import { assertJsPairs } from '../helpers.js';

test('js-statement-deletion: expression statements inside blocks', async () => {
  await assertJsPairs(jsStatementDeletion, [
    ['function f(x) {\n  x++;\n  g(x);\n  return x;\n}\n', ['function f(x) {\n  ;\n  g(x);\n  return x;\n}\n', 'function f(x) {\n  x++;\n  ;\n  return x;\n}\n']],
    ['top();\n', []],
  ]);
});
