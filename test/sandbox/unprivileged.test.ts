/**
 * The sandbox run by an unprivileged user (the suite itself usually runs as root): through
 * setpriv, a pool as uid/gid 65534 (nobody) with no supplementary groups. Its own layers
 * (Landlock, seccomp, no_new_privs) must still confine each job, correct programs pass and
 * wrong ones fail. Skipped, with the reason, when not root, without setpriv, or when no Python
 * interpreter is reachable for that uid.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { resolvePython } from '../../src/python/interpreter.js';

const NOBODY = 65534;
/** Starting Node with tsx, the pool, the probe and seven jobs take a few seconds; generous under load. */
const RUN_TIMEOUT_MS = 120_000;
const here = dirname(fileURLToPath(import.meta.url));
const script = join(here, '..', 'fixtures', 'sandbox', 'unprivileged-pool.ts');
const setpriv = ['--reuid', String(NOBODY), '--regid', String(NOBODY), '--clear-groups'];
const env = { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', TMPDIR: '/tmp', HOME: '/tmp' };

/** `command` run as nobody. Through env: setpriv itself execs with root's capabilities still in
 * effect (it could reach a 0700 /root), the program it starts has none. */
function asNobody(command: string, args: string[], timeout = 10_000) {
  return spawnSync('setpriv', [...setpriv, '/usr/bin/env', command, ...args], { encoding: 'utf8', env, timeout, cwd: '/' });
}

/** Why the test cannot run here, or the interpreter nobody can run (the sandbox's own, else the system's). */
function precondition(): { skip: string } | { python: string } {
  if (process.getuid?.() !== 0) return { skip: 'needs root to switch to an unprivileged uid' };
  if (spawnSync('setpriv', ['--version'], { encoding: 'utf8' }).status !== 0) return { skip: 'setpriv (util-linux) is not installed' };
  const node = asNobody(process.execPath, ['-e', '0']);
  if (node.status !== 0) return { skip: `node (${process.execPath}) is not reachable for uid ${NOBODY}` };
  const tried: string[] = [];
  for (const python of [resolvePython().executable, '/usr/bin/python3']) {
    const res = asNobody(python, ['-c', 'import ctypes, json']);
    if (res.status === 0) return { python };
    tried.push(`${python}: ${(res.stderr || res.error?.message || '').trim().split('\n').pop()}`);
  }
  return { skip: `no Python interpreter reachable for uid ${NOBODY} (${tried.join('; ')})` };
}

const pre = precondition();
const dir = mkdtempSync(join(tmpdir(), 'ba-unprivileged-'));
const outside = join(dir, 'outside');
const readable = join(dir, 'readable.txt');
after(() => rmSync(dir, { recursive: true, force: true }));

describe('sandbox as an unprivileged user', { skip: 'skip' in pre ? pre.skip : false }, () => {
  for (const isolation of ['auto', 'unshare'] as const) {
    it(`(isolation ${isolation}) confines every job, passes a right program and fails a wrong one`, () => {
      if (!('python' in pre)) return;
      // Reachable and writable for nobody by plain file permissions: only the sandbox can stop the job.
      chmodSync(dir, 0o755);
      rmSync(outside, { recursive: true, force: true });
      writeFileSync(join(dir, '.keep'), '');
      spawnSync('mkdir', ['-m', '0777', outside]);
      writeFileSync(readable, 'readable by anyone', { mode: 0o644 });
      const tsx = join(here, '..', '..', 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs');
      const res = asNobody(process.execPath, ['--import', tsx, script, pre.python, isolation, outside, readable], RUN_TIMEOUT_MS);
      assert.equal(res.status, 0, `${res.stdout}\n${res.stderr}`);
      const out = JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}');
      assert.equal(out.uid, NOBODY);
      assert.equal(out.right, 'passed', JSON.stringify(out));
      assert.equal(out.wrong, 'failed', JSON.stringify(out));
      for (const [name, status] of Object.entries(out.attacked as Record<string, string>)) {
        assert.notEqual(status, 'passed', `the job could ${name}: ${JSON.stringify(out)}`);
      }
      assert.equal(Object.keys(out.attacked).length, 5);
      assert.deepEqual(readdirSync(outside), [], 'a job wrote outside its directory');
      assert.equal(out.after, 'passed', JSON.stringify(out));
      assert.equal(out.replaced, 0, 'a job ended or disturbed its fork-server');
      const probes = out.info.probes;
      assert.equal(out.info.filesystem, 'confined', JSON.stringify(out.info));
      assert.equal(probes.writeOutside, false, JSON.stringify(probes));
      assert.equal(probes.signalServer, false, JSON.stringify(probes));
      assert.equal(probes.ptraceServer, false, JSON.stringify(probes));
      assert.equal(probes.startProcess, false, JSON.stringify(probes));
      assert.equal(probes.noNewPrivs, true, JSON.stringify(probes));
      assert.equal(probes.capabilities, false, JSON.stringify(probes));
    });
  }
});
