import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { loadDataFile } from '../../src/datasets/load.js';
import { assembleTestProgram } from '../../src/model/task.js';
import { fixtureFile, fixtureHub, needData, needHub } from '../helpers/data.js';

describe('adapters on records of the real benchmark files (test/fixtures)', () => {
  it('HumanEval: entry points, check-function tests, solution = prompt + completion', async () => {
    const tasks = await loadDataFile(fixtureFile('humaneval/HumanEval.jsonl.gz'));
    assert.equal(tasks.length, 8);
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

  it('MBPP full: setup code and challenge tests mapped, entry point derived from the asserts', async () => {
    const tasks = await loadDataFile(fixtureFile('mbpp/mbpp.jsonl'));
    assert.equal(tasks.length, 13);
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

  it('MBPP sanitized: test imports', async () => {
    const tasks = await loadDataFile(fixtureFile('mbpp/sanitized-mbpp.json'));
    assert.equal(tasks.length, 9);
    assert.ok(tasks.some((t) => t.imports.length > 0));
    assert.equal(tasks.find((t) => t.id === '3')?.entryPoint, 'is_not_prime');
  });

  it('HumanEval+ and MBPP+: structured inputs, atol and contract', async () => {
    const he = await loadDataFile(fixtureFile('evalplus/HumanEvalPlus.jsonl.gz'));
    assert.equal(he.length, 8);
    assert.ok(he.every((t) => t.inputs && t.inputs.base.length > 0 && t.inputs.plus.length > 0));
    assert.equal(he[0].solution, he[0].prompt + he[0].canonicalSolution);
    const mp = await loadDataFile(fixtureFile('evalplus/MbppPlus.jsonl.gz'));
    assert.equal(mp.length, 9);
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
    const parquet = await loadDataFile(join(fixtureHub, 'datasets', 'openai', 'openai_humaneval', 'openai_humaneval', 'test-00000-of-00001.parquet'));
    const jsonl = await loadDataFile(fixtureFile('humaneval/HumanEval.jsonl.gz'));
    assert.equal(parquet.length, 8);
    const strip = (t: (typeof jsonl)[number]) => ({ ...t, source: undefined });
    assert.deepEqual(parquet.map(strip), jsonl.map(strip));
    const mbppParquet = await loadDataFile(join(fixtureHub, 'datasets', 'google-research-datasets', 'mbpp', 'full', 'test-00000-of-00001.parquet'));
    const mbppJsonl = await loadDataFile(fixtureFile('mbpp/mbpp.jsonl'));
    assert.deepEqual(mbppParquet.map((t) => t.id), ['11', '16', '82', '367', '404']);
    assert.deepEqual(mbppParquet.map(strip), mbppJsonl.filter((t) => mbppParquet.some((p) => p.id === t.id)).map(strip));
  });
});

describe('adapters on the whole real releases', () => {
  it('task counts: HumanEval 164, MBPP 974, sanitized 427, HumanEval+ 164, MBPP+ 378; every MBPP task defines its entry point', async (t) => {
    const files = needData(t, 'humaneval/HumanEval.jsonl.gz', 'mbpp/mbpp.jsonl', 'mbpp/sanitized-mbpp.json', 'evalplus/HumanEvalPlus.jsonl.gz', 'evalplus/MbppPlus.jsonl.gz');
    if (!files) return;
    const counts = [];
    for (const f of files) counts.push((await loadDataFile(f)).length);
    assert.deepEqual(counts, [164, 974, 427, 164, 378]);
    const mbpp = await loadDataFile(files[1] as string);
    for (const task of mbpp) assert.match(task.solution, new RegExp(`def\\s+${task.entryPoint}\\s*\\(`), `task ${task.id} defines its entry point`);
    const plus = await loadDataFile(files[4] as string);
    assert.ok(plus.every((task) => task.inputs !== undefined));
  });

  it('the hub Parquet copy of HumanEval gives the same 164 tasks as the JSONL release', async (t) => {
    const [jsonlFile] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
    const hub = jsonlFile === undefined ? undefined : needHub(t);
    if (jsonlFile === undefined || hub === undefined) return;
    const parquet = await loadDataFile(join(hub, 'datasets', 'openai', 'openai_humaneval', 'openai_humaneval', 'test-00000-of-00001.parquet'));
    const jsonl = await loadDataFile(jsonlFile);
    assert.equal(parquet.length, 164);
    const strip = (task: (typeof jsonl)[number]) => ({ ...task, source: undefined });
    assert.deepEqual(parquet.map(strip), jsonl.map(strip));
  });
});
