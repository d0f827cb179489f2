/**
 * The hand-written fixtures (test/fixtures/strengthen/humaneval-solutions.json: plausible wrong solutions that pass
 * HumanEval's tests, and correct variants) judged by the strengthened suite as `export --strengthen` writes it, with
 * the HumanEval+ sibling linked and from HumanEval alone (no sibling: the "--data without the link"). Prints
 * recall (wrong ones rejected) and the correct ones rejected (target 0) for each, and which wrong ones pass. A
 * solution wrong only outside the task's contract (`wrong-outside-contract`) is counted apart: rejecting it would take
 * an assert on an input the contract excludes (target 0).
 *
 *   npx tsx bench/strengthen-fixtures.ts [--max-added 16]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addedAsserts, DEFAULT_MAX_ADDED } from '../src/apply/export.js';
import { strengthenTask } from '../src/apply/false-passes.js';
import { runMutationCheck } from '../src/checks/mutation/index.js';
import { loadDataFile } from '../src/datasets/load.js';
import { silentProgress } from '../src/model/progress.js';
import type { Task } from '../src/model/task.js';
import type { TaskRecord } from '../src/model/types.generated.js';
import { testsJob } from '../src/sandbox/jobs.js';
import { createSandboxPool } from '../src/sandbox/pool.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = join(import.meta.dirname, '..');
const data = flag('--data-dir') ?? join(root, '..', 'shared', 'data');
const maxAdded = flag('--max-added') ? Number(flag('--max-added')) : DEFAULT_MAX_ADDED;
/** CPU limit of one tests run of a fixture program (they are tiny; a hang is a failure either way). */
const CPU_LIMIT_MS = 5_000;

const solutions = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'strengthen', 'humaneval-solutions.json'), 'utf8')) as { task: string; kind: 'wrong' | 'correct' | 'wrong-outside-contract'; mistake: string; code: string }[];
const number = (id: string) => /(\d+)$/.exec(id)![1];
const ids = [...new Set(solutions.map((s) => s.task))];
const plusById = new Map((await loadDataFile(join(data, 'evalplus/HumanEvalPlus.jsonl.gz'), { benchmark: 'humaneval-plus' })).map((x) => [number(x.id), x]));
const tasks = (await loadDataFile(join(data, 'humaneval/HumanEval.jsonl.gz'), { benchmark: 'humaneval' })).filter((x) => ids.includes(x.id));
const pool = createSandboxPool({});
const passes = async (task: Task, candidate: string, asserts: readonly string[]) =>
  (await pool.run({ ...testsJob(strengthenTask(task, asserts), { candidate, timeoutMs: 10 * CPU_LIMIT_MS }), cpuLimitMs: CPU_LIMIT_MS })).verdict.status === 'passed';
try {
  for (const linked of [true, false]) {
    const out = await runMutationCheck(
      { benchmark: 'humaneval', tasks, config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 2 } }, progress: silentProgress },
      { pool, plusTaskFor: (x) => (linked ? plusById.get(number(x.id)) : undefined) },
    );
    let wrong = 0;
    let caught = 0;
    let correct = 0;
    let rejected = 0;
    let outside = 0;
    let outsideRejected = 0;
    let asserts = 0;
    const missed: string[] = [];
    for (const [i, task] of tasks.entries()) {
      const added = addedAsserts({ checks: { mutation: out.tasks[i].section } } as unknown as TaskRecord, maxAdded).map((a) => a.assert);
      asserts += added.length;
      for (const s of solutions.filter((x) => x.task === task.id)) {
        const ok = await passes(task, s.code, added);
        if (s.kind === 'wrong') {
          wrong++;
          if (!ok) caught++;
          else missed.push(`${task.id}: ${s.mistake}`);
        } else if (s.kind === 'wrong-outside-contract') {
          outside++;
          if (!ok) outsideRejected++;
        } else {
          correct++;
          if (!ok) rejected++;
        }
      }
    }
    console.log(`${linked ? 'with the HumanEval+ sibling linked' : 'HumanEval alone (no sibling)'}: ${asserts} asserts on ${tasks.length} tasks; wrong rejected ${caught}/${wrong} (${((100 * caught) / wrong).toFixed(0)}%); correct rejected ${rejected}/${correct}; wrong only outside the contract rejected ${outsideRejected}/${outside}`);
    for (const m of missed) console.log(`  accepted: ${m}`);
  }
} finally {
  await pool.close();
}
