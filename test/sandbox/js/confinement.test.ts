import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { resolvePython } from '../../../src/python/interpreter.js';
import { statusLayers, workerConfined, workerNotes, type WorkerConfinement } from '../../../src/sandbox/js/worker-probe.js';

const LAUNCHER = fileURLToPath(new URL('../../../src/sandbox/python/js_launcher.py', import.meta.url));
const base = mkdtempSync(join(tmpdir(), 'bench-audit-js-confine-'));
after(() => rmSync(base, { recursive: true, force: true }));

/** What an escaped worker would try, as plain node: each attempt's error code (or 'ok'), and the launcher's record. */
const ESCAPE = `
const fs = require('node:fs'), net = require('node:net'), cp = require('node:child_process'), path = require('node:path');
const scratch = process.argv[2];
const r = { record: JSON.parse(process.env.BENCH_AUDIT_JS_CONFINEMENT || 'null'), uid: process.getuid() };
const code = (f) => { try { f(); return 'ok'; } catch (e) { return e.code || String(e); } };
r.writeInside = code(() => fs.writeFileSync(path.join(scratch, 'in.txt'), 'x'));
r.writeOutside = code(() => fs.writeFileSync(path.join(path.dirname(scratch), 'escaped.txt'), 'x'));
r.readOutside = code(() => fs.readdirSync(path.dirname(scratch)));
r.spawn = code(() => { const s = cp.spawnSync('/bin/true'); if (s.error) throw s.error; });
const sock = net.connect({ host: '127.0.0.1', port: 9 });
const done = (c) => { r.tcp = c; sock.destroy(); console.log(JSON.stringify(r)); };
sock.on('connect', () => done('ok'));
sock.on('error', (e) => done(e.code));
`;

function launch(uid?: number): Record<string, unknown> {
  const dir = mkdtempSync(join(base, 'job-'));
  // Another uid must reach the script (mkdtemp makes 0700 folders).
  if (uid !== undefined) for (const d of [base, dir]) chmodSync(d, 0o755);
  const scratch = join(dir, 'scratch');
  const script = join(dir, 'escape.cjs');
  writeFileSync(script, ESCAPE);
  mkdirSync(scratch);
  const res = spawnSync(resolvePython().executable, [LAUNCHER, '--scratch', scratch, ...(uid === undefined ? [] : ['--uid', String(uid)]), '--read', script, '--', process.execPath, script, scratch], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, cwd: scratch });
  assert.equal(res.status, 0, res.stderr);
  return JSON.parse(res.stdout) as Record<string, unknown>;
}

describe('the JavaScript worker launcher confines node at the OS level', () => {
  it('node started through it cannot write or list outside its scratch, connect over TCP or start a process', (t) => {
    const r = launch();
    const record = r.record as { landlockAbi?: number; seccomp?: boolean } | null;
    assert.ok(record !== null, 'the launcher hands its record to node');
    if ((record.landlockAbi ?? 0) < 1) return t.skip('Landlock is not available in this kernel: only seccomp and capabilities are tested here');
    assert.equal(r.writeInside, 'ok');
    assert.equal(r.writeOutside, 'EACCES');
    assert.equal(r.readOutside, 'EACCES');
    assert.equal(r.tcp, 'EACCES');
    if (record.seccomp) assert.equal(r.spawn, 'EAGAIN');
  });

  it('runs node as the private uid it is given (root only)', (t) => {
    if (process.getuid?.() !== 0) return t.skip('not root: the launcher cannot change uid');
    const uid = 1_234_567;
    const r = launch(uid);
    assert.equal(r.uid, uid);
    assert.equal(r.writeInside, 'ok', 'the scratch is the private uid\'s');
    assert.notEqual(r.writeOutside, 'ok');
  });
});

describe('the worker probe record', () => {
  const closed: WorkerConfinement = { launcher: {}, writeOutside: false, readOutside: false, tcpConnect: false, noNewPrivs: true, seccompFilter: true, capabilities: false, uid: 1 };

  it('reads the layers from /proc/self/status', () => {
    assert.deepEqual(statusLayers('Name:\tnode\nCapEff:\t0000000000000000\nCapBnd:\t0000000000000000\nNoNewPrivs:\t1\nSeccomp:\t2\n'), { noNewPrivs: true, seccompFilter: true, capabilities: false });
    assert.deepEqual(statusLayers('CapEff:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\nNoNewPrivs:\t0\nSeccomp:\t0\n'), { noNewPrivs: false, seccompFilter: false, capabilities: true });
    assert.deepEqual(statusLayers(undefined), { noNewPrivs: null, seccompFilter: null, capabilities: null });
  });

  it('calls a worker confined only when every probe was refused, and names what is open', () => {
    assert.equal(workerConfined(closed), true);
    assert.deepEqual(workerNotes(closed), []);
    const open = { ...closed, launcher: null, writeOutside: true, tcpConnect: true, seccompFilter: null };
    assert.equal(workerConfined(open), false);
    const [note] = workerNotes(open);
    assert.match(note!, /without the confinement launcher/);
    assert.match(note!, /write outside its scratch, .*TCP connections, no seccomp filter/);
  });
});

