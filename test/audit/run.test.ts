import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runAudit } from '../../src/audit/run.js';
import type { LoadedBenchmark } from '../../src/datasets/benchmark.js';
import type { Task } from '../../src/model/task.js';

const task: Task = {
  benchmark: 'toy',
  id: 'toy/1',
  entryPoint: 'add',
  prompt: 'def add(a, b):\n',
  canonicalSolution: '    return a + b\n',
  solution: 'def add(a, b):\n    return a + b\n',
  setupCode: '',
  imports: [],
  tests: { kind: 'assert-list', asserts: ['assert add(1, 2) == 3'], challengeAsserts: [] },
  siblings: [],
  source: { file: 'toy.jsonl', row: 1 },
};

function loaded(expectedTaskCount?: number): LoadedBenchmark {
  return {
    info: { id: 'toy', title: 'toy', adapter: 'mbpp', source: { type: 'local' }, files: [], ...(expectedTaskCount !== undefined ? { expectedTaskCount } : {}) },
    tasks: [task],
    warnings: [],
  };
}

describe('runAudit', () => {
  it('reports data whose task count differs from the manifest as a benchmark-level finding', async () => {
    const config = { checks: [], seed: 0, static: { fewTestsThreshold: 2 } };
    const report = await runAudit(loaded(2), { config, checks: [] });
    assert.deepEqual(report.findings.map((f) => [f.kind, f.check, f.severity, f.evidence]), [['task-count-mismatch', 'static', 'error', { expected: 2, actual: 1 }]]);
    assert.equal(report.summary.findingsByKind['task-count-mismatch'], 1);
    assert.deepEqual((await runAudit(loaded(1), { config, checks: [] })).findings, []);
    assert.deepEqual((await runAudit(loaded(), { config, checks: [] })).findings, []);
  });
});
