import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AuditReport } from '../../src/model/types.generated.js';
import { runCli } from '../helpers/cli.js';
import { needData } from '../helpers/data.js';

describe('offline machines: release assets from local copies, local files with a known id', () => {
  const cache = mkdtempSync(join(tmpdir(), 'bench-audit-import-'));
  const env = { BENCH_AUDIT_CACHE: cache, HF_HUB_CACHE: join(cache, 'hf'), HF_HUB_OFFLINE: '1' };

  it('datasets fetch --from checks the sha256 and places the asset; a wrong file exits 2', async (t) => {
    const [humaneval, humanevalPlus] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
    if (!humaneval || !humanevalPlus) return;
    const bad = await runCli(['datasets', 'fetch', 'mbpp-plus', '--from', humaneval], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /none of this benchmark's release assets/);
    const ok = await runCli(['datasets', 'fetch', 'humaneval-plus', '--from', humanevalPlus, '--json'], { env });
    assert.equal(ok.code, 0, ok.stderr);
    const out = JSON.parse(ok.stdout) as { files: { localPath: string; sha256: string }[] };
    assert.equal(out.files[0].sha256, '272720b90ac375502c8ed23cd791c2a93dfb22a911641a494da74a426c09f101');
    assert.ok(out.files[0].localPath.startsWith(cache));
    assert.ok(existsSync(out.files[0].localPath));
    const hub = await runCli(['datasets', 'fetch', 'humaneval', '--from', humaneval], { env });
    assert.equal(hub.code, 2);
  });

  it('--data with a known --id links the siblings (from the cache) as a download would', async (t) => {
    const [humaneval] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
    if (!humaneval) return;
    const r = await runCli(['audit', '--data', humaneval, '--id', 'humaneval', '--checks', 'static', '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as AuditReport;
    assert.deepEqual(report.benchmark.source, { type: 'local' });
    assert.equal(report.benchmark.title, 'HumanEval (local file)');
    assert.deepEqual(report.tasks[5].siblings, [{ benchmark: 'humaneval-plus', taskId: 'HumanEval/5' }]);
    assert.deepEqual(report.warnings, []);
  });
});
