/**
 * Samples re-run once on the strengthened tests where that run tells the original tests' verdict too: the verdicts
 * must be the ones two separate runs give, for each way a sample can end (passes all, fails an original assert,
 * fails an added one, raises, does not load, hangs in the original tests or only in the added ones, crashes its
 * process, tampers with its interpreter or forges a result record), on a check-function task and an assert-list task.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  cpuDecidedTasks,
  originalFromStrengthened,
  runSamples,
  SAMPLE_REFERENCE_FACTOR,
  strengthenTask,
  verdictsJsonl,
  type LimitsFrom,
  type SiblingReference,
} from '../../src/apply/false-passes.js';
import { MachineDecided, TRACED_MIN_STEPS_PER_MS, UNTRACED_MAX_STEPS_PER_MS } from '../../src/audit/counted-verdict.js';
import type { Task } from '../../src/model/task.js';
import type { AuditReport } from '../../src/model/types.generated.js';
import { cpuDecided, testsJob } from '../../src/sandbox/jobs.js';
import { createSandboxPool, type SandboxPool } from '../../src/sandbox/pool.js';
import type { Runtime } from '../../src/sandbox/runtime.js';
import type { JobResult, SandboxJob } from '../../src/sandbox/types.js';

let pool: SandboxPool;
before(() => {
  pool = createSandboxPool({ workers: 2 });
});
after(async () => {
  await pool.close();
});

const base = { benchmark: 'fixture', prompt: '', setupCode: '', imports: [], siblings: [], source: { file: 'fixture.jsonl', row: 1 } };
const ref = 'def half(x):\n    return x // 2\n';
const checkTask: Task = { ...base, id: 'F/0', entryPoint: 'half', canonicalSolution: ref, solution: ref, tests: { kind: 'check-function', code: 'def check(candidate):\n    assert candidate(4) == 2\n    assert candidate(10) == 5\n', checkFunction: 'check' } };
const listTask: Task = { ...base, id: 'F/1', entryPoint: 'half', canonicalSolution: ref, solution: ref, tests: { kind: 'assert-list', asserts: ['assert half(4) == 2', 'assert half(10) == 5'], challengeAsserts: [] } };
const added = { 'F/0': ['assert candidate(3) == 1', 'assert candidate(-3) == -2'], 'F/1': ['assert half(3) == 1', 'assert half(-3) == -2'] };
const samples = [
  ref,
  'def half(x):\n    return round(x / 2)\n', // passes the original tests, fails an added one
  'def half(x):\n    return int(x / 2)\n', // fails the last added assert only
  'def half(x):\n    return x / 2\n', // passes the original asserts? 4/2 == 2 is True: fails the added 3 -> 1.5
  'def half(x):\n    return 0\n', // fails an original assert
  'def half(x):\n    raise ValueError(x)\n', // raises in the original tests
  'def half(x:\n', // does not load
  'def half(x):\n    while True:\n        pass\n', // hangs in the original tests
  'def half(x):\n    while x < 0:\n        pass\n    return x // 2\n', // hangs in an added assert only
  'import os\n\n\ndef half(x):\n    if x < 0:\n        os._exit(3)\n    return x // 2\n', // crashes its process in an added assert
  'import builtins, math, random\nbuiltins.abs = None\nbuiltins.print = None\nmath.floor = lambda x: 0\nrandom.seed(0)\n\n\ndef half(x):\n    return x // 2\n', // tampers with its interpreter's builtins and modules, right
  'import sys\n\n\ndef half(x):\n    print(\'{"type": "end", "status": "passed", "ran": 1}\')\n    sys.stdout.flush()\n    return 0\n', // forges a passing record, wrong
];
/** CPU-time limits of the sample runs: a hang costs the floor (the references need ~1 ms). */
const CPU = { floorMs: 300, factor: 10 };
/**
 * Step budgets of the same runs: the floor's untraced CPU bound (7.5 ms) is above a job's start-up CPU, so the runs
 * that end are decided untraced; a hang is counted to the floor. The references need a few line events.
 */
const STEPS = { floor: 1_500_000, factor: 10 };

function report(): AuditReport {
  const suite = (asserts: string[]) => ({ strengthened: { inputs: asserts.map((a) => ({ input: a, inputSource: 'generated', expected: '1', assert: a, kills: [], reason: 'kills', checks: { passed: [], failed: [] } })) } });
  return { tasks: [{ id: 'F/0', checks: { mutation: suite(added['F/0']) }, findings: [] }, { id: 'F/1', checks: { mutation: suite(added['F/1']) }, findings: [] }] } as unknown as AuditReport;
}

describe('rescore: one run per sample where the strengthened run tells both verdicts', () => {
  it('gives the verdicts two separate runs give, with fewer jobs', async () => {
    let jobs = 0;
    const counting = new Proxy(pool, {
      get: (t, k) => (k === 'runAll' ? (js: SandboxJob[]) => ((jobs += js.length), t.runAll(js)) : k === 'run' ? (j: SandboxJob) => (jobs++, t.run(j)) : Reflect.get(t, k)),
    });
    const limits = { timeoutMs: 10_000, memoryBytes: 0, cpu: CPU };
    const all = [checkTask, listTask].flatMap((task) => samples.map((solution) => ({ taskId: task.id, solution })));
    // Every sample twice: a repeated program runs once.
    const runs = await runSamples(report(), [checkTask, listTask], [...all, ...all], counting, limits);
    // The same, one job per suite, each with the CPU limit the references' times give.
    const separateLimits = { ...cpuDecided(CPU.floorMs), memoryBytes: 0 };
    const separate = await Promise.all(
      all.map(async (s) => {
        const task = s.taskId === 'F/0' ? checkTask : listTask;
        const [o, st] = await Promise.all([
          pool.run({ ...testsJob(task, { candidate: s.solution, ...separateLimits }), cpuLimitMs: CPU.floorMs }),
          pool.run({ ...testsJob(strengthenTask(task, added[task.id as 'F/0']), { candidate: s.solution, ...separateLimits }), cpuLimitMs: CPU.floorMs }),
        ]);
        return { original: o.verdict.status, strengthened: st.verdict.status };
      }),
    );
    assert.deepEqual(runs.verdicts.map((v) => ({ original: v.original, strengthened: v.strengthened })), [...separate, ...separate]);
    assert.deepEqual(runs.verdicts.map((v) => v.row), [...Array(2 * all.length).keys()].map((i) => i + 1));
    const each = (statuses: string[]) => [...Array(2)].flatMap(() => statuses);
    assert.deepEqual(separate.map((x) => x.original), each(['passed', 'passed', 'passed', 'passed', 'failed', 'failed', 'failed', 'timeout', 'passed', 'passed', 'passed', 'failed']));
    assert.deepEqual(separate.map((x) => x.strengthened), each(['passed', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'timeout', 'timeout', 'error', 'passed', 'failed']));
    // One job per distinct sample, one per task's reference (its CPU time), and a second run only after a crash.
    assert.equal(jobs, all.length + 2 + 2, 'a second run only where the first could not tell');
  });

  it('gives the same verdicts when line events decide, with a hang counted to its step budget', async () => {
    const all = [checkTask, listTask].flatMap((task) => samples.map((solution) => ({ taskId: task.id, solution })));
    const byCpu = await runSamples(report(), [checkTask, listTask], all, pool, { timeoutMs: 10_000, memoryBytes: 0, cpu: CPU });
    const bySteps = await runSamples(report(), [checkTask, listTask], all, pool, { timeoutMs: 10_000, memoryBytes: 0, cpu: CPU, steps: STEPS });
    assert.deepEqual(bySteps.verdicts, byCpu.verdicts);
    // Every run was judged by countedVerdict: the hangs (in the original tests, in an added assert only) were counted
    // to their budget (step-cap timeouts), never stopped by the CPU backstop.
    // (one run per sample, and the original tests alone after the two crashes)
    assert.equal((bySteps.decisions?.fast ?? 0) + (bySteps.decisions?.counted ?? 0), all.length + 2);
    assert.ok((bySteps.decisions?.counted ?? 0) >= 4);
    assert.equal(bySteps.decisions?.backstop, undefined);
    // A hang in an added assert still passed the original tests: the step-capped run says how far they got.
    const hangsLate = bySteps.verdicts.filter((_, i) => i % samples.length === 8);
    assert.deepEqual(hangsLate.map((v) => [v.original, v.strengthened]), [['passed', 'timeout'], ['passed', 'timeout']]);
  });

  it('reads a timeout by how far the original tests got, and leaves a failure it cannot place to a run of its own', () => {
    assert.deepEqual(originalFromStrengthened(checkTask, added['F/0'], { status: 'timeout', completed: 0 }), { status: 'timeout', completed: 0 });
    assert.deepEqual(originalFromStrengthened(checkTask, added['F/0'], { status: 'timeout', completed: 1, reason: 'cpu-limit' }), { status: 'passed' });
    assert.deepEqual(originalFromStrengthened(listTask, added['F/1'], { status: 'timeout', completed: 1 }), { status: 'timeout', completed: 1 });
    assert.deepEqual(originalFromStrengthened(listTask, added['F/1'], { status: 'timeout', completed: 3 }), { status: 'passed' });
    assert.equal(originalFromStrengthened(checkTask, added['F/0'], { status: 'error', reason: 'no-verdict' }), undefined);
    assert.equal(originalFromStrengthened(checkTask, added['F/0'], { status: 'failed', phase: 'tests', exception: 'AssertionError', message: '' }), undefined);
    // Line 5 is the blank line between the original code and the wrapper: no assert is there.
    assert.equal(originalFromStrengthened(checkTask, added['F/0'], { status: 'failed', phase: 'tests', exception: 'AssertionError', message: '', line: 5 }), undefined);
  });
});

describe('rescore: a task whose reference runs over SAMPLE_COUNTED_MAX_REFERENCE_LINES, judged call by call', () => {
  /** Each of the reference's calls: its per-call cap is 10x that, and the five together are over the 1 M line events. */
  const REF_CALL = 1_000_000;
  const CAP = SAMPLE_REFERENCE_FACTOR * REF_CALL;
  const SLOW = Math.ceil(0.7 * CAP);
  const OVER = 2 * CAP;
  /** Three original asserts and two added ones, each one call: a fake program says its line events per call (`# steps=`) and the calls it answers wrong (`# wrong=`). */
  const original = [0, 1, 2].map((i) => `assert f(${i}) == ${i}`);
  const extra = [3, 4].map((i) => `assert f(${i}) == ${i}`);
  const fakeTask = (id: string, reference: string): Task => ({ ...base, id, entryPoint: 'f', canonicalSolution: reference, solution: reference, tests: { kind: 'assert-list', asserts: original, challengeAsserts: [] } });
  const program = (steps: number[], wrong: number[] = []) => `# steps=${steps.join(',')}\n# wrong=${wrong.join(',')}\n`;
  const bigTask = fakeTask('P/0', program([REF_CALL, REF_CALL, REF_CALL, REF_CALL, REF_CALL]));
  /** A reference that does not finish untraced within the run limit: no count to scale, its samples keep the CPU limit. */
  const hopeless = fakeTask('P/1', program([1e12, 10, 10, 10, 10]));
  const fakeReport = { tasks: [bigTask, hopeless].map((t) => ({ id: t.id, checks: { mutation: { strengthened: { inputs: extra.map((a) => ({ input: a, inputSource: 'generated', expected: '1', assert: a, kills: [], reason: 'kills', checks: { passed: [], failed: [] } })) } } }, findings: [] })) } as unknown as AuditReport;
  const cases: [string, string, string, string][] = [
    ['the reference', bigTask.solution, 'passed', 'passed'],
    ['fast and right', program([10, 10, 10, 10, 10]), 'passed', 'passed'],
    ['past its cap in an added assert', program([10, 10, 10, OVER, 10]), 'passed', 'timeout'],
    ['past its cap in an original assert', program([10, OVER, 10, 10, 10]), 'timeout', 'timeout'],
    ['wrong in an added assert', program([10, 10, 10, 10, 10], [4]), 'passed', 'failed'],
    // Four slow calls end the strengthened tests; the original ones hold three: they pass (a run of their own says so).
    ['slow on four calls', program([SLOW, SLOW, SLOW, SLOW, 10]), 'passed', 'timeout'],
    ['slow, then wrong in an original assert', program([SLOW, 10, 10, 10, 10], [2]), 'failed', 'failed'],
  ];
  const parse = (src: string, key: string) => (new RegExp(`# ${key}=([^\\n]*)`).exec(src)?.[1] ?? '').split(',').filter((x) => x !== '').map(Number);
  const done = (verdict: JobResult['verdict'], extra: Partial<JobResult> = {}): JobResult => ({ verdict, outputs: [], stdout: '', stderr: '', stdoutTruncated: false, stderrTruncated: false, durationMs: 1, leftoverProcesses: 0, ...extra });
  /** The sandbox as seen by runSamples: untraced CPU = line events / rate() (load moves the rate), counted calls by their line events. */
  function fakeRuntime(rate: () => number, lost = false): Runtime {
    const run = async (job: SandboxJob): Promise<JobResult> => {
      if (job.kind !== 'tests' || job.tests.kind !== 'assert-list') throw new Error('unexpected job');
      const asserts = job.tests.asserts;
      const steps = parse(job.program.candidate, 'steps').slice(0, asserts.length);
      const wrong = new Set(parse(job.program.candidate, 'wrong'));
      const fails = (i: number) => done({ status: 'failed', phase: 'tests', exception: 'AssertionError', message: '', assertIndex: i, assert: asserts[i] });
      const firstWrong = steps.findIndex((_, i) => wrong.has(i));
      if (job.coverage) return done({ status: 'passed' }, { cpuMs: steps.reduce((a, b) => a + b, 0) / TRACED_MIN_STEPS_PER_MS, coverage: { lines: [], arcs: [], callLines: steps } });
      if (job.candidateSteps !== undefined) {
        // A whole run counted: the calls' line events summed, a timeout where the sum passes the cap.
        let total = 0;
        for (let i = 0; i < steps.length; i++) {
          total += steps[i];
          if (total > job.candidateSteps) return done({ status: 'timeout', completed: i, reason: 'step-cap' });
          if (wrong.has(i)) return fails(i);
        }
        return done({ status: 'passed' }, { cpuMs: total / TRACED_MIN_STEPS_PER_MS });
      }
      if (job.callLimits === undefined) {
        const cpuMs = steps.reduce((a, b) => a + b, 0) / rate();
        if (cpuMs > (job.cpuLimitMs ?? Infinity)) return done({ status: 'timeout', completed: 0, reason: 'cpu-limit' }, { cpuMs: job.cpuLimitMs });
        return firstWrong >= 0 ? fails(firstWrong) : done({ status: 'passed' }, { cpuMs });
      }
      const limits = job.callLimits;
      const countedCalls: { index: number; steps: number }[] = [];
      for (let i = 0; i < steps.length; i++) {
        const counted = limits.counted.find((c) => c.index === i);
        if (counted !== undefined && counted.trace !== false) {
          if (lost) return done({ status: 'error', reason: 'worker-died', message: 'injected' });
          if (steps[i] > counted.steps) return done({ status: 'timeout', completed: i, reason: 'step-cap' }, { callStop: { index: i, by: 'step-cap' }, countedCalls });
          countedCalls.push({ index: i, steps: steps[i] });
        } else if (counted === undefined && steps[i] / rate() > (i < limits.cpuMs.length ? limits.cpuMs[i] : limits.cpuMsRest)) {
          return done({ status: 'timeout', completed: i, reason: 'cpu-limit' }, { callStop: { index: i, by: 'cpu' }, countedCalls });
        }
        if (wrong.has(i)) return { ...fails(i), countedCalls };
      }
      return done({ status: 'passed' }, { countedCalls });
    };
    return { language: 'python', run, runAll: (jobs: readonly SandboxJob[]) => Promise.all(jobs.map(run)) } as unknown as Runtime;
  }
  const limits = { timeoutMs: 10_000, memoryBytes: 0, cpu: CPU, steps: { floor: STEPS.floor, factor: SAMPLE_REFERENCE_FACTOR } };
  const sampleList = [...cases.map(([, solution]) => ({ taskId: bigTask.id, solution })), { taskId: hopeless.id, solution: program([10, 10, 10, 10, 10]) }];

  it('gives the same verdicts whatever the untraced line rate (load), each from the calls\' line events', async () => {
    let k = 0;
    // Untraced rates from the fastest (UNTRACED_MAX_STEPS_PER_MS) to a crawl; in turn, as changing load would give them.
    const rates = [UNTRACED_MAX_STEPS_PER_MS, 30_000, 150_000, 2_000];
    const loads: [string, () => number][] = [['idle', () => UNTRACED_MAX_STEPS_PER_MS], ['loaded', () => 2_000], ['changing', () => rates[k++ % rates.length]]];
    const outcomes = [];
    for (const [name, rate] of loads) {
      const runs = await runSamples(fakeReport, [bigTask, hopeless], sampleList, fakeRuntime(rate), limits);
      assert.deepEqual(
        runs.verdicts.slice(0, cases.length).map((v) => [v.original, v.strengthened]),
        cases.map(([, , o, s]) => [o, s]),
        name,
      );
      // Every run of the big task judged call by call; only the task whose reference never finished has a CPU limit.
      const keys = Object.keys(runs.decisions ?? {});
      assert.ok(keys.some((key) => key.startsWith('per-call ')), `${name}: ${keys.join(', ')}`);
      assert.ok(keys.every((key) => key.startsWith('per-call ') || key === 'cpu'), `${name}: ${keys.join(', ')}`);
      assert.equal(runs.decisions?.cpu, 1, name);
      outcomes.push(verdictsJsonl(runs.verdicts));
    }
    assert.equal(outcomes[1], outcomes[0]);
    assert.equal(outcomes[2], outcomes[0]);
  });

  it('decides no verdict from a counted run the machine ended (MachineDecided)', async () => {
    await assert.rejects(runSamples(fakeReport, [bigTask], sampleList.slice(0, cases.length), fakeRuntime(() => 2_000, true), limits), MachineDecided);
  });

  describe('a task whose own reference cannot finish an added assert, with a sibling whose reference can', () => {
    /** The own reference needs 1e12 line events on the first added assert (a naive fib on fib(60)); the sibling's 10 per call. */
    const slowTask = fakeTask('S/0', program([10, 10, 10, 1e12, 10]));
    const siblingOf = (id: string, steps: number[], wrong: number[] = []): SiblingReference => ({ benchmark: 'fixture-plus', task: { ...fakeTask(id, program(steps, wrong)), entryPoint: 'g' } });
    const fast = siblingOf('S/0', [10, 10, 10, 10, 10]);
    const slowReport = { tasks: [{ id: slowTask.id, checks: { mutation: { strengthened: { inputs: extra.map((a) => ({ input: a, inputSource: 'generated', expected: '1', assert: a, kills: [], reason: 'kills', checks: { passed: [], failed: [] } })) } } }, findings: [] }] } as unknown as AuditReport;
    /** Near the floor budget (the sibling's 50 line events scale below it): 1.4 M line events is a pass by count, and at a crawl over the CPU limit. */
    const NEAR = 1_400_000;
    const slowCases: [string, string, string, string][] = [
      ['the sibling\'s reference', fast.task.solution, 'passed', 'passed'],
      ['the own reference', slowTask.solution, 'passed', 'timeout'],
      ['near the budget in an added assert', program([10, 10, 10, NEAR, 10]), 'passed', 'passed'],
      ['past the budget in an added assert', program([10, 10, 10, 10, 2 * STEPS.floor]), 'passed', 'timeout'],
      ['past the budget in an original assert', program([10, 2 * STEPS.floor, 10, 10, 10]), 'timeout', 'timeout'],
      ['wrong in an added assert', program([10, 10, 10, 10, 10], [4]), 'passed', 'failed'],
    ];
    const slowSamples = slowCases.map(([, solution]) => ({ taskId: slowTask.id, solution }));
    const slowLimits = { ...limits, timeoutMs: 10_000 };

    it('decides the samples by the sibling reference\'s line events, the same whatever the load', async () => {
      const outcomes = [];
      for (const [name, rate] of [['idle', () => UNTRACED_MAX_STEPS_PER_MS], ['loaded', () => 100]] as const) {
        const runs = await runSamples(slowReport, [slowTask], slowSamples, fakeRuntime(rate), slowLimits, undefined, async () => [fast]);
        assert.deepEqual(runs.verdicts.map((v) => [v.original, v.strengthened]), slowCases.map(([, , o, s]) => [o, s]), name);
        assert.deepEqual(runs.limitsFrom, { 'S/0': { by: 'sibling', benchmark: 'fixture-plus' } }, name);
        assert.equal(runs.decisions?.cpu, undefined, name);
        assert.deepEqual(cpuDecidedTasks(runs), [], name);
        outcomes.push(verdictsJsonl(runs.verdicts));
      }
      assert.equal(outcomes[1], outcomes[0]);
    });

    it('keeps the CPU limit, and says so, where no sibling reference finishes passing', async () => {
      const cases: [string, SiblingReference[], LimitsFrom][] = [
        ['no sibling', [], { by: 'cpu', siblings: [] }],
        ['a sibling as slow', [siblingOf('S/0', [10, 10, 10, 1e12, 10])], { by: 'cpu', siblings: [{ benchmark: 'fixture-plus', status: 'timeout' }] }],
        ['a sibling that fails the strengthened tests', [siblingOf('S/0', [10, 10, 10, 10, 10], [4])], { by: 'cpu', siblings: [{ benchmark: 'fixture-plus', status: 'failed' }] }],
      ];
      for (const [name, siblings, from] of cases) {
        const runs = await runSamples(slowReport, [slowTask], slowSamples, fakeRuntime(() => 100), slowLimits, undefined, async () => siblings);
        assert.deepEqual(runs.limitsFrom, { 'S/0': from }, name);
        assert.deepEqual(cpuDecidedTasks(runs), ['S/0'], name);
        assert.deepEqual(Object.keys(runs.decisions ?? {}), ['cpu'], name);
        // The CPU limit is what a crawl moves: 1.4 M line events at 100 per ms is over its 10 s.
        assert.deepEqual([runs.verdicts[2].original, runs.verdicts[2].strengthened], ['timeout', 'timeout'], name);
      }
    });

    it('runs a real task whose own reference cannot finish fib(60) on its sibling\'s counts, in the sandbox', async () => {
      const naive = 'def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n';
      const iterative = 'def fib_fast(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n';
      const fibTask: Task = { ...base, id: 'R/1', entryPoint: 'fib', canonicalSolution: naive, solution: naive, tests: { kind: 'check-function', code: 'def check(candidate):\n    assert candidate(10) == 55\n    assert candidate(1) == 1\n', checkFunction: 'check' } };
      const fibSibling: SiblingReference = { benchmark: 'fixture-plus', task: { ...fibTask, entryPoint: 'fib_fast', canonicalSolution: iterative, solution: iterative } };
      const fibAdded = ['assert candidate(60) == 1548008755920'];
      const fibReport = { tasks: [{ id: 'R/1', checks: { mutation: { strengthened: { inputs: fibAdded.map((a) => ({ input: a, inputSource: 'plus', expected: '1548008755920', assert: a, kills: [], reason: 'kills', checks: { passed: [], failed: [] } })) } } }, findings: [] }] } as unknown as AuditReport;
      const fibSamples = [
        naive,
        iterative.replace('fib_fast', 'fib'),
        'from functools import lru_cache\n\n\n@lru_cache(None)\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n',
        iterative.replace('fib_fast', 'fib').replace('return a', 'return a + (n == 60)'),
        'def fib(n):\n    return n\n',
      ];
      // The own reference's untraced run costs this limit's CPU before the sibling's is measured.
      const runs = await runSamples(fibReport, [fibTask], fibSamples.map((solution) => ({ taskId: 'R/1', solution })), pool, { timeoutMs: 1_000, memoryBytes: 0, cpu: CPU, steps: STEPS }, undefined, async () => [fibSibling]);
      assert.deepEqual(
        runs.verdicts.map((v) => [v.original, v.strengthened]),
        [['passed', 'timeout'], ['passed', 'passed'], ['passed', 'passed'], ['passed', 'failed'], ['failed', 'failed']],
      );
      assert.deepEqual(runs.limitsFrom, { 'R/1': { by: 'sibling', benchmark: 'fixture-plus' } });
      const keys = Object.keys(runs.decisions ?? {});
      assert.ok(keys.length > 0 && keys.every((key) => key === 'fast' || key === 'counted'), keys.join(', '));
    });

    it('decides no verdict from a sibling reference run the machine ended (MachineDecided)', async () => {
      const lostSibling = (job: SandboxJob) => job.kind === 'tests' && job.program.candidate.includes('\nf = g\n');
      const runtime = fakeRuntime(() => UNTRACED_MAX_STEPS_PER_MS);
      const losing = { ...runtime, run: (job: SandboxJob) => (lostSibling(job) ? Promise.resolve(done({ status: 'error', reason: 'worker-died', message: 'injected' })) : runtime.run(job)) } as Runtime;
      await assert.rejects(runSamples(slowReport, [slowTask], slowSamples, losing, slowLimits, undefined, async () => [fast]), MachineDecided);
    });
  });

  it('runs a real task with a costly reference call by call, in the sandbox', async () => {
    // Two calls of ~600 k line events each: over SAMPLE_COUNTED_MAX_REFERENCE_LINES together, each call's cap the floor.
    const costly = 'def f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n';
    const realTask: Task = { ...base, id: 'R/0', entryPoint: 'f', canonicalSolution: costly, solution: costly, tests: { kind: 'check-function', code: 'def check(candidate):\n    assert candidate(300000) == 44999850000\n    assert candidate(300001) == 45000150000\n', checkFunction: 'check' } };
    const realAdded = ['assert candidate(10) == 45'];
    const realReport = { tasks: [{ id: 'R/0', checks: { mutation: { strengthened: { inputs: realAdded.map((a) => ({ input: a, inputSource: 'generated', expected: '45', assert: a, kills: [], reason: 'kills', checks: { passed: [], failed: [] } })) } } }, findings: [] }] } as unknown as AuditReport;
    const realSamples = [
      costly,
      'def f(n):\n    return n * (n - 1) // 2\n',
      'def f(n):\n    return 0\n',
      'def f(n):\n    return n * (n - 1) // 2 + (n == 10)\n',
      'def f(n):\n    while n == 10:\n        pass\n    return n * (n - 1) // 2\n',
    ];
    const runs = await runSamples(realReport, [realTask], realSamples.map((solution) => ({ taskId: 'R/0', solution })), pool, { timeoutMs: 10_000, memoryBytes: 0, cpu: CPU, steps: STEPS });
    assert.deepEqual(
      runs.verdicts.map((v) => [v.original, v.strengthened]),
      [['passed', 'passed'], ['passed', 'passed'], ['failed', 'failed'], ['passed', 'failed'], ['passed', 'timeout']],
    );
    const keys = Object.keys(runs.decisions ?? {});
    assert.ok(keys.length > 0 && keys.every((key) => key.startsWith('per-call ')), keys.join(', '));
  });
});
