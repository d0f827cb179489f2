/**
 * Mutation scores, their distribution over tasks, and the ranking of tasks by killable
 * survivors. Timeouts count as detected (as in Stryker and PIT: the tests did not accept the
 * mutant); errors (the harness could not judge the mutant) are left out of every denominator.
 * Possibly-equivalent survivors (no distinguishing input found within the budget) are left out
 * of the second score's denominator. Pure.
 */
import type { MutationCounts } from '../../model/types.generated.js';
import { naturalCompare } from '../../util/natural-compare.js';

export type MutantStatus = 'killed' | 'survived' | 'timeout' | 'error';
/** What differential testing made of a survivor; `unconfirmed` when only inputs that failed a witness check tell it apart; `unsorted` when it was not (or could not be) run. */
export type SurvivorVerdict = 'killable' | 'unconfirmed' | 'possibly-equivalent' | 'unsorted';

export interface MutantOutcome {
  operator: string;
  status: MutantStatus;
  /** Only for survivors. */
  verdict?: SurvivorVerdict;
}

/** Mutants by status and survivor verdict (schemas/audit.schema.json `mutationCounts`). */
export type { MutationCounts } from '../../model/types.generated.js';

export function emptyCounts(): MutationCounts {
  return { total: 0, killed: 0, survived: 0, timeout: 0, error: 0, killable: 0, unconfirmed: 0, possiblyEquivalent: 0, unsorted: 0 };
}

function add(counts: MutationCounts, o: MutantOutcome): void {
  counts.total++;
  counts[o.status]++;
  if (o.status === 'survived') {
    const verdict = o.verdict ?? 'unsorted';
    if (verdict === 'killable') counts.killable++;
    else if (verdict === 'unconfirmed') counts.unconfirmed++;
    else if (verdict === 'possibly-equivalent') counts.possiblyEquivalent++;
    else counts.unsorted++;
  }
}

export function countOutcomes(outcomes: readonly MutantOutcome[]): MutationCounts {
  const counts = emptyCounts();
  for (const o of outcomes) add(counts, o);
  return counts;
}

export function sumCounts(all: readonly MutationCounts[]): MutationCounts {
  const out = emptyCounts();
  for (const c of all) for (const k of Object.keys(out) as Array<keyof MutationCounts>) out[k] += c[k];
  return out;
}

/** Per-operator counts, keys in code-point order. */
export function countsByOperator(outcomes: readonly MutantOutcome[]): Record<string, MutationCounts> {
  const map = new Map<string, MutationCounts>();
  for (const o of outcomes) {
    let c = map.get(o.operator);
    if (c === undefined) map.set(o.operator, (c = emptyCounts()));
    add(c, o);
  }
  return Object.fromEntries([...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Scores are rounded to this many decimals so reports stay readable and byte-stable. */
export const SCORE_DECIMALS = 4;

export function roundScore(x: number): number {
  const f = 10 ** SCORE_DECIMALS;
  return Math.round(x * f) / f;
}

export interface MutationScores {
  /** (killed + timeout) / (killed + timeout + survived); null when no mutant was judged. */
  score: number | null;
  /** The same with possibly-equivalent survivors removed from the denominator. */
  scoreExcludingEquivalent: number | null;
}

export function mutationScores(c: MutationCounts): MutationScores {
  const detected = c.killed + c.timeout;
  const judged = detected + c.survived;
  const withoutEquivalent = judged - c.possiblyEquivalent;
  return {
    score: judged === 0 ? null : roundScore(detected / judged),
    scoreExcludingEquivalent: withoutEquivalent === 0 ? null : roundScore(detected / withoutEquivalent),
  };
}

/** Histogram width: ten buckets of 0.1 ([0, 0.1), ..., [0.9, 1.0]). */
export const DISTRIBUTION_BUCKETS = 10;

export interface ScoreDistribution {
  /** Tasks per score bucket; the last bucket includes 1.0. */
  buckets: Array<{ from: number; to: number; tasks: number }>;
  tasks: number;
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

export function scoreDistribution(scores: readonly number[]): ScoreDistribution {
  const buckets = Array.from({ length: DISTRIBUTION_BUCKETS }, (_, i) => ({
    from: roundScore(i / DISTRIBUTION_BUCKETS),
    to: roundScore((i + 1) / DISTRIBUTION_BUCKETS),
    tasks: 0,
  }));
  for (const s of scores) buckets[Math.min(DISTRIBUTION_BUCKETS - 1, Math.floor(s * DISTRIBUTION_BUCKETS))].tasks++;
  if (scores.length === 0) return { buckets, tasks: 0, mean: null, median: null, min: null, max: null };
  const sorted = [...scores].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return {
    buckets,
    tasks: scores.length,
    mean: roundScore(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    median: roundScore(median),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

export interface TaskRank {
  taskId: string;
  killable: number;
  survived: number;
  score: number | null;
}

/** Tasks with at least one killable survivor, most first; ties by more survivors, then task id. */
export function rankByKillableSurvivors(tasks: readonly TaskRank[]): TaskRank[] {
  return tasks
    .filter((t) => t.killable > 0)
    .sort((a, b) => b.killable - a.killable || b.survived - a.survived || naturalCompare(a.taskId, b.taskId));
}
