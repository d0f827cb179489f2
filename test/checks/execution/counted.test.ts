/**
 * The execution check's timeout and slow decided by counted line events: a fake runtime stands for the sandbox, its
 * untraced CPU times set by a line rate (as machine load would move them), its counted runs by a program's known
 * line events. Whatever the rate, the findings must be the same.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createExecutionCheck } from '../../../src/checks/execution/index.js';
import { decideTestsRun, executionStepCap, EXECUTION_STEPS_PER_MS, plusOutcomes } from '../../../src/checks/execution/counted.js';
import { DEFAULT_EXECUTION_CONFIG } from '../../../src/model/defaults.generated.js';
import { silentProgress } from '../../../src/model/progress.js';
import type { Config } from '../../../src/model/types.generated.js';
import type { Task } from '../../../src/model/task.js';
import type { Runtime } from '../../../src/sandbox/runtime.js';
import type { CallJob, CallOutput, ExamplesJob, JobResult, SandboxJob, TestsJob } from '../../../src/sandbox/types.js';

const CAP = executionStepCap(DEFAULT_EXECUTION_CONFIG.timeLimitMs);

/** A program of the fake: `# steps=N` (its line events on the tests), `# fails` (an assert fails), `# c-work` (its work is in C). */
function task(id: string, program: string, plus?: number[]): Task {
  return {
    benchmark: 'fixture',
    id,
    entryPoint: 'f',
    prompt: '',
    solution: program,
    canonicalSolution: program,
    setupCode: '',
    imports: [],
    tests: { kind: 'assert-list', asserts: ['assert f(1) == 1'], challengeAsserts: [] },
    siblings: [],
    source: { file: 'fixture.jsonl', row: 1 },
    ...(plus ? { inputs: { base: [], plus: plus.map((n) => [n]), atol: 0, contract: '' } } : {}),
  };
}

const TASKS: Task[] = [
  task('fast', '# steps=10000'),
  // Mbpp/123's shape: seconds of untraced CPU at its rate, under half the cap.
  task('under-slow-share', `# steps=${0.46 * CAP}`),
  task('slow', `# steps=${0.7 * CAP}`),
  task('over', `# steps=${1.1 * CAP}`),
  task('fails', `# steps=${0.3 * CAP}\n# fails`),
  task('c-work', '# steps=1000\n# c-work'),
  task('plus', '# steps=1000', [1000, 1.2 * CAP, 5, 0.9 * CAP]),
];

function result(verdict: JobResult['verdict'], extra: Partial<JobResult> = {}): JobResult {
  return { verdict, outputs: [], stdout: '', stderr: '', stdoutTruncated: false, stderrTruncated: false, durationMs: 1, leftoverProcesses: 0, ...extra };
}

/** Runs a job as the sandbox would, with untraced CPU time = line events / `rate(job)` line events per ms. */
function fakeRun(rate: () => number): (job: SandboxJob) => Promise<JobResult> {
  return async (job) => {
    if (job.kind === 'tests') return testsRun(job, rate());
    if (job.kind === 'call') return callRun(job, rate);
    if (job.kind === 'examples') return examplesRun(job, rate());
    return result({ status: 'passed' });
  };
}

/** The examples job of a program of the fake: one answer per example (a match), after its `# steps=N` line events. */
function examplesRun(job: ExamplesJob, rate: number): JobResult {
  const steps = Number(/# steps=(\d+)/.exec(job.program.candidate)?.[1] ?? '0');
  if (job.candidateSteps !== undefined && steps > job.candidateSteps) return result({ status: 'timeout', completed: 0, reason: 'step-cap' });
  const cpuMs = 2 + steps / rate;
  if (job.candidateSteps === undefined && cpuMs > (job.cpuLimitMs ?? Infinity)) return result({ status: 'timeout', completed: 0, reason: 'cpu-limit' }, { cpuMs: job.cpuLimitMs });
  return result({ status: 'passed' }, { cpuMs, outputs: job.examples.map((_, index) => ({ index, status: 'match', actual: '1' })) });
}

function testsRun(job: TestsJob, rate: number): JobResult {
  const src = job.program.candidate;
  const steps = Number(/# steps=(\d+)/.exec(src)?.[1] ?? '0');
  const done = src.includes('# fails') ? result({ status: 'failed', phase: 'tests', exception: 'AssertionError', message: '', assertIndex: 0, assert: 'assert f(1) == 1' }) : result({ status: 'passed' });
  if (job.candidateSteps !== undefined) {
    if (src.includes('# c-work')) return result({ status: 'timeout', completed: 0, reason: 'cpu-limit' }, { cpuMs: job.cpuLimitMs });
    if (steps > job.candidateSteps) return result({ status: 'timeout', completed: 0, reason: 'step-cap' });
    return done;
  }
  // Work in C is invisible to the count and runs at no line rate: a long untraced run.
  const cpuMs = src.includes('# c-work') ? 1e9 : 2 + steps / rate;
  if (cpuMs > (job.cpuLimitMs ?? Infinity)) return result({ status: 'timeout', completed: 0, reason: 'cpu-limit' }, { cpuMs: job.cpuLimitMs });
  return { ...done, cpuMs };
}

function callRun(job: CallJob, rate: () => number): JobResult {
  const outputs: CallOutput[] = [];
  for (let i = job.startIndex ?? 0; i < job.inputs.length; i++) {
    const steps = job.inputs[i][0] as number;
    if (job.perInputSteps !== undefined) {
      outputs.push(steps > job.perInputSteps ? { index: i, status: 'timeout', reason: 'step-cap', steps: job.perInputSteps + 1 } : { index: i, status: 'returned', value: steps, repr: String(steps), ms: 1, steps });
      continue;
    }
    const limit = job.perInputCpuMs as number;
    if (steps / rate() > limit) outputs.push({ index: i, status: 'timeout' });
    else outputs.push({ index: i, status: 'returned', value: steps, repr: String(steps), ms: 1 });
  }
  return result({ status: 'passed' }, { outputs });
}

function fakeRuntime(run: (job: SandboxJob) => Promise<JobResult>): Runtime {
  const stats = { jobs: 0, workersStarted: 1, workersReplaced: 0 };
  const isolation = { mode: 'none' as const, networkIsolated: true, filesystem: 'confined' as const, pidNamespace: true, uidDropped: true, processLimit: true, notes: [] };
  const counted = (job: SandboxJob) => ((stats.jobs += 1), run(job));
  return {
    language: 'python',
    size: 2,
    isolation,
    stats,
    run: counted,
    runAll: (jobs) => Promise.all(jobs.map(counted)),
    async *map(items, toJob) {
      let index = 0;
      for (const item of items) {
        const i = index++;
        yield { index: i, item, result: await counted(toJob(item, i)) };
      }
    },
    measureIsolation: async () => isolation,
    info: () => ({ language: 'python', interpreter: { name: 'fake', version: '3.11' }, workers: 2, isolation, subreaper: true }),
    close: async () => {},
  } as Runtime;
}

const config: Config = { checks: ['execution'], seed: 0, static: { fewTestsThreshold: 2 }, execution: { ...DEFAULT_EXECUTION_CONFIG } };

const EXAMPLE = { call: 'f(1)', expected: '1', line: 1, style: 'doctest' as const, source: '>>> f(1)\n1' };

async function audit(rate: () => number, run: (rate: () => number) => (job: SandboxJob) => Promise<JobResult> = fakeRun) {
  const out = await createExecutionCheck({ pool: fakeRuntime(run(rate)), promptExamples: () => [EXAMPLE] }).run({ benchmark: 'fixture', tasks: TASKS, config, progress: silentProgress });
  return { tasks: out.tasks, summary: out.summary, counted: out.runInfo?.counted, warnings: out.warnings };
}

/** A deterministic stream of rates between `lo` and `hi` (line events per ms): a machine whose load changes job to job. */
function varying(lo: number, hi: number): () => number {
  let x = 7;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return lo + ((hi - lo) * x) / 2 ** 31;
  };
}

describe('execution check, counted', () => {
  it('gives the same findings whatever the untraced CPU times (idle, loaded, varying)', async () => {
    const idle = await audit(() => 150_000);
    const loaded = await audit(() => 3_000);
    const mixed = await audit(varying(2_000, 199_000));
    assert.deepEqual(loaded.tasks, idle.tasks);
    assert.deepEqual(mixed.tasks, idle.tasks);
    assert.deepEqual(mixed.summary, idle.summary);
    // The idle machine decided more runs untraced: the counting differs, the results do not.
    assert.ok((loaded.counted as { runs: number }).runs > (idle.counted as { runs: number }).runs);

    const kinds = (id: string) => idle.tasks[TASKS.findIndex((t) => t.id === id)].findings.map((f) => f.kind);
    const evidence = (id: string) => idle.tasks[TASKS.findIndex((t) => t.id === id)].findings[0]?.evidence;
    assert.deepEqual(kinds('fast'), []);
    assert.deepEqual(kinds('under-slow-share'), []);
    assert.deepEqual(kinds('slow'), ['slow']);
    assert.equal(evidence('slow')?.stepCap, CAP);
    assert.deepEqual(kinds('over'), ['timeout']);
    assert.equal(evidence('over')?.reason, 'step-cap');
    assert.deepEqual(idle.tasks[TASKS.findIndex((t) => t.id === 'over')].section?.failure, { status: 'timeout', reason: 'step-cap' });
    assert.deepEqual(kinds('fails'), ['canonical-fails']);
    assert.deepEqual(kinds('c-work'), ['timeout']);
    assert.equal(evidence('c-work')?.reason, 'cpu-limit');
    assert.deepEqual(kinds('plus'), ['timeout']);
    assert.equal(evidence('plus')?.count, 1);
    assert.deepEqual(idle.summary?.plusInputs, { tasks: 1, run: 4, crashed: 0, contractViolations: 0, timedOut: 1 });
    assert.match(idle.summary?.notes?.[0] ?? '', new RegExp(`${CAP} line events \\(${EXECUTION_STEPS_PER_MS} per ms`));
    // The prompt's example is answered wherever the program stays under the cap, whatever the load; past it, never.
    const examples = (id: string) => idle.tasks[TASKS.findIndex((t) => t.id === id)].section?.promptExamples;
    assert.deepEqual(examples('under-slow-share'), { checked: 1, mismatched: 0, notEvaluable: 0 });
    assert.deepEqual(examples('slow'), { checked: 1, mismatched: 0, notEvaluable: 0 });
    assert.deepEqual(examples('over'), { checked: 0, mismatched: 0, notEvaluable: 1 });
  });

  it('skips a task whose counted run the machine ended every time, without failing the check', async () => {
    // Every counted run of 'slow' ends with a lost worker; the rest of the machine works.
    const losing = (rate: () => number) => {
      const inner = fakeRun(rate);
      return async (job: SandboxJob) =>
        (job.kind === 'tests' || job.kind === 'examples') && job.candidateSteps !== undefined && job.program.candidate.includes(`steps=${0.7 * CAP}`) ? result({ status: 'error', reason: 'worker-died' }) : inner(job);
    };
    const idle = await audit(() => 150_000);
    const lost = await audit(() => 150_000, losing);
    const at = TASKS.findIndex((t) => t.id === 'slow');
    assert.deepEqual(lost.tasks[at], { section: undefined, findings: [] });
    assert.deepEqual(lost.warnings.map((w) => [w.code, w.taskId]), [['execution-task-skipped', 'slow']]);
    assert.match(lost.warnings[0].message, /ended by the machine 3 times .*re-run/);
    // Every other task is as on a working machine.
    assert.deepEqual(lost.tasks.filter((_, i) => i !== at), idle.tasks.filter((_, i) => i !== at));
  });

  it('reports no finding for a run an outside signal ended once, and the program\'s verdict for one every run ends so', async () => {
    // The first run of each tests job (untraced or counted) and of each counted plus input is killed, as by the OOM killer.
    const killedOnce = (rate: () => number) => {
      const inner = fakeRun(rate);
      const seen = new Set<string>();
      return async (job: SandboxJob) => {
        const key = JSON.stringify(job);
        if ((job.kind === 'tests' || (job.kind === 'call' && job.perInputSteps !== undefined)) && !seen.has(key)) {
          seen.add(key);
          return result({ status: 'error', reason: 'signal', signal: 'SIGKILL' });
        }
        return inner(job);
      };
    };
    const idle = await audit(() => 150_000);
    const killed = await audit(() => 150_000, killedOnce);
    assert.deepEqual(killed.tasks, idle.tasks);
    assert.deepEqual(killed.warnings, []);
    // A program killed on every run: its own doing, reported.
    const always = (rate: () => number) => {
      const inner = fakeRun(rate);
      return async (job: SandboxJob) => (job.kind === 'tests' && job.program.candidate.includes('steps=10000') ? result({ status: 'error', reason: 'signal', signal: 'SIGKILL' }) : inner(job));
    };
    const own = await audit(() => 150_000, always);
    const fast = own.tasks[TASKS.findIndex((t) => t.id === 'fast')];
    assert.equal(fast.section?.verdict, 'error');
    assert.equal(fast.section?.failure?.signal, 'SIGKILL');
  });

  it('never reports flaky from timing alone', async () => {
    // A rate that makes every other untraced run of the same program stop at its CPU limit.
    let n = 0;
    const out = await audit(() => (n++ % 2 === 0 ? 150_000 : 1_000));
    for (const t of out.tasks) assert.ok(!t.findings.some((f) => f.kind === 'flaky'), JSON.stringify(t.findings));
  });
});

describe('decideTestsRun', () => {
  const job: TestsJob = { kind: 'tests', program: { candidate: `# steps=${0.7 * CAP}` }, entryPoint: 'f', tests: { kind: 'assert-list', asserts: [] } };
  it('keeps an untraced pass only where its CPU time bounds its line events under the slow share', async () => {
    const counted: TestsJob[] = [];
    const run = async (j: SandboxJob) => (counted.push(j as TestsJob), testsRun(j as TestsJob, 100_000));
    // 0.7 x CAP line events at 100 k per ms: 1,262 ms, over slowShare x CAP / 200 k = 450 ms.
    const d = await decideTestsRun(result({ status: 'passed' }, { cpuMs: 1_262 }), job, { stepCap: CAP, slowSteps: 0.5 * CAP }, run);
    assert.deepEqual(d, { verdict: { status: 'passed' }, slow: true, decidedBy: 'counted', outputs: [] });
    assert.deepEqual(counted.map((j) => j.candidateSteps), [0.5 * CAP, CAP]);
    // An untraced pass within 450 ms of CPU cannot have run 0.5 x CAP line events: it stands, uncounted.
    counted.length = 0;
    const quick = await decideTestsRun(result({ status: 'passed' }, { cpuMs: 400 }), { ...job, program: { candidate: '# steps=10' } }, { stepCap: CAP, slowSteps: 0.5 * CAP }, run);
    assert.deepEqual(quick, { verdict: { status: 'passed' }, slow: false, decidedBy: 'untraced', outputs: [] });
    assert.equal(counted.length, 0);
  });
});

describe('plusOutcomes', () => {
  it('stops after the timeouts that count, in input order, whatever the untraced pass saw', async () => {
    const inputs = [[1], [2 * CAP], [3], [2 * CAP], [4], [2 * CAP], [5]];
    const job: CallJob = { kind: 'call', program: { candidate: '' }, entryPoint: 'f', inputs, perInputCpuMs: 225 };
    for (const rate of [150_000, 100]) {
      const p = await plusOutcomes(job, CAP, 2, async (j) => callRun(j as CallJob, () => rate));
      assert.deepEqual(p.outcomes.map((o) => o.status), ['returned', 'timeout', 'returned', 'timeout', 'not-run', 'not-run', 'not-run']);
      assert.equal(p.counted, 2);
    }
  });

  it('reports an input whose counted run the program itself ended (its memory, its output) as raised, and retries one the machine ended', async () => {
    const job: CallJob = { kind: 'call', program: { candidate: '' }, entryPoint: 'f', inputs: [[1], [2 * CAP], [3]], perInputCpuMs: 225 };
    let lost = 1;
    const run = async (j: CallJob): Promise<JobResult> => {
      if (j.perInputSteps === undefined) return callRun(j, () => 150_000);
      if (lost-- > 0) return result({ status: 'error', reason: 'worker-died' });
      return result({ status: 'error', reason: 'no-verdict', message: 'the program ended before the tests finished' });
    };
    const p = await plusOutcomes(job, CAP, 3, run);
    assert.deepEqual(p.outcomes[1], { index: 1, status: 'raised', exception: 'no-verdict', message: 'the program ended before the tests finished' });
    assert.deepEqual(p.outcomes.map((o) => o.status), ['returned', 'raised', 'returned']);
  });
});
