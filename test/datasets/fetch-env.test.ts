import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { UsageError } from '../../src/errors.js';
import { defaultCacheDir, defaultHubCacheDir, envFlag, fetchSource, parseMirrors, resolveFetchOptions } from '../../src/datasets/fetch.js';
import { hubSnapshotPath } from '../../src/datasets/hub.js';
import { fixtureFile } from '../helpers/data.js';
import { FAKE_COMMIT, repoRoot, startHubServer, type HubServer } from '../helpers/hub-server.js';

const run = promisify(execFile);

describe('environment defaults', () => {
  test('HF_ENDPOINT (trailing slash dropped), HF_TOKEN, HF_HUB_OFFLINE, BENCH_AUDIT_MIRROR', () => {
    const s = resolveFetchOptions({}, 'humaneval', {
      HF_ENDPOINT: 'http://127.0.0.1:8080/',
      HF_TOKEN: 'hf_abc',
      HF_HUB_OFFLINE: '1',
      BENCH_AUDIT_MIRROR: 'https://github.com=http://127.0.0.1:8080, https://x.org=http://m',
    }, '/home/u');
    assert.equal(s.hubUrl, 'http://127.0.0.1:8080');
    assert.equal(s.token, 'hf_abc');
    assert.equal(s.offline, true);
    assert.deepEqual(s.mirrors, [
      ['https://github.com', 'http://127.0.0.1:8080'],
      ['https://x.org', 'http://m'],
    ]);
    assert.equal(s.datasetId, 'humaneval');
  });

  test('defaults without environment', () => {
    const s = resolveFetchOptions({}, 'x', {}, '/home/u');
    assert.equal(s.hubUrl, 'https://huggingface.co');
    assert.equal(s.token, undefined);
    assert.equal(s.offline, false);
    assert.equal(s.hubCacheDir, '/home/u/.cache/huggingface/hub');
    assert.equal(s.cacheDir, '/home/u/.cache/bench-audit');
    assert.deepEqual(s.mirrors, []);
  });

  test('options win over the environment', () => {
    const s = resolveFetchOptions(
      { hubUrl: 'http://a', token: 'hf_x', offline: false, hubCacheDir: '/c/hub', cacheDir: '/c/ba', mirrors: [] },
      'x',
      { HF_ENDPOINT: 'http://b', HF_TOKEN: 'hf_y', HF_HUB_OFFLINE: '1', HF_HUB_CACHE: '/e', BENCH_AUDIT_CACHE: '/f', BENCH_AUDIT_MIRROR: 'a=b' },
    );
    assert.deepEqual([s.hubUrl, s.token, s.offline, s.hubCacheDir, s.cacheDir, s.mirrors], ['http://a', 'hf_x', false, '/c/hub', '/c/ba', []]);
  });

  test('HF cache folder precedence: HF_HUB_CACHE > HUGGINGFACE_HUB_CACHE > HF_HOME/hub > XDG_CACHE_HOME > ~/.cache', () => {
    const home = '/home/u';
    assert.equal(defaultHubCacheDir({ HF_HUB_CACHE: '/a', HUGGINGFACE_HUB_CACHE: '/b', HF_HOME: '/c' }, home), '/a');
    assert.equal(defaultHubCacheDir({ HUGGINGFACE_HUB_CACHE: '/b', HF_HOME: '/c' }, home), '/b');
    assert.equal(defaultHubCacheDir({ HF_HOME: '/c', XDG_CACHE_HOME: '/x' }, home), '/c/hub');
    assert.equal(defaultHubCacheDir({ XDG_CACHE_HOME: '/x' }, home), '/x/huggingface/hub');
    assert.equal(defaultHubCacheDir({ HF_HOME: '~/hf' }, home), '/home/u/hf/hub');
    assert.equal(defaultCacheDir({ BENCH_AUDIT_CACHE: '/z' }, home), '/z');
    assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x' }, home), '/x/bench-audit');
  });

  test('HF_HUB_OFFLINE accepts 1/true/yes/on, nothing else', () => {
    for (const v of ['1', 'true', 'TRUE', 'yes', 'on']) assert.equal(envFlag(v), true, v);
    for (const v of [undefined, '', '0', 'false', 'no', 'off']) assert.equal(envFlag(v), false, String(v));
  });

  test('a malformed BENCH_AUDIT_MIRROR is a UsageError', () => {
    assert.throws(() => parseMirrors('https://github.com'), UsageError);
    assert.throws(() => parseMirrors('=http://x'), UsageError);
    assert.deepEqual(parseMirrors(''), []);
  });

  test('--revision on a non-hub benchmark is a UsageError', async () => {
    const manifest = (await import('../../datasets/humaneval-plus.json', { with: { type: 'json' } })).default;
    await assert.rejects(fetchSource(manifest as Parameters<typeof fetchSource>[0], { revision: 'main', cacheDir: '/nonexistent' }), UsageError);
  });
});

describe('stdout stays clean (so --json output is never corrupted)', () => {
  let server: HubServer;
  const work = mkdtempSync(join(tmpdir(), 'bench-audit-stdout-'));
  before(async () => {
    server = await startHubServer();
  });
  after(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** Run a module snippet in a fresh Node process (through tsx, as the tests run) and capture its output. */
  async function child(code: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HF_') && !k.startsWith('BENCH_AUDIT_')));
    return run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: repoRoot,
      env: { ...clean, ...env },
    });
  }

  test('fetchSource downloads hub and release files, configured only by environment, writing nothing to stdout', async () => {
    const hubCache = join(work, 'hub');
    const cache = join(work, 'ba');
    // The double serves the HumanEval+ fixture: pin its sha256 instead of the release's.
    const fixtureSha = createHash('sha256').update(readFileSync(fixtureFile('evalplus/HumanEvalPlus.jsonl.gz'))).digest('hex');
    const code = `
      const { fetchSource } = await import(${JSON.stringify(join(repoRoot, 'src', 'datasets', 'fetch.ts'))});
      const { readFileSync } = await import('node:fs');
      for (const id of ['humaneval', 'humaneval-plus']) {
        const manifest = JSON.parse(readFileSync(${JSON.stringify(join(repoRoot, 'datasets'))} + '/' + id + '.json', 'utf8'));
        if (manifest.source.type === 'url') manifest.source.files[0].sha256 = ${JSON.stringify(fixtureSha)};
        const fetched = await fetchSource(manifest, { log: (m) => process.stderr.write(m + '\\n') });
        process.stderr.write(JSON.stringify(fetched.provenance) + '\\n');
      }`;
    const { stdout, stderr } = await child(code, {
      HF_ENDPOINT: server.url,
      HF_HUB_CACHE: hubCache,
      BENCH_AUDIT_CACHE: cache,
      BENCH_AUDIT_MIRROR: `https://github.com=${server.url}`,
    });
    assert.equal(stdout, '');
    assert.ok(stderr.includes(`"commit":"${FAKE_COMMIT}"`), stderr);
    assert.ok(existsSync(hubSnapshotPath(hubCache, 'openai/openai_humaneval', FAKE_COMMIT, 'openai_humaneval/test-00000-of-00001.parquet')));
    assert.ok(existsSync(join(cache, 'releases')));
  });

  test('control: the library\'s downloadFileToCacheDir does print to stdout (why fetch.ts avoids it)', async () => {
    const code = `
      const { downloadFileToCacheDir } = await import('@huggingface/hub');
      await downloadFileToCacheDir({ repo: 'datasets/openai/openai_humaneval', path: 'openai_humaneval/test-00000-of-00001.parquet', hubUrl: ${JSON.stringify(server.url)}, cacheDir: ${JSON.stringify(join(work, 'lib-cache'))} });`;
    const { stdout } = await child(code, {});
    assert.match(stdout, /Downloading openai_humaneval\/test-00000-of-00001\.parquet/);
  });
});
