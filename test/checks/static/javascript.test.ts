import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeStatic } from '../../../src/checks/static/analyze.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { loadJavaScriptParser } from '../../../src/javascript/parser.js';
import { checkJavaScriptSyntax } from '../../../src/javascript/syntax.js';
import type { Task } from '../../../src/model/task.js';
import { needData } from '../../helpers/data.js';

const noPython = (sources: string[]) => {
  assert.deepEqual(sources, [], 'JavaScript parts never reach the Python parser');
  return [];
};

function jsTask(id: string, solution: string, tests: string, prompt = 'const f = (x) => {\n'): Task {
  return {
    benchmark: 'fixture', id, language: 'javascript', entryPoint: 'f', prompt, canonicalSolution: solution.slice(prompt.length), solution,
    setupCode: '', imports: [], tests: { kind: 'script', code: tests, exampleCode: '' }, siblings: [], source: { file: 'fixture.jsonl', row: 1 },
  };
}

describe('static check on JavaScript tasks', () => {
  it('parses with the JavaScript grammar, counts console.assert calls and reports a broken test with its line', async () => {
    const parser = await loadJavaScriptParser();
    const good = jsTask('JavaScript/0', 'const f = (x) => {\n  return x\n}\n', 'console.assert(f(1) === 1)\nconsole.assert(f(2) === 2)\nconsole.assert(f(3) === 3)\n');
    const broken = jsTask('JavaScript/1', 'const f = (x) => {\n  return x\n}\n', 'console.assert(f(1) === 1)\nconsole.assert(f(2) === )\n');
    const badSolution = jsTask('JavaScript/2', 'const f = (x) => {\n  return x +\n', 'console.assert(f(1) === 1)\n');
    const out = analyzeStatic([good, broken, badSolution], { fewTestsThreshold: 2 }, noPython, (s) => checkJavaScriptSyntax(parser, s));
    assert.equal(out.tasks[0].section?.tests, 3);
    assert.deepEqual(out.tasks[0].findings.map((f) => f.kind), ['no-prompt-examples'], 'a JavaScript signature without examples is noted');
    const testError = out.tasks[1].findings.find((f) => f.kind === 'test-syntax-error');
    assert.ok(testError, 'the broken test is reported');
    assert.equal(testError.evidence.line, 2);
    assert.ok(out.tasks[1].findings.some((f) => f.kind === 'few-tests'));
    assert.ok(out.tasks[2].findings.some((f) => f.kind === 'solution-syntax-error'));
  });

  it('the real HumanEval-X JavaScript release parses, and its test counts are the console.assert calls', async (t) => {
    const [file] = needData(t, 'humaneval-x/humaneval_js.jsonl.gz') ?? [];
    if (!file) return;
    const parser = await loadJavaScriptParser();
    const tasks = await loadDataFile(file);
    const out = analyzeStatic(tasks, { fewTestsThreshold: 2 }, noPython, (s) => checkJavaScriptSyntax(parser, s));
    const kinds = out.tasks.flatMap((o) => o.findings.map((f) => f.kind));
    assert.equal(kinds.filter((k) => k.endsWith('syntax-error')).length, 0);
    assert.equal(out.tasks[0].section?.tests, 7, 'JavaScript/0 has seven console.assert calls');
    assert.ok(out.summary.tasksWithPromptExamples > 100, 'the prompts carry >>> examples');
  });
});
