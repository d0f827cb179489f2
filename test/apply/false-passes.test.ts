/**
 * Samples re-run once on the strengthened tests where that run tells the original tests' verdict too: the verdicts
 * must be the ones two separate runs give, for each way a sample can end (passes all, fails an original assert,
 * fails an added one, raises, does not load, hangs in the original tests or only in the added ones, crashes its
 * process, tampers with its interpreter or forges a result record), on a check-function task and an assert-list task.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { originalFromStrengthened, runSamples, strengthenTask } from '../../src/apply/false-passes.js';
import type { Task } from '../../src/model/task.js';
import type { AuditReport } from '../../src/model/types.generated.js';
import { cpuDecided, testsJob } from '../../src/sandbox/jobs.js';
import { createSandboxPool, type SandboxPool } from '../../src/sandbox/pool.js';
import type { SandboxJob } from '../../src/sandbox/types.js';

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
