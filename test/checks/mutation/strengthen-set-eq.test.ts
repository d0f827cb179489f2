/**
 * A strengthened suite judged as sets, on MBPP sanitized's task 2 (`similar_elements`: its tests compare
 * `set(f(x)) == set(...)`, so an equality assert on the reference's tuple could reject a right answer in another
 * order). With MBPP+ linked, EvalPlus names the oracle (set-eq) and the suite states it; from MBPP sanitized alone
 * nothing names it and the task gets no suite; MBPP+'s own Mbpp/2, whose tests compare `== (4, 5)`, keeps equality
 * asserts. Judged by programs the audit never saw (test/fixtures/strengthen/set-eq-solutions.json): wrong ones that
 * pass the task's tests, and correct ones returning the elements in another order or collection, run on the asserts
 * as `export --strengthen` writes them. MBPP+'s Mbpp/579 (`tuple(set(a) ^ set(b))`, compared with `==`) keeps equality
 * asserts too, none whose expected order a PYTHONHASHSEED chose.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addedAsserts, DEFAULT_MAX_ADDED } from '../../../src/apply/export.js';
import { strengthenTask } from '../../../src/apply/false-passes.js';
import { HASH_SEED_PROBES } from '../../../src/checks/mutation/suite-oracle.js';
import { testsJob } from '../../../src/sandbox/jobs.js';
import { runMutationCheck } from '../../../src/checks/mutation/index.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { silentProgress } from '../../../src/model/progress.js';
import type { Task } from '../../../src/model/task.js';
import type { MutationTask, TaskRecord } from '../../../src/model/types.generated.js';
import { needData } from '../../helpers/data.js';
import { fixtureSandbox, loadFixtureSolutions } from '../../helpers/fixture-solutions.js';

const solutions = loadFixtureSolutions('set-eq-solutions.json');
const sandbox = fixtureSandbox();
const passes = sandbox.passes;

async function suiteOf(benchmark: string, task: Task, plus: Task | undefined): Promise<MutationTask['strengthened']> {
  const out = await runMutationCheck(
    { benchmark, tasks: [task], config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 2 } }, progress: silentProgress },
    { pool: sandbox.pool(), plusTaskFor: () => plus },
  );
  return out.tasks[0].section?.strengthened;
}

async function load(sanitized: string, plusFile: string): Promise<{ task: Task; plus: Task }> {
  const task = (await loadDataFile(sanitized, { benchmark: 'mbpp-sanitized' })).find((x) => x.entryPoint === 'similar_elements')!;
  const plus = (await loadDataFile(plusFile, { benchmark: 'mbpp-plus' })).find((x) => x.id === 'Mbpp/2')!;
  return { task, plus };
}

describe('MBPP sanitized 2: a suite judged as sets', () => {
  it('with MBPP+ linked: set asserts that both references pass, rejecting the wrong programs but no correct one', async (t) => {
    const [sanitized, plusFile] = needData(t, 'mbpp/sanitized-mbpp.json', 'evalplus/MbppPlus.jsonl.gz') ?? [];
    if (!sanitized || !plusFile) return;
    const { task, plus } = await load(sanitized, plusFile);
    assert.match(task.tests.kind === 'assert-list' ? task.tests.asserts[0] : '', /^assert set\(similar_elements\(/, 'the task\'s own tests compare sets');
    const suite = await suiteOf('mbpp-sanitized', task, plus);
    assert.ok(suite && suite.inputs.length > 0, 'a suite exists');
    for (const i of suite.inputs) {
      assert.equal(i.oracle, 'set-eq');
      assert.ok(i.assert.startsWith(`assert set(${i.input}) == set(`), i.assert);
      assert.ok(i.checks.passed.includes('set-eq') && i.checks.passed.includes('sibling-agrees') && i.checks.failed.length === 0);
    }
    assert.ok(suite.wrongPrograms.killed > 0, 'it kills wrong programs');
    const added = addedAsserts({ checks: { mutation: { strengthened: suite } } } as unknown as TaskRecord, DEFAULT_MAX_ADDED);
    assert.ok(added.length > 0 && added.every((a) => a.oracle === 'set-eq'), 'the manifest names the oracle');
    const asserts = added.map((a) => a.assert);
    // MBPP+'s reference (a tuple of a set) and MBPP sanitized's pass every assert.
    assert.ok(await passes(task, plus.solution, asserts), 'MBPP+\'s reference passes');
    assert.ok(await passes(task, task.solution, asserts), 'MBPP sanitized\'s reference passes');
    assert.equal(solutions.filter((s) => s.kind === 'wrong').length, 3);
    for (const s of solutions) {
      assert.ok(await passes(task, s.code), `passes the task's own tests: ${s.mistake}`);
      assert.equal(await passes(task, s.code, asserts), s.kind === 'correct', `${s.kind}: ${s.mistake}`);
    }
  });

  it('from MBPP sanitized alone nothing names the oracle: no suite', async (t) => {
    const [sanitized, plusFile] = needData(t, 'mbpp/sanitized-mbpp.json', 'evalplus/MbppPlus.jsonl.gz') ?? [];
    if (!sanitized || !plusFile) return;
    const { task } = await load(sanitized, plusFile);
    const suite = await suiteOf('mbpp-sanitized', task, undefined);
    assert.deepEqual(suite?.inputs ?? [], []);
    assert.ok((suite?.candidates.byFailedCheck['literal-oracle'] ?? 0) > 0);
  });

  it('MBPP+\'s own Mbpp/2 compares with ==: its suite keeps equality asserts', async (t) => {
    const [sanitized, plusFile] = needData(t, 'mbpp/sanitized-mbpp.json', 'evalplus/MbppPlus.jsonl.gz') ?? [];
    if (!sanitized || !plusFile) return;
    const { plus } = await load(sanitized, plusFile);
    const suite = await suiteOf('mbpp-plus', plus, plus);
    assert.ok(suite && suite.inputs.length > 0);
    for (const i of suite.inputs) {
      assert.equal(i.oracle, undefined);
      assert.equal(i.assert, `assert ${i.input} == ${i.expected}`);
    }
  });

  it('MBPP+\'s Mbpp/579 compares with ==: no assert fixes an order one PYTHONHASHSEED gave to strings', async (t) => {
    const [plusFile] = needData(t, 'evalplus/MbppPlus.jsonl.gz') ?? [];
    if (!plusFile) return;
    const task = (await loadDataFile(plusFile, { benchmark: 'mbpp-plus' })).find((x) => x.id === 'Mbpp/579')!;
    const suite = await suiteOf('mbpp-plus', task, task);
    assert.ok(suite && suite.inputs.length > 0);
    assert.ok(suite.inputs.every((i) => i.oracle === undefined));
    // EvalPlus's string inputs give find_dissimilar string sets, whose order moves with the seed: those are left out.
    assert.ok((suite.candidates.byFailedCheck['hash-seed'] ?? 0) > 0);
    const asserts = suite.inputs.map((i) => i.assert);
    for (const hashSeed of [0, ...HASH_SEED_PROBES, 7]) {
      const r = await sandbox.pool().run({ ...testsJob(strengthenTask(task, asserts), { candidate: task.solution, timeoutMs: 50_000, hashSeed }), cpuLimitMs: 5_000 });
      assert.equal(r.verdict.status, 'passed', `the reference passes every assert under PYTHONHASHSEED=${hashSeed}`);
    }
  });
});
