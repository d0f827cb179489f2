/**
 * Which published strengthened suites hold an equality assert whose expected value one PYTHONHASHSEED chose: each
 * task's exported asserts (at most --max-added, as `export --strengthen` writes them) run alone, in the sandbox, on
 * the reference that answered them (the linked EvalPlus sibling's where there is one, else the task's own) under
 * PYTHONHASHSEED 0 and the suite's probe seeds; a task whose asserts pass under 0 and fail under another is listed.
 *
 *   npx tsx bench/suite-hash-seeds.ts [--data-dir ../shared/data] [--audits audits] [--max-added N] [--benchmarks humaneval,mbpp,...]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addedAsserts, DEFAULT_MAX_ADDED } from '../src/apply/export.js';
import { HASH_SEED_PROBES } from '../src/checks/mutation/suite-oracle.js';
import { loadDataFile } from '../src/datasets/load.js';
import type { Task } from '../src/model/task.js';
import { assertsOnly } from './asserts-only.js';
import type { AuditReport } from '../src/model/types.generated.js';
import { testsJob } from '../src/sandbox/jobs.js';
import { createSandboxPool } from '../src/sandbox/pool.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const data = flag('--data-dir') ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const audits = flag('--audits') ?? join(import.meta.dirname, '..', 'audits');
const maxAdded = flag('--max-added') ? Number(flag('--max-added')) : DEFAULT_MAX_ADDED;
/** The Python benchmarks, each with its data file and its EvalPlus sibling's (the plus benchmarks are their own). */
const BENCHMARKS: Record<string, { file: string; plus: string }> = {
  humaneval: { file: 'humaneval/HumanEval.jsonl.gz', plus: 'humaneval-plus' },
  'humaneval-plus': { file: 'evalplus/HumanEvalPlus.jsonl.gz', plus: 'humaneval-plus' },
  mbpp: { file: 'mbpp/mbpp.jsonl', plus: 'mbpp-plus' },
  'mbpp-plus': { file: 'evalplus/MbppPlus.jsonl.gz', plus: 'mbpp-plus' },
  'mbpp-sanitized': { file: 'mbpp/sanitized-mbpp.json', plus: 'mbpp-plus' },
};
const benchmarks = (flag('--benchmarks') ?? Object.keys(BENCHMARKS).join(',')).split(',');
/** CPU limit of one run of a task's asserts (a reference answers each in milliseconds). */
const CPU_LIMIT_MS = 10_000;

const number = (id: string) => /(\d+)$/.exec(id)![1];
const loaded = new Map<string, Task[]>();
const load = async (id: string) => loaded.get(id) ?? loaded.set(id, await loadDataFile(join(data, BENCHMARKS[id].file), { benchmark: id })).get(id)!;


const pool = createSandboxPool({});
try {
  for (const id of benchmarks) {
    const report = JSON.parse(readFileSync(join(audits, id, `${id}.audit.json`), 'utf8')) as AuditReport;
    const tasks = new Map((await load(id)).map((t) => [t.id, t]));
    const plus = new Map((await load(BENCHMARKS[id].plus)).map((t) => [number(t.id), t]));
    let checked = 0;
    const moved: string[] = [];
    await Promise.all(
      report.tasks.map(async (r) => {
        const asserts = addedAsserts(r, maxAdded).filter((a) => a.oracle === undefined).map((a) => a.assert);
        const task = tasks.get(r.id);
        if (task === undefined || asserts.length === 0) return;
        const sibling = plus.get(number(r.id));
        const answering = sibling !== undefined && sibling.entryPoint === task.entryPoint ? sibling : task;
        const job = assertsOnly(task, asserts);
        const passes = async (hashSeed: number) => (await pool.run({ ...testsJob(job, { candidate: answering.solution, timeoutMs: 10 * CPU_LIMIT_MS, hashSeed }), cpuLimitMs: CPU_LIMIT_MS })).verdict.status === 'passed';
        if (!(await passes(0))) return;
        checked++;
        const failing = [];
        for (const seed of HASH_SEED_PROBES) if (!(await passes(seed))) failing.push(seed);
        if (failing.length > 0) moved.push(`${r.id} (fails under ${failing.join(', ')})`);
      }),
    );
    console.log(`${id}: ${checked} suites passing under seed 0 checked; ${moved.length} fail under another seed${moved.length > 0 ? `: ${moved.sort().join('; ')}` : ''}`);
  }
} finally {
  await pool.close();
}
