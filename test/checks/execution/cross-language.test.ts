import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { asJsValue, compareWithPython, crossLanguageFinding, sameValue } from '../../../src/checks/execution/cross-language.js';
import type { Task } from '../../../src/model/task.js';
import { DEFAULT_JS_LIMITS, scriptRunner } from '../../../src/sandbox/js/runtime.js';
import { createRuntime } from '../../../src/sandbox/runtimes.js';
import type { JobResult } from '../../../src/sandbox/types.js';
import { PyFloat } from '../../../src/util/python-json.js';

const jsRuntime = createRuntime({ language: 'javascript', workers: 1 });
const runtime = scriptRunner(jsRuntime);
after(() => jsRuntime.close());

describe('cross-language comparison', () => {
  it('reads Python outputs as the JSON JavaScript prints: tuples as arrays, dicts as objects, big ints as numbers', () => {
    assert.deepEqual(asJsValue({ tuple: [1, 'a', [true, null]] }), [1, 'a', [true, null]]);
    assert.deepEqual(asJsValue({ dict: [['k', { tuple: [1] }]] }), { k: [1] });
    assert.equal(asJsValue({ int: '12345678901234567890' }), 12345678901234567890);
    assert.equal(asJsValue({ float: 'nan' }), null);
    assert.equal(asJsValue({ set: [1] }), undefined, 'no JavaScript counterpart: not compared');
    assert.ok(sameValue([0.1 + 0.2, { a: 1 }], [0.3, { a: 1 }]));
    assert.ok(!sameValue('6.00', 6));
    assert.ok(!sameValue([1, 2], [1, 2, 3]));
  });

  it('a translation that returns another type or rounds differently disagrees; integral floats are not compared', async () => {
    const js: Task = {
      benchmark: 'humaneval-x-js', id: 'JavaScript/0', language: 'javascript', entryPoint: 'half', prompt: 'const half = (x) => {\n',
      canonicalSolution: '  return Math.round(x / 2).toString()\n}\n', solution: 'const half = (x) => {\n  return Math.round(x / 2).toString()\n}\n',
      setupCode: '', imports: [], tests: { kind: 'script', code: '', exampleCode: '' }, siblings: [], source: { file: 'f', row: 1 },
    };
    const py: Task = { ...js, benchmark: 'humaneval-plus', id: 'HumanEval/0', language: undefined, inputs: { base: [[4], [5], [new PyFloat(6)]], plus: [], atol: 0, contract: '' } };
    // Python's round(2.5) == 2 (to even) and returns str of an int: "2"; JavaScript rounds 2.5 up.
    const python: JobResult = {
      verdict: { status: 'passed' },
      outputs: [
        { index: 0, status: 'returned', value: '2', repr: "'2'", ms: 0 },
        { index: 1, status: 'returned', value: '2', repr: "'2'", ms: 0 },
        { index: 2, status: 'returned', value: '3', repr: "'3'", ms: 0 },
      ],
      stdout: '', stderr: '', stdoutTruncated: false, stderrTruncated: false, durationMs: 0, leftoverProcesses: 0,
    };
    const r = await compareWithPython(js, py, python, runtime, DEFAULT_JS_LIMITS);
    assert.equal(r.compared, 2, 'the integral float 6.0 has no exact JavaScript counterpart');
    assert.deepEqual(r.disagreements, [{ input: 'half(5)', python: "'2'", javascript: '"3"' }]);
    const f = crossLanguageFinding(js, py, r);
    assert.equal(f?.kind, 'translation-mismatch');
    assert.equal(f?.evidence.count, 1);
  });
});
