/**
 * The report's charts: findings by kind, tests per task, mutation score distribution and
 * contamination similarity. Each returns SVG markup, or null when its data is absent from the report.
 */
import { severityRank } from '../../model/order.js';
import type { AuditReport, Finding } from '../../model/types.generated.js';
import { barChart, columnChart, type Bin, type Series } from './svg.js';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Tests-per-task values up to this many distinct integers get one column each; more are grouped. */
const MAX_INTEGER_BINS = 25;
/** Grouped tests-per-task histograms aim at this many columns. */
const GROUPED_BINS = 20;
/** Similarity histogram: ten buckets of 0.1, the last including 1.0. */
const SIMILARITY_BUCKETS = 10;
/**
 * Mutation-score columns below 1.0: twenty of 0.05, so the tasks that matter (weak tests, low
 * scores) are spread out; exactly 1.0 (every judged mutant killed, most tasks) is a column of its own.
 */
const MUTATION_BUCKETS = 20;
/** Guards the bucket index against division error (0.95 * 20 = 18.999...); far below the scores' 4-decimal rounding. */
const BUCKET_EPSILON = 1e-9;

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
  return integerBinsOf(values.map((value) => ({ id: '', value }))).map(({ label, values: v }) => ({ label, values: v }));
}

/** As integerBins, each bin also selecting the tasks whose value falls in it. */
function integerBinsOf(items: { id: string; value: number }[], selectionPrefix = ''): Bin[] {
  if (items.length === 0) return [];
  let min = items[0].value;
  let max = items[0].value;
  for (const { value: v } of items) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min + 1;
  const width = span <= MAX_INTEGER_BINS ? 1 : Math.ceil(span / GROUPED_BINS);
  const count = Math.ceil(span / width);
  const bins: Bin[] = Array.from({ length: count }, (_, i) => {
    const from = min + i * width;
    const to = from + width - 1;
    const label = width === 1 ? String(from) : `${from}–${to}`;
    return { label, values: [0], select: { key: `${selectionPrefix}${label}`, label: `${label} tests per task`, taskIds: [] } };
  });
  for (const { id, value } of items) {
    const bin = bins[Math.floor((value - min) / width)];
    bin.values[0]++;
    bin.select!.taskIds.push(id);
  }
  return bins;
}

export function testsPerTaskChart(report: AuditReport): string | null {
  const items = report.tasks.flatMap((t) => (t.checks.static ? [{ id: t.id, value: t.checks.static.tests }] : []));
  if (report.summary.checks.static === undefined && items.length === 0) return null;
  return columnChart({
    id: 'chart-tests',
    title: 'Tests per task',
    xLabel: 'tests per task',
    yLabel: 'tasks',
    bins: integerBinsOf(items, 'tests:'),
    series: [PRIMARY],
    emptyText: 'no tasks',
  });
}

/** Mutation-score bins: [k/20, (k+1)/20) for k < 20, then exactly 1.0 apart; tasks without a score (no judged mutant) are left out. */
export function mutationScoreBins(report: AuditReport): Bin[] {
  const edge = (k: number) => (k / MUTATION_BUCKETS).toFixed(2);
  const bins: Bin[] = Array.from({ length: MUTATION_BUCKETS }, (_, k) => ({
    label: `${edge(k)}–${edge(k + 1)}`,
    values: [0],
    select: { key: `mutation:${edge(k)}-${edge(k + 1)}`, label: `mutation score ${edge(k)} to below ${edge(k + 1)}`, taskIds: [] },
  }));
  bins.push({ label: '1.0', values: [0], separate: true, select: { key: 'mutation:1', label: 'mutation score exactly 1.0 (every judged mutant killed)', taskIds: [] } });
  for (const t of report.tasks) {
    const score = t.checks.mutation?.score;
    if (typeof score !== 'number') continue;
    const k = score >= 1 ? MUTATION_BUCKETS : Math.max(0, Math.floor(score * MUTATION_BUCKETS + BUCKET_EPSILON));
    bins[k].values[0]++;
    bins[k].select!.taskIds.push(t.id);
  }
  return bins;
}

export function mutationScoreChart(report: AuditReport): string | null {
  if (report.summary.checks.mutation === undefined) return null;
  const bins = mutationScoreBins(report);
  return columnChart({
    id: 'chart-mutation',
    title: 'Mutation score per task',
    xLabel: 'mutation score (killed ÷ judged mutants); 1.0 apart',
    yLabel: 'tasks',
    bins,
    // The last boundary is left unlabelled: the separate "1.0" column right after it says it.
    edges: Array.from({ length: MUTATION_BUCKETS + 1 }, (_, k) => (k === MUTATION_BUCKETS ? '' : (k / MUTATION_BUCKETS).toFixed(2).replace(/0$/, ''))),
    series: [PRIMARY],
    emptyText: 'no task with a judged mutant',
  });
}

/** One line under the mutation chart: how many tasks it shows and how many are below 1.0. */
export function mutationScoreCaption(report: AuditReport): string | null {
  if (report.summary.checks.mutation === undefined) return null;
  const bins = mutationScoreBins(report);
  const shown = bins.reduce((a, b) => a + b.values[0], 0);
  const perfect = bins[bins.length - 1].values[0];
  const unscored = report.tasks.filter((t) => t.checks.mutation !== undefined && typeof t.checks.mutation.score !== 'number').length;
  const parts = [`${plural(shown, 'task', 'tasks')} with a judged mutant: ${perfect} at exactly 1.0, ${shown - perfect} below`];
  if (unscored > 0) parts.push(`${plural(unscored, 'task', 'tasks')} without a score (skipped or no judged mutant) not shown`);
  return `${parts.join('; ')}.`;
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
  const bins: Bin[] = Array.from({ length: SIMILARITY_BUCKETS }, (_, i) => {
    const from = (i / SIMILARITY_BUCKETS).toFixed(1);
    const to = ((i + 1) / SIMILARITY_BUCKETS).toFixed(1);
    const last = i === SIMILARITY_BUCKETS - 1;
    return { label: `${from}–${to}`, values: [0, 0, 0], select: { key: `similarity:${from}-${to}`, label: `tasks with a match of similarity ${from} to ${last ? '' : 'below '}${to}`, taskIds: [] } };
  });
  for (const t of report.tasks) {
    const c = t.checks.contamination;
    if (!c) continue;
    const hit = new Set<number>();
    const add = (similarity: number, series: number) => {
      const k = similarityBucket(similarity);
      bins[k].values[series]++;
      hit.add(k);
    };
    for (const m of c.matches) add(m.similarity, 0);
    for (const d of c.duplicates ?? []) add(d.similarity, 1);
    for (const o of c.overlaps ?? []) add(o.similarity, 2);
    for (const k of [...hit].sort((a, b) => a - b)) bins[k].select!.taskIds.push(t.id);
  }
  const used = [0, 1, 2].filter((s) => bins.some((b) => b.values[s] > 0));
  const keep = used.length > 0 ? used : [0];
  return columnChart({
    id: 'chart-contamination',
    title: 'Contamination: similarity of matches',
    xLabel: 'token similarity 2·LCS/(|a|+|b|)',
    yLabel: 'matches',
    bins: bins.map((b) => ({ label: b.label, values: keep.map((s) => b.values[s]), select: b.select })),
    edges: Array.from({ length: SIMILARITY_BUCKETS + 1 }, (_, i) => (i / SIMILARITY_BUCKETS).toFixed(1)),
    series: keep.map((s) => series[s]),
    emptyText: 'no matches',
  });
}
