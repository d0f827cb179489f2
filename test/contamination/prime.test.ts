/** The JIT priming runs (tokenizer, scanner look-ups) leave no trace in what a scan reports. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex } from '../../src/contamination/index.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { Scanner } from '../../src/contamination/scanner.js';
import { primeTokenizer, tokenizeText } from '../../src/contamination/tokenize.js';
import { syntheticTask } from './synthetic.js';

const SOLUTION = [
  'def rolling_max(numbers, window):',
  '    """Largest value of each window of the list."""',
  '    result = []',
  '    for i in range(len(numbers) - window + 1):',
  '        best = numbers[i]',
  '        for j in range(i + 1, i + window):',
  '            if numbers[j] > best:',
  '                best = numbers[j]',
  '        result.append(best)',
  '    return result',
  '',
].join('\n');
const PROMPT = 'def rolling_max(numbers, window):\n    """Largest value of each window of the list, for windows of the given size, in order."""\n';
const TESTS = 'def check(candidate):\n    assert candidate([1, 3, 2, 5, 4], 2) == [3, 3, 5, 5]\n    assert candidate([4, 3, 2, 1], 3) == [4, 3]\n';

test('a scanner fresh from its priming run has counted no document frequency, hit or candidate', () => {
  const tasks = [syntheticTask('a', SOLUTION, PROMPT, TESTS), syntheticTask('b', SOLUTION.replace(/best/g, 'top'), PROMPT, TESTS)];
  const index = buildIndex(tasks, resolveScanParameters({}, 0));
  const partial = new Scanner(index).partial();
  assert.deepEqual(partial.df, [[], [], []]);
  assert.deepEqual(partial.candidates, []);
  assert.deepEqual(partial.copies, []);
  // The same scanner then counts a copy's n-grams once per document, as an unprimed one would.
  const scanner = new Scanner(index);
  scanner.scan({ id: 'copy.py', path: 'copy.py', bytes: Buffer.from(SOLUTION) });
  const df = scanner.partial().df;
  assert.ok(df[1].length > 0 && df.every((pairs) => pairs.every(([, n]) => n === 1)), JSON.stringify(df[1].slice(0, 3)));
});

test('tokens are the same before and after the tokenizer is primed (CR, CRLF and LF text)', () => {
  const texts = ['x = 1\r\ny = """doc\r\n"""\r\n', 'a = 1\rb = 2\r', "def f(a):\n\treturn a  # c\n"];
  const tokens = (t: string): number[][] => {
    const s = tokenizeText(t);
    return [Array.from(s.raw.subarray(0, s.length)), Array.from(s.line.subarray(0, s.length)), Array.from(s.flags.subarray(0, s.length))];
  };
  const before = texts.map(tokens);
  primeTokenizer();
  assert.deepEqual(texts.map(tokens), before);
});
