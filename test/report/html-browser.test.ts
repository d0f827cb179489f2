/**
 * The HTML report in a real browser: headless Chromium (Debian's `chromium`) loads the page from
 * file://, runs its scripts, and dumps the resulting DOM (`--dump-dom`). The page records every
 * script error, failed load, CSP violation and console.error in `#js-errors` and the
 * `data-js-errors` attribute of <html>, and marks a finished render with `data-rendered="ok"`; the
 * tests read those from the dump, plus the rows the page's script built. Chromium's own stderr
 * (with --enable-logging=stderr) is also checked for console messages and uncaught errors.
 * Skips only when /usr/bin/chromium is absent (CI installs it).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { renderHtml } from '../../src/report/html.js';
import type { AuditReport } from '../../src/model/types.generated.js';
import { CLAMP_ASSERT, CLAMP_INPUT, demoStaticReport, fullReport, futureReport, HOSTILE_ID, hostileReport, PAYLOADS } from './html-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
/** One page load; Chromium starts in about a second here, so this is generous. */
const LOAD_TIMEOUT_MS = 30_000;

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium) to run the browser test; CI installs it`;

interface Loaded {
  dom: string;
  stderr: string;
}

let dir = '';
let launches = 0;

/** Write the page, load it in headless Chromium (optionally with a #fragment), return the DOM after its scripts ran. */
function load(html: string, fragment = ''): Promise<Loaded> {
  const n = launches++;
  const file = join(dir, `page-${n}.html`);
  writeFileSync(file, html);
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--no-first-run',
    `--user-data-dir=${join(dir, `profile-${n}`)}`,
    '--enable-logging=stderr',
    '--v=0',
    '--dump-dom',
    pathToFileURL(file).href + fragment,
  ];
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: LOAD_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
      else resolve({ dom: stdout, stderr });
    });
  });
}

const htmlTag = (dom: string) => /<html[^>]*>/.exec(dom)?.[0] ?? '';

/** The page ran to the end without any recorded problem. */
function assertClean(page: Loaded): void {
  const errors = /<pre id="js-errors"[^>]*>([\s\S]*?)<\/pre>/.exec(page.dom);
  assert.ok(errors, 'the error box is in the page');
  assert.equal(errors[1], '', `script problems: ${errors[1]}`);
  assert.doesNotMatch(htmlTag(page.dom), /data-js-errors/);
  assert.match(htmlTag(page.dom), /data-rendered="ok"/, 'the page script finished');
  const consoleLines = page.stderr.split('\n').filter((l) => /:CONSOLE\(\d+\)\]|Uncaught|Refused to/.test(l));
  assert.deepEqual(consoleLines, [], 'no console messages or uncaught errors from the page');
}

const taskRows = (dom: string) => [...dom.matchAll(/<tr class="task-row[^"]*"([^>]*)>/g)].map((m) => ({ attrs: m[1], id: /data-id="([^"]*)"/.exec(m[1])?.[1] }));
function countBox(dom: string): { shown: number; total: number; text: string } {
  const m = /<span class="count" id="task-count"([^>]*)>([^<]*)<\/span>/.exec(dom);
  assert.ok(m, 'the task count is in the page');
  return { shown: Number(/data-shown="(\d+)"/.exec(m[1])?.[1]), total: Number(/data-total="(\d+)"/.exec(m[1])?.[1]), text: m[2] };
}
/** The drill-down row the page inserted for a task (the DOM serializer escapes its id as text). */
function detail(dom: string, id: string): string {
  const escaped = id.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const start = dom.indexOf(`<tr class="detail-row" data-detail-for="${escaped}">`);
  assert.ok(start >= 0, `a drill-down row for ${id}`);
  const end = dom.indexOf('<tr class="task-row', start);
  return dom.slice(start, end < 0 ? undefined : end);
}
/**
 * The page with a script run after its own: the script clicks chart columns (real DOM click events on
 * the SVG links) and records what it saw. The Content-Security-Policy is removed from this copy only,
 * so that the added script may run.
 */
function withScript(html: string, js: string): string {
  return html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace(/<\/body>/, () => `<script>${js}</script></body>`);
}
/** Clicks the chart link with this data-sel (or, for finding kinds, href) and notes whether it took keyboard focus. */
const CLICK_JS = (selector: string) => `
(function () {
  var a = document.querySelector(${JSON.stringify(selector)});
  var out = { found: !!a, focused: false };
  if (a) {
    a.focus();
    out.focused = document.activeElement === a;
    a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
  }
  var pre = document.createElement('pre');
  pre.id = 'clicked';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();`;
const visibleRows = (dom: string) => taskRows(dom).filter((r) => !/\shidden/.test(r.attrs)).map((r) => r.id);

const tasksWith = (r: AuditReport, pred: (t: AuditReport['tasks'][number]) => boolean) => r.tasks.filter(pred).map((t) => t.id);

/** Page loads in flight at once (each is a separate Chromium; the suite runs on 2 cores). */
const CONCURRENT_LOADS = 2;

describe('the HTML report in headless Chromium', { skip, concurrency: CONCURRENT_LOADS }, () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-audit-html-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the demo audit loads without script errors and shows one row per task', async () => {
    const report = await demoStaticReport();
    const page = await load(renderHtml(report));
    assertClean(page);
    const rows = taskRows(page.dom);
    assert.equal(rows.length, report.tasks.length);
    assert.deepEqual(rows.map((r) => r.id), report.tasks.map((t) => t.id));
    assert.ok(rows.every((r) => !/hidden/.test(r.attrs)));
    assert.deepEqual(countBox(page.dom), { shown: report.tasks.length, total: report.tasks.length, text: `${report.tasks.length} tasks` });
  });

  it('drill-downs (three tasks opened from the URL fragment): survivor diff, witness input, killing assert; corpus span; duplicate links', async () => {
    const report = await fullReport();
    const page = await load(renderHtml(report), '#task=Demo%2F6&task=Demo%2F10&task=Demo%2F1');
    assertClean(page);
    assert.equal(taskRows(page.dom).length, report.tasks.length);
    const d = detail(page.dom, 'Demo/6');
    assert.match(d, /<pre class="diff">/);
    assert.match(d, /<span class="del">-        return hi<\/span>/);
    assert.match(d, /<span class="add">\+        pass<\/span>/);
    assert.ok(d.includes('witness input'));
    assert.ok(d.includes(`<pre>${CLAMP_INPUT}</pre>`));
    assert.ok(d.includes('killing assert'));
    assert.ok(d.includes(`<pre>${CLAMP_ASSERT}</pre>`));
    // Every check section of the task is shown, static prompt examples included.
    assert.deepEqual([...d.matchAll(/data-check="([a-z]+)"/g)].map((m) => m[1]), ['static', 'execution', 'mutation', 'contamination']);
    assert.ok(d.includes('<code>clamp(5, 0, 10)</code>'));
    // The contamination match: corpus path, line span, scores.
    const c = detail(page.dom, 'Demo/10');
    const m = report.tasks.find((t) => t.id === 'Demo/10')!.checks.contamination!.matches[0];
    assert.ok(c.includes(`${m.path}:${m.lines.start}–${m.lines.end}`));
    assert.ok(c.includes(`containment ${m.containment}, similarity ${m.similarity}`));
    // A near-duplicate links to the other task's drill-down.
    assert.ok(detail(page.dom, 'Demo/1').includes('<a href="#task=Demo%2F11">Demo/11</a>'));
    assert.equal((page.dom.match(/<tr class="detail-row"/g) ?? []).length, 3);
  });

  it('filters by finding kind, by severity and by text (set from the URL fragment)', async () => {
    const report = await fullReport();
    const html = renderHtml(report);
    const cases: [string, string[]][] = [
      ['#kind=killable-survivor', tasksWith(report, (t) => t.findings.some((f) => f.kind === 'killable-survivor'))],
      ['#severity=error', tasksWith(report, (t) => t.findings.some((f) => f.severity === 'error'))],
      ['#q=clamp', tasksWith(report, (t) => t.entryPoint.includes('clamp') || t.findings.some((f) => f.message.includes('clamp')))],
    ];
    const pages: Loaded[] = [];
    for (let i = 0; i < cases.length; i += CONCURRENT_LOADS) pages.push(...(await Promise.all(cases.slice(i, i + CONCURRENT_LOADS).map(([fragment]) => load(html, fragment)))));
    for (const [i, [fragment, expected]] of cases.entries()) {
      assert.ok(expected.length > 0 && expected.length < report.tasks.length, `${fragment} is a real filter`);
      const page = pages[i];
      assertClean(page);
      const visible = taskRows(page.dom).filter((r) => !/\shidden/.test(r.attrs)).map((r) => r.id);
      assert.deepEqual(visible, expected, fragment);
      assert.deepEqual(countBox(page.dom), { shown: expected.length, total: report.tasks.length, text: `${expected.length} of ${report.tasks.length} tasks` });
    }
  });

  it('clicking a chart column (mouse or keyboard focus) filters the task table to exactly its tasks', async () => {
    const report = await fullReport();
    const html = renderHtml(report);
    const score = (t: AuditReport['tasks'][number]) => t.checks.mutation?.score;
    const perfect = tasksWith(report, (t) => score(t) === 1);
    const lowest = report.tasks.filter((t) => typeof score(t) === 'number').sort((a, b) => score(a)! - score(b)!)[0];
    const k = Math.floor(score(lowest)! * 20 + 1e-9);
    const lowKey = `mutation:${(k / 20).toFixed(2)}-${((k + 1) / 20).toFixed(2)}`;
    const lowTasks = tasksWith(report, (t) => typeof score(t) === 'number' && score(t)! < 1 && Math.floor(score(t)! * 20 + 1e-9) === k);
    const tests = report.tasks[0].checks.static!.tests;
    const cases: [string, string, string[]][] = [
      ['the 1.0 column', 'a[data-sel="mutation:1"]', perfect],
      ['the lowest-score column', `a[data-sel="${lowKey}"]`, lowTasks],
      ['a tests-per-task column', `a[data-sel="tests:${tests}"]`, tasksWith(report, (t) => t.checks.static!.tests === tests)],
      ['a similarity column', 'a[data-sel="similarity:0.9-1.0"]', tasksWith(report, (t) => { const c = t.checks.contamination!; return [...c.matches, ...(c.duplicates ?? []), ...(c.overlaps ?? [])].some((m) => m.similarity >= 0.9); })],
      ['a finding kind bar', '#chart-findings a[href="#kind=killable-survivor"]', tasksWith(report, (t) => t.findings.some((f) => f.kind === 'killable-survivor'))],
    ];
    const pages: Loaded[] = [];
    for (let i = 0; i < cases.length; i += CONCURRENT_LOADS) pages.push(...(await Promise.all(cases.slice(i, i + CONCURRENT_LOADS).map(([, sel]) => load(withScript(html, CLICK_JS(sel)))))));
    for (const [i, [what, , expected]] of cases.entries()) {
      assert.ok(expected.length > 0 && expected.length < report.tasks.length, `${what} is a real filter`);
      const page = pages[i];
      assertClean(page);
      const clicked = JSON.parse(/<pre id="clicked">([^<]*)<\/pre>/.exec(page.dom)![1].replace(/&quot;/g, '"')) as { found: boolean; focused: boolean };
      assert.deepEqual(clicked, { found: true, focused: true }, `${what}: the link exists and takes keyboard focus`);
      assert.deepEqual(visibleRows(page.dom), expected, what);
      assert.deepEqual(countBox(page.dom), { shown: expected.length, total: report.tasks.length, text: `${expected.length} of ${report.tasks.length} tasks` });
    }
    // A chart column shows what it selected, with a way to clear it.
    assert.match(pages[0].dom, /<span class="selection" id="filter-selection"><span id="filter-selection-label">mutation score exactly 1\.0 \(every judged mutant killed\) \(\d+\)<\/span>/);
  });

  it('the link of a chart column, opened from the URL, shows exactly its tasks', async () => {
    const report = await fullReport();
    const page = await load(renderHtml(report), '#sel=mutation%3A1');
    assertClean(page);
    assert.deepEqual(visibleRows(page.dom), tasksWith(report, (t) => t.checks.mutation?.score === 1));
  });

  it('hostile task text stays inert: no injected element, the payload shown as text', async () => {
    const report = await hostileReport();
    const page = await load(renderHtml(report), `#task=${encodeURIComponent(HOSTILE_ID)}`);
    assertClean(page);
    assert.equal(taskRows(page.dom).length, report.tasks.length);
    assert.doesNotMatch(page.dom, /<img/i, 'no <img> element was created');
    assert.equal((page.dom.match(/<script/gi) ?? []).length, 3, 'only the page\'s own scripts');
    assert.doesNotMatch(page.dom, /<[a-z][^>]*\son[a-z]+=/i, 'no event-handler attribute');
    const d = detail(page.dom, HOSTILE_ID);
    const asText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    assert.ok(d.includes(asText(PAYLOADS.script)), 'the script payload is visible as text');
    assert.ok(d.includes(asText(PAYLOADS.img)), 'the img payload is visible as text');
  });

  it('a report with sections this page does not know still renders them (generic tables, matched text side by side)', async () => {
    const report = await futureReport();
    const page = await load(renderHtml(report), '#task=Demo%2F10');
    assertClean(page);
    const d = detail(page.dom, 'Demo/10');
    assert.ok(d.includes('Check: licensing'));
    assert.match(d, /<div class="side">[\s\S]*benchmark solution \(benchmarkText\)[\s\S]*corpus text_utils\.py:12–27 \(corpusText\)/);
    assert.ok(d.includes('def rle(s):'));
  });

  it('negative control: a page whose script fails is reported as failing', async () => {
    const report = await demoStaticReport();
    const html = renderHtml(report).replace(/(<script type="application\/json" id="audit-data">)[\s\S]*?(<\/script>)/, '$1{"tasks": 5}$2');
    const page = await load(html);
    assert.match(htmlTag(page.dom), /data-js-errors="1"/);
    assert.doesNotMatch(htmlTag(page.dom), /data-rendered/);
    assert.match(page.dom, /<pre id="js-errors">This page hit 1 script problem\(s\):\n[^<]*TypeError/);
  });
});
