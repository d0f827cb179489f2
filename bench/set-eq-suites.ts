/**
 * Strengthened suites on the MBPP tasks whose EvalPlus oracle compares outputs as sets (evalplus-oracle.ts
 * SET_EQ_TASKS), in MBPP+, MBPP and MBPP sanitized, each with MBPP+ linked as the audit links it: per task the
 * oracle its suite judges by, the asserts (all, and as `export --strengthen` writes them, at most --max-added), the
 * wrong programs killed, and the candidates left out by their first failed check. Counts, which load does not move.
 *
 *   npx tsx bench/set-eq-suites.ts [--data-dir ../shared/data] [--max-added N] [--benchmarks mbpp-plus,mbpp,mbpp-sanitized]
 */
import { addedAsserts, DEFAULT_MAX_ADDED } from '../src/apply/export.js';
import { oracleFor } from '../src/checks/execution/evalplus-oracle.js';
import { runMutationCheck } from '../src/checks/mutation/index.js';
import { loadDataFile } from '../src/datasets/load.js';
import { silentProgress } from '../src/model/progress.js';
import type { Task } from '../src/model/task.js';
import type { TaskRecord } from '../src/model/types.generated.js';
import { createSandboxPool } from '../src/sandbox/pool.js';
import { join } from 'node:path';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const data = flag('--data-dir') ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const maxAdded = flag('--max-added') ? Number(flag('--max-added')) : DEFAULT_MAX_ADDED;
const benchmarks = (flag('--benchmarks') ?? 'mbpp-plus,mbpp,mbpp-sanitized').split(',');

const FILES: Record<string, string> = { 'mbpp-plus': 'evalplus/MbppPlus.jsonl.gz', mbpp: 'mbpp/mbpp.jsonl', 'mbpp-sanitized': 'mbpp/sanitized-mbpp.json' };
const number = (id: string) => /(\d+)$/.exec(id)![1];
const plus = await loadDataFile(join(data, FILES['mbpp-plus']), { benchmark: 'mbpp-plus' });
const plusByNumber = new Map(plus.map((t) => [number(t.id), t]));
const setEq = new Set(plus.filter((t) => oracleFor(t.id, t.entryPoint) === 'set-eq').map((t) => number(t.id)));

const pool = createSandboxPool({});
const started = performance.now();
let totalAsserts = 0;
let totalKilled = 0;
let totalWrong = 0;
try {
  for (const benchmark of benchmarks) {
    const all: Task[] = benchmark === 'mbpp-plus' ? plus : await loadDataFile(join(data, FILES[benchmark]), { benchmark });
    const tasks = all.filter((t) => setEq.has(number(t.id)) && plusByNumber.get(number(t.id))?.entryPoint === t.entryPoint);
    const out = await runMutationCheck(
      { benchmark, tasks, config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 2 } }, progress: silentProgress },
      { pool, plusTaskFor: (t) => (t.inputs ? t : plusByNumber.get(number(t.id))) },
    );
    out.tasks.forEach((r, i) => {
      const s = r.section?.strengthened;
      const added = addedAsserts({ checks: { mutation: { strengthened: s } } } as unknown as TaskRecord, maxAdded);
      const oracle = s?.inputs[0]?.oracle ?? (s && s.inputs.length > 0 ? 'equal' : '-');
      const wrong = s?.wrongPrograms;
      const left = Object.entries(s?.candidates.byFailedCheck ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([k, n]) => `${k} ${n}`).join(', ');
      totalAsserts += added.length;
      totalKilled += wrong?.killed ?? 0;
      totalWrong += wrong?.total ?? 0;
      console.log(
        `${benchmark.padEnd(15)} ${tasks[i].id.padEnd(9)} oracle ${oracle.padEnd(6)} suite ${String(s?.inputs.length ?? 0).padStart(2)} exported ${String(added.length).padStart(2)}` +
          ` killed ${wrong?.killed ?? 0}/${wrong?.total ?? 0} (possibly equivalent ${wrong?.possiblyEquivalent.length ?? 0}) confirmed ${s?.candidates.confirmed ?? 0}/${s?.candidates.total ?? 0}${left ? `; left out: ${left}` : ''}`,
      );
    });
  }
} finally {
  await pool.close();
}
console.log(`total: ${totalAsserts} exported asserts, ${totalKilled}/${totalWrong} wrong programs killed; ${((performance.now() - started) / 1000).toFixed(1)} s wall`);
