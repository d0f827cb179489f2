import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderSummary, renderWarning } from '../../src/cli/table.js';
import { fullReport } from '../report/html-fixtures.js';

describe('the terminal summary', () => {
  for (const width of [60, 80, 120]) {
    it(`fits ${width} columns, wrapping long messages instead of cutting them`, async () => {
      const r = await fullReport();
      const t = r.tasks.find((x) => x.findings.some((f) => f.severity === 'error'))!;
      const f = t.findings.find((x) => x.severity === 'error')!;
      f.message = `${f.message} ${'and a long explanation that goes on '.repeat(4)}end-of-message`;
      const text = renderSummary(r, false, width);
      const tableLines = text.split('\n').filter((l) => /^[│┌├└]/.test(l));
      assert.ok(tableLines.length > 0);
      for (const l of tableLines) assert.ok([...l].length <= width, `${[...l].length} > ${width}: ${l}`);
      assert.match(text.replace(/[│\s]+/g, ' '), /end-of-message/, 'the whole message is shown');
    });
  }

  it('warnings name their task and code', () => {
    assert.equal(renderWarning({ code: 'mutation-task-skipped', check: 'mutation', taskId: 'Demo/3', message: 'skipped' }), 'warning: Demo/3: skipped [mutation-task-skipped]');
    assert.equal(renderWarning({ code: 'sibling-unavailable', check: 'mutation', message: 'no plus inputs' }), 'warning: no plus inputs [sibling-unavailable]');
  });
});
