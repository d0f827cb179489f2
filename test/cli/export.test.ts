import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AuditReport } from '../../src/model/types.generated.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-audit-export-'));

/** A mutation audit of the demo builds strengthened suites too: minutes, not seconds, on a loaded 2-core machine. */
const MUTATION_AUDIT_MS = 600_000;

describe('bench-audit export', () => {
  it('export then audit: none of the excluded findings remain; the manifest says what was removed and why', async () => {
    const audit = join(tmp, 'demo.audit.json');
    assert.equal((await runCli(['audit', 'demo', '--checks', 'static,execution', '--out', audit, '--fail-on', 'none'])).code, 0);
    const before = JSON.parse(readFileSync(audit, 'utf8')) as AuditReport;
    const excluded = ['canonical-fails', 'prompt-example-mismatch', 'duplicate-task'];
    const flagged = before.tasks.filter((t) => t.findings.some((f) => excluded.includes(f.kind) && f.severity !== 'info')).map((t) => t.id);
    assert.deepEqual(flagged, ['Demo/3', 'Demo/4', 'Demo/11']);
    const out = join(tmp, 'clean.jsonl');
    const e = await runCli(['export', 'demo', '--audit', audit, '--exclude', excluded.join(','), '--out', out]);
    assert.equal(e.code, 0, e.stderr);
    const manifest = JSON.parse(readFileSync(join(tmp, 'clean.manifest.json'), 'utf8')) as { counts: { kept: number; removed: number }; removed: { taskId: string; kinds: string[] }[] };
    assert.deepEqual(manifest.counts, { tasks: 12, kept: 9, removed: 3, strengthened: 0, assertsAdded: 0 });
    assert.deepEqual(manifest.removed.map((r) => [r.taskId, r.kinds]), [['Demo/3', ['canonical-fails']], ['Demo/4', ['prompt-example-mismatch']], ['Demo/11', ['duplicate-task']]]);
    // The original schema: the same fields as the packaged demo records.
    const first = JSON.parse(readFileSync(out, 'utf8').split('\n')[0]) as Record<string, unknown>;
    assert.deepEqual(Object.keys(first).sort(), ['canonical_solution', 'entry_point', 'prompt', 'task_id', 'test']);
    const again = await runCli(['audit', '--data', out, '--id', 'demo-clean', '--checks', 'static,execution', '--json', '--fail-on', 'none']);
    assert.equal(again.code, 0, again.stderr);
    const after = JSON.parse(again.stdout) as AuditReport;
    assert.equal(after.summary.tasks, 9);
    assert.deepEqual(after.tasks.flatMap((t) => t.findings.filter((f) => excluded.includes(f.kind))), []);
  });

  it('--strengthen appends killing asserts that kill the survivors on re-audit', async () => {
    const audit = join(tmp, 'm.audit.json');
    assert.equal((await runCli(['audit', 'demo', '--checks', 'mutation', '--out', audit, '--fail-on', 'none'], { timeoutMs: MUTATION_AUDIT_MS })).code, 0);
    const before = JSON.parse(readFileSync(audit, 'utf8')) as AuditReport;
    const killable = before.tasks.filter((t) => t.findings.some((f) => f.kind === 'killable-survivor')).map((t) => t.id);
    assert.ok(killable.length > 0, 'the demo has killable survivors');
    const out = join(tmp, 'strong.jsonl');
    const e = await runCli(['export', 'demo', '--audit', audit, '--exclude', 'tests-accept-trivial-solution', '--strengthen', '--out', out]);
    assert.equal(e.code, 0, e.stderr);
    const manifest = JSON.parse(readFileSync(join(tmp, 'strong.manifest.json'), 'utf8')) as {
      maxAdded: number;
      changed: { taskId: string; asserts: string[]; added: { assert: string; kills: string[]; checks: { passed: string[]; failed: string[] } }[] }[];
    };
    assert.ok(manifest.changed.length > 0);
    assert.equal(manifest.maxAdded, 16);
    for (const c of manifest.changed) {
      assert.ok(c.asserts.length <= 16);
      assert.deepEqual(c.added.map((a) => a.assert), c.asserts);
      for (const a of c.added) assert.deepEqual(a.checks.failed, [], `${c.taskId}: ${a.assert}`);
      assert.ok(c.added.some((a) => a.kills.length > 0), `${c.taskId}: some added assert kills a wrong program`);
    }
    const one = await runCli(['export', 'demo', '--audit', audit, '--exclude', 'tests-accept-trivial-solution', '--strengthen', '--max-added', '1', '--out', join(tmp, 'one.jsonl'), '--json']);
    assert.equal(one.code, 0, one.stderr);
    assert.ok((JSON.parse(one.stdout) as typeof manifest).changed.every((c) => c.asserts.length === 1));
    assert.equal((await runCli(['export', 'demo', '--audit', audit, '--exclude', 'tests-accept-trivial-solution', '--strengthen', '--max-added', 'x', '--out', join(tmp, 'bad.jsonl')])).code, 2);
    const again = await runCli(['audit', '--data', out, '--id', 'demo-strong', '--checks', 'execution,mutation', '--json', '--fail-on', 'none'], { timeoutMs: MUTATION_AUDIT_MS });
    assert.equal(again.code, 0, again.stderr);
    const after = JSON.parse(again.stdout) as AuditReport;
    for (const { taskId } of manifest.changed) {
      const t = after.tasks.find((x) => x.id === taskId);
      assert.ok(t, taskId);
      assert.deepEqual(t.findings.filter((f) => f.kind === 'canonical-fails'), [], `${taskId}: the reference passes the strengthened tests`);
      const survivorsBefore = before.tasks.find((x) => x.id === taskId)!.findings.filter((f) => f.kind === 'killable-survivor').length;
      const survivorsAfter = t.findings.filter((f) => f.kind === 'killable-survivor').length;
      // The suite is chosen against every mutant, so tasks without killable survivors get asserts too; none gains a survivor.
      assert.ok(survivorsBefore === 0 ? survivorsAfter === 0 : survivorsAfter < survivorsBefore, `${taskId}: killable survivors ${survivorsBefore} -> ${survivorsAfter}`);
    }
  });

  it('an unknown kind exits 2 listing the known ones; nothing is written', async () => {
    const out = join(tmp, 'never.jsonl');
    const r = await runCli(['export', 'demo', '--audit', join(tmp, 'demo.audit.json'), '--exclude', 'contaminatd', '--out', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown finding kind: contaminatd/);
    assert.equal(existsSync(out), false);
  });
});
