/**
 * Where one task's mutation analysis spends its sandbox time: every job the check runs, grouped by the stage that
 * ran it (the mutation files' functions on the stack), with its summed wall and CPU time and how its calls ended.
 *
 *   npx tsx bench/sorting-profile.ts --tasks 24,32 [--mbpp | --humaneval] [--top N]
 */
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { DEFAULT_MUTATION_CONFIG, runMutationCheck } from '../src/checks/mutation/index.js';
import { loadDataFile } from '../src/datasets/load.js';
import { silentProgress } from '../src/model/progress.js';
import { createSandboxPool } from '../src/sandbox/pool.js';
import type { CallOutput, JobResult, SandboxJob } from '../src/sandbox/types.js';
import type { Runtime } from '../src/sandbox/runtime.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const humaneval = args.includes('--humaneval');
const wanted = new Set((flag('--tasks') ?? '').split(',').filter((s) => s !== ''));
const data = join(import.meta.dirname, '..', '..', 'shared', 'data');

interface Row { stage: string; jobs: number; wallMs: number; cpuMs: number; calls: Record<string, number> }

/** The mutation files' functions on the stack, innermost first: which stage ran a job. */
function stageOf(stack: string | undefined): string {
  const names = (stack ?? '').split('\n').flatMap((l) => {
    const m = /at (?:async )?([\w.<>]+) \(.*checks\/mutation\/([\w-]+)\.ts/.exec(l);
    return m && !['<anonymous>', 'retryingLostWorkers', 'run'].includes(m[1]) ? [`${m[2]}:${m[1]}`] : [];
  });
  return [...new Set(names)].slice(0, 4).join(' < ') || '?';
}

const file = humaneval ? 'humaneval/HumanEval.jsonl.gz' : 'mbpp/mbpp.jsonl';
const tasks = (await loadDataFile(join(data, file), { adapter: humaneval ? 'humaneval' : 'mbpp', benchmark: humaneval ? 'humaneval' : 'mbpp' })).filter((t) => wanted.size === 0 || wanted.has(t.id));
const plus = await loadDataFile(join(data, humaneval ? 'evalplus/HumanEvalPlus.jsonl.gz' : 'evalplus/MbppPlus.jsonl.gz'), { adapter: 'evalplus', benchmark: humaneval ? 'humaneval-plus' : 'mbpp-plus' });
const plusById = new Map(plus.map((t) => [t.id, t]));
const plusId = (id: string) => (humaneval ? id : `Mbpp/${id}`);

for (const task of tasks) {
  const inner = createSandboxPool({ workers: availableParallelism() });
  const rows = new Map<string, Row>();
  const slowest: { stage: string; ms: number; cpu: number; job: string }[] = [];
  const run = async (job: SandboxJob): Promise<JobResult> => {
    const stage = stageOf(new Error().stack);
    const r = await inner.run(job);
    const row = rows.get(stage) ?? { stage, jobs: 0, wallMs: 0, cpuMs: 0, calls: {} };
    row.jobs++;
    row.wallMs += r.durationMs;
    row.cpuMs += r.cpuMs ?? 0;
    for (const o of (r.outputs ?? []) as CallOutput[]) {
      const k = o.status === 'timeout' ? `timeout:${o.reason ?? '?'}` : o.status;
      row.calls[k] = (row.calls[k] ?? 0) + 1;
    }
    rows.set(stage, row);
    const j = job as { kind: string; inputs?: unknown[]; perInputSteps?: number };
    const why = 'reason' in r.verdict ? `/${String(r.verdict.reason)}` : '';
    slowest.push({ stage, ms: r.durationMs, cpu: r.cpuMs ?? 0, job: `${j.kind} inputs=${j.inputs?.length ?? '-'} steps=${j.perInputSteps ?? '-'} verdict=${r.verdict.status}${why}` });
    return r;
  };
  const pool: Runtime = {
    language: inner.language,
    size: inner.size,
    isolation: inner.isolation,
    get stats() { return inner.stats; },
    run,
    runAll: (jobs, onResult) => Promise.all(jobs.map((j, i) => run(j).then((r) => (onResult?.(r, i), r)))),
    map: (items, toJob) => inner.map(items, toJob),
    measureIsolation: () => inner.measureIsolation(),
    info: () => inner.info(),
    close: () => inner.close(),
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const out = await runMutationCheck(
    { benchmark: humaneval ? 'humaneval' : 'mbpp', tasks: [task], config: { checks: ['mutation'], seed: 0, static: { fewTestsThreshold: 2 }, mutation: DEFAULT_MUTATION_CONFIG }, progress: silentProgress },
    { pool, plusTaskFor: (t) => plusById.get(plusId(t.id)) },
  );
  const wall = performance.now() - t0;
  await inner.close();
  const section = out.tasks[0].section as { counts?: unknown; inputs?: unknown } | undefined;
  console.log(`\n${task.id}: ${(wall / 1000).toFixed(1)} s wall, node CPU ${((process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6).toFixed(1)} s; counts ${JSON.stringify(section?.counts)}; inputs ${JSON.stringify(section?.inputs)}`);
  const all = [...rows.values()].sort((a, b) => b.wallMs - a.wallMs);
  for (const r of all) console.log(`  ${(r.wallMs / 1000).toFixed(1).padStart(8)} s wall ${(r.cpuMs / 1000).toFixed(1).padStart(8)} s cpu ${String(r.jobs).padStart(5)} jobs  ${r.stage}  ${JSON.stringify(r.calls)}`);
  for (const s of slowest.sort((a, b) => b.ms - a.ms).slice(0, Number(flag('--top') ?? 8))) console.log(`    ${(s.ms / 1000).toFixed(1)} s (cpu ${(s.cpu / 1000).toFixed(1)}) ${s.stage}: ${s.job}`);
}
