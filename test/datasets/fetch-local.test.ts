import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { InputError } from '../../src/errors.js';
import { detectFileFormat, fetchLocalFile, fetchLocalSource, writeStreamVerified } from '../../src/datasets/local.js';
import { fixtureFile, fixtureHub } from '../helpers/data.js';
import { repoRoot } from '../helpers/hub-server.js';

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const work = mkdtempSync(join(tmpdir(), 'bench-audit-local-'));
after(() => rmSync(work, { recursive: true, force: true }));

const humanevalGz = fixtureFile('humaneval/HumanEval.jsonl.gz');
const mbppJsonl = fixtureFile('mbpp/mbpp.jsonl');
const sanitizedJson = fixtureFile('mbpp/sanitized-mbpp.json');
const parquet = join(fixtureHub, 'datasets', 'openai', 'openai_humaneval', 'openai_humaneval', 'test-00000-of-00001.parquet');

describe('--data files', () => {
  test('fetchLocalFile hashes the file and keeps the path as given', async () => {
    const fetched = await fetchLocalFile(humanevalGz);
    const bytes = readFileSync(humanevalGz);
    assert.deepEqual(fetched, {
      localPath: humanevalGz,
      format: 'jsonl.gz',
      record: { path: humanevalGz, sha256: sha256(bytes), bytes: bytes.byteLength },
    });
    const relative = await fetchLocalFile('package.json', 'json');
    assert.equal(relative.record.path, 'package.json');
    assert.equal(relative.format, 'json');
  });

  test('format by extension, confirmed by gzip / Parquet magic bytes', async () => {
    assert.equal(await detectFileFormat(mbppJsonl), 'jsonl');
    assert.equal(await detectFileFormat(sanitizedJson), 'json');
    assert.equal(await detectFileFormat(parquet), 'parquet');
    assert.equal(await detectFileFormat(humanevalGz), 'jsonl.gz');
    const noExtGz = join(work, 'humaneval-data');
    copyFileSync(humanevalGz, noExtGz);
    assert.equal(await detectFileFormat(noExtGz), 'jsonl.gz');
    const noExtParquet = join(work, 'table.bin');
    copyFileSync(parquet, noExtParquet);
    assert.equal(await detectFileFormat(noExtParquet), 'parquet');
    const mislabeled = join(work, 'really-gzip.jsonl');
    copyFileSync(humanevalGz, mislabeled);
    assert.equal(await detectFileFormat(mislabeled), 'jsonl.gz');
  });

  test('a missing file or a folder is an InputError naming the path', async () => {
    const missing = join(work, 'nope.jsonl');
    await assert.rejects(fetchLocalFile(missing), (e: unknown) => e instanceof InputError && e.location.file === missing && /ENOENT/.test(e.message));
    await assert.rejects(fetchLocalFile(work), (e: unknown) => e instanceof InputError && e.location.file === work);
  });
});

describe('local manifest sources', () => {
  test('files relative to the datasets folder', async () => {
    const dir = join(work, 'datasets');
    mkdirSync(join(dir, 'demo'), { recursive: true });
    writeFileSync(join(dir, 'demo', 'tasks.jsonl'), '{"task_id": "Demo/0"}\n');
    const fetched = await fetchLocalSource({ type: 'local', files: [{ path: 'demo/tasks.jsonl', format: 'jsonl', split: 'test' }] }, dir);
    const bytes = readFileSync(join(dir, 'demo', 'tasks.jsonl'));
    assert.deepEqual(fetched, {
      provenance: { type: 'local' },
      files: [
        {
          localPath: join(dir, 'demo', 'tasks.jsonl'),
          format: 'jsonl',
          record: { path: 'demo/tasks.jsonl', sha256: sha256(bytes), bytes: bytes.byteLength, split: 'test' },
        },
      ],
    });
  });

  test('the default folder is the package datasets/ folder', async () => {
    const fetched = await fetchLocalSource({ type: 'local', files: [{ path: 'humaneval.json', format: 'json' }] });
    assert.equal(fetched.files[0]?.localPath, join(repoRoot, 'datasets', 'humaneval.json'));
  });

  test('paths may not leave the datasets folder; missing files are InputErrors', async () => {
    const dir = join(work, 'datasets2');
    mkdirSync(dir, { recursive: true });
    await assert.rejects(fetchLocalSource({ type: 'local', files: [{ path: '../secret.jsonl', format: 'jsonl' }] }, dir), InputError);
    await assert.rejects(
      fetchLocalSource({ type: 'local', files: [{ path: 'absent.jsonl', format: 'jsonl' }] }, dir),
      (e: unknown) => e instanceof InputError && e.location.file === 'absent.jsonl',
    );
  });
});

describe('writeStreamVerified', () => {
  async function* chunks(...parts: string[]): AsyncIterable<Uint8Array> {
    for (const p of parts) yield Buffer.from(p);
  }

  test('renames into place only after verification passes', async () => {
    const target = join(work, 'cache', 'a.bin');
    const digest = await writeStreamVerified(chunks('hello ', 'world'), target, () => undefined, { gitBlobSize: 11 });
    assert.equal(readFileSync(target, 'utf8'), 'hello world');
    assert.equal(digest.sha256, sha256(Buffer.from('hello world')));
    assert.equal(digest.bytes, 11);
    // git hash-object of "hello world" (no newline)
    assert.equal(digest.gitOid, createHash('sha1').update('blob 11\0hello world').digest('hex'));
  });

  test('a rejected digest leaves neither the target nor a temporary file', async () => {
    const dir = join(work, 'cache2');
    await assert.rejects(
      writeStreamVerified(chunks('bad'), join(dir, 'b.bin'), () => {
        throw new Error('reject');
      }),
      /reject/,
    );
    assert.deepEqual(readdirSync(dir), []);
  });
});
