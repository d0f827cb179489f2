import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeStatic } from '../../../src/checks/static/analyze.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { checkPythonSyntax } from '../../../src/python/syntax.js';
import type { Task } from '../../../src/model/task.js';
import { needData } from '../../helpers/data.js';

function task(id: string, over: Partial<Task> = {}): Task {
  return {
    benchmark: 't',
    id,
    entryPoint: 'f',
    prompt: `def f(x):\n    """Double x (${id}).\n    >>> f(2)\n    4\n    """\n`,
    canonicalSolution: `    return 2 * x  # ${id}\n`,
    solution: `def f(x):\n    return 2 * x  # ${id}\n`,
    setupCode: '',
    imports: [],
    tests: { kind: 'assert-list', asserts: ['assert f(1) == 2', 'assert f(0) == 0', 'assert f(-1) == -2'], challengeAsserts: [] },
    siblings: [],
    source: { file: 'x.jsonl', row: Number(id.replace(/\D/g, '')) + 1 },
    ...over,
  };
}

const run = (tasks: Task[], threshold = 2) => analyzeStatic(tasks, { fewTestsThreshold: threshold }, (s) => checkPythonSyntax(s));
const kinds = (out: ReturnType<typeof run>, i: number) => out.tasks[i].findings.map((f) => f.kind).sort();

describe('static analysis', () => {
  it('a sound task has no findings and records tests and examples', () => {
    const out = run([task('T/0')]);
    assert.deepEqual(kinds(out, 0), []);
    assert.equal(out.tasks[0].section?.tests, 3);
    assert.deepEqual(out.tasks[0].section?.promptExamples, [{ call: 'f(2)', expected: '4', line: 3, style: 'doctest', source: '>>> f(2)\n4' }]);
  });

  it('flags few tests, no tests, empty fields and parse errors with evidence', () => {
    const out = run([
      task('T/0', { tests: { kind: 'assert-list', asserts: ['assert f(1) == 2'], challengeAsserts: [] } }),
      task('T/1', { tests: { kind: 'assert-list', asserts: [], challengeAsserts: [] } }),
      task('T/2', { canonicalSolution: '  ', entryPoint: '' }),
      task('T/3', { tests: { kind: 'assert-list', asserts: ['assert f(1) == 2', 'assert f(2) == = 4', 'assert f(3) == 6'], challengeAsserts: [] } }),
      task('T/4', { solution: 'def f(x)\n    return x\n', canonicalSolution: 'return x' }),
    ]);
    assert.deepEqual(kinds(out, 0), ['few-tests']);
    assert.deepEqual(kinds(out, 1), ['no-tests']);
    assert.deepEqual(kinds(out, 2), ['missing-field', 'missing-field']);
    assert.deepEqual(kinds(out, 3), ['test-syntax-error']);
    const syntax = out.tasks[3].findings[0];
    assert.equal(syntax.evidence.part, 'assert');
    assert.equal(syntax.evidence.index, 1);
    assert.equal(syntax.evidence.source, 'assert f(2) == = 4');
    assert.deepEqual(kinds(out, 4), ['solution-syntax-error']);
    assert.equal(out.summary.tasksWithFewTests, 2);
  });

  it('flags duplicate ids and duplicate solutions', () => {
    const out = run([task('T/0'), task('T/0', { source: { file: 'x.jsonl', row: 9 } }), task('T/2', { canonicalSolution: task('T/0').canonicalSolution })]);
    assert.ok(kinds(out, 0).includes('duplicate-task-id'));
    assert.deepEqual(out.tasks[0].findings.find((f) => f.kind === 'duplicate-task-id')?.evidence.records, [
      { file: 'x.jsonl', row: 1 },
      { file: 'x.jsonl', row: 9 },
    ]);
    assert.deepEqual(out.tasks[2].findings.map((f) => [f.kind, f.evidence.duplicateOf]), [['duplicate-task', 'T/0']]);
  });

  it('on real HumanEval: every reference and test parses; test counts are the asserts a run executes', async (t) => {
    const [file] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
    if (!file) return;
    const tasks = await loadDataFile(file);
    const out = run(tasks);
    const all = out.tasks.flatMap((x) => x.findings.map((f) => f.kind));
    assert.ok(!all.includes('test-syntax-error') && !all.includes('solution-syntax-error'));
    // The paper's 7.7 tests per problem counts assert statements; the 100-iteration loops of /32, /38, /50, /53 add ~2.
    assert.ok(out.summary.tests.mean > 9 && out.summary.tests.mean < 10.5, `mean ${out.summary.tests.mean}`);
    const few = tasks.filter((_, i) => out.tasks[i].findings.some((f) => f.kind === 'few-tests')).map((x) => x.id);
    assert.deepEqual(few, ['HumanEval/29', 'HumanEval/34', 'HumanEval/35']);
    assert.equal(out.tasks[tasks.findIndex((x) => x.id === 'HumanEval/32')].section?.tests, 100);
    assert.ok(out.summary.tasksWithPromptExamples > 150);
  });
});
