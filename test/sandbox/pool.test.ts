import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ToolError } from '../../src/errors.js';
import { createSandboxPool, splitSecrets, type SandboxPool } from '../../src/sandbox/pool.js';
import type { CallOutput, EncodedValue, ExampleOutput, TestsJob } from '../../src/sandbox/types.js';

let pool: SandboxPool;
before(() => {
  pool = createSandboxPool({ workers: 2, timeoutMs: 2_000 });
});
after(async () => {
  await pool.close();
});

const ADD = { candidate: 'def add(a, b):\n    return a + b\n' };

function returned(o: CallOutput | ExampleOutput | undefined): Extract<CallOutput, { status: 'returned' }> {
  assert.ok(o && o.status === 'returned', JSON.stringify(o));
  return o as Extract<CallOutput, { status: 'returned' }>;
}

describe('sandbox pool: what the server is sent', () => {
  it('keeps tests, examples and expected digests out of the job line, in a frame for the oracle', () => {
    const tests = { id: 7, kind: 'tests', program: { candidate: 'x' }, entryPoint: 'f', tests: { kind: 'assert-list', asserts: ['assert f() == 1', 'assert f() == 2'] } };
    const { job, frame } = splitSecrets(tests);
    assert.deepEqual(job, { id: 7, kind: 'tests', program: { candidate: 'x' }, entryPoint: 'f', testCount: 2 });
    const text = frame.toString('utf8');
    assert.equal(text.slice(0, 16), `${String(Buffer.byteLength(text.slice(16))).padStart(15, '0')}\n`);
    assert.deepEqual(JSON.parse(text.slice(16)), { id: 7, tests: tests.tests });
    assert.equal(splitSecrets({ ...tests, tests: { kind: 'check-function', code: 'def check(c): pass', checkFunction: 'check' } }).job.testCount, 1);
    const examples = splitSecrets({ id: 8, kind: 'examples', program: {}, examples: [{ call: 'f(1)', expected: '2' }] });
    assert.deepEqual([examples.job.testCount, 'examples' in examples.job], [1, false]);
    const call = splitSecrets({ id: 9, kind: 'call', inputs: [[1]], expectDigests: ['d'] });
    assert.deepEqual([call.job, JSON.parse(call.frame.toString('utf8').slice(16))], [{ id: 9, kind: 'call', inputs: [[1]] }, { id: 9, expectDigests: ['d'] }]);
    // A frame's length counts bytes, not characters.
    const wide = splitSecrets({ id: 1, kind: 'tests', tests: { kind: 'assert-list', asserts: ['assert f() == "é"'] } }).frame;
    assert.equal(Number(wide.subarray(0, 15).toString('ascii')), wide.length - 16);
  });
});

describe('sandbox pool: tests jobs', () => {
  it('reports the index and text of the first failing assert, and stops there', async () => {
    const r = await pool.run({
      kind: 'tests',
      program: { ...ADD, candidate: ADD.candidate + 'calls = []\n' },
      entryPoint: 'add',
      tests: { kind: 'assert-list', asserts: ['assert add(1, 2) == 3', 'assert add(2, 2) == 5, "two and two"', 'assert 1 / 0'] },
    });
    assert.deepEqual(r.verdict, { status: 'failed', phase: 'tests', assertIndex: 1, assert: 'assert add(2, 2) == 5, "two and two"', exception: 'AssertionError', message: 'two and two' });
  });

  it('attributes a failing check function to its line', async () => {
    const r = await pool.run({
      kind: 'tests',
      program: ADD,
      entryPoint: 'add',
      tests: { kind: 'check-function', code: 'def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(1, 1) == 3\n', checkFunction: 'check' },
    });
    assert.equal(r.verdict.status, 'failed');
    assert.equal(r.verdict.status === 'failed' && r.verdict.line, 3);
    assert.equal(r.verdict.status === 'failed' && r.verdict.text, 'assert candidate(1, 1) == 3');
  });

  it('gives the verdict of one call at a time where calls are sent ahead: a stateful candidate, one that hangs or exits on a call the tests never reach', async () => {
    // Jobs that must not time out get room for a loaded machine; the one that must, a short limit.
    const SLACK_MS = 10_000;
    const check = (asserts: string[]) => ({ kind: 'check-function' as const, code: `def check(candidate):\n${asserts.map((a) => `    ${a}\n`).join('')}`, checkFunction: 'check' });
    const running = { candidate: 'total = [0]\ndef f(x):\n    total[0] += x\n    return total[0]\n' };
    const sums = ['assert candidate(1) == 1', 'assert candidate(2) == 3', 'assert candidate(3) == 6', 'assert candidate(4) == 10'];
    const stateful = await pool.run({ kind: 'tests', program: running, entryPoint: 'f', timeoutMs: SLACK_MS, tests: check(sums), coverage: true });
    assert.equal(stateful.verdict.status, 'passed', JSON.stringify(stateful.verdict));
    const third = await pool.run({ kind: 'tests', program: running, entryPoint: 'f', timeoutMs: SLACK_MS, tests: check([...sums.slice(0, 2), 'assert candidate(3) == 7', sums[3]]) });
    assert.deepEqual(third.verdict.status === 'failed' && [third.verdict.line, third.verdict.text], [4, 'assert candidate(3) == 7']);
    const later = (body: string) => ({ candidate: `def f(x):\n    if x == 3:\n${body}\n    if x == 2:\n        raise ValueError('two')\n    return x\n` });
    const reachesTwo = ['assert candidate(1) == 1', 'assert candidate(2) == 2', 'assert candidate(3) == 3'];
    for (const body of ['        while True:\n            pass', '        import os\n        os._exit(0)', '        return [0] * (1 << 40)']) {
      const r = await pool.run({ kind: 'tests', program: later(body), entryPoint: 'f', timeoutMs: SLACK_MS, tests: check(reachesTwo) });
      assert.deepEqual(r.verdict.status === 'failed' && [r.verdict.line, r.verdict.exception, r.verdict.message], [3, 'ValueError', 'two'], JSON.stringify(r.verdict));
    }
    // Calls too big to all go ahead at once: the fourth is sent after the candidate exited on the third,
    // which the tests reach; the failed write changes nothing: the program ended before the tests finished.
    const pad = `'${'p'.repeat(1800)}'`;
    const exits = { candidate: 'def f(x, pad):\n    if x == 2:\n        return list(range(300000))\n    if x == 3:\n        import os\n        os._exit(0)\n    return x\n' };
    const ended = await pool.run({ kind: 'tests', program: exits, entryPoint: 'f', timeoutMs: SLACK_MS, tests: check([`assert candidate(1, ${pad}) == 1`, `assert len(candidate(2, ${pad})) == 300000`, `assert candidate(3, ${pad}) == 3`, `assert candidate(4, ${pad}) == 4`]) });
    assert.deepEqual(ended.verdict, { status: 'error', reason: 'no-verdict', exitCode: 0, message: 'the program ended before the tests finished' });
    // A hang the tests do reach is a timeout, as it is one call at a time.
    const reached = await pool.run({ kind: 'tests', program: later('        while True:\n            pass'), entryPoint: 'f', timeoutMs: 1_000, tests: check(['assert candidate(1) == 1', 'assert candidate(3) == 3', 'assert candidate(4) == 4']) });
    assert.equal(reached.verdict.status, 'timeout', JSON.stringify(reached.verdict));
  });

  it('separates setup and import failures from test failures', async () => {
    const setup = await pool.run({ kind: 'tests', program: { ...ADD, setup: 'raise ValueError("bad setup")' }, entryPoint: 'add', tests: { kind: 'assert-list', asserts: ['assert True'] } });
    assert.equal(setup.verdict.status === 'failed' && setup.verdict.phase, 'setup');
    const imports = await pool.run({ kind: 'tests', program: { ...ADD, imports: ['import no_such_module_xyz'] }, entryPoint: 'add', tests: { kind: 'assert-list', asserts: ['assert True'] } });
    assert.equal(imports.verdict.status === 'failed' && imports.verdict.phase, 'imports');
    assert.equal(imports.verdict.status === 'failed' && imports.verdict.exception, 'ModuleNotFoundError');
    const syntax = await pool.run({ kind: 'tests', program: { candidate: 'def add(a, b)\n    return a\n' }, entryPoint: 'add', tests: { kind: 'assert-list', asserts: ['assert True'] } });
    assert.equal(syntax.verdict.status === 'failed' && syntax.verdict.exception, 'SyntaxError');
  });

  it('lets jobs import standard modules that are not preloaded (the interpreter is readable by the job uid)', async () => {
    const r = await pool.run({
      kind: 'tests',
      program: { candidate: 'import decimal, fractions, statistics, inspect, json, datetime\ndef f():\n    return statistics.mean([1, 2, 3])\n' },
      entryPoint: 'f',
      tests: { kind: 'assert-list', asserts: ['assert f() == 2'] },
    });
    assert.equal(r.verdict.status, 'passed', JSON.stringify(r.verdict));
  });

  it('records line coverage of the candidate', async () => {
    const r = await pool.run({
      kind: 'tests',
      coverage: true,
      program: { candidate: 'def sign(x):\n    if x > 0:\n        return 1\n    return -1\n' },
      entryPoint: 'sign',
      tests: { kind: 'assert-list', asserts: ['assert sign(5) == 1'] },
    });
    assert.equal(r.verdict.status, 'passed');
    assert.ok(r.coverage);
    assert.ok(r.coverage.lines.includes(2) && r.coverage.lines.includes(3));
    assert.ok(!r.coverage.lines.includes(4), 'line 4 never ran');
  });

  it('counts the line events of each top-level call into the candidate (helpers it calls count toward their caller)', async () => {
    const candidate = 'def double(x):\n    return 2 * x\n\ndef total(n):\n    s = 0\n    for i in range(n):\n        s += double(i)\n    return s\n';
    const r = await pool.run({
      kind: 'tests',
      coverage: true,
      program: { candidate },
      entryPoint: 'total',
      tests: { kind: 'assert-list', asserts: ['assert total(0) == 0', 'assert total(3) == 6', 'assert double(4) == 8'] },
    });
    assert.equal(r.verdict.status, 'passed');
    // total(n): `s = 0`, the loop header n + 1 times, the body n times, each double() 1 line, `return s`.
    const totalLines = (n: number): number => 1 + (n + 1) + n + n + 1;
    assert.deepEqual(r.coverage?.callLines, [totalLines(0), totalLines(3), 1]);
  });

  it('keeps the line counts of the first 10,000 top-level calls, and does not add later calls to them', async () => {
    const r = await pool.run({
      kind: 'tests',
      coverage: true,
      program: { candidate: 'def spin(n):\n    for _ in range(n):\n        pass\n    return n\n' },
      entryPoint: 'spin',
      // 10,000 round trips between the tests' process and the program's: room for a loaded machine.
      timeoutMs: 60_000,
      tests: {
        kind: 'check-function',
        checkFunction: 'check',
        code: 'def check(spin):\n    for _ in range(10_000):\n        assert spin(1) == 1\n    assert spin(500) == 500\n',
      },
    });
    assert.equal(r.verdict.status, 'passed');
    const calls = r.coverage?.callLines ?? [];
    assert.equal(calls.length, 10_000);
    // spin(1): the loop header twice, its body once, the return.
    assert.deepEqual([...new Set(calls)], [4], 'the 10,001st call (spin(500)) is not counted into the last kept one');
  });

  it('routes jobs to interpreters with the requested PYTHONHASHSEED', async () => {
    const job = (hashSeed: number): TestsJob => ({
      kind: 'tests',
      hashSeed,
      program: { candidate: 'import os\ndef f():\n    return 0\nprint(hash("bench-audit"))\n' },
      entryPoint: 'f',
      tests: { kind: 'assert-list', asserts: ['assert f() == 0'] },
    });
    const runs = await pool.runAll([job(1), job(2), job(1), job(0), job(0)]);
    const printed = runs.map((r) => r.stdout.trim());
    assert.equal(printed[0], printed[2], 'same seed, same hash');
    assert.equal(printed[3], printed[4]);
    assert.equal(new Set([printed[0], printed[1], printed[3]]).size, 3, 'different seeds, different hashes');
  });

  it('gives a randomized program the same draws in every run, and a call the same draws batched or alone', async () => {
    // Module-level draws, `from random import`, and an alias: all go through the one seeded generator.
    const program = { candidate: 'from random import randint\nimport random as r\nTOP = r.random()\ndef f(x):\n    return [x, randint(0, 10**9), r.random(), TOP]\n' };
    const call = (inputs: unknown[][], hashSeed = 0) => ({ kind: 'call' as const, hashSeed, program, entryPoint: 'f', inputs });
    const values = (r: { outputs: (CallOutput | ExampleOutput)[] }) => r.outputs.map((o) => JSON.stringify(returned(o).value));
    const [batch, again, alone, resumed, otherSeed] = await pool.runAll([
      call([[1], [2], [3]]),
      call([[1], [2], [3]]),
      call([[3]]),
      { ...call([[1], [2], [3]]), startIndex: 2 },
      call([[3]], 1),
    ]);
    assert.deepEqual(values(again), values(batch), 'two runs draw the same');
    assert.equal(new Set(values(batch).map((v) => v.slice(v.indexOf(',')))).size, 3, 'each call draws its own numbers');
    assert.deepEqual(values(alone), [values(batch)[2]], 'a call alone draws what it drew third in a batch');
    assert.deepEqual(values(resumed), [values(batch)[2]], 'a job resumed at the third input draws the same');
    assert.notDeepEqual(values(otherSeed), values(alone), 'another hash seed draws differently');
  });
});

describe('sandbox pool: call and examples jobs', () => {
  it('returns typed outputs, exceptions and contract violations per input', async () => {
    const r = await pool.run({
      kind: 'call',
      program: { candidate: 'def g(x):\n    if x == "boom":\n        raise KeyError(x)\n    return (x, [x], {x}, {x: 0.5}, float("inf"), 2**70)\n' },
      entryPoint: 'g',
      inputs: [['a'], ['boom'], [3]],
      contract: '    assert x != 3, "invalid inputs"\n',
    });
    assert.equal(r.verdict.status, 'passed');
    const first = returned(r.outputs[0]);
    const expected: EncodedValue = { tuple: ['a', ['a'], { set: ['a'] }, { dict: [['a', 0.5]] }, { float: 'inf' }, { int: String(2n ** 70n) }] };
    assert.deepEqual(first.value, expected);
    assert.deepEqual({ ...r.outputs[1] }, { index: 1, status: 'raised', exception: 'KeyError', message: "'boom'" });
    assert.equal(r.outputs[2].status, 'contract-violation');
  });

  it('applies a per-input time limit and continues with the next input', async () => {
    const r = await pool.run({
      kind: 'call',
      program: { candidate: 'def h(n):\n    while n < 0:\n        pass\n    return n\n' },
      entryPoint: 'h',
      inputs: [[1], [-1], [2]],
      perInputMs: 200,
      timeoutMs: 5_000,
    });
    assert.equal(r.verdict.status, 'passed');
    assert.deepEqual(
      r.outputs.map((o) => o.status),
      ['returned', 'timeout', 'returned'],
    );
  });

  it('returns completed outputs when the whole job times out, and resumes from startIndex', async () => {
    const program = { candidate: 'import time\ndef s(n):\n    time.sleep(n)\n    return n\n' };
    const r = await pool.run({ kind: 'call', program, entryPoint: 's', inputs: [[0], [0], [30], [0]], timeoutMs: 500 });
    assert.equal(r.verdict.status, 'timeout');
    assert.equal(r.outputs.length, 2);
    const rest = await pool.run({ kind: 'call', program, entryPoint: 's', inputs: [[0], [0], [30], [0]], startIndex: 3 });
    assert.deepEqual(rest.outputs.map((o) => o.index), [3]);
  });

  it('sends huge outputs as digests that compare equal when equal', async () => {
    const program = { candidate: 'def big(n):\n    return list(range(n))\n' };
    // Each 200,000-item list crosses from the program to the oracle and is digested there: room for a loaded machine.
    const r = await pool.run({ kind: 'call', program, entryPoint: 'big', inputs: [[200_000], [200_000], [200_001]], timeoutMs: 30_000 });
    assert.equal(r.verdict.status, 'passed', JSON.stringify(r.verdict));
    const [a, b, c] = r.outputs.map((o) => returned(o).value);
    assert.ok(a !== null && typeof a === 'object' && 'digest' in a);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('checks prompt examples by value, by truthiness for asserts, and leaves prose alone', async () => {
    const r = await pool.run({
      kind: 'examples',
      program: { candidate: 'import re\ndef f(x):\n    return x * 2\ndef m(s):\n    return re.match("a", s)\nclass K:\n    pass\ndef k():\n    return K()\n' },
      examples: [
        { call: 'f(2)', expected: '4' },
        { call: 'f(0.1)', expected: '0.2' },
        { call: 'f(3)', expected: '7' },
        { call: 'm("abc")', expected: 'True', truthy: true },
        { call: 'm("bc") is None', expected: 'True' },
        { call: 'm("abc").span()', expected: '(0, 1)' },
        { call: 'k()', expected: 'None' },
        { call: 'f(1)', expected: '1 + 1 = 2' },
        { call: 'math.isclose(f(1.5), 3.0)', expected: 'True' },
        { call: 'f(None)', expected: '0' },
      ],
    });
    assert.deepEqual(
      r.outputs.map((o) => o.status),
      ['match', 'match', 'mismatch', 'match', 'match', 'match', 'raised', 'not-evaluable', 'match', 'raised'],
    );
    // A re.Match crosses as data (span, groups); an instance of the program's own class does not, and is never compared.
    assert.equal((r.outputs[6] as { exception?: string }).exception, 'NonDataResult');
  });
});

describe('sandbox pool: CPU limits and differential calls', () => {
  const f = (body: string) => ({ candidate: `def f(x):\n${body}\n` });
  const inputs = [[1], [2], [3], [4]];

  it('ends a tests job at its CPU-time limit (a timeout), and reports CPU time of passing jobs', async () => {
    const hung = await pool.run({ kind: 'tests', program: f('    while True:\n        pass'), entryPoint: 'f', tests: { kind: 'assert-list', asserts: ['assert f(1)'] }, cpuLimitMs: 50, timeoutMs: 5_000 });
    assert.deepEqual(hung.verdict, { status: 'timeout', completed: 0, reason: 'cpu-limit' });
    assert.ok(hung.durationMs < 5_000, `ended by the CPU limit, not the wall clock: ${hung.durationMs} ms`);
    const ok = await pool.run({ kind: 'tests', program: f('    return 2 * x'), entryPoint: 'f', tests: { kind: 'assert-list', asserts: ['assert f(1) == 2'] }, cpuLimitMs: 50 });
    assert.equal(ok.verdict.status, 'passed');
    assert.ok(typeof ok.cpuMs === 'number' && ok.cpuMs > 0 && ok.cpuMs < 50);
  });

  it('marks outputs equal to the expected digests as same, and stops at the first difference when asked', async () => {
    const ref = await pool.run({ kind: 'call', program: f('    return x * 2'), entryPoint: 'f', inputs, digests: true });
    const digests = ref.outputs.map((o) => returned(o).digest ?? null);
    assert.equal(new Set(digests).size, 4);
    const same = await pool.run({ kind: 'call', program: f('    return x + x'), entryPoint: 'f', inputs, expectDigests: digests, stopOnDifference: true });
    assert.equal(same.verdict.status, 'passed');
    assert.deepEqual(same.outputs, inputs.map((_, index) => ({ index, status: 'same' })));
    const differs = await pool.run({ kind: 'call', program: f('    return 7 if x == 2 else 2 * x'), entryPoint: 'f', inputs, expectDigests: digests, stopOnDifference: true });
    assert.equal(differs.verdict.status, 'passed');
    assert.deepEqual(differs.outputs.map((o) => o.status), ['same', 'returned']);
    assert.equal(returned(differs.outputs[1]).repr, '7');
    // Without stopOnDifference every input runs.
    const all = await pool.run({ kind: 'call', program: f('    return 7 if x == 2 else 2 * x'), entryPoint: 'f', inputs, expectDigests: digests });
    assert.deepEqual(all.outputs.map((o) => o.status), ['same', 'returned', 'same', 'same']);
    // stopAfterDifferences: N outputs that are not same end the job (here a timeout and a wrong value).
    const two = await pool.run({ kind: 'call', program: f('    while x == 1:\n        pass\n    return 7 if x != 4 else 8'), entryPoint: 'f', inputs, expectDigests: digests, perInputCpuMs: 50, stopAfterDifferences: 2 });
    assert.equal(two.verdict.status, 'passed');
    assert.deepEqual(two.outputs.map((o) => o.status), ['timeout', 'returned']);
    // A program that ends the job early by itself is not a stop the harness made.
    const early = await pool.run({ kind: 'call', program: f('    import os\n    os._exit(0)'), entryPoint: 'f', inputs, expectDigests: digests, stopOnDifference: true });
    assert.equal(early.verdict.status, 'error');
  });

  it('applies per-input CPU limits: a hung input is a timeout and the next inputs run', async () => {
    const r = await pool.run({ kind: 'call', program: f('    while x == 2:\n        pass\n    return x'), entryPoint: 'f', inputs, perInputCpuMs: [1_000, 50, 1_000, 1_000] });
    assert.equal(r.verdict.status, 'passed');
    assert.deepEqual(r.outputs.map((o) => o.status), ['returned', 'timeout', 'returned', 'returned']);
  });
});

describe('sandbox pool: robustness', () => {
  it('a job killed by a signal is an error, and the pool keeps serving', async () => {
    const r = await pool.run({ kind: 'tests', program: { candidate: 'import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n' }, entryPoint: 'f', tests: { kind: 'assert-list', asserts: ['assert True'] } });
    assert.equal(r.verdict.status, 'error');
    assert.equal(r.verdict.status === 'error' && r.verdict.signal, 'SIGKILL');
    const ok = await pool.run({ kind: 'tests', program: ADD, entryPoint: 'add', tests: { kind: 'assert-list', asserts: ['assert add(1, 1) == 2'] } });
    assert.equal(ok.verdict.status, 'passed');
  });

  it('replaces a worker that dies mid-job; the job gets an error verdict', async () => {
    const solo = createSandboxPool({ workers: 1 });
    try {
      const warm = await solo.run({ kind: 'tests', program: ADD, entryPoint: 'add', tests: { kind: 'assert-list', asserts: ['assert add(1, 1) == 2'] } });
      assert.equal(warm.verdict.status, 'passed');
      const pending = solo.run({ kind: 'tests', timeoutMs: 10_000, program: { candidate: 'import time\ndef f():\n    time.sleep(5)\n' }, entryPoint: 'f', tests: { kind: 'assert-list', asserts: ['assert f()'] } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [pid] = solo.workerPids();
      process.kill(pid, 'SIGKILL');
      const r = await pending;
      assert.equal(r.verdict.status === 'error' && r.verdict.reason, 'worker-died');
      const ok = await solo.run({ kind: 'tests', program: ADD, entryPoint: 'add', tests: { kind: 'assert-list', asserts: ['assert add(1, 1) == 2'] } });
      assert.equal(ok.verdict.status, 'passed');
      assert.equal(solo.stats.workersStarted, 2);
    } finally {
      await solo.close();
    }
  });

  it('sends a busy worker its next job ahead; if the worker dies, that job runs on the replacement', async () => {
    const solo = createSandboxPool({ workers: 1 });
    try {
      const warm = await solo.run({ kind: 'tests', program: ADD, entryPoint: 'add', tests: { kind: 'assert-list', asserts: ['assert add(1, 1) == 2'] } });
      assert.equal(warm.verdict.status, 'passed');
      const slow = solo.run({ kind: 'tests', timeoutMs: 10_000, program: { candidate: 'import time\ndef f():\n    time.sleep(5)\n' }, entryPoint: 'f', tests: { kind: 'assert-list', asserts: ['assert f()'] } });
      const next = solo.run({ kind: 'tests', program: ADD, entryPoint: 'add', tests: { kind: 'assert-list', asserts: ['assert add(2, 2) == 4'] } });
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(solo.stats.jobs, 3, 'the second job was sent ahead while the first ran');
      const [pid] = solo.workerPids();
      process.kill(pid, 'SIGKILL');
      const [r, n] = await Promise.all([slow, next]);
      assert.equal(r.verdict.status === 'error' && r.verdict.reason, 'worker-died');
      assert.equal(n.verdict.status, 'passed', 'the job sent ahead never started, so it ran again instead of failing');
      assert.equal(solo.stats.workersStarted, 2);
      assert.equal(solo.stats.jobs, 3, 'the job sent ahead is counted once, when it ran');
    } finally {
      await solo.close();
    }
  });

  it('runs many jobs with bounded in-flight work, results in input order', async () => {
    const jobs = Array.from({ length: 300 }, (_, i): TestsJob => ({
      kind: 'tests',
      program: ADD,
      entryPoint: 'add',
      tests: { kind: 'assert-list', asserts: [`assert add(${i}, 1) == ${i % 7 === 0 ? -1 : i + 1}`] },
    }));
    const results = await pool.runAll(jobs);
    results.forEach((r, i) => assert.equal(r.verdict.status, i % 7 === 0 ? 'failed' : 'passed', `job ${i}`));
  });

  it('fails clearly when the interpreter does not exist', () => {
    assert.throws(() => createSandboxPool({ python: '/nonexistent/python3' }), ToolError);
  });
});

