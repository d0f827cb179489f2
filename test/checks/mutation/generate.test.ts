import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateMutants, mutantsForTask, sampleMutants, solutionRegion } from '../../../src/checks/mutation/generate.js';
import { mutationOperatorNames, type MutationOperator } from '../../../src/checks/mutation/operators/index.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';

const PROMPT = 'from typing import List\n\n\ndef below(xs: List[int], t: int = 5) -> bool:\n    """Are all xs below t?\n    >>> below([1], 2)\n    True\n    """\n';
const COMPLETION = '    for x in xs:\n        if x >= t:\n            return False\n    return True\n';

test('HumanEval style: only the completion is mutated, never the signature, defaults or docstring', async () => {
  const parser = await loadPythonParser();
  const task = { id: 'T/0', solution: PROMPT + COMPLETION, canonicalSolution: COMPLETION };
  const set = mutantsForTask(parser, task);
  assert.deepEqual(set.region, { start: PROMPT.length, end: PROMPT.length + COMPLETION.length });
  assert.ok(set.mutants.length > 0);
  for (const m of set.mutants) {
    assert.ok(m.start >= PROMPT.length, `${m.id} starts in the prompt`);
    assert.ok(m.source.startsWith(PROMPT), `${m.id} changed the prompt`);
    assert.equal(m.source, task.solution.slice(0, m.start) + m.replacement + task.solution.slice(m.end));
    assert.equal(m.original, task.solution.slice(m.start, m.end));
  }
  const texts = set.mutants.map((m) => `${m.operator} ${m.original} -> ${m.replacement}`);
  assert.ok(texts.includes('relational-operator >= -> >'));
  assert.ok(texts.includes('keyword-constant False -> True'));
  assert.ok(texts.includes('statement-deletion return True -> pass'));
  // ids: unique, well-formed, and `index` is the position in the full list
  assert.equal(new Set(set.mutants.map((m) => m.id)).size, set.mutants.length);
  set.mutants.forEach((m, i) => {
    assert.equal(m.index, i);
    assert.match(m.id, /^[a-z-]+:\d+-\d+:\d+$/);
    assert.ok(mutationOperatorNames.includes(m.operator));
  });
});

test('MBPP style: whole code, but def names, parameters, defaults and imports stay', async () => {
  const parser = await loadPythonParser();
  const code = 'import math\r\nR = 3\r\ndef f(a, b=1):\r\n\treturn math.floor(a / b) + R';
  const set = mutantsForTask(parser, { id: '7', solution: code, canonicalSolution: code });
  assert.deepEqual(set.region, { start: 0, end: code.length });
  const changed = set.mutants.map((m) => m.original);
  assert.ok(!changed.includes('import math'));
  assert.ok(set.mutants.every((m) => m.source.includes('def f(a, b=1):')));
  assert.ok(set.mutants.some((m) => m.original === '3' && m.line === 2 && m.column === 5), 'top-level constants are code');
  const division = set.mutants.find((m) => m.original === '/' && m.replacement === '*');
  assert.ok(division);
  assert.equal(division.line, 4);
  assert.equal(division.column, 22);
  assert.equal(
    division.diff,
    '--- a/solution.py\n+++ b/solution.py\n@@ -1,4 +1,4 @@\n import math\n R = 3\n def f(a, b=1):\n-\treturn math.floor(a / b) + R\n+\treturn math.floor(a * b) + R\n',
  );
});

test('the region falls back to the whole program, with a warning, when the completion is not found', () => {
  const r = solutionRegion({ solution: 'def f():\n    return 1\n', canonicalSolution: '  return 2\n' });
  assert.deepEqual(r.region, { start: 0, end: 22 });
  assert.equal(r.warnings.length, 1);
});

test('duplicates, no-op and unparsable replacements are dropped, and counted', async () => {
  const parser = await loadPythonParser();
  // A test-only operator: on each integer, a no-op, the same replacement twice, and a syntax error.
  const noisy: MutationOperator = {
    name: 'noisy',
    description: 'test double',
    mutate: (node) =>
      node.type === 'integer'
        ? [
            { start: node.startIndex, end: node.endIndex, text: node.text },
            { start: node.startIndex, end: node.endIndex, text: '7' },
            { start: node.startIndex, end: node.endIndex, text: '7' },
            { start: node.startIndex, end: node.endIndex, text: '(' },
          ]
        : [],
  };
  const source = 'x = 1\ny = 2\n';
  const set = generateMutants(parser, source, { start: 0, end: source.length }, { operators: [noisy] });
  assert.deepEqual(set.mutants.map((m) => m.source), ['x = 7\ny = 2\n', 'x = 1\ny = 7\n']);
  assert.deepEqual(set.mutants.map((m) => m.id), ['noisy:4-5:0', 'noisy:10-11:0']);
  assert.deepEqual(set.stats, { candidates: 8, unparsable: 2, duplicates: 4, valid: 2 });
});

test('replacements outside the region are ignored', async () => {
  const parser = await loadPythonParser();
  const source = 'x = 1\ny = 2\n';
  const set = generateMutants(parser, source, { start: 6, end: source.length });
  assert.ok(set.mutants.length > 0);
  assert.ok(set.mutants.every((m) => m.start >= 6 && m.source.startsWith('x = 1\n')));
});

test('sampling is deterministic, a subset in original order, and depends on the seed', async () => {
  const parser = await loadPythonParser();
  const task = { id: 'T/0', solution: PROMPT + COMPLETION, canonicalSolution: COMPLETION };
  const all = mutantsForTask(parser, task).mutants;
  assert.ok(all.length > 6);
  const a = mutantsForTask(parser, task, { maxMutants: 5, seed: 1 });
  const b = mutantsForTask(parser, task, { maxMutants: 5, seed: 1 });
  assert.deepEqual(a.mutants.map((m) => m.id), b.mutants.map((m) => m.id));
  assert.equal(a.mutants.length, 5);
  assert.equal(a.sampledOut, all.length - 5);
  const ids = all.map((m) => m.id);
  const positions = a.mutants.map((m) => ids.indexOf(m.id));
  assert.deepEqual(positions, [...positions].sort((x, y) => x - y));
  assert.ok(positions.every((p) => p >= 0));
  for (const m of a.mutants) assert.deepEqual(m, all[m.index]);
  const seeds = new Set([1, 2, 3, 4, 5, 6].map((seed) => sampleMutants(all, 5, seed, 'T/0').map((m) => m.index).join(',')));
  assert.ok(seeds.size > 1, 'different seeds give different samples');
  assert.equal(sampleMutants(all, undefined, 1, 'T/0').length, all.length);
  assert.equal(sampleMutants(all, all.length + 10, 1, 'T/0').length, all.length);
});
