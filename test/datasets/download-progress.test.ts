/**
 * Download progress against the 127.0.0.1 hub double: every byte of each file is counted against
 * the size the hub advertised, and the CLI's byte renderer shows done/total, rate and ETA (a
 * redrawn line on a TTY, plain lines otherwise). The clock is the renderer's test seam: each
 * reading advances it five seconds, so lines appear however fast the local transfer is.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createByteProgress } from '../../src/cli/progress.js';
import { fetchSource } from '../../src/datasets/fetch.js';
import type { DatasetManifest, HubSource } from '../../src/datasets/manifest.generated.js';
import type { ProgressSink } from '../../src/model/progress.js';
import { fixtureHub } from '../helpers/data.js';
import { repoRoot, startHubServer, type HubServer } from '../helpers/hub-server.js';

const manifest = (id: string) => JSON.parse(readFileSync(join(repoRoot, 'datasets', `${id}.json`), 'utf8')) as DatasetManifest;
const fixtureBytes = (repo: string, path: string) => readFileSync(join(fixtureHub, 'datasets', ...repo.split('/'), ...path.split('/'))).byteLength;

/** A sink that records the calls, to check what the downloader reports. */
function recorder(): { sink: ProgressSink; runs: { label: string; total: number; bytes: number; finished: boolean }[] } {
  const runs: { label: string; total: number; bytes: number; finished: boolean }[] = [];
  return {
    runs,
    sink: {
      start: (label, total) => void runs.push({ label, total, bytes: 0, finished: false }),
      advance: (by = 1) => void (runs[runs.length - 1]!.bytes += by),
      finish: () => void (runs[runs.length - 1]!.finished = true),
    },
  };
}

/** A clock that moves five seconds each time it is read. */
function tickingClock(): () => number {
  let t = 0;
  return () => (t += 5000);
}

let server: HubServer;
const dirs: string[] = [];
const cache = () => {
  const d = mkdtempSync(join(tmpdir(), 'bench-audit-dlp-'));
  dirs.push(d);
  return d;
};
before(async () => {
  server = await startHubServer();
});
after(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('download progress (hub double)', () => {
  const humaneval = manifest('humaneval');
  const source = humaneval.source as HubSource;

  test('one progress run per downloaded file: every byte counted against the advertised size; none for a cached file', async () => {
    const { sink, runs } = recorder();
    const hubCacheDir = cache();
    await fetchSource(humaneval, { hubUrl: server.url, hubCacheDir, downloadProgress: sink });
    assert.equal(runs.length, source.files.length);
    for (const [i, f] of source.files.entries()) {
      const size = fixtureBytes(source.repo, f.path);
      assert.deepEqual(runs[i], { label: `downloading ${f.path}`, total: size, bytes: size, finished: true });
    }
    const again = recorder();
    await fetchSource(humaneval, { hubUrl: server.url, hubCacheDir, downloadProgress: again.sink });
    assert.deepEqual(again.runs, [], 'a cached file is not downloaded, so no progress');
  });

  test('plain lines (no TTY): bytes done/total, percentage and rate; the finished line shows every byte', async () => {
    const lines: string[] = [];
    const hubCacheDir = cache();
    // Every read of the clock is five seconds later: past the quiet period at once, a plain line at most every 10 s.
    await fetchSource(humaneval, { hubUrl: server.url, hubCacheDir, downloadProgress: createByteProgress((s) => lines.push(s), false, tickingClock()) });
    const f = source.files[0]!;
    const size = fixtureBytes(source.repo, f.path);
    assert.ok(lines.length > 0, 'some progress was written');
    assert.ok(lines.every((l) => l.endsWith('\n') && !l.includes('\r') && !l.includes('\x1b')), 'plain lines only');
    const last = lines[lines.length - 1]!;
    assert.match(last, new RegExp(`^downloading ${f.path.replace(/[.]/g, '\\.')}: (\\S+ \\S+)/(\\S+ \\S+) \\(100%, \\S+ \\S+/s\\)\\n$`));
    const [, done, total] = /: (\S+ \S+)\/(\S+ \S+)/.exec(last)!;
    assert.equal(done, total, 'the last line shows every byte');
    assert.ok(size > 1000, 'the fixture is big enough to be shown in kB');
  });

  test('on a TTY: one redrawn line with a bar, the rate and an ETA while unfinished, then a newline', () => {
    const out: string[] = [];
    let t = 0;
    const p = createByteProgress((s) => out.push(s), true, () => t);
    p.start('downloading big.parquet', 4_000_000);
    t = 3_000;
    p.advance(1_000_000);
    assert.equal(out[0], `\rdownloading big.parquet [${'#'.repeat(8)}${'-'.repeat(22)}] 1.0 MB/4.0 MB 333 kB/s, ETA 9s\x1b[K`);
    t = 3_050;
    p.advance(1000);
    assert.equal(out.length, 1, 'redrawn at most every 100 ms');
    t = 6_000;
    p.advance(2_999_000);
    p.finish();
    assert.equal(out[out.length - 2], `\rdownloading big.parquet [${'#'.repeat(30)}] 4.0 MB/4.0 MB 667 kB/s\x1b[K`);
    assert.equal(out[out.length - 1], '\n');
  });

  test('an unknown size shows bytes and rate, no percentage or ETA; a quick download shows nothing', () => {
    const out: string[] = [];
    let t = 0;
    const p = createByteProgress((s) => out.push(s), false, () => t);
    p.start('downloading x.gz', 0);
    t = 12_000;
    p.advance(2_400_000);
    assert.deepEqual(out, ['downloading x.gz: 2.4 MB (200 kB/s)\n']);
    const quiet: string[] = [];
    let u = 0;
    const q = createByteProgress((s) => quiet.push(s), true, () => u);
    q.start('downloading small.json', 100);
    u = 500;
    q.advance(100);
    q.finish();
    assert.deepEqual(quiet, []);
  });
});
