/** The terminal summary of a report (cli-table3; no colour codes unless stdout is a TTY). */
import Table from 'cli-table3';
import { compareFindings, severityRank } from '../model/order.js';
import type { AuditReport, Finding } from '../model/types.generated.js';
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
  const all: Finding[] = [...report.findings, ...report.tasks.flatMap((t) => t.findings)];
  if (all.length > 0) {
    const kinds = new Map<string, { severity: Finding['severity']; count: number; tasks: Set<string> }>();
    for (const t of report.tasks) {
      for (const f of t.findings) {
        const k = kinds.get(f.kind) ?? { severity: f.severity, count: 0, tasks: new Set<string>() };
        k.count++;
        k.tasks.add(t.id);
        if (severityRank(f.severity) < severityRank(k.severity)) k.severity = f.severity;
        kinds.set(f.kind, k);
      }
    }
    for (const f of report.findings) {
      const k = kinds.get(f.kind) ?? { severity: f.severity, count: 0, tasks: new Set<string>() };
      k.count++;
      kinds.set(f.kind, k);
    }
    const byKind = table(['finding', 'severity', 'count', 'tasks'], color);
    [...kinds.entries()]
      .sort((a, b) => severityRank(a[1].severity) - severityRank(b[1].severity) || (a[0] < b[0] ? -1 : 1))
      .forEach(([kind, k]) => byKind.push([kind, k.severity, String(k.count), String(k.tasks.size)]));
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
  return lines.join('\n') + '\n';
}
