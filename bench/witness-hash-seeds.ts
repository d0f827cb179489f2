/**
 * Which published killing asserts (every killable survivor's in the mutation sections, not only those a finding shows) hold an expected value one PYTHONHASHSEED chose: each
 * assert whose text holds a string literal (only str hashes are salted) runs alone, in the sandbox, on the task's
 * own reference (the one whose answer it states) under PYTHONHASHSEED 0 and the witnesses' probe seeds; an assert
 * that passes under 0 and fails under another is listed. Counts, which load does not move.
 *
 *   npx tsx bench/witness-hash-seeds.ts [--data-dir ../shared/data] [--audits audits] [--benchmarks humaneval,mbpp,...]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HASH_SEED_PROBES } from '../src/checks/mutation/suite-oracle.js';
import { loadDataFile } from '../src/datasets/load.js';
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
/** The Python benchmarks and their data files. */
const FILES: Record<string, string> = {
  humaneval: 'humaneval/HumanEval.jsonl.gz',
  'humaneval-plus': 'evalplus/HumanEvalPlus.jsonl.gz',
  mbpp: 'mbpp/mbpp.jsonl',
  'mbpp-plus': 'evalplus/MbppPlus.jsonl.gz',
  'mbpp-sanitized': 'mbpp/sanitized-mbpp.json',
};
const benchmarks = (flag('--benchmarks') ?? Object.keys(FILES).join(',')).split(',');
/** CPU limit of one run of an assert (a reference answers it in milliseconds). */
const CPU_LIMIT_MS = 10_000;


const pool = createSandboxPool({});
try {
  for (const id of benchmarks) {
    const report = JSON.parse(readFileSync(join(audits, id, `${id}.audit.json`), 'utf8')) as AuditReport;
    const tasks = new Map((await loadDataFile(join(data, FILES[id]), { benchmark: id })).map((t) => [t.id, t]));
    let killable = 0;
    let checked = 0;
    const moved: string[] = [];
    await Promise.all(
      report.tasks.map(async (r) => {
        const task = tasks.get(r.id);
        for (const s of (r.checks.mutation?.survivors ?? []).filter((x) => x.verdict === 'killable')) {
          killable++;
          const assertion = s.evidence?.assert;
          if (task === undefined || assertion === undefined || !/['"]/.test(assertion)) continue;
          const job = assertsOnly(task, [assertion]);
          const passes = async (hashSeed: number) => (await pool.run({ ...testsJob(job, { candidate: task.solution, timeoutMs: 10 * CPU_LIMIT_MS, hashSeed }), cpuLimitMs: CPU_LIMIT_MS })).verdict.status === 'passed';
          if (!(await passes(0))) continue;
          checked++;
          const failing = [];
          for (const seed of HASH_SEED_PROBES) if (!(await passes(seed))) failing.push(seed);
          if (failing.length > 0) moved.push(`${r.id} ${s.id} (fails under ${failing.join(', ')}): ${assertion}`);
        }
      }),
    );
    console.log(`${id}: ${killable} killable survivors, ${checked} asserts with a string passing under seed 0 checked; ${moved.length} fail under another seed${moved.length > 0 ? `:\n  ${moved.sort().join('\n  ')}` : ''}`);
  }
} finally {
  await pool.close();
}
