// The hub test double answers the library's other requests as the hub does (so the lead's
// end-to-end tests can rely on it): tree listing with Link paging, raw HEAD, Range probes.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileDownloadInfo, fileExists, listFiles } from '@huggingface/hub';
import { fixtureHub } from '../helpers/data.js';
import { FAKE_COMMIT, startHubServer, type HubServer } from '../helpers/hub-server.js';

let server: HubServer;
before(async () => {
  server = await startHubServer({ pageSize: 3 });
});
after(async () => {
  await server.close();
});

describe('hub test double', () => {
  const repo = { type: 'dataset' as const, name: 'google-research-datasets/mbpp' };

  test('tree listing is paged with Link headers and lists every file', async () => {
    const before = server.requests.length;
    const entries = [];
    for await (const entry of listFiles({ repo, recursive: true, hubUrl: server.url })) entries.push(entry);
    const files = entries.filter((e) => e.type === 'file').map((e) => e.path).sort();
    const onDisk = ['full', 'sanitized'].flatMap((d) => readdirSync(join(fixtureHub, 'datasets', 'google-research-datasets', 'mbpp', d)).map((f) => `${d}/${f}`)).sort();
    assert.deepEqual(files, onDisk);
    assert.deepEqual(entries.filter((e) => e.type === 'directory').map((e) => e.path).sort(), ['full', 'sanitized']);
    const pages = server.requests.slice(before).filter((r) => r.url.includes('/tree/'));
    assert.equal(pages.length, Math.ceil(entries.length / 3), 'one request per page of 3');
    assert.ok(entries.every((e) => e.type !== 'file' || (e.lfs !== undefined && /^[0-9a-f]{64}$/.test(e.lfs.oid))));
  });

  test('non-recursive listing shows folders only at the top', async () => {
    const top = [];
    for await (const entry of listFiles({ repo, hubUrl: server.url })) top.push(`${entry.type}:${entry.path}`);
    assert.deepEqual(top.sort(), ['directory:full', 'directory:sanitized']);
  });

  test('HEAD raw answers file existence', async () => {
    assert.equal(await fileExists({ repo, path: 'full/test-00000-of-00001.parquet', hubUrl: server.url }), true);
    assert.equal(await fileExists({ repo, path: 'full/absent.parquet', hubUrl: server.url }), false);
    assert.ok(server.requests.some((r) => r.method === 'HEAD' && r.url.includes('/raw/main/')));
  });

  test('a Range probe on resolve gives size and ETag (the LFS sha256)', async () => {
    const info = await fileDownloadInfo({ repo, path: 'full/test-00000-of-00001.parquet', revision: FAKE_COMMIT, hubUrl: server.url });
    assert.ok(info !== null);
    assert.match(info.etag, /^"[0-9a-f]{64}"$/);
    assert.ok(info.size > 0);
    assert.equal(await fileDownloadInfo({ repo, path: 'full/absent.parquet', hubUrl: server.url }), null);
  });
});
