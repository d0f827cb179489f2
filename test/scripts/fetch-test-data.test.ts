import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { DownloadError } from '../../src/errors.js';
import type { DatasetManifest, UrlSource } from '../../src/datasets/manifest.generated.js';
import { assetName } from '../../src/datasets/release.js';
import { defaultPlan, fetchTestData, TEST_DATA_FILES, testDataDir, type TestDataPlan } from '../../scripts/fetch-test-data.js';
import { fixtureFile, fixtureHub, needData, needHub } from '../helpers/data.js';
import { repoRoot, startHubServer, type HubServer } from '../helpers/hub-server.js';

const run = promisify(execFile);
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const tempDirs: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-testdata-'));
  tempDirs.push(dir);
  return dir;
}
/** Every file below dir, as slash paths, sorted. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** The loose files the double serves (fixtures under their real URL paths), below /raw for raw.githubusercontent.com. */
const LOOSE = ['humaneval/HumanEval.jsonl.gz', 'mbpp/mbpp.jsonl', 'mbpp/sanitized-mbpp.json', 'humaneval-x/humaneval_js.jsonl.gz'];
const looseFiles = TEST_DATA_FILES.filter((f) => LOOSE.includes(f.rel));
const served = Object.fromEntries(looseFiles.map((f) => [`/raw${new URL(f.url).pathname}`, fixtureFile(f.rel)]));

/** The real plan with the fixtures' sha256 pins (the double serves the fixtures under the real names). */
function fixturePlan(): TestDataPlan {
  const plan = defaultPlan();
  const pinFixture = (m: DatasetManifest): DatasetManifest => {
    const source = m.source as UrlSource;
    const pinned = source.files.map((f) => ({ ...f, sha256: sha256(readFileSync(fixtureFile(`evalplus/${assetName(f.url)}`))) }));
    return { ...m, source: { ...source, files: pinned as UrlSource['files'] } };
  };
  return {
    hub: plan.hub,
    releases: plan.releases.map(pinFixture),
    files: looseFiles.map((f) => ({ ...f, sha256: sha256(readFileSync(fixtureFile(f.rel))) })),
  };
}

let server: HubServer;
before(async () => {
  server = await startHubServer({ files: served });
});
after(async () => {
  await server.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm run fetch-test-data (against the hub double on 127.0.0.1)', () => {
  const options = (cache: string) => ({
    hubUrl: server.url,
    hubCacheDir: join(cache, 'hf'),
    cacheDir: join(cache, 'ba'),
    mirrors: [
      ['https://raw.githubusercontent.com', `${server.url}/raw`],
      ['https://github.com', server.url],
    ] as [string, string][],
  });

  test('places every file, verified, in the data/ and hub/ layouts; a second run downloads nothing', async () => {
    const cache = temp();
    const target = join(cache, 'test-data');
    const placed = await fetchTestData(target, fixturePlan(), options(cache));
    const hubFiles = files(join(fixtureHub, 'datasets')).map((p) => `hub/datasets/${p}`);
    const dataFiles = [...LOOSE, 'evalplus/HumanEvalPlus.jsonl.gz', 'evalplus/MbppPlus.jsonl.gz'].map((p) => `data/${p}`);
    assert.deepEqual(files(target), [...hubFiles, ...dataFiles].sort());
    assert.deepEqual(placed.map((p) => p.path).sort(), [...hubFiles, ...dataFiles].sort());
    for (const p of placed) {
      const bytes = readFileSync(join(target, p.path));
      assert.equal(sha256(bytes), p.sha256, p.path);
      const fixture = p.path.startsWith('hub/') ? join(fixtureHub, p.path.slice('hub/'.length)) : fixtureFile(p.path.slice('data/'.length));
      assert.deepEqual(bytes, readFileSync(fixture), `${p.path} is the served file`);
    }
    const before = server.requests.length;
    await fetchTestData(target, fixturePlan(), options(cache));
    const again = server.requests.slice(before);
    assert.ok(again.every((r) => !r.url.includes('/resolve/') && !r.url.startsWith('/raw/') && !r.url.includes('/releases/')), 'only revision lookups');
  });

  test('a corrupted download is a DownloadError naming the file and both hashes; nothing is placed', async () => {
    const bad = await startHubServer({ files: served, corrupt: ['mbpp.jsonl'] });
    try {
      const cache = temp();
      const target = join(cache, 'test-data');
      const plan = fixturePlan();
      const error = await fetchTestData(target, { hub: [], releases: [], files: plan.files }, { ...options(cache), hubUrl: bad.url, mirrors: [['https://raw.githubusercontent.com', `${bad.url}/raw`]] }).then(
        () => assert.fail('expected a sha256 mismatch'),
        (e: unknown) => e,
      );
      assert.ok(error instanceof DownloadError, String(error));
      assert.equal(error.location.file, 'mbpp.jsonl');
      const pin = plan.files.find((f) => f.rel === 'mbpp/mbpp.jsonl')?.sha256 ?? '';
      assert.ok(error.message.includes(`expected ${pin}`), error.message);
      assert.equal(existsSync(join(target, 'data', 'mbpp', 'mbpp.jsonl')), false);
    } finally {
      await bad.close();
    }
  });

  test('the command without network: exit 2, the endpoint named, a hint to BENCH_AUDIT_DATA; nothing on stdout', async () => {
    const down = await startHubServer();
    const url = down.url;
    await down.close();
    const cache = temp();
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HF_') && !k.startsWith('BENCH_AUDIT_')));
    const result = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts', 'fetch-test-data.ts')], {
      cwd: repoRoot,
      env: { ...clean, HF_ENDPOINT: url, HF_HUB_CACHE: join(cache, 'hf'), BENCH_AUDIT_CACHE: join(cache, 'ba'), BENCH_AUDIT_MIRROR: `https://github.com=${url},https://raw.githubusercontent.com=${url}` },
    }).then(
      () => assert.fail('expected exit 2'),
      (e: { code?: number; stdout: string; stderr: string }) => e,
    );
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.ok(result.stderr.includes(url), result.stderr);
    assert.match(result.stderr, /hint: .*BENCH_AUDIT_DATA/);
    assert.equal(existsSync(testDataDir({ BENCH_AUDIT_CACHE: join(cache, 'ba') })), false, 'no partial test-data folder');
  });
});

describe('the pins of the real plan', () => {
  test('every pinned file (loose files and EvalPlus assets) has the sha256 of the real release file', async (t) => {
    const plan = defaultPlan();
    const evalplus = plan.releases.flatMap((m) => (m.source as UrlSource).files.map((f) => ({ rel: `evalplus/${assetName(f.url)}`, sha256: f.sha256 })));
    const pins = [...plan.files, ...evalplus];
    const paths = needData(t, ...pins.map((p) => p.rel));
    if (!paths) return;
    pins.forEach((p, i) => assert.equal(sha256(readFileSync(paths[i] as string)), p.sha256, p.rel));
  });

  test('the hub benchmarks cover every file of the hub layout', async (t) => {
    const hub = needHub(t);
    if (hub === undefined) return;
    const planned = defaultPlan().hub.flatMap((m) => (m.source.type === 'hub' ? m.source.files.map((f) => `${m.source.type === 'hub' ? m.source.repo : ''}/${f.path}`) : []));
    assert.deepEqual([...new Set(planned)].sort(), files(join(hub, 'datasets')));
  });
});
