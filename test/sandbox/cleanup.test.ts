/**
 * Each worker's scratch directory (its TMPDIR, holding the job directories) is removed when the
 * worker is killed, when the pool closes, and when the process exits without closing it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { createSandboxPool } from '../../src/sandbox/pool.js';
import type { TestsJob } from '../../src/sandbox/types.js';
import { repoRoot } from '../helpers/paths.js';

const base = mkdtempSync(join(tmpdir(), 'ba-cleanup-'));
after(() => rmSync(base, { recursive: true, force: true }));
const scratchDirs = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('bench-audit-'));
const ok: TestsJob = { kind: 'tests', program: { candidate: 'def f():\n    return 42\n' }, entryPoint: 'f', tests: { kind: 'assert-list', asserts: ['assert f() == 42'] } };

it('a killed worker and a closed pool leave no scratch directory', async () => {
  const dir = mkdtempSync(join(base, 'pool-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  const pool = createSandboxPool({ workers: 1 });
  try {
    assert.equal((await pool.run(ok)).verdict.status, 'passed');
    assert.equal(scratchDirs(dir).length, 1, 'one worker, one scratch directory');
    const [pid] = pool.workerPids();
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 200 && pool.workerPids().includes(pid); i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(scratchDirs(dir), [], 'the killed worker left its scratch directory');
    assert.equal((await pool.run(ok)).verdict.status, 'passed', 'the replacement worker serves');
    assert.equal(scratchDirs(dir).length, 1);
    await pool.close();
    assert.deepEqual(scratchDirs(dir), [], 'close() left a scratch directory');
  } finally {
    await pool.close();
    process.env.TMPDIR = saved;
  }
});

it('a process that exits without closing its pool (or throws) leaves no scratch directory', () => {
  for (const end of ['process.exit(0)', 'throw new Error("boom")']) {
    const dir = mkdtempSync(join(base, 'exit-'));
    const script = [
      "import { createSandboxPool } from './src/sandbox/pool.ts';",
      'const pool = createSandboxPool({ workers: 1 });',
      `await pool.run(${JSON.stringify(ok)});`,
      "if (!(await import('node:fs')).readdirSync(process.env.TMPDIR).some((n) => n.startsWith('bench-audit-'))) throw new Error('no scratch seen');",
      end + ';',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, env: { ...process.env, TMPDIR: dir }, encoding: 'utf8', timeout: 60_000 });
    assert.ok(!r.stderr.includes('no scratch seen'), r.stderr);
    assert.deepEqual(scratchDirs(dir), [], `${end}: scratch directories left behind (${r.stderr.slice(-300)})`);
  }
});
