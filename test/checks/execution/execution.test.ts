/** The execution check on small fixture tasks, one per finding kind. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createExecutionCheck } from '../../../src/checks/execution/index.js';
import { DEFAULT_EXECUTION_CONFIG } from '../../../src/model/defaults.generated.js';
import type { CheckOutput } from '../../../src/checks/types.js';
import { silentProgress } from '../../../src/model/progress.js';
import type { Config, PromptExample } from '../../../src/model/types.generated.js';
import { createSandboxPool, type SandboxPool } from '../../../src/sandbox/pool.js';
import type { Task } from '../../../src/model/task.js';

function task(id: string, fields: Partial<Task> & { solution: string }): Task {
  return {
    benchmark: 'fixture',
    id,
    entryPoint: 'f',
    prompt: '',
    canonicalSolution: fields.solution,
    setupCode: '',
    imports: [],
    tests: { kind: 'assert-list', asserts: ['assert f(1) == 2'], challengeAsserts: [] },
    siblings: [],
    source: { file: 'fixture.jsonl', row: 1 },
    ...fields,
  };
}

const DOUBLE = 'def f(x):\n    return 2 * x\n';
/** 2n + 4 Python line events per call (sandbox/python/steps.py, CPython 3.11). */
const LOOP = 'def f(n):\n    i = 0\n    while i < n:\n        i += 1\n    return i\n';
/** The step cap of these runs: a tiny one, so that counting to it takes a fraction of a second. */
const STEP_CAP = 2_000_000;
const loopTests = (n: number): Task['tests'] => ({ kind: 'assert-list', asserts: [`assert f(${n}) == ${n}`], challengeAsserts: [] });
const TASKS: Task[] = [
  task('ok', { solution: DOUBLE, prompt: 'def f(x):\n    """\n    >>> f(2)\n    4\n    >>> f(3)\n    7\n    """\n' }),
  task('broken', { solution: 'def f(x):\n    return x + 2\n', tests: { kind: 'assert-list', asserts: ['assert f(0) == 0', 'assert f(1) == 2', 'assert f(5) == 10'], challengeAsserts: [] } }),
  task('setup', { solution: DOUBLE, setupCode: 'import no_such_module_for_setup' }),
  task('imports', { solution: DOUBLE, imports: ['from nowhere_at_all import thing'] }),
  // The first element of a set of strings depends on PYTHONHASHSEED (0 -> 'd', 1 -> 'd', 2 -> 'c' on CPython 3.11).
  task('flaky', { solution: 'def f(x):\n    return list({"a", "b", "c", "d"})[0]\n', tests: { kind: 'assert-list', asserts: ['assert f(0) == "d"'], challengeAsserts: [] } }),
  task('hangs', { solution: 'def f(x):\n    while True:\n        pass\n' }),
  task('challenge', { solution: DOUBLE, tests: { kind: 'assert-list', asserts: ['assert f(1) == 2'], challengeAsserts: ['assert f(2) == 5'] } }),
  task('plus', {
    solution: 'def f(x):\n    return 10 // x\n',
    tests: { kind: 'assert-list', asserts: ['assert f(5) == 2'], challengeAsserts: [] },
    inputs: { base: [[5]], plus: [[1], [0], [2], [-3], [4]], atol: 0, contract: '    assert x >= 0, "invalid inputs" # $_CONTRACT_$\n' },
  }),
  // 0.2, 0.7 and 1.1 times the step cap: a pass, a slow pass (over slowFraction 0.5), a timeout, on any machine.
  task('loop-quick', { solution: LOOP, tests: loopTests(200_000) }),
  task('loop-slow', { solution: LOOP, tests: loopTests(700_000) }),
  task('loop-over', { solution: LOOP, tests: loopTests(1_100_000) }),
  task('plus-loop', { solution: LOOP, tests: loopTests(3), inputs: { base: [[3]], plus: [[10], [1_100_000], [20]], atol: 0, contract: '' } }),
  // Returns an object of its own class: its tests cannot run apart from it (no verdict on the reference).
  task('objects', { solution: 'class Box:\n    def __init__(self, v):\n        self.v = v\n    def __eq__(self, o):\n        return True\ndef f(x):\n    return Box(2 * x)\n' }),
];

const EXAMPLES: Record<string, PromptExample[]> = {
  ok: [
    { call: 'f(2)', expected: '4', line: 3, style: 'doctest', source: '>>> f(2)\n4' },
    { call: 'f(3)', expected: '7', line: 5, style: 'doctest', source: '>>> f(3)\n7' },
  ],
  // Past the untraced CPU limit (STEP_CAP / 200 k per ms = 10 ms) on any machine: decided by counting.
  'loop-quick': [{ call: 'f(700_000)', expected: '700000', line: 1, style: 'doctest', source: '>>> f(700_000)\n700000' }],
  'loop-slow': [{ call: 'f(1_100_000)', expected: '1100000', line: 1, style: 'doctest', source: '>>> f(1_100_000)\n1100000' }],
};

const config: Config = {
  checks: ['execution'],
  seed: 0,
  static: { fewTestsThreshold: 2 },
  execution: { ...DEFAULT_EXECUTION_CONFIG, timeLimitMs: 700, repeats: 3 },
};

let pool: SandboxPool;
let out: CheckOutput<'execution'>;
const byId = (id: string) => out.tasks[TASKS.findIndex((t) => t.id === id)];
const kinds = (id: string) => byId(id).findings.map((f) => f.kind).sort();

before(async () => {
  pool = createSandboxPool({ workers: 2, timeoutMs: 700 });
  const check = createExecutionCheck({ pool, promptExamples: (t) => EXAMPLES[t.id] ?? [], stepCap: STEP_CAP });
  out = await check.run({ benchmark: 'fixture', tasks: TASKS, config, progress: silentProgress });
});
after(async () => {
  await pool.close();
});

describe('execution check', () => {
  it('passes a correct reference and checks its prompt examples', () => {
    assert.equal(byId('ok').section?.verdict, 'passed');
    assert.deepEqual(byId('ok').section?.repeats, ['passed', 'passed', 'passed']);
    assert.deepEqual(kinds('ok'), ['prompt-example-mismatch']);
    const f = byId('ok').findings[0];
    assert.deepEqual(
      { call: f.evidence.call, expected: f.evidence.expected, actual: f.evidence.actual, line: f.evidence.line },
      { call: 'f(3)', expected: '7', actual: '6', line: 5 },
    );
    assert.deepEqual(byId('ok').section?.promptExamples, { checked: 2, mismatched: 1, notEvaluable: 0 });
  });

  it('reports a failing reference with the failing assert and exception', () => {
    assert.deepEqual(kinds('broken'), ['canonical-fails']);
    const f = byId('broken').findings[0];
    assert.equal(f.severity, 'error');
    assert.equal(f.evidence.assertIndex, 0);
    assert.equal(f.evidence.assert, 'assert f(0) == 0');
    assert.equal(f.evidence.exception, 'AssertionError');
  });

  it('reports setup and import failures as setup-error', () => {
    assert.deepEqual(kinds('setup'), ['setup-error']);
    assert.equal(byId('setup').findings[0].evidence.phase, 'setup');
    assert.deepEqual(kinds('imports'), ['setup-error']);
    assert.equal(byId('imports').findings[0].evidence.phase, 'imports');
  });

  it('reports a verdict that changes with PYTHONHASHSEED as flaky', () => {
    assert.ok(kinds('flaky').includes('flaky'), JSON.stringify(byId('flaky')));
    assert.equal(new Set(byId('flaky').section?.repeats).size, 2);
  });

  it('reports a reference that never finishes as timeout', () => {
    assert.deepEqual(kinds('hangs'), ['timeout']);
    assert.equal(byId('hangs').section?.verdict, 'timeout');
    assert.equal(byId('hangs').section?.failure?.reason, 'step-cap');
  });

  it('decides timeout and slow by counted line events against the step cap', () => {
    assert.deepEqual(kinds('loop-quick'), []);
    assert.deepEqual(byId('loop-quick').section?.repeats, ['passed', 'passed', 'passed']);
    assert.deepEqual(kinds('loop-slow'), ['slow']);
    assert.equal(byId('loop-slow').findings[0].evidence.stepCap, STEP_CAP);
    assert.deepEqual(kinds('loop-over'), ['timeout']);
    assert.deepEqual(byId('loop-over').section?.failure, { status: 'timeout', reason: 'step-cap' });
    assert.equal(byId('loop-over').findings[0].evidence.reason, 'step-cap');
    assert.deepEqual(kinds('plus-loop'), ['timeout']);
    assert.deepEqual(byId('plus-loop').section?.plusInputs, { total: 3, run: 3, crashed: 0, contractViolations: 0, timedOut: 1 });
    assert.deepEqual((byId('plus-loop').findings[0].evidence.inputs as { index: number }[]).map((x) => x.index), [1]);
  });

  it('decides whether the prompt examples could be evaluated by counted line events', () => {
    // 1.4 M line events, under the cap: the counted run's answer is checked.
    assert.deepEqual(byId('loop-quick').section?.promptExamples, { checked: 1, mismatched: 0, notEvaluable: 0 });
    // 2.2 M, past it: a step-cap timeout, so not evaluable (never a mismatch), on any machine.
    assert.deepEqual(byId('loop-slow').section?.promptExamples, { checked: 0, mismatched: 0, notEvaluable: 1 });
    assert.ok((out.runInfo?.counted as { runs: number }).runs >= 2);
  });

  it('runs challenge asserts separately', () => {
    assert.equal(byId('challenge').section?.verdict, 'passed');
    assert.equal(byId('challenge').section?.challenge?.verdict, 'failed');
    assert.deepEqual(kinds('challenge'), ['canonical-fails']);
    assert.equal(byId('challenge').findings[0].evidence.suite, 'challenge');
  });

  it('runs plus inputs: crashes and contract violations with the inputs as evidence', () => {
    const p = byId('plus');
    assert.deepEqual(p.section?.plusInputs, { total: 5, run: 5, crashed: 1, contractViolations: 1, timedOut: 0 });
    assert.deepEqual(kinds('plus'), ['contract-violation', 'plus-input-crash']);
    const crash = p.findings.find((f) => f.kind === 'plus-input-crash')!;
    assert.deepEqual(crash.evidence.inputs, [{ index: 1, input: '[0]', exception: 'ZeroDivisionError', message: 'integer division or modulo by zero' }]);
    const violation = p.findings.find((f) => f.kind === 'contract-violation')!;
    assert.equal((violation.evidence.inputs as { index: number }[])[0].index, 3);
  });

  it('lists a task whose values cannot cross as data, without calling its reference failing', () => {
    assert.equal(byId('objects').section?.verdict, 'error');
    assert.equal(byId('objects').section?.failure?.reason, 'non-data-result');
    assert.deepEqual(kinds('objects'), []);
    assert.deepEqual(
      out.summary!.notRunnableAsData?.map((x) => [x.taskId, x.reason]),
      [['objects', 'non-data-result']],
    );
    assert.match(out.summary!.notRunnableAsData![0].message, /not plain data \(Box\)/);
  });

  it('summarizes and records the isolation in the run block', () => {
    const s = out.summary!;
    assert.equal(s.tasks, TASKS.length);
    assert.equal(s.setupErrors, 2);
    assert.equal(s.flaky, 1);
    assert.equal(s.timeout, 2);
    assert.equal(s.slow, 1);
    assert.equal(s.challengeFailed, 1);
    assert.deepEqual(s.promptExamples, { checked: 3, mismatched: 1, tasksWithMismatch: 1 });
    assert.deepEqual(s.plusInputs, { tasks: 2, run: 8, crashed: 1, contractViolations: 1, timedOut: 1 });
    const isolation = out.runInfo?.isolation as { mode: string };
    assert.ok(['bwrap', 'unshare', 'none'].includes(isolation.mode));
  });
});
