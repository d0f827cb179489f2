/** The terminal summary of a report (cli-table3; no colour codes unless stdout is a TTY). */
import Table from 'cli-table3';
import { compareFindings } from '../model/order.js';
import type { AuditReport } from '../model/types.generated.js';
import { findingsByKind } from '../report/kinds.js';
import { naturalCompare } from '../util/natural-compare.js';

/** How many tasks the "tasks with errors" table lists before saying "and N more". */
const TOP_TASKS = 10;

function table(head: string[], color: boolean): Table.Table {
  return new Table({ head, style: color ? { head: ['cyan'] } : { head: [], border: [] } });
}

export function renderSummary(report: AuditReport, color: boolean): string {
  const s = report.summary;
  const lines: string[] = [];
  lines.push(
    `${report.benchmark.id}: ${s.tasks} tasks, ${s.tasksWithFindings} with warnings or errors ` +
      `(${s.findingsBySeverity.error} errors, ${s.findingsBySeverity.warning} warnings, ${s.findingsBySeverity.info} info)`,
  );
  const st = s.checks.static;
  if (st) {
    lines.push(`tests per task: mean ${st.tests.mean}, median ${st.tests.median}, min ${st.tests.min}, max ${st.tests.max}; prompt examples in ${st.tasksWithPromptExamples} tasks`);
  }
  const kinds = findingsByKind(report);
  if (kinds.length > 0) {
    const byKind = table(['finding', 'severity', 'count', 'tasks'], color);
    for (const k of kinds) byKind.push([k.kind, k.severity, String(k.findings), String(k.tasks)]);
    lines.push(byKind.toString());
  }
  const withErrors = report.tasks.filter((t) => t.findings.some((f) => f.severity === 'error')).sort((a, b) => naturalCompare(a.id, b.id));
  if (withErrors.length > 0) {
    const tasks = table(['task', 'error'], color);
    for (const t of withErrors.slice(0, TOP_TASKS)) {
      const first = [...t.findings].sort(compareFindings)[0];
      tasks.push([t.id, `${first.kind}: ${first.message}`.slice(0, 100)]);
    }
    lines.push(tasks.toString());
    if (withErrors.length > TOP_TASKS) lines.push(`... and ${withErrors.length - TOP_TASKS} more tasks with errors (see the report)`);
  }
  for (const w of report.warnings) lines.push(`warning: ${w.message}`);
  for (const w of environmentWarningsOf(report)) lines.push(`warning: ${w.message}`);
  return lines.join('\n') + '\n';
}

/** Warnings about the machine (sandbox isolation), kept in the run block: they describe the run, not the benchmark. */
export function environmentWarningsOf(report: AuditReport): { code: string; message: string }[] {
  return (report.run.checks?.execution as { environmentWarnings?: { code: string; message: string }[] } | undefined)?.environmentWarnings ?? [];
}
