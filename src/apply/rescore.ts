/**
 * "Your 85% is 78% on clean tasks": a model's per-task results re-scored on the subsets an audit
 * flags. Pure: results and report in, figures out. A task's pass@k is the unbiased estimator of Chen et al. 2021;
 * a subset's is the mean over its tasks, with a bootstrap interval over tasks.
 */
import { FINDING_KINDS, RESCORE_SUBSETS, type RescoreSubset } from '../model/finding-kinds.js';
import { DEFAULT_SEED } from '../model/defaults.generated.js';
import type { AuditReport } from '../model/types.generated.js';
import { naturalCompare } from '../util/natural-compare.js';
import { bootstrapMean, CONFIDENCE, PASS_AT_K, passAtK, type Estimate } from './statistics.js';

export type SubsetName = RescoreSubset;

/** The test suite a pass was decided on: the benchmark's own, EvalPlus's base+plus, or the audit's strengthened tests. */
export type Suite = 'original' | 'plus' | 'strengthened';
export const SUITES: readonly Suite[] = ['original', 'plus', 'strengthened'];

/** One sample's outcome; `plusPassed` only for EvalPlus results, `strengthenedPassed` only for re-run samples. */
export interface SampleResult {
  taskId: string;
  passed: boolean;
  plusPassed?: boolean;
  strengthenedPassed?: boolean;
}

/** pass@k of one suite on one subset of tasks, with its bootstrap interval (null when some task has fewer than k samples). */
export interface SuiteScore {
  suite: Suite;
  k: number;
  estimate: Estimate | null;
}

export interface SubsetScore {
  subset: 'all' | 'clean' | SubsetName;
  tasks: number;
  samples: number;
  passAt1: number | null;
  plusPassAt1?: number | null;
  scores: SuiteScore[];
}

export interface Rescore {
  benchmark: string;
  /** The seed of the bootstrap resampling (the figures are reproducible with it). */
  seed: number;
  confidence: number;
  subsets: SubsetScore[];
  /** Result task ids the audit does not have, and audited tasks with no result. */
  unmatchedResults: string[];
  tasksWithoutResults: number;
}

/** Results may name MBPP tasks "Mbpp/12" where the audit says "12" (or the reverse). */
export function matchTaskId(id: string, known: Set<string>): string | undefined {
  if (known.has(id)) return id;
  const n = /(\d+)$/.exec(id)?.[1];
  if (n === undefined) return undefined;
  for (const candidate of [n, `Mbpp/${n}`]) if (known.has(candidate)) return candidate;
  return undefined;
}

/** Samples and passes of one task on each suite that has results. */
export type TaskCounts = Partial<Record<Suite, { n: number; c: number }>>;

export interface TaskTally {
  perTask: Map<string, TaskCounts>;
  unmatched: string[];
}

/** Count each task's samples and passes per suite; result ids matched to the audit's task ids. */
export function tallyResults(report: AuditReport, results: readonly SampleResult[]): TaskTally {
  const known = new Set(report.tasks.map((t) => t.id));
  const perTask = new Map<string, TaskCounts>();
  const unmatched = new Set<string>();
  for (const r of results) {
    const id = matchTaskId(r.taskId, known);
    if (id === undefined) {
      unmatched.add(r.taskId);
      continue;
    }
    const t = perTask.get(id) ?? {};
    const add = (suite: Suite, passed: boolean | undefined) => {
      if (passed === undefined) return;
      const s = (t[suite] ??= { n: 0, c: 0 });
      s.n++;
      if (passed) s.c++;
    };
    add('original', r.passed);
    add('plus', r.plusPassed);
    add('strengthened', r.strengthenedPassed);
    perTask.set(id, t);
  }
  return { perTask, unmatched: [...unmatched].sort(naturalCompare) };
}

/** Audited tasks by rescore subset: the subsets a task's non-info findings place it in; clean = none. */
export function subsetMembers(report: AuditReport): { subset: SubsetScore['subset']; ids: string[] }[] {
  const flagged = new Map<string, Set<SubsetName>>();
  for (const task of report.tasks) {
    const in_ = new Set<SubsetName>();
    for (const f of task.findings) {
      const subset = FINDING_KINDS[f.kind].subset;
      if (f.severity !== 'info' && subset !== null) in_.add(subset);
    }
    flagged.set(task.id, in_);
  }
  const ids = report.tasks.map((t) => t.id);
  return [
    { subset: 'all', ids },
    { subset: 'clean', ids: ids.filter((id) => flagged.get(id)!.size === 0) },
    ...RESCORE_SUBSETS.map((name) => ({ subset: name, ids: ids.filter((id) => flagged.get(id)!.has(name)) })),
  ];
}

/** Per-task pass@k of one suite over the given tasks, or undefined when a task lacks results or has fewer than k samples. */
export function perTaskPassAtK(perTask: Map<string, TaskCounts>, ids: readonly string[], suite: Suite, k: number): number[] | undefined {
  const values: number[] = [];
  for (const id of ids) {
    const counts = perTask.get(id)?.[suite];
    if (counts === undefined) continue;
    const v = passAtK(counts.n, counts.c, k);
    if (v === undefined) return undefined;
    values.push(v);
  }
  return values;
}

export function rescore(report: AuditReport, results: readonly SampleResult[], options: { seed?: number } = {}): Rescore {
  const seed = options.seed ?? DEFAULT_SEED;
  const { perTask, unmatched } = tallyResults(report, results);
  const suites = SUITES.filter((s) => [...perTask.values()].some((t) => t[s] !== undefined));
  const score = (subset: SubsetScore['subset'], ids: string[]): SubsetScore => {
    const scored = ids.filter((id) => perTask.has(id));
    const scores: SuiteScore[] = [];
    for (const suite of suites) {
      for (const k of PASS_AT_K) {
        const values = perTaskPassAtK(perTask, scored, suite, k);
        // pass@k with k above every task's sample count is not a figure at all; below it, null says "not for all tasks".
        if (k > 1 && values === undefined && scored.every((id) => (perTask.get(id)![suite]?.n ?? 0) < k)) continue;
        scores.push({ suite, k, estimate: values === undefined ? null : bootstrapMean(values, { seed, key: `${subset}\0${suite}\0${k}` }) });
      }
    }
    const at1 = (suite: Suite) => scores.find((s) => s.suite === suite && s.k === 1)?.estimate?.value ?? null;
    return {
      subset,
      tasks: scored.length,
      samples: scored.reduce((a, id) => a + (perTask.get(id)!.original?.n ?? 0), 0),
      passAt1: at1('original'),
      ...(suites.includes('plus') ? { plusPassAt1: at1('plus') } : {}),
      scores,
    };
  };
  return {
    benchmark: report.benchmark.id,
    seed,
    confidence: CONFIDENCE,
    subsets: subsetMembers(report).map(({ subset, ids }) => score(subset, ids)),
    unmatchedResults: unmatched,
    tasksWithoutResults: report.tasks.filter((t) => !perTask.has(t.id)).length,
  };
}
