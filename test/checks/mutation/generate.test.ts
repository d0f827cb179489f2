import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { generateMutants, mutantsForTask, sampleMutants, solutionRegion } from '../../../src/checks/mutation/generate.js';
import { mutationOperatorNames, operatorsOfFamilies, plausibleMistakeOperatorNames, type MutationOperator } from '../../../src/checks/mutation/operators/index.js';
import { missingAbs } from '../../../src/checks/mutation/operators/missing-abs.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { needData } from '../../helpers/data.js';

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

/**
 * Default generation on HumanEval's 164 references, fingerprinted (sha256 of every task id, mutant id
 * and mutated source, in order) on main at fcb4edd, before the plausible-mistake family existed. It
 * changes only when a standard operator or the generator changes on purpose: then audits change too.
 */
const HUMANEVAL_DEFAULT_MUTANTS = { count: 3693, sha256: 'b79e303ac1d50b5c57c92a55600aac46e98dde9be5e284a1dba19c3f972fe5f0' };

test('families: the default generates the standard mutants only, the same as before plausible-mistake operators existed', async (t) => {
  const [path] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
  if (path === undefined) return;
  const parser = await loadPythonParser();
  const tasks = await loadDataFile(path, { adapter: 'humaneval', benchmark: 'humaneval' });
  const hash = createHash('sha256');
  let count = 0;
  for (const task of tasks) {
    const set = mutantsForTask(parser, task);
    const explicit = mutantsForTask(parser, task, { families: ['standard'] });
    assert.deepEqual(explicit.mutants.map((m) => m.id), set.mutants.map((m) => m.id));
    for (const m of set.mutants) {
      assert.ok(mutationOperatorNames.includes(m.operator), `${task.id} ${m.id} is not a standard operator's`);
      hash.update(`${task.id}\n${m.id}\n${m.source}\n`);
    }
    count += set.mutants.length;
  }
  assert.deepEqual({ count, sha256: hash.digest('hex') }, HUMANEVAL_DEFAULT_MUTANTS);
});

test('families: plausible-mistake mutants come only when asked for, never repeat a standard mutant, and are deterministic', async (t) => {
  const [path] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
  if (path === undefined) return;
  const parser = await loadPythonParser();
  const tasks = await loadDataFile(path, { adapter: 'humaneval', benchmark: 'humaneval' });
  const seen = new Set<string>();
  let plausible = 0;
  for (const task of tasks) {
    const standard = mutantsForTask(parser, task);
    const only = mutantsForTask(parser, task, { families: ['plausible-mistake'] });
    const both = mutantsForTask(parser, task, { families: ['standard', 'plausible-mistake'] });
    for (const m of only.mutants) {
      assert.ok(plausibleMistakeOperatorNames.includes(m.operator), `${task.id} ${m.id}`);
      seen.add(m.operator);
    }
    plausible += only.mutants.length;
    // Together: every standard mutant keeps its id and text, and the plausible ones are all added (none was a duplicate).
    const key = (m: { id: string; source: string }): string => `${m.id}\n${m.source}`;
    const bothKeys = new Set(both.mutants.map(key));
    for (const m of standard.mutants) assert.ok(bothKeys.has(key(m)), `${task.id} lost ${m.id}`);
    assert.equal(both.mutants.length, standard.mutants.length + only.mutants.length, `${task.id}: a plausible-mistake mutant repeats a standard one`);
    assert.equal(only.stats.unparsable, 0, `${task.id}: an operator produced an unparsable mutant`);
    assert.deepEqual(mutantsForTask(parser, task, { families: ['plausible-mistake'] }).mutants, only.mutants);
  }
  assert.ok(plausible > 0);
  // Every operator has a use in HumanEval's references.
  assert.deepEqual([...seen].sort(), [...plausibleMistakeOperatorNames].sort());
});

test('families: an explicit operator list is used as given, and filtered only when families is given too', async () => {
  const parser = await loadPythonParser();
  const source = 'def f(a, b):\n    return abs(a - b) < 1\n';
  const whole = { start: 0, end: source.length };
  const ids = (options: Parameters<typeof generateMutants>[3]): string[] => generateMutants(parser, source, whole, options).mutants.map((m) => m.id);
  assert.deepEqual(ids({ operators: [missingAbs] }), ['missing-abs:24-34:0']);
  assert.deepEqual(ids({ operators: [missingAbs], families: ['standard'] }), []);
  // The registry by default: standard only; by family: exactly that family's operators.
  assert.ok(ids({}).length > 0 && ids({}).every((id) => mutationOperatorNames.includes(id.split(':')[0])));
  assert.deepEqual(ids({ families: ['plausible-mistake'] }), ids({ operators: operatorsOfFamilies(['plausible-mistake']) }));
  assert.deepEqual(ids({ families: ['plausible-mistake'] }), ['missing-abs:24-34:0']);
});
