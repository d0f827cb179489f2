/**
 * The report's charts: findings by kind, tests per task, mutation score distribution and
 * contamination similarity. Each returns SVG markup, or null when its data is absent from the report.
 */
import { severityRank } from '../../model/order.js';
import type { AuditReport, Finding } from '../../model/types.generated.js';
import { barChart, columnChart, type Bin, type Series } from './svg.js';

/** Tests-per-task values up to this many distinct integers get one column each; more are grouped. */
const MAX_INTEGER_BINS = 25;
/** Grouped tests-per-task histograms aim at this many columns. */
const GROUPED_BINS = 20;
/** Similarity histogram: ten buckets of 0.1, the last including 1.0 (as the mutation distribution). */
const SIMILARITY_BUCKETS = 10;

export const SEVERITY_SERIES: Record<Finding['severity'], Series> = {
  error: { name: 'error', className: 'fill-error', fill: '#c62828' },
  warning: { name: 'warning', className: 'fill-warning', fill: '#d98a00' },
  info: { name: 'info', className: 'fill-info', fill: '#1f6fbf' },
};
const PRIMARY: Series = { name: 'tasks', className: 'fill-primary', fill: '#3b5bdb' };

/** Every finding in the report (benchmark-level and per task). */
export function allFindings(report: AuditReport): Finding[] {
  return [...report.findings, ...report.tasks.flatMap((t) => t.findings)];
}

export function findingsByKindChart(report: AuditReport): string {
  const kinds = new Map<string, { count: number; severity: Finding['severity'] }>();
  for (const f of allFindings(report)) {
    const k = kinds.get(f.kind) ?? { count: 0, severity: f.severity };
    k.count++;
    if (severityRank(f.severity) < severityRank(k.severity)) k.severity = f.severity;
    kinds.set(f.kind, k);
  }
  const bars = [...kinds.entries()]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .map(([kind, k]) => ({ label: kind, value: k.count, series: SEVERITY_SERIES[k.severity], href: `#kind=${encodeURIComponent(kind)}` }));
  const used = (['error', 'warning', 'info'] as const).filter((s) => bars.some((b) => b.series === SEVERITY_SERIES[s])).map((s) => SEVERITY_SERIES[s]);
  return barChart({
    id: 'chart-findings',
    title: 'Findings by kind',
    xLabel: 'findings',
    yLabel: 'finding kind',
    bars,
    legend: used.length > 1 ? used : [],
    emptyText: 'no findings',
  });
}

/** Integer histogram bins over [min, max]: one per value, or equal-width groups when the range is wide. */
export function integerBins(values: number[]): Bin[] {
  if (values.length === 0) return [];
  let min = values[0];
  let max = values[0];
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min + 1;
  const width = span <= MAX_INTEGER_BINS ? 1 : Math.ceil(span / GROUPED_BINS);
  const count = Math.ceil(span / width);
  const bins: Bin[] = Array.from({ length: count }, (_, i) => {
    const from = min + i * width;
    const to = from + width - 1;
    return { label: width === 1 ? String(from) : `${from}–${to}`, values: [0] };
  });
  for (const v of values) bins[Math.floor((v - min) / width)].values[0]++;
  return bins;
}

export function testsPerTaskChart(report: AuditReport): string | null {
  const values = report.tasks.flatMap((t) => (t.checks.static ? [t.checks.static.tests] : []));
  if (report.summary.checks.static === undefined && values.length === 0) return null;
  return columnChart({
    id: 'chart-tests',
    title: 'Tests per task',
    xLabel: 'tests per task',
    yLabel: 'tasks',
    bins: integerBins(values),
    series: [PRIMARY],
    emptyText: 'no tasks',
  });
}

export function mutationScoreChart(report: AuditReport): string | null {
  const m = report.summary.checks.mutation;
  if (m === undefined) return null;
  const buckets = m.distribution.buckets;
  return columnChart({
    id: 'chart-mutation',
    title: 'Mutation score distribution',
    xLabel: 'mutation score (killed ÷ judged mutants)',
    yLabel: 'tasks',
    bins: buckets.map((b) => ({ label: `${b.from.toFixed(1)}–${b.to.toFixed(1)}`, values: [b.tasks] })),
    edges: buckets.length > 0 ? [...buckets.map((b) => b.from.toFixed(1)), buckets[buckets.length - 1].to.toFixed(1)] : undefined,
    series: [PRIMARY],
    emptyText: 'no task with a judged mutant',
  });
}

function similarityBucket(s: number): number {
  return Math.min(SIMILARITY_BUCKETS - 1, Math.max(0, Math.floor(s * SIMILARITY_BUCKETS)));
}

export function contaminationSimilarityChart(report: AuditReport): string | null {
  if (report.summary.checks.contamination === undefined && !report.tasks.some((t) => t.checks.contamination)) return null;
  // Without a corpus there is no contamination to chart (duplicates and overlaps are in the score card).
  if (!report.config.contamination?.corpus) return null;
  const series: Series[] = [
    { name: 'corpus match', className: 'fill-s0', fill: '#c62828' },
    { name: 'in-benchmark duplicate', className: 'fill-s1', fill: '#d98a00' },
    { name: 'cross-benchmark', className: 'fill-s2', fill: '#1f6fbf' },
  ];
  const bins: Bin[] = Array.from({ length: SIMILARITY_BUCKETS }, (_, i) => ({
    label: `${(i / SIMILARITY_BUCKETS).toFixed(1)}–${((i + 1) / SIMILARITY_BUCKETS).toFixed(1)}`,
    values: [0, 0, 0],
  }));
  for (const t of report.tasks) {
    const c = t.checks.contamination;
    if (!c) continue;
    for (const m of c.matches) bins[similarityBucket(m.similarity)].values[0]++;
    for (const d of c.duplicates ?? []) bins[similarityBucket(d.similarity)].values[1]++;
    for (const o of c.overlaps ?? []) bins[similarityBucket(o.similarity)].values[2]++;
  }
  const used = [0, 1, 2].filter((s) => bins.some((b) => b.values[s] > 0));
  const keep = used.length > 0 ? used : [0];
  return columnChart({
    id: 'chart-contamination',
    title: 'Contamination: similarity of matches',
    xLabel: 'token similarity 2·LCS/(|a|+|b|)',
    yLabel: 'matches',
    bins: bins.map((b) => ({ label: b.label, values: keep.map((s) => b.values[s]) })),
    edges: Array.from({ length: SIMILARITY_BUCKETS + 1 }, (_, i) => (i / SIMILARITY_BUCKETS).toFixed(1)),
    series: keep.map((s) => series[s]),
    emptyText: 'no matches',
  });
}
