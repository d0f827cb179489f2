/**
 * The summary figures a report derives from its own tasks and findings, recomputed: a report
 * whose summary contradicts its findings (edited by hand, or merged wrongly) is not valid even
 * when it matches the schema. Pure.
 */
import type { AuditReport } from '../model/types.generated.js';

/** Every derived figure that disagrees with what the report's tasks and findings give, as "path: says X, findings give Y". */
export function derivedFigureProblems(report: AuditReport): string[] {
  const problems: string[] = [];
  const expect = (path: string, said: unknown, actual: unknown) => {
    if (said !== actual) problems.push(`${path}: says ${String(said)}, the report's tasks and findings give ${String(actual)}`);
  };
  const s = report.summary;
  expect('/summary/tasks', s.tasks, report.tasks.length);
  expect('/benchmark/taskCount', report.benchmark.taskCount, report.tasks.length);
  expect('/summary/tasksWithFindings', s.tasksWithFindings, report.tasks.filter((t) => t.findings.some((f) => f.severity !== 'info')).length);
  const all = [...report.findings, ...report.tasks.flatMap((t) => t.findings)];
  for (const severity of ['error', 'warning', 'info'] as const) {
    expect(`/summary/findingsBySeverity/${severity}`, s.findingsBySeverity[severity], all.filter((f) => f.severity === severity).length);
  }
  const byKind = new Map<string, number>();
  for (const f of all) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  for (const kind of [...new Set([...Object.keys(s.findingsByKind), ...byKind.keys()])].sort()) {
    expect(`/summary/findingsByKind/${kind}`, s.findingsByKind[kind] ?? 0, byKind.get(kind) ?? 0);
  }
  return problems;
}
