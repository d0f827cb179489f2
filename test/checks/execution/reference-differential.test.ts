/**
 * Reference differential: a task's reference beside its sibling's on EvalPlus inputs, with
 * EvalPlus's oracle. Fixtures for each outcome, and HumanEval against HumanEval+ on real data
 * (tasks whose original reference is known wrong, and tasks where both agree).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createExecutionCheck } from '../../../src/checks/execution/index.js';
import { evalplusAccepts, oracleFor } from '../../../src/checks/execution/evalplus-oracle.js';
import { spawn } from 'node:child_process';
import { analyzePair, CHUNK_INPUTS, differentialCheckpoints, runDifferential, STEP_CAP, type PairRuns, type SiblingTask } from '../../../src/checks/execution/reference-differential.js';
import { memoryCheckpointStore } from '../../../src/checks/mutation/checkpoint.js';
import type { Runtime } from '../../../src/sandbox/runtime.js';
import type { JobResult, SandboxJob } from '../../../src/sandbox/types.js';
import { DEFAULT_EXECUTION_CONFIG } from '../../../src/model/defaults.generated.js';
import { silentProgress } from '../../../src/model/progress.js';
import type { Config, Finding, PromptExample } from '../../../src/model/types.generated.js';
import { createSandboxPool, type SandboxPool } from '../../../src/sandbox/pool.js';
import type { Task } from '../../../src/model/task.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { needData } from '../../helpers/data.js';

let pool: SandboxPool;
before(() => {
  pool = createSandboxPool({});
});
after(async () => {
  await pool.close();
});

function task(benchmark: string, id: string, solution: string, fields: Partial<Task> = {}): Task {
  return {
    benchmark,
    id,
    entryPoint: 'f',
    prompt: '',
    canonicalSolution: solution,
    solution,
    setupCode: '',
    imports: [],
    tests: { kind: 'assert-list', asserts: ['assert f(1) == 2'], challengeAsserts: [] },
    siblings: [],
    source: { file: 'fixture.jsonl', row: 1 },
    ...fields,
  };
}

const config = (maxPlusInputs = 0): Config => ({ checks: ['execution'], seed: 0, static: { fewTestsThreshold: 2 }, execution: { ...DEFAULT_EXECUTION_CONFIG, repeats: 1, plusInputs: false, maxPlusInputs } });

async function run(tasks: Task[], siblings: Map<string, SiblingTask[]>, curated: string[] = [], maxPlusInputs = 0) {
  const check = createExecutionCheck({ pool, siblingsOf: (t) => siblings.get(t.id) ?? [], curatedSiblings: curated });
  return check.run({ benchmark: tasks[0].benchmark, tasks, config: config(maxPlusInputs), progress: silentProgress });
}

const kinds = (fs: Finding[]) => fs.map((f) => f.kind).filter((k) => k.startsWith('reference-') || k === 'dropped-by-curated-sibling');

describe('EvalPlus oracle', () => {
  it('equality with float tolerance, special cases by entry point', () => {
    const eq = { oracle: 'equal' as const, atol: 0, args: [] };
    assert.equal(evalplusAccepts(3, 3, eq), true);
    assert.equal(evalplusAccepts(4, 54, eq), false);
    assert.equal(evalplusAccepts(0.1 + 0.2, 0.3, eq), true, 'floats within the default 1e-6');
    assert.equal(evalplusAccepts(0.30001, 0.3, eq), false);
    assert.equal(evalplusAccepts([1, 0], [true, false], eq), true, 'True == 1 in Python');
    assert.equal(evalplusAccepts({ int: '2508901829052206380220416' }, 2.5089018290522064e24, eq), true, 'a big int against a float: allclose');
    assert.equal(evalplusAccepts({ int: '2508901829052206380220416' }, { int: '2508901829052206380220417' }, eq), false, 'two big ints: exact');
    assert.equal(evalplusAccepts([3, 1], [1, 3], { ...eq, oracle: oracleFor('Mbpp/2', 'similar_elements') }), true, 'set-valued task');
    assert.equal(evalplusAccepts([3, 1], [1, 3], eq), false);
    assert.equal(evalplusAccepts([3, 2], [1, 3], { ...eq, oracle: 'set-eq' }), false);
    // HumanEval/32: any root is right; 1 is a root of -1 + x, 2 is not.
    const fz = { oracle: oracleFor('HumanEval/32', 'find_zero'), atol: 1e-6, args: [[-1, 1]] };
    assert.equal(fz.oracle, 'find-zero');
    assert.equal(evalplusAccepts(1.0000000001, 0.99999, fz), true);
    assert.equal(evalplusAccepts(2, 1, fz), false);
    assert.equal(evalplusAccepts(2, 3, fz), true, 'neither is a root: the oracle decides nothing');
    assert.equal(evalplusAccepts(0, 5, { ...eq, oracle: oracleFor('Mbpp/295', 'sum_div') }), true);
    assert.equal(evalplusAccepts(false, true, { ...eq, oracle: oracleFor('Mbpp/164', 'are_equivalent') }), true);
  });
});

describe('reference differential on fixtures', () => {
  const PLUS_INPUTS = { base: [[1], [2]], plus: [[-3], [0], [1000]], atol: 0, contract: '    assert x != 1000, "invalid"\n' };
  const plusRef = (benchmark: string, id: string, solution: string) => task(benchmark, id, solution, { inputs: PLUS_INPUTS });

  it('flags a wrong reference with inputs, both outputs and which side the tests support; skips contract-violating inputs', async () => {
    // The original takes abs(): wrong on -3 only. The tests (f(-3) == -6 in the curated side's tests) side with the sibling.
    const original = task('orig', 'T/1', 'def f(x):\n    return 2 * abs(x)\n');
    const curated = plusRef('curated', 'T/1', 'def f(x):\n    return 2 * x\n');
    curated.tests = { kind: 'assert-list', asserts: ['assert f(-3) == -6'], challengeAsserts: [] };
    const out = await run([original], new Map([['T/1', [{ benchmark: 'curated', task: curated }]]]));
    const f = out.tasks[0].findings.find((x) => x.kind === 'reference-disagrees-with-sibling');
    assert.ok(f, JSON.stringify(out.tasks[0].findings));
    assert.equal(f.severity, 'error');
    const ev = f.evidence as { count: number; compared: number; inputs: { input: string; output: string; siblingOutput: string }[]; supportedBy: { tests: string } };
    assert.equal(ev.count, 1);
    assert.equal(ev.compared, 4, 'five inputs, one breaks the contract');
    assert.deepEqual(ev.inputs[0], { index: 2, input: '[-3]', output: '6', siblingOutput: '-6' });
    assert.equal(ev.supportedBy.tests, 'sibling');
    const section = out.tasks[0].section?.siblingDifferential?.[0];
    assert.deepEqual(section, { benchmark: 'curated', taskId: 'T/1', inputs: 5, contractViolations: 1, compared: 4, disagreements: 1, tooSlow: 0, siblingTooSlow: 0, notCompared: 0 });
  });

  it('agreeing references give no finding; the curated side of a disagreement is info unless evidence sides with the other', async () => {
    const same = task('orig', 'T/2', 'def f(x):\n    return x + x\n');
    const curated = plusRef('curated', 'T/2', 'def f(x):\n    return 2 * x\n');
    const out = await run([same], new Map([['T/2', [{ benchmark: 'curated', task: curated }]]]));
    assert.deepEqual(kinds(out.tasks[0].findings), []);
    assert.equal(out.tasks[0].section?.siblingDifferential?.[0].compared, 4);

    const wrongOriginal = task('orig', 'T/3', 'def f(x):\n    return 2 * abs(x)\n');
    const curatedSide = plusRef('curated', 'T/3', 'def f(x):\n    return 2 * x\n');
    const fromCurated = await run([curatedSide], new Map([['T/3', [{ benchmark: 'orig', task: wrongOriginal }]]]));
    const f = fromCurated.tasks[0].findings.find((x) => x.kind === 'reference-disagrees-with-sibling');
    assert.equal(f?.severity, 'info');
  });

  it('too slow: this side runs past the step cap where the sibling answers at once (a work count, not time)', async () => {
    const slow = task('orig', 'T/4', 'def f(x):\n    if x == 0:\n        while True:\n            pass\n    return 2 * x\n');
    const curated = plusRef('curated', 'T/4', 'def f(x):\n    return 2 * x\n');
    const out = await run([slow], new Map([['T/4', [{ benchmark: 'curated', task: curated }]]]));
    assert.deepEqual(kinds(out.tasks[0].findings), ['reference-too-slow']);
    assert.equal(out.tasks[0].section?.siblingDifferential?.[0].tooSlow, 1);
    const f = out.tasks[0].findings.find((x) => x.kind === 'reference-too-slow')!;
    assert.deepEqual(f.evidence.checks, ['contract', 'step-count']);
    assert.equal(f.evidence.stepCap, STEP_CAP);
  });

  it('too slow is decided identically on an idle and a loaded machine (two busy loops beside it)', async () => {
    // Work grows with x: inputs on both sides of the step cap, some near it, where a CPU-time limit would flip.
    const perStep = 'def f(x):\n    s = 0\n    for i in range(x):\n        s += i\n    return s\n';
    const near = [STEP_CAP / 2 - 3, STEP_CAP / 2 + 3, 1_000, 0].map((x) => [x]);
    const inputs = { base: [] as unknown[][], plus: near, atol: 0, contract: '' };
    const slow = task('orig', 'T/6', perStep);
    const curated = task('curated', 'T/6', 'def f(x):\n    return x * (x - 1) // 2 if x > 0 else 0\n', { inputs });
    const siblings = new Map([['T/6', [{ benchmark: 'curated', task: curated }]]]);
    const strip = (o: Awaited<ReturnType<typeof run>>) => JSON.stringify(o.tasks.map((x) => ({ findings: x.findings, section: x.section?.siblingDifferential })));
    const idle = await run([slow], siblings);
    const busy = Array.from({ length: 2 }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
    let loaded: Awaited<ReturnType<typeof run>>;
    try {
      loaded = await run([slow], siblings);
    } finally {
      for (const b of busy) b.kill('SIGKILL');
    }
    assert.equal(strip(loaded), strip(idle));
    // The loop runs 2 line events per iteration: x above STEP_CAP / 2 is past the cap, below it is not.
    assert.equal(idle.tasks[0].section?.siblingDifferential?.[0].tooSlow, 1);
    assert.equal(idle.tasks[0].section?.siblingDifferential?.[0].compared, 3);
  });

  it('an input whose work the step counter cannot see (the CPU backstop ended it) is undecided: neither slow nor compared', () => {
    const original = task('orig', 'T/7', 'def f(x):\n    return x\n');
    const curated = plusRef('curated', 'T/7', 'def f(x):\n    return x\n');
    const returned = (index: number, steps: number) => ({ index, status: 'returned' as const, value: index, repr: String(index), ms: 1, steps });
    const runs: PairRuns = {
      pair: { task: original, sibling: { benchmark: 'curated', task: curated }, plusSide: 'sibling' },
      inputs: [[0], [1], [2]],
      plus: new Map([0, 1, 2].map((i) => [i, { index: i, status: 'returned' as const, value: i, repr: String(i), ms: 1, cpuMs: 900 }])),
      other: new Map([0, 1, 2].map((i) => [i, { index: i, status: 'timeout' as const }])),
      countedPlus: new Map([[0, returned(0, 10)], [1, returned(1, 10)], [2, returned(2, STEP_CAP)]]),
      countedOther: new Map([
        [0, { index: 0, status: 'timeout' as const, reason: 'cpu' as const, steps: 5 }],
        [1, { index: 1, status: 'timeout' as const, reason: 'step-cap' as const, steps: STEP_CAP + 1 }],
        [2, { index: 2, status: 'timeout' as const, reason: 'step-cap' as const, steps: STEP_CAP + 1 }],
      ]),
      support: {},
    };
    const { section, findings } = analyzePair(runs);
    // 0: backstop, undecided; 1: past the cap while the sibling needs 10 steps, too slow; 2: the sibling is heavy itself, neither.
    assert.equal(section.undecided, 1);
    assert.equal(section.tooSlow, 1);
    assert.equal(section.compared, 0);
    assert.equal(section.notCompared, 1);
    const f = findings.find((x) => x.kind === 'reference-too-slow')!;
    assert.equal(f.evidence.undecided, 1);
    assert.match(f.message, /1 inputs undecided/);
  });

  it('a reference that raises where the EvalPlus reference answers disagrees with it; a raise on the EvalPlus side is not compared', async () => {
    const crashes = task('orig', 'T/8', 'def f(x):\n    if x < 0:\n        raise ValueError("math domain error")\n    return 2 * x\n');
    const curated = plusRef('curated', 'T/8', 'def f(x):\n    return 2 * x\n');
    const out = await run([crashes], new Map([['T/8', [{ benchmark: 'curated', task: curated }]]]));
    const f = out.tasks[0].findings.find((x) => x.kind === 'reference-disagrees-with-sibling');
    assert.equal(f?.severity, 'error');
    assert.deepEqual((f?.evidence.inputs as { output: string }[]).map((i) => i.output), ['raises ValueError']);
    const curatedCrashes = plusRef('curated', 'T/9', 'def f(x):\n    if x < 0:\n        raise ValueError("no")\n    return 2 * x\n');
    const fine = task('orig', 'T/9', 'def f(x):\n    return 2 * x\n');
    const quiet = await run([fine], new Map([['T/9', [{ benchmark: 'curated', task: curatedCrashes }]]]));
    assert.deepEqual(kinds(quiet.tasks[0].findings), []);
    assert.equal(quiet.tasks[0].section?.siblingDifferential?.[0].notCompared, 1);
  });

  it('runs every input across chunks, in input order', async () => {
    const many = { base: [] as unknown[][], plus: Array.from({ length: 2 * CHUNK_INPUTS + 50 }, (_, i) => [i]), atol: 0, contract: '' };
    const original = task('orig', 'T/5', `def f(x):\n    return 0 if x == ${2 * CHUNK_INPUTS + 20} else 2 * x\n`);
    const curated = task('curated', 'T/5', 'def f(x):\n    return 2 * x\n', { inputs: many });
    const out = await run([original], new Map([['T/5', [{ benchmark: 'curated', task: curated }]]]));
    const section = out.tasks[0].section?.siblingDifferential?.[0];
    assert.equal(section?.compared, many.plus.length);
    const f = out.tasks[0].findings.find((x) => x.kind === 'reference-disagrees-with-sibling');
    assert.deepEqual((f?.evidence.inputs as { index: number }[]).map((i) => i.index), [2 * CHUNK_INPUTS + 20]);
  });

  it('gives the same records with one input per job as in chunks; a job two pairs share runs once; a finished task resumes from its checkpoint', async () => {
    // One input of each outcome: agreement, a wrong answer, a crash, a contract violation, and one past the step cap.
    const inputs = { base: [[1], [2]], plus: [[-3], [0], [1000], [7]], atol: 0, contract: '    assert x != 1000, "invalid"\n' };
    const curated = task('curated', 'T/10', 'def f(x):\n    return 2 * x\n', { inputs });
    const original = task('orig', 'T/10', 'def f(x):\n    if x == 0:\n        raise ValueError(x)\n    if x == 7:\n        while True:\n            pass\n    return 2 * abs(x)\n');
    // The pairs from the curated side: two sibling benchmarks with the same (quick) program, one with \r\n line ends (as MBPP's full release).
    const quick = task('orig', 'T/10', 'def f(x):\n    return 2 * abs(x)\n');
    const twin = { ...quick, benchmark: 'orig-twin', solution: quick.solution.replaceAll('\n', '\r\n') };
    const siblingsOf = (t: Task): SiblingTask[] => (t === curated ? [{ benchmark: 'orig', task: quick }, { benchmark: 'orig-twin', task: twin }] : [{ benchmark: 'curated', task: curated }]);
    let jobs = 0;
    const counting = { size: pool.size, run: (job: Parameters<Runtime['run']>[0]) => ((jobs += 1), pool.run(job)) } as unknown as Runtime;
    const limits = { maxPlusInputs: 0 };
    const examples = () => [];
    const chunkedRun = await runDifferential(counting, [original], siblingsOf, limits, examples);
    const chunked = chunkedRun.tasks;
    assert.equal(chunkedRun.stats.stepCapped, 1, 'the runaway input, counted on its side only');
    const single = (await runDifferential(counting, [original], siblingsOf, limits, examples, { chunkInputs: 1 })).tasks;
    assert.deepEqual(single, chunked);
    const section = chunked[0].sections[0];
    assert.deepEqual([section.compared, section.disagreements, section.contractViolations, section.tooSlow], [4, 2, 1, 1]);
    assert.deepEqual(chunked[0].findings.map((f) => f.kind), ['reference-disagrees-with-sibling', 'reference-too-slow']);

    // The curated side against two siblings with the same program: the second pair's jobs are the first's.
    jobs = 0;
    const one = (await runDifferential(counting, [curated], (t) => siblingsOf(t).slice(0, 1), limits, examples)).tasks;
    const alone = jobs;
    jobs = 0;
    const store = memoryCheckpointStore();
    const checkpoints = differentialCheckpoints(store, limits, 'test');
    const bothRun = await runDifferential(counting, [curated], siblingsOf, limits, examples, { checkpoints });
    const both = bothRun.tasks;
    assert.equal(bothRun.stats.sharedJobs, alone);
    assert.equal(jobs, alone, 'no job run twice');
    assert.deepEqual(both[0].sections.map((x) => ({ ...x, benchmark: 'orig' })), [one[0].sections[0], one[0].sections[0]]);

    // Resumed: nothing runs, the same records come back; another sibling program is not taken from the checkpoint.
    jobs = 0;
    const resumed = await runDifferential(counting, [curated], siblingsOf, limits, examples, { checkpoints });
    assert.deepEqual(resumed.tasks, both);
    assert.equal(resumed.stats.tasksFromCheckpoint, 1);
    assert.equal(jobs, 0);
    assert.equal(checkpoints.load(curated, [{ task: curated, sibling: { benchmark: 'orig', task: { ...quick, solution: 'def f(x):\n    return x\n' } }, plusSide: 'task' }]), undefined);
  });

  it('a job the machine or a signal ended is run again: a one-off end changes no count; one that ends every run leaves the task out', async () => {
    const inputs = { base: [[1], [2]], plus: [[3], [4], [5], [6]], atol: 0, contract: '' };
    const curated = task('curated', 'T/11', 'def f(x):\n    return 2 * x\n', { inputs });
    const original = task('orig', 'T/11', 'def f(x):\n    return 2 * abs(x) if x != 5 else 0\n', { tests: { kind: 'assert-list', asserts: ['assert f(1) == 2'], challengeAsserts: [] } });
    const siblingsOf = (): SiblingTask[] => [{ benchmark: 'curated', task: curated }];
    const limits = { maxPlusInputs: 0 };
    const examples = (): PromptExample[] => [{ call: 'f(5)', expected: '10', line: 1, source: '>>> f(5)', style: 'doctest' }];
    const clean = await runDifferential(pool, [original], siblingsOf, limits, examples);
    assert.deepEqual([clean.tasks[0].sections[0].compared, clean.tasks[0].sections[0].notCompared], [6, 0]);
    // The prompt's example sides with the sibling: a support job that went missing would turn this into not-decided.
    assert.deepEqual(clean.tasks[0].findings.map((f) => [f.severity, (f.evidence.supportedBy as { promptExamples: string }).promptExamples]), [['error', 'sibling']]);
    /** A runtime that ends the given jobs as the machine would: on the input at `at` (outputs before it kept). */
    const ending = (ends: (job: SandboxJob, n: number) => JobResult['verdict'] | undefined) => {
      let n = 0;
      return {
        size: pool.size,
        run: async (job: SandboxJob) => {
          const result = await pool.run(job);
          const verdict = ends(job, n++);
          if (verdict === undefined) return result;
          const at = job.kind === 'call' ? job.inputs.findIndex((x) => JSON.stringify(x) === '[5]') : -1;
          return { ...result, verdict, outputs: at >= 0 ? result.outputs.slice(0, at) : [] };
        },
      } as unknown as Runtime;
    };
    const hasFive = (job: SandboxJob) => job.kind === 'call' && job.inputs.some((x) => JSON.stringify(x) === '[5]');
    // Each job that holds input [5] (and each support job) is ended once: by a lost worker, a signal, the wall clock.
    const seen = new Set<string>();
    const once = (verdict: JobResult['verdict']) => (job: SandboxJob) => {
      const key = JSON.stringify(job);
      if ((!hasFive(job) && job.kind === 'call') || seen.has(key)) return undefined;
      seen.add(key);
      return verdict;
    };
    for (const verdict of [
      { status: 'error', reason: 'worker-died', message: 'lost' },
      { status: 'error', reason: 'signal', message: 'killed', signal: 'SIGKILL' },
      { status: 'timeout' },
    ] as JobResult['verdict'][]) {
      seen.clear();
      const run = await runDifferential(ending(once(verdict)), [original], siblingsOf, limits, examples);
      assert.deepEqual(run.tasks, clean.tasks, JSON.stringify(verdict));
      assert.deepEqual(run.machineDecided, [undefined]);
    }
    // A signal on every run of [5] is the program's: that input alone goes uncompared.
    const always = await runDifferential(ending((job) => (hasFive(job) ? ({ status: 'error', reason: 'signal', message: 'killed', signal: 'SIGSEGV' } as JobResult['verdict']) : undefined)), [original], siblingsOf, limits, examples);
    assert.deepEqual([always.tasks[0].sections[0].compared, always.tasks[0].sections[0].notCompared, always.tasks[0].sections[0].disagreements], [5, 1, 0]);
    // A lost worker on every run: no section, no finding, nothing checkpointed, and the reason for the caller's warning.
    const store = memoryCheckpointStore();
    const checkpoints = differentialCheckpoints(store, limits, 'test');
    const lost = await runDifferential(ending((job) => (hasFive(job) ? ({ status: 'error', reason: 'worker-died', message: 'lost' } as JobResult['verdict']) : undefined)), [original], siblingsOf, limits, examples, { checkpoints });
    assert.deepEqual(lost.tasks[0], { sections: [], findings: [] });
    assert.match(lost.machineDecided[0] ?? '', /ended by the machine 3 times \(worker-died\)/);
    assert.equal(checkpoints.load(original, [{ task: original, sibling: { benchmark: 'curated', task: curated }, plusSide: 'sibling' }]), undefined);
  });

  it('a task missing from a curated release drawn from this benchmark is reported as dropped', async () => {
    const kept = task('mbpp-sanitized', '2', 'def f(x):\n    return 2 * x\n', { siblings: [{ benchmark: 'mbpp-plus', taskId: 'Mbpp/2' }] });
    const dropped = task('mbpp-sanitized', '3', 'def f(x):\n    return 2 * x\n');
    const out = await run([kept, dropped], new Map(), ['mbpp-plus']);
    assert.deepEqual(kinds(out.tasks[0].findings), []);
    assert.deepEqual(kinds(out.tasks[1].findings), ['dropped-by-curated-sibling']);
    assert.equal(out.tasks[1].findings.find((x) => x.kind === 'dropped-by-curated-sibling')?.evidence.release, 'mbpp-plus');
  });
});

describe('reference differential on HumanEval vs HumanEval+', () => {
  it('flags the originals known wrong (multiply, is_nested, change_base) and not the ones that agree', async (t) => {
    const [he, hep] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
    if (!he || !hep) return;
    const wanted = ['HumanEval/0', 'HumanEval/2', 'HumanEval/44', 'HumanEval/97', 'HumanEval/132'];
    const originals = (await loadDataFile(he)).filter((x) => wanted.includes(x.id));
    const plus = new Map((await loadDataFile(hep)).map((x) => [x.id, x]));
    const siblings = new Map(originals.map((o) => [o.id, [{ benchmark: 'humaneval-plus', task: plus.get(o.id)! }]]));
    const out = await run(originals, siblings, [], 200);
    const by = new Map(originals.map((o, i) => [o.id, out.tasks[i]]));
    for (const id of ['HumanEval/44', 'HumanEval/97', 'HumanEval/132']) {
      const f = by.get(id)!.findings.find((x) => x.kind === 'reference-disagrees-with-sibling');
      assert.ok(f, `${id} not flagged: ${JSON.stringify(by.get(id)!.section?.siblingDifferential)}`);
      assert.equal(f.severity, 'error');
    }
    const multiply = by.get('HumanEval/97')!.findings.find((x) => x.kind === 'reference-disagrees-with-sibling')!;
    assert.ok(
      (multiply.evidence.inputs as { input: string; output: string; siblingOutput: string }[]).some((i) => i.output !== i.siblingOutput),
    );
    for (const id of ['HumanEval/0', 'HumanEval/2']) assert.deepEqual(kinds(by.get(id)!.findings), [], id);
  });
});
