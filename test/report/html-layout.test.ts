/**
 * The HTML report's layout in a real browser at the two widths people read it at (a laptop at
 * 1280 px, a desktop at 1920 px): the key figures are on the first screen, and no text box
 * overlaps another or spills out of its table cell (a hub repository name and a 40-character
 * commit once ran into the next column). A measuring script is added to a copy of the page (its
 * Content-Security-Policy removed for that) and writes what it measured into the DOM, which
 * headless Chromium dumps; a screenshot of each width is taken too. Skips only when
 * /usr/bin/chromium is absent (CI installs it).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { renderHtml } from '../../src/report/html.js';
import { fullReport } from './html-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const LOAD_TIMEOUT_MS = 60_000;
/** A laptop's usable height below the browser's own bars. */
const VIEWPORT_HEIGHT = 800;
const WIDTHS = [1280, 1920];
/** Sub-pixel rounding between adjacent boxes is not an overlap. */
const TOLERANCE_PX = 1;

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent: install Debian's chromium (apt-get install -y chromium) to run the browser layout test; CI installs it`;

/** Runs in the page: every visible text node's box in the first sections, the score card's box, and the viewport. */
const MEASURE_JS = `
(function () {
  var out = { viewport: { w: window.innerWidth, h: window.innerHeight }, card: null, boxes: [] };
  var card = document.getElementById('scorecard');
  if (card) { var r = card.getBoundingClientRect(); out.card = { top: r.top, bottom: r.bottom }; }
  ['scorecard', 'summary', 'overview'].forEach(function (id) {
    var root = document.getElementById(id);
    if (!root) return;
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.textContent.trim() === '') continue;
      var el = n.parentElement;
      if (el.closest('svg') || el.closest('details:not([open]) > :not(summary)')) continue;
      var range = document.createRange();
      range.selectNodeContents(n);
      var b = range.getBoundingClientRect();
      if (b.width === 0 || b.height === 0) continue;
      var cell = el.closest('td, th, .meta > div, .score-card');
      var c = cell ? cell.getBoundingClientRect() : null;
      var col = el.closest('.meta > div, .score-card, .stat');
      var k = col ? col.getBoundingClientRect() : null;
      out.boxes.push({ text: n.textContent.trim().slice(0, 40), l: b.left, t: b.top, r: b.right, b: b.bottom, cell: c ? { l: c.left, r: c.right } : null, column: k ? { l: k.left, r: k.right } : null });
    }
  });
  var pre = document.createElement('pre');
  pre.id = 'layout';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
`;

interface Box { text: string; l: number; t: number; r: number; b: number; cell: { l: number; r: number } | null; column: { l: number; r: number } | null }
interface Layout { viewport: { w: number; h: number }; card: { top: number; bottom: number } | null; boxes: Box[] }

let dir = '';

function chromium(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--disable-extensions', ...args], { timeout: LOAD_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

async function measure(html: string, width: number): Promise<Layout> {
  const file = join(dir, `layout-${width}.html`);
  const page = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace('</body>', `<script>${MEASURE_JS}</script></body>`);
  writeFileSync(file, page);
  const dom = await chromium([`--user-data-dir=${join(dir, `profile-${width}`)}`, `--window-size=${width},${VIEWPORT_HEIGHT}`, '--dump-dom', pathToFileURL(file).href]);
  const m = /<pre id="layout">([\s\S]*?)<\/pre>/.exec(dom);
  assert.ok(m, 'the measuring script ran');
  return JSON.parse(m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Layout;
}

const outside = (b: Box, box: { l: number; r: number } | null) => box !== null && (b.l < box.l - TOLERANCE_PX || b.r > box.r + TOLERANCE_PX);
const spills = (b: Box) => outside(b, b.cell) || outside(b, b.column);
const overlaps = (a: Box, b: Box) => a.l < b.r - TOLERANCE_PX && b.l < a.r - TOLERANCE_PX && a.t < b.b - TOLERANCE_PX && b.t < a.b - TOLERANCE_PX;

describe('the HTML report layout in headless Chromium', { skip }, () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-audit-layout-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const width of WIDTHS) {
    it(`at ${width} px: the key figures are on the first screen and no text overlaps or leaves its cell (hub provenance)`, async () => {
      const report = await fullReport();
      report.benchmark.source = { type: 'hub', repo: 'google-research-datasets/mbpp-with-a-long-organisation-name', config: 'sanitized', revision: 'refs/convert/parquet', commit: '4bb6404fdc6cacfda99d4ac4205087b89d32030c' };
      const html = renderHtml(report);
      const layout = await measure(html, width);
      assert.equal(layout.viewport.w, width);
      assert.ok(layout.card, 'the score card is in the page');
      assert.ok(layout.card.top >= 0 && layout.card.bottom <= layout.viewport.h, `the score card (${layout.card.top}–${layout.card.bottom} px) fits the first ${layout.viewport.h} px`);
      assert.ok(layout.boxes.some((b) => b.text === report.benchmark.source.type || b.text.startsWith('4bb6404f')), 'the commit was measured');
      for (const b of layout.boxes) {
        assert.equal(spills(b), false, `"${b.text}" spills out of its cell or column (${b.l}–${b.r} vs ${JSON.stringify(b.cell)}, ${JSON.stringify(b.column)})`);
      }
      const clashes: string[] = [];
      for (let i = 0; i < layout.boxes.length; i++) {
        for (let j = i + 1; j < layout.boxes.length; j++) if (overlaps(layout.boxes[i]!, layout.boxes[j]!)) clashes.push(`"${layout.boxes[i]!.text}" / "${layout.boxes[j]!.text}"`);
      }
      assert.deepEqual(clashes, [], 'no two text boxes overlap');
      const shot = join(dir, `shot-${width}.png`);
      await chromium([`--user-data-dir=${join(dir, `profile-shot-${width}`)}`, `--window-size=${width},${VIEWPORT_HEIGHT}`, `--screenshot=${shot}`, pathToFileURL(join(dir, `layout-${width}.html`)).href]);
      assert.ok(statSync(shot).size > 0, 'a screenshot was taken');
    });
  }

  it('negative control: text forced out of its cell is caught', async () => {
    const report = await fullReport();
    report.benchmark.source = { type: 'hub', repo: 'x'.repeat(60), revision: 'main', commit: 'f'.repeat(40) };
    // The old rules: cells that do not wrap and grid columns that grow with their content.
    const html = renderHtml(report).replace('</style>', 'table.kv td { overflow-wrap: normal !important; white-space: nowrap; } .meta > div { min-width: auto !important; }</style>');
    const layout = await measure(html, 1280);
    assert.ok(layout.boxes.some(spills), 'the measurement sees text leave its column');
  });
});
