import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-audit-compare-'));

function resultsFile(name: string, passed: (task: number) => boolean): string {
  const path = join(tmp, name);
  const rows = Array.from({ length: 12 }, (_, i) => JSON.stringify({ task_id: `Demo/${i}`, completion: '', passed: passed(i) }));
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

describe('bench-audit compare', () => {
  it('prints the paired difference with its interval, p-value and a plain conclusion; JSON and Markdown agree', async () => {
    const audit = join(tmp, 'demo.json');
    assert.equal((await runCli(['audit', 'demo', '--checks', 'static', '--out', audit, '--fail-on', 'none'])).code, 0);
    const a = resultsFile('a_results.jsonl', (i) => i < 7);
    const b = resultsFile('b_results.jsonl', (i) => i < 6);
    const md = join(tmp, 'out', 'cmp.md');
    const r = await runCli(['compare', '--audit', audit, '--results', a, b, '--names', 'alpha', 'beta', '--markdown', md]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /alpha vs beta/);
    assert.match(r.stdout, /pass@1 on all tasks, the benchmark's tests: alpha − beta = \+8\.3 points .* not significant at 0\.05/);
    assert.match(r.stderr, /wrote .*cmp\.md/);
    assert.match(readFileSync(md, 'utf8'), /^# alpha vs beta on `demo`/);
    const j = await runCli(['compare', '--audit', audit, '--results', a, b, '--json']);
    assert.equal(j.code, 0, j.stderr);
    const doc = JSON.parse(j.stdout) as { models: string[]; rows: { subset: string; suite: string; k: number; comparison: { tasks: number; difference: { value: number } } }[] };
    assert.deepEqual(doc.models, ['a_results.jsonl', 'b_results.jsonl']);
    const all = doc.rows.find((x) => x.subset === 'all' && x.suite === 'original' && x.k === 1)!;
    assert.equal(all.comparison.tasks, 12);
    assert.equal(all.comparison.difference.value, 0.083333);
  });

  it('exits 2 on one file, on both --results and --samples, and on files with no task in common', async () => {
    const audit = join(tmp, 'demo2.json');
    assert.equal((await runCli(['audit', 'demo', '--checks', 'static', '--out', audit, '--fail-on', 'none'])).code, 0);
    const a = resultsFile('one_results.jsonl', () => true);
    const one = await runCli(['compare', '--audit', audit, '--results', a]);
    assert.equal(one.code, 2);
    assert.match(one.stderr, /expected two files, one per model, got 1/);
    const both = await runCli(['compare', '--audit', audit, '--results', a, a, '--samples', a, a]);
    assert.equal(both.code, 2);
    const other = join(tmp, 'other.jsonl');
    writeFileSync(other, JSON.stringify({ task_id: 'Other/1', passed: true }) + '\n');
    const none = await runCli(['compare', '--audit', audit, '--results', other, other, '--names', 'x', 'y']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no task in common/);
  });
});
