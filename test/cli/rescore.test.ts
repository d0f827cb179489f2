import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bench-audit-rescore-'));

/** A mutation audit of the demo builds strengthened suites too: minutes, not seconds, on a loaded 2-core machine. */
const MUTATION_AUDIT_MS = 600_000;

describe('bench-audit rescore', () => {
  it('gives hand-computed pass@1 overall, on clean tasks and per flagged subset', async () => {
    // Static + contamination with the demo corpus flags Demo/11 (a duplicate of Demo/1, reported once on the later
    // task: the "duplicates" subset) and Demo/10 (found in the corpus: "contaminated"); the rest are clean.
    const audit = join(tmp, 'demo.json');
    const a = await runCli(['audit', 'demo', '--checks', 'static,contamination', '--corpus', 'datasets/demo/corpus', '--out', audit, '--fail-on', 'none']);
    assert.equal(a.code, 0, a.stderr);
    const rows = [
      ['Demo/0', true], ['Demo/0', false], // 0.5
      ['Demo/1', true], ['Demo/1', true], // 1
      ['Demo/10', true], // 1
      ['Demo/11', false], // 0
      ['Demo/2', false], ['Demo/2', false], // 0
      ['Demo/99', true], // not in the audit
    ] as const;
    const results = join(tmp, 'samples.jsonl_results.jsonl');
    writeFileSync(results, rows.map(([task_id, passed]) => JSON.stringify({ task_id, completion: '', result: passed ? 'passed' : 'failed', passed })).join('\n') + '\n');
    const r = await runCli(['rescore', '--audit', audit, '--results', results, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { subsets: { subset: string; tasks: number; samples: number; passAt1: number | null }[]; unmatchedResults: string[]; tasksWithoutResults: number };
    const by = Object.fromEntries(out.subsets.map((s) => [s.subset, [s.tasks, s.samples, s.passAt1]]));
    assert.deepEqual(by.all, [5, 8, 0.5]); // (0.5 + 1 + 1 + 0 + 0) / 5
    assert.deepEqual(by.clean, [3, 6, 0.5]); // Demo/0 (0.5), Demo/1 (1), Demo/2 (0)
    assert.deepEqual(by.contaminated, [1, 1, 1]); // Demo/10
    assert.deepEqual(by.duplicates, [1, 1, 0]); // Demo/11
    assert.deepEqual(by.broken, [0, 0, null]);
    assert.deepEqual(out.unmatchedResults, ['Demo/99']);
    assert.equal(out.tasksWithoutResults, 7);
  });

  it('reads EvalPlus eval_results.json with base and plus pass@1', async () => {
    const audit = join(tmp, 'demo2.json');
    assert.equal((await runCli(['audit', 'demo', '--checks', 'static,contamination', '--corpus', 'datasets/demo/corpus', '--out', audit, '--fail-on', 'none'])).code, 0);
    const results = join(tmp, 'eval_results.json');
    writeFileSync(
      results,
      JSON.stringify({
        date: '2026-01-01',
        eval: {
          'Demo/0': [{ task_id: 'Demo/0', base_status: 'pass', plus_status: 'fail' }, { task_id: 'Demo/0', base_status: 'pass', plus_status: 'pass' }],
          'Demo/1': [{ task_id: 'Demo/1', base_status: 'fail', plus_status: 'fail' }],
        },
      }),
    );
    const r = await runCli(['rescore', '--audit', audit, '--results', results, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { subsets: { subset: string; passAt1: number | null; plusPassAt1?: number | null }[] };
    const by = Object.fromEntries(out.subsets.map((s) => [s.subset, [s.passAt1, s.plusPassAt1]]));
    assert.deepEqual(by.all, [0.5, 0.25]); // base (1 + 0) / 2, plus (0.5 + 0) / 2
    assert.deepEqual(by.clean, [0.5, 0.25]); // Demo/0 and Demo/1
    assert.deepEqual(by.duplicates, [null, null]); // Demo/11 has no result
    assert.deepEqual(by.contaminated, [null, null]); // Demo/10 has no result
    const table = await runCli(['rescore', '--audit', audit, '--results', results]);
    // Two clean tasks (1 and 0 on base, 0.5 and 0 on plus): the bootstrap interval spans every resampled mean.
    assert.match(table.stdout, /clean +│ 2 +│ 3 +│ 50\.0% \[0\.0, 100\.0\] +│ 25\.0% \[0\.0, 50\.0\]/);
    assert.match(table.stdout, /95% bootstrap intervals over tasks \(seed 0\)/);
  });

  it('--samples re-runs samples in the sandbox and counts false passes against the strengthened tests', async () => {
    const audit = join(tmp, 'mut.json');
    assert.equal((await runCli(['audit', 'demo', '--checks', 'mutation', '--out', audit, '--fail-on', 'none'], { timeoutMs: MUTATION_AUDIT_MS })).code, 0);
    const demo = (await import('node:fs')).readFileSync(join(process.cwd(), 'datasets', 'demo', 'tasks.jsonl'), 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { task_id: string; canonical_solution: string });
    const reference5 = demo.find((t) => t.task_id === 'Demo/5')!.canonical_solution;
    const samples = join(tmp, 'samples.jsonl');
    writeFileSync(
      samples,
      [
        { task_id: 'Demo/5', completion: '    return False\n' }, // passes Demo/5's weak tests, fails the killing assert
        { task_id: 'Demo/5', completion: reference5 }, // the reference: passes both
        { task_id: 'Demo/0', completion: '    return 0\n' }, // fails the tests outright
      ].map((x) => JSON.stringify(x)).join('\n') + '\n',
    );
    const r = await runCli(['rescore', '--audit', audit, '--samples', samples, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      falsePasses: { samples: number; passedOriginal: number; passedStrengthened: number; falsePasses: number; tasks: unknown[] };
      sampleScores: { subsets: { subset: string; scores: { suite: string; k: number; estimate: { value: number } | null }[] }[] };
    };
    // pass@1 over the two tasks with samples: Demo/5 2 of 2 (original) and 1 of 2 (strengthened), Demo/0 0 of 1.
    const all = out.sampleScores.subsets.find((s) => s.subset === 'all')!;
    assert.deepEqual(all.scores.map((s) => [s.suite, s.k, s.estimate?.value]), [['original', 1, 0.5], ['strengthened', 1, 0.25]]);
    assert.deepEqual(
      { ...out.falsePasses, samplesWithStrongerTests: undefined, unmatchedSamples: undefined },
      { samples: 3, passedOriginal: 2, passedStrengthened: 1, falsePasses: 1, tasks: [{ taskId: 'Demo/5', falsePasses: 1, passedOriginal: 2 }], samplesWithStrongerTests: undefined, unmatchedSamples: undefined },
    );

    // --out: one verdict per sample, in file order, with the assert that decided it.
    const out2 = join(tmp, 'verdicts.jsonl');
    const v = await runCli(['rescore', '--audit', audit, '--samples', samples, '--out', out2]);
    assert.equal(v.code, 0, v.stderr);
    const lines = readFileSync(out2, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { task: string; sample: number; row: number; verdict: string; failing?: string });
    assert.deepEqual(lines.map((l) => [l.task, l.sample, l.row, l.verdict]), [['Demo/5', 0, 1, 'false-pass'], ['Demo/5', 1, 2, 'passed'], ['Demo/0', 0, 3, 'failed']]);
    const added = (JSON.parse(readFileSync(audit, 'utf8')) as { tasks: { id: string; checks: { mutation?: { strengthened?: { inputs: { assert: string }[] } } } }[] }).tasks
      .find((t) => t.id === 'Demo/5')!.checks.mutation!.strengthened!.inputs.map((i) => i.assert);
    assert.ok(added.includes(lines[0].failing!), `the false pass names an assert of the strengthened suite: ${JSON.stringify(lines[0])}`);
    assert.equal(lines[1].failing, undefined);
    assert.match(lines[2].failing ?? '', /assert/);
    assert.equal((await runCli(['rescore', '--audit', audit, '--results', samples, '--out', out2])).code, 2, '--out without --samples is a usage error');
  });

  it('a results line without "passed" exits 2 naming file, row and field', async () => {
    const audit = join(tmp, 'demo3.json');
    assert.equal((await runCli(['audit', 'demo', '--checks', 'static', '--out', audit])).code, 0);
    const results = join(tmp, 'bad.jsonl');
    writeFileSync(results, '{"task_id": "Demo/0", "passed": true}\n{"task_id": "Demo/1"}\n');
    const r = await runCli(['rescore', '--audit', audit, '--results', results]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /bad\.jsonl, row 2, field "passed": expected "passed"/);
  });
});
