import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AuditReport } from '../../src/model/types.generated.js';
import { runCli } from '../helpers/cli.js';
import { startHubServer, type HubServer } from '../helpers/hub-server.js';
import { fixtureFile } from '../helpers/data.js';

describe('a Hugging Face hub dataset as the contamination corpus (hub double on 127.0.0.1)', () => {
  let hub: HubServer;
  before(async () => {
    hub = await startHubServer();
  });
  after(async () => {
    await hub.close();
  });

  it('lists the shards, downloads and scans them (HF_ENDPOINT honoured): every HumanEval prompt is found verbatim', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'bench-audit-hubcorpus-'));
    const r = await runCli(
      ['audit', '--data', fixtureFile('humaneval/HumanEval.jsonl.gz'), '--id', 'he-local', '--checks', 'contamination', '--corpus', 'openai/openai_humaneval', '--corpus-format', 'hub', '--corpus-content-column', 'prompt', '--corpus-path-column', 'task_id', '--json', '--fail-on', 'none'],
      { env: { HF_ENDPOINT: hub.url, HF_HUB_CACHE: join(cache, 'hf'), BENCH_AUDIT_CACHE: cache } },
    );
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as AuditReport;
    assert.deepEqual(report.warnings.filter((w) => w.code.startsWith('corpus')), []);
    const summary = report.summary.checks.contamination as { corpus: { documents: number } };
    assert.equal(summary.corpus.documents, 8);
    const promptFound = report.tasks.filter((t) =>
      ((t.checks.contamination as { matches?: { part: string; kind: string; path: string }[] }).matches ?? []).some((m) => m.part === 'prompt' && m.kind === 'verbatim' && m.path === t.id),
    );
    assert.equal(promptFound.length, 8);
    assert.ok(hub.requests.some((q) => q.url.startsWith('/api/datasets/openai/openai_humaneval/tree/main')));
  });
});
