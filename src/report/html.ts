/**
 * One self-contained HTML page per audit: header (benchmark, provenance, tool, config, reproduce
 * command), summary figures, inline SVG charts, check summaries, and a per-task table with
 * filters and drill-down built in the browser from the embedded report.
 *
 * Pure: report in, string out (no I/O, no clock). Deterministic: the same report gives the same
 * bytes; the only dates shown are the report's own `run` block. Self-contained: inline CSS and
 * scripts, no URL is ever fetched (a Content-Security-Policy with `default-src 'none'` and hashed
 * scripts enforces it), so the page works from file://. Every report string is untrusted: it is
 * HTML-escaped in markup, embedded as escaped JSON data, and turned into DOM text nodes by the
 * page's script (never innerHTML).
 */
import { CHECK_NAMES } from '../model/enums.generated.js';
import { createHash } from 'node:crypto';
import { sortKeys } from '../util/canonical-json.js';
import { allFindings, contaminationSimilarityChart, findingsByKindChart, mutationScoreCaption, mutationScoreChart, testsPerTaskChart } from './html/charts.js';
import { CLIENT_JS, ERROR_HOOK_JS } from './html/client.js';
import { escapeHtml as esc, jsonForScript, safeHttpUrl } from './html/escape.js';
import { contaminationPartsHtml } from './contamination-parts.js';
import { suitesHtml, suitesSummary } from './suites.js';
import { REPORT_CSS } from './html/style.js';
import { humanize, reproduceCommand, scalarLeaves } from './markdown.js';
import { headlineSentence, scoreCards } from './headline.js';
import { compareFindings } from '../model/order.js';
import type { AuditReport, Finding } from '../model/types.generated.js';

/** Tables from a summary with more rows than this are folded into a <details> element (ten-bucket distributions are charted already). */
const FOLD_TABLE_ROWS = 8;
/** Numeric columns shown first in record tables (range bounds read left to right). */
const LEADING_COLUMNS = ['threshold', 'from', 'to'];
/** Strings in a list longer than this are shown one per line rather than comma-joined. */
const LONG_STRING = 60;
/** Display order of the known checks; any other check follows alphabetically. */
const CHECK_ORDER: readonly string[] = CHECK_NAMES;
const CHECK_TITLES: Record<string, string> = { static: 'Static check', execution: 'Execution check', mutation: 'Mutation check', contamination: 'Contamination check' };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isScalar = (v: unknown): v is null | boolean | number | string => v === null || typeof v !== 'object';
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const flatObject = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && Object.values(v).every((x) => isScalar(x) || (Array.isArray(x) && x.every(isScalar)));
const tableLike = (v: unknown): boolean =>
  Array.isArray(v) ? v.length > 0 && v.every(flatObject) : isObject(v) && Object.keys(v).length > 1 && Object.values(v).every(flatObject);
/** No array of objects anywhere below: scalarLeaves shows all of it. */
const scalarOnly = (v: unknown): boolean => (Array.isArray(v) ? v.every(isScalar) : isObject(v) ? Object.values(v).every(scalarOnly) : true);

const fmt = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : Array.isArray(v) ? v.map(fmt).join(', ') : String(v));

function checkOrder(a: string, b: string): number {
  const ia = CHECK_ORDER.indexOf(a);
  const ib = CHECK_ORDER.indexOf(b);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
}

function scriptHash(code: string): string {
  return `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;
}

function kvTable(rows: [string, string][], cls = 'kv'): string {
  return `<table class="${cls}"><tbody>${rows.map(([k, v]) => `<tr><td>${esc(k).replace(/\./g, '.<wbr>')}</td><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
}

function taskCell(value: unknown, taskIds: Set<string>): string {
  if (typeof value === 'string' && taskIds.has(value)) return `<a href="#task=${esc(encodeURIComponent(value))}">${esc(value)}</a>`;
  return esc(fmt(value));
}

/** Columns of a record table: text columns (identifiers) first, then range bounds, then the rest; alphabetical within each group. */
export function recordColumns(items: Record<string, unknown>[]): string[] {
  const all = [...new Set(items.flatMap((o) => Object.keys(o)))].sort();
  const rank = (c: string) => (items.some((o) => typeof o[c] === 'string') ? 0 : LEADING_COLUMNS.includes(c) ? 1 : 2);
  return all.sort((a, b) => rank(a) - rank(b) || (rank(a) === 1 ? LEADING_COLUMNS.indexOf(a) - LEADING_COLUMNS.indexOf(b) : a < b ? -1 : a > b ? 1 : 0));
}

/** A table of flat objects (an array) or of a map of flat objects (first column: the key). */
function objectsTable(value: Record<string, unknown>[] | Record<string, Record<string, unknown>>, keyHeader: string, taskIds: Set<string>): string {
  const names = Array.isArray(value) ? null : Object.keys(value).sort();
  const items = Array.isArray(value) ? value : names!.map((k) => value[k]);
  const cols = recordColumns(items);
  const numeric = cols.map((c) => items.every((o) => o[c] === undefined || o[c] === null || typeof o[c] === 'number'));
  const head = [...(names ? [`<th>${esc(keyHeader)}</th>`] : []), ...cols.map((c, i) => `<th${numeric[i] ? ' class="num"' : ''}>${esc(c)}</th>`)].join('');
  const rows = items.map((o, r) => {
    const cells = cols.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${o[c] === undefined ? '' : taskCell(o[c], taskIds)}</td>`).join('');
    return `<tr>${names ? `<td>${esc(names[r])}</td>` : ''}${cells}</tr>`;
  });
  return `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

/**
 * Any section, known or not: scalar figures (dotted paths) in one table, lists and tables of
 * records under their own headings, anything deeper as pretty JSON. Keys are sorted.
 */
/** `label` turns a dotted key path into what the page shows (check summaries: words; configuration: the keys as they are written). */
export function genericSectionHtml(value: unknown, taskIds: Set<string> = new Set(), label: (path: string) => string = (p) => p): string {
  if (isScalar(value)) return `<p>${esc(fmt(value))}</p>`;
  const rows: [string, string][] = [];
  const blocks: string[] = [];
  const block = (path: string, body: string, count: number) => {
    const title = label(path);
    blocks.push(count > FOLD_TABLE_ROWS ? `<details><summary>${esc(title)} (${count})</summary>${body}</details>` : `<h4>${esc(title)}</h4>${body}`);
  };
  const walk = (v: unknown, path: string): void => {
    if (isScalar(v) || (Array.isArray(v) && v.every(isScalar) && !v.some((s) => typeof s === 'string' && s.length > LONG_STRING))) {
      rows.push(...scalarLeaves({ [path]: v }));
      if (Array.isArray(v) && v.length === 0) rows.push([path, 'none']);
      return;
    }
    if (Array.isArray(v) && v.every(isScalar)) {
      block(path, `<ul>${v.map((s) => `<li>${esc(fmt(s))}</li>`).join('')}</ul>`, v.length);
    } else if (tableLike(v)) {
      const n = Array.isArray(v) ? v.length : Object.keys(v as object).length;
      block(path, objectsTable(v as Record<string, Record<string, unknown>>, 'key', taskIds), n);
    } else if (Array.isArray(v)) {
      blocks.push(`<details><summary>${esc(label(path))} (${v.length} items, JSON)</summary><pre>${esc(JSON.stringify(sortKeys(v), null, 2))}</pre></details>`);
    } else if (isObject(v) && scalarOnly(v) && path !== '') {
      rows.push(...scalarLeaves(v, path));
    } else if (isObject(v)) {
      for (const k of Object.keys(v).sort()) walk(v[k], path === '' ? k : `${path}.${k}`);
    }
  };
  walk(value, '');
  const out = [rows.length > 0 ? kvTable(rows.map(([k, v]) => [label(k), v])) : '', ...blocks].join('\n');
  return out === '' ? '<p class="muted">empty</p>' : out;
}

function sourceHtml(report: AuditReport): [string, string][] {
  const s = report.benchmark.source;
  if (s.type === 'hub') {
    return [
      ['source', 'Hugging Face hub'],
      ['repository', s.repo],
      ...(s.config ? [['config', s.config] as [string, string]] : []),
      ['revision asked', s.revision],
      ['commit', s.commit],
    ];
  }
  if (s.type === 'url') return [['source', 'release download'], ['version', s.version]];
  return [['source', 'local files']];
}

function headerHtml(report: AuditReport): string {
  const b = report.benchmark;
  const homepage = safeHttpUrl(b.homepage);
  const benchRows: [string, string][] = [
    ['id', b.id],
    ['title', b.title],
    ['adapter', b.adapter],
    ['tasks', b.expectedTaskCount !== undefined && b.expectedTaskCount !== b.taskCount ? `${b.taskCount} (expected ${b.expectedTaskCount})` : String(b.taskCount)],
    ...(b.license ? [['license', b.license] as [string, string]] : []),
    ['license file', b.licenseFile ? `${b.licenseFile.path}, sha256 ${b.licenseFile.sha256}, ${b.licenseFile.bytes} bytes${b.licenseFile.url ? `, ${b.licenseFile.url}` : ''}` : 'none recorded'],
  ];
  const benchTable = kvTable(benchRows).replace(
    '</tbody>',
    b.homepage ? `<tr><td>homepage</td><td>${homepage ? `<a href="${esc(homepage)}" rel="noopener noreferrer">${esc(homepage)}</a>` : esc(b.homepage)}</td></tr></tbody>` : '</tbody>',
  );
  const files = b.files
    .map(
      (f) =>
        `<tr><td class="mono">${esc(f.path)}</td><td>${esc(f.split ?? '')}</td><td class="num">${f.bytes}</td><td class="mono">${esc(f.sha256)}</td>${b.files.some((x) => x.url) ? `<td class="mono">${esc(f.url ?? '')}</td>` : ''}</tr>`,
    )
    .join('');
  const filesTable = `<div class="table-wrap"><table><thead><tr><th>file</th><th>split</th><th class="num">bytes</th><th>sha256</th>${b.files.some((x) => x.url) ? '<th>url</th>' : ''}</tr></thead><tbody>${files}</tbody></table></div>`;
  const toolRows: [string, string][] = [
    ['tool', `${report.tool.name} ${report.tool.version}`],
    ['report schema', report.schemaVersion],
    ['checks', report.config.checks.join(', ')],
    ['seed', String(report.config.seed)],
  ];
  const { checks: _checks, seed: _seed, ...perCheck } = report.config;
  const configTable = genericSectionHtml(perCheck);
  const run = report.run;
  const host = run.host;
  const runRows: [string, string][] = [
    ['started', run.startedAt],
    ['finished', run.finishedAt],
    ['duration', `${run.durationMs} ms`],
    ['host', `${host.platform} ${host.arch}, ${host.cpus} CPUs, Node ${host.node}`],
  ];
  const { startedAt: _s, finishedAt: _f, durationMs: _d, ...runRest } = run;
  const command = reproduceCommand(report);
  const citation = b.citation ? `<details><summary>citation</summary><pre>${esc(b.citation)}</pre></details>` : '';
  return `<section class="card" id="overview">
<h2>Benchmark and provenance</h2>
<div class="meta">
<div><h4>Benchmark</h4>${benchTable}${citation}</div>
<div><h4>Provenance</h4>${kvTable(sourceHtml(report))}</div>
<div><h4>Tool and configuration</h4>${kvTable(toolRows)}<details><summary>per-check configuration</summary>${configTable}</details></div>
<div><h4>This run</h4>${kvTable(runRows)}<details><summary>run details (not part of the reproducible report)</summary>${genericSectionHtml(runRest)}</details></div>
</div>
<h4>Files</h4>
${filesTable}
<h4>Reproduce</h4>
<div class="repro"><pre id="reproduce-command">${esc(command)}</pre><button type="button" data-copy-from="reproduce-command">copy</button></div>
</section>`;
}

/** The first screen: the headline sentence and one card per check with the figures a paper quotes, each linked to the filtered task table. */
function scoreCardHtml(report: AuditReport): string {
  const cards = scoreCards(report).map((card) => {
    const rows = card.figures.map((f) => {
      const value = f.kind !== undefined ? `<a href="#kind=${esc(encodeURIComponent(f.kind))}" data-goto="tasks">${esc(f.value)}</a>` : esc(f.value);
      return `<tr><td class="fig">${value}</td><td>${esc(f.label)}</td></tr>`;
    });
    return `<div class="score-card" data-check="${esc(card.check)}"><h3>${esc(card.title)}</h3><table class="figures"><tbody>${rows.join('')}</tbody></table></div>`;
  });
  return `<section class="card" id="scorecard">
<h2>Key figures</h2>
<p class="headline">${esc(headlineSentence(report))}</p>
<div class="score-cards">
${cards.join('\n')}
</div>
</section>`;
}

function summaryHtml(report: AuditReport): string {
  const s = report.summary;
  const stat = (n: number, label: string, cls = '') => `<div class="stat ${cls}"><div class="n">${n}</div><div class="l">${esc(label)}</div></div>`;
  const mutationCaption = mutationScoreCaption(report);
  const charts: [string | null, string | null][] = [
    [findingsByKindChart(report), null],
    [testsPerTaskChart(report), null],
    [mutationScoreChart(report), mutationCaption],
    [contaminationSimilarityChart(report), null],
  ];
  const figures = charts
    .filter((c): c is [string, string | null] => c[0] !== null)
    .map(([svg, caption]) => `<figure class="chart-box">${svg}${caption !== null ? `<figcaption>${esc(caption)}</figcaption>` : ''}</figure>`);
  return `<section class="card" id="summary">
<h2>Summary</h2>
<div class="stats">
${stat(s.tasks, 'tasks')}
${stat(s.tasksWithFindings, 'tasks with warnings or errors')}
${stat(s.findingsBySeverity.error, 'errors', 'error')}
${stat(s.findingsBySeverity.warning, 'warnings', 'warning')}
${stat(s.findingsBySeverity.info, 'info', 'info')}
</div>
<p class="muted">Click a bar (or focus it with Tab and press Enter) to list its tasks in the task table.</p>
<div class="charts">
${figures.join('\n')}
</div>
</section>`;
}

function checksHtml(report: AuditReport, taskIds: Set<string>): string {
  const entries = Object.entries(report.summary.checks as Record<string, unknown>).sort((a, b) => checkOrder(a[0], b[0]));
  if (entries.length === 0) return '';
  const boxes = entries.map(
    ([name, summary]) => `<div class="check-box" data-check="${esc(name)}"><h3>${esc(CHECK_TITLES[name] ?? `Check: ${name}`)}</h3>${genericSectionHtml(summary, taskIds, humanize)}</div>`,
  );
  return `<section class="card" id="checks">
<h2>Check summaries</h2>
<div class="checks">
${boxes.join('\n')}
</div>
</section>`;
}

function evidenceHtml(evidence: Record<string, unknown>): string {
  if (Object.keys(evidence).length === 0) return '';
  return `<details><summary>evidence</summary><pre>${esc(JSON.stringify(sortKeys(evidence), null, 2))}</pre></details>`;
}

function benchmarkFindingsHtml(findings: Finding[]): string {
  if (findings.length === 0) return '';
  const items = [...findings]
    .sort(compareFindings)
    .map(
      (f) =>
        `<div class="finding sev-${esc(f.severity)}"><div><span class="badge sev-${esc(f.severity)}">${esc(f.severity)}</span> <span class="chip">${esc(f.kind)}</span> <span class="muted">${esc(f.check)} check</span></div><div class="msg">${esc(f.message)}</div>${evidenceHtml(f.evidence)}</div>`,
    );
  return `<section class="card" id="benchmark-findings">
<h2>Benchmark-level findings (${findings.length})</h2>
${items.join('\n')}
</section>`;
}

function warningsHtml(report: AuditReport): string {
  if (report.warnings.length === 0) return '';
  const rows = report.warnings
    .map((w) => `<tr><td class="mono">${esc(w.code)}</td><td>${esc(w.check ?? '')}</td><td class="mono">${esc(w.taskId ?? '')}</td><td>${esc(w.message)}</td></tr>`)
    .join('');
  return `<section class="card" id="warnings">
<h2>Warnings (${report.warnings.length})</h2>
<p class="muted">What the audit could not do fully.</p>
<div class="table-wrap"><table><thead><tr><th>code</th><th>check</th><th>task</th><th>message</th></tr></thead><tbody>${rows}</tbody></table></div>
</section>`;
}

function tasksHtml(report: AuditReport): string {
  return `<section class="card" id="tasks">
<h2>Tasks</h2>
<div class="filters">
<input type="search" id="filter-text" placeholder="Filter by task id, entry point, finding kind or message" aria-label="filter tasks by text">
<select id="filter-kind" aria-label="filter by finding kind"><option value="">all finding kinds</option></select>
<select id="filter-severity" aria-label="filter by severity"><option value="">any findings or none</option><option value="any">with findings</option><option value="error">with errors</option><option value="warning">with warnings</option><option value="info">with info</option><option value="none">without findings</option></select>
<span class="selection" id="filter-selection" hidden><span id="filter-selection-label"></span><button type="button" id="filter-selection-clear" aria-label="clear the chart selection">×</button></span>
<button type="button" id="filter-reset">reset</button>
<span class="count" id="task-count" data-total="${report.tasks.length}">${report.tasks.length} tasks</span>
</div>
<p class="muted">Click a row for its findings and evidence; click a column header to sort.</p>
<div class="table-wrap"><table id="task-table"></table></div>
<p id="no-match" class="muted" hidden>No task matches the filters.</p>
</section>`;
}

function navHtml(report: AuditReport): string {
  const links: [string, string][] = [
    ['scorecard', 'Key figures'],
    ['summary', 'Summary'],
    ['overview', 'Provenance'],
    ...(Object.keys(report.summary.checks).length > 0 ? [['checks', 'Checks'] as [string, string]] : []),
    ...(suitesSummary(report) !== undefined ? [['suites', 'Suites'] as [string, string]] : []),
    ...(report.findings.length > 0 ? [['benchmark-findings', 'Benchmark findings'] as [string, string]] : []),
    ...(report.warnings.length > 0 ? [['warnings', 'Warnings'] as [string, string]] : []),
    ['tasks', 'Tasks'],
  ];
  return links.map(([id, label]) => `<a href="#${id}">${label}</a>`).join(' · ');
}

/** The whole page. Pure and deterministic. */
export function renderHtml(input: AuditReport): string {
  // Key order must not matter: a report built in memory and the same report read back from its
  // canonical JSON file give the same page.
  const report = sortKeys(input) as AuditReport;
  for (const [name, code] of [['ERROR_HOOK_JS', ERROR_HOOK_JS], ['CLIENT_JS', CLIENT_JS]] as const) {
    // Our own constants; a closing tag inside would end the script element early.
    if (/<\/script|<!--/i.test(code)) throw new Error(`${name} must not contain "</script" or "<!--"`);
  }
  const b = report.benchmark;
  const taskIds = new Set(report.tasks.map((t) => t.id));
  const csp = [
    "default-src 'none'",
    `script-src ${scriptHash(ERROR_HOOK_JS)} ${scriptHash(CLIENT_JS)}`,
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const findingCount = allFindings(report).length;
  const data = jsonForScript(report as unknown as Json);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="generator" content="${esc(`${report.tool.name} ${report.tool.version}`)}">
<title>${esc(`Audit of ${b.title || b.id} (${b.id})`)}</title>
<style>${REPORT_CSS}</style>
<script>${ERROR_HOOK_JS}</script>
</head>
<body>
<header class="page"><div class="inner">
<h1>Audit of ${esc(b.title || b.id)}</h1>
<p class="subtitle"><code>${esc(b.id)}</code> · ${report.tasks.length} tasks · ${findingCount} findings · checks: ${esc(report.config.checks.join(', '))} · ${esc(report.tool.name)} ${esc(report.tool.version)}, schema ${esc(report.schemaVersion)}</p>
<nav>${navHtml(report)}</nav>
</div></header>
<main>
<pre id="js-errors" hidden></pre>
<noscript><p class="noscript">The per-task table needs JavaScript; everything above it is static.</p></noscript>
${scoreCardHtml(report)}
${summaryHtml(report)}
${headerHtml(report)}
${checksHtml(report, taskIds)}${suitesHtml(report)}${contaminationPartsHtml(report)}
${benchmarkFindingsHtml(report.findings)}
${warningsHtml(report)}
${tasksHtml(report)}
<footer>Generated by ${esc(report.tool.name)} ${esc(report.tool.version)} from a report of schema ${esc(report.schemaVersion)}. Self-contained: this page loads nothing from the network.</footer>
</main>
<script type="application/json" id="audit-data">${data}</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}
