/** The terminal summary of a report (cli-table3; no colour codes unless stdout is a TTY). */
import Table from 'cli-table3';
import { compareFindings } from '../model/order.js';
import type { AuditReport, Warning } from '../model/types.generated.js';
import { findingsByKind } from '../report/kinds.js';
import { naturalCompare } from '../util/natural-compare.js';

/** How many tasks the "tasks with errors" table lists before saying "and N more". */
const TOP_TASKS = 10;
/** Width assumed when stdout is not a terminal (CI logs, pipes): the classic 80 columns. */
export const DEFAULT_WIDTH = 80;
/** Narrowest message column worth wrapping into; below it the terminal is simply too narrow. */
const MIN_MESSAGE_WIDTH = 20;
/** cli-table3 adds one space of padding each side of a cell and one border character per column, plus one. */
const CELL_OVERHEAD = 3;

function table(head: string[], color: boolean, colWidths?: number[]): Table.Table {
  return new Table({
    head,
    style: color ? { head: ['cyan'] } : { head: [], border: [] },
    ...(colWidths ? { colWidths, wordWrap: true, wrapOnWordBoundary: true } : {}),
  });
}

/** A report warning as one line, with the task it is about. */
export function renderWarning(w: Warning): string {
  return `warning: ${w.taskId !== undefined ? `${w.taskId}: ` : ''}${w.message} [${w.code}]`;
}

/** The summary tables, fitted to `width` columns (default: DEFAULT_WIDTH); warnings are printed separately. */
export function renderSummary(report: AuditReport, color: boolean, width: number = DEFAULT_WIDTH): string {
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
    const shown = withErrors.slice(0, TOP_TASKS);
    const idWidth = Math.max('task'.length, ...shown.map((t) => t.id.length)) + 2;
    const messageWidth = Math.max(MIN_MESSAGE_WIDTH, width - idWidth - CELL_OVERHEAD);
    const tasks = table(['task', 'error'], color, [idWidth, messageWidth]);
    for (const t of shown) {
      const first = [...t.findings].sort(compareFindings)[0]!;
      tasks.push([t.id, `${first.kind}: ${first.message}`]);
    }
    lines.push(tasks.toString());
    if (withErrors.length > TOP_TASKS) lines.push(`... and ${withErrors.length - TOP_TASKS} more tasks with errors (see the report)`);
  }
  return lines.join('\n') + '\n';
}

/** Warnings about the machine (sandbox isolation), kept in the run block: they describe the run, not the benchmark. */
export function environmentWarningsOf(report: AuditReport): { code: string; message: string }[] {
  return (report.run.checks?.execution as { environmentWarnings?: { code: string; message: string }[] } | undefined)?.environmentWarnings ?? [];
}

/** The environment warnings as lines for stderr. */
export function environmentWarnings(report: AuditReport): string[] {
  // sandbox-not-confined is shouted separately, as soon as the audit ends.
  return environmentWarningsOf(report).filter((w) => w.code !== 'sandbox-not-confined').map((w) => `warning: ${w.message} [${w.code}]`);
}
