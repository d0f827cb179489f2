import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cliPath } from '../helpers/paths.js';
import { DEMO_AUDIT_GUARD_MS, runCli, type CliResult } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-audit-outputs-'));

describe('audit outputs are checked before the work starts', () => {
  it('--out into a missing directory creates it, as --markdown and --html do', async () => {
    const out = join(tmp, 'new', 'deeper', 'demo.json');
    const r = await runCli(['audit', 'demo', '--checks', 'static', '--out', out, '--markdown', '--html', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(join(tmp, 'new', 'deeper')).sort(), ['demo.html', 'demo.json', 'demo.md']);
  });

  it('an unwritable --markdown or --html path fails at once (no audit run, no report written)', async () => {
    const file = join(tmp, 'plain-file');
    writeFileSync(file, '');
    const out = join(tmp, 'never.json');
    for (const flag of ['--markdown', '--html']) {
      const ext = flag === '--markdown' ? 'md' : 'html';
      const r = await runCli(['audit', 'demo', '--out', out, flag, join(file, `x.${ext}`)]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`${flag} .*plain-file/x\\.${ext}: cannot create the directory`));
      assert.match(r.stderr, /hint: /);
      assert.doesNotMatch(r.stderr, /mutation|execution/, 'no check ran');
      assert.equal(existsSync(out), false);
    }
  });

  it('--out naming a directory is refused', async () => {
    const dir = join(tmp, 'a-dir');
    mkdirSync(dir);
    const r = await runCli(['audit', 'demo', '--checks', 'static', '--out', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--out .*a-dir: is a directory/);
  });

  it('--markdown BENCHMARK does not swallow the benchmark id', async () => {
    const cwd = join(tmp, 'swallow');
    mkdirSync(cwd);
    const r = await runCli(['audit', '--markdown', 'demo', '--checks', 'static', '--fail-on', 'none'], { cwd });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(cwd).sort(), ['demo.audit.json', 'demo.audit.md']);
  });

  it('warnings go to stderr with their task id; the wrote lines come last', async () => {
    const out = join(tmp, 'warn.json');
    const r = await runCli(['audit', 'demo', '--checks', 'static,mutation', '--max-mutants-per-task', '2', '--out', out, '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /warning:/);
    assert.match(r.stderr, /warning: Demo\/3: the reference solution does not pass its own tests/);
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.at(-1), `wrote ${out}`);
  });
});

describe('flags with units', () => {
  const cases: [string[], RegExp][] = [
    [['--timeout', '1'], /--timeout needs a duration with a unit, got "1"[\s\S]*hint: write 1ms or 1s/],
    [['--timeout', '5ms'], /--timeout 5ms is below 100ms/],
    [['--timeout', 'abc'], /--timeout needs a duration with a unit, got "abc"/],
    [['--memory', '1'], /--memory needs a size with a unit, got "1"[\s\S]*hint: write 1MB or 1GB/],
    [['--memory', '1MB'], /--memory 1MB is below 64MB/],
    [['--workers', 'abc'], /--workers must be a whole number of at least 1, got "abc"/],
    [['--repeats', '0'], /--repeats must be a whole number of at least 1, got "0"/],
    [['--seed', 'x'], /--seed must be a whole number, got "x"/],
  ];
  for (const [flags, message] of cases) {
    it(`${flags.join(' ')} exits 2 with a message naming the value`, async () => {
      const r = await runCli(['audit', 'demo', '--checks', 'static', '--out', join(tmp, 'units.json'), ...flags]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stderr, /NaN/);
    });
  }

  it('--timeout 3s and --memory 1GB are recorded in milliseconds and megabytes', async () => {
    const r = await runCli(['audit', 'demo', '--checks', 'execution', '--timeout', '3s', '--memory', '1GB', '--repeats', '1', '--json', '--fail-on', 'none']);
    assert.equal(r.code, 0, r.stderr);
    const config = (JSON.parse(r.stdout) as { config: { execution: { timeLimitMs: number; memoryLimitMb: number } } }).config.execution;
    assert.equal(config.timeLimitMs, 3000);
    assert.equal(config.memoryLimitMb, 1024);
  });
});

/** Start the CLI, send SIGINT once `ready` matches stderr, collect the result. */
function interruptWhen(args: string[], ready: RegExp, cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && ready.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), DEMO_AUDIT_GUARD_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

describe('Ctrl-C during an audit', () => {
  it('exits 130, writes no report, says what was checkpointed and the --resume command, which then finishes', async () => {
    const cwd = join(tmp, 'sigint');
    mkdirSync(cwd);
    const args = ['audit', 'demo', '--checks', 'mutation', '--out', 'demo.json', '--workers', '1', '--fail-on', 'none'];
    // The plain (non-TTY) progress line appears once the mutation phase has run for a while.
    const r = await interruptWhen(args, /mutation: \d+\/12/, cwd);
    assert.equal(r.code, 130, r.stderr);
    assert.equal(existsSync(join(cwd, 'demo.json')), false);
    const saved = readdirSync(join(cwd, '.bench-audit', 'checkpoints', 'demo')).length;
    assert.ok(saved > 0 && saved < 12, `${saved} checkpoints`);
    assert.match(r.stderr, new RegExp(`holds ${saved} per-task results?`));
    const resume = /resume with: bench-audit (.*)\n/.exec(r.stderr)?.[1];
    assert.equal(resume, [...args, '--resume'].join(' '));
    const again = await runCli(resume!.split(' '), { cwd, timeoutMs: DEMO_AUDIT_GUARD_MS });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(readFileSync(join(cwd, 'demo.json'), 'utf8')).summary.tasks, 12);
  });
});
