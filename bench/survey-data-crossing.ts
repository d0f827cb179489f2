/**
 * Which benchmark tasks cannot run with the tests apart from the program (calls as plain data):
 * runs every reference of the five benchmarks against its own tests and lists those that end in
 * `non-data-result` or `non-data-argument`, with the reason. Run: npx tsx bench/survey-data-crossing.ts
 * (prints JSON; reads the release files through BENCH_AUDIT_DATA or ../shared/data).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataFile } from '../src/datasets/load.js';
import { testsJob } from '../src/sandbox/jobs.js';
import { createSandboxPool } from '../src/sandbox/pool.js';

const FILES = ['humaneval/HumanEval.jsonl.gz', 'mbpp/mbpp.jsonl', 'mbpp/sanitized-mbpp.json', 'evalplus/HumanEvalPlus.jsonl.gz', 'evalplus/MbppPlus.jsonl.gz'];
const NON_DATA = new Set(['non-data-result', 'non-data-argument']);

const root = process.env.BENCH_AUDIT_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const pool = createSandboxPool({ workers: 2 });
const out: { file: string; tasks: number; passed: number; notRunnable: { id: string; reason: string; message: string }[]; otherFailures: { id: string; verdict: unknown }[] }[] = [];
try {
  for (const rel of FILES) {
    const path = join(root, rel);
    if (!existsSync(path)) {
      process.stderr.write(`missing ${path}\n`);
      continue;
    }
    const tasks = await loadDataFile(path);
    const results = await pool.runAll(tasks.map((t) => testsJob(t)));
    const entry = { file: rel, tasks: tasks.length, passed: 0, notRunnable: [] as { id: string; reason: string; message: string }[], otherFailures: [] as { id: string; verdict: unknown }[] };
    results.forEach((r, i) => {
      const v = r.verdict;
      if (v.status === 'passed') entry.passed++;
      else if (v.status === 'error' && NON_DATA.has(v.reason)) entry.notRunnable.push({ id: tasks[i].id, reason: v.reason, message: v.message ?? '' });
      else entry.otherFailures.push({ id: tasks[i].id, verdict: v });
    });
    out.push(entry);
  }
} finally {
  await pool.close();
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
