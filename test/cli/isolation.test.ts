/**
 * Fail closed and say the truth: the isolation record is measured, unconfined runs need an
 * explicit flag and are announced, samples never run unconfined, and no scratch directory
 * outlives the CLI however it ends.
 */
import assert from 'node:assert/strict';
import { processesLeft } from '../helpers/processes.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { cliPath, repoRoot } from '../helpers/paths.js';

const tmp = mkdtempSync(join(tmpdir(), 'ba-cli-isolation-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

interface Report {
  warnings: { code: string; message: string }[];
  run: { checks?: { execution?: { isolation?: { probed?: boolean; filesystem?: string; probes?: Record<string, unknown> } } } };
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Report;

/** Scratch directories of sandbox workers (fork-servers) in a TMPDIR. */
const scratchDirs = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('bench-audit-'));

const environmentWarnings = (report: Report): { code: string }[] =>
  (report.run.checks?.execution as { environmentWarnings?: { code: string }[] } | undefined)?.environmentWarnings ?? [];

/** How long a killed worker may take to be gone (the kernel reaps a SIGKILLed process group at once; slack for a loaded machine). */
const WORKER_EXIT_WAIT_MS = 5_000;

describe('bench-audit isolation', () => {
  it('--isolation none without --unsafe-no-isolation is a usage error (exit 2)', async () => {
    const r = await runCli(['audit', 'demo', '--checks', 'execution', '--isolation', 'none', '--out', join(tmp, 'x.json')]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--unsafe-no-isolation/);
  });

  it('the default run records a measured, confined filesystem and no unconfined warning', async () => {
    const out = join(tmp, 'auto.json');
    const r = await runCli(['audit', 'demo', '--checks', 'execution', '--out', out, '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const report = read(out);
    const isolation = report.run.checks?.execution?.isolation;
    assert.equal(isolation?.probed, true, JSON.stringify(isolation));
    assert.equal(isolation?.filesystem, 'confined', JSON.stringify(isolation));
    assert.equal(isolation?.probes?.writeOutside, false);
    assert.ok(!environmentWarnings(report).some((w) => w.code === 'sandbox-not-confined'));
    assert.doesNotMatch(r.stderr, /UNCONFINED/);
  });

  it('an unconfined audit warns on stderr and in the report\'s run block, and rescore --samples then refuses (exit 2)', async () => {
    const out = join(tmp, 'none.json');
    const r = await runCli(['audit', 'demo', '--checks', 'execution,mutation', '--isolation', 'none', '--unsafe-no-isolation', '--out', out, '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /!!! WARNING: UNCONFINED/);
    const report = read(out);
    // The machine's isolation is environment, not a finding about the benchmark: it lives in the run block.
    assert.ok(environmentWarnings(report).some((w) => w.code === 'sandbox-not-confined'), JSON.stringify(report.run.checks?.execution));
    assert.equal(report.run.checks?.execution?.isolation?.filesystem, 'host');
    assert.equal(report.run.checks?.execution?.isolation?.probes?.writeOutside, true);
    const samples = join(tmp, 'samples.jsonl');
    writeFileSync(samples, JSON.stringify({ task_id: 'Demo/0', completion: '    return 0\n' }) + '\n');
    const rescore = await runCli(['rescore', '--audit', out, '--samples', samples, '--json']);
    assert.equal(rescore.code, 2, rescore.stderr);
    assert.match(rescore.stderr, /refusing to run samples/);
    assert.equal(rescore.stdout, '');
  });

  it('leaves no scratch directory after a normal end, an error exit or SIGINT', async () => {
    for (const how of ['normal', 'error', 'SIGINT'] as const) {
      const dir = mkdtempSync(join(tmp, `tmpdir-${how}-`));
      const args = ['audit', 'demo', '--checks', 'execution,mutation', '--fail-on', 'none', '--out', join(dir, 'out.json')];
      // error: the report cannot be written, after the sandbox ran. Output paths are checked before
      // any work, so the report's directory (created then) is replaced by a file while the audit runs.
      if (how === 'error') args.splice(args.indexOf('--out') + 1, 1, join(dir, 'blocker', 'out.json'));
      const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', HOME: tmp, TMPDIR: dir }, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      let sawScratch = false;
      const poll = setInterval(() => {
        if (scratchDirs(dir).length === 0) return;
        if (!sawScratch && how === 'error') {
          rmSync(join(dir, 'blocker'), { recursive: true, force: true });
          writeFileSync(join(dir, 'blocker'), '');
        }
        sawScratch = true;
        if (how === 'SIGINT') child.kill('SIGINT');
      }, 20);
      const code = await new Promise<number | null>((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal === 'SIGINT' ? 130 : -1))));
      clearInterval(poll);
      assert.ok(sawScratch, `${how}: no worker scratch directory was seen while running (${stderr.slice(-300)})`);
      if (how === 'normal') assert.equal(code, 0, stderr);
      else assert.notEqual(code, 0, `${how}: ${stderr.slice(-300)}`);
      assert.deepEqual(scratchDirs(dir), [], `${how}: scratch directories left behind`);
      assert.deepEqual(await processesLeft(dir, WORKER_EXIT_WAIT_MS), [], `${how}: a worker outlived the CLI`);
    }
  });
});
