/**
 * The strengthened suite on real HumanEval tasks, judged by programs the audit never saw: hand-written plausible
 * wrong solutions (test/fixtures/strengthen/humaneval-solutions.json: a missed edge case, an off-by-one, wrong tie
 * handling, an ignored constraint) that all pass HumanEval's own tests, and two correct variants per task written
 * with another algorithm. With the HumanEval+ sibling linked, the suite (as `export --strengthen` writes it) must
 * reject every wrong one and pass every correct one; and HumanEval+'s own reference must pass it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addedAsserts, DEFAULT_MAX_ADDED } from '../../../src/apply/export.js';
import { strengthenTask } from '../../../src/apply/false-passes.js';
import { runMutationCheck } from '../../../src/checks/mutation/index.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { silentProgress } from '../../../src/model/progress.js';
import type { Task } from '../../../src/model/task.js';
import type { TaskRecord } from '../../../src/model/types.generated.js';
import { testsJob } from '../../../src/sandbox/jobs.js';
import { createSandboxPool, type SandboxPool } from '../../../src/sandbox/pool.js';
import { needData } from '../../helpers/data.js';
import { repoRoot } from '../../helpers/paths.js';

interface Solution {
  task: string;
  kind: 'wrong' | 'correct';
  mistake: string;
  code: string;
}

const solutions = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'strengthen', 'humaneval-solutions.json'), 'utf8')) as Solution[];
const number = (id: string) => /(\d+)$/.exec(id)![1];
/** CPU limit of one tests run of a fixture program (they are tiny; a hang is a failure either way). */
const CPU_LIMIT_MS = 5_000;

let pool: SandboxPool;
before(() => {
  pool = createSandboxPool({});
});
after(async () => {
  await pool.close();
});

async function passes(task: Task, candidate: string, asserts: readonly string[] = []): Promise<boolean> {
  const r = await pool.run({ ...testsJob(strengthenTask(task, asserts), { candidate, timeoutMs: 10 * CPU_LIMIT_MS }), cpuLimitMs: CPU_LIMIT_MS });
  return r.verdict.status === 'passed';
}

describe('strengthened suites on HumanEval', () => {
  it('with HumanEval+ linked: reject every hand-written wrong solution, pass every correct variant and the HumanEval+ reference', async (t) => {
    const [he, plusFile] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
    if (!he || !plusFile) return;
    const ids = [...new Set(solutions.map((s) => s.task))];
    const plusById = new Map((await loadDataFile(plusFile, { benchmark: 'humaneval-plus' })).map((x) => [number(x.id), x]));
    const tasks = (await loadDataFile(he, { benchmark: 'humaneval' })).filter((x) => ids.includes(x.id));
    assert.equal(tasks.length, ids.length);
    const out = await runMutationCheck(
      { benchmark: 'humaneval', tasks, config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 2 } }, progress: silentProgress },
      { pool, plusTaskFor: (x) => plusById.get(number(x.id)) },
    );
    const problems: string[] = [];
    for (const [i, task] of tasks.entries()) {
      const section = out.tasks[i].section;
      assert.ok(section?.strengthened, `${task.id} has a strengthened suite`);
      const asserts = addedAsserts({ checks: { mutation: section } } as unknown as TaskRecord, DEFAULT_MAX_ADDED).map((a) => a.assert);
      assert.ok(asserts.length <= DEFAULT_MAX_ADDED);
      for (const s of solutions.filter((x) => x.task === task.id)) {
        // Every fixture passes HumanEval's own tests: the wrong ones are false passes, not failures the tests already catch.
        assert.ok(await passes(task, s.code), `${task.id} ${s.kind} (${s.mistake || 'correct'}) passes HumanEval's tests`);
        const strong = await passes(task, s.code, asserts);
        if (s.kind === 'wrong' && strong) problems.push(`${task.id}: the suite accepts a wrong solution (${s.mistake})`);
        if (s.kind === 'correct' && !strong) problems.push(`${task.id}: the suite rejects a correct variant:\n${s.code}`);
      }
      const plus = plusById.get(number(task.id))!;
      if (!(await passes(task, plus.solution, asserts))) problems.push(`${task.id}: the suite rejects HumanEval+'s reference`);
    }
    assert.deepEqual(problems, []);
  });
});
