import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { TRIVIAL_BASELINES, trivialCandidates } from '../../../src/checks/mutation/trivial.js';
import { loadReferenceTasks } from './helpers.js';

test('trivial candidates keep imports, helpers and the signature; replace only the body', async () => {
  const parser = await loadPythonParser();
  const solution = 'import math\n\ndef helper(x):\n    return x\n\ndef f(xs: list, k: int = 2) -> int:\n    """doc"""\n    return helper(k)\n';
  const c = trivialCandidates(parser, solution, 'f');
  assert.deepEqual(c.map((x) => x.baseline), [...TRIVIAL_BASELINES]);
  const prefix = 'import math\n\ndef helper(x):\n    return x\n\ndef f(xs: list, k: int = 2) -> int:\n    ';
  assert.equal(c.find((x) => x.baseline === 'return-first-argument')?.source, `${prefix}return xs\n`);
  assert.equal(c.find((x) => x.baseline === 'return-empty-string')?.source, `${prefix}return ''\n`);
  assert.equal(c.find((x) => x.baseline === 'raise')?.source, `${prefix}raise NotImplementedError('trivial baseline')\n`);
  for (const x of c) assert.ok(parser.parses(x.source), x.baseline);
});

test('no first-argument baseline for *args or no parameters; nothing for an unknown entry point', async () => {
  const parser = await loadPythonParser();
  assert.ok(!trivialCandidates(parser, 'def f(*a):\n    return a\n', 'f').some((x) => x.baseline === 'return-first-argument'));
  assert.ok(!trivialCandidates(parser, 'def f():\n    return 1\n', 'f').some((x) => x.baseline === 'return-first-argument'));
  assert.equal(trivialCandidates(parser, 'def g(): pass\n', 'f').length, 0);
  assert.equal(trivialCandidates(parser, 'def f(a): return a + 1\n', 'f')[0].source, 'def f(a): return None\n');
});

test('every HumanEval and MBPP task gets valid trivial candidates', async (t) => {
  const parser = await loadPythonParser();
  const reference = await loadReferenceTasks(t);
  if (!reference) return;
  const { humaneval, mbpp } = reference;
  for (const t of [...humaneval, ...mbpp]) {
    const c = trivialCandidates(parser, t.solution, t.entryPoint);
    assert.ok(c.length >= TRIVIAL_BASELINES.length - 1, `${t.id}: ${t.entryPoint} found`);
    for (const x of c) assert.ok(parser.parses(x.source), `${t.id} ${x.baseline} parses`);
  }
});
