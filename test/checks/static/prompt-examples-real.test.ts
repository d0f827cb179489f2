/** The example extractor on the real benchmark prompts: every form they use is read, prose definitions are not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractPromptExamples } from '../../../src/checks/static/prompt-examples.js';
import { analyzeStatic } from '../../../src/checks/static/analyze.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { needData } from '../../helpers/data.js';

describe('prompt examples on real benchmarks', () => {
  it('HumanEval: only the four prompts without any example get no-prompt-examples', async (t) => {
    const [file] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
    if (!file) return;
    const tasks = await loadDataFile(file, { benchmark: 'humaneval' });
    const out = analyzeStatic(tasks, { fewTestsThreshold: 2 }, (sources) => sources.map(() => ({ ok: true as const })));
    const flagged = tasks.filter((_, i) => out.tasks[i].findings.some((f) => f.kind === 'no-prompt-examples')).map((task) => task.id);
    // 38 and 50 only describe decoding, 41 and 83 give prose only.
    assert.deepEqual(flagged, ['HumanEval/38', 'HumanEval/41', 'HumanEval/50', 'HumanEval/83']);
    const byId = new Map(tasks.map((task) => [task.id, task]));
    const examples = (id: string) => extractPromptExamples(byId.get(id)!.prompt, byId.get(id)!.entryPoint);
    assert.deepEqual(
      examples('HumanEval/130').map((e) => [e.call, e.expected]),
      [['tri(3)', '[1, 3, 2, 8]']],
    );
    assert.deepEqual(
      examples('HumanEval/116').map((e) => [e.call, e.expected]),
      [
        ['sort_array([1, 5, 2, 3, 4])', '[1, 2, 3, 4, 5]'],
        ['sort_array([-2, -3, -4, -5, -6])', '[-6, -5, -4, -3, -2]'],
        ['sort_array([1, 0, 2, 3, 4])', '[0, 1, 2, 3, 4]'],
      ],
    );
    // Every example records the prompt text it came from, and that text is on the line it names.
    for (const task of tasks) {
      const lines = task.prompt.split('\n');
      for (const e of extractPromptExamples(task.prompt, task.entryPoint)) {
        assert.equal(lines[e.line - 1].trim().replace(/^[rRuU]?(?:"""|''')/, '').trim(), e.source.split('\n')[0].replace(/^[rRuU]?(?:"""|''')/, '').trim(), `${task.id} line ${e.line}`);
      }
    }
  });

  it('MBPP+: every prompt shows its assert; MBPP prompts are read and hold no examples', async (t) => {
    const [plus, mbpp] = needData(t, 'evalplus/MbppPlus.jsonl.gz', 'mbpp/mbpp.jsonl') ?? [];
    if (!plus || !mbpp) return;
    const plusTasks = await loadDataFile(plus, { benchmark: 'mbpp-plus' });
    assert.equal(plusTasks.filter((task) => extractPromptExamples(task.prompt, task.entryPoint).length === 0).length, 0);
    const mbppTasks = await loadDataFile(mbpp, { benchmark: 'mbpp' });
    assert.equal(mbppTasks.reduce((n, task) => n + extractPromptExamples(task.prompt, task.entryPoint).length, 0), 0);
  });
});
