import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateMutants, solutionRegion } from '../../../src/checks/mutation/generate.js';
import { javascriptMutationOperators } from '../../../src/checks/mutation/operators/index.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { loadJavaScriptParser } from '../../../src/javascript/parser.js';
import { needData } from '../../helpers/data.js';

test('every JavaScript mutant of every HumanEval-X reference parses, differs from it, and stays in the solution', async (t) => {
  const [file] = needData(t, 'humaneval-x/humaneval_js.jsonl.gz') ?? [];
  if (!file) return;
  const parser = await loadJavaScriptParser();
  const tasks = await loadDataFile(file);
  const perOperator = new Map<string, number>();
  for (const task of tasks) {
    const { region } = solutionRegion(task);
    const { mutants } = generateMutants(parser, task.solution, region, { operators: javascriptMutationOperators });
    for (const m of mutants) {
      assert.notEqual(m.source, task.solution, m.id);
      assert.ok(parser.parses(m.source), `${task.id} ${m.id} parses`);
      assert.ok(m.start >= region.start && m.end <= region.end, `${task.id} ${m.id} inside the solution`);
      assert.equal(m.source.slice(0, region.start), task.solution.slice(0, region.start), 'the prompt is untouched');
      perOperator.set(m.operator, (perOperator.get(m.operator) ?? 0) + 1);
    }
  }
  // Every operator finds something to mutate in 164 references.
  assert.deepEqual([...perOperator.keys()].sort(), javascriptMutationOperators.map((o) => o.name).sort());
});
