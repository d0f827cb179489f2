/**
 * The strengthened suite on real HumanEval tasks, judged by programs the audit never saw: hand-written plausible
 * wrong solutions (test/fixtures/strengthen/humaneval-solutions.json: a missed edge case, an off-by-one, wrong tie
 * handling, an ignored constraint) that all pass HumanEval's own tests, and two correct variants per task written
 * with another algorithm. With the HumanEval+ sibling linked, the suite (as `export --strengthen` writes it) must
 * pass every correct one and HumanEval+'s own reference, and reject every wrong one. A solution wrong only on inputs
 * the task's contract excludes must pass too: rejecting it would take an assert on such an input.
 * (bench/strengthen-fixtures.ts measures the same fixtures from HumanEval alone, without the sibling.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addedAsserts, DEFAULT_MAX_ADDED } from '../../../src/apply/export.js';
import { runMutationCheck } from '../../../src/checks/mutation/index.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { silentProgress } from '../../../src/model/progress.js';
import type { Task } from '../../../src/model/task.js';
import type { TaskRecord } from '../../../src/model/types.generated.js';
import { needData } from '../../helpers/data.js';
import { fixtureSandbox, loadFixtureSolutions, type FixtureSolution } from '../../helpers/fixture-solutions.js';

const solutions = loadFixtureSolutions('humaneval-solutions.json');
const number = (id: string) => /(\d+)$/.exec(id)![1];
const sandbox = fixtureSandbox();
const passes = sandbox.passes;

interface Verdicts {
  /** Per fixture: passes HumanEval's own tests, passes the strengthened ones. */
  rows: { task: string; kind: FixtureSolution['kind']; mistake: string; original: boolean; strengthened: boolean }[];
  plusRejected: string[];
}

let verdicts: Promise<Verdicts | undefined> | undefined;

/** Audit the fixtures' tasks once (HumanEval+ linked) and run every fixture on both suites. */
function judge(he: string, plusFile: string): Promise<Verdicts | undefined> {
  verdicts ??= (async () => {
    const ids = [...new Set(solutions.map((s) => s.task))];
    const plusById = new Map((await loadDataFile(plusFile, { benchmark: 'humaneval-plus' })).map((x) => [number(x.id), x]));
    const tasks = (await loadDataFile(he, { benchmark: 'humaneval' })).filter((x) => ids.includes(x.id));
    assert.equal(tasks.length, ids.length);
    const out = await runMutationCheck(
      { benchmark: 'humaneval', tasks, config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 2 } }, progress: silentProgress },
      { pool: sandbox.pool(), plusTaskFor: (x) => plusById.get(number(x.id)) },
    );
    const result: Verdicts = { rows: [], plusRejected: [] };
    for (const [i, task] of tasks.entries()) {
      const section = out.tasks[i].section;
      assert.ok(section?.strengthened, `${task.id} has a strengthened suite`);
      const asserts = addedAsserts({ checks: { mutation: section } } as unknown as TaskRecord, DEFAULT_MAX_ADDED).map((a) => a.assert);
      assert.ok(asserts.length > 0 && asserts.length <= DEFAULT_MAX_ADDED, `${task.id}: ${asserts.length} asserts`);
      for (const s of solutions.filter((x) => x.task === task.id)) {
        result.rows.push({ task: task.id, kind: s.kind, mistake: s.mistake, original: await passes(task, s.code), strengthened: await passes(task, s.code, asserts) });
      }
      if (!(await passes(task, plusById.get(number(task.id))!.solution, asserts))) result.plusRejected.push(task.id);
    }
    return result;
  })();
  return verdicts;
}

describe('strengthened suites on HumanEval (HumanEval+ linked)', () => {
  it('every fixture passes HumanEval\'s own tests; no correct variant and no HumanEval+ reference is rejected', async (t) => {
    const [he, plusFile] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
    if (!he || !plusFile) return;
    const v = (await judge(he, plusFile))!;
    // The wrong ones are false passes (HumanEval's tests accept them), not failures the tests already catch.
    assert.deepEqual(v.rows.filter((r) => !r.original).map((r) => `${r.task} ${r.kind} ${r.mistake}`), []);
    assert.deepEqual(v.rows.filter((r) => r.kind === 'correct' && !r.strengthened).map((r) => r.task), []);
    assert.deepEqual(v.plusRejected, []);
  });

  it('every hand-written wrong solution is rejected', async (t) => {
    const [he, plusFile] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
    if (!he || !plusFile) return;
    const v = (await judge(he, plusFile))!;
    assert.deepEqual(v.rows.filter((r) => r.kind === 'wrong' && r.strengthened).map((r) => `${r.task}: ${r.mistake}`), []);
  });

  // HumanEval/13's gcd counting down from min(a, b) returns None on a 0 or a negative argument, inputs HumanEval+'s
  // contract excludes (a > 0 and b > 0): an assert that rejected it would stand on such an input, which no suite may add.
  // (On positive arguments it is right but linear in min(a, b): a suite input as large as HumanEval+'s largest, ~2.5e12,
  // would time it out, a rejection for speed this test would then have to tell apart.)
  it('a solution wrong only outside the task\'s contract is accepted', async (t) => {
    const [he, plusFile] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
    if (!he || !plusFile) return;
    const v = (await judge(he, plusFile))!;
    const outside = v.rows.filter((r) => r.kind === 'wrong-outside-contract');
    assert.ok(outside.length > 0, 'the fixtures hold one');
    assert.deepEqual(outside.filter((r) => !r.strengthened).map((r) => `${r.task}: ${r.mistake}`), []);
  });
});
