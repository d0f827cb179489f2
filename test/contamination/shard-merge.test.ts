import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadDataFile } from '../../src/datasets/load.js';
import { needData } from '../helpers/data.js';
import { buildIndex } from '../../src/contamination/index.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { scanCorpus, scanCorpusParallel } from '../../src/contamination/run.js';
import { contaminationDocument, makePartialFile, mergePartialFiles } from '../../src/audit/merge-shards.js';
import { findDuplicatesInBenchmark } from '../../src/contamination/overlap.js';
import { buildContaminationOutput, contaminationConfig } from '../../src/checks/contamination/report.js';
import { resolveShard } from '../../src/contamination/shard.js';
import { corpusSpec } from '../../src/checks/contamination/index.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { embed, pickStdlibFiles, readText, stdlibDir } from './planted-helpers.js';


test('--shard 1/3, 2/3, 3/3 + merge is byte-identical to the unsharded run; 2 worker threads too', async (t) => {
  const [heFile] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
  if (!heFile) return;
  const tasks = (await loadDataFile(heFile)).slice(0, 60);
  const params = resolveScanParameters({}, 0);
  const index = buildIndex(tasks, params);
  const root = mkdtempSync(join(tmpdir(), 'ba-shard-'));
  try {
    const hosts = pickStdlibFiles(stdlibDir(), 40, 4_000, 40_000);
    hosts.forEach((h, i) => {
      // Plant a solution in every fourth file so the shards hold matches.
      const text = i % 4 === 0 ? embed(readText(h), tasks[i % tasks.length].solution) : readText(h);
      mkdirSync(join(root, 'src'), { recursive: true });
      writeFileSync(join(root, 'src', basename(h)), text);
    });
    const spec = corpusSpec('dir', root);
    const whole = await scanCorpus(index, spec);
    const unsharded = canonicalJson(
      contaminationDocument({
        benchmark: 'humaneval',
        tasks,
        config: contaminationConfig(params, spec, []),
        output: buildContaminationOutput({ tasks, index, partial: whole, corpus: spec, duplicates: findDuplicatesInBenchmark(tasks, params, index), overlaps: [] }),
      }),
    );
    assert.ok(whole.candidates.length > 0, 'the corpus has matches');

    const files = [];
    for (let k = 0; k < 3; k++) files.push(makePartialFile('humaneval', tasks, params, spec, await scanCorpus(index, spec, { shard: { index: k, count: 3 } })));
    assert.ok(files.every((f) => f.partial.corpus.documents < whole.corpus.documents), 'each shard scans a strict subset');
    assert.equal(files.reduce((s, f) => s + f.partial.corpus.documents, 0), whole.corpus.documents);
    // Through JSON, as the files travel between machines; in a shuffled order.
    const travelled = [files[2], files[0], files[1]].map((f) => JSON.parse(JSON.stringify(f)));
    const merged = mergePartialFiles(travelled);
    assert.ok(merged.ok);
    assert.equal(canonicalJson(contaminationDocument(merged.merged)), unsharded);

    const incomplete = mergePartialFiles([files[0], files[1]]);
    assert.equal(incomplete.ok, false);

    const parallel = await scanCorpusParallel(tasks, params, spec, 2);
    assert.ok(parallel.ok);
    assert.deepEqual(JSON.parse(JSON.stringify(parallel.partial)), JSON.parse(JSON.stringify(whole)));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('shard index from --shard, SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX', () => {
  assert.deepEqual(resolveShard('2/8', {}), { ok: true, shard: { index: 1, count: 8 }, source: '--shard' });
  assert.equal(resolveShard('9/8', {}).ok, false);
  assert.equal(resolveShard('x', {}).ok, false);
  assert.deepEqual(resolveShard(undefined, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '1' }), {
    ok: true,
    shard: { index: 2, count: 4 },
    source: 'SLURM_ARRAY_TASK_ID',
  });
  assert.deepEqual(resolveShard(undefined, { JOB_COMPLETION_INDEX: '0' }, 5), { ok: true, shard: { index: 0, count: 5 }, source: 'JOB_COMPLETION_INDEX' });
  assert.equal(resolveShard(undefined, { JOB_COMPLETION_INDEX: '0' }).ok, false);
  assert.deepEqual(resolveShard(undefined, {}), { ok: true, shard: null, source: 'none' });
});
