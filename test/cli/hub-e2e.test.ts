import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { AuditReport } from '../../src/model/types.generated.js';
import { validateReport } from '../../src/report/validate.js';
import { runCli, withoutRun } from '../helpers/cli.js';
import { FAKE_COMMIT, startHubServer, type HubServer } from '../helpers/hub-server.js';
import { dataRoot, fixtureData, fixtureHub, hubRoot, needData, needHub } from '../helpers/data.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function envFor(url: string, cache: string): Record<string, string> {
  return {
    HF_ENDPOINT: url,
    HF_HUB_CACHE: join(cache, 'hf'),
    BENCH_AUDIT_CACHE: join(cache, 'ba'),
    BENCH_AUDIT_MIRROR: `https://github.com=${url}`,
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('end to end: the built CLI audits benchmarks from a hub double on 127.0.0.1', () => {
  let hub: HubServer;
  const cache = mkdtempSync(join(tmpdir(), 'bench-audit-e2e-'));
  // The whole releases when they are here (the tests that count tasks need them), else the fixtures.
  const realHub = hubRoot();
  const realData = dataRoot();
  before(async () => {
    hub = await startHubServer({ hubDir: realHub ?? fixtureHub, releasesDir: join(realData ?? fixtureData, 'evalplus') });
  });
  /** The real hub-layout folder and EvalPlus assets (siblings are linked from them), or undefined when skipped. */
  function needReleases(t: TestContext): string | undefined {
    const hubDir = needHub(t);
    return hubDir !== undefined && needData(t, 'evalplus/HumanEvalPlus.jsonl.gz', 'evalplus/MbppPlus.jsonl.gz') !== undefined ? hubDir : undefined;
  }
  after(async () => {
    await hub.close();
  });

  it('audit humaneval: schema-valid report with the resolved commit, file hashes and sibling links', async (t) => {
    const hubDir = needReleases(t);
    if (hubDir === undefined) return;
    const r = await runCli(['audit', 'humaneval', '--checks', 'static', '--json'], { env: envFor(hub.url, cache) });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as AuditReport;
    validateReport(report);
    assert.deepEqual(report.benchmark.source, { type: 'hub', repo: 'openai/openai_humaneval', revision: 'main', commit: FAKE_COMMIT });
    const path = 'openai_humaneval/test-00000-of-00001.parquet';
    assert.deepEqual(
      report.benchmark.files.map((f) => [f.path, f.sha256]),
      [[path, sha256(join(hubDir, 'datasets', 'openai', 'openai_humaneval', path))]],
    );
    assert.equal(report.summary.tasks, 164);
    assert.deepEqual(report.tasks[0].siblings, [{ benchmark: 'humaneval-plus', taskId: 'HumanEval/0' }]);
    // Served from the cache the second time, and identical outside the run block.
    const before = hub.requests.length;
    const again = await runCli(['audit', 'humaneval', '--checks', 'static', '--json'], { env: envFor(hub.url, cache) });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(withoutRun(again.stdout), withoutRun(r.stdout));
    assert.ok(hub.requests.slice(before).every((q) => !q.url.includes('/resolve/')), 'no file is downloaded twice');
  });

  it('audit mbpp: all four splits, 974 tasks, links to MBPP+ only where MBPP+ has the task', async (t) => {
    if (needReleases(t) === undefined) return;
    const r = await runCli(['audit', 'mbpp', '--checks', 'static', '--json'], { env: envFor(hub.url, cache) });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as AuditReport;
    validateReport(report);
    assert.equal(report.summary.tasks, 974);
    assert.deepEqual(report.benchmark.files.map((f) => f.split).sort(), ['prompt', 'test', 'train', 'validation']);
    const linked = report.tasks.filter((t) => t.siblings.some((s) => s.benchmark === 'mbpp-plus'));
    assert.equal(linked.length, 378);
    assert.equal(report.tasks.filter((t) => t.siblings.some((s) => s.benchmark === 'mbpp-sanitized')).length, 427);
    assert.deepEqual(report.tasks.find((t) => t.id === '2')?.siblings, [
      { benchmark: 'mbpp-plus', taskId: 'Mbpp/2' },
      { benchmark: 'mbpp-sanitized', taskId: '2' },
    ]);
    // MBPP's hub splits by task id: prompt 1-10, test 11-510, validation 511-600, train 601-974.
    assert.equal(report.tasks.find((t) => t.id === '2')?.source.split, 'prompt');
    assert.equal(report.tasks.find((t) => t.id === '11')?.source.split, 'test');
    assert.equal(report.tasks.find((t) => t.id === '974')?.source.split, 'train');
  });

  it('HF_HUB_OFFLINE=1 audits from the cache without any request', async (t) => {
    // The cache is the one the first test filled.
    if (needReleases(t) === undefined) return;
    const before = hub.requests.length;
    const r = await runCli(['audit', 'humaneval', '--checks', 'static', '--json'], { env: { ...envFor(hub.url, cache), HF_HUB_OFFLINE: '1' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(hub.requests.length, before);
  });

  it('offline with an empty cache: exit 2 with a hint', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'bench-audit-e2e-empty-'));
    const r = await runCli(['audit', 'humaneval', '--out', join(empty, 'r.json')], { env: { ...envFor(hub.url, empty), HF_HUB_OFFLINE: '1' } });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /hint: /);
    assert.equal(existsSync(join(empty, 'r.json')), false);
  });

  it('unreachable hub: exit 2 naming the endpoint, no report', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'bench-audit-e2e-down-'));
    const url = `http://127.0.0.1:${await closedPort()}`;
    const r = await runCli(['audit', 'humaneval', '--out', join(fresh, 'r.json')], { env: envFor(url, fresh) });
    assert.equal(r.code, 2);
    assert.ok(r.stderr.includes(url), r.stderr);
    assert.equal(existsSync(join(fresh, 'r.json')), false);
  });

  it('a 404 and a sha256 mismatch: exit 2 naming the file, no report', async () => {
    const path = 'openai_humaneval/test-00000-of-00001.parquet';
    for (const opts of [{ notFound: [path] }, { corrupt: [path] }]) {
      const bad = await startHubServer(opts);
      const fresh = mkdtempSync(join(tmpdir(), 'bench-audit-e2e-bad-'));
      try {
        const r = await runCli(['audit', 'humaneval', '--out', join(fresh, 'r.json')], { env: envFor(bad.url, fresh) });
        assert.equal(r.code, 2, r.stderr);
        assert.ok(r.stderr.includes(path), r.stderr);
        if ('corrupt' in opts) assert.match(r.stderr, /sha256/i);
        assert.equal(existsSync(join(fresh, 'r.json')), false);
      } finally {
        await bad.close();
      }
    }
  });
});
