/** Findings counted by kind, for the renderers' "findings by kind" tables. Pure. */
import { FINDING_KINDS } from '../model/finding-kinds.js';
import { severityRank } from '../model/order.js';
import type { AuditReport, FindingKind, Severity } from '../model/types.generated.js';

export interface KindRow {
  kind: FindingKind;
  /** The most severe severity this kind was reported with. */
  severity: Severity;
  findings: number;
  /** Tasks with at least one finding of this kind (benchmark-level findings count no task). */
  tasks: number;
  title: string;
  explanation: string;
}

/** One row per kind present in the report, most severe first, then by kind. */
export function findingsByKind(report: AuditReport): KindRow[] {
  const kinds = new Map<FindingKind, { severity: Severity; findings: number; tasks: Set<string> }>();
  const note = (kind: FindingKind, severity: Severity, taskId?: string) => {
    const k = kinds.get(kind) ?? { severity, findings: 0, tasks: new Set<string>() };
    k.findings++;
    if (taskId !== undefined) k.tasks.add(taskId);
    if (severityRank(severity) < severityRank(k.severity)) k.severity = severity;
    kinds.set(kind, k);
  };
  for (const f of report.findings) note(f.kind, f.severity);
  for (const t of report.tasks) for (const f of t.findings) note(f.kind, f.severity, t.id);
  return [...kinds.entries()]
    .sort((a, b) => severityRank(a[1].severity) - severityRank(b[1].severity) || (a[0] < b[0] ? -1 : 1))
    .map(([kind, k]) => ({ kind, severity: k.severity, findings: k.findings, tasks: k.tasks.size, title: FINDING_KINDS[kind].title, explanation: FINDING_KINDS[kind].explanation }));
}
