import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countAsserts, loopIterations } from '../../../src/checks/static/count-tests.js';

describe('countAsserts counts the asserts a run executes', () => {
  it('an assert in a literal loop counts once per iteration, nested loops multiply, a closed loop does not', () => {
    const code = [
      'def check(candidate):',
      '    assert candidate(0) == 0',
      '    for _ in range(100):',
      '        coeffs = []',
      '        for _ in range(4):',
      '            coeffs.append(1)',
      '        assert candidate(coeffs)',
      '    for x, y in [(1, 2), (3, 4), (5, 6)]:',
      '        for k in range(2, 10, 2):',
      '',
      '            # comment',
      '            assert candidate(x) != y',
      '    assert candidate(1) == 1',
    ].join('\n');
    assert.equal(countAsserts(code), 1 + 100 + 3 * 4 + 1);
  });

  it('a loop whose count the source does not state counts once', () => {
    assert.equal(countAsserts('def check(c):\n    for x in data:\n        assert c(x)\n    while True:\n        assert c(1)\n        break\n'), 2);
  });

  it('loopIterations reads range() with literal bounds and literal lists, nothing else', () => {
    assert.equal(loopIterations('range(100)'), 100);
    assert.equal(loopIterations('range(1, 4)'), 3);
    assert.equal(loopIterations('range(10, 0, -3)'), 4);
    assert.equal(loopIterations('range(n)'), undefined);
    assert.equal(loopIterations('[1, [2, 3], "a,b"]'), 3);
    assert.equal(loopIterations('()'), 0);
    assert.equal(loopIterations('range(3) + extra'), undefined);
  });
});
