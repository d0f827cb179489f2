import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DownloadError } from '../../src/errors.js';
import { fetchSource } from '../../src/datasets/fetch.js';
import type { DatasetManifest, UrlSource } from '../../src/datasets/manifest.generated.js';
import { applyMirrors, assetName, NetworkTimeoutError, networkFailure, releaseCachePath, withTimeouts } from '../../src/datasets/release.js';
import { fixtureFile } from '../helpers/data.js';
import { repoRoot, startHubServer, type HubServer } from '../helpers/hub-server.js';

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
/**
 * A shipped manifest with its asset's sha256 pin set to that of the fixture the test double serves under the
 * same name (test/fixtures/data/evalplus), so the download path runs on a fresh clone.
 */
function manifest(id: string): DatasetManifest {
  const m = JSON.parse(readFileSync(join(repoRoot, 'datasets', `${id}.json`), 'utf8')) as DatasetManifest;
  const source = m.source as UrlSource;
  const files = source.files.map((f) => ({ ...f, sha256: sha256(readFileSync(fixtureFile(`evalplus/${assetName(f.url)}`))) })) as UrlSource['files'];
  return { ...m, source: { ...source, files } };
}
const tempDirs: string[] = [];
function tempCache(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-rel-'));
  tempDirs.push(dir);
  return dir;
}
async function rejectsWith(promise: Promise<unknown>): Promise<DownloadError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DownloadError, `expected a DownloadError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

let server: HubServer;
before(async () => {
  server = await startHubServer();
});
after(async () => {
  await server.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('EvalPlus release assets', () => {
  const plus = manifest('humaneval-plus');
  const source = plus.source as UrlSource;
  const file = source.files[0];
  const real = readFileSync(fixtureFile('evalplus/HumanEvalPlus.jsonl.gz'));
  const mirrors = (): [string, string][] => [['https://github.com', server.url]];

  test('downloaded through a mirror into releases/<sha256>/<asset>; the record keeps the manifest URL', async () => {
    const cache = tempCache();
    const before = server.requests.length;
    const fetched = await fetchSource(plus, { cacheDir: cache, mirrors: mirrors() });
    assert.deepEqual(fetched.provenance, { type: 'url', version: source.version });
    const target = join(cache, 'releases', file.sha256, 'HumanEvalPlus.jsonl.gz');
    assert.equal(target, releaseCachePath(cache, file.sha256, file.url));
    assert.deepEqual(fetched.files, [
      {
        localPath: target,
        format: 'jsonl.gz',
        record: { path: 'HumanEvalPlus.jsonl.gz', sha256: sha256(real), bytes: real.byteLength, url: file.url },
      },
    ]);
    assert.deepEqual(readFileSync(target), real);
    assert.deepEqual(readdirSync(join(cache, 'releases', file.sha256)), ['HumanEvalPlus.jsonl.gz'], 'no temporary file left');
    const made = server.requests.slice(before).map((r) => r.url);
    assert.equal(made[0], new URL(file.url).pathname, 'the mirror got the release path');

    const count = server.requests.length;
    const again = await fetchSource(plus, { cacheDir: cache, mirrors: mirrors() });
    assert.equal(server.requests.length, count, 'the cached copy is reused without a request');
    assert.deepEqual(again, fetched);

    const offline = await fetchSource(plus, { cacheDir: cache, offline: true });
    assert.deepEqual(offline, fetched);
  });

  test('MBPP+ through BENCH_AUDIT_MIRROR-style prefix rewriting', async () => {
    const mbppPlus = manifest('mbpp-plus');
    const fetched = await fetchSource(mbppPlus, { cacheDir: tempCache(), mirrors: mirrors() });
    const bytes = readFileSync(fixtureFile('evalplus/MbppPlus.jsonl.gz'));
    assert.equal(fetched.files[0]?.record.sha256, sha256(bytes));
    assert.equal(fetched.files[0]?.record.path, 'MbppPlus.jsonl.gz');
  });

  test('offline without a cached copy fails and says what to run', async () => {
    const cache = tempCache();
    const error = await rejectsWith(fetchSource(plus, { cacheDir: cache, offline: true, mirrors: mirrors() }));
    assert.match(error.message, /offline/);
    assert.equal(error.location.file, 'HumanEvalPlus.jsonl.gz');
    assert.match(error.hint ?? '', /bench-audit datasets fetch humaneval-plus/);
    assert.deepEqual(readdirSync(cache), []);
  });

  test('HTTP 404 names the manifest URL and the mirror, and caches nothing', async () => {
    const s = await startHubServer({ notFound: ['HumanEvalPlus.jsonl.gz'] });
    try {
      const cache = tempCache();
      const error = await rejectsWith(fetchSource(plus, { cacheDir: cache, mirrors: [['https://github.com', s.url]] }));
      assert.match(error.message, /HTTP 404/);
      assert.ok(error.message.includes(file.url));
      assert.ok(error.message.includes(s.url));
      assert.ok(!existsSync(join(cache, 'releases', file.sha256, 'HumanEvalPlus.jsonl.gz')));
    } finally {
      await s.close();
    }
  });

  test('corrupted bytes: sha256 mismatch naming file, expected and actual; nothing left in the cache', async () => {
    const s = await startHubServer({ corrupt: ['HumanEvalPlus.jsonl.gz'] });
    try {
      const cache = tempCache();
      const error = await rejectsWith(fetchSource(plus, { cacheDir: cache, mirrors: [['https://github.com', s.url]] }));
      assert.equal(error.location.file, 'HumanEvalPlus.jsonl.gz');
      assert.ok(error.message.includes(`expected ${file.sha256}`));
      const actual = /got ([0-9a-f]{64})/.exec(error.message)?.[1];
      assert.ok(actual !== undefined && actual !== file.sha256);
      assert.deepEqual(readdirSync(join(cache, 'releases', file.sha256)), [], 'no asset and no temporary file');
    } finally {
      await s.close();
    }
  });

  test('a corrupt cached copy is replaced online and refused offline', async () => {
    const cache = tempCache();
    const target = releaseCachePath(cache, file.sha256, file.url);
    mkdirSync(join(cache, 'releases', file.sha256), { recursive: true });
    writeFileSync(target, 'truncated');
    const offline = await rejectsWith(fetchSource(plus, { cacheDir: cache, offline: true }));
    assert.match(offline.message, /corrupt/);
    const fetched = await fetchSource(plus, { cacheDir: cache, mirrors: mirrors() });
    assert.equal(fetched.files[0]?.record.sha256, file.sha256);
    assert.deepEqual(readFileSync(target), real);
  });

  test('an unreachable mirror is a DownloadError naming it', async () => {
    const s = await startHubServer();
    await s.close();
    const error = await rejectsWith(fetchSource(plus, { cacheDir: tempCache(), mirrors: [['https://github.com', s.url]] }));
    assert.ok(error.message.includes(s.url));
    assert.match(error.message, /ECONNREFUSED/);
  });
});

describe('URL helpers', () => {
  test('applyMirrors uses the longest matching prefix and leaves other URLs alone', () => {
    const mirrors: [string, string][] = [
      ['https://github.com', 'http://a'],
      ['https://github.com/evalplus', 'http://b'],
    ];
    assert.equal(applyMirrors('https://github.com/evalplus/x/y.gz', mirrors), 'http://b/x/y.gz');
    assert.equal(applyMirrors('https://github.com/other/y.gz', mirrors), 'http://a/other/y.gz');
    assert.equal(applyMirrors('https://example.org/y.gz', mirrors), 'https://example.org/y.gz');
  });

  test('assetName is the decoded last path segment', () => {
    assert.equal(assetName('https://github.com/o/r/releases/download/v1/My%20File.jsonl.gz'), 'My File.jsonl.gz');
    assert.throws(() => assetName('https://github.com/'), DownloadError);
  });
});

describe('network timeouts', () => {
  const sockets: Server[] = [];
  after(async () => {
    for (const s of sockets) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  });
  async function listen(handler: RequestListener): Promise<string> {
    const s = createServer(handler);
    sockets.push(s);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  }

  test('no response headers in time -> NetworkTimeoutError, reported as a DownloadError', async () => {
    const url = await listen(() => undefined); // accepts, never answers
    const timed = withTimeouts(fetch, 100, 100);
    const error = await timed(`${url}/x`).then(
      () => assert.fail('expected a timeout'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof NetworkTimeoutError);
    assert.equal(error.phase, 'response');
    const mapped = networkFailure(error, `the hub at ${url}`, 'hint');
    assert.ok(mapped instanceof DownloadError);
    assert.match(mapped.message, /no response/);
  });

  test('a body that stalls mid-transfer -> NetworkTimeoutError (body)', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('partial'); // then nothing more
    });
    const response = await withTimeouts(fetch, 1000, 100)(`${url}/x`);
    const error = await response.arrayBuffer().then(
      () => assert.fail('expected a stall'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof NetworkTimeoutError, String(error));
    assert.equal(error.phase, 'body');
  });

  test('a normal response passes through with status, headers, url and body', async () => {
    const url = await listen((_req, res) => {
      res.writeHead(206, { 'Content-Range': 'bytes 0-1/10', ETag: '"abc"' });
      res.end('ok');
    });
    const response = await withTimeouts(fetch, 1000, 1000)(`${url}/y`);
    assert.equal(response.status, 206);
    assert.equal(response.headers.get('etag'), '"abc"');
    assert.equal(response.url, `${url}/y`);
    assert.equal(await response.text(), 'ok');
  });
});
