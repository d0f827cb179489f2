/**
 * The match-dense corpus of bench/dense-corpus.ts (model completions in six forms, benchmark copies
 * in .py/.jsonl/.md/.ipynb, harness strings), where the scan's speed comes from verifying identical
 * windows once: its partial result must be byte for byte what the scan gives with the memos off, what
 * the scan gave before they existed (pinned below), and what two shards give merged.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadDataFile } from '../../src/datasets/load.js';
import type { Task } from '../../src/model/task.js';
import { needData } from '../helpers/data.js';
import { buildIndex } from '../../src/contamination/index.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { scanCorpus } from '../../src/contamination/run.js';
import { mergePartials, type ContaminationPartial } from '../../src/contamination/scanner.js';
import { corpusSpec } from '../../src/checks/contamination/index.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { denseCorpusFiles } from '../../bench/dense-corpus.js';
import { pickStdlibFiles, readText, stdlibDir } from './planted-helpers.js';

/** Completion sets in the test corpus (the benchmark's has DENSE_MODELS): every form twice. */
const TEST_MODELS = 8;
/** MBPP tasks copied into the corpus (background to a HumanEval index). */
const MBPP_TASKS = 100;

/**
 * The partial of the scan of the dense corpus without background (TEST_MODELS, first MBPP_TASKS of
 * MBPP), as the scan computed it before verification was memoized (commit fcb4edd). When the scan's
 * results change on purpose, regenerate them: the failing assertion prints the new values.
 */
const PINNED = {
  documents: 362,
  bytes: 1_957_833,
  candidates: 4503,
  itemsWithCopies: 492,
  verbatim: 3396,
  near: 728,
  renamed: 171,
  unrelatedInexact: 254,
  sha256: '67daed3aa0122e54c3a526f6287ce4cf5eefee02fe83e96a38259fc71eecdace',
};

function summary(p: ContaminationPartial): typeof PINNED {
  const sum = (k: number): number => p.copies.reduce((s, c) => s + c[k], 0);
  return {
    documents: p.corpus.documents,
    bytes: p.corpus.bytes,
    candidates: p.candidates.length,
    itemsWithCopies: p.copies.length,
    verbatim: sum(1),
    near: sum(2),
    renamed: sum(3),
    unrelatedInexact: sum(4),
    sha256: createHash('sha256').update(canonicalJson(p)).digest('hex'),
  };
}

function writeCorpus(files: Array<[string, string]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ba-dense-'));
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

async function inputs(t: TestContext): Promise<{ humaneval: Task[]; mbpp: Task[] } | null> {
  const files = needData(t, 'humaneval/HumanEval.jsonl.gz', 'mbpp/mbpp.jsonl');
  if (!files) return null;
  return { humaneval: await loadDataFile(files[0]), mbpp: (await loadDataFile(files[1])).slice(0, MBPP_TASKS) };
}

test('dense corpus: the memoized scan gives the partial the scan gave before memos (pinned) and gives with them off', async (t) => {
  const data = await inputs(t);
  if (data === null) return;
  const dir = writeCorpus(denseCorpusFiles({ ...data, background: [], models: TEST_MODELS }));
  try {
    const index = buildIndex(data.humaneval, resolveScanParameters({}, 0));
    const spec = corpusSpec('dir', dir);
    const fast = await scanCorpus(index, spec);
    const plain = await scanCorpus(index, spec, { memo: false });
    // Dense enough to matter: most items are copied, in many files, in every kind.
    assert.ok(fast.copies.length > 400 && fast.candidates.length > 4000, `copies ${fast.copies.length}, candidates ${fast.candidates.length}`);
    assert.equal(canonicalJson(fast), canonicalJson(plain));
    assert.deepEqual(summary(plain), PINNED);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('dense corpus with ordinary code: memos on and off agree, and two shards merged give the unsharded partial', async (t) => {
  const data = await inputs(t);
  if (data === null) return;
  const background = pickStdlibFiles(stdlibDir(), 40, 4_000, 60_000).map((p) => [p.slice(p.lastIndexOf('/') + 1), readText(p)] as [string, string]);
  const dir = writeCorpus(denseCorpusFiles({ ...data, background, models: 4, seed: 7 }));
  try {
    const params = resolveScanParameters({}, 0);
    const index = buildIndex(data.humaneval, params);
    const spec = corpusSpec('dir', dir);
    const fast = await scanCorpus(index, spec);
    assert.equal(canonicalJson(fast), canonicalJson(await scanCorpus(index, spec, { memo: false })));
    const shards = [];
    for (let k = 0; k < 2; k++) shards.push(await scanCorpus(index, spec, { shard: { index: k, count: 2 } }));
    assert.ok(shards.every((s) => s.corpus.documents > 0));
    const merged = mergePartials(shards, params.candidatesPerItem);
    assert.ok(merged.ok);
    assert.equal(canonicalJson({ ...merged.partial, shard: null }), canonicalJson(fast));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
