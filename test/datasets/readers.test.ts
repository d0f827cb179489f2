import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../src/errors.js';
import { loadDataFile } from '../../src/datasets/load.js';
import { parsePythonJson, stringifyPythonJson } from '../../src/util/python-json.js';
import { sharedHub } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-audit-readers-'));
const heRow = (id: string) => JSON.stringify({ task_id: id, prompt: 'def f(x):\n', canonical_solution: '    return x\n', test: 'def check(c):\n    assert c(1) == 1\n', entry_point: 'f' });

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof InputError, `expected InputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an InputError');
}

describe('data file readers: bad input names file, row and field', () => {
  it('a malformed JSONL line', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, `${heRow('A/0')}\n{"task_id": "A/1", "prompt": \n${heRow('A/2')}\n`);
    const e = await inputError(loadDataFile(file));
    assert.equal(e.location.file, file);
    assert.equal(e.location.row, 2);
    assert.match(e.message, /malformed JSON/);
  });

  it('a row missing a required field', async () => {
    const file = join(dir, 'missing.jsonl');
    const row = JSON.parse(heRow('A/1')) as Record<string, unknown>;
    delete row.entry_point;
    writeFileSync(file, `${heRow('A/0')}\n${JSON.stringify(row)}\n`);
    const e = await inputError(loadDataFile(file, { adapter: 'humaneval' }));
    assert.deepEqual(e.location, { file, row: 2, field: 'entry_point' });
    assert.match(e.message, /expected a string \(it is missing\)/);
  });

  it('a field of the wrong type', async () => {
    const file = join(dir, 'type.json');
    writeFileSync(file, JSON.stringify([{ task_id: 1, text: 't', code: 'def f(): pass', test_list: 'assert f() is None', test_setup_code: '', challenge_test_list: [] }]));
    const e = await inputError(loadDataFile(file, { adapter: 'mbpp' }));
    assert.deepEqual(e.location, { file, row: 1, field: 'test_list' });
  });

  it('a truncated Parquet file', async () => {
    const real = readFileSync(join(sharedHub, 'datasets', 'openai', 'openai_humaneval', 'openai_humaneval', 'test-00000-of-00001.parquet'));
    const file = join(dir, 'truncated.parquet');
    writeFileSync(file, real.subarray(0, Math.floor(real.length / 2)));
    const e = await inputError(loadDataFile(file));
    assert.equal(e.location.file, file);
    assert.match(e.message, /not a readable Parquet file/);
  });

  it('a truncated gzip file', async () => {
    const file = join(dir, 'cut.jsonl.gz');
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(Buffer.from(`${heRow('A/0')}\n${heRow('A/1')}\n`));
    writeFileSync(file, gz.subarray(0, gz.length - 10));
    const e = await inputError(loadDataFile(file));
    assert.match(e.message, /not a complete gzip file/);
  });

  it('records of an unknown shape ask for --adapter', async () => {
    const file = join(dir, 'unknown.jsonl');
    writeFileSync(file, '{"question": "q", "answer": "a"}\n');
    const e = await inputError(loadDataFile(file));
    assert.match(e.hint ?? '', /--adapter/);
    assert.equal(e.location.row, 1);
  });
});

describe('Python-flavoured JSON', () => {
  it('reads NaN / Infinity / -Infinity outside strings only, and writes them back', () => {
    const value = parsePythonJson('[NaN, Infinity, -Infinity, "NaN", 1.5, {"Infinity": -Infinity}]') as unknown[];
    assert.ok(Number.isNaN(value[0]));
    assert.equal(value[1], Infinity);
    assert.equal(value[2], -Infinity);
    assert.equal(value[3], 'NaN');
    assert.deepEqual(value[5], { Infinity: -Infinity });
    assert.equal(stringifyPythonJson(value), '[NaN,Infinity,-Infinity,"NaN",1.5,{"Infinity":-Infinity}]');
  });
});
