import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runJavaScriptTask } from '../../../src/checks/execution/javascript.js';
import { loadJavaScriptParser } from '../../../src/javascript/parser.js';
import { DEFAULT_EXECUTION_CONFIG } from '../../../src/model/defaults.generated.js';
import type { Task } from '../../../src/model/task.js';
import { DEFAULT_JS_LIMITS, scriptRunner } from '../../../src/sandbox/js/runtime.js';
import { createRuntime } from '../../../src/sandbox/runtimes.js';

const jsRuntime = createRuntime({ language: 'javascript', workers: 1 });
const runtime = scriptRunner(jsRuntime);
after(() => jsRuntime.close());
const config = { ...DEFAULT_EXECUTION_CONFIG, repeats: 2 };
const PROMPT = '/* add one */\nconst inc = (x) => {\n';

function task(body: string, tests: string, examples = ''): Task {
  return {
    benchmark: 'fixture', id: 'JavaScript/0', language: 'javascript', entryPoint: 'inc', prompt: PROMPT, canonicalSolution: body, solution: PROMPT + body,
    setupCode: '', imports: [], tests: { kind: 'script', code: tests, exampleCode: examples }, siblings: [], source: { file: 'fixture.jsonl', row: 1 },
  };
}
const run = async (t: Task) => runJavaScriptTask(t, await loadJavaScriptParser(), runtime, config, DEFAULT_JS_LIMITS);
const kinds = (r: Awaited<ReturnType<typeof run>>) => r.output.findings.map((f) => f.kind);

describe('execution check on JavaScript tasks', () => {
  it('a correct reference with falsifiable asserts has no findings', async () => {
    const r = await run(task('  return x + 1\n}\n', 'const t = () => {\n  console.assert(inc(1) === 2)\n  console.assert(inc(-1) === 0)\n}\nt()\n', 'console.assert(inc(0) === 1)\n'));
    assert.deepEqual(kinds(r), []);
    assert.deepEqual(r.output.section?.repeats, ['passed', 'passed']);
    assert.deepEqual(r.output.section?.promptExamples, { checked: 1, mismatched: 0, notEvaluable: 0 });
  });

  it('a reference failing an assert is canonical-fails with the assert line and text', async () => {
    const r = await run(task('  return x + 2\n}\n', 'const t = () => {\n  console.assert(inc(1) === 2)\n}\nt()\n'));
    const f = r.output.findings.find((x) => x.kind === 'canonical-fails');
    assert.ok(f);
    assert.equal(f.evidence.line, 2);
    assert.equal(f.evidence.text, 'console.assert(inc(1) === 2)');
  });

  it('a reference that prints fails, as the harness fails any output', async () => {
    const r = await run(task('  console.log(x)\n  return x + 1\n}\n', 'console.assert(inc(1) === 2)\n'));
    const f = r.output.findings.find((x) => x.kind === 'canonical-fails');
    assert.ok(f);
    assert.equal(f.evidence.exception, 'Output');
  });

  it('asserts that hold whatever the function returns are assert-cannot-fail; falsifiable ones are not listed', async () => {
    const r = await run(task('  return x + 1\n}\n', "console.assert(inc(1) === 2)\nconsole.assert(typeof inc === 'function')\nconsole.assert([inc(3)].length === 1)\nconsole.assert(inc(2), 3)\n"));
    const f = r.output.findings.find((x) => x.kind === 'assert-cannot-fail');
    assert.ok(f, 'the vacuous asserts are found');
    assert.deepEqual((f.evidence.asserts as { line: number }[]).map((a) => a.line), [2, 3]);
  });

  it('a prompt example the reference contradicts is prompt-example-mismatch; a missing module is a setup error', async () => {
    const r = await run(task('  return x + 1\n}\n', 'console.assert(inc(1) === 2)\n', 'console.assert(inc(1) === 3)\n'));
    assert.deepEqual(kinds(r), ['prompt-example-mismatch']);
    const md5 = await run(task("  var md5 = require('js-md5')\n  return md5(x)\n}\n", "console.assert(inc('') === 'x')\n"));
    assert.deepEqual(kinds(md5), ['setup-error']);
  });

  it('a reference whose verdict depends on Math.random is flaky across seeds; an endless one times out by counted work', async () => {
    const parser = await loadJavaScriptParser();
    const flaky = await runJavaScriptTask(task('  return Math.random() < 0.5 ? x + 1 : x\n}\n', 'console.assert(inc(1) === 2)\n'), parser, runtime, { ...config, repeats: 8 }, DEFAULT_JS_LIMITS);
    assert.deepEqual(new Set(flaky.output.section?.repeats), new Set(['passed', 'failed']), 'eight seeds draw both ways');
    assert.ok(kinds(flaky).includes('flaky'));
    const slow = await runJavaScriptTask(task('  while (true) {}\n}\n', 'console.assert(inc(1) === 2)\n'), await loadJavaScriptParser(), runtime, { ...config, timeLimitMs: 50 }, DEFAULT_JS_LIMITS);
    assert.ok(kinds(slow).includes('timeout'));
  });
});
