/**
 * The execution check on the real benchmarks in ../shared/data. Properties, not a list of
 * known-bad tasks: HumanEval is all green, a planted broken solution is caught, and every task of
 * MBPP, MBPP sanitized, HumanEval+ and MBPP+ is executed with failures carrying evidence.
 * Repeats and plus inputs are reduced here to keep the suite fast; bench/sandbox.ts runs it all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createExecutionCheck } from '../../../src/checks/execution/index.js';
import { DEFAULT_EXECUTION_CONFIG } from '../../../src/model/defaults.generated.js';
import type { CheckOutput } from '../../../src/checks/types.js';
import { silentProgress } from '../../../src/model/progress.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import type { Config, ExecutionConfig } from '../../../src/model/types.generated.js';
import { createSandboxPool, type SandboxPool } from '../../../src/sandbox/pool.js';
import type { Task } from '../../../src/model/task.js';
import { needData } from '../../helpers/data.js';

let pool: SandboxPool;
before(() => {
  pool = createSandboxPool({});
});
after(async () => {
  await pool.close();
});

async function audit(tasks: Task[], execution: Partial<ExecutionConfig>): Promise<CheckOutput<'execution'>> {
  const config: Config = { checks: ['execution'], seed: 0, static: { fewTestsThreshold: 2 }, execution: { ...DEFAULT_EXECUTION_CONFIG, ...execution } };
  return createExecutionCheck({ pool }).run({ benchmark: tasks[0]?.benchmark ?? 'x', tasks, config, progress: silentProgress });
}

/**
 * Every task got a section; every non-passing task has a finding whose evidence says why, or is
 * listed as not runnable apart from its tests (values that are not plain data), with the reason.
 */
function assertFullyExecuted(tasks: Task[], out: CheckOutput<'execution'>): void {
  assert.equal(out.tasks.length, tasks.length);
  const notRunnable = new Map((out.summary!.notRunnableAsData ?? []).map((x) => [x.taskId, x]));
  out.tasks.forEach((t, i) => {
    assert.ok(t.section, `${tasks[i].id}: no section`);
    const listed = notRunnable.get(tasks[i].id);
    if (listed) {
      assert.equal(t.section.failure?.reason, listed.reason, `${tasks[i].id}: listed as not runnable for another reason`);
      assert.match(listed.message, /not plain data/);
    } else if (t.section.verdict !== 'passed') {
      const f = t.findings.find((x) => ['canonical-fails', 'setup-error', 'timeout'].includes(x.kind));
      assert.ok(f, `${tasks[i].id}: ${t.section.verdict} without a finding`);
      if (f.kind !== 'timeout') {
        assert.ok(typeof f.evidence.exception === 'string' || typeof f.evidence.reason === 'string', `${tasks[i].id}: no exception in evidence`);
        if (f.evidence.phase === 'tests') assert.ok(f.evidence.assert !== undefined || f.evidence.line !== undefined, `${tasks[i].id}: no failing assert`);
      }
    }
  });
  const s = out.summary!;
  const firstPassed = out.tasks.filter((t) => t.section?.verdict === 'passed').length;
  assert.equal(firstPassed + s.failed + s.timeout + s.error, s.tasks);
}

describe('execution check on real benchmarks', () => {
  it('HumanEval: all 164 reference solutions pass, three seeds each; a planted broken solution is caught', async (t) => {
    const [file] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
    if (!file) return;
    const tasks = await loadDataFile(file);
    assert.equal(tasks.length, 164);
    const planted = tasks.findIndex((t) => t.id === 'HumanEval/0');
    const broken: Task = { ...tasks[planted], solution: tasks[planted].solution.replace('return True', 'return False') };
    assert.notEqual(broken.solution, tasks[planted].solution);
    const withPlanted = tasks.map((t, i) => (i === planted ? broken : t));
    const out = await audit(withPlanted, { repeats: 3 });
    out.tasks.forEach((t, i) => {
      if (i === planted) return;
      assert.deepEqual(t.section?.repeats, ['passed', 'passed', 'passed'], withPlanted[i].id);
      assert.ok(!t.findings.some((f) => ['canonical-fails', 'setup-error', 'timeout', 'flaky'].includes(f.kind)), withPlanted[i].id);
    });
    const caught = out.tasks[planted];
    assert.equal(caught.section?.verdict, 'failed');
    const f = caught.findings.find((x) => x.kind === 'canonical-fails');
    assert.ok(f);
    assert.equal(f.evidence.exception, 'AssertionError');
    assert.match(String(f.evidence.text), /^assert candidate\(/);
    assert.equal(out.summary!.passed, 163);
    // Prompt examples were checked, and each mismatch carries call, expected and actual.
    assert.ok(out.summary!.promptExamples.checked > 300);
    for (const t of out.tasks) {
      for (const m of t.findings.filter((x) => x.kind === 'prompt-example-mismatch')) {
        assert.ok(m.evidence.call && m.evidence.expected && m.evidence.actual !== undefined);
        assert.notEqual(m.evidence.expected, m.evidence.actual);
      }
    }
  });

  it('MBPP (full) and MBPP sanitized: every task executed, failures reported with evidence', async (t) => {
    const files = needData(t, 'mbpp/mbpp.jsonl', 'mbpp/sanitized-mbpp.json');
    if (!files) return;
    for (const file of files) {
      const tasks = await loadDataFile(file);
      const out = await audit(tasks, { repeats: 1 });
      assertFullyExecuted(tasks, out);
      // Most references pass: a harness that fails everything would be caught here.
      assert.ok(out.summary!.passed > tasks.length * 0.95, `${file}: only ${out.summary!.passed} of ${tasks.length} passed`);
      if (file.endsWith('mbpp.jsonl')) {
        // Three tasks build objects of the program's own classes in their tests or setup code (a
        // linked list node, a tree node, a Pair): they cannot run with the tests apart from the program.
        assert.deepEqual((out.summary!.notRunnableAsData ?? []).map((x) => x.taskId).sort(), ['367', '601', '927']);
        // MBPP full ships challenge_test_list: run for every task that has one, failures counted.
        const withChallenge = tasks.filter((t) => t.tests.kind === 'assert-list' && t.tests.challengeAsserts.length > 0).length;
        assert.ok(withChallenge > 0);
        assert.equal(out.tasks.filter((t) => t.section?.challenge !== undefined).length, withChallenge);
        assert.equal(out.summary!.challengeFailed, out.tasks.filter((t) => t.section?.challenge && t.section.challenge.verdict !== 'passed').length);
      }
    }
  });

  it('HumanEval+ and MBPP+: tests executed for every task, plus inputs run through the reference', async (t) => {
    const files = needData(t, 'evalplus/HumanEvalPlus.jsonl.gz', 'evalplus/MbppPlus.jsonl.gz');
    if (!files) return;
    for (const file of files) {
      const tasks = await loadDataFile(file);
      // The first plus inputs of every task (all of them in bench/sandbox.ts and the CLI).
      const out = await audit(tasks, { repeats: 1, maxPlusInputs: 8 });
      assertFullyExecuted(tasks, out);
      assert.ok(out.summary!.passed > tasks.length * 0.95);
      const withInputs = tasks.filter((t) => (t.inputs?.plus.length ?? 0) > 0).length;
      assert.equal(out.summary!.plusInputs.tasks, withInputs);
      out.tasks.forEach((t, i) => {
        const p = t.section?.plusInputs;
        if (!p) return;
        assert.equal(p.total, Math.min(8, tasks[i].inputs!.plus.length));
        for (const f of t.findings.filter((x) => x.kind === 'plus-input-crash' || x.kind === 'contract-violation')) {
          const inputs = f.evidence.inputs as { index: number; input: string }[];
          assert.ok(inputs.length > 0 && inputs.every((x) => x.input.length > 0), `${tasks[i].id}: ${f.kind} without inputs`);
        }
      });
    }
  });
});
