import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { renderHtml } from '../../src/report/html.js';
import { integerBins, mutationScoreBins } from '../../src/report/html/charts.js';
import { escapeHtml, jsonForScript, safeHttpUrl } from '../../src/report/html/escape.js';
import { columnChart, niceTicks } from '../../src/report/html/svg.js';
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

/** The clickable columns of a chart: selection key, fragment, the tasks it carries, its count label and its accessible name. */
interface SelectLink { key: string; href: string; taskIds: string[]; value: number; aria: string }
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
function selectLinks(svg: string): SelectLink[] {
  return [...svg.matchAll(/<a class="select" href="([^"]*)" data-sel="([^"]*)" data-sel-label="[^"]*" data-tasks="([^"]*)" aria-label="([^"]*)">([\s\S]*?)<\/a>/g)].map((m) => ({
    href: unescape(m[1]),
    key: unescape(m[2]),
    taskIds: JSON.parse(unescape(m[3])) as string[],
    aria: unescape(m[4]),
    value: Number(/<text class="value"[^>]*>(\d+)<\/text>/.exec(m[5])?.[1]),
  }));
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

  it('mutation score histogram: twenty 0.05 columns below 1.0 and exactly 1.0 apart, each column a link to exactly its tasks', async () => {
    const report = await fullReport();
    const html = renderHtml(report);
    const mutation = chart(html, 'chart-mutation');
    assert.ok(mutation);
    const scored = report.tasks.filter((t) => typeof t.checks.mutation?.score === 'number');
    assert.ok(scored.length > 3 && scored.some((t) => t.checks.mutation!.score! < 1), 'the fixture spreads the scores');
    const links = selectLinks(mutation);
    // Only non-empty columns are links; together they hold every scored task once, and no unscored task.
    assert.deepEqual(links.flatMap((l) => l.taskIds).sort(), scored.map((t) => t.id).sort());
    for (const l of links) {
      assert.ok(l.taskIds.length > 0);
      assert.equal(l.href, `#sel=${encodeURIComponent(l.key)}`);
      assert.equal(l.value, l.taskIds.length, `${l.key}: the column is labelled with its count`);
      assert.match(l.aria, /: \d+ tasks?; show these tasks in the table$/);
      const scores = l.taskIds.map((id) => report.tasks.find((t) => t.id === id)!.checks.mutation!.score!);
      if (l.key === 'mutation:1') assert.ok(scores.every((x) => x === 1), 'the 1.0 column holds only perfect scores');
      else {
        const [from, to] = l.key.replace('mutation:', '').split('-').map(Number);
        assert.ok(scores.every((x) => x >= from && x < to), `${l.key}: ${scores.join(', ')}`);
      }
    }
    // The summary's 0.1 distribution is the same data, coarser.
    const buckets = report.summary.checks.mutation!.distribution.buckets;
    assert.equal(links.reduce((a, l) => a + l.taskIds.length, 0), buckets.reduce((a, b) => a + b.tasks, 0));
    const bins = mutationScoreBins(report);
    assert.equal(bins.length, 21);
    assert.equal(bins[20].separate, true);
    assert.match(html, /<figcaption>\d+ tasks with a judged mutant: \d+ at exactly 1\.0, \d+ below; 1 task without a score \(skipped or no judged mutant\) not shown\.<\/figcaption>/);
  });

  it('mutation bins: boundaries land in the upper column (0.95 is not in 0.90–0.95); 0 and 1.0 are kept', async () => {
    const report = await fullReport();
    const withScore = report.tasks.filter((t) => typeof t.checks.mutation?.score === 'number');
    const planted = [0, 0.05, 0.95, 0.9999, 1];
    planted.forEach((score, i) => { withScore[i].checks.mutation!.score = score; });
    const bins = mutationScoreBins(report);
    const binOf = (id: string) => bins.findIndex((b) => b.select!.taskIds.includes(id));
    assert.deepEqual(planted.map((_, i) => binOf(withScore[i].id)), [0, 1, 19, 19, 20]);
  });

  it('similarity histogram counts every match; each column links to the tasks with a match in it', async () => {
    const report = await fullReport();
    const html = renderHtml(report);
    const contamination = chart(html, 'chart-contamination');
    assert.ok(contamination);
    const sum = (titles: string[], series: string) => titles.filter((t) => t.endsWith(series)).reduce((a, t) => a + Number(/: (\d+) /.exec(t)![1]), 0);
    const sections = report.tasks.map((t) => t.checks.contamination!);
    const titles = barTitles(contamination);
    assert.equal(sum(titles, 'corpus match'), sections.reduce((a, c) => a + c.matches.length, 0));
    assert.equal(sum(titles, 'in-benchmark duplicate'), sections.reduce((a, c) => a + (c.duplicates ?? []).length, 0));
    assert.equal(sum(titles, 'cross-benchmark'), sections.reduce((a, c) => a + (c.overlaps ?? []).length, 0));
    const links = selectLinks(contamination);
    assert.ok(links.length > 0);
    for (const l of links) {
      const [from, to] = l.key.replace('similarity:', '').split('-').map(Number);
      const inBin = (s: number) => s >= from && (s < to || (to === 1 && s === 1));
      const expected = report.tasks
        .filter((t) => { const c = t.checks.contamination!; return [...c.matches, ...(c.duplicates ?? []), ...(c.overlaps ?? [])].some((m) => inBin(m.similarity)); })
        .map((t) => t.id);
      assert.deepEqual(l.taskIds, expected, l.key);
    }
  });

  it('no contamination chart when no corpus was scanned, even with duplicates and overlaps', async () => {
    const report = await fullReport();
    delete report.config.contamination!.corpus;
    assert.ok(report.tasks.some((t) => (t.checks.contamination?.duplicates ?? []).length > 0));
    assert.equal(chart(renderHtml(report), 'chart-contamination'), undefined);
  });

  it('tests-per-task columns link to exactly the tasks with that many tests', async () => {
    const report = await demoStaticReport();
    const links = selectLinks(chart(renderHtml(report), 'chart-tests')!);
    assert.ok(links.length > 1);
    for (const l of links) {
      const n = Number(l.key.replace('tests:', ''));
      assert.deepEqual(l.taskIds, report.tasks.filter((t) => t.checks.static!.tests === n).map((t) => t.id), l.key);
      assert.equal(l.value, l.taskIds.length);
    }
  });

  it('one column far above the rest breaks the value axis and keeps its true count; comparable columns do not', () => {
    const bins = (values: number[]) => values.map((v, i) => ({ label: String(i), values: [v] }));
    const draw = (values: number[]) => columnChart({ id: 'c', title: 't', xLabel: 'x', yLabel: 'tasks', bins: bins(values), series: [{ name: 's', className: 'fill-primary', fill: '#000' }], emptyText: 'none' });
    const broken = draw([2, 5, 120]);
    assert.match(broken, /<path class="break"/);
    assert.match(broken, /<text class="value"[^>]*>120<\/text>/);
    assert.match(broken, /tasks \(axis cut: see ≈ column\)/);
    // The small columns get most of the height: the scale tops out near 5, not 120.
    assert.ok(!/<text class="tick"[^>]*>100<\/text>/.test(broken));
    const plain = draw([2, 5, 12]);
    assert.doesNotMatch(plain, /class="break"/);
    assert.doesNotMatch(plain, /axis cut/);
  });

  it('check summaries show every scalar figure of every check, in check order', async () => {
    const report = await fullReport();
    const html = renderHtml(report);
    const order = [...html.matchAll(/<div class="check-box" data-check="([a-z]+)">/g)].map((m) => m[1]);
    assert.deepEqual(order, ['static', 'execution', 'mutation', 'contamination']);
    // In words, as the Markdown has them (the JSON keys are in the embedded report).
    assert.ok(html.includes('<td>contaminated tasks</td><td>1</td>'), '<td>contaminated tasks</td><td>1</td>');
    assert.ok(html.includes('<td>score</td><td>0.8</td>'), '<td>score</td><td>0.8</td>');
    assert.ok(html.includes('<td>counts: killable</td>'), '<td>counts: killable</td>');
    assert.ok(!html.includes('<td>contaminatedTasks</td>') && !html.includes('<td>counts.<wbr>killable</td>'), 'no JSON key shown as a figure name');
    // Records become tables; task ids in them link to the task's drill-down.
    assert.ok(html.includes('<a href="#task=Demo%2F6">Demo/6</a>'), '<a href="#task=Demo%2F6">Demo/6</a>');
    assert.ok(html.includes('<h4>rates</h4>'), '<h4>rates</h4>');
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
    assert.ok(html.includes('<h4>by license</h4>'), 'a record of an unknown check is a table under its name in words');
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
