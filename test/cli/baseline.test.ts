import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { NEW_SUPPRESSION_REASON } from '../../src/apply/baseline.js';
import type { Baseline } from '../../src/model/baseline.generated.js';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-audit-baseline-'));
const project = (name: string) => {
  const dir = join(tmp, name);
  mkdirSync(dir);
  return dir;
};

describe('config file and baseline: gate CI on new findings only', () => {
  it('bench-audit.config.json sets the checks and --fail-on; --update-baseline accepts the findings; then the run passes', async () => {
    const cwd = project('config');
    writeFileSync(join(cwd, 'bench-audit.config.json'), JSON.stringify({ checks: ['static'], failOn: 'warning' }));
    const first = await runCli(['audit', 'demo'], { cwd });
    assert.equal(first.code, 1, 'the demo\'s duplicate task is a warning');
    const report = JSON.parse(readFileSync(join(cwd, 'demo.audit.json'), 'utf8')) as { config: { checks: string[] } };
    assert.deepEqual(report.config.checks, ['static']);

    const update = await runCli(['audit', 'demo', '--update-baseline'], { cwd });
    assert.equal(update.code, 0, update.stderr);
    const baseline = JSON.parse(readFileSync(join(cwd, 'bench-audit.baseline.json'), 'utf8')) as Baseline;
    assert.deepEqual(baseline.suppressions, [{ kind: 'duplicate-task', taskId: 'Demo/11', reason: NEW_SUPPRESSION_REASON }]);

    const gated = await runCli(['audit', 'demo'], { cwd });
    assert.equal(gated.code, 0, gated.stderr);
    assert.match(gated.stderr, /1 accepted finding\(s\) at or above warning, 0 new/);
  });

  it('a finding not in the baseline fails the run and is listed; the flag wins over the config file', async () => {
    const cwd = project('new-finding');
    writeFileSync(join(cwd, 'package.json'), JSON.stringify({ name: 'x', 'bench-audit': { checks: ['static'], failOn: 'error' } }));
    writeFileSync(join(cwd, 'bench-audit.baseline.json'), JSON.stringify({ suppressions: [{ kind: 'few-tests', taskId: 'Demo/0', reason: 'stale entry' }] }));
    const r = await runCli(['audit', 'demo', '--fail-on', 'warning'], { cwd });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /0 accepted finding\(s\) at or above warning, 1 new/);
    assert.match(r.stderr, /new: Demo\/11 warning duplicate-task/);
    assert.match(r.stderr, /1 baseline entry matches no finding any more/);
  });

  it('an invalid config or baseline exits 2 naming the file, the field and the allowed values', async () => {
    const cwd = project('invalid');
    writeFileSync(join(cwd, 'bench-audit.config.json'), JSON.stringify({ failOn: 'sometimes', timeout: '3' }));
    const r = await runCli(['audit', 'demo'], { cwd });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bench-audit\.config\.json: does not match schemas\/config\.schema\.json/);
    assert.match(r.stderr, /\/failOn: must be equal to one of the allowed values \(info, warning, error, none\)/);
    assert.match(r.stderr, /\/timeout: must match pattern/);
    writeFileSync(join(cwd, 'bench-audit.config.json'), '{}');
    writeFileSync(join(cwd, 'bench-audit.baseline.json'), JSON.stringify({ suppressions: [{ kind: 'no-such-kind', taskId: null, reason: 'x' }] }));
    const b = await runCli(['audit', 'demo', '--checks', 'static'], { cwd });
    assert.equal(b.code, 2);
    assert.match(b.stderr, /bench-audit\.baseline\.json, field "suppressions\[0\]\.kind": unknown finding kind "no-such-kind"/);
  });
});
