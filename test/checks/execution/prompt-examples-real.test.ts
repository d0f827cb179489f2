/** Prompt examples checked against the real HumanEval references: known wrong examples are flagged, definitions are not. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createExecutionCheck } from '../../../src/checks/execution/index.js';
import { DEFAULT_EXECUTION_CONFIG } from '../../../src/model/defaults.generated.js';
import { silentProgress } from '../../../src/model/progress.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import type { Config } from '../../../src/model/types.generated.js';
import { createSandboxPool, type SandboxPool } from '../../../src/sandbox/pool.js';
import { needData } from '../../helpers/data.js';

let pool: SandboxPool;
before(() => {
  pool = createSandboxPool({});
});
after(async () => {
  await pool.close();
});

describe('prompt-example-mismatch on real HumanEval', () => {
  it('flags /47 and /116 (examples contradict the reference), not /130 (a prose recurrence), and reads /81 under its other name', async (t) => {
    const [file] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
    if (!file) return;
    const ids = ['HumanEval/47', 'HumanEval/81', 'HumanEval/116', 'HumanEval/130'];
    const tasks = (await loadDataFile(file, { benchmark: 'humaneval' })).filter((task) => ids.includes(task.id));
    const config: Config = { checks: ['execution'], seed: 0, static: { fewTestsThreshold: 2 }, execution: { ...DEFAULT_EXECUTION_CONFIG, repeats: 1, plusInputs: false } };
    const out = await createExecutionCheck({ pool }).run({ benchmark: 'humaneval', tasks, config, progress: silentProgress });
    const mismatches = (id: string) => out.tasks[tasks.findIndex((task) => task.id === id)].findings.filter((f) => f.kind === 'prompt-example-mismatch');
    assert.deepEqual(
      mismatches('HumanEval/47').map((f) => [f.evidence.call, f.evidence.expected, f.evidence.actual]),
      [['median([-10, 4, 6, 1000, 10, 20])', '15.0', '8.0']],
    );
    const m116 = mismatches('HumanEval/116');
    assert.ok(m116.length >= 2, `HumanEval/116: ${m116.length} mismatches`);
    assert.ok(m116.every((f) => f.evidence.line !== undefined && typeof f.evidence.source === 'string'));
    assert.deepEqual(mismatches('HumanEval/130'), []);
    assert.deepEqual(mismatches('HumanEval/81'), []);
    const s81 = out.tasks[tasks.findIndex((task) => task.id === 'HumanEval/81')].section!;
    assert.deepEqual(s81.promptExamples, { checked: 1, mismatched: 0, notEvaluable: 0 });
  });
});
