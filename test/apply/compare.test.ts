import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareModels, renderComparisonMarkdown } from '../../src/apply/compare.js';
import { rescore, type SampleResult } from '../../src/apply/rescore.js';
import type { AuditReport } from '../../src/model/types.generated.js';

/** A report with only what scoring reads: task ids and findings (task 0 is flagged broken, the rest are clean). */
function report(tasks: number): AuditReport {
  return {
    benchmark: { id: 'toy' },
    tasks: Array.from({ length: tasks }, (_, i) => ({
      id: `T/${i}`,
      findings: i === 0 ? [{ kind: 'canonical-fails', severity: 'error' }] : [],
    })),
  } as unknown as AuditReport;
}

/** `samples` results per task; `passes(i)` of them pass the original tests, `strong(i)` the strengthened ones. */
function results(tasks: number, samples: number, passes: (i: number) => number, strong?: (i: number) => number): SampleResult[] {
  const out: SampleResult[] = [];
  for (let i = 0; i < tasks; i++) {
    for (let s = 0; s < samples; s++) {
      const passed = s < passes(i);
      out.push({ taskId: `T/${i}`, passed, ...(strong ? { strengthenedPassed: passed && s < strong(i) } : {}) });
    }
  }
  return out;
}

describe('rescore with intervals', () => {
  it('reports pass@1 and pass@10 with intervals per suite, and no pass@100 with 10 samples', () => {
    const r = rescore(report(40), results(40, 10, (i) => i % 4, (i) => Math.max(0, (i % 4) - 1)), { seed: 0 });
    const all = r.subsets.find((s) => s.subset === 'all')!;
    assert.deepEqual(all.scores.map((s) => `${s.suite}@${s.k}`), ['original@1', 'original@10', 'strengthened@1', 'strengthened@10']);
    const at1 = all.scores[0].estimate!;
    assert.equal(at1.value, 0.15); // mean of 0, .1, .2, .3
    assert.equal(all.passAt1, 0.15);
    assert.ok(at1.low < 0.15 && at1.high > 0.15);
    assert.equal(all.scores[1].estimate!.value, 0.75); // pass@10 of 10 samples: 1 where any passed (3 of every 4 tasks)
    assert.equal(all.scores[2].estimate!.value, 0.075); // (0 + 0 + .1 + .2) / 4
    assert.equal(r.subsets.find((s) => s.subset === 'clean')!.tasks, 39);
    assert.deepEqual(r, rescore(report(40), results(40, 10, (i) => i % 4, (i) => Math.max(0, (i % 4) - 1)), { seed: 0 }), 'deterministic');
  });
});

describe('compareModels', () => {
  it('says a small difference on few tasks is not significant', () => {
    const c = compareModels(report(20), results(20, 1, (i) => (i < 10 ? 1 : 0)), results(20, 1, (i) => (i < 9 ? 1 : 0)), { seed: 0, names: ['A', 'B'] });
    const row = c.rows.find((r) => r.subset === 'all' && r.suite === 'original' && r.k === 1)!.comparison!;
    assert.equal(row.difference.value, 0.05);
    assert.equal(row.significant, false);
    assert.match(c.conclusions[0], /^pass@1 on all tasks, the benchmark's tests: A − B = \+5\.0 points .*not significant at 0\.05/);
  });

  it('names a ranking that flips under the strengthened tests', () => {
    // A passes more original tests, but most of its passes are false ones the strengthened tests reject.
    const a = results(60, 1, (i) => (i < 45 ? 1 : 0), (i) => (i < 20 ? 1 : 0));
    const b = results(60, 1, (i) => (i < 40 ? 1 : 0), (i) => (i < 38 ? 1 : 0));
    const c = compareModels(report(60), a, b, { seed: 0, names: ['A', 'B'] });
    const strong = c.rows.find((r) => r.subset === 'all' && r.suite === 'strengthened' && r.k === 1)!.comparison!;
    assert.ok(strong.significant && strong.difference.value < 0);
    assert.ok(c.conclusions.some((s) => /^The ranking flips on all tasks: A leads on the benchmark's tests \(\+8\.3\), B on the strengthened tests \(−30\.0\)\.$/.test(s)), c.conclusions.join('\n'));
    const md = renderComparisonMarkdown(c);
    assert.match(md, /^# A vs B on `toy`/);
    assert.match(md, /\| all \| strengthened \| 1 \| 60 \| 33\.3% \| 63\.3% \| −30\.0 \|/);
  });

  it('pairs only tasks both models have results for', () => {
    const c = compareModels(report(10), results(10, 1, () => 1), results(5, 1, () => 0), { seed: 0 });
    assert.equal(c.rows.find((r) => r.subset === 'all' && r.suite === 'original')!.comparison!.tasks, 5);
    assert.deepEqual(c.models, ['A', 'B']);
  });
});
