/**
 * "Your 85% is 78% on clean tasks": a model's per-task results re-scored on the subsets an audit
 * flags. Pure: results and report in, figures out. pass@1 per task is the fraction of its samples
 * that passed (the unbiased estimator for k = 1, Chen et al. 2021); a subset's pass@1 is the mean
 * over its tasks.
 */
import { FINDING_KINDS, RESCORE_SUBSETS, type RescoreSubset } from '../model/finding-kinds.js';
import { naturalCompare } from '../util/natural-compare.js';
import type { AuditReport } from '../model/types.generated.js';

export type SubsetName = RescoreSubset;

/** One sample's outcome; `plus` only for EvalPlus results. */
export interface SampleResult {
  taskId: string;
  passed: boolean;
  plusPassed?: boolean;
}

export interface SubsetScore {
  subset: 'all' | 'clean' | SubsetName;
  tasks: number;
  samples: number;
  passAt1: number | null;
  plusPassAt1?: number | null;
}

export interface Rescore {
  benchmark: string;
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

/** Figures are rounded to 6 decimals so they print and compare stably. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

export function rescore(report: AuditReport, results: readonly SampleResult[]): Rescore {
  const known = new Set(report.tasks.map((t) => t.id));
  const perTask = new Map<string, { n: number; pass: number; plusN: number; plusPass: number }>();
  const unmatched = new Set<string>();
  for (const r of results) {
    const id = matchTaskId(r.taskId, known);
    if (id === undefined) {
      unmatched.add(r.taskId);
      continue;
    }
    const t = perTask.get(id) ?? { n: 0, pass: 0, plusN: 0, plusPass: 0 };
    t.n++;
    if (r.passed) t.pass++;
    if (r.plusPassed !== undefined) {
      t.plusN++;
      if (r.plusPassed) t.plusPass++;
    }
    perTask.set(id, t);
  }
  const flagged = new Map<string, Set<SubsetName>>();
  for (const task of report.tasks) {
    const in_ = new Set<SubsetName>();
    for (const f of task.findings) {
      const subset = FINDING_KINDS[f.kind].subset;
      if (f.severity !== 'info' && subset !== null) in_.add(subset);
    }
    flagged.set(task.id, in_);
  }
  const hasPlus = [...perTask.values()].some((t) => t.plusN > 0);
  const score = (subset: SubsetScore['subset'], ids: string[]): SubsetScore => {
    const scored = ids.filter((id) => perTask.has(id));
    const mean = (f: (t: { n: number; pass: number; plusN: number; plusPass: number }) => number | undefined) => {
      const values = scored.map((id) => f(perTask.get(id)!)).filter((v): v is number => v !== undefined);
      return values.length === 0 ? null : round(values.reduce((a, b) => a + b, 0) / values.length);
    };
    return {
      subset,
      tasks: scored.length,
      samples: scored.reduce((a, id) => a + perTask.get(id)!.n, 0),
      passAt1: mean((t) => t.pass / t.n),
      ...(hasPlus ? { plusPassAt1: mean((t) => (t.plusN === 0 ? undefined : t.plusPass / t.plusN)) } : {}),
    };
  };
  const ids = report.tasks.map((t) => t.id);
  const subsets: SubsetScore[] = [score('all', ids), score('clean', ids.filter((id) => flagged.get(id)!.size === 0))];
  for (const name of RESCORE_SUBSETS) subsets.push(score(name, ids.filter((id) => flagged.get(id)!.has(name))));
  return {
    benchmark: report.benchmark.id,
    subsets,
    unmatchedResults: [...unmatched].sort(naturalCompare),
    tasksWithoutResults: ids.filter((id) => !perTask.has(id)).length,
  };
}
