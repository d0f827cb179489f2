/**
 * A strengthened suite judged by a property, on HumanEval/32 (`find_zero`: HumanEval's tests accept any root, so an
 * equality assert could reject a right answer). With HumanEval+ linked, EvalPlus names the property (find-zero) and
 * the suite states it; from HumanEval alone nothing names it and the task gets no suite. Judged by programs the audit
 * never saw (test/fixtures/strengthen/find-zero-solutions.json): wrong root finders that pass HumanEval's tests, and
 * correct variants, run on the asserts as `export --strengthen` writes them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addedAsserts, DEFAULT_MAX_ADDED } from '../../../src/apply/export.js';
import { runMutationCheck } from '../../../src/checks/mutation/index.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { silentProgress } from '../../../src/model/progress.js';
import type { Task } from '../../../src/model/task.js';
import type { MutationTask, TaskRecord } from '../../../src/model/types.generated.js';
import { needData } from '../../helpers/data.js';
import { fixtureSandbox, loadFixtureSolutions } from '../../helpers/fixture-solutions.js';

const solutions = loadFixtureSolutions('find-zero-solutions.json');
const sandbox = fixtureSandbox();
const passes = sandbox.passes;

async function suiteOf(task: Task, plus: Task | undefined): Promise<MutationTask['strengthened']> {
  const out = await runMutationCheck(
    { benchmark: 'humaneval', tasks: [task], config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 2 } }, progress: silentProgress },
    { pool: sandbox.pool(), plusTaskFor: () => plus },
  );
  return out.tasks[0].section?.strengthened;
}

async function load(he: string, plusFile: string): Promise<{ task: Task; plus: Task }> {
  const task = (await loadDataFile(he, { benchmark: 'humaneval' })).find((x) => x.id === 'HumanEval/32')!;
  const plus = (await loadDataFile(plusFile, { benchmark: 'humaneval-plus' })).find((x) => x.id === 'HumanEval/32')!;
  return { task, plus };
}

describe('HumanEval/32: a suite judged by the find-zero property', () => {
  it('with HumanEval+ linked: property asserts that HumanEval+\'s reference passes, rejecting the wrong root finders but no correct one', async (t) => {
    const [he, plusFile] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
    if (!he || !plusFile) return;
    const { task, plus } = await load(he, plusFile);
    const suite = await suiteOf(task, plus);
    assert.ok(suite && suite.inputs.length > 0, 'a suite exists');
    for (const i of suite.inputs) {
      assert.equal(i.oracle, 'find-zero');
      assert.match(i.assert, /^assert abs\(poly\((\[[^\]]*\]), candidate\(\1\)\)\) <= 0\.0001$/);
      assert.ok(i.checks.passed.includes('find-zero') && i.checks.failed.length === 0);
    }
    const added = addedAsserts({ checks: { mutation: { strengthened: suite } } } as unknown as TaskRecord, DEFAULT_MAX_ADDED);
    assert.ok(added.every((a) => a.oracle === 'find-zero'), 'the manifest names the oracle');
    const asserts = added.map((a) => a.assert);
    // Every assert holds for HumanEval+'s reference; HumanEval's holds on every assert but those that kill it (its
    // bisection stops 1e-10 from a root, too far where the coefficients are large: HumanEval+ rejects it too).
    for (const a of asserts) assert.ok(await passes(task, plus.solution, [a]), `HumanEval+'s reference passes ${a}`);
    for (const a of added.filter((x) => !x.kills.includes('reference'))) assert.ok(await passes(task, task.solution, [a.assert]), `HumanEval's reference passes ${a.assert}`);
    assert.ok(added.some((a) => a.kills.includes('reference')), 'the suite kills HumanEval\'s reference');
    assert.ok(!(await passes(task, task.solution, asserts)));
    for (const s of solutions) {
      assert.ok(await passes(task, s.code), `passes HumanEval's own tests: ${s.mistake}`);
      assert.equal(await passes(task, s.code, asserts), s.kind === 'correct', `${s.kind}: ${s.mistake}`);
    }
  });

  it('from HumanEval alone nothing names the property: no suite', async (t) => {
    const [he, plusFile] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
    if (!he || !plusFile) return;
    const { task } = await load(he, plusFile);
    const suite = await suiteOf(task, undefined);
    assert.deepEqual(suite?.inputs ?? [], []);
    assert.ok((suite?.candidates.byFailedCheck['literal-oracle'] ?? 0) > 0);
  });
});
