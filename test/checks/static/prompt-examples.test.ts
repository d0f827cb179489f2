import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractPromptExamples, isLiteralish, isSingleLiteral, splitTopLevel } from '../../../src/checks/static/prompt-examples.js';

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

  it('does not take a recurrence, or the values listed beside it, for examples', () => {
    const prompt = 'def fib(n):\n    fib(0) == 0\n    fib(n) == fib(n-1) + fib(n-2).\n    def fib(n) -> int\n\n    Examples:\n    fib(1) == 1\n';
    assert.deepEqual(pick(prompt, 'fib'), [{ call: 'fib(1)', expected: '1', style: 'equals' }]);
  });

  it('reads HumanEval/130: the recurrence and the worked values are definitions, the list under Examples: is the example', () => {
    const prompt = [
      'def tri(n):',
      '    """Tribonacci sequence is defined by the recurrence:',
      '    tri(1) = 3',
      '    tri(n) = 1 + n / 2, if n is even.',
      '    tri(n) =  tri(n - 1) + tri(n - 2) + tri(n + 1), if n is odd.',
      '    For example:',
      '    tri(2) = 1 + (2 / 2) = 2',
      '    tri(4) = 3',
      '    tri(3) = tri(2) + tri(1) + tri(4)',
      '           = 2 + 3 + 3 = 8 ',
      '    You are given a non-negative integer number n.',
      '    Examples:',
      '    tri(3) = [1, 3, 2, 8]',
      '    """',
    ].join('\n');
    assert.deepEqual(extractPromptExamples(prompt, 'tri'), [{ call: 'tri(3)', expected: '[1, 3, 2, 8]', line: 13, style: 'equals', source: 'tri(3) = [1, 3, 2, 8]' }]);
  });

  it('reads doctests that compare on the >>> line, with or without the ==', () => {
    const prompt = 'def s(arr):\n    """\n    >>> s([1, 5]) == [1, 5]\n    >>> s([1, 0]) [0, 1]\n    """\n';
    assert.deepEqual(pick(prompt, 's'), [
      { call: 's([1, 5])', expected: '[1, 5]', style: 'doctest' },
      { call: 's([1, 0])', expected: '[0, 1]', style: 'doctest' },
    ]);
  });

  it('takes the final value of a worked result, and a lone unquoted word as a string argument', () => {
    const prompt = 'def f(s, n):\n    f("5 apples", 19) -> 19 - 5 = 14\n';
    assert.deepEqual(pick(prompt, 'f'), [{ call: 'f("5 apples", 19)', expected: '14', style: 'arrow' }]);
    assert.deepEqual(pick('def h(s):\n    h(aa) => False\n\n    h(s) => True\n', 'h'), [{ call: "h('aa')", expected: 'False', style: 'arrow' }]);
  });

  it('reads examples written under another function name when none use the entry point, and records that name', () => {
    const prompt = 'def real(lst):\n    """For example:\n    assert list_sort(["aa", "a"]) => ["aa"]\n    grade([1]) ==> [2]\n    """\n';
    assert.deepEqual(extractPromptExamples(prompt, 'real'), []);
    const one = 'def real(lst):\n    """For example:\n    assert list_sort(["aa", "a"]) => ["aa"]\n    list_sort([]) => []\n    """\n';
    assert.deepEqual(extractPromptExamples(one, 'real'), [
      { call: 'real(["aa", "a"])', expected: '["aa"]', line: 3, style: 'arrow', source: 'assert list_sort(["aa", "a"]) => ["aa"]', calledAs: 'list_sort' },
      { call: 'real([])', expected: '[]', line: 4, style: 'arrow', source: 'list_sort([]) => []', calledAs: 'list_sort' },
    ]);
  });

  it('reads argument values and results: Input:/Output: with names, name : value blocks, For ..., the result should be, arr = ... return', () => {
    const prompt = [
      'def m(grid, capacity):',
      '    """',
      '    Input: grid = [[1]], capacity = 2',
      '    Output: 1',
      '    Input:',
      '        grid : [[0,1], [1,1]]',
      '        bucket_capacity : 1',
      '    Output: 3 # sum',
      '    For grid = [[0]], capacity = 5, the result should be 0.',
      '    For grid = [[1]] and capacity = 1 the output should be 1',
      '    """',
    ].join('\n');
    assert.deepEqual(extractPromptExamples(prompt, 'm'), [
      { call: 'm([[1]], 2)', expected: '1', line: 3, style: 'input-output', source: 'Input: grid = [[1]], capacity = 2\nOutput: 1' },
      { call: 'm([[0,1], [1,1]], 1)', expected: '3', line: 5, style: 'input-output', source: 'Input:\ngrid : [[0,1], [1,1]]\nbucket_capacity : 1\nOutput: 3 # sum' },
      { call: 'm([[0]], 5)', expected: '0', line: 9, style: 'input-output', source: 'For grid = [[0]], capacity = 5, the result should be 0.' },
      { call: 'm([[1]], 1)', expected: '1', line: 10, style: 'input-output', source: 'For grid = [[1]] and capacity = 1 the output should be 1' },
    ]);
    const ret = 'def by(arr):\n    """\n    arr = [2, 1]\n          -> sort arr -> [1, 2]\n    return ["Two", "One"]\n    arr = []\n    return = []\n    """\n';
    assert.deepEqual(pick(ret, 'by'), [
      { call: 'by([2, 1])', expected: '["Two", "One"]', style: 'input-output' },
      { call: 'by([])', expected: '[]', style: 'input-output' },
    ]);
  });

  it('does not read a derivation as a result, nor a binding whose names match no parameter', () => {
    const prompt = 'def d(operator, operand):\n    """\n    operator[\'+\', \'*\']\n    array = [2, 3, 4]\n    result = 2 + 3 * 4\n    => result = 14\n    x = [1], y = [2]\n    Output: 3\n    """\n';
    assert.deepEqual(pick(prompt, 'd'), [{ call: "d(['+', '*'], [2, 3, 4])", expected: '14', style: 'input-output' }]);
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
    assert.equal(isSingleLiteral('[-1, 2.5e+3, "a - b", (None,)]'), true);
    assert.equal(isSingleLiteral('-7'), true);
    assert.equal(isSingleLiteral('2 + 3'), false);
    assert.equal(isSingleLiteral('1 + (2 / 2) = 2'), false);
    assert.deepEqual(splitTopLevel('f("a==b") == [x == y]', '=='), ['f("a==b")', '[x == y]']);
    assert.equal(splitTopLevel('a != b', '=='), undefined);
  });
});
