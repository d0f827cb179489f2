import { test } from 'node:test';
import { stringConstant } from '../../../../src/checks/mutation/operators/string-constant.js';
import { assertPairs } from '../helpers.js';

test('string-constant: empty <-> non-empty, keeping prefix and quotes', async () => {
  await assertPairs(stringConstant, [
    ["x = 'abc'\n", ["x = ''\n"]],
    ['x = ""\n', ['x = "x"\n']],
    ["x = b'ab'\n", ["x = b''\n"]],
    ["x = ''.join(y)\n", ["x = 'x'.join(y)\n"]],
    ['x = """a\nb"""\n', ['x = """"""\n']],
    ["x = 'a' 'b'\n", ["x = ''\n"]],
    // inside an f-string the replacement keeps the inner quote style (valid in Python 3.11)
    ["x = f\"{d['k']}\"\n", ["x = f\"\"\n", "x = f\"{d['']}\"\n"]],
    // docstrings and other bare string statements are never mutated
    ['def f():\n    """doc"""\n    return "a"\n', ['def f():\n    """doc"""\n    return ""\n']],
  ]);
});
