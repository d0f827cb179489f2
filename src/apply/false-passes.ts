/**
 * False passes: a model's samples that pass a benchmark's own tests but fail the strengthened
 * tests (the original tests plus the mutation check's killing asserts). Samples run only in the
 * sandbox.
 */
import { executionConfigOf } from '../audit/config.js';
import { loadRequestTasks, requestFromReport } from '../audit/request.js';
import { createSandboxPool, type SandboxPool } from '../sandbox/pool.js';
import { testsJob } from '../sandbox/jobs.js';
import type { Task } from '../model/task.js';
import { naturalCompare } from '../util/natural-compare.js';
import { killingAsserts, strengthenedCheckCode } from './export.js';
import { matchTaskId } from './rescore.js';
import type { AuditReport } from '../model/types.generated.js';

export interface Sample {
  taskId: string;
  /** A completion of the prompt (human-eval samples), or a whole program (EvalPlus `solution`). */
  completion?: string;
  solution?: string;
}

export interface FalsePassSummary {
  samples: number;
  /** Samples of tasks that have killing asserts (the only ones that can turn into false passes). */
  samplesWithStrongerTests: number;
  passedOriginal: number;
  passedStrengthened: number;
  falsePasses: number;
  /** Per task with at least one false pass: how many, out of how many original passes. */
  tasks: { taskId: string; falsePasses: number; passedOriginal: number }[];
  unmatchedSamples: string[];
}

/** The task with the killing asserts appended to its tests. */
export function strengthenTask(task: Task, asserts: readonly string[]): Task {
  if (asserts.length === 0) return task;
  const t = task.tests;
  return {
    ...task,
    tests:
      t.kind === 'check-function'
        ? { ...t, code: strengthenedCheckCode(t.code, asserts, t.checkFunction) }
        : t.kind === 'script'
          ? { ...t, code: [t.code, ...asserts].join('\n') }
          : { ...t, asserts: [...t.asserts, ...asserts] },
  };
}

/** The program a sample stands for: a whole solution, or the prompt completed by it. */
export function sampleProgram(task: Task, sample: Sample): string {
  if (sample.solution !== undefined) return sample.solution;
  const completion = sample.completion ?? '';
  // Benchmarks whose reference completes the prompt (HumanEval) take completions; others (MBPP) whole programs.
  return task.solution !== task.canonicalSolution ? task.prompt + completion : completion;
}

export async function countFalsePasses(report: AuditReport, tasks: readonly Task[], samples: readonly Sample[], pool: SandboxPool, limits: { timeoutMs: number; memoryBytes: number }): Promise<FalsePassSummary> {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const asserts = new Map(report.tasks.map((t) => [t.id, killingAsserts(t)]));
  const known = new Set(byId.keys());
  const unmatched = new Set<string>();
  const runs: { taskId: string; original: number; strengthened?: number }[] = [];
  const jobs = [];
  for (const sample of samples) {
    const id = matchTaskId(sample.taskId, known);
    if (id === undefined) {
      unmatched.add(sample.taskId);
      continue;
    }
    const task = byId.get(id)!;
    const candidate = sampleProgram(task, sample);
    const run: (typeof runs)[number] = { taskId: id, original: jobs.length };
    jobs.push(testsJob(task, { candidate, ...limits }));
    const extra = asserts.get(id) ?? [];
    if (extra.length > 0) {
      run.strengthened = jobs.length;
      jobs.push(testsJob(strengthenTask(task, extra), { candidate, ...limits }));
    }
    runs.push(run);
  }
  const results = await pool.runAll(jobs);
  const passed = (i: number | undefined) => i !== undefined && results[i].verdict.status === 'passed';
  const perTask = new Map<string, { falsePasses: number; passedOriginal: number }>();
  let passedOriginal = 0;
  let passedStrengthened = 0;
  let falsePasses = 0;
  for (const r of runs) {
    const original = passed(r.original);
    const strong = r.strengthened === undefined ? original : passed(r.strengthened);
    const entry = perTask.get(r.taskId) ?? { falsePasses: 0, passedOriginal: 0 };
    if (original) {
      passedOriginal++;
      entry.passedOriginal++;
    }
    if (strong && original) passedStrengthened++;
    if (original && !strong) {
      falsePasses++;
      entry.falsePasses++;
    }
    perTask.set(r.taskId, entry);
  }
  return {
    samples: runs.length,
    samplesWithStrongerTests: runs.filter((r) => r.strengthened !== undefined).length,
    passedOriginal,
    passedStrengthened,
    falsePasses,
    tasks: [...perTask.entries()].filter(([, v]) => v.falsePasses > 0).map(([taskId, v]) => ({ taskId, ...v })).sort((a, b) => naturalCompare(a.taskId, b.taskId)),
    unmatchedSamples: [...unmatched].sort(naturalCompare),
  };
}

/**
 * Re-run a model's samples against the strengthened tests of the audited benchmark: the benchmark
 * as the report recorded it (same data revision), in a sandbox pool with the report's limits.
 */
export async function rescoreSamples(report: AuditReport, samples: readonly Sample[], options: { python?: string; log?: (message: string) => void } = {}): Promise<FalsePassSummary> {
  const loaded = await loadRequestTasks(requestFromReport(report, options.python), options.log ?? (() => {}));
  const execution = executionConfigOf(report.config);
  const pool = createSandboxPool({ ...(options.python ? { python: options.python } : {}), isolation: execution.isolation });
  try {
    return await countFalsePasses(report, loaded.tasks, samples, pool, { timeoutMs: execution.timeLimitMs, memoryBytes: execution.memoryLimitMb * 1024 * 1024 });
  } finally {
    await pool.close();
  }
}
