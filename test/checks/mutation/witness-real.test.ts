/**
 * Known bad witnesses of the real benchmarks are no longer shown as evidence: every killing assert comes from an
 * input that passed the contract, the domain and (where the sibling benchmark has the task) the sibling reference.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runMutationCheck } from '../../../src/checks/mutation/index.js';
import type { CheckOutput } from '../../../src/checks/types.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { silentProgress } from '../../../src/model/progress.js';
import type { Task } from '../../../src/model/task.js';
import { createSandboxPool, type SandboxPool } from '../../../src/sandbox/pool.js';
import { needData } from '../../helpers/data.js';

let pool: SandboxPool;
before(() => {
  pool = createSandboxPool({});
});
after(async () => {
  await pool.close();
});

const number = (id: string) => /(\d+)$/.exec(id)![1];

async function audit(file: string, plusFile: string, benchmark: string, ids: string[]): Promise<{ tasks: Task[]; out: CheckOutput<'mutation'> }> {
  const plusById = new Map((await loadDataFile(plusFile, { benchmark: `${benchmark}-plus` })).map((t) => [number(t.id), t]));
  const tasks = (await loadDataFile(file, { benchmark })).filter((t) => ids.includes(number(t.id)));
  const out = await runMutationCheck(
    { benchmark, tasks, config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 2 } }, progress: silentProgress },
    { pool, plusTaskFor: (t) => plusById.get(number(t.id)) },
  );
  return { tasks, out };
}

function survivorsOf(out: CheckOutput<'mutation'>, i: number) {
  return out.tasks[i].section?.survivors ?? [];
}

describe('witnesses on real benchmarks', () => {
  it('HumanEval/140, /95, /124, /32: no killing assert breaks the contract or contradicts HumanEval+', async (t) => {
    const [he, plus] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
    if (!he || !plus) return;
    const { tasks, out } = await audit(he, plus, 'humaneval', ['140', '95', '124', '32']);
    tasks.forEach((task, i) => {
      for (const s of survivorsOf(out, i)) {
        if (s.verdict !== 'killable') continue;
        const checks = s.evidence?.checks;
        assert.deepEqual(checks?.failed, [], `${task.id} ${s.id}`);
        assert.ok(checks?.passed.includes('sibling-agrees') && checks.passed.includes('contract'), `${task.id} ${s.id}: ${JSON.stringify(checks)}`);
        assert.notEqual(s.evidence?.input, 'candidate([0, 0])', 'find_zero([0, 0]) breaks the contract');
        assert.notEqual(s.evidence?.assert, "assert candidate('  ') == '_'", 'HumanEval+ gives __');
        assert.ok(!/'0?2-29-2001'/.test(s.evidence?.input ?? ''), s.evidence?.input);
      }
      for (const f of out.tasks[i].findings.filter((x) => x.kind === 'killable-survivor')) assert.ok((f.evidence.checks as { failed: string[] }).failed.length === 0);
    });
    // The corrected reference disagrees on '  ': that witness is kept apart, unconfirmed, without an assert.
    const i140 = tasks.findIndex((task) => task.id === 'HumanEval/140');
    const apart = survivorsOf(out, i140).filter((s) => s.verdict === 'unconfirmed' && s.evidence?.input === "candidate('  ')");
    assert.ok(apart.length > 0, JSON.stringify(survivorsOf(out, i140).map((s) => [s.verdict, s.evidence?.input])));
    for (const s of apart) {
      assert.equal(s.evidence?.assert, undefined);
      assert.deepEqual(s.evidence?.checks?.failed, ['sibling-disagrees']);
      assert.equal(s.evidence?.checks?.siblingOutput, "'__'");
    }
    assert.ok(out.tasks[i140].findings.some((f) => f.kind === 'unconfirmed-survivors'));
  });

  it('MBPP sanitized 140: a survivor that only repeats elements is no kill where EvalPlus compares sets (set-eq)', async (t) => {
    const [ms, plus] = needData(t, 'mbpp/sanitized-mbpp.json', 'evalplus/MbppPlus.jsonl.gz') ?? [];
    if (!ms || !plus) return;
    const { out } = await audit(ms, plus, 'mbpp-sanitized', ['140']);
    // extract_singly's reference drops repeats; the mutant without that check answers the same set with repeats.
    const repeats = survivorsOf(out, 0).find((s) => s.id === 'statement-deletion:139-152:0');
    assert.equal(repeats?.verdict, 'possibly-equivalent', JSON.stringify(repeats));
    for (const s of survivorsOf(out, 0)) assert.ok(!s.evidence?.checks?.failed.includes('literal-oracle'), JSON.stringify(s.evidence));
  });

  it('Mbpp/222: MBPP+ inputs are read as the tuples the task takes', async (t) => {
    const [ms, plus] = needData(t, 'mbpp/sanitized-mbpp.json', 'evalplus/MbppPlus.jsonl.gz') ?? [];
    if (!ms || !plus) return;
    const { out } = await audit(ms, plus, 'mbpp-sanitized', ['222']);
    for (const s of survivorsOf(out, 0).filter((x) => x.verdict === 'killable')) {
      assert.match(s.evidence!.input, /^check_type\(\(/, `a tuple argument: ${s.evidence!.input}`);
      assert.deepEqual(s.evidence?.checks?.failed, []);
    }
  });
});
