import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MAX_ADDED } from '../../src/apply/export.js';
import { N_DETECT as CHECK_N_DETECT } from '../../src/checks/mutation/strengthen.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { N_DETECT, SUITE_SHOWN, suitesSummary } from '../../src/report/suites.js';
import { validateReport } from '../../src/report/validate.js';
import { fullReport, PAYLOADS, suitesReport } from './html-fixtures.js';

/** The Markdown lines of one task's suite table (header and separator left out). */
function taskTable(md: string, id: string): string[] {
  const start = md.indexOf(`### \`${id}\`:`);
  assert.ok(start >= 0, `${id} has a suite section`);
  const lines = md.slice(start).split('\n').slice(2);
  const rows: string[] = [];
  for (const l of lines.slice(2)) {
    if (!l.startsWith('|')) break;
    rows.push(l);
  }
  return rows;
}

describe('strengthened suites in Markdown and HTML', () => {
  it('the shown prefix is what export writes by default, and the n-detect count is the check\'s', () => {
    assert.equal(SUITE_SHOWN, DEFAULT_MAX_ADDED);
    assert.equal(N_DETECT, CHECK_N_DETECT);
  });

  it('sums the suites: asserts per task, reasons, wrong programs killed by the shown prefix and by the whole suite', async () => {
    const r = await suitesReport();
    validateReport(r);
    const s = suitesSummary(r)!;
    const analysed = r.tasks.filter((t) => t.checks.mutation?.status === 'analysed').length;
    assert.equal(s.analysed, analysed);
    assert.equal(s.withSuite, analysed - 1, 'Demo/5 has none');
    assert.equal(s.asserts, SUITE_SHOWN + (analysed - 2));
    assert.deepEqual(s.byReason, { kills: 1 + (analysed - 2), coverage: 1, 'input-class': SUITE_SHOWN - 2 });
    const demo6 = s.tasks.find((t) => t.id === 'Demo/6')!;
    // The relational-operator mutant is killed by the 18th input only: beyond the prefix.
    assert.deepEqual([demo6.killedShown, demo6.killedAll, demo6.total, demo6.more, demo6.rows.length], [2, 3, 4, 2, SUITE_SHOWN]);
    assert.deepEqual(s.without.get('no candidate input passed the evidence checks (most failed checks)'), [{ id: 'Demo/5', detail: 'literal-oracle 9, not-answered 3' }]);
    assert.deepEqual(s.without.get('mutation check skipped')?.map((x) => x.id), ['Demo/3']);
  });

  it('Markdown: a summary table, the tasks without a suite and why, and per task the asserts with why and kills', async () => {
    const md = renderMarkdown(await suitesReport());
    const s = suitesSummary(await suitesReport())!;
    assert.match(md, /\n## Strengthened suites\n/);
    assert.ok(md.includes(`| asserts added (first ${SUITE_SHOWN} per task, as export writes them) | ${s.asserts} (`));
    assert.ok(md.includes(`| wrong programs killed by those asserts (at least) | ${s.wrong.killedShown} of ${s.wrong.total} |`));
    assert.ok(md.includes('`Demo/5` (literal-oracle 9, not-answered 3)'));
    assert.ok(md.includes('`Demo/3` (the reference solution fails its own tests)'));
    const rows = taskTable(md, 'Demo/6');
    assert.equal(rows.length, SUITE_SHOWN);
    assert.equal(rows[0], '| 1 | `assert candidate(11, 0, 10) == 10` | kills a wrong program fewer than 4 earlier inputs kill | 2 | generated |');
    // A pipe in the assert is escaped for the table; its backtick gets a longer fence.
    assert.equal(rows[1], "| 2 | ``assert candidate('a\\|b`c', 0, 1) == 'a\\|b`c'`` | reaches a branch outcome no earlier input reaches | 0 | generated |");
    assert.match(rows[2], /\| falls in an input class no earlier input or test does \| 0 \|/);
    assert.match(md, /### `Demo\/6`: 16 asserts, killing 2 of 4 wrong programs\n/);
    assert.match(md, /2 more inputs in the suite .*; the whole suite kills 3 of 4\./);
    assert.doesNotMatch(md, /### `Demo\/5`: /);
  });

  it('HTML: a section linked from the navigation, one folded table per task, the same figures', async () => {
    const r = await suitesReport();
    const html = renderHtml(r);
    assert.match(html, /<a href="#suites">Suites<\/a>/);
    const section = /<section class="card" id="suites">[\s\S]*?<\/section>/.exec(html)?.[0];
    assert.ok(section);
    assert.equal([...section.matchAll(/<details class="suite"/g)].length, suitesSummary(r)!.tasks.length);
    const demo6 = /<details class="suite" data-task="Demo\/6">[\s\S]*?<\/details>/.exec(section)![0];
    assert.equal([...demo6.matchAll(/<tr><td class="num">/g)].length, SUITE_SHOWN);
    assert.ok(demo6.includes('<td class="mono">assert candidate(11, 0, 10) == 10</td><td>kills a wrong program fewer than 4 earlier inputs kill</td><td class="num">2</td>'));
    assert.ok(section.includes('<a href="#task=Demo%2F5" class="mono">Demo/5</a> (literal-oracle 9, not-answered 3)'));
  });

  it('untrusted asserts and task ids are escaped in HTML', async () => {
    const r = await suitesReport();
    const t = r.tasks.find((x) => x.id === 'Demo/6')!;
    t.checks.mutation!.strengthened!.inputs[0].assert = `assert candidate("${PAYLOADS.script}") == 1`;
    const html = renderHtml(r);
    const section = /<section class="card" id="suites">[\s\S]*?<\/section>/.exec(html)![0];
    assert.ok(!section.includes(PAYLOADS.script));
    assert.ok(section.includes('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  });

  it('no section without suites', async () => {
    const r = await fullReport();
    assert.equal(suitesSummary(r), undefined);
    assert.doesNotMatch(renderMarkdown(r), /Strengthened suites/);
    assert.doesNotMatch(renderHtml(r), /id="suites"|href="#suites"/);
  });
});
