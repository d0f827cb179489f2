/**
 * A baseline of accepted findings (kind + task id + reason), so CI can gate on new findings only.
 * The report is never changed: the baseline only decides which findings count for --fail-on. Pure.
 */
import type { Baseline } from '../model/baseline.generated.js';
import { atLeast } from '../model/order.js';
import type { AuditReport, Finding, Severity } from '../model/types.generated.js';
import { naturalCompare } from '../util/natural-compare.js';

export type Suppression = Baseline['suppressions'][number];

export interface PlacedFinding {
  taskId: string | null;
  finding: Finding;
}

export interface BaselineSplit {
  /** Findings at or above the level that no suppression covers: these fail the run. */
  fresh: PlacedFinding[];
  /** Findings at or above the level that a suppression covers. */
  accepted: PlacedFinding[];
  /** Suppressions of this benchmark that match no finding any more (fixed, or renamed). */
  stale: Suppression[];
}

const applies = (s: Suppression, benchmark: string) => s.benchmark === undefined || s.benchmark === benchmark;
const covers = (s: Suppression, benchmark: string, p: PlacedFinding) => applies(s, benchmark) && s.kind === p.finding.kind && s.taskId === p.taskId;

function placed(report: AuditReport, level: Severity): PlacedFinding[] {
  return [
    ...report.findings.map((finding) => ({ taskId: null, finding })),
    ...report.tasks.flatMap((t) => t.findings.map((finding) => ({ taskId: t.id, finding }))),
  ].filter((p) => atLeast(p.finding.severity, level));
}

export function splitByBaseline(report: AuditReport, baseline: Baseline, level: Severity): BaselineSplit {
  const b = report.benchmark.id;
  const all = placed(report, level);
  const fresh: PlacedFinding[] = [];
  const accepted: PlacedFinding[] = [];
  for (const p of all) (baseline.suppressions.some((s) => covers(s, b, p)) ? accepted : fresh).push(p);
  const anyLevel = placed(report, 'info');
  const stale = baseline.suppressions.filter((s) => applies(s, b) && !anyLevel.some((p) => covers(s, b, p)));
  return { fresh, accepted, stale };
}

/** A suppression's reason when --update-baseline adds it; the maintainer replaces it with the real one. */
export const NEW_SUPPRESSION_REASON = 'present when the baseline was written; say why it is accepted';

/**
 * The baseline after this report: one suppression per kind and task at or above `level`, keeping the
 * reasons already written, dropping this benchmark's stale entries, keeping other benchmarks' entries.
 */
export function updatedBaseline(report: AuditReport, previous: Baseline | undefined, level: Severity, scoped: boolean): Baseline {
  const b = report.benchmark.id;
  const old = previous?.suppressions ?? [];
  const keep = old.filter((s) => s.benchmark !== undefined && s.benchmark !== b);
  const seen = new Set<string>();
  const entries: Suppression[] = [];
  for (const p of placed(report, level)) {
    const key = `${p.finding.kind}\u0000${p.taskId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const before = old.find((s) => covers(s, b, p));
    entries.push({ kind: p.finding.kind, taskId: p.taskId, ...(scoped ? { benchmark: b } : {}), reason: before?.reason ?? NEW_SUPPRESSION_REASON });
  }
  const cmp = (a: string, c: string) => (a < c ? -1 : a > c ? 1 : 0);
  const order = (x: Suppression, y: Suppression) => cmp(x.benchmark ?? '', y.benchmark ?? '') || naturalCompare(x.taskId ?? '', y.taskId ?? '') || cmp(x.kind, y.kind);
  return { ...(previous?.$schema ? { $schema: previous.$schema } : {}), suppressions: [...keep, ...entries].sort(order) };
}
