/**
 * Survivor witnesses on the MBPP tasks whose EvalPlus oracle compares outputs as sets (evalplus-oracle.ts
 * SET_EQ_TASKS) and on Mbpp/579 (`tuple(set(a) ^ set(b))`, compared with `==`), in MBPP+, MBPP and MBPP sanitized,
 * each with MBPP+ linked as the audit links it: per surviving mutant its verdict, the input, its failed checks and
 * the killing assert; then the counts by verdict. Counts, which load does not move; run it at two commits and diff.
 *
 *   npx tsx bench/set-seed-witnesses.ts [--data-dir ../shared/data] [--benchmarks mbpp-plus,mbpp,mbpp-sanitized]
 */
import { oracleFor } from '../src/checks/execution/evalplus-oracle.js';
import { runMutationCheck } from '../src/checks/mutation/index.js';
import { loadDataFile } from '../src/datasets/load.js';
import { silentProgress } from '../src/model/progress.js';
import type { Task } from '../src/model/task.js';
import { createSandboxPool } from '../src/sandbox/pool.js';
import { join } from 'node:path';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const data = flag('--data-dir') ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const benchmarks = (flag('--benchmarks') ?? 'mbpp-plus,mbpp,mbpp-sanitized').split(',');
/** The task whose reference answers strings in an order PYTHONHASHSEED picks (MBPP+'s find_dissimilar). */
const HASH_SEED_TASK = '579';

const FILES: Record<string, string> = { 'mbpp-plus': 'evalplus/MbppPlus.jsonl.gz', mbpp: 'mbpp/mbpp.jsonl', 'mbpp-sanitized': 'mbpp/sanitized-mbpp.json' };
const number = (id: string) => /(\d+)$/.exec(id)![1];
const plus = await loadDataFile(join(data, FILES['mbpp-plus']), { benchmark: 'mbpp-plus' });
const plusByNumber = new Map(plus.map((t) => [number(t.id), t]));
const chosen = new Set([...plus.filter((t) => oracleFor(t.id, t.entryPoint) === 'set-eq').map((t) => number(t.id)), HASH_SEED_TASK]);

const pool = createSandboxPool({});
const started = performance.now();
const totals: Record<string, number> = {};
try {
  for (const benchmark of benchmarks) {
    const all: Task[] = benchmark === 'mbpp-plus' ? plus : await loadDataFile(join(data, FILES[benchmark]), { benchmark });
    const tasks = all.filter((t) => chosen.has(number(t.id)) && plusByNumber.get(number(t.id))?.entryPoint === t.entryPoint);
    const out = await runMutationCheck(
      { benchmark, tasks, config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 2 } }, progress: silentProgress },
      { pool, plusTaskFor: (t) => (t.inputs ? t : plusByNumber.get(number(t.id))) },
    );
    out.tasks.forEach((r, i) => {
      for (const s of r.section?.survivors ?? []) {
        totals[s.verdict] = (totals[s.verdict] ?? 0) + 1;
        const e = s.evidence;
        const failed = e?.checks?.failed ?? [];
        console.log(`${benchmark.padEnd(15)} ${tasks[i].id.padEnd(9)} ${s.id.padEnd(6)} ${s.verdict.padEnd(19)} ${e ? `${e.input} ref ${e.referenceOutput} mutant ${e.mutantOutput}` : ''}${failed.length > 0 ? ` failed: ${failed.join(', ')}` : ''}${e?.assert ? ` | ${e.assert}` : ''}`);
      }
    });
  }
} finally {
  await pool.close();
}
console.log(`total: ${Object.entries(totals).sort().map(([k, n]) => `${k} ${n}`).join(', ')}; ${((performance.now() - started) / 1000).toFixed(1)} s wall`);
