/**
 * Property test over every HumanEval and MBPP reference solution: each emitted mutant parses
 * (the generator already filters with tree-sitter; here CPython's compile(), which executes
 * nothing, is the independent judge), differs from the original and
 * from every other mutant of its task, and changes only the reference solution's region.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pythonCompiles } from '../../../src/checks/mutation/compile-check.js';
import { mutantsForTask } from '../../../src/checks/mutation/generate.js';
import { mutationOperatorNames, plausibleMistakeOperatorNames } from '../../../src/checks/mutation/operators/index.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { loadReferenceTasks } from './helpers.js';

test('every mutant of every HumanEval and MBPP reference solution parses, compiles and differs', async (t) => {
  const parser = await loadPythonParser();
  const reference = await loadReferenceTasks(t);
  if (!reference) return;
  const { humaneval, mbpp } = reference;
  assert.equal(humaneval.length, 164);
  assert.equal(mbpp.length, 974);
  const sources: string[] = [];
  const operatorsSeen = new Set<string>();
  for (const task of [...humaneval, ...mbpp]) {
    assert.ok(parser.parses(task.solution), `${task.id}: the original parses`);
    const set = mutantsForTask(parser, task);
    assert.deepEqual(set.warnings, [], `${task.id}: region found`);
    assert.ok(set.mutants.length > 0, `${task.id}: at least one mutant`);
    const texts = new Set<string>();
    for (const m of set.mutants) {
      assert.notEqual(m.source, task.solution, `${task.id} ${m.id} equals the original`);
      assert.ok(!texts.has(m.source), `${task.id} ${m.id} duplicates another mutant`);
      texts.add(m.source);
      assert.ok(m.start >= set.region.start && m.end <= set.region.end, `${task.id} ${m.id} outside the solution`);
      assert.equal(m.source.slice(0, m.start), task.solution.slice(0, m.start));
      assert.ok(m.diff.includes('\n-') || m.diff.includes('\n+'), `${task.id} ${m.id} has an empty diff`);
      operatorsSeen.add(m.operator);
      sources.push(m.source);
    }
  }
  // every registered operator fires somewhere on real code
  assert.deepEqual([...operatorsSeen].sort(), [...mutationOperatorNames].sort());
  const compiles = pythonCompiles(sources);
  const failing = sources.filter((_, i) => !compiles[i]);
  assert.equal(failing.length, 0, `mutants CPython rejects:\n${failing.slice(0, 3).join('\n----\n')}`);
});

test('every plausible-mistake mutant of every HumanEval and MBPP reference is valid as produced, compiles and differs', async (t) => {
  const parser = await loadPythonParser();
  const reference = await loadReferenceTasks(t);
  if (!reference) return;
  const sources: string[] = [];
  const operatorsSeen = new Set<string>();
  for (const task of [...reference.humaneval, ...reference.mbpp]) {
    const set = mutantsForTask(parser, task, { families: ['plausible-mistake'] });
    // The operators build only valid programs: generation has nothing to drop.
    assert.equal(set.stats.unparsable, 0, `${task.id}: an operator produced an unparsable mutant`);
    for (const m of set.mutants) {
      assert.notEqual(m.source, task.solution, `${task.id} ${m.id} equals the original`);
      assert.ok(m.start >= set.region.start && m.end <= set.region.end, `${task.id} ${m.id} outside the solution`);
      operatorsSeen.add(m.operator);
      sources.push(m.source);
    }
  }
  assert.deepEqual([...operatorsSeen].sort(), [...plausibleMistakeOperatorNames].sort());
  const compiles = pythonCompiles(sources);
  const failing = sources.filter((_, i) => !compiles[i]);
  assert.equal(failing.length, 0, `mutants CPython rejects:\n${failing.slice(0, 3).join('\n----\n')}`);
});
