import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
    const out = JSON.parse(ok.stdout) as { files: { localPath: string; sha256: string }[]; licenseFile?: { path: string; sha256: string; localPath: string } };
    assert.equal(out.files[0].sha256, '272720b90ac375502c8ed23cd791c2a93dfb22a911641a494da74a426c09f101');
    // LICENSE.humanevalplus lies beside the asset with the pinned hash: placed in the cache, fetched from it offline.
    assert.equal(out.licenseFile?.path, 'LICENSE');
    assert.equal(out.licenseFile?.sha256, 'b0b08821a8c2b49e0f296b0b498c17d6e19b0439d1e4dd9cdb5f37712993c8a7');
    assert.ok(out.licenseFile?.localPath.startsWith(cache));
    assert.ok(out.files[0].localPath.startsWith(cache));
    assert.ok(existsSync(out.files[0].localPath));
    const hub = await runCli(['datasets', 'fetch', 'humaneval', '--from', humaneval], { env });
    assert.equal(hub.code, 2);
  });

  it('datasets fetch --from with a LICENSE beside the asset that is not the pinned text exits 2 naming both hashes', async (t) => {
    const [js] = needData(t, 'humaneval-x/humaneval_js.jsonl.gz') ?? [];
    if (!js) return;
    const dir = mkdtempSync(join(tmpdir(), 'bench-audit-license-cli-'));
    copyFileSync(js, join(dir, 'humaneval_js.jsonl.gz'));
    writeFileSync(join(dir, 'LICENSE'), 'MIT License\n');
    const bad = await runCli(['datasets', 'fetch', 'humaneval-x-js', '--from', join(dir, 'humaneval_js.jsonl.gz')], { env });
    assert.equal(bad.code, 2, bad.stderr);
    const actual = createHash('sha256').update('MIT License\n').digest('hex');
    assert.match(bad.stderr, new RegExp(`LICENSE: sha256 mismatch: expected c71d239df91726fc519c6eb72d318ec65820627232b2f796219e87dcf35d0ab4 .*got ${actual}`));
    assert.match(bad.stderr, /put the release's own LICENSE beside humaneval_js\.jsonl\.gz/);
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
    // openai/human-eval's LICENSE lies beside the data file: the report records the text the audit was made under.
    assert.deepEqual(report.benchmark.licenseFile, { path: join(dirname(humaneval), 'LICENSE'), sha256: 'bcba3de214851cce46ed5af42d6698044616eeace887c3231bc7a20474ab639e', bytes: 1083 });
  });
});
