import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createRuntime } from '../../../src/sandbox/runtimes.js';
import { probeJsIsolation, jsEscapes } from '../../../src/sandbox/js/probe.js';
import type { JobResult, SandboxJob, TestsJob } from '../../../src/sandbox/types.js';
import { DEFAULT_JS_LIMITS } from '../../../src/sandbox/js/runtime.js';
import { workerConfined, type WorkerConfinement } from '../../../src/sandbox/js/worker-probe.js';

const runtime = createRuntime({ language: 'javascript', workers: 1 });
after(() => runtime.close());

const TESTS = 'const testAdd = () => {\n  console.assert(add(1, 2) === 3)\n  console.assert(add(2, 2) === 4)\n}\ntestAdd()\n';
const job = (candidate: string, timeoutMs?: number): TestsJob => ({ kind: 'tests', program: { candidate }, entryPoint: 'add', tests: { kind: 'script', code: TESTS }, ...(timeoutMs ? { timeoutMs } : {}) });

describe('the JavaScript runtime behind Runtime', () => {
  it('is what createRuntime gives for javascript, and says so in its info', () => {
    assert.equal(runtime.language, 'javascript');
    const info = runtime.info();
    assert.equal(info.language, 'javascript');
    assert.match(info.interpreter.name, /quickjs/);
    assert.match(info.interpreter.version, /^\d+\.\d+\.\d+$/);
    assert.equal(info.python, undefined);
  });

  it('tests jobs: a right program passes, a wrong one fails, a slow one times out', async () => {
    const [right, wrong, thrown, slow] = await runtime.runAll([
      job('const add = (a, b) => a + b'),
      job('const add = (a, b) => a * b'),
      job('const add = (a, b) => { throw new TypeError("no") }'),
      job('const add = (a, b) => { while (true) {} }', 100),
    ]);
    assert.equal(right.verdict.status, 'passed');
    assert.equal(wrong.verdict.status, 'failed');
    assert.equal(thrown.verdict.status, 'failed');
    assert.deepEqual(thrown.verdict.status === 'failed' && [thrown.verdict.exception, thrown.verdict.message], ['TypeError', 'no']);
    assert.equal(slow.verdict.status, 'timeout');
  });

  it('hostile programs cannot turn a wrong answer into a pass', async () => {
    const hostile = [
      // Silence the console the tests call, every way the language offers.
      "const add = () => 0; Object.defineProperty(globalThis, 'console', { value: { assert() {}, log() {}, error() {} } });",
      'const add = () => 0; globalThis.console = { assert() {} }; console.assert = () => {};',
      // Shadow or redefine the names the tests call, with declarations instead of assignments.
      'var console = { assert() {}, log() {}, error() {} }; const add = () => 0;',
      'let JSON = { stringify: () => "x" }; let Number = () => 3; let Object = {}; const add = () => 0;',
      'function isNaN() { return false } var undefined = 0; const add = () => 0; var __benchAuditAssert = () => {};',
      "const add = () => 0; Object.defineProperty(globalThis, '__benchAuditAssert', { value: () => {} }); Object.defineProperty(globalThis, 'Object', { value: {} });",
      "const add = () => 0; try { Object.defineProperty(globalThis, 'console', { get() { return { assert() {} }; } }); } catch {}",
      // Make every comparison look equal.
      "const add = () => 0; globalThis.JSON = { stringify: () => 'x' }; Object.defineProperty(globalThis, 'undefined', { value: 0 });",
      'const add = () => 0; Object.prototype.valueOf = () => 3; Number.prototype.valueOf = () => 3;',
      // Swallow the test script (one file would end in a comment or a template literal).
      'const add = () => 0;\n/*',
      'const add = () => 0;\nconst swallowed = `',
      // Reach the host.
      "const add = () => 0; require('child_process').execSync('true');",
      "const add = () => 0; process.exit(0);",
      "const add = () => 0; (() => {}).constructor('return process')().exit(0);",
      "const add = () => 0; import('fs').then((fs) => fs.writeFileSync('/tmp/x', ''));",
      // Outlast the budget.
      'const add = () => 0; const loop = () => Promise.resolve().then(loop); loop();',
    ];
    const results = await runtime.runAll(hostile.map((c) => job(c, 200)));
    results.forEach((r, i) => assert.notEqual(r.verdict.status, 'passed', `hostile program ${i} passed: ${hostile[i]}`));
  });

  it('script jobs return the raw record; call and examples jobs are refused, not misrun', async () => {
    const r = await runtime.run({ kind: 'script', script: { source: 'console.log(1)', filename: 't.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official' } });
    assert.equal(r.script?.official, 'failed');
    assert.equal(r.stdout, '1\n');
    await assert.rejects(runtime.run({ kind: 'call', program: { candidate: '' }, entryPoint: 'f', inputs: [[1]] }), /cannot run a call job/);
  });

  it('measures its isolation with probe jobs: nothing escapes', async () => {
    const info = await runtime.measureIsolation();
    assert.equal(info.probed, true);
    assert.equal(info.mode, 'quickjs-wasm');
    assert.equal(info.filesystem, 'confined');
    assert.equal(info.networkIsolated, true);
    assert.deepEqual(jsEscapes(info.jsProbes!), []);
    assert.deepEqual(runtime.info().isolation, info);
    // The layer under the interpreter, from the worker's own start-up probes.
    const worker = info.confinement?.worker as WorkerConfinement | undefined;
    assert.ok(worker !== undefined, 'the record carries the worker process\'s probes');
    assert.ok(worker.launcher !== null, 'the worker was started through the confinement launcher');
    if (Number(worker.launcher.landlockAbi ?? 0) >= 1) {
      assert.equal(workerConfined(worker), true, JSON.stringify(worker));
      assert.equal(info.confinement?.workerConfined, true);
    } else {
      assert.ok(info.notes.some((n) => n.includes('not fully confined by the OS')), info.notes.join('; '));
    }
  });
});

describe('the JavaScript isolation probe can fail', () => {
  it('finds the forged verdict and the replaced console when tests share one file with the program (official mode)', async () => {
    // The same probes, run the way node runs the harness's file: candidate and tests as one script, globals shared.
    const oneFile = (j: SandboxJob): Promise<JobResult> => {
      if (j.kind !== 'tests' || j.tests.kind !== 'script') return runtime.run(j);
      const workBudget = j.timeoutMs ? j.timeoutMs * 2 : DEFAULT_JS_LIMITS.workBudget;
      return runtime.run({ kind: 'script', script: { source: `${j.program.candidate}\n${j.tests.code}`, filename: 'test.js', seed: 0, limits: { ...DEFAULT_JS_LIMITS, workBudget }, mode: 'official' } });
    };
    const info = await probeJsIsolation(oneFile, runtime.isolation);
    const escapes = jsEscapes(info.jsProbes!);
    assert.ok(escapes.includes('consoleReplaceable'), escapes.join());
    assert.ok(escapes.includes('verdictForged'), escapes.join());
    assert.ok(escapes.includes('intrinsicsWritable'), escapes.join());
  });

  it('counts a probe that gives no answer as every escape (fail closed)', async () => {
    const silent = async (): Promise<JobResult> => ({ verdict: { status: 'passed' }, outputs: [], stdout: '', stderr: '', stdoutTruncated: false, stderrTruncated: false, durationMs: 0, leftoverProcesses: 0 });
    const info = await probeJsIsolation(silent, runtime.isolation);
    assert.equal(info.probed, false);
    assert.equal(info.filesystem, 'host');
    assert.equal(jsEscapes(info.jsProbes!).length, Object.keys(info.jsProbes!).length);
  });
});
