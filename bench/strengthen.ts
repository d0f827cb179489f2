/**
 * Strengthened suites on HumanEval, with and without the HumanEval+ sibling linked: asserts per
 * task (as `export --strengthen` writes them, at most --max-added), the wrong programs killed, the
 * time the suite adds to the mutation check, and two proxies for the hidden targets, beside a
 * simple baseline in the same run (HumanEval+-Mini's inputs, ~16 per task):
 *
 *  - false-pass proxy: the original HumanEval references that HumanEval+'s whole suite rejects
 *    (they pass HumanEval's tests but are wrong): how many each suite rejects;
 *  - correct-rejected proxy: HumanEval+'s canonical references (correct by EvalPlus): how many each
 *    suite rejects (target 0).
 *
 *   npx tsx bench/strengthen.ts [--limit N] [--tasks 0,12,140] [--max-added N]
 *
 * Run on an idle machine for the time figures; the counts do not depend on load.
 */
import { addedAsserts, DEFAULT_MAX_ADDED } from '../src/apply/export.js';
import { strengthenTask as withAsserts } from '../src/apply/false-passes.js';
import { DEFAULT_MUTATION_CONFIG, runMutationCheck } from '../src/checks/mutation/index.js';
import { buildPlusSuite, passesPlusSuite } from '../src/checks/mutation/plus-suite.js';
import type { CheckOutput } from '../src/checks/types.js';
import { loadDataFile } from '../src/datasets/load.js';
import { silentProgress } from '../src/model/progress.js';
import type { Task } from '../src/model/task.js';
import type { TaskRecord } from '../src/model/types.generated.js';
import { testsJob } from '../src/sandbox/jobs.js';
import { createSandboxPool } from '../src/sandbox/pool.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const data = flag('--data-dir') ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const limit = flag('--limit') ? Number(flag('--limit')) : undefined;
const only = flag('--tasks')?.split(',');
const maxAdded = flag('--max-added') ? Number(flag('--max-added')) : DEFAULT_MAX_ADDED;

const number = (id: string) => /(\d+)$/.exec(id)![1];
const he = await loadDataFile(join(data, 'humaneval/HumanEval.jsonl.gz'), { benchmark: 'humaneval' });
const plusById = new Map((await loadDataFile(join(data, 'evalplus/HumanEvalPlus.jsonl.gz'), { benchmark: 'humaneval-plus' })).map((t) => [number(t.id), t]));
const miniById = new Map((await loadMini()).map((t) => [number(t.id), t]));
/** HumanEval+-Mini's records lack HumanEval+'s `test`: borrow it (only the inputs are used) and load through the EvalPlus adapter. */
async function loadMini(): Promise<Task[]> {
  const read = (f: string) => gunzipSync(readFileSync(join(data, f))).toString('utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  const tests = new Map(read('evalplus/HumanEvalPlus.jsonl.gz').map((r) => [r.task_id, r.test]));
  const dir = mkdtempSync(join(tmpdir(), 'bench-strengthen-'));
  try {
    const file = join(dir, 'mini.jsonl');
    writeFileSync(file, read('evalplus/HumanEvalPlus-Mini.jsonl.gz').map((r) => JSON.stringify({ ...r, test: tests.get(r.task_id) ?? '' })).join('\n') + '\n');
    return await loadDataFile(file, { benchmark: 'humaneval-plus-mini', adapter: 'evalplus' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let tasks = he.filter((t) => only === undefined || only.includes(number(t.id)));
if (limit !== undefined) tasks = tasks.slice(0, limit);

const pool = createSandboxPool({});
const run = (job: Parameters<typeof pool.run>[0]) => pool.run(job);
const context = (strengthen: boolean) => ({ benchmark: 'humaneval', tasks, config: { checks: ['mutation' as const], seed: 0, static: { fewTestsThreshold: 2 }, mutation: { ...DEFAULT_MUTATION_CONFIG, strengthen } }, progress: silentProgress });

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t0 };
}

/** The HumanEval+ reference as a HumanEval program (its entry point, HumanEval's prompt helpers kept). */
const plusReference = (t: Task): string | undefined => plusById.get(number(t.id))?.solution;

async function passesStrengthened(task: Task, asserts: string[], candidate: string): Promise<boolean> {
  const r = await run({ ...testsJob(withAsserts(task, asserts), { candidate, timeoutMs: 60_000 }), cpuLimitMs: 20_000 });
  return r.verdict.status === 'passed';
}

try {
  const base = await timed(() => runMutationCheck(context(false), { pool, plusTaskFor: (t) => plusById.get(number(t.id)) }));
  const linked = await timed(() => runMutationCheck(context(true), { pool, plusTaskFor: (t) => plusById.get(number(t.id)) }));
  const alone = await timed(() => runMutationCheck(context(true), { pool, plusTaskFor: () => undefined }));

  // The false passes and correct programs of the proxies, and HumanEval+-Mini's verdicts on them.
  const wrongRefs: Task[] = [];
  const miniRejectsWrong: boolean[] = [];
  let miniRejectsCorrect = 0;
  let miniAsserts = 0;
  for (const task of tasks) {
    const plus = plusById.get(number(task.id));
    const mini = miniById.get(number(task.id));
    if (!plus) continue;
    const suite = await buildPlusSuite(plus, run);
    if (suite && !(await passesPlusSuite(plus, suite, task.solution.replace(/\n*$/, '\n') + (task.entryPoint === plus.entryPoint ? '' : `\n${plus.entryPoint} = ${task.entryPoint}\n`), run))) {
      wrongRefs.push(task);
      const miniSuite = mini ? await buildPlusSuite(mini, run) : undefined;
      miniRejectsWrong.push(miniSuite !== undefined && !(await passesPlusSuite(mini!, miniSuite, task.solution, run)));
    }
    if (mini?.inputs) miniAsserts += mini.inputs.base.length + mini.inputs.plus.length;
    const miniSuite = mini ? await buildPlusSuite(mini, run) : undefined;
    if (miniSuite && !(await passesPlusSuite(mini!, miniSuite, plus.solution, run))) miniRejectsCorrect++;
  }

  const report = async (name: string, out: CheckOutput<'mutation'>, ms: number) => {
    let asserts = 0;
    let withSuite = 0;
    let total = 0;
    let killed = 0;
    let equivalent = 0;
    const byKind: Record<string, { total: number; killed: number }> = {};
    let correctRejected = 0;
    const rejectedCorrect: string[] = [];
    let wrongRejected = 0;
    const acceptedWrong: string[] = wrongRefs.filter((t) => addedAsserts({ checks: { mutation: out.tasks[tasks.indexOf(t)].section } } as unknown as TaskRecord, maxAdded).length === 0).map((t) => t.id);
    for (const [i, task] of tasks.entries()) {
      const section = out.tasks[i].section;
      const record = { checks: { mutation: section } } as unknown as TaskRecord;
      const added = addedAsserts(record, maxAdded).map((a) => a.assert);
      asserts += added.length;
      if (section?.strengthened) {
        withSuite++;
        const w = section.strengthened.wrongPrograms;
        total += w.total;
        killed += w.killed;
        equivalent += w.possiblyEquivalent.length;
        for (const [k, c] of Object.entries(w.byKind)) {
          byKind[k] = { total: (byKind[k]?.total ?? 0) + c.total, killed: (byKind[k]?.killed ?? 0) + c.killed };
        }
      }
      if (added.length === 0) continue;
      const correct = plusReference(task);
      if (correct !== undefined && !(await passesStrengthened(task, added, correct))) {
        correctRejected++;
        rejectedCorrect.push(task.id);
      }
      if (wrongRefs.includes(task) && !(await passesStrengthened(task, added, task.solution))) wrongRejected++;
      else if (wrongRefs.includes(task)) acceptedWrong.push(task.id);
    }
    console.log(`\n${name}`);
    console.log(`  tasks with a suite: ${withSuite}/${tasks.length}; asserts added (max ${maxAdded}): ${asserts} (${(asserts / tasks.length).toFixed(1)} per task)`);
    console.log(`  wrong programs killed: ${killed}/${total} (${equivalent} possibly equivalent); by kind: ${Object.entries(byKind).map(([k, c]) => `${k} ${c.killed}/${c.total}`).join(', ')}`);
    console.log(`  mutation check with the suite: ${(ms / 1000).toFixed(1)} s (without: ${(base.ms / 1000).toFixed(1)} s, +${((ms - base.ms) / 1000).toFixed(1)} s)`);
    console.log(`  original references HumanEval+ rejects (false-pass proxy): ${wrongRefs.length}; rejected by the strengthened tests: ${wrongRejected}${acceptedWrong.length > 0 ? ` (accepted: ${acceptedWrong.join(', ')})` : ''}; by HumanEval+-Mini: ${miniRejectsWrong.filter(Boolean).length}`);
    console.log(`  HumanEval+ canonical references rejected (target 0): ${correctRejected}${rejectedCorrect.length > 0 ? ` (${rejectedCorrect.join(', ')})` : ''}; by HumanEval+-Mini: ${miniRejectsCorrect}`);
  };
  console.log(`HumanEval, ${tasks.length} tasks; HumanEval+-Mini: ${(miniAsserts / tasks.length).toFixed(1)} inputs per task`);
  await report('with the HumanEval+ sibling linked', linked.value, linked.ms);
  await report('HumanEval alone (no sibling)', alone.value, alone.ms);
} finally {
  await pool.close();
}
