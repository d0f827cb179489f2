import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEFAULT_JS_LIMITS, JsRuntime, scriptRunner } from '../../../src/sandbox/js/runtime.js';
import type { SandboxJob } from '../../../src/sandbox/types.js';
import { createRuntime } from '../../../src/sandbox/runtimes.js';
import type { JsJob } from '../../../src/sandbox/js/types.js';

const jsRuntime = createRuntime({ language: 'javascript', workers: 1 });
const runtime = scriptRunner(jsRuntime);
after(() => jsRuntime.close());

/** Small limits so the limit cases finish fast. */
const limits = { ...DEFAULT_JS_LIMITS, workBudget: 300, memoryBytes: 8 * 1024 * 1024, outputBytes: 4096 };
const job = (source: string, extra: Partial<JsJob> = {}): JsJob => ({ source, filename: 'test.js', seed: 1, limits, mode: 'official', ...extra }) as JsJob;
const CANDIDATE = 'const add = (a, b) => {\n  return a + b;\n}\n';

describe('JavaScript runtime: the HumanEval-X harness verdict', () => {
  it('passes a program whose asserts hold and that prints nothing', async () => {
    const r = await runtime.run(job(`${CANDIDATE}console.assert(add(1, 2) === 3)\n`));
    assert.equal(r.official, 'passed');
    assert.deepEqual(r.end, { kind: 'completed' });
    assert.deepEqual(r.unnumberedAsserts, { calls: 1, falsy: 0 });
  });

  it('fails a false console.assert as node does: "Assertion failed" on stderr', async () => {
    const r = await runtime.run(job(`${CANDIDATE}console.assert(add(1, 2) === 4)\n`));
    assert.equal(r.official, 'failed');
    assert.equal(r.stderr, 'Assertion failed\n');
  });

  it('fails any output, even from a correct program (the harness reads output, not the exit code)', async () => {
    const r = await runtime.run(job(`${CANDIDATE}console.log('')\nconsole.assert(add(1, 2) === 3)\n`));
    assert.equal(r.official, 'failed');
    assert.equal(r.stdout, '\n');
  });

  it('numbers instrumented assert sites and counts falsy conditions per site', async () => {
    const r = await runtime.run(job(`${CANDIDATE}for (const x of [1, 2, 3]) __benchAuditAssert(0, add(x, 0) !== 2)\n__benchAuditAssert(1, add(1, 1) === 2, 'msg')\n`));
    assert.deepEqual(r.asserts, [{ site: 0, calls: 3, falsy: 1 }, { site: 1, calls: 1, falsy: 0 }]);
    assert.equal(r.official, 'failed');
  });

  it('gives the same result for the same seed, and Math.random follows the seed', async () => {
    const src = 'if (Math.random() < 0.5) console.log("low")';
    const a = await runtime.run(job(src, { seed: 7 }));
    const b = await runtime.run(job(src, { seed: 7 }));
    assert.deepEqual(a, b);
    const outcomes = new Set<string>();
    for (let seed = 0; seed < 16; seed += 1) outcomes.add((await runtime.run(job(src, { seed }))).official);
    assert.deepEqual([...outcomes].sort(), ['failed', 'passed']);
  });
});

describe('JavaScript runtime: limits and adversarial programs', () => {
  it('stops an endless loop by counted work, the same count every time', async () => {
    const a = await runtime.run(job('while (true) {}'));
    const b = await runtime.run(job('while (true) {}'));
    assert.deepEqual(a.end, { kind: 'timeout' });
    assert.equal(a.official, 'timed-out');
    assert.equal(a.work, b.work);
  });

  it('a program that catches the stop still times out', async () => {
    const r = await runtime.run(job('for (;;) { try { while (true) {} } catch (e) {} }'));
    assert.deepEqual(r.end, { kind: 'timeout' });
  });

  it('stops an output flood at the output limit', async () => {
    const r = await runtime.run(job('for (;;) console.log("x".repeat(100))'));
    assert.deepEqual(r.end, { kind: 'output-limit' });
    assert.ok(r.stdout.length <= limits.outputBytes);
  });

  it('a heap bomb ends as memory, and the worker serves the next job', async () => {
    const r = await runtime.run(job('const a = []; for (;;) a.push(new Array(10000).fill(1))'));
    assert.deepEqual(r.end, { kind: 'memory' });
    assert.equal(r.official, 'failed');
    assert.equal((await runtime.run(job(`${CANDIDATE}console.assert(add(1, 1) === 2)`))).official, 'passed');
  });

  it('endless recursion is a catchable stack overflow as in node, and 2,000 frames are fine', async () => {
    const r = await runtime.run(job('const f = (n) => f(n + 1) + 1; f(0)'));
    assert.equal(r.end.kind, 'uncaught');
    assert.match(r.end.kind === 'uncaught' ? r.end.message : '', /stack overflow/);
    const deep = await runtime.run(job('const d = (n) => n === 0 ? 0 : 1 + d(n - 1);\nconsole.assert(d(2000) === 2000)', { limits: { ...limits, workBudget: 5000 } }));
    assert.equal(deep.official, 'passed');
  });

  it('has no process, module loader, network or file system to reach', async () => {
    for (const source of [
      'process.exit(0)',
      "require('child_process').execSync('touch /tmp/pwned')",
      "require('fs').writeFileSync('/tmp/pwned', 'x')",
      "fetch('http://127.0.0.1/')",
      'new XMLHttpRequest()',
      'globalThis.constructor.constructor("return process")().exit(0)',
    ]) {
      const r = await runtime.run(job(source));
      assert.equal(r.official, 'failed', source);
      assert.notEqual(r.end.kind, 'completed', source);
    }
  });

  it('a candidate cannot silence the instrumented asserts: the hook is fixed and its records are the host\'s', async () => {
    const r = await runtime.run(
      job(`globalThis.__benchAuditAssert = () => {}; delete globalThis.__benchAuditAssert; ${'__benchAuditAssert'}(0, 1 === 2)`),
    );
    assert.deepEqual(r.asserts, [{ site: 0, calls: 1, falsy: 1 }]);
    assert.equal(r.official, 'failed');
  });

  it('getters that lie do not change what the host saw: truthiness is read host-side', async () => {
    const r = await runtime.run(job('__benchAuditAssert(0, { valueOf() { return false }, get length() { return 0 } }); __benchAuditAssert(1, 0)'));
    assert.deepEqual(r.asserts, [{ site: 0, calls: 1, falsy: 0 }, { site: 1, calls: 1, falsy: 1 }]);
  });

  it('official mode lets a program replace console.assert or JSON.stringify, as node does; strict mode does not', async () => {
    const forge = 'console.assert = () => {};\nJSON.stringify = () => "same";\n';
    const test = '__benchAuditAssert(0, JSON.stringify([1]) === JSON.stringify([2]))\nconsole.assert(false)\n';
    const official = await runtime.run(job(forge + test));
    assert.equal(official.official, 'passed', 'the benchmark harness is forged this way');
    assert.deepEqual(official.asserts, [{ site: 0, calls: 1, falsy: 0 }]);
    const strict = await runtime.run(job(forge, { mode: 'strict', tests: test }));
    assert.equal(strict.official, 'failed');
    assert.deepEqual(strict.asserts, [{ site: 0, calls: 1, falsy: 1 }]);
    const polluted = await runtime.run(job('Array.prototype.includes = () => true; Object.prototype.x = 1;', { mode: 'strict', tests: '__benchAuditAssert(0, [1].includes(2))' }));
    assert.deepEqual(polluted.asserts, [{ site: 0, calls: 1, falsy: 1 }]);
  });

  it('a strict job is never run as one file: there the program redefines what the tests call and passes', async () => {
    const forge = "const q = () => {}; Object.defineProperty(globalThis, 'console', { value: { assert: q, log: q, error: q } }); Object.defineProperty(globalThis, '__benchAuditAssert', { value: q });\n";
    const test = '__benchAuditAssert(0, 1 === 2)\nconsole.assert(1 === 2)\n';
    // The shape the type no longer allows, as a cast or a checkpoint could still bring it.
    const oneFile = { ...job(forge + test), mode: 'strict' } as unknown as JsJob;
    await assert.rejects(runtime.run(oneFile), /needs its test script apart/);
    // The same program in official mode (what node would do with the file) is forged: the harness's weakness, measured.
    const official = await runtime.run(job(forge + test));
    assert.equal(official.official, 'passed');
    assert.deepEqual(official.asserts, []);
    // Apart, the tests see the hook and console they started with.
    const apart = await runtime.run(job(forge, { mode: 'strict', tests: test }));
    assert.equal(apart.official, 'failed');
    assert.deepEqual(apart.asserts, [{ site: 0, calls: 1, falsy: 1 }]);
    assert.deepEqual(apart.unnumberedAsserts, { calls: 1, falsy: 1, firstFalsyLine: 2 });
  });

  it('names the test script line of the first falsy assert, and no line for an assert the program made', async () => {
    const tests = 'const t = () => {\n  console.assert(add(1, 1) === 2)\n  console.assert(add(2, 2) === 5)\n  console.assert(add(3, 3) === 7)\n}\nt()\n';
    const named = await runtime.run(job(CANDIDATE, { mode: 'strict', tests }));
    assert.deepEqual(named.unnumberedAsserts, { calls: 3, falsy: 2, firstFalsyLine: 3 });
    const fromProgram = await runtime.run(job('const add = (a, b) => { console.assert(false); return a + b }', { mode: 'strict', tests }));
    assert.equal(fromProgram.unnumberedAsserts.firstFalsyLine, undefined);
  });
});

describe('JavaScript runtime: feeding the workers', () => {
  it('a slow job holds up only its own worker: fast jobs flow through the other', async () => {
    const two = createRuntime({ language: 'javascript', workers: 2 });
    try {
      const fast: SandboxJob = { kind: 'script', script: job(`${CANDIDATE}console.assert(add(1, 2) === 3)\n`) };
      // Both workers started and past their first jobs.
      await two.runAll([fast, fast, fast, fast]);
      const slow: SandboxJob = { kind: 'script', script: job('while (true) {}', { limits: { ...limits, workBudget: 4000 } }) };
      const order: number[] = [];
      const fastJobs = 30;
      await two.runAll([slow, ...Array.from({ length: fastJobs }, () => fast)], (_, index) => order.push(index));
      // Round-robin feeding parked every other job behind the slow one, so the window filled up behind it.
      // At most the job sent ahead to the slow job's worker waits for it.
      assert.ok(order.indexOf(0) >= fastJobs - 1, `the slow job finished at position ${order.indexOf(0)} of ${order.length}`);
    } finally {
      await two.close();
    }
  });

  it('a job sent ahead to a worker that goes down runs on its successor, not reported as crashed', async () => {
    const one = new JsRuntime({ workers: 1 });
    try {
      // A job the worker cannot run (no limits) takes it down; the next was already sent to it.
      const broken = one.runScript({ ...job('1'), limits: undefined as unknown as JsJob['limits'] });
      const next = one.runScript(job('console.log("ran")'));
      // The worker answers that job with an error and exits: which of the two the host reads first is the OS's order,
      // so the broken job is either refused (the error) or crashed (the exit). Never completed.
      const outcome = await broken.then(
        (r) => `ended ${r.end.kind}`,
        (e: unknown) => String(e instanceof Error ? e.message : e),
      );
      assert.match(outcome, /^(the JavaScript worker failed|ended crashed)/);
      const r = await next;
      assert.deepEqual(r.end, { kind: 'completed' });
      assert.equal(r.stdout, 'ran\n');
      assert.equal(one.stats.workersReplaced, 1);
    } finally {
      await one.close();
    }
  });
});
