import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AuditReport } from '../../src/model/types.generated.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-audit-report-cmds-'));

async function demoReport(name: string, extra: string[] = []): Promise<string> {
  const out = join(tmp, name);
  const r = await runCli(['audit', 'demo', '--checks', 'static', '--out', out, ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return out;
}

describe('diff, verify and the Markdown summary', () => {
  it('diff: identical reports exit 0; a changed one exits 1 with findings and figure deltas', async () => {
    const a = await demoReport('a.json');
    const b = await demoReport('b.json');
    const same = await runCli(['diff', a, b]);
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /identical outside the run block/);
    // A stricter threshold turns tasks with <= 3 tests into few-tests warnings.
    const c = await demoReport('c.json', ['--few-tests', '3']);
    const changed = await runCli(['diff', a, c, '--json']);
    assert.equal(changed.code, 1);
    const d = JSON.parse(changed.stdout) as { identical: boolean; findings: { change: string; taskId: string; finding: { kind: string } }[]; figures: { figure: string; delta?: number }[]; blocksChanged: string[] };
    assert.equal(d.identical, false);
    assert.ok(d.blocksChanged.includes('config'));
    const added = d.findings.filter((f) => f.change === 'added' && f.finding.kind === 'few-tests').map((f) => f.taskId);
    const report = JSON.parse(readFileSync(c, 'utf8')) as AuditReport;
    const expected = report.tasks.filter((t) => (t.checks.static?.tests ?? 99) <= 3).map((t) => t.id);
    assert.ok(expected.length > 0);
    assert.deepEqual(added, expected);
    assert.equal(d.figures.find((f) => f.figure === 'checks.static.tasksWithFewTests')?.delta, expected.length);
  });

  it('verify: a report reproduces; a tampered one does not', async () => {
    const a = await demoReport('v.json');
    const ok = await runCli(['verify', a]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /reproduced/);
    const report = JSON.parse(readFileSync(a, 'utf8')) as AuditReport;
    report.tasks[0].findings.push({ kind: 'few-tests', severity: 'warning', check: 'static', message: 'planted', evidence: {} });
    report.summary.findingsBySeverity.warning += 1;
    const tampered = join(tmp, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(report));
    const bad = await runCli(['verify', tampered, '--json']);
    assert.equal(bad.code, 1);
    const out = JSON.parse(bad.stdout) as { reproduced: boolean; diff: { findings: { change: string; taskId: string }[]; firstDifference?: { path: string } } };
    assert.equal(out.reproduced, false);
    assert.equal(out.diff.firstDifference?.path, 'summary.findingsBySeverity.warning');
    assert.match((await runCli(['verify', tampered])).stdout, /first difference: summary\.findingsBySeverity\.warning: 1 -> 0|first difference: summary\.findingsBySeverity\.warning: \d+ -> \d+/);
    assert.deepEqual(out.diff.findings.map((f) => [f.change, f.taskId]), [['removed', 'Demo/0']]);
  });

  it('verify reproduces an audit with every check (static, execution, mutation, contamination with a corpus)', async () => {
    const out = join(tmp, 'all.json');
    const a = await runCli(['audit', 'demo', '--corpus', 'datasets/demo/corpus', '--out', out, '--fail-on', 'none']);
    assert.equal(a.code, 0, a.stderr);
    const report = JSON.parse(readFileSync(out, 'utf8')) as AuditReport;
    assert.deepEqual(report.config.checks, ['static', 'execution', 'mutation', 'contamination']);
    const v = await runCli(['verify', out]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /reproduced/);
  });

  it('--markdown writes a summary with provenance, the reproduce command and the findings', async () => {
    await demoReport('m.json', ['--markdown']);
    const md = readFileSync(join(tmp, 'm.md'), 'utf8');
    assert.match(md, /^# Audit of bench-audit demo benchmark \(`demo`\)/);
    assert.match(md, /sha256 `[0-9a-f]{64}`/);
    assert.match(md, /Reproduce: `bench-audit audit demo --checks static --seed 0`/);
    assert.match(md, /\| `duplicate-task` \| warning \| 1 \| 1 \|/);
    assert.match(md, /### `Demo\/11`\n\n- \*\*warning\*\* `duplicate-task`: same canonical_solution as task Demo\/1/);
  });
});
