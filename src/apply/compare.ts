/**
 * "Is 88% vs 85% a real difference?": two models' results on the same benchmark, compared task by task on every suite
 * both have (the benchmark's tests, EvalPlus's, the audit's strengthened tests) and on the audit's clean subset, with a
 * paired bootstrap interval and a paired permutation test. Pure: results and report in, figures and sentences out.
 */
import type { AuditReport } from '../model/types.generated.js';
import { perTaskPassAtK, SUITES, subsetMembers, tallyResults, type SampleResult, type Suite } from './rescore.js';
import { CONFIDENCE, PASS_AT_K, pairedComparison, SIGNIFICANCE, type PairedComparison } from './statistics.js';

/** The subsets a comparison reports: every task, and the tasks the audit found nothing wrong with. */
const COMPARED_SUBSETS = ['all', 'clean'] as const;
type ComparedSubset = (typeof COMPARED_SUBSETS)[number];

export interface ComparisonRow {
  subset: ComparedSubset;
  suite: Suite;
  k: number;
  comparison: PairedComparison | null;
}

export interface Comparison {
  benchmark: string;
  models: [string, string];
  seed: number;
  confidence: number;
  significance: number;
  rows: ComparisonRow[];
  /** Plain sentences: which differences are significant, and where the ranking flips between suites. */
  conclusions: string[];
  /** Result task ids the audit does not have, per model. */
  unmatchedResults: [string[], string[]];
}

const points = (x: number) => `${x >= 0 ? '+' : '\u2212'}${Math.abs(x * 100).toFixed(1)}`;
const SUITE_NAMES: Record<Suite, string> = { original: "the benchmark's tests", plus: "EvalPlus's tests", strengthened: 'the strengthened tests' };
const SUBSET_NAMES: Record<ComparedSubset, string> = { all: 'all tasks', clean: 'the clean tasks' };

/** Per-task pass@k of both models on the tasks both have results for (and enough samples for k). */
function paired(perA: ReturnType<typeof tallyResults>['perTask'], perB: ReturnType<typeof tallyResults>['perTask'], ids: readonly string[], suite: Suite, k: number) {
  const both = ids.filter((id) => perA.get(id)?.[suite] !== undefined && perB.get(id)?.[suite] !== undefined);
  const a = perTaskPassAtK(perA, both, suite, k);
  const b = perTaskPassAtK(perB, both, suite, k);
  return a === undefined || b === undefined ? undefined : { a, b };
}

export function compareModels(report: AuditReport, a: readonly SampleResult[], b: readonly SampleResult[], options: { seed: number; names?: [string, string] }): Comparison {
  const models = options.names ?? ['A', 'B'];
  const ta = tallyResults(report, a);
  const tb = tallyResults(report, b);
  const has = (per: typeof ta.perTask, suite: Suite) => [...per.values()].some((t) => t[suite] !== undefined);
  const suites = SUITES.filter((s) => has(ta.perTask, s) && has(tb.perTask, s));
  const members = new Map(subsetMembers(report).map((m) => [m.subset, m.ids]));
  const rows: ComparisonRow[] = [];
  for (const subset of COMPARED_SUBSETS) {
    for (const suite of suites) {
      for (const k of PASS_AT_K) {
        const scores = paired(ta.perTask, tb.perTask, members.get(subset)!, suite, k);
        if (scores === undefined) {
          if (k === 1) rows.push({ subset, suite, k, comparison: null });
          continue;
        }
        rows.push({ subset, suite, k, comparison: pairedComparison(scores.a, scores.b, { seed: options.seed, key: `compare\0${subset}\0${suite}\0${k}` }) });
      }
    }
  }
  return {
    benchmark: report.benchmark.id,
    models: [...models] as [string, string],
    seed: options.seed,
    confidence: CONFIDENCE,
    significance: SIGNIFICANCE,
    rows,
    conclusions: conclusions(rows, models),
    unmatchedResults: [ta.unmatched, tb.unmatched],
  };
}

function conclusions(rows: readonly ComparisonRow[], [nameA, nameB]: readonly [string, string]): string[] {
  const out: string[] = [];
  const level = `${Math.round(CONFIDENCE * 100)}%`;
  for (const r of rows) {
    if (r.k !== 1) continue;
    const where = `pass@1 on ${SUBSET_NAMES[r.subset]}, ${SUITE_NAMES[r.suite]}`;
    const c = r.comparison;
    if (c === null) {
      out.push(`${where}: no task has results from both models.`);
      continue;
    }
    const diff = `${nameA} \u2212 ${nameB} = ${points(c.difference.value)} points (${level} interval ${points(c.difference.low)} to ${points(c.difference.high)}, p = ${c.pValue}, ${c.tasks} tasks)`;
    if (!c.significant) out.push(`${where}: ${diff}; not significant at ${SIGNIFICANCE}: the data do not tell the two models apart.`);
    else out.push(`${where}: ${diff}; ${c.difference.value > 0 ? nameA : nameB} is ahead, significant at ${SIGNIFICANCE}.`);
  }
  // A flip: the leader on the benchmark's own tests trails on a stricter suite of the same tasks.
  for (const subset of COMPARED_SUBSETS) {
    const base = rows.find((r) => r.subset === subset && r.suite === 'original' && r.k === 1)?.comparison;
    if (!base || base.difference.value === 0) continue;
    for (const suite of ['plus', 'strengthened'] as const) {
      const strict = rows.find((r) => r.subset === subset && r.suite === suite && r.k === 1)?.comparison;
      if (!strict || Math.sign(strict.difference.value) !== -Math.sign(base.difference.value)) continue;
      const leader = base.difference.value > 0 ? nameA : nameB;
      const other = leader === nameA ? nameB : nameA;
      out.push(
        `The ranking flips on ${SUBSET_NAMES[subset]}: ${leader} leads on the benchmark's tests (${points(base.difference.value)}), ${other} on ${SUITE_NAMES[suite]} (${points(strict.difference.value)})` +
          (strict.significant ? '.' : `; the reversed difference is not significant at ${SIGNIFICANCE}.`),
      );
    }
  }
  return out;
}

/** The comparison for a paper or a pull request: a table and the conclusions. */
export function renderComparisonMarkdown(c: Comparison): string {
  const [nameA, nameB] = c.models;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `# ${nameA} vs ${nameB} on \`${c.benchmark}\``,
    '',
    `Paired over tasks; ${Math.round(c.confidence * 100)}% bootstrap intervals and sign-flip permutation p-values (seed ${c.seed}).`,
    '',
    `| subset | suite | pass@k | tasks | ${nameA} | ${nameB} | difference | interval | p | significant |`,
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of c.rows) {
    const x = r.comparison;
    lines.push(
      x === null
        ? `| ${r.subset} | ${r.suite} | ${r.k} | 0 | - | - | - | - | - | - |`
        : `| ${r.subset} | ${r.suite} | ${r.k} | ${x.tasks} | ${pct(x.a)} | ${pct(x.b)} | ${points(x.difference.value)} | ${points(x.difference.low)} to ${points(x.difference.high)} | ${x.pValue} | ${x.significant ? 'yes' : 'no'} |`,
    );
  }
  lines.push('', ...c.conclusions.map((s) => `- ${s}`), '');
  return lines.join('\n');
}
