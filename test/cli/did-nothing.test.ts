import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { AuditReport } from '../../src/model/types.generated.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-audit-did-nothing-'));
const good = join(tmp, 'demo.json');
let report: AuditReport;

describe('commands that say when they did nothing, or were given something inconsistent', () => {
  before(async () => {
    const r = await runCli(['audit', 'demo', '--checks', 'static', '--out', good, '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    report = JSON.parse(readFileSync(good, 'utf8')) as AuditReport;
  });

  it('rescore --results with no task id of the audit exits 2 with the reason', async () => {
    const results = join(tmp, 'other_results.jsonl');
    writeFileSync(results, ['HumanEval/0', 'HumanEval/1'].map((task_id) => JSON.stringify({ task_id, completion: '', result: 'passed', passed: true })).join('\n') + '\n');
    const r = await runCli(['rescore', '--audit', good, '--results', results]);
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /none of the task ids in .*other_results\.jsonl is in the audit of demo \(e\.g\. HumanEval\/0, HumanEval\/1; the audit has Demo\/0, Demo\/1, \.\.\.\)/);
    assert.equal(r.stdout, '');
  });

  it('validate rejects a report whose summary contradicts its findings, naming each figure', async () => {
    const ok = await runCli(['validate', good, '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { valid: boolean }).valid, true);
    const edited = structuredClone(report);
    edited.tasks.find((t) => t.id === 'Demo/11')!.findings = [];
    const bad = join(tmp, 'edited.json');
    writeFileSync(bad, JSON.stringify(edited));
    const r = await runCli(['validate', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/summary\/tasksWithFindings: says 1, the report's tasks and findings give 0/);
    assert.match(r.stderr, /\/summary\/findingsByKind\/duplicate-task: says 1, the report's tasks and findings give 0/);
  });

  it('diff shows which warnings differ', async () => {
    const other = structuredClone(report);
    other.warnings.push({ code: 'mutation-task-skipped', check: 'mutation', taskId: 'Demo/3', message: 'the reference solution does not pass its own tests' });
    const b = join(tmp, 'with-warning.json');
    writeFileSync(b, JSON.stringify(other));
    const r = await runCli(['diff', good, b]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /warnings: \+1 -0\n  \+ Demo\/3 mutation-task-skipped: the reference solution does not pass its own tests/);
  });
});
