import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { renderHtml } from '../../src/report/html.js';
import { integerBins } from '../../src/report/html/charts.js';
import { escapeHtml, jsonForScript, safeHttpUrl } from '../../src/report/html/escape.js';
import { niceTicks } from '../../src/report/html/svg.js';
import { reproduceCommand } from '../../src/report/markdown.js';
import type { AuditReport } from '../../src/model/types.generated.js';
import { validateReport } from '../../src/report/validate.js';
import { sortKeys } from '../../src/util/canonical-json.js';
import { CLAMP_ASSERT, CLAMP_DIFF, demoStaticReport, fullReport, futureReport, hostileReport, PAYLOADS } from './html-fixtures.js';

/** The embedded report, parsed back the way the page's script does it. */
function dataBlock(html: string): unknown {
  const m = /<script type="application\/json" id="audit-data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the page embeds the report as JSON');
  return JSON.parse(m[1]);
}

/** Every <script> element: its attributes and its text. */
function scripts(html: string): { attrs: string; text: string }[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ attrs: m[1], text: m[2] }));
}

/** One chart's SVG markup by id. */
function chart(html: string, id: string): string | undefined {
  return new RegExp(`<svg class="chart" id="${id}"[\\s\\S]*?</svg>`).exec(html)?.[0];
}

/** The tooltip texts of a chart's bars ("label: value"). */
function barTitles(svg: string): string[] {
  return [...svg.matchAll(/<rect class="bar[^"]*"[^>]*><title>([^<]*)<\/title><\/rect>/g)].map((m) => m[1]);
}

function allFindingKinds(report: AuditReport): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of [...report.findings, ...report.tasks.flatMap((t) => t.findings)]) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return counts;
}

describe('renderHtml on the demo audit (library path: loadBenchmark + runAudit + static check)', () => {
  it('renders a complete page that embeds the report unchanged', async () => {
    const report = await demoStaticReport();
    validateReport(report);
    const html = renderHtml(report);
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(html, /<\/html>\n$/);
    assert.deepEqual(dataBlock(html), JSON.parse(JSON.stringify(report)));
    assert.match(html, new RegExp(`data-total="${report.tasks.length}"`));
  });

  it('is deterministic: same report, same bytes, whatever the key order', async () => {
    const report = await demoStaticReport();
    const a = renderHtml(report);
    assert.equal(renderHtml(structuredClone(report)), a);
    // The same report read back from its canonical JSON (sorted keys) gives the same page.
    assert.equal(renderHtml(sortKeys(report) as AuditReport), a);
    // Dates only from the run block.
    const dates = new Set(a.match(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g) ?? []);
    assert.deepEqual([...dates].sort(), [report.run.finishedAt, report.run.startedAt].filter((v, i, l) => l.indexOf(v) === i).sort());
  });

  it('header: benchmark, provenance, file sha256s, tool and schema version, config, reproduce command', async () => {
    const report = await demoStaticReport();
    const html = renderHtml(report);
    assert.ok(html.includes(escapeHtml(report.benchmark.title)));
    for (const f of report.benchmark.files) {
      assert.ok(html.includes(f.sha256), `sha256 of ${f.path}`);
      assert.ok(html.includes(escapeHtml(f.path)));
    }
    assert.ok(html.includes(`${report.tool.name} ${report.tool.version}`));
    assert.ok(html.includes(`<td>report schema</td><td>${report.schemaVersion}</td>`));
    assert.ok(html.includes(`<pre id="reproduce-command">${escapeHtml(reproduceCommand(report))}</pre>`));
    assert.ok(html.includes(`<td>fewTestsThreshold</td>`.replace('fewTestsThreshold', 'static.<wbr>fewTestsThreshold')));
    assert.ok(html.includes(`<td>seed</td><td>${report.config.seed}</td>`));
  });

  it('hub provenance shows the repository, the revision asked and the resolved commit', async () => {
    const report = await demoStaticReport();
    report.benchmark.source = { type: 'hub', repo: 'openai/openai_humaneval', revision: 'main', commit: 'a'.repeat(40) };
    validateReport(report);
    const html = renderHtml(report);
    assert.ok(html.includes('<td>repository</td><td>openai/openai_humaneval</td>'));
    assert.ok(html.includes('<td>revision asked</td><td>main</td>'));
    assert.ok(html.includes(`<td>commit</td><td>${'a'.repeat(40)}</td>`));
    assert.ok(html.includes(`--revision ${'a'.repeat(40)}`));
  });

  it('charts: findings by kind and tests per task match the report; no mutation/contamination chart without those sections', async () => {
    const report = await demoStaticReport();
    const html = renderHtml(report);
    const findings = chart(html, 'chart-findings');
    assert.ok(findings);
    const kinds = allFindingKinds(report);
    assert.ok(kinds.size > 0, 'the demo has planted findings');
    assert.deepEqual(
      barTitles(findings).map((t) => t.replace(/ \((error|warning|info)\)$/, '')).sort(),
      [...kinds].map(([k, n]) => `${k}: ${n}`).sort(),
    );
    const tests = chart(html, 'chart-tests');
    assert.ok(tests);
    const perValue = new Map<number, number>();
    for (const t of report.tasks) perValue.set(t.checks.static!.tests, (perValue.get(t.checks.static!.tests) ?? 0) + 1);
    assert.deepEqual(barTitles(tests).sort(), [...perValue].map(([v, n]) => `${v}: ${n}`).sort());
    for (const svg of [findings, tests]) {
      assert.match(svg, /<text class="chart-title"[^>]*>[^<]+<\/text>/);
      assert.equal((svg.match(/class="axis-label"/g) ?? []).length, 2, 'an x and a y axis label');
    }
    assert.equal(chart(html, 'chart-mutation'), undefined);
    assert.equal(chart(html, 'chart-contamination'), undefined);
  });
});

describe('renderHtml with execution, mutation and contamination sections', () => {
  it('the hand-made fixture is a valid report', async () => {
    validateReport(await fullReport());
  });

  it('mutation score histogram reproduces the summary distribution; similarity histogram counts every match', async () => {
    const report = await fullReport();
    const html = renderHtml(report);
    const mutation = chart(html, 'chart-mutation');
    assert.ok(mutation);
    const buckets = report.summary.checks.mutation!.distribution.buckets;
    assert.deepEqual(
      barTitles(mutation),
      buckets.filter((b) => b.tasks > 0).map((b) => `${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.tasks}`),
    );
    const contamination = chart(html, 'chart-contamination');
    assert.ok(contamination);
    const sum = (titles: string[], series: string) => titles.filter((t) => t.endsWith(series)).reduce((a, t) => a + Number(/: (\d+) /.exec(t)![1]), 0);
    const sections = report.tasks.map((t) => t.checks.contamination!);
    const titles = barTitles(contamination);
    assert.equal(sum(titles, 'corpus match'), sections.reduce((a, c) => a + c.matches.length, 0));
    assert.equal(sum(titles, 'in-benchmark duplicate'), sections.reduce((a, c) => a + (c.duplicates ?? []).length, 0));
    assert.equal(sum(titles, 'cross-benchmark'), sections.reduce((a, c) => a + (c.overlaps ?? []).length, 0));
  });

  it('check summaries show every scalar figure of every check, in check order', async () => {
    const report = await fullReport();
    const html = renderHtml(report);
    const order = [...html.matchAll(/<div class="check-box" data-check="([a-z]+)">/g)].map((m) => m[1]);
    assert.deepEqual(order, ['static', 'execution', 'mutation', 'contamination']);
    assert.ok(html.includes('<td>contaminatedTasks</td><td>1</td>'));
    assert.ok(html.includes('<td>score</td><td>0.8</td>'));
    // Records become tables; task ids in them link to the task's drill-down.
    assert.ok(html.includes('<a href="#task=Demo%2F6">Demo/6</a>'));
    assert.ok(html.includes('<h4>rates</h4>'));
  });

  it('the drill-down data carries the survivor diff, witness input and killing assert, and the warning is listed', async () => {
    const report = await fullReport();
    const html = renderHtml(report);
    const data = dataBlock(html) as AuditReport;
    const survivor = data.tasks.find((t) => t.id === 'Demo/6')!.checks.mutation!.survivors[0];
    assert.equal(survivor.diff, CLAMP_DIFF);
    assert.equal(survivor.evidence!.assert, CLAMP_ASSERT);
    assert.ok(html.includes('plus-inputs-unavailable'));
  });
});

describe('untrusted text stays inert', () => {
  it('escapes report strings in markup and in the JSON data block', async () => {
    const report = await hostileReport();
    validateReport(report);
    const html = renderHtml(report);
    // Exactly our three script elements: the error hook, the JSON data and the page script.
    const s = scripts(html);
    assert.equal(s.length, 3);
    assert.deepEqual(s.map((x) => x.attrs), ['', ' type="application/json" id="audit-data"', '']);
    assert.equal((html.match(/<script/gi) ?? []).length, 3);
    assert.equal((html.match(/<\/script/gi) ?? []).length, 3);
    // No markup from the report: no <img>, no comment opener, no event-handler attribute it brought.
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /<!--/);
    assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+=/i, 'no element carries an event-handler attribute');
    assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;'), 'the payload is shown as text');
    assert.doesNotMatch(html, /href="javascript:/i);
    // The hostile title is shown as text.
    assert.ok(html.includes(escapeHtml(report.benchmark.title)));
    // Every hostile string survives the round trip through the data block exactly.
    assert.deepEqual(dataBlock(html), JSON.parse(JSON.stringify(sortKeys(report))));
    const data = dataBlock(html) as AuditReport;
    assert.equal(data.tasks[0].checks.static!.promptExamples[0].call, `f("${PAYLOADS.script}")`);
    assert.equal(data.tasks[0].entryPoint, `f${PAYLOADS.img}`);
  });

  it('a Content-Security-Policy allows only the page\'s own scripts (by hash) and no network', async () => {
    const html = renderHtml(await hostileReport());
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp);
    assert.match(csp, /default-src 'none'/);
    const executable = scripts(html).filter((x) => x.attrs === '');
    for (const x of executable) {
      const hash = createHash('sha256').update(x.text, 'utf8').digest('base64');
      assert.ok(csp.includes(`'sha256-${hash}'`), 'script hash in the policy');
    }
    assert.doesNotMatch(csp, /unsafe-inline'[^;]*;?\s*$|script-src[^;]*unsafe/);
    // Nothing is loaded from a URL.
    assert.doesNotMatch(html, /<(link|img|iframe|object|embed|audio|video|source)\b/i);
    assert.doesNotMatch(html, /<[a-z][^>]*\s(src|href)="(?!#)/i, 'no element points at a URL (in-page anchors only)');
    assert.doesNotMatch(html, /url\(|@import/i);
  });

  it('escape helpers', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>\u0000`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;\uFFFD');
    const json = jsonForScript({ s: '</script><!--&\u2028' });
    assert.doesNotMatch(json, /[<>&\u2028]/);
    assert.deepEqual(JSON.parse(json), { s: '</script><!--&\u2028' });
    assert.equal(safeHttpUrl('https://example.org/a'), 'https://example.org/a');
    assert.equal(safeHttpUrl('javascript:alert(1)'), undefined);
    assert.equal(safeHttpUrl('https://x" onclick="y'), undefined);
  });
});

describe('unknown sections and chart helpers', () => {
  it('renders a report from a future schema: unknown check summaries as figures and tables', async () => {
    const report = await futureReport();
    assert.throws(() => validateReport(report), 'the fixture is deliberately outside today\'s schema');
    const html = renderHtml(report);
    assert.ok(html.includes('<div class="check-box" data-check="licensing"><h3>Check: licensing</h3>'));
    assert.ok(html.includes('<td>flagged</td><td>2</td>'));
    assert.ok(html.includes('<h4>byLicense</h4>'));
    assert.ok(html.includes('<li>a note long enough'));
    assert.match(html, /<summary>deep \(1 items, JSON\)<\/summary>/);
  });

  it('a benchmark with no tasks and no findings still gives a complete page with empty charts', async () => {
    const report = await demoStaticReport();
    report.tasks = [];
    report.benchmark.taskCount = 0;
    report.summary = { ...report.summary, tasks: 0, tasksWithFindings: 0, findingsBySeverity: { info: 0, warning: 0, error: 0 }, findingsByKind: {} };
    validateReport(report);
    const html = renderHtml(report);
    assert.match(chart(html, 'chart-findings')!, /<text class="empty"[^>]*>no findings<\/text>/);
    assert.match(chart(html, 'chart-tests')!, /<text class="empty"[^>]*>no tasks<\/text>/);
    assert.match(html, /data-total="0">0 tasks</);
    assert.deepEqual((dataBlock(html) as AuditReport).tasks, []);
  });

  it('integerBins: one column per value when the range is narrow, equal groups when wide; no value lost', () => {
    const narrow = integerBins([3, 4, 4, 6]);
    assert.deepEqual(narrow.map((b) => [b.label, b.values[0]]), [['3', 1], ['4', 2], ['5', 0], ['6', 1]]);
    const values = Array.from({ length: 500 }, (_, i) => (i * 37) % 401);
    const wide = integerBins(values);
    assert.ok(wide.length <= 25 && wide.length > 1);
    assert.equal(wide.reduce((a, b) => a + b.values[0], 0), values.length);
    assert.deepEqual(integerBins([]), []);
  });

  it('niceTicks covers the maximum with 1-2-5 steps', () => {
    assert.deepEqual(niceTicks(0), [0, 1]);
    assert.deepEqual(niceTicks(6), [0, 2, 4, 6]);
    assert.deepEqual(niceTicks(1), [0, 1]);
    const t = niceTicks(974);
    assert.ok(t[t.length - 1] >= 974 && t.length <= 7);
  });
});
