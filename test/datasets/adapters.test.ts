import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { loadDataFile } from '../../src/datasets/load.js';
import { assembleTestProgram } from '../../src/model/task.js';
import { sharedData, sharedHub } from '../helpers/paths.js';

describe('adapters on the real benchmark files', () => {
  it('HumanEval: 164 tasks, entry points, check-function tests, solution = prompt + completion', async () => {
    const tasks = await loadDataFile(join(sharedData, 'humaneval', 'HumanEval.jsonl.gz'));
    assert.equal(tasks.length, 164);
    assert.deepEqual(tasks.slice(0, 3).map((t) => t.id), ['HumanEval/0', 'HumanEval/1', 'HumanEval/2']);
    const t0 = tasks[0];
    assert.equal(t0.entryPoint, 'has_close_elements');
    assert.equal(t0.solution, t0.prompt + t0.canonicalSolution);
    assert.equal(t0.tests.kind, 'check-function');
    assert.ok(t0.tests.kind === 'check-function' && t0.tests.code.includes('def check(candidate)'));
    assert.equal(t0.source.row, 1);
    const program = assembleTestProgram(t0, t0.solution);
    assert.ok(program.trimEnd().endsWith('check(has_close_elements)'));
  });

  it('MBPP full: 974 tasks, setup code and challenge tests mapped, entry point derived from the asserts', async () => {
    const tasks = await loadDataFile(join(sharedData, 'mbpp', 'mbpp.jsonl'));
    assert.equal(tasks.length, 974);
    assert.equal(tasks[0].id, '1');
    const t2 = tasks.find((t) => t.id === '2');
    assert.ok(t2);
    assert.equal(t2.entryPoint, 'similar_elements');
    assert.equal(t2.tests.kind, 'assert-list');
    assert.equal(t2.tests.kind === 'assert-list' && t2.tests.asserts.length, 3);
    const withSetup = tasks.filter((t) => t.setupCode.trim() !== '');
    assert.ok(withSetup.length > 0, 'some MBPP tasks have test_setup_code');
    const withChallenge = tasks.filter((t) => t.tests.kind === 'assert-list' && t.tests.challengeAsserts.length > 0);
    assert.ok(withChallenge.length > 0, 'some MBPP tasks have challenge tests');
    for (const t of tasks) assert.match(t.solution, new RegExp(`def\\s+${t.entryPoint}\\s*\\(`), `task ${t.id} defines its entry point`);
  });

  it('MBPP sanitized: 427 tasks with test imports', async () => {
    const tasks = await loadDataFile(join(sharedData, 'mbpp', 'sanitized-mbpp.json'));
    assert.equal(tasks.length, 427);
    assert.ok(tasks.some((t) => t.imports.length > 0));
    assert.equal(tasks.find((t) => t.id === '3')?.entryPoint, 'is_not_prime');
  });

  it('HumanEval+ and MBPP+: 164 and 378 tasks with structured inputs, atol and contract', async () => {
    const he = await loadDataFile(join(sharedData, 'evalplus', 'HumanEvalPlus.jsonl.gz'));
    assert.equal(he.length, 164);
    assert.ok(he.every((t) => t.inputs && t.inputs.base.length > 0 && t.inputs.plus.length > 0));
    assert.equal(he[0].solution, he[0].prompt + he[0].canonicalSolution);
    const mp = await loadDataFile(join(sharedData, 'evalplus', 'MbppPlus.jsonl.gz'));
    assert.equal(mp.length, 378);
    const t3 = mp.find((t) => t.id === 'Mbpp/3');
    assert.ok(t3?.inputs);
    assert.equal(t3.solution, t3.canonicalSolution, 'MBPP+ solutions are standalone');
    assert.equal(t3.tests.kind, 'assert-list');
    assert.ok(t3.inputs.contract.includes('$_CONTRACT_$'));
    // Python-json special floats survive as numbers instead of failing the parse or turning into null.
    const specials = mp.flatMap((t) => [...(t.inputs?.base ?? []), ...(t.inputs?.plus ?? [])]).flat(3).filter((v) => typeof v === 'number' && !Number.isFinite(v));
    assert.ok(specials.length > 0, 'MBPP+ carries NaN/Infinity inputs');
    // Mbpp/793 stores plus_input as {}: zero inputs, as EvalPlus iterates it.
    assert.deepEqual(mp.find((t) => t.id === 'Mbpp/793')?.inputs?.plus, []);
  });

  it('hub Parquet files give the same tasks as the JSONL files', async () => {
    const parquet = await loadDataFile(join(sharedHub, 'datasets', 'openai', 'openai_humaneval', 'openai_humaneval', 'test-00000-of-00001.parquet'));
    const jsonl = await loadDataFile(join(sharedData, 'humaneval', 'HumanEval.jsonl.gz'));
    assert.equal(parquet.length, 164);
    const strip = (t: (typeof jsonl)[number]) => ({ ...t, source: undefined });
    assert.deepEqual(parquet.map(strip), jsonl.map(strip));
  });
});
