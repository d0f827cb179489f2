import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DownloadError, InputError } from '../../src/errors.js';
import { loadLocalBenchmark } from '../../src/datasets/benchmark.js';
import { fetchLicenseFile, importLicenseBeside, licenseBeside } from '../../src/datasets/license.js';
import { listManifests, validateManifest } from '../../src/datasets/manifest.js';
import type { DatasetManifest } from '../../src/datasets/manifest.generated.js';
import { schemaValidator } from '../../src/util/json-schema.js';
import { needData } from '../helpers/data.js';
import { repoRoot, startHubServer, type HubServer } from '../helpers/hub-server.js';

const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-license-'));
  tempDirs.push(dir);
  return dir;
}

/** The release's license text the double serves (not a release file: a stand-in with its own hash). */
const LICENSE_TEXT = 'Apache License\nVersion 2.0, January 2004\n(stand-in text for a test)\n';
const COMMIT = 'd5d97ed02457dbc08aa8afc5e26f45829942c96a';
const LICENSE_PATH = `/THUDM/CodeGeeX/raw/${COMMIT}/LICENSE`;

/** humaneval-x-js's manifest with its license pin set to the stand-in text the double serves at the same URL. */
function shippedWithStandIn(): DatasetManifest {
  const m = JSON.parse(readFileSync(join(repoRoot, 'datasets', 'humaneval-x-js.json'), 'utf8')) as DatasetManifest;
  assert.ok(m.licenseFile, 'humaneval-x-js pins its license file');
  return { ...m, licenseFile: { ...m.licenseFile, sha256: sha256(LICENSE_TEXT) } };
}

let server: HubServer;
let served: string;
before(async () => {
  served = join(tempDir(), 'LICENSE');
  writeFileSync(served, LICENSE_TEXT);
  server = await startHubServer({ files: { [LICENSE_PATH]: served } });
});
after(async () => {
  await server.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('manifests: the release license file, pinned and hashed', () => {
  it('humaneval-x-js, humaneval-plus and mbpp-plus pin a license file at the revision of their data; the others pin none', () => {
    const pinned = listManifests().filter((m) => m.licenseFile !== undefined).map((m) => m.id);
    assert.deepEqual(pinned, ['humaneval-plus', 'humaneval-x-js', 'mbpp-plus']);
    for (const m of listManifests()) {
      if (m.licenseFile === undefined || m.source.type !== 'url') continue;
      assert.ok(m.licenseFile.url.includes(m.source.version), `${m.id}: ${m.licenseFile.url} is at ${m.source.version}`);
      assert.equal(m.licenseFile.name, 'LICENSE');
    }
    const x = listManifests().find((m) => m.id === 'humaneval-x-js')!;
    assert.equal(x.licenseFile?.url, `https://github.com/THUDM/CodeGeeX/raw/${COMMIT}/LICENSE`);
  });

  it('the pins are the sha256 of the release license texts kept in ../shared/data', (t) => {
    const [x, hePlus, mbppPlus] = needData(t, 'humaneval-x/LICENSE', 'evalplus/LICENSE.humanevalplus', 'evalplus/LICENSE.mbppplus') ?? [];
    if (!x || !hePlus || !mbppPlus) return;
    const byId = new Map(listManifests().map((m) => [m.id, m.licenseFile?.sha256]));
    assert.equal(byId.get('humaneval-x-js'), sha256(readFileSync(x)));
    assert.equal(byId.get('humaneval-plus'), sha256(readFileSync(hePlus)));
    assert.equal(byId.get('mbpp-plus'), sha256(readFileSync(mbppPlus)));
  });

  it('the schema and the loader reject a license file without a hash, with a folder in its name, or at another revision', () => {
    const base = shippedWithStandIn();
    const validate = schemaValidator('dataset-manifest.schema.json');
    assert.ok(validate(base));
    assert.ok(!validate({ ...base, licenseFile: { name: 'LICENSE', url: base.licenseFile!.url } }), 'sha256 is required');
    assert.ok(!validate({ ...base, licenseFile: { ...base.licenseFile, name: '../LICENSE' } }), 'a plain name');
    assert.ok(!validate({ ...base, licenseFile: { ...base.licenseFile, sha256: 'abc' } }));
    assert.throws(
      () => validateManifest({ ...base, licenseFile: { ...base.licenseFile, url: 'https://github.com/THUDM/CodeGeeX/raw/main/LICENSE' } }, 'x.json'),
      (e: unknown) => e instanceof InputError && /not pinned to the data's revision d5d97ed/.test(e.message) && e.location.field === 'licenseFile.url',
    );
  });
});

describe('fetching the license file like the data files', () => {
  const mirrors = (): [string, string][] => [['https://github.com', server.url]];

  it('downloads from a server on 127.0.0.1 into releases/<sha256>/<name>, then reuses the cache without a request, also offline', async () => {
    const m = shippedWithStandIn();
    const cache = tempDir();
    const before = server.requests.length;
    const got = await fetchLicenseFile(m, { cacheDir: cache, mirrors: mirrors() });
    assert.ok(got);
    assert.equal(got.localPath, join(cache, 'releases', sha256(LICENSE_TEXT), 'LICENSE'));
    assert.equal(readFileSync(got.localPath, 'utf8'), LICENSE_TEXT);
    assert.deepEqual(got.record, { path: 'LICENSE', sha256: sha256(LICENSE_TEXT), bytes: Buffer.byteLength(LICENSE_TEXT), url: m.licenseFile!.url });
    assert.deepEqual(server.requests.slice(before).map((r) => r.url), [LICENSE_PATH]);
    const count = server.requests.length;
    assert.deepEqual((await fetchLicenseFile(m, { cacheDir: cache, mirrors: mirrors() }))?.record, got.record);
    assert.deepEqual((await fetchLicenseFile(m, { cacheDir: cache, offline: true }))?.record, got.record);
    assert.equal(server.requests.length, count);
  });

  it('a hub source fetches it the same way; --revision at another revision records none', async () => {
    const x = shippedWithStandIn();
    const hub: DatasetManifest = { ...x, source: { type: 'hub', repo: 'o/n', revision: COMMIT, files: [{ path: 'd.parquet', format: 'parquet' }] } };
    const got = await fetchLicenseFile(hub, { cacheDir: tempDir(), mirrors: mirrors() });
    assert.equal(got?.record.sha256, sha256(LICENSE_TEXT));
    const logs: string[] = [];
    assert.equal(await fetchLicenseFile(hub, { cacheDir: tempDir(), mirrors: mirrors(), revision: 'main', log: (l) => logs.push(l) }), undefined);
    assert.match(logs.join('\n'), /pinned to revision d5d97ed/);
  });

  it('a sha256 mismatch is a DownloadError naming the file, the expected and the actual hash, with a hint; nothing is cached', async () => {
    const m = shippedWithStandIn();
    const wrong = { ...m, licenseFile: { ...m.licenseFile!, sha256: 'f'.repeat(64) } };
    const cache = tempDir();
    let error: unknown;
    try {
      await fetchLicenseFile(wrong, { cacheDir: cache, mirrors: mirrors() });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof DownloadError, String(error));
    assert.equal(error.location.file, 'LICENSE');
    assert.match(error.message, new RegExp(`expected ${'f'.repeat(64)} .*got ${sha256(LICENSE_TEXT)}`));
    assert.ok(error.hint && error.hint.length > 0);
    assert.ok(!existsSync(join(cache, 'releases', 'f'.repeat(64), 'LICENSE')));
  });

  it('offline without a cached copy is a DownloadError that says how to get it', async () => {
    await assert.rejects(fetchLicenseFile(shippedWithStandIn(), { cacheDir: tempDir(), offline: true }), (e: unknown) => e instanceof DownloadError && /not in the cache/.test(e.message) && /datasets fetch humaneval-x-js/.test(e.hint ?? ''));
  });

  it('a manifest without a license file fetches nothing', async () => {
    const { licenseFile: _drop, ...bare } = shippedWithStandIn();
    assert.equal(await fetchLicenseFile(bare as DatasetManifest, { cacheDir: tempDir(), offline: true }), undefined);
  });
});

describe('local copies: --from and --data', () => {
  it('--from places a LICENSE beside the asset (or LICENSE.<suffix> with the pinned hash) in the cache; a LICENSE with other bytes is an InputError', async () => {
    const m = shippedWithStandIn();
    const dir = tempDir();
    const asset = join(dir, 'humaneval_js.jsonl.gz');
    writeFileSync(asset, 'x');
    const cache = tempDir();
    assert.equal(await importLicenseBeside(m, asset, cache), undefined, 'none beside');
    writeFileSync(join(dir, 'LICENSE.other'), 'another release\n');
    writeFileSync(join(dir, 'LICENSE.humanevalx'), LICENSE_TEXT);
    const placed = await importLicenseBeside(m, asset, cache);
    assert.equal(placed, join(cache, 'releases', sha256(LICENSE_TEXT), 'LICENSE'));
    assert.equal(readFileSync(placed, 'utf8'), LICENSE_TEXT);
    writeFileSync(join(dir, 'LICENSE'), 'MIT License\n');
    await assert.rejects(importLicenseBeside(m, asset, tempDir()), (e: unknown) => e instanceof InputError && e.message.includes(sha256('MIT License\n')) && e.message.includes(sha256(LICENSE_TEXT)) && e.location.file === join(dir, 'LICENSE'));
  });

  it('--data records the license file beside the data as found, and none when there is none; the audit goes on either way', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'with'));
    mkdirSync(join(dir, 'without'));
    const demo = join(repoRoot, 'datasets', 'demo', 'tasks.jsonl');
    copyFileSync(demo, join(dir, 'with', 'tasks.jsonl'));
    copyFileSync(demo, join(dir, 'without', 'tasks.jsonl'));
    writeFileSync(join(dir, 'with', 'LICENSE'), 'MIT License\n');
    const withLicense = await loadLocalBenchmark(join(dir, 'with', 'tasks.jsonl'));
    assert.deepEqual(withLicense.info.licenseFile, { path: join(dir, 'with', 'LICENSE'), sha256: sha256('MIT License\n'), bytes: 12 });
    assert.deepEqual(await licenseBeside(join(dir, 'with', 'tasks.jsonl')), withLicense.info.licenseFile);
    const without = await loadLocalBenchmark(join(dir, 'without', 'tasks.jsonl'));
    assert.equal(without.info.licenseFile, undefined);
    assert.ok(without.tasks.length > 0);
  });
});
