/**
 * The contamination check per part (prompt, solution, tests): a benchmark-level table and every task
 * with a copy of some part (no cut-off: a paper cites these counts), in Markdown and HTML. Pure.
 */
import type { AuditReport, ContaminationMatch, ContaminationPartSummary, ContaminationTask, Finding } from '../model/types.generated.js';
import { escapeHtml } from './html/escape.js';

const PARTS = ['prompt', 'solution', 'tests'] as const;
type Part = (typeof PARTS)[number];

interface Row {
  task: string;
  part: Part;
  copies: string;
  best: string;
  reported: string;
}

function where(m: ContaminationMatch): string {
  return `${m.repo ? `${m.repo}/` : ''}${m.path} lines ${m.lines.start}-${m.lines.end}${m.segment ? ` (${m.segment})` : ''}`;
}

function summaryRows(report: AuditReport): string[][] | null {
  const parts = report.summary.checks.contamination?.parts;
  if (parts === undefined) return null;
  const rows: string[][] = [];
  for (const part of PARTS) {
    const p: ContaminationPartSummary | undefined = parts[part];
    if (p === undefined) continue;
    const w = p.tasksWithCopy;
    rows.push([
      part,
      String(p.tasks),
      String(p.short),
      `${w.any} (${w.verbatim} verbatim, ${w.renamed} renamed, ${w.near} near)`,
      `${p.files.verbatim} verbatim, ${p.files.renamed} renamed, ${p.files.near} near`,
      `${p.reported.error} error, ${p.reported.warning} warning, ${p.reported.info} info`,
    ]);
  }
  return rows;
}

const SUMMARY_HEAD = ['part', 'tasks', 'short', 'tasks with a copy', 'files with a copy', 'tasks reported'];
const TASK_HEAD = ['task', 'part', 'files with a copy', 'best match', 'reported'];

/** Every task part with a copy in the corpus or a finding, in report order. */
function taskRows(report: AuditReport): Row[] {
  const rows: Row[] = [];
  for (const t of report.tasks) {
    const c: ContaminationTask | undefined = t.checks.contamination;
    if (c === undefined) continue;
    for (const part of PARTS) {
      const p = c.parts[part];
      const found: Finding | undefined = t.findings.find((f) => f.kind === 'contaminated' && f.evidence?.part === part);
      const copies = p?.copies;
      const total = copies === undefined ? 0 : copies.verbatim + copies.near + copies.renamed;
      if (p === undefined || (total === 0 && found === undefined)) continue;
      const best = p.matches?.[0];
      rows.push({
        task: t.id,
        part,
        copies: copies === undefined ? '' : `${total} (${copies.verbatim} verbatim, ${copies.renamed} renamed, ${copies.near} near)`,
        best: best === undefined ? '' : `${best.kind}, containment ${best.containment}: ${where(best)}`,
        reported: found === undefined ? '' : found.severity,
      });
    }
  }
  return rows;
}

const mdCell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mdTable = (head: string[], rows: string[][]): string =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`)].join('\n');

/** Markdown section (empty string when no corpus was scanned). */
export function contaminationPartsMarkdown(report: AuditReport): string {
  const summary = summaryRows(report);
  if (summary === null) return '';
  const rows = taskRows(report);
  const out = ['## Contamination by part', '', mdTable(SUMMARY_HEAD, summary), ''];
  if (rows.length > 0) {
    out.push(`### Task parts with a copy in the corpus (${rows.length}, all listed)`, '');
    out.push(mdTable(TASK_HEAD, rows.map((r) => [`\`${r.task}\``, r.part, r.copies, r.best, r.reported])), '');
  }
  return out.join('\n');
}

const htmlTable = (head: string[], rows: string[][]): string =>
  `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/** HTML section (empty string when no corpus was scanned). */
export function contaminationPartsHtml(report: AuditReport): string {
  const summary = summaryRows(report);
  if (summary === null) return '';
  const rows = taskRows(report);
  return `<section class="card" id="contamination-parts">
<h2>Contamination by part</h2>
${htmlTable(SUMMARY_HEAD, summary)}
${rows.length > 0 ? `<details open><summary>Task parts with a copy in the corpus (${rows.length}, all listed)</summary>${htmlTable(TASK_HEAD, rows.map((r) => [r.task, r.part, r.copies, r.best, r.reported]))}</details>` : ''}
</section>`;
}
