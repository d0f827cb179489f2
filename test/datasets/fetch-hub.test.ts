import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DownloadError } from '../../src/errors.js';
import { fetchSource } from '../../src/datasets/fetch.js';
import { hubRepoCacheDir, hubSnapshotPath } from '../../src/datasets/hub.js';
import type { DatasetManifest, HubSource } from '../../src/datasets/manifest.generated.js';
import { fixtureHub } from '../helpers/data.js';
import { FAKE_COMMIT, repoRoot, startHubServer, type HubServer } from '../helpers/hub-server.js';

function manifest(id: string): DatasetManifest {
  return JSON.parse(readFileSync(join(repoRoot, 'datasets', `${id}.json`), 'utf8')) as DatasetManifest;
}
function hubSource(m: DatasetManifest): HubSource {
  assert.equal(m.source.type, 'hub');
  return m.source as HubSource;
}
function sharedFile(repo: string, path: string): Buffer {
  return readFileSync(join(fixtureHub, 'datasets', ...repo.split('/'), ...path.split('/')));
}
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const tempDirs: string[] = [];
function tempCache(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-hub-'));
  tempDirs.push(dir);
  return dir;
}
/** Every file name under dir (recursively), to show no temporary or stray files are left. */
function allNames(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' });
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

describe('hub sources through @huggingface/hub against the test double', () => {
  const humaneval = manifest('humaneval');
  const mbpp = manifest('mbpp');
  const heCache = tempCache();
  const mbppCache = tempCache();

  test('humaneval: provenance, file records and the HF cache layout', async () => {
    const before = server.requests.length;
    const fetched = await fetchSource(humaneval, { hubUrl: server.url, hubCacheDir: heCache });
    const src = hubSource(humaneval);
    assert.deepEqual(fetched.provenance, { type: 'hub', repo: src.repo, revision: 'main', commit: FAKE_COMMIT });
    assert.equal(fetched.files.length, 1);
    const [file] = fetched.files;
    const expected = sharedFile(src.repo, src.files[0].path);
    assert.deepEqual(file?.record, { path: src.files[0].path, sha256: sha256(expected), bytes: expected.byteLength, split: 'test' });
    assert.equal(file?.format, 'parquet');

    const storage = hubRepoCacheDir(heCache, src.repo);
    assert.equal(storage, join(heCache, 'datasets--openai--openai_humaneval'));
    assert.equal(readFileSync(join(storage, 'refs', 'main'), 'utf8'), FAKE_COMMIT);
    const snapshot = hubSnapshotPath(heCache, src.repo, FAKE_COMMIT, src.files[0].path);
    assert.equal(file?.localPath, snapshot);
    assert.ok(lstatSync(snapshot).isSymbolicLink());
    assert.equal(readlinkSync(snapshot), `../../../blobs/${sha256(expected)}`);
    assert.deepEqual(readFileSync(snapshot), expected);
    assert.deepEqual(readdirSync(join(storage, 'blobs')), [sha256(expected)]);

    const made = server.requests.slice(before).map((r) => `${r.method} ${r.url.split('?')[0]}${r.range ? ` ${r.range}` : ''}`);
    const resolve = `/datasets/${src.repo}/resolve/${FAKE_COMMIT}/${src.files[0].path}`;
    assert.deepEqual(made, [
      `GET /api/datasets/${src.repo}/revision/main`,
      `POST /api/datasets/${src.repo}/paths-info/${FAKE_COMMIT}`,
      `GET ${resolve} bytes=0-0`,
      `GET ${resolve}`,
    ]);
  });

  test('mbpp (full): all four splits, one blob per file', async () => {
    const fetched = await fetchSource(mbpp, { hubUrl: server.url, hubCacheDir: mbppCache });
    const src = hubSource(mbpp);
    assert.deepEqual(fetched.provenance, { type: 'hub', repo: src.repo, config: 'full', revision: 'main', commit: FAKE_COMMIT });
    assert.deepEqual(
      fetched.files.map((f) => f.record.split),
      ['prompt', 'test', 'validation', 'train'],
    );
    for (const [i, f] of fetched.files.entries()) {
      const bytes = sharedFile(src.repo, src.files[i]?.path ?? '');
      assert.equal(f.record.sha256, sha256(bytes));
      assert.equal(f.record.bytes, bytes.byteLength);
      assert.deepEqual(readFileSync(f.localPath), bytes);
    }
    const blobs = readdirSync(join(hubRepoCacheDir(mbppCache, src.repo), 'blobs')).sort();
    assert.deepEqual(blobs, fetched.files.map((f) => f.record.sha256).sort());
  });

  test('a second fetch is served from the cache: only the revision is asked, nothing is downloaded', async () => {
    const first = await fetchSource(mbpp, { hubUrl: server.url, hubCacheDir: mbppCache });
    const before = server.requests.length;
    const again = await fetchSource(mbpp, { hubUrl: server.url, hubCacheDir: mbppCache });
    const made = server.requests.slice(before);
    assert.deepEqual(
      made.map((r) => `${r.method} ${r.url.split('?')[0]}`),
      [`GET /api/datasets/${hubSource(mbpp).repo}/revision/main`],
    );
    assert.deepEqual(again, first);
  });

  test('a pinned commit (--revision <sha>) needs no revision lookup, and nothing at all once cached', async () => {
    const cache = tempCache();
    const before = server.requests.length;
    const fetched = await fetchSource(humaneval, { hubUrl: server.url, hubCacheDir: cache, revision: FAKE_COMMIT });
    assert.deepEqual(fetched.provenance, { type: 'hub', repo: hubSource(humaneval).repo, revision: FAKE_COMMIT, commit: FAKE_COMMIT });
    const made = server.requests.slice(before);
    assert.ok(made.length > 0);
    assert.ok(made.every((r) => !r.url.includes('/revision/')), 'a commit sha is not resolved');
    assert.ok(!existsSync(join(hubRepoCacheDir(cache, hubSource(humaneval).repo), 'refs')), 'no ref is written for a sha');

    const count = server.requests.length;
    const again = await fetchSource(humaneval, { hubUrl: server.url, hubCacheDir: cache, revision: FAKE_COMMIT });
    assert.equal(server.requests.length, count);
    assert.deepEqual(again, fetched);
  });

  test('another branch name resolves to its own commit', async () => {
    const other = '0123456789abcdef0123456789abcdef01234567';
    const s = await startHubServer({ revisions: { main: FAKE_COMMIT, 'v1.0': other } });
    try {
      const cache = tempCache();
      const fetched = await fetchSource(humaneval, { hubUrl: s.url, hubCacheDir: cache, revision: 'v1.0' });
      assert.deepEqual(fetched.provenance, { type: 'hub', repo: hubSource(humaneval).repo, revision: 'v1.0', commit: other });
      assert.equal(readFileSync(join(hubRepoCacheDir(cache, hubSource(humaneval).repo), 'refs', 'v1.0'), 'utf8'), other);
      const unknown = await rejectsWith(fetchSource(humaneval, { hubUrl: s.url, hubCacheDir: cache, revision: 'v9' }));
      assert.match(unknown.message, /HTTP 404/);
      assert.match(unknown.message, /openai\/openai_humaneval/);
      assert.match(unknown.message, /revision v9/);
    } finally {
      await s.close();
    }
  });

  test('options.fetch carries every request', async () => {
    const seen: string[] = [];
    const counting = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      seen.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return fetch(input, init);
    }) as typeof fetch;
    const before = server.requests.length;
    await fetchSource(humaneval, { hubUrl: server.url, hubCacheDir: tempCache(), fetch: counting });
    assert.equal(seen.length, server.requests.length - before);
    assert.ok(seen.length >= 4 && seen.every((u) => u.startsWith(server.url)));
  });

  test('offline with a cache: no network at all', async () => {
    let calls = 0;
    const noNetwork = (() => {
      calls += 1;
      throw new Error('network used in offline mode');
    }) as unknown as typeof fetch;
    const online = await fetchSource(mbpp, { hubUrl: server.url, hubCacheDir: mbppCache });
    const offline = await fetchSource(mbpp, { hubUrl: 'http://127.0.0.1:9', hubCacheDir: mbppCache, offline: true, fetch: noNetwork });
    assert.equal(calls, 0);
    assert.deepEqual(offline, online);
    const pinned = await fetchSource(mbpp, { hubCacheDir: mbppCache, offline: true, fetch: noNetwork, revision: FAKE_COMMIT });
    assert.equal(pinned.provenance.type === 'hub' && pinned.provenance.commit, FAKE_COMMIT);
    assert.equal(calls, 0);
  });

  test('offline without a cache fails and says what to run', async () => {
    const empty = tempCache();
    const error = await rejectsWith(fetchSource(humaneval, { hubCacheDir: empty, offline: true }));
    assert.match(error.message, /offline/);
    assert.match(error.message, /revision "main"/);
    assert.match(error.message, /openai\/openai_humaneval/);
    assert.match(error.hint ?? '', /bench-audit datasets fetch humaneval/);
    const pinned = await rejectsWith(fetchSource(humaneval, { hubCacheDir: empty, offline: true, revision: FAKE_COMMIT }));
    assert.equal(pinned.location.file, hubSource(humaneval).files[0].path);
    assert.match(pinned.message, /not in the hub cache/);
    assert.deepEqual(allNames(empty), []);
  });

  test('HTTP 404 for a file names repo, revision and path, and caches nothing', async () => {
    const path = hubSource(humaneval).files[0].path;
    const s = await startHubServer({ notFound: [path] });
    try {
      const cache = tempCache();
      const error = await rejectsWith(fetchSource(humaneval, { hubUrl: s.url, hubCacheDir: cache }));
      assert.match(error.message, /404/);
      assert.match(error.message, /openai\/openai_humaneval/);
      assert.match(error.message, /revision main/);
      assert.equal(error.location.file, path);
      assert.ok(!existsSync(join(hubRepoCacheDir(cache, hubSource(humaneval).repo), 'snapshots')));
    } finally {
      await s.close();
    }
  });

  test('HTTP 404 for an unknown repo names it', async () => {
    const ghost: DatasetManifest = { ...humaneval, source: { ...hubSource(humaneval), repo: 'nobody/no_such_dataset' } };
    const error = await rejectsWith(fetchSource(ghost, { hubUrl: server.url, hubCacheDir: tempCache() }));
    assert.match(error.message, /404/);
    assert.match(error.message, /nobody\/no_such_dataset/);
    assert.match(error.hint ?? '', /revision/);
  });

  test('an unreachable hub (closed port) names the endpoint and hints HF_ENDPOINT / HF_HUB_OFFLINE', async () => {
    const s = await startHubServer();
    const url = s.url;
    await s.close();
    const error = await rejectsWith(fetchSource(humaneval, { hubUrl: url, hubCacheDir: tempCache() }));
    assert.ok(error.message.includes(url), error.message);
    assert.match(error.message, /ECONNREFUSED/);
    assert.match(error.hint ?? '', /HF_ENDPOINT/);
    assert.match(error.hint ?? '', /HF_HUB_OFFLINE/);
  });

  test('401 without a token hints HF_TOKEN; the token is sent as a bearer credential', async () => {
    const s = await startHubServer({ requireToken: 'hf_testtoken' });
    try {
      const cache = tempCache();
      const denied = await rejectsWith(fetchSource(humaneval, { hubUrl: s.url, hubCacheDir: cache }));
      assert.match(denied.message, /401/);
      assert.match(denied.hint ?? '', /HF_TOKEN/);
      const fetched = await fetchSource(humaneval, { hubUrl: s.url, hubCacheDir: cache, token: 'hf_testtoken' });
      assert.equal(fetched.files.length, 1);
      const malformed = await rejectsWith(fetchSource(humaneval, { hubUrl: s.url, hubCacheDir: tempCache(), token: 'not-a-token' }));
      assert.equal(malformed.location.field, 'HF_TOKEN');
    } finally {
      await s.close();
    }
  });

  test('corrupted bytes: sha256 mismatch against the LFS oid, and no valid-looking cache entry is left', async () => {
    const src = hubSource(humaneval);
    const path = src.files[0].path;
    const s = await startHubServer({ corrupt: [path] });
    try {
      const cache = tempCache();
      const error = await rejectsWith(fetchSource(humaneval, { hubUrl: s.url, hubCacheDir: cache }));
      const real = sha256(sharedFile(src.repo, path));
      assert.equal(error.location.file, path);
      assert.match(error.message, /sha256 mismatch/);
      assert.ok(error.message.includes(`expected ${real}`), error.message);
      const actual = /got ([0-9a-f]{64})/.exec(error.message)?.[1];
      assert.ok(actual !== undefined && actual !== real);
      const storage = hubRepoCacheDir(cache, src.repo);
      assert.deepEqual(allNames(join(storage, 'blobs')), [], 'no blob and no temporary file');
      assert.ok(!existsSync(hubSnapshotPath(cache, src.repo, FAKE_COMMIT, path)));
      // A later fetch from a healthy hub works and is verified.
      const fetched = await fetchSource(humaneval, { hubUrl: server.url, hubCacheDir: cache });
      assert.equal(fetched.files[0]?.record.sha256, real);
    } finally {
      await s.close();
    }
  });

  test('a manifest sha256 pin is enforced', async () => {
    const src = hubSource(humaneval);
    const pinned: DatasetManifest = { ...humaneval, source: { ...src, files: [{ ...src.files[0], sha256: '0'.repeat(64) }] } };
    const cache = tempCache();
    const error = await rejectsWith(fetchSource(pinned, { hubUrl: server.url, hubCacheDir: cache }));
    assert.match(error.message, /sha256 mismatch: expected 0{64} \(manifest humaneval\)/);
    assert.deepEqual(allNames(join(hubRepoCacheDir(cache, src.repo), 'blobs')), []);
  });

  test('a cached blob corrupted on disk is detected: re-downloaded online, an error offline', async () => {
    const src = hubSource(humaneval);
    const cache = tempCache();
    const good = await fetchSource(humaneval, { hubUrl: server.url, hubCacheDir: cache });
    const blob = join(hubRepoCacheDir(cache, src.repo), 'blobs', good.files[0]?.record.sha256 ?? '');
    writeFileSync(blob, 'not parquet');
    const offline = await rejectsWith(fetchSource(humaneval, { hubCacheDir: cache, offline: true }));
    assert.match(offline.message, /corrupt/);
    const repaired = await fetchSource(humaneval, { hubUrl: server.url, hubCacheDir: cache });
    assert.deepEqual(repaired, good);
    assert.equal(sha256(readFileSync(blob)), good.files[0]?.record.sha256);
  });

  test('plain git files (no LFS) are checked against their git blob id', async () => {
    const src = hubSource(humaneval);
    const path = src.files[0].path;
    const bytes = sharedFile(src.repo, path);
    const gitOid = createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
    const plain = await startHubServer({ noLfs: [path] });
    const broken = await startHubServer({ noLfs: [path], corrupt: [path] });
    try {
      const cache = tempCache();
      const fetched = await fetchSource(humaneval, { hubUrl: plain.url, hubCacheDir: cache });
      assert.equal(fetched.files[0]?.record.sha256, sha256(bytes));
      assert.deepEqual(readdirSync(join(hubRepoCacheDir(cache, src.repo), 'blobs')), [gitOid]);
      const error = await rejectsWith(fetchSource(humaneval, { hubUrl: broken.url, hubCacheDir: tempCache() }));
      assert.match(error.message, new RegExp(`git blob id mismatch: expected ${gitOid}`));
    } finally {
      await plain.close();
      await broken.close();
    }
  });
});
