/**
 * How an audit ends when it is stopped: Ctrl-C from a terminal (SIGINT to the CLI's whole process
 * group, workers included if they shared it), SIGTERM, and SIGKILL of the CLI alone. Each run gets
 * its own TMPDIR, so "no leftover" is checkable: the folder is empty afterwards and no live process
 * has it in its environment (every sandbox worker is started with its scratch under TMPDIR).
 */
import assert from 'node:assert/strict';
import { processesUsing } from '../helpers/processes.js';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEMO_AUDIT_GUARD_MS, runCli, withoutRun, type CliResult } from '../helpers/cli.js';
import { cliPath } from '../helpers/paths.js';

const root = mkdtempSync(join(tmpdir(), 'bench-audit-interrupt-'));
after(() => rmSync(root, { recursive: true, force: true }));

const ARGS = ['audit', 'demo', '--checks', 'mutation', '--out', 'demo.json', '--workers', '1', '--fail-on', 'none'];
/** The plain (non-TTY) progress line once the mutation phase has run for a while: workers are busy. */
const MID_MUTATION = /mutation: [1-9]\d*\/12/;
/** A worker ends after its current job once the CLI is gone; demo jobs take well under a second. */
const WORKER_EXIT_WAIT_MS = 30_000;
const POLL_MS = 200;

interface Place {
  cwd: string;
  tmp: string;
}

function place(name: string): Place {
  const cwd = join(root, name);
  const tmp = join(root, `${name}-tmp`);
  mkdirSync(cwd);
  mkdirSync(tmp);
  return { cwd, tmp };
}

/**
 * Start the CLI as a shell starts a job (its own process group), send `signal` once stderr matches
 * `ready`, to the whole group (`group`, what a terminal's Ctrl-C does) or to the CLI alone.
 */
function stopWhen(args: string[], at: Place, ready: RegExp, signal: NodeJS.Signals, group: boolean): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: at.cwd,
      detached: true,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TMPDIR: at.tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && ready.test(stderr)) {
        sent = true;
        process.kill(group ? -child.pid! : child.pid!, signal);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), DEMO_AUDIT_GUARD_MS);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal: sig, stdout, stderr });
    });
  });
}

/** Wait until no process uses `dir` and it is empty; fail with what is left. */
async function assertNothingLeft(dir: string): Promise<void> {
  const deadline = Date.now() + WORKER_EXIT_WAIT_MS;
  let procs = processesUsing(dir);
  let files = readdirSync(dir);
  while ((procs.length > 0 || files.length > 0) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    procs = processesUsing(dir);
    files = readdirSync(dir);
  }
  assert.deepEqual(procs, [], 'no worker outlives the CLI');
  assert.deepEqual(files, [], `no scratch left in ${dir}`);
}

describe('an audit stopped by a signal', { concurrency: 1 }, () => {
  it('Ctrl-C to the whole process group: the workers keep running until the CLI has checkpointed; exit 130; --resume gives the uninterrupted report', async () => {
    const at = place('ctrl-c');
    const r = await stopWhen(ARGS, at, MID_MUTATION, 'SIGINT', true);
    assert.equal(r.code, 130, r.stderr);
    assert.equal(existsSync(join(at.cwd, 'demo.json')), false, 'no report for an interrupted audit');
    const saved = readdirSync(join(at.cwd, '.bench-audit', 'checkpoints', 'demo')).length;
    assert.ok(saved > 0 && saved < 12, `${saved} checkpoints`);
    assert.match(r.stderr, new RegExp(`holds ${saved} per-task results?`));
    // The tasks in flight finished: none ended as a crashed worker.
    assert.doesNotMatch(r.stderr, /worker (died|exited)|worker-crashed|unresponsive/);
    await assertNothingLeft(at.tmp);

    const resume = /resume with: bench-audit (.*)\n/.exec(r.stderr)?.[1];
    assert.equal(resume, [...ARGS, '--resume'].join(' '));
    const again = await runCli(resume!.split(' '), { cwd: at.cwd, env: { TMPDIR: at.tmp }, timeoutMs: DEMO_AUDIT_GUARD_MS });
    assert.equal(again.code, 0, again.stderr);
    await assertNothingLeft(at.tmp);

    const plain = place('uninterrupted');
    const whole = await runCli(ARGS, { cwd: plain.cwd, env: { TMPDIR: plain.tmp }, timeoutMs: DEMO_AUDIT_GUARD_MS });
    assert.equal(whole.code, 0, whole.stderr);
    assert.equal(withoutRun(readFileSync(join(at.cwd, 'demo.json'), 'utf8')), withoutRun(readFileSync(join(plain.cwd, 'demo.json'), 'utf8')));
    await assertNothingLeft(plain.tmp);
  });

  it('SIGTERM to the CLI: it ends by the signal, its workers and their scratch folders with it', async () => {
    const at = place('sigterm');
    const r = await stopWhen(ARGS, at, MID_MUTATION, 'SIGTERM', false);
    assert.equal(r.signal, 'SIGTERM', `ended by ${r.signal ?? r.code}: ${r.stderr}`);
    await assertNothingLeft(at.tmp);
  });

  it('SIGKILL of the CLI alone (no handler runs): the workers see their pipe close, end and remove their scratch', async () => {
    const at = place('sigkill');
    const r = await stopWhen(ARGS, at, MID_MUTATION, 'SIGKILL', false);
    assert.equal(r.signal, 'SIGKILL');
    await assertNothingLeft(at.tmp);
  });
});
