/**
 * A Markdown summary of a report, for a paper's appendix or a pull request. Pure: report in,
 * text out. A check with its own section is in CHECK_SECTIONS; any other check's summary is rendered
 * generically (every scalar figure), and findings are rendered from the kind registry and their
 * evidence, so a new check or kind shows up without changes here.
 */
import { DEFAULT_STATIC_CONFIG } from '../model/defaults.generated.js';
import { compareFindings } from '../model/order.js';
import type { AuditReport } from '../model/types.generated.js';
import { findingsByKind } from './kinds.js';
import { headlineSentence, methodsParagraph, percent, scoreCards } from './headline.js';
import { CHECK_NAMES } from '../model/enums.generated.js';
import { naturalCompare } from '../util/natural-compare.js';
import { contaminationPartsMarkdown } from './contamination-parts.js';
import { suitesMarkdown } from './suites.js';

/** Rows of the "most killable survivors" table: the tasks a reader would look at first. */
const MAX_RANKING_ROWS = 10;

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

/** Per-check sections: a check named here gets its own tables; any other check gets its scalar figures. */
const CHECK_SECTIONS: Record<string, (report: AuditReport) => string[]> = {
  mutation: mutationSection,
};

function mutationSection(report: AuditReport): string[] {
  const m = report.summary.checks.mutation;
  if (!m) return [];
  const out: string[] = [];
  const c = m.counts;
  out.push(
    table(
      ['mutants', 'killed', 'timed out', 'survived', 'killable', 'unconfirmed', 'possibly equivalent', 'not sorted', 'score', 'score w/o equivalent'],
      [[String(c.total), String(c.killed), String(c.timeout), String(c.survived), String(c.killable), String(c.unconfirmed), String(c.possiblyEquivalent), String(c.unsorted), percent(m.score), percent(m.scoreExcludingEquivalent)]],
    ),
  );
  out.push('');
  out.push(
    'Survived = killable (an input passing every check tells it from the reference; the assert is given) + unconfirmed (only inputs that failed a check do) + possibly equivalent (no input tried does) + not sorted (not compared). ' +
      'Mutants the sandbox could not judge are left out of the scores.',
  );
  out.push('');
  const ops = Object.keys(m.byOperator).sort();
  if (ops.length > 0) {
    out.push('Per operator (killed includes timed out; survived as above):');
    out.push('');
    out.push(
      table(
        ['operator', 'mutants', 'killed', 'survived', 'killable', 'unconfirmed', 'possibly equivalent', 'not sorted', 'score'],
        ops.map((o) => {
          const x = m.byOperator[o]!;
          const judged = x.killed + x.timeout + x.survived;
          return [o, String(x.total), String(x.killed + x.timeout), String(x.survived), String(x.killable), String(x.unconfirmed), String(x.possiblyEquivalent), String(x.unsorted), percent(judged > 0 ? (x.killed + x.timeout) / judged : null)];
        }),
      ),
    );
    out.push('');
  }
  const worst = m.ranking.slice(0, MAX_RANKING_ROWS);
  if (worst.length > 0) {
    out.push('Tasks with the most killable survivors:');
    out.push('');
    out.push(table(['task', 'killable', 'survived', 'score'], worst.map((r) => [`\`${r.taskId}\``, String(r.killable), String(r.survived), percent(r.score)])));
    out.push('');
  }
  const t = m.trivialSolutionPasses;
  if (t.tasks > 0) out.push(`Trivial programs accepted: ${Object.entries(t.byBaseline).sort().map(([k, v]) => `\`${k}\` by ${v} task${v === 1 ? '' : 's'}`).join(', ')}.`, '');
  if (m.coverage) {
    const below = m.coverage.tasksBelowThreshold;
    const threshold = report.config.mutation?.lowCoverageThreshold;
    const limit = threshold !== undefined ? `a line coverage below ${percent(threshold)}` : 'a coverage below the threshold';
    out.push(`Line coverage of the references by their tests: mean ${percent(m.coverage.meanLineRate)}; branch coverage ${percent(m.coverage.meanBranchRate)}; ${below} task${below === 1 ? ' has' : 's have'} ${limit}.`, '');
  }
  for (const note of m.notes) out.push(`- ${note}`);
  if (m.notes.length > 0) out.push('');
  return out;
}

function genericSection(summary: unknown): string[] {
  const leaves = scalarLeaves(summary);
  return leaves.length === 0 ? [] : [table(['figure', 'value'], leaves.map(([k, v]) => [humanize(k), v])), ''];
}

/** A finding's evidence in a form to paste: the killing assert as code, corpus lines with their path, related tasks. */
function evidenceLines(evidence: Record<string, unknown>): string[] {
  const out: string[] = [];
  // A survivor's assert is one to add to the tests; any other (a failing test) is quoted as is.
  const caption = typeof evidence.mutant === 'string' ? 'add this assert to the tests to kill the mutant:' : 'the assert:';
  if (typeof evidence.assert === 'string') out.push(`  ${caption}`, '', '  ```python', ...evidence.assert.split('\n').map((l) => `  ${l}`), '  ```');
  if (typeof evidence.path === 'string') {
    const lines = evidence.lines as { start?: number; end?: number } | undefined;
    const repo = typeof evidence.repo === 'string' ? `${evidence.repo}: ` : '';
    out.push(`  - found in \`${repo}${evidence.path}\`${lines?.start !== undefined ? ` lines ${lines.start}–${lines.end}` : ''}`);
  }
  if (Array.isArray(evidence.taskIds) && evidence.taskIds.length > 0) out.push(`  - tasks: ${evidence.taskIds.map((x) => `\`${String(x)}\``).join(', ')}`);
  return out;
}

export function renderMarkdown(report: AuditReport): string {
  const b = report.benchmark;
  const s = report.summary;
  const out: string[] = [];
  out.push(`# Audit of ${b.title} (\`${b.id}\`)`);
  out.push('');
  out.push(headlineSentence(report));
  out.push('');
  out.push('## Summary');
  out.push('');
  const figures: string[][] = [
    ['tasks', String(s.tasks)],
    ['tasks with a warning or error', `${s.tasksWithFindings} (${percent(s.tasks > 0 ? s.tasksWithFindings / s.tasks : 0)})`],
    ['findings (error / warning / info)', `${s.findingsBySeverity.error} / ${s.findingsBySeverity.warning} / ${s.findingsBySeverity.info}`],
  ];
  for (const card of scoreCards(report)) for (const f of card.figures) figures.push([`${card.title}: ${f.label}`, f.value]);
  out.push(table(['figure', 'value'], figures));
  out.push('');

  const kinds = findingsByKind(report);
  if (kinds.length > 0) {
    out.push('## Findings by kind');
    out.push('');
    const rows = kinds.map((k) => [`\`${k.kind}\``, k.severity, String(k.findings), String(k.tasks), k.explanation]);
    out.push(table(['finding', 'severity', 'findings', 'tasks', 'meaning'], rows));
    out.push('');
  }

  const rank = (c: string) => ((CHECK_NAMES as readonly string[]).includes(c) ? (CHECK_NAMES as readonly string[]).indexOf(c) : CHECK_NAMES.length);
  for (const [name, summary] of Object.entries(s.checks).sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : 1))) {
    const body = (CHECK_SECTIONS[name] ?? (() => genericSection(summary)))(report);
    if (body.length === 0) continue;
    out.push(`## Check: ${name}`);
    out.push('');
    out.push(...body);
  }

  out.push(...suitesMarkdown(report));
  // Sections other checks contribute (each returns '' when it has nothing to say).
  out.push(...[contaminationPartsMarkdown(report)].filter((section) => section !== ''));

  const flagged = report.tasks
    .map((t) => ({ id: t.id, findings: [...t.findings].sort(compareFindings).filter((f) => f.severity !== 'info') }))
    .filter((t) => t.findings.length > 0)
    .sort((a, b) => naturalCompare(a.id, b.id));
  if (flagged.length > 0) {
    out.push(`## Flagged tasks (${flagged.length})`);
    out.push('');
    for (const t of flagged) {
      out.push(`### \`${t.id}\``);
      out.push('');
      for (const f of t.findings) {
        out.push(`- **${f.severity}** \`${f.kind}\`: ${oneLine(f.message)}`);
        out.push(...evidenceLines(f.evidence as Record<string, unknown>));
      }
      out.push('');
    }
  }
  if (report.findings.length > 0) {
    out.push('## Benchmark-level findings');
    out.push('');
    for (const f of [...report.findings].sort(compareFindings)) out.push(`- **${f.severity}** \`${f.kind}\`: ${oneLine(f.message)}`);
    out.push('');
  }
  if (report.warnings.length > 0) {
    out.push(`## Warnings (${report.warnings.length})`);
    out.push('');
    out.push(table(['task', 'check', 'warning', 'message'], report.warnings.map((w) => [w.taskId !== undefined ? `\`${w.taskId}\`` : '(benchmark)', w.check ?? '', `\`${w.code}\``, w.message])));
    out.push('');
  }

  out.push('## Methods');
  out.push('');
  out.push(methodsParagraph(report));
  out.push('');
  out.push('## Provenance');
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
  const lf = b.licenseFile;
  out.push(`- License file: ${lf ? `\`${lf.path}\`: sha256 \`${lf.sha256}\`, ${lf.bytes} bytes${lf.url ? ` (${lf.url})` : ''}` : 'none recorded'}`);
  out.push(`- Tool: ${report.tool.name} ${report.tool.version}, report schema ${report.schemaVersion}`);
  out.push(`- Checks: ${report.config.checks.join(', ')}; seed ${report.config.seed}`);
  out.push(`- Reproduce: \`${reproduceCommand(report)}\``);
  out.push('');
  return out.join('\n');
}

/** `promptExamples.tasksWithMismatch` -> `prompt examples: tasks with mismatch`. */
export function humanize(path: string): string {
  return path
    .split('.')
    .map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(': ');
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');
