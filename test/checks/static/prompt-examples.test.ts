import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractPromptExamples, isLiteralish, splitTopLevel } from '../../../src/checks/static/prompt-examples.js';

const pick = (prompt: string, ep: string) => extractPromptExamples(prompt, ep).map(({ call, expected, style }) => ({ call, expected, style }));

describe('extractPromptExamples', () => {
  it('reads doctest blocks, including continuation lines and multi-line output', () => {
    const prompt = 'def f(x):\n    """Doc.\n    >>> f(1)\n    2\n    >>> f(\n    ...   [1, 2])\n    [2,\n     3]\n    """\n';
    assert.deepEqual(pick(prompt, 'f'), [
      { call: 'f(1)', expected: '2', style: 'doctest' },
      { call: 'f(\n[1, 2])', expected: '[2,\n3]', style: 'doctest' },
    ]);
  });

  it('reads ==, ->, =>, ==>, ➞, "should return" and = lines with literal arguments', () => {
    const prompt = [
      'def g(a, b):',
      '    g(1, 2) == 3',
      '    g([1], "x") -> [1, "x"]',
      "    g('a', 'b') => 'ab'",
      '    g(0, 0) ==> 0',
      '    g(2, 2) ➞ True',
      '    g({"k": 1}, None) should return False.',
      '    g(3, 4) = 7',
    ].join('\n');
    assert.deepEqual(pick(prompt, 'g'), [
      { call: 'g(1, 2)', expected: '3', style: 'equals' },
      { call: 'g([1], "x")', expected: '[1, "x"]', style: 'arrow' },
      { call: "g('a', 'b')", expected: "'ab'", style: 'arrow' },
      { call: 'g(0, 0)', expected: '0', style: 'arrow' },
      { call: 'g(2, 2)', expected: 'True', style: 'arrow' },
      { call: 'g({"k": 1}, None)', expected: 'False', style: 'arrow' },
      { call: 'g(3, 4)', expected: '7', style: 'equals' },
    ]);
  });

  it('reads a doctest that starts on the docstring\'s opening line', () => {
    assert.deepEqual(pick('def f(x):\n    """>>> f(1)\n    1\n    """\n', 'f'), [{ call: 'f(1)', expected: '1', style: 'doctest' }]);
  });

  it('does not take definitions with variables for examples', () => {
    const prompt = 'def fib(n):\n    fib(0) == 0\n    fib(n) == fib(n-1) + fib(n-2).\n    def fib(n) -> int\n';
    assert.deepEqual(pick(prompt, 'fib'), [{ call: 'fib(0)', expected: '0', style: 'equals' }]);
  });

  it('reads asserts as whole comparisons (MBPP+ prompts)', () => {
    assert.deepEqual(pick('"""\nDo it.\nassert set(f((3, 4),(4, 5))) == set((4,))\n"""\n', 'f'), [{ call: 'set(f((3, 4),(4, 5)))', expected: 'set((4,))', style: 'assert' }]);
    assert.deepEqual(pick('"""\nassert math.isclose(v(10), 4188.79, rel_tol=0.001)\n"""\n', 'v'), [
      { call: 'math.isclose(v(10), 4188.79, rel_tol=0.001)', expected: 'True', style: 'assert' },
    ]);
  });

  it('reads Input:/Output: pairs and "For x = v the output should be y" for one-parameter functions', () => {
    const prompt = 'def h(lst):\n    """\n    Example 1:\n        Input: [4,2,3]\n        Output: [2, 1]\n    For lst = [1,2] the output should be 3\n    """\n';
    assert.deepEqual(pick(prompt, 'h'), [
      { call: 'h([4,2,3])', expected: '[2, 1]', style: 'input-output' },
      { call: 'h([1,2])', expected: '3', style: 'input-output' },
    ]);
  });

  it('helpers: literal detection and top-level splitting', () => {
    assert.equal(isLiteralish('[1, -2.5e3, "a b", (None, True)]'), true);
    assert.equal(isLiteralish('n - 1'), false);
    assert.deepEqual(splitTopLevel('f("a==b") == [x == y]', '=='), ['f("a==b")', '[x == y]']);
    assert.equal(splitTopLevel('a != b', '=='), undefined);
  });
});
