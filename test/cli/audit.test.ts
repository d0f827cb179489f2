import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { validateReport } from '../../src/report/validate.js';
import type { AuditReport } from '../../src/model/types.generated.js';
import { runCli, withoutRun } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-audit-cli-'));

describe('bench-audit audit (built CLI)', () => {
  it('audit demo --json prints exactly one valid JSON document and nothing else on stdout', async () => {
    const r = await runCli(['audit', 'demo', '--checks', 'static', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as AuditReport;
    validateReport(report);
    assert.equal(report.benchmark.id, 'demo');
    assert.equal(report.summary.tasks, 12);
    assert.deepEqual(report.config.checks, ['static']);
    // The planted duplicate (Demo/11 repeats Demo/1's solution) is found by the static check.
    const dup = report.tasks.find((t) => t.id === 'Demo/11')?.findings.find((f) => f.kind === 'duplicate-task');
    assert.equal(dup?.evidence.duplicateOf, 'Demo/1');
    assert.deepEqual(report.tasks.map((t) => t.id), Array.from({ length: 12 }, (_, i) => `Demo/${i}`));
  });

  it('the same audit twice gives byte-identical JSON outside the run block', async () => {
    const a = join(tmp, 'a.json');
    const b = join(tmp, 'b.json');
    assert.equal((await runCli(['audit', 'demo', '--checks', 'static', '--out', a])).code, 0);
    assert.equal((await runCli(['audit', 'demo', '--checks', 'static', '--out', b])).code, 0);
    const [ta, tb] = [readFileSync(a, 'utf8'), readFileSync(b, 'utf8')];
    assert.equal(withoutRun(ta), withoutRun(tb));
    assert.notEqual(JSON.parse(ta).run, undefined);
  });

  it('prints the summary table on stdout without colour codes when not a TTY', async () => {
    const out = join(tmp, 'table.json');
    const r = await runCli(['audit', 'demo', '--checks', 'static', '--out', out]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /demo: 12 tasks/);
    assert.match(r.stdout, /duplicate-task/);
    assert.doesNotMatch(r.stdout, /\x1b\[/);
    assert.match(r.stderr, new RegExp(`wrote ${out}`));
  });

  it('several benchmarks: --out-dir gets JSON, Markdown and HTML for each; --json prints one array', async () => {
    const dir = join(tmp, 'many');
    const r = await runCli(['audit', 'demo', '--checks', 'static', '--out-dir', dir, '--markdown', '--html']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['demo.audit.html', 'demo.audit.json', 'demo.audit.md']);
    const both = await runCli(['audit', 'demo', 'demo', '--checks', 'static', '--json']);
    assert.equal(both.code, 0, both.stderr);
    const reports = JSON.parse(both.stdout) as AuditReport[];
    assert.equal(reports.length, 2);
    assert.equal(withoutRun(JSON.stringify(reports[0])), withoutRun(JSON.stringify(reports[1])));
    const clash = await runCli(['audit', 'demo', 'demo', '--out', join(tmp, 'x.json')]);
    assert.equal(clash.code, 2);
    assert.match(clash.stderr, /name an --out-dir/);
  });

  it('--fail-on maps findings to exit code 1', async () => {
    const r = await runCli(['audit', 'demo', '--checks', 'static', '--json', '--fail-on', 'warning']);
    assert.equal(r.code, 1);
    JSON.parse(r.stdout);
    assert.equal((await runCli(['audit', 'demo', '--checks', 'static', '--json', '--fail-on', 'none'])).code, 0);
  });

  it('an unknown benchmark id exits 2 and lists the known ones', async () => {
    const r = await runCli(['audit', 'humaneva', '--out', join(tmp, 'never.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown benchmark "humaneva"/);
    assert.match(r.stderr, /humaneval, humaneval-plus, humaneval-x-js, mbpp/);
    assert.equal(existsSync(join(tmp, 'never.json')), false);
  });

  it('usage errors exit 2: no benchmark, unknown check, unknown option', async () => {
    assert.equal((await runCli(['audit'])).code, 2);
    const r = await runCli(['audit', 'demo', '--checks', 'nope']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown check: nope/);
    assert.equal((await runCli(['audit', 'demo', '--frobnicate'])).code, 2);
  });

  it('an output path that cannot be written exits 2 before any work, names the path, and leaves nothing behind', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, '');
    const target = join(file, 'r.json');
    const r = await runCli(['audit', 'demo', '--checks', 'static', '--out', target]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--out .*a-file\/r\.json: cannot create the directory .*a-file \(ENOTDIR\)/);
    assert.deepEqual(readdirSync(tmp).filter((n) => n.endsWith('.tmp') || n.startsWith('.bench-audit-probe')), []);
  });

  it('--data with a malformed line exits 2 naming file and row; no report is written', async () => {
    const data = join(tmp, 'bad.jsonl');
    writeFileSync(data, '{"task_id": "X/0", "prompt": "", "canonical_solution": "", "test": "", "entry_point": "f"}\nnot json\n');
    const out = join(tmp, 'bad-report.json');
    const r = await runCli(['audit', '--data', data, '--out', out]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`${data}, row 2: malformed JSON line`));
    assert.equal(existsSync(out), false);
    assert.deepEqual(readdirSync(tmp).filter((n) => n.endsWith('.tmp')), []);
  });

  it('--data audits a local file and records its sha256', async () => {
    const data = join(tmp, 'ok.jsonl');
    const row = { task_id: 'X/0', prompt: 'def f(x):\n    """>>> f(1)\n    1\n    """\n', canonical_solution: '    return x\n', test: 'def check(c):\n    assert c(1) == 1\n', entry_point: 'f' };
    writeFileSync(data, JSON.stringify(row) + '\n');
    const r = await runCli(['audit', '--data', data, '--id', 'mine', '--checks', 'static', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as AuditReport;
    assert.equal(report.benchmark.id, 'mine');
    assert.deepEqual(report.benchmark.source, { type: 'local' });
    assert.match(report.benchmark.files[0].sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(report.tasks[0].findings.map((f) => f.kind), ['few-tests']);
  });
});

describe('bench-audit validate', () => {
  it('accepts a report and rejects one that fails the schema, listing the violations', async () => {
    const good = join(tmp, 'good.json');
    assert.equal((await runCli(['audit', 'demo', '--checks', 'static', '--out', good])).code, 0);
    const ok = await runCli(['validate', good]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /valid bench-audit report/);
    const report = JSON.parse(readFileSync(good, 'utf8')) as { tasks: { findings: { severity: string }[] }[]; summary: Record<string, unknown> };
    report.tasks[11].findings[0].severity = 'catastrophic';
    delete report.summary.tasks;
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify(report));
    const r = await runCli(['validate', bad]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/tasks\/11\/findings\/0\/severity: must be equal to one of the allowed values/);
    assert.match(r.stderr, /\/summary: must have required property 'tasks'/);
    const notJson = join(tmp, 'not.json');
    writeFileSync(notJson, '{');
    assert.equal((await runCli(['validate', notJson])).code, 2);
  });
});

describe('bench-audit datasets', () => {
  it('list shows every manifest; --json is machine-readable', async () => {
    const r = await runCli(['datasets', 'list', '--json']);
    assert.equal(r.code, 0);
    const list = JSON.parse(r.stdout) as { id: string; taskCount: number }[];
    assert.deepEqual(
      list.map((m) => [m.id, m.taskCount]),
      [['demo', 12], ['humaneval', 164], ['humaneval-plus', 164], ['humaneval-x-js', 164], ['mbpp', 974], ['mbpp-plus', 378], ['mbpp-sanitized', 427]],
    );
  });

  it('show --task prints the normalized task; an unknown task exits 2', async () => {
    const r = await runCli(['datasets', 'show', 'demo', '--task', 'Demo/4']);
    assert.equal(r.code, 0, r.stderr);
    const task = JSON.parse(r.stdout) as { entryPoint: string; tests: { kind: string } };
    assert.equal(task.entryPoint, 'rotate_left');
    assert.equal(task.tests.kind, 'check-function');
    const bad = await runCli(['datasets', 'show', 'demo', '--task', 'Demo/99']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no task "Demo\/99" in demo/);
  });
});
