/**
 * Worker threads on a directory corpus: the main thread walks the tree and hands out batches, the
 * workers read and scan. Skips and warnings — of the walk (a root that cannot be listed) and of single
 * files (oversized, binary, non-UTF-8) — must be counted once, exactly as in a one-thread scan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDataFile } from '../../src/datasets/load.js';
import { needData } from '../helpers/data.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { scanCorpusParallel } from '../../src/contamination/run.js';
import { corpusSpec } from '../../src/checks/contamination/index.js';
import { canonicalJson } from '../../src/util/canonical-json.js';


/** Files in the test tree: more than one batch per worker, so batches really are handed out. */
const FILES = 150;

test('2 worker threads = 1 thread on a directory: same partial, walk and file warnings counted once', async (t) => {
  const [heFile] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
  if (!heFile) return;
  const tasks = (await loadDataFile(heFile)).slice(0, 20);
  const params = resolveScanParameters({}, 0);
  const root = mkdtempSync(join(tmpdir(), 'ba-par-'));
  try {
    for (let i = 0; i < FILES; i++) {
      const dir = join(root, `pkg${i % 7}`);
      mkdirSync(dir, { recursive: true });
      const t = tasks[i % tasks.length];
      writeFileSync(join(dir, `m${i}.py`), i % 3 === 0 ? `# module ${i}\n${t.solution}` : `x_${i} = ${i}\n`);
    }
    writeFileSync(join(root, 'pkg0', 'big.py'), 'y = 1\n'.repeat(2000));
    writeFileSync(join(root, 'pkg1', 'blob.py'), Buffer.from([0x00, 0x01, 0x41]));
    writeFileSync(join(root, 'pkg2', 'latin1.py'), Buffer.concat([Buffer.from('# caf\xe9\n', 'latin1'), Buffer.from(tasks[0].solution)]));
    const spec = corpusSpec('dir', root, { maxFileBytes: 10_000 });

    const one = await scanCorpusParallel(tasks, params, spec, 1);
    const two = await scanCorpusParallel(tasks, params, spec, 2);
    assert.ok(one.ok && two.ok);
    assert.equal(canonicalJson(two.partial), canonicalJson(one.partial));
    assert.equal(one.partial.corpus.documents, FILES + 1, 'every listed text file is scanned once');
    assert.equal(one.partial.corpus.skipped.oversized, 1);
    assert.equal(one.partial.corpus.skipped.binary, 1);
    assert.equal(one.partial.corpus.nonUtf8, 1);
    assert.ok(one.partial.candidates.length > 0);

    // A root that cannot be listed: one skip and one warning, not one per worker.
    const missing = corpusSpec('dir', join(root, 'does-not-exist'));
    const m1 = await scanCorpusParallel(tasks, params, missing, 1);
    const m2 = await scanCorpusParallel(tasks, params, missing, 2);
    assert.ok(m1.ok && m2.ok);
    assert.equal(m1.partial.corpus.skipped.unreadable, 1);
    assert.equal(canonicalJson(m2.partial), canonicalJson(m1.partial));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
