import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditReport } from '../../src/model/types.generated.js';
import { runCli } from '../helpers/cli.js';

/**
 * The demo benchmark's planted flaws (datasets/demo/README.md), each reported by the check that
 * finds it. A flaw whose check is not in the registry yet is listed in the README as pending.
 */
describe('audit demo reports its planted flaws', () => {
  it('duplicate task (static + contamination) and the lightly edited copy in the demo corpus', async () => {
    const r = await runCli(['audit', 'demo', '--checks', 'static,contamination', '--corpus', 'datasets/demo/corpus', '--json']);
    assert.equal(r.code, 1, `a contaminated task is an error finding: exit 1 under --fail-on error\n${r.stderr}`);
    const report = JSON.parse(r.stdout) as AuditReport;
    const kinds = (id: string) => report.tasks.find((t) => t.id === id)?.findings.map((f) => f.kind) ?? [];
    assert.ok(kinds('Demo/11').includes('duplicate-task'));
    // The pair is reported once, on the later task, naming both.
    const dup = report.tasks.find((t) => t.id === 'Demo/11')?.findings.find((f) => f.kind === 'near-duplicate-in-benchmark');
    assert.deepEqual(dup?.evidence.taskIds, ['Demo/1', 'Demo/11']);
    assert.ok(!kinds('Demo/1').includes('near-duplicate-in-benchmark'));
    // Demo/10 appears renamed, with comments, inside corpus/text_utils.py.
    const t10 = report.tasks.find((t) => t.id === 'Demo/10');
    const match = (t10?.checks.contamination as { matches?: { path: string; kind: string; part: string; similarity: number }[] } | undefined)?.matches?.find(
      (m) => m.part === 'solution',
    );
    assert.ok(match, 'Demo/10 solution matched in the corpus');
    assert.match(match.path, /text_utils\.py$/);
    assert.equal(match.kind, 'renamed');
    assert.ok(kinds('Demo/10').includes('contaminated'), `Demo/10 findings: ${kinds('Demo/10').join(', ')}`);
    // No other task is reported contaminated by the unrelated corpus files.
    const others = report.tasks.filter((t) => t.id !== 'Demo/10' && t.findings.some((f) => f.kind === 'contaminated')).map((t) => t.id);
    assert.deepEqual(others, []);
  });

  it('canonical-fails, prompt-example-mismatch (execution); trivial solution accepted, killable survivor (mutation)', async () => {
    const r = await runCli(['audit', 'demo', '--checks', 'execution,mutation', '--json']);
    const report = JSON.parse(r.stdout) as AuditReport;
    const kinds = (id: string) => report.tasks.find((t) => t.id === id)?.findings.map((f) => f.kind) ?? [];
    assert.ok(kinds('Demo/3').includes('canonical-fails'), `Demo/3: ${kinds('Demo/3').join(', ')}`);
    assert.ok(kinds('Demo/4').includes('prompt-example-mismatch'), `Demo/4: ${kinds('Demo/4').join(', ')}`);
    assert.ok(kinds('Demo/5').includes('tests-accept-trivial-solution'), `Demo/5: ${kinds('Demo/5').join(', ')}`);
    assert.ok(kinds('Demo/6').includes('killable-survivor'), `Demo/6: ${kinds('Demo/6').join(', ')}`);
    // The clamp that ignores hi is the killable survivor, with an assert to paste.
    const clamp = report.tasks.find((t) => t.id === 'Demo/6')?.findings.find((f) => f.kind === 'killable-survivor' && String(f.evidence.diff).includes('+        pass'));
    assert.ok(clamp && typeof clamp.evidence.assert === 'string' && clamp.evidence.assert.startsWith('assert candidate('));
  });
});
