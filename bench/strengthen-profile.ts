/**
 * Where the strengthened suite's time goes, per task: jobs by role (reference outputs, wrong programs' kill runs,
 * coverage traces), calls made, candidate inputs x wrong programs, and the sandbox's CPU time per role, beside the
 * mutation check's own jobs. Counts do not depend on load; CPU times do only a little, wall times a lot.
 *
 *   npx tsx bench/strengthen-profile.ts [--limit N] [--tasks 0,12,140] [--no-sibling]
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import { DEFAULT_MUTATION_CONFIG } from '../src/checks/mutation/config.js';
import { pythonCompiles } from '../src/checks/mutation/compile-check.js';
import { generateMutants, sampleMutants, solutionRegion } from '../src/checks/mutation/generate.js';
import { mutationOperators } from '../src/checks/mutation/operators/index.js';
import { loadPythonParser } from '../src/checks/mutation/python-parser.js';
import { analyseTask } from '../src/checks/mutation/run.js';
import { strengthenTask } from '../src/checks/mutation/strengthen-run.js';
import { loadDataFile } from '../src/datasets/load.js';
import { createSandboxPool } from '../src/sandbox/pool.js';
import type { CallJob, JobResult, SandboxJob } from '../src/sandbox/types.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const data = flag('--data-dir') ?? join(import.meta.dirname, '..', '..', 'shared', 'data');
const limit = flag('--limit') ? Number(flag('--limit')) : 10;
const only = flag('--tasks')?.split(',');
const sibling = !args.includes('--no-sibling');
const number = (id: string) => /(\d+)$/.exec(id)![1];

const he = await loadDataFile(join(data, 'humaneval/HumanEval.jsonl.gz'), { benchmark: 'humaneval' });
const plusById = new Map((await loadDataFile(join(data, 'evalplus/HumanEvalPlus.jsonl.gz'), { benchmark: 'humaneval-plus' })).map((t) => [number(t.id), t]));
let tasks = he.filter((t) => only === undefined || only.includes(number(t.id)));
tasks = tasks.slice(0, limit);

interface Row { jobs: number; calls: number; cpuMs: number; wallMs: number }
const roles = new Map<string, Row>();
const phase = new AsyncLocalStorage<string>();
const roleOf = (job: SandboxJob): string => {
  const p = phase.getStore() ?? 'mutation';
  if (job.kind === 'call') {
    const c = job as CallJob;
    return `${p}:call${c.digests ? '-reference' : c.expectDigests ? (c.stopOnDifference ? '-kill-stopping' : '-kill-rest') : ''}`;
  }
  return `${p}:${job.kind}${job.kind === 'tests' && job.coverage ? '-coverage' : ''}`;
};

const parser = await loadPythonParser();
const pool = createSandboxPool({});
const config = { ...DEFAULT_MUTATION_CONFIG };
const operators = mutationOperators.filter((o) => config.operators.includes(o.name));
const run = async (job: SandboxJob): Promise<JobResult> => {
  const r = await pool.run(job);
  const role = roleOf(job);
  const row = roles.get(role) ?? { jobs: 0, calls: 0, cpuMs: 0, wallMs: 0 };
  row.jobs++;
  if (job.kind === 'call' && (job as CallJob).stopOnDifference && phase.getStore() === 'strengthen') {
    const key = job.program.candidate;
    if (firstRuns.has(key)) duplicates++;
    firstRuns.add(key);
  }
  row.calls += job.kind === 'call' ? r.outputs.length : 0;
  row.cpuMs += r.cpuMs ?? 0;
  row.wallMs += r.durationMs;
  roles.set(role, row);
  return r;
};
const runtime = new Proxy(pool, { get: (t, k) => (k === 'run' ? run : Reflect.get(t, k)) });
let wrongTimesInputs = 0;
const firstRuns = new Set<string>();
let duplicates = 0;
try {
  const t0 = performance.now();
  await Promise.all(tasks.map(async (task) => {
    const { region } = solutionRegion(task);
    const g = generateMutants(parser, task.solution, region, { operators });
    const ok = pythonCompiles(g.mutants.map((m) => m.source), {});
    const valid = g.mutants.filter((_, k) => ok[k]);
    const sampled = sampleMutants(valid, config.maxMutantsPerTask > 0 ? config.maxMutantsPerTask : undefined, 0, task.id);
    const mutants = { ...g, warnings: [], mutants: sampled, uncompilable: g.mutants.length - valid.length, sampledOut: valid.length - sampled.length };
    const plusTask = sibling ? plusById.get(number(task.id)) : undefined;
    const a = await analyseTask({
      task, plusTask, mutants, config, seed: 0, parser, pool: runtime,
      strengthen: (ctx) => phase.run('strengthen', () => strengthenTask(ctx)),
    });
    const s = a.section.strengthened;
    if (s) wrongTimesInputs += s.wrongPrograms.total * Math.min(s.candidates.confirmed, 64);
    console.log(`${task.id}: mutants ${sampled.length}, wrong programs ${s?.wrongPrograms.total ?? '-'}, candidates ${s?.candidates.total ?? '-'} (confirmed ${s?.candidates.confirmed ?? '-'}), suite ${s?.inputs.length ?? '-'}`);
  }));
  const ms = performance.now() - t0;
  console.log(`\n${tasks.length} tasks, ${(ms / 1000).toFixed(1)} s wall; wrong programs x tried inputs (upper bound) ${wrongTimesInputs}`);
  console.log(`wrong programs run whose source another already had: ${duplicates}`);
  console.log('role'.padEnd(36), 'jobs'.padStart(6), 'calls'.padStart(8), 'cpu s'.padStart(8), 'job wall s'.padStart(11));
  for (const [role, r] of [...roles].sort()) console.log(role.padEnd(36), String(r.jobs).padStart(6), String(r.calls).padStart(8), (r.cpuMs / 1000).toFixed(1).padStart(8), (r.wallMs / 1000).toFixed(1).padStart(11));
} finally {
  await pool.close();
}
