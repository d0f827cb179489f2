import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coverageModel, regionCoverage } from '../../../src/checks/mutation/coverage.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';

const PROMPT = 'def f(x):\n    """doc"""\n';
const BODY = ['    if x > 0:', '        return 1', '    for i in range(x):', '        pass', '    return 0', ''].join('\n');
const SOURCE = PROMPT + BODY;
const REGION = { start: PROMPT.length, end: SOURCE.length };

test('coverage model: statement lines and branch points inside the region only', async () => {
  const parser = await loadPythonParser();
  const model = coverageModel(parser, SOURCE, REGION);
  assert.deepEqual(model.lines, [3, 4, 5, 7], '`pass` and the docstring produce no line event');
  assert.deepEqual(model.branches, [
    { header: 3, headerEnd: 3, body: 4 },
    { header: 5, headerEnd: 5, body: 6 },
  ]);
});

test('line and branch coverage from a trace: f(5) only', async () => {
  const parser = await loadPythonParser();
  // f(5): line 3 (if true) -> 4 (return 1); exit.
  const cov = regionCoverage(parser, SOURCE, REGION, { lines: [1, 3, 4], arcs: [[-1, 3], [3, 4], [4, -1]] });
  assert.deepEqual(cov.lines, { covered: 2, total: 4 });
  assert.deepEqual(cov.uncoveredLines, [5, 7]);
  assert.deepEqual(cov.branches, { covered: 1, total: 4 });
  assert.equal(cov.lineRate, 0.5);
  assert.equal(cov.branchRate, 0.25);
});

test('line and branch coverage from a trace: f(5) and f(0)', async () => {
  const parser = await loadPythonParser();
  // f(0): 3 -> 5 (if false), 5 -> 7 (loop never entered), return 0.
  const cov = regionCoverage(parser, SOURCE, REGION, {
    lines: [3, 4, 5, 7],
    arcs: [[-1, 3], [3, 4], [4, -1], [3, 5], [5, 7], [7, -1]],
  });
  assert.deepEqual(cov.lines, { covered: 4, total: 4 });
  assert.deepEqual(cov.uncoveredLines, []);
  assert.deepEqual(cov.branches, { covered: 3, total: 4 }, 'the loop body was never entered');
});
