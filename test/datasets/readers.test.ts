import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../src/errors.js';
import { loadDataFile } from '../../src/datasets/load.js';
import { PyBigInt, PyFloat, parsePythonJson, stringifyPythonJson } from '../../src/util/python-json.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { fixtureHub } from '../helpers/data.js';

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
    const real = readFileSync(join(fixtureHub, 'datasets', 'openai', 'openai_humaneval', 'openai_humaneval', 'test-00000-of-00001.parquet'));
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

  it('keeps integral floats floats and big integers exact, and writes them back as Python reads them', () => {
    const value = parsePythonJson('{"a": [1.0, 1, -2.0e3, 1.5, 12345678901234567890, -9007199254740993, 9007199254740991, "1.0"]}') as { a: unknown[] };
    const [f1, i1, f2, f3, big, negBig, safe, str] = value.a;
    assert.ok(f1 instanceof PyFloat && f1.value === 1);
    assert.equal(i1, 1);
    assert.ok(f2 instanceof PyFloat && f2.value === -2000);
    assert.equal(f3, 1.5);
    assert.ok(big instanceof PyBigInt && big.text === '12345678901234567890');
    assert.ok(negBig instanceof PyBigInt && negBig.text === '-9007199254740993');
    assert.equal(safe, 9007199254740991);
    assert.equal(str, '1.0');
    assert.equal(stringifyPythonJson(value), '{"a":[1.0,1,-2000.0,1.5,12345678901234567890,-9007199254740993,9007199254740991,"1.0"]}');
    // Reports and `datasets show` print plain JSON numbers for them.
    assert.equal(canonicalJson([new PyFloat(2), new PyBigInt('123')]), '[\n  2,\n  "123"\n]\n');
  });

  it('Python reads the written dialect back to the same values and types', async () => {
    const { execFileSync } = await import('node:child_process');
    const { resolvePython } = await import('../../src/python/interpreter.js');
    const text = stringifyPythonJson(parsePythonJson('[1.0, 2, NaN, -Infinity, 123456789012345678901234567890, 0.5]'));
    const out = execFileSync(resolvePython().executable, ['-c', 'import json,sys; v=json.loads(sys.argv[1]); print([type(x).__name__ for x in v], v[4])', text], { encoding: 'utf8' });
    assert.equal(out.trim(), "['float', 'int', 'float', 'float', 'int', 'float'] 123456789012345678901234567890");
  });
});
