/**
 * Plausible-mistake mutants on HumanEval's references: how many each operator yields per task, and
 * what fraction survive HumanEval's own tests. Runs the mutation check itself (same generation,
 * compile check, limits and survivor sorting) with only the plausible-mistake operators and every
 * mutant kept, HumanEval+'s inputs linked, so each survivor is also sorted: `killable` (differs from
 * the reference on an input whose evidence passed the checks: a wrong program the tests let through),
 * `possibly-equivalent` (matched the reference on every input tried), `unconfirmed` or `unsorted`.
 *
 *   nice npx tsx bench/plausible-mistakes.ts [--limit N] [--standard] [--survivors FILE]
 *
 * --standard runs the standard operators too, in a second run, for the same figures side by side.
 * --survivors writes every surviving plausible-mistake mutant (task, id, verdict, diff) as JSON.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MUTATION_CONFIG, runMutationCheck } from '../src/checks/mutation/index.js';
import { mutationOperatorNames, plausibleMistakeOperatorNames } from '../src/checks/mutation/operators/index.js';
import { loadDataFile } from '../src/datasets/load.js';
import type { MutationCounts, MutationTask } from '../src/model/types.generated.js';
import { silentProgress } from '../src/model/progress.js';
import { createSandboxPool } from '../src/sandbox/pool.js';
import type { Task } from '../src/model/task.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const limit = Number(flag('--limit') ?? Infinity);
const survivorsFile = flag('--survivors');
const data = process.env.BENCH_AUDIT_DATA ?? join(import.meta.dirname, '..', '..', 'shared', 'data');

interface Row {
  operator: string;
  tasks: number;
  counts: MutationCounts;
}

async function run(tasks: Task[], plusById: ReadonlyMap<string, Task>, operators: readonly string[]): Promise<{ rows: Row[]; sections: { id: string; section: MutationTask }[]; seconds: number }> {
  const pool = createSandboxPool({ workers: availableParallelism() });
  const t0 = performance.now();
  try {
    const out = await runMutationCheck(
      {
        benchmark: 'humaneval',
        tasks,
        config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 3 }, mutation: { ...DEFAULT_MUTATION_CONFIG, operators: [...operators], maxMutantsPerTask: 0 } },
        progress: silentProgress,
      },
      { pool, plusTaskFor: (t) => plusById.get(t.id) },
    );
    const sections = out.tasks.flatMap((t, i) => (t.section === undefined ? [] : [{ id: tasks[i].id, section: t.section as MutationTask }]));
    const rows = operators.map((operator) => ({
      operator,
      tasks: sections.filter((s) => (s.section.byOperator[operator]?.total ?? 0) > 0).length,
      counts: out.summary!.byOperator[operator] ?? { total: 0, killed: 0, survived: 0, timeout: 0, error: 0, killable: 0, unconfirmed: 0, possiblyEquivalent: 0, unsorted: 0 },
    }));
    for (const w of out.warnings) if (w.code !== 'mutation-task-skipped') console.error(`warning: ${w.message}`);
    const skipped = sections.filter((s) => s.section.status === 'skipped');
    if (skipped.length > 0) console.error(`${skipped.length} task(s) skipped: ${skipped.map((s) => `${s.id} (${s.section.skipReason})`).join('; ')}`);
    return { rows, sections, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await pool.close();
  }
}

function print(title: string, taskCount: number, rows: readonly Row[], seconds: number): void {
  const pct = (n: number, d: number): string => (d === 0 ? '     -' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
  console.log(`\n${title}: ${taskCount} HumanEval tasks, ${seconds.toFixed(1)} s`);
  console.log('operator                         tasks mutants /task  killed survived  surv%  killable possibly-eq other');
  const line = (name: string, tasks: number | string, c: MutationCounts): void => {
    const other = c.unconfirmed + c.unsorted;
    console.log(
      `${name.padEnd(32)} ${String(tasks).padStart(5)} ${String(c.total).padStart(7)} ${(c.total / taskCount).toFixed(2).padStart(5)} ${String(c.killed + c.timeout).padStart(7)} ${String(c.survived).padStart(8)} ${pct(c.survived, c.total - c.error)} ${String(c.killable).padStart(9)} ${String(c.possiblyEquivalent).padStart(11)} ${String(other).padStart(5)}`,
    );
  };
  for (const r of rows) line(r.operator, r.tasks, r.counts);
  const sum = (k: keyof MutationCounts): number => rows.reduce((a, r) => a + r.counts[k], 0);
  const total = Object.fromEntries((['total', 'killed', 'survived', 'timeout', 'error', 'killable', 'unconfirmed', 'possiblyEquivalent', 'unsorted'] as const).map((k) => [k, sum(k)])) as unknown as MutationCounts;
  line('all', '', total);
  console.log('(killed includes timeouts; surv% = survived / (total - errors); killable = a survivor that differs from the reference on a checked input)');
}

const tasks = (await loadDataFile(join(data, 'humaneval', 'HumanEval.jsonl.gz'), { adapter: 'humaneval', benchmark: 'humaneval' })).slice(0, limit);
const plus = await loadDataFile(join(data, 'evalplus', 'HumanEvalPlus.jsonl.gz'), { adapter: 'evalplus', benchmark: 'humaneval-plus' });
const plusById = new Map(plus.map((t) => [t.id, t]));

const mistakes = await run(tasks, plusById, plausibleMistakeOperatorNames);
print('plausible-mistake operators', tasks.length, mistakes.rows, mistakes.seconds);
if (survivorsFile !== undefined) {
  const survivors = mistakes.sections.flatMap((s) => (s.section.survivors ?? []).map((m) => ({ task: s.id, id: m.id, operator: m.operator, verdict: m.verdict, diff: m.diff })));
  writeFileSync(survivorsFile, `${JSON.stringify(survivors, null, 2)}\n`);
  console.log(`${survivors.length} survivors written to ${survivorsFile}`);
}
if (args.includes('--standard')) {
  const standard = await run(tasks, plusById, mutationOperatorNames);
  print('standard operators (the audit default)', tasks.length, standard.rows, standard.seconds);
  const killableTasks = (sections: readonly { id: string; section: MutationTask }[]): Set<string> =>
    new Set(sections.filter((x) => x.section.counts.killable > 0).map((x) => x.id));
  const withMistakes = killableTasks(mistakes.sections);
  const withStandard = killableTasks(standard.sections);
  const only = [...withMistakes].filter((id) => !withStandard.has(id));
  console.log(
    `\ntasks with a killable survivor: ${withStandard.size} standard, ${withMistakes.size} plausible-mistake, ${only.length} of them with none among the standard mutants${only.length > 0 ? ` (${only.join(', ')})` : ''}`,
  );
}
