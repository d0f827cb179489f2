/**
 * A Markdown summary of a report, for a paper's appendix or a pull request. Pure: report in,
 * text out. Check summaries are rendered generically (every scalar figure), so a new check's
 * summary shows up without changes here.
 */
import { DEFAULT_STATIC_CONFIG } from '../model/defaults.generated.js';
import { compareFindings } from '../model/order.js';
import type { AuditReport } from '../model/types.generated.js';
import { findingsByKind } from './kinds.js';
import { contaminationPartsMarkdown } from './contamination-parts.js';

/** Rows of the "tasks with errors" table before it says "and N more". */
const MAX_TASK_ROWS = 50;

const esc = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** Scalar leaves of a nested object as dotted paths: { tests: { mean: 7 } } -> [["tests.mean", "7"]]. */
export function scalarLeaves(value: unknown, prefix = ''): [string, string][] {
  if (value === null || typeof value !== 'object') return prefix === '' ? [] : [[prefix, String(value)]];
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => v === null || typeof v !== 'object') ? [[prefix, value.join(', ')]] : [];
  return Object.keys(value)
    .sort()
    .flatMap((k) => scalarLeaves((value as Record<string, unknown>)[k], prefix === '' ? k : `${prefix}.${k}`));
}

/** Shell-quote a word only when it needs it. */
function quote(word: string): string {
  return /^[\w./:=@+,-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** The command that reproduces this report (same data revision, same config; thresholds other than the CLI's are in the report's config). */
export function reproduceCommand(report: AuditReport): string {
  const b = report.benchmark;
  const parts = ['bench-audit', 'audit'];
  if (b.source.type === 'local' && b.files.length === 1 && !/^demo$/.test(b.id)) parts.push('--data', b.files[0].path, '--id', b.id);
  else parts.push(b.id);
  if (b.source.type === 'hub') parts.push('--revision', b.source.commit);
  parts.push('--checks', report.config.checks.join(','), '--seed', String(report.config.seed));
  if (report.config.static.fewTestsThreshold !== DEFAULT_STATIC_CONFIG.fewTestsThreshold) parts.push('--few-tests', String(report.config.static.fewTestsThreshold));
  const corpus = report.config.contamination?.corpus;
  if (corpus) {
    parts.push('--corpus', quote(corpus.location), '--corpus-format', corpus.format);
    for (const g of corpus.include) parts.push('--corpus-include', quote(g));
    for (const g of corpus.exclude) parts.push('--corpus-exclude', quote(g));
    if (corpus.revision !== '') parts.push('--corpus-revision', quote(corpus.revision));
  }
  for (const other of report.config.contamination?.compareWith ?? []) parts.push('--compare-with', quote(other));
  return parts.join(' ');
}

export function renderMarkdown(report: AuditReport): string {
  const b = report.benchmark;
  const s = report.summary;
  const out: string[] = [];
  out.push(`# Audit of ${b.title} (\`${b.id}\`)`);
  out.push('');
  const source =
    b.source.type === 'hub'
      ? `Hugging Face hub \`${b.source.repo}\`${b.source.config ? ` (config \`${b.source.config}\`)` : ''} at commit \`${b.source.commit}\` (asked: \`${b.source.revision}\`)`
      : b.source.type === 'url'
        ? `release ${b.source.version}`
        : 'local files';
  out.push(`- Source: ${source}`);
  for (const f of b.files) out.push(`  - \`${f.path}\`${f.split ? ` (${f.split})` : ''}: sha256 \`${f.sha256}\`, ${f.bytes} bytes`);
  if (b.license) out.push(`- License: ${b.license}`);
  out.push(`- Tool: ${report.tool.name} ${report.tool.version}, report schema ${report.schemaVersion}`);
  out.push(`- Checks: ${report.config.checks.join(', ')}; seed ${report.config.seed}`);
  out.push(`- Reproduce: \`${reproduceCommand(report)}\``);
  out.push('');
  out.push('## Summary');
  out.push('');
  out.push(
    table(
      ['tasks', 'tasks with warnings or errors', 'errors', 'warnings', 'info'],
      [[String(s.tasks), String(s.tasksWithFindings), String(s.findingsBySeverity.error), String(s.findingsBySeverity.warning), String(s.findingsBySeverity.info)]],
    ),
  );
  out.push('');

  const kinds = findingsByKind(report);
  if (kinds.length > 0) {
    out.push('## Findings by kind');
    out.push('');
    const rows = kinds.map((k) => [`\`${k.kind}\``, k.severity, String(k.findings), String(k.tasks), k.explanation]);
    out.push(table(['finding', 'severity', 'findings', 'tasks', 'meaning'], rows));
    out.push('');
  }

  for (const [name, summary] of Object.entries(s.checks).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const leaves = scalarLeaves(summary);
    if (leaves.length === 0) continue;
    out.push(`## Check: ${name}`);
    out.push('');
    out.push(table(['figure', 'value'], leaves.map(([k, v]) => [k, v])));
    out.push('');
  }

  const flagged = report.tasks
    .map((t) => ({ id: t.id, top: [...t.findings].sort(compareFindings).filter((f) => f.severity !== 'info') }))
    .filter((t) => t.top.length > 0);
  if (flagged.length > 0) {
    out.push('## Tasks with warnings or errors');
    out.push('');
    const rows = flagged.slice(0, MAX_TASK_ROWS).map((t) => [`\`${t.id}\``, t.top.map((f) => `${f.severity} \`${f.kind}\``).join(', '), t.top[0].message]);
    out.push(table(['task', 'findings', 'first message'], rows));
    if (flagged.length > MAX_TASK_ROWS) out.push(`\n… and ${flagged.length - MAX_TASK_ROWS} more tasks: see the JSON report.`);
    out.push('');
  }
  out.push(...[contaminationPartsMarkdown(report)].filter((section) => section !== ''));
  if (report.warnings.length > 0) {
    out.push('## Warnings');
    out.push('');
    for (const w of report.warnings) out.push(`- \`${w.code}\`${w.check ? ` (${w.check})` : ''}: ${w.message}`);
    out.push('');
  }
  return out.join('\n');
}
