import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMarkdown } from '../../src/report/markdown.js';
import { methodsParagraph, scoreCards } from '../../src/report/headline.js';
import { fullReport, CLAMP_ASSERT } from './html-fixtures.js';

describe('Markdown for a paper or a pull request', () => {
  it('opens with a headline paragraph and the summary table with each check\'s figures', async () => {
    const r = await fullReport();
    const md = renderMarkdown(r);
    const [title, , headline] = md.split('\n');
    assert.match(title!, /^# Audit of /);
    assert.match(headline!, new RegExp(`^Of the ${r.summary.tasks} tasks of .*, ${r.summary.tasksWithFindings} \\(`));
    assert.match(md, /\| Mutation: mutation score \| \d+\.\d% \|/);
    assert.match(md, /\| Mutation: mutation score without possibly-equivalent mutants \| \d+\.\d% \|/);
    assert.match(md, /\| Execution: references that fail, time out or are flaky \| 1 \(8\.3%\) \|/);
  });

  it('puts the operators in one compact table, not one row per figure', async () => {
    const md = renderMarkdown(await fullReport());
    assert.doesNotMatch(md, /byOperator/);
    assert.match(md, /\| operator \| mutants \| killed \| survived \| killable \| unconfirmed \| possibly equivalent \| not sorted \| score \|/);
  });

  it('the mutant counts add up as the table says: survived = killable + unconfirmed + possibly equivalent + not sorted', async () => {
    const r = await fullReport();
    const md = renderMarkdown(r);
    const c = r.summary.checks.mutation!.counts;
    assert.equal(c.survived, c.killable + c.unconfirmed + c.possiblyEquivalent + c.unsorted, 'the fixture is consistent');
    assert.ok(md.includes(`| ${c.total} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.killable} | ${c.unconfirmed} | ${c.possiblyEquivalent} | ${c.unsorted} |`));
    assert.match(md, /Survived = killable \(.*\) \+ unconfirmed \(.*\) \+ possibly equivalent \(.*\) \+ not sorted/);
  });

  it('the headline agrees in number: "1 task has", "2 duplicate"', async () => {
    const r = await fullReport();
    const md = renderMarkdown(r);
    assert.doesNotMatch(md, /\b1 (have|duplicate|appear) /);
    assert.doesNotMatch(md, /\b([2-9]|\d\d+) (has|duplicates|appears) /);
  });

  it('lists every flagged task with its findings and the ready-to-paste killing assert', async () => {
    const r = await fullReport();
    const md = renderMarkdown(r);
    const flagged = r.tasks.filter((t) => t.findings.some((f) => f.severity !== 'info'));
    assert.match(md, new RegExp(`## Flagged tasks \\(${flagged.length}\\)`));
    for (const t of flagged) assert.match(md, new RegExp(`### \`${t.id.replace('/', '\\/')}\``));
    assert.ok(md.includes(`add this assert to the tests to kill the mutant:\n\n  \`\`\`python\n  ${CLAMP_ASSERT}\n  \`\`\``));
  });

  it('shows warnings with their task ids', async () => {
    const r = await fullReport();
    r.warnings.push({ code: 'mutation-task-skipped', check: 'mutation', taskId: 'Demo/3', message: 'the reference solution does not pass its own tests' });
    assert.match(renderMarkdown(r), /\| `Demo\/3` \| mutation \| `mutation-task-skipped` \| the reference solution does not pass its own tests \|/);
  });

  it('ends with a methods paragraph built from the report (versions, seed, limits, data hashes)', async () => {
    const r = await fullReport();
    const methods = methodsParagraph(r);
    assert.ok(renderMarkdown(r).includes(`## Methods\n\n${methods}\n`));
    assert.ok(methods.includes(r.benchmark.files[0]!.sha256));
    assert.ok(methods.includes(`seed ${r.config.seed}`));
    assert.ok(methods.includes(`${r.config.execution!.timeLimitMs} ms`));
    assert.ok(methods.includes(`${r.tool.name} ${r.tool.version}`));
  });

  it('score cards count kinds from the registry, so a check with findings but no headline figures still gets a card', async () => {
    const r = await fullReport();
    const cards = scoreCards(r);
    assert.deepEqual(cards.map((c) => c.check), ['static', 'execution', 'mutation', 'contamination']);
    const staticCard = cards.find((c) => c.check === 'static')!;
    assert.ok(staticCard.figures.some((f) => f.kind === 'duplicate-task' && f.value.startsWith('1 ')));
  });

  it('is deterministic', async () => {
    const r = await fullReport();
    assert.equal(renderMarkdown(r), renderMarkdown(structuredClone(r)));
  });
});
