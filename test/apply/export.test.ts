import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { addedAsserts, DEFAULT_MAX_ADDED, exportBenchmark, killingAsserts } from '../../src/apply/export.js';
import type { AuditReport } from '../../src/model/types.generated.js';
import { DEFAULT_JS_LIMITS, scriptRunner } from '../../src/sandbox/js/runtime.js';
import { createRuntime } from '../../src/sandbox/runtimes.js';
import { fixtureFile } from '../helpers/data.js';

type Record = Parameters<typeof killingAsserts>[0];
const task = (survivors: unknown[]): Record => ({ checks: { mutation: { survivors } } }) as unknown as Record;

describe('killingAsserts', () => {
  it('takes only confirmed witnesses: killable, with checks recorded and none failed', () => {
    const ok = { passed: ['contract', 'sibling-agrees'], failed: [] };
    const out = killingAsserts(
      task([
        { verdict: 'killable', evidence: { assert: 'assert f(1) == 1', checks: ok } },
        { verdict: 'killable', evidence: { assert: 'assert f(1) == 1', checks: ok } },
        { verdict: 'killable', evidence: { assert: 'assert f(2) == 2' } },
        { verdict: 'killable', evidence: { assert: 'assert f(3) == 3', checks: { passed: [], failed: ['sibling-disagrees'] } } },
        { verdict: 'unconfirmed', evidence: { checks: { passed: [], failed: ['non-empty:0'] } } },
        { verdict: 'possibly-equivalent' },
      ]),
    );
    assert.deepEqual(out, ['assert f(1) == 1']);
  });
});

describe('addedAsserts', () => {
  const checks = { passed: ['contract', 'sibling-agrees', 'domain'], failed: [] };
  const input = (n: number) => ({ input: `f(${n})`, inputSource: 'plus', expected: `${n}`, assert: `assert f(${n}) == ${n}`, kills: [`m${n}`], reason: 'kills', checks });
  const withSuite = (n: number) => ({ checks: { mutation: { survivors: [{ id: 's', verdict: 'killable', evidence: { assert: 'assert f(0) == 9', checks } }], strengthened: { inputs: Array.from({ length: n }, (_, i) => input(i)) } } } }) as unknown as Record;

  it('takes the first max-added inputs of the suite, in its greedy order, with their kills and checks', () => {
    const out = addedAsserts(withSuite(20), 3);
    assert.deepEqual(out.map((a) => a.assert), ['assert f(0) == 0', 'assert f(1) == 1', 'assert f(2) == 2']);
    assert.deepEqual(out[1].kills, ['m1']);
    assert.deepEqual(out[1].checks, checks);
    assert.equal(addedAsserts(withSuite(20)).length, DEFAULT_MAX_ADDED);
    assert.equal(addedAsserts(withSuite(20), 0).length, 0);
  });

  it('falls back to the confirmed killing asserts for a report without a suite', () => {
    const out = addedAsserts(task([{ id: 'm1', verdict: 'killable', evidence: { assert: 'assert f(1) == 1', input: 'f(1)', checks } }]));
    assert.deepEqual(out, [{ assert: 'assert f(1) == 1', input: 'f(1)', inputSource: 'survivor-witness', kills: ['m1'], reason: 'kills', checks }]);
  });
});

describe('export --strengthen on HumanEval-X JavaScript', () => {
  const jsRuntime = createRuntime({ language: 'javascript', workers: 1 });
  after(() => jsRuntime.close());

  it('appends the asserts in a test function of the release\'s shape, which the official harness judges like the original ones', async () => {
    const records = gunzipSync(readFileSync(fixtureFile('humaneval-x/humaneval_js.jsonl.gz'))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { [k: string]: string });
    const record = records.find((r) => r.task_id === 'JavaScript/0')!;
    const added = 'console.assert(hasCloseElements([1.0, 2.0], 1.0) === false)';
    const checks = { passed: ['contract', 'evalplus-input', 'sibling-agrees'], failed: [] };
    const strengthened = { inputs: [{ input: 'hasCloseElements([1.0, 2.0], 1.0)', inputSource: 'plus', expected: 'false', assert: added, kills: ['m1'], reason: 'kills', checks }] };
    const report = {
      benchmark: { id: 'humaneval-x-js', adapter: 'humaneval-x-js', source: {}, files: [] },
      tasks: [{ id: 'JavaScript/0', source: { file: 'js.jsonl', row: 1 }, findings: [], checks: { mutation: { strengthened } } }],
    } as unknown as AuditReport;
    const { records: out, manifest } = exportBenchmark(report, [{ file: 'js.jsonl', row: 1, value: record }], { exclude: [], strengthen: true });
    assert.deepEqual(manifest.changed.map((c) => c.asserts), [[added]]);
    const test = (out[0] as { test: string }).test;
    assert.ok(test.startsWith(record.test.trimEnd()), 'the original tests are kept as they are');
    assert.ok(test.endsWith(`const testBenchAuditAdded = () => {\n  ${added}\n}\n\ntestBenchAuditAdded()\n`), test);
    // The harness's program: prompt, solution, test script; judged by what it writes (src/sandbox/js/types.ts).
    const runner = scriptRunner(jsRuntime);
    const judge = async (solution: string, script: string) =>
      (await runner.run({ source: `${record.prompt}${solution}\n${script}`, filename: 'test.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official' })).official;
    const ties = record.canonical_solution.replace('distance < threshold', 'distance <= threshold');
    assert.notEqual(ties, record.canonical_solution);
    assert.equal(await judge(record.canonical_solution, test), 'passed');
    assert.equal(await judge(ties, record.test), 'passed', 'the release\'s tests pass the wrong solution');
    assert.equal(await judge(ties, test), 'failed', 'the added assert rejects it');
  });
});
