/**
 * Which inputs a reference answers is decided by line events, not CPU time: the same inputs are answered whatever
 * the untraced pass's CPU pre-filter, from one that sends every input to the counted pass to one that lets the
 * untraced pass finish every input that ends. The same for a mutant's killed / survived / timeout (countedVerdict,
 * here to share the pool and its fixtures).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { referenceCallKey, referenceInputOutcomes, REFERENCE_COUNT_ABOVE_CPU_MS, type CountedOutcomeMemo, REFERENCE_INPUT_CPU_MS, REFERENCE_INPUT_STEP_CAP, UNTRACED_MAX_STEPS_PER_MS } from '../../../src/checks/mutation/reference-inputs.js';
import { analyseTask, countedVerdict, MUTANT_CPU_FLOOR_MS, MUTANT_STEP_FLOOR, perCallVerdict, survivorFirstDifference } from '../../../src/checks/mutation/run.js';
import { MachineDecided } from '../../../src/checks/mutation/reference-inputs.js';
import { CALL_STEP_FLOOR, callStepCap, countedCall, MAX_SLOW_INPUTS, referenceCountAboveMs, SLOW_SHARE, TESTS_CALL_UNTRACED_SHARE, UNTRACED_SHARE, untracedCallCpuMs, untracedTestsCallCpuMs } from '../../../src/checks/mutation/counted-calls.js';
import type { JobResult, SandboxJob } from '../../../src/sandbox/types.js';
import type { Runtime } from '../../../src/sandbox/runtime.js';
import { DEFAULT_MUTATION_CONFIG } from '../../../src/checks/mutation/config.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { createSandboxPool, type SandboxPool } from '../../../src/sandbox/pool.js';
import { passesPlusSuite, type PlusSuite } from '../../../src/checks/mutation/plus-suite.js';
import type { Task } from '../../../src/model/task.js';
import type { PyValue } from '../../../src/checks/mutation/py-value.js';
import type { CallJob, CallOutput, TestsJob, Verdict } from '../../../src/sandbox/types.js';

let pool: SandboxPool;
before(() => {
  pool = createSandboxPool({});
});
after(async () => {
  await pool.close();
});

/** Line events per loop iteration of `f` below (the `for` line and the body line). */
const LINES_PER_ITERATION = 2;
/** A small cap keeps the test cheap: the counted pass stops a runaway after this many line events. */
const CAP = 50_000;

const PROGRAM = `
def f(kind, n):
    if kind == 'loop':
        t = 0
        for i in range(n):
            t += i
        return t
    if kind == 'c':
        return sum(range(n))
    raise ValueError(n)
`;

const INPUTS: unknown[][] = [
  ['loop', 1_000], // ~2,000 line events: answered
  ['loop', CAP], // ~100,000 line events, ~2 ms untraced: past the cap
  ['c', 3_000_000], // tens of ms of CPU in C, a handful of line events: answered
  ['raise', 1], // raises: never answered
  ['loop', 2_000_000], // ~4 M line events, ~100 ms untraced: past the cap
];

const job: CallJob = { kind: 'call', program: { candidate: PROGRAM }, entryPoint: 'f', inputs: INPUTS, timeoutMs: 120_000, digests: true };

/** The decision per input: answered with its value, or why not. */
function decisions(outputs: Map<number, CallOutput>): string[] {
  return INPUTS.map((_, i) => {
    const o = outputs.get(i);
    if (o === undefined) return 'none';
    if (o.status === 'returned') return `returned ${o.repr}`;
    if (o.status === 'timeout') return `timeout ${o.reason ?? ''}`;
    return o.status;
  });
}

describe('referenceInputOutcomes', () => {
  it('answers the same inputs with a tiny and a huge CPU pre-filter: the step count decides', async () => {
    // Sound pre-filter for CAP: below CAP / 60 M line events per CPU second a call cannot have reached it.
    const soundCountAbove = CAP / UNTRACED_MAX_STEPS_PER_MS;
    const tiny = await referenceInputOutcomes((j) => pool.run(j), job, { firstPassCpuMs: 1, countAboveCpuMs: 0, stepCap: CAP });
    const huge = await referenceInputOutcomes((j) => pool.run(j), job, { firstPassCpuMs: 5_000, countAboveCpuMs: soundCountAbove, stepCap: CAP });
    const expected = [`returned ${(999 * 1000) / 2}`, 'timeout step-cap', `returned ${(2_999_999 * 3_000_000) / 2}`, 'raised', 'timeout step-cap'];
    assert.deepEqual(decisions(tiny.outputs), expected);
    assert.deepEqual(decisions(huge.outputs), expected);
    assert.equal(tiny.undecided, 0);
    assert.equal(huge.undecided, 0);
    // The tiny pre-filter counted every input that did not raise at once (how many the huge one counts depends on load).
    assert.equal(tiny.counted, 4);
    // A step-capped call reports how far it got: just past the cap, however fast the machine.
    for (const out of [tiny.outputs, huge.outputs]) {
      const capped = out.get(1);
      assert.ok(capped?.status === 'timeout' && capped.steps !== undefined && capped.steps > CAP && capped.steps <= CAP + LINES_PER_ITERATION, JSON.stringify(capped));
    }
  });

  it('drops every input after the one that brings the runaways to maxCapped, whatever the pre-filter', async () => {
    for (const prefilter of [{ firstPassCpuMs: 1, countAboveCpuMs: 0 }, { firstPassCpuMs: 5_000, countAboveCpuMs: CAP / UNTRACED_MAX_STEPS_PER_MS }]) {
      const r = await referenceInputOutcomes((j) => pool.run(j), job, { ...prefilter, stepCap: CAP, maxCapped: 1 });
      assert.deepEqual(decisions(r.outputs), [`returned ${(999 * 1000) / 2}`, 'timeout step-cap', 'none', 'none', 'none']);
      assert.equal(r.cutAfter, 1);
    }
  });

  it('keeps the untraced output, with its CPU time and the counted pass\'s line events, of an input answered in both passes', async () => {
    const r = await referenceInputOutcomes((j) => pool.run(j), { ...job, inputs: [['c', 3_000_000], ['loop', 1_000]] }, { firstPassCpuMs: 5_000, countAboveCpuMs: 0, stepCap: CAP });
    assert.equal(r.counted, 2);
    const c = r.outputs.get(0);
    // sum() works in C: a handful of line events.
    assert.ok(c?.status === 'returned' && c.steps !== undefined && c.steps < 10 && c.cpuMs !== undefined, JSON.stringify(c));
    const loop = r.outputs.get(1);
    assert.ok(loop?.status === 'returned' && loop.steps !== undefined && Math.abs(loop.steps - LINES_PER_ITERATION * 1_000) < 10, JSON.stringify(loop));
  });

  it('asks a memo before counting: an input counted in another job is not counted again, and its outcome is the same', async () => {
    const memo: CountedOutcomeMemo = new Map();
    const keyOf = (inputs: readonly unknown[][]) => (i: number) => JSON.stringify(inputs[i]);
    const countedInputs = (jobs: SandboxJob[]) => jobs.filter((j) => (j as CallJob).perInputSteps !== undefined).flatMap((j) => (j as CallJob).inputs.slice((j as CallJob).startIndex ?? 0));
    const recording = (jobs: SandboxJob[]) => (j: CallJob) => (jobs.push(j), pool.run(j));
    const prefilter = { firstPassCpuMs: 1, countAboveCpuMs: 0, stepCap: CAP };
    // A first pass over two of the inputs fills the memo.
    const firstJobs: SandboxJob[] = [];
    const partial = [INPUTS[1], INPUTS[0]];
    await referenceInputOutcomes(recording(firstJobs), { ...job, inputs: partial }, { ...prefilter, memo: { outcomes: memo, keyOf: keyOf(partial) } });
    assert.deepEqual(countedInputs(firstJobs), partial);
    // Every input, in a job of its own: only the three not yet counted are counted, and every decision is the memo-less one.
    const jobs: SandboxJob[] = [];
    const withMemo = await referenceInputOutcomes(recording(jobs), job, { ...prefilter, memo: { outcomes: memo, keyOf: keyOf(INPUTS) } });
    assert.deepEqual(countedInputs(jobs), [INPUTS[2], INPUTS[4]]);
    const without = await referenceInputOutcomes((j) => pool.run(j), job, prefilter);
    assert.deepEqual(decisions(withMemo.outputs), decisions(without.outputs));
    // The line events that set a survivor's step cap come through the memo too.
    const steps = (o: CallOutput | undefined) => (o?.status === 'returned' ? o.steps : undefined);
    assert.ok(steps(withMemo.outputs.get(0)) !== undefined);
    assert.equal(steps(withMemo.outputs.get(0)), steps(without.outputs.get(0)));
    assert.deepEqual([withMemo.counted, withMemo.undecided], [without.counted, without.undecided]);
    // Another step cap is another question: nothing is reused.
    const other: SandboxJob[] = [];
    await referenceInputOutcomes(recording(other), { ...job, inputs: partial }, { ...prefilter, stepCap: CAP * 2, memo: { outcomes: memo, keyOf: keyOf(partial) } });
    assert.deepEqual(countedInputs(other), partial);
  });

  it('keys a reference call by program, checked contract and arguments', () => {
    const program = { solution: 'def f(n):\n    return n\n', entryPoint: 'f', setupCode: '', imports: [] };
    const one = [{ type: 'int', value: 1n }] as PyValue[];
    assert.equal(referenceCallKey(program, '', one), referenceCallKey({ ...program }, '  ', one));
    assert.notEqual(referenceCallKey(program, '', one), referenceCallKey(program, 'assert n > 0', one));
    assert.notEqual(referenceCallKey(program, '', one), referenceCallKey({ ...program, solution: 'def f(n):\n    return -n\n' }, '', one));
    assert.notEqual(referenceCallKey(program, '', one), referenceCallKey(program, '', [{ type: 'int', value: 2n }] as PyValue[]));
  });

  it('has a pre-filter below the untraced CPU the step cap needs at the fastest line rate', () => {
    assert.ok(REFERENCE_COUNT_ABOVE_CPU_MS * UNTRACED_MAX_STEPS_PER_MS <= REFERENCE_INPUT_STEP_CAP);
    assert.ok(REFERENCE_INPUT_CPU_MS >= REFERENCE_COUNT_ABOVE_CPU_MS);
  });
});

/** A mutant's code: `n` loop iterations (~2 line events each), then the right answer or a wrong one; or a hang. */
const MUTANT = `
def f(kind, n):
    if kind == 'hang':
        while True:
            pass
    t = 0
    for i in range(n):
        t += 1
    return t if kind == 'right' else -1
`;

/** The benchmark's tests for MUTANT: the answer is n. `guarded` catches everything the call raises, as a careless test might. */
function mutantJob(kind: string, n: number, cpuLimitMs: number, guarded = false): TestsJob {
  const call = `candidate(${JSON.stringify(kind)}, ${n})`;
  const code = guarded ? `def check(candidate):\n    try:\n        ${call}\n    except BaseException:\n        pass\n` : `def check(candidate):\n    assert ${call} == ${n}\n`;
  return { kind: 'tests', program: { candidate: MUTANT }, entryPoint: 'f', tests: { kind: 'check-function', code, checkFunction: 'check' }, cpuLimitMs, timeoutMs: 120_000 };
}

/** Status and, for a timeout, which limit ended it. */
function status(v: Verdict): string {
  return v.status === 'timeout' ? `timeout ${v.reason ?? 'wall'}` : v.status;
}

describe('countedVerdict (mutant runs, run.ts)', () => {
  // ~400,000 line events, tens of ms untraced: over a 1 ms CPU limit, well within the huge one.
  const N = 200_000;
  it('gives a mutant the same status with a tiny and a huge CPU limit: its line events decide', async () => {
    const cases: [string, number, number, string][] = [
      ['right', N, 2 * N + 1_000, 'passed'], // just past the tiny CPU limit, within the budget: survives either way
      ['wrong', N, 2 * N + 1_000, 'failed'], // killed by the assert after the same work, either way
      ['right', N, CAP, 'timeout step-cap'], // over the step budget: a timeout, even where the huge CPU limit lets it finish
      ['hang', 0, CAP, 'timeout step-cap'], // loops forever: a timeout decided by the count
    ];
    for (const [kind, n, cap, expected] of cases) {
      for (const cpuLimitMs of [1, 5_000]) {
        const r = await countedVerdict(mutantJob(kind, n, kind === 'hang' ? Math.min(cpuLimitMs, 200) : cpuLimitMs), cap, (j) => pool.run(j));
        assert.equal(status(r.verdict), expected, `${kind} ${n}, budget ${cap}, CPU limit ${cpuLimitMs} ms (${r.decidedBy})`);
        assert.notEqual(r.decidedBy, 'backstop');
      }
    }
  });

  it('keeps a spent step budget even when the tests catch what ends the call', async () => {
    const r = await countedVerdict(mutantJob('hang', 0, 1, true), CAP, (j) => pool.run(j));
    assert.equal(status(r.verdict), 'timeout step-cap');
  });

  it('has a CPU floor that lets every run the step floor could decide untraced finish untraced', () => {
    assert.ok(MUTANT_CPU_FLOOR_MS >= MUTANT_STEP_FLOOR / UNTRACED_MAX_STEPS_PER_MS);
  });
});

describe('survivorFirstDifference (survivor sorting, run.ts)', () => {
  /** A cap whose sound untraced CPU limit is 3 ms: big enough to test, small enough to count cheaply. */
  const SURVIVOR_CAP = 2_400_000;
  const caseJob = (inputs: unknown[][]): CallJob => ({ kind: 'call', program: { candidate: MUTANT }, entryPoint: 'f', inputs, timeoutMs: 120_000 });
  /** The reference's answer to (kind, n) is n. */
  const sortWith = (inputs: unknown[][], cpuMs: number) =>
    survivorFirstDifference((j) => pool.run(j), caseJob(inputs), {
      stepCaps: inputs.map(() => SURVIVOR_CAP),
      cpuLimits: inputs.map(() => cpuMs),
      digests: inputs.map(() => null),
      sameOutput: (o, i) => o.repr === String(inputs[i][1]),
    });
  const outcome = (r: Awaited<ReturnType<typeof sortWith>>): string => (r.hit ? `hit ${r.hit.index} ${r.hit.text}` : r.complete ? 'no difference' : 'unsorted');

  it('gives a survivor the same first difference with a tiny and a huge CPU limit: its line events decide', async () => {
    const cases: [unknown[][], string][] = [
      [[['right', 100_000]], 'no difference'], // ~200,000 line events, past a 1 ms limit: counted, right
      [[['wrong', 100_000]], 'hit 0 -1'], // wrong after the same work: its answer is the evidence either way
      [[['right', 800_000], ['wrong', 10]], 'hit 1 -1'], // ~1.6 M events: slow (over SLOW_SHARE of the cap) but right, then wrong
      [[['right', 1_400_000], ['wrong', 10]], 'hit 0 timeout'], // ~2.8 M events, past the cap: a timeout however fast the machine
      [[['hang', 0]], 'hit 0 timeout'],
      // Slow but right on MAX_SLOW_INPUTS inputs: left unsorted before the wrong answer after them, on any machine.
      [[...Array.from({ length: MAX_SLOW_INPUTS }, () => ['right', 800_000]), ['wrong', 10]], 'unsorted'],
    ];
    for (const [inputs, expected] of cases) {
      for (const cpuMs of [1, 5_000]) {
        assert.equal(outcome(await sortWith(inputs, cpuMs)), expected, `${JSON.stringify(inputs)} with a ${cpuMs} ms CPU limit`);
      }
    }
  });

  it('derives caps and CPU limits that keep the untraced run sound', () => {
    assert.equal(callStepCap(undefined, 10), CALL_STEP_FLOOR);
    assert.equal(callStepCap(2_000_000, 10), 20_000_000);
    // An untraced call within its limit executed at most UNTRACED_SHARE of its cap, below the slow threshold.
    for (const cap of [CALL_STEP_FLOOR, SURVIVOR_CAP, 68_000_000]) assert.ok(untracedCallCpuMs(cap) * UNTRACED_MAX_STEPS_PER_MS <= UNTRACED_SHARE * cap);
    assert.ok(SLOW_SHARE > UNTRACED_SHARE);
    // A reference call not counted (at most this much CPU) cannot need more than the floor / factor line events.
    for (const factor of [1, 4, 10]) assert.ok(referenceCountAboveMs(factor) * UNTRACED_MAX_STEPS_PER_MS * factor <= CALL_STEP_FLOOR);
  });
});

describe('passesPlusSuite (the EvalPlus suite of the -plus audits)', () => {
  const CAP = 2_400_000;
  /** Only what a suite run reads of a task: the program's parts, the entry point, the id that picks the oracle. */
  const task = { id: 'HumanEval/0', entryPoint: 'f', solution: MUTANT, setupCode: '', imports: [] } as unknown as Task;
  const suiteOf = (inputs: unknown[][]): PlusSuite => ({ inputs, expected: inputs.map((x) => x[1] as number), digests: inputs.map(() => null), stepCaps: inputs.map(() => CAP) });

  it('passes or fails a candidate the same with a tiny and a huge untraced CPU limit: its line events decide', async () => {
    const cases: [unknown[][], boolean][] = [
      [[['right', 800_000]], true], // slow (over SLOW_SHARE of the cap) but right
      [[['right', 10], ['wrong', 10]], false],
      [[['right', 1_400_000]], false], // past the cap: EvalPlus fails a timeout, decided by the count
      [[['hang', 0]], false],
      // Slow on MAX_SLOW_INPUTS inputs: passes before the wrong answer after them, on any machine.
      [[...Array.from({ length: MAX_SLOW_INPUTS }, () => ['right', 800_000]), ['wrong', 10]], true],
    ];
    for (const [inputs, expected] of cases) {
      for (const untracedCpuMs of [1, 5_000]) {
        assert.equal(await passesPlusSuite(task, suiteOf(inputs), MUTANT, (j) => pool.run(j), { untracedCpuMs }), expected, `${JSON.stringify(inputs)}, untraced CPU limit ${untracedCpuMs} ms`);
      }
    }
  });
});

describe('perCallVerdict (tests judged call by call, run.ts)', () => {
  /** Each call's cap: 2 M line events, so the untraced limit (5 ms) lets small calls finish and stops the others. */
  const PER_CALL_CAP = 2_000_000;
  const caps = (n: number) => ({ caps: Array.from({ length: n }, () => PER_CALL_CAP), rest: PER_CALL_CAP });
  /** Tests calling MUTANT once per (kind, n), each expecting n; `guarded` calls catch everything. */
  function testsJob(calls: [string, number][], guarded = false): TestsJob {
    const body = calls.map(([kind, n]) => {
      const call = `candidate(${JSON.stringify(kind)}, ${n})`;
      return guarded ? `    try:\n        ${call}\n    except BaseException:\n        pass\n` : `    assert ${call} == ${n}\n`;
    });
    return { kind: 'tests', program: { candidate: MUTANT }, entryPoint: 'f', tests: { kind: 'check-function', code: `def check(candidate):\n${body.join('')}`, checkFunction: 'check' }, timeoutMs: 120_000 };
  }
  // Iterations (~2 line events each): well within the cap but far past 1 ms untraced; slow (over SLOW_SHARE); past the cap.
  const MIDDLE = Math.floor(0.15 * PER_CALL_CAP);
  const SLOW = Math.floor(0.35 * PER_CALL_CAP);
  const OVER = PER_CALL_CAP;

  it('gives the same verdict with the smallest and the derived untraced CPU limit: each call\'s line events decide', async () => {
    const cases: [string, [string, number][], boolean, string][] = [
      ['fast everywhere', [['right', 10], ['right', 20], ['right', 30]], false, 'passed'],
      ['slow on one call, right', [['right', 10], ['right', MIDDLE], ['right', 30]], false, 'passed'],
      ['slow on one call, wrong', [['right', 10], ['wrong', MIDDLE], ['right', 30]], false, 'failed'],
      ['past the cap on one call', [['right', 10], ['right', OVER], ['right', 30]], false, 'timeout step-cap'],
      ['hangs', [['right', 10], ['hang', 0], ['right', 30]], false, 'timeout step-cap'],
      ['hangs where the tests catch everything', [['right', 10], ['hang', 0]], true, 'timeout step-cap'],
    ];
    for (const [name, calls, guarded, expected] of cases) {
      for (const untracedCpuMs of [1, undefined]) {
        const r = await perCallVerdict(testsJob(calls, guarded), caps(calls.length), (j) => pool.run(j), untracedCpuMs === undefined ? {} : { untracedCpuMs });
        assert.equal(status(r.verdict), expected, `${name}, untraced CPU limit ${untracedCpuMs ?? 'derived'} (${r.decidedBy})`);
        assert.notEqual(r.decidedBy, 'backstop');
        if (name === 'fast everywhere' && untracedCpuMs === undefined) assert.equal(r.decidedBy, 'fast');
      }
    }
  });

  it('is a timeout once MAX_SLOW_INPUTS calls were slow, not before', async () => {
    const slow = (k: number): [string, number][] => [...Array.from({ length: k }, (): [string, number] => ['right', SLOW]), ['wrong', 10]];
    const under = await perCallVerdict(testsJob(slow(MAX_SLOW_INPUTS - 1)), caps(MAX_SLOW_INPUTS), (j) => pool.run(j));
    assert.equal(status(under.verdict), 'failed', 'three slow calls, then a wrong answer: killed');
    const at = await perCallVerdict(testsJob(slow(MAX_SLOW_INPUTS)), caps(MAX_SLOW_INPUTS + 1), (j) => pool.run(j));
    assert.equal(status(at.verdict), 'timeout step-cap', 'the fourth slow call ends it before the wrong answer');
  });

  it('has an untraced share that leaves every slow call to the counter', () => {
    assert.ok(untracedTestsCallCpuMs(PER_CALL_CAP) * UNTRACED_MAX_STEPS_PER_MS <= TESTS_CALL_UNTRACED_SHARE * PER_CALL_CAP);
    assert.ok(TESTS_CALL_UNTRACED_SHARE < SLOW_SHARE);
  });
});

describe('referenceInputOutcomes: a job the reference itself ends', () => {
  /** Inputs [0] and [1] return; at input [2] the job ends as `end` says, in every pass (untraced and counted). */
  const stopsAt2 = (end: Verdict) => async (job: SandboxJob): Promise<JobResult> => {
    const call = job as CallJob;
    const from = call.startIndex ?? 0;
    const outputs: CallOutput[] = [];
    for (let i = from; i < call.inputs.length && (call.inputs[i] as number[])[0] < 2; i++) outputs.push({ index: i, status: 'returned', value: null as never, repr: 'None', ms: 0, cpuMs: 0, steps: 10 });
    const ended = from + outputs.length < call.inputs.length;
    return { verdict: ended ? end : { status: 'passed' }, outputs, stdout: '', stderr: '', stdoutTruncated: false, stderrTruncated: false, durationMs: 0, leftoverProcesses: 0 } as JobResult;
  };
  const job: CallJob = { kind: 'call', program: { candidate: 'def f(x):\n    return None\n' }, entryPoint: 'f', inputs: [[0], [1], [2], [3]], timeoutMs: 1000 };

  it('leaves the inputs from the one that ended the job undecided when the program ended it (its memory)', async () => {
    const r = await referenceInputOutcomes(stopsAt2({ status: 'error', reason: 'memory', message: 'MemoryError' } as Verdict), job);
    assert.equal(r.undecided, 2);
    assert.deepEqual([...r.outputs.keys()].sort(), [0, 1]);
  });

  it('throws MachineDecided when a lost worker ended it', async () => {
    await assert.rejects(referenceInputOutcomes(stopsAt2({ status: 'error', reason: 'worker-died', message: 'lost' } as Verdict), job), MachineDecided);
  });

  it('reads why a counted job ended at the input\'s place in that job, not in the whole list', async () => {
    // Input [2] ends its run at the CPU limit (the program's doing) in every pass; the others return at once. Only [2]
    // is counted, as the first input of its own job: the end must be found there, not at index 2.
    const cpuEnd = async (j: SandboxJob): Promise<JobResult> => {
      const call = j as CallJob;
      const outputs: CallOutput[] = [];
      let verdict: Verdict = { status: 'passed' };
      for (let i = call.startIndex ?? 0; i < call.inputs.length; i++) {
        if ((call.inputs[i] as number[])[0] === 2) {
          verdict = { status: 'timeout', reason: 'cpu-limit', completed: i } as Verdict;
          break;
        }
        outputs.push({ index: i, status: 'returned', value: null as never, repr: 'None', ms: 0, cpuMs: 0, steps: 10 });
      }
      return { verdict, outputs, stdout: '', stderr: '', stdoutTruncated: false, stderrTruncated: false, durationMs: 0, leftoverProcesses: 0 } as JobResult;
    };
    const r = await referenceInputOutcomes(cpuEnd, job);
    assert.equal(r.undecided, 1);
    assert.deepEqual([...r.outputs.keys()].sort(), [0, 1, 3]);
  });
});

describe('machine-ended runs decide nothing (MachineDecided)', () => {
  const lost = (job: SandboxJob): JobResult => ({
    verdict: { status: 'error', reason: 'worker-died', message: 'injected' },
    outputs: [],
    stdout: '',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs: 0,
    leftoverProcesses: 0,
    ...(job.kind === 'tests' ? {} : {}),
  });
  const wall = (job: SandboxJob): JobResult => ({ ...lost(job), verdict: { status: 'timeout', completed: 0 } });
  /** The real pool, except that every counted run (a step cap) ends as `failure` says. */
  const countedFails = (failure: (job: SandboxJob) => JobResult) => async (job: SandboxJob): Promise<JobResult> => {
    const counted = (job.kind === 'tests' && (job.candidateSteps !== undefined || (job.callLimits?.counted.length ?? 0) > 0)) || (job.kind === 'call' && job.perInputSteps !== undefined);
    return counted ? failure(job) : pool.run(job);
  };

  it('throws where a counted rerun of a mutant was ended by a lost worker or the wall clock', async () => {
    for (const failure of [lost, wall]) {
      await assert.rejects(countedVerdict(mutantJob('hang', 0, 20), CAP, countedFails(failure)), MachineDecided);
      const calls: [string, number][] = [['right', 10], ['hang', 0]];
      const job: TestsJob = { ...mutantJob('right', 10, 20), tests: { kind: 'check-function', code: 'def check(candidate):\n    assert candidate("right", 10) == 10\n    candidate("hang", 0)\n', checkFunction: 'check' } };
      await assert.rejects(perCallVerdict(job, { caps: calls.map(() => CAP), rest: CAP }, countedFails(failure)), MachineDecided);
      const hang: CallJob = { kind: 'call', program: { candidate: MUTANT }, entryPoint: 'f', inputs: [['hang', 0]], timeoutMs: 120_000 };
      await assert.rejects(countedCall(countedFails(failure), hang, 0, CAP), MachineDecided);
    }
  });

  it('leaves the task transient, not analysed, when the machine ends a mutant\'s counted rerun', async () => {
    const solution = 'def f(x):\n    return x\n';
    const task = {
      id: 'machine/1',
      prompt: '',
      entryPoint: 'f',
      solution,
      canonicalSolution: solution,
      tests: { kind: 'check-function', code: 'def check(candidate):\n    assert candidate(1) == 1\n', checkFunction: 'check' },
    } as unknown as Task;
    // A mutant that hangs: its untraced run times out, and its counted rerun is the one the machine ends.
    const mutant = { id: 'm', index: 0, operator: 'x', start: 0, end: 0, line: 2, column: 5, original: 'return x', replacement: 'while True: pass', diff: '', source: 'def f(x):\n    while True: pass\n' };
    const runtime = { run: countedFails(lost) } as unknown as Runtime;
    const a = await analyseTask({
      task,
      plusTask: undefined,
      mutants: { mutants: [mutant], region: { start: 0, end: solution.length }, stats: {}, warnings: [], sampledOut: 0, uncompilable: 0 } as never,
      config: { ...DEFAULT_MUTATION_CONFIG, strengthen: false },
      seed: 0,
      parser: await loadPythonParser(),
      pool: runtime,
    });
    assert.equal(a.transient, true);
    assert.equal(a.section.status, 'skipped');
    assert.match(a.section.skipReason ?? '', /machine/);
    assert.deepEqual(a.findings, []);
  });
});
