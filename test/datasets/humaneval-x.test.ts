import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadDataFile, linkSiblings } from '../../src/datasets/load.js';
import { getManifest } from '../../src/datasets/manifest.js';
import { jsEntryPoint } from '../../src/datasets/adapters/humaneval-x.js';
import { assembleTestProgram, taskLanguage } from '../../src/model/task.js';
import { needData } from '../helpers/data.js';

describe('HumanEval-X JavaScript adapter', () => {
  it('the entry point is the last function the declaration introduces (helpers come first)', () => {
    assert.equal(jsEntryPoint('\nconst hasCloseElements = (numbers, threshold) => {\n'), 'hasCloseElements');
    assert.equal(jsEntryPoint('const poly = (xs, x) => {\n  return 0;\n}\n\nconst findZero = (xs) => {\n'), 'findZero');
    assert.equal(jsEntryPoint('function fib(n) {\n'), 'fib');
    assert.equal(jsEntryPoint('/* no code */'), undefined);
  });

  it('the real release: 164 JavaScript tasks, script tests, prompt examples, detected without --adapter', async (t) => {
    const [file] = needData(t, 'humaneval-x/humaneval_js.jsonl.gz') ?? [];
    if (!file) return;
    const tasks = await loadDataFile(file);
    assert.equal(tasks.length, getManifest('humaneval-x-js').taskCount);
    assert.deepEqual(tasks.slice(0, 2).map((x) => x.id), ['JavaScript/0', 'JavaScript/1']);
    const t0 = tasks[0];
    assert.equal(taskLanguage(t0), 'javascript');
    assert.equal(t0.entryPoint, 'hasCloseElements');
    assert.equal(t0.solution, t0.prompt + t0.canonicalSolution);
    assert.equal(t0.tests.kind, 'script');
    assert.ok(t0.tests.kind === 'script' && t0.tests.code.includes('console.assert') && t0.tests.exampleCode.includes('console.assert'));
    assert.equal(tasks.find((x) => x.id === 'JavaScript/32')?.entryPoint, 'findZero');
    for (const task of tasks) assert.match(task.solution, new RegExp(`(const|function)\\s+${task.entryPoint.replaceAll('$', '\\$')}\\b`), task.id);
    // The official harness runs prompt + solution + "\n" + test as one file.
    assert.ok(assembleTestProgram(t0, t0.solution).includes('testHasCloseElements()'));
  });

  it('siblings link JavaScript/N to HumanEval/N only where the sibling has the task', () => {
    const manifest = getManifest('humaneval-x-js');
    const task = { id: 'JavaScript/7', siblings: [] as { benchmark: string; taskId: string }[] };
    const other = { id: 'JavaScript/999', siblings: [] as { benchmark: string; taskId: string }[] };
    linkSiblings([task, other] as never, manifest.siblings ?? [], new Map([['humaneval', new Set(['HumanEval/7'])], ['humaneval-plus', new Set(['HumanEval/7'])]]));
    assert.deepEqual(task.siblings, [{ benchmark: 'humaneval', taskId: 'HumanEval/7' }, { benchmark: 'humaneval-plus', taskId: 'HumanEval/7' }]);
    assert.deepEqual(other.siblings, []);
  });
});
