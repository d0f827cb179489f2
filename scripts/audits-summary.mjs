// Prints the README's table of the published audits from audits/<id>/<id>.audit.json:
//   node scripts/audits-summary.mjs
// Every figure in that table comes from here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ids = ['humaneval', 'humaneval-plus', 'mbpp', 'mbpp-sanitized', 'mbpp-plus', 'humaneval-x-js'];
const pct = (x) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)}%`);
const tasksWith = (r, kinds) => r.tasks.filter((t) => t.findings.some((f) => kinds.includes(f.kind) && f.severity !== 'info')).length;

const rows = [];
for (const id of ids) {
  const file = join(root, 'audits', id, `${id}.audit.json`);
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const s = r.summary.checks;
  rows.push([
    `[${id}](audits/${id}/${id}.audit.md)`,
    r.summary.tasks,
    s.static?.tests.mean ?? '–',
    tasksWith(r, ['canonical-fails', 'setup-error', 'timeout', 'flaky']),
    tasksWith(r, ['reference-disagrees-with-sibling', 'reference-too-slow']),
    tasksWith(r, ['prompt-example-mismatch']),
    tasksWith(r, ['plus-input-crash', 'contract-violation']),
    pct(s.mutation?.score),
    pct(s.mutation?.scoreExcludingEquivalent),
    tasksWith(r, ['killable-survivor']),
    tasksWith(r, ['tests-accept-trivial-solution']),
    tasksWith(r, ['near-duplicate-in-benchmark', 'duplicate-task']),
  ]);
}
const head = ['benchmark', 'tasks', 'tests/task', 'reference fails, times out or is flaky', 'reference disagrees with the sibling release or is too slow', 'prompt example disagrees', 'plus inputs crash or break the contract', 'mutation score', 'score w/o possibly-equivalent', 'tasks with killable survivors', 'tests accept a trivial solution', 'duplicate tasks'];
console.log(`| ${head.join(' | ')} |`);
console.log(`|${head.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
