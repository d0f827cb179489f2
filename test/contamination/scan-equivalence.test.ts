/**
 * The scan against an independent oracle on a fixed corpus of real code (a few hundred stdlib files)
 * with planted copies of benchmark items: a plain token search finds every file holding an item's
 * tokens contiguously, and the scan's complete verbatim counts must equal it item by item, with the
 * default parameters and with loose ones that turn hundreds of ordinary windows into candidates. The
 * scan's shortcuts (key filter, MinHash prefilter, windows, bit-parallel LCS) can only lose or invent
 * copies, which this catches. Planted edited copies (ground truth by construction) must be found, and
 * two worker threads must give the one-thread partial byte for byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { loadDataFile } from '../../src/datasets/load.js';
import { needData } from '../helpers/data.js';
import type { Task } from '../../src/model/task.js';
import { buildIndex, type BenchmarkIndex } from '../../src/contamination/index.js';
import { TokenStream, tokenizePython } from '../../src/contamination/tokenize.js';
import { resolveScanParameters, type ScanParameters } from '../../src/contamination/options.js';
import { scanCorpus, scanCorpusParallel } from '../../src/contamination/run.js';
import { corpusSpec } from '../../src/checks/contamination/index.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { embed, partialCopy, pickStdlibFiles, readText, stdlibDir, transformSources } from './planted-helpers.js';

/** Unplanted stdlib files: a few MB of real code, scanned in about a second per implementation. */
const STDLIB_FILES = 300;
/** Where they come from (top level first, then packages with many functions and docstrings). */
const STDLIB_DIRS = ['.', 'asyncio', 'email', 'idlelib', 'lib2to3'];
/** Tasks whose items are planted (verbatim, reformatted, renamed, embedded, partial, prompt, tests). */
const PLANTED_TASKS = 30;

/** Loose parameters: many weak candidates in ordinary code, to compare the implementations on them too. */
const LOOSE: Partial<ScanParameters> = {
  ngramSize: 6,
  canonicalNgramSize: 8,
  candidateMinContainment: 0.02,
  candidateMinNgrams: 1,
  minVerifiedSimilarity: 0.1,
  minhash: { permutations: 128, bands: 64, rows: 2, shingle: 5, minJaccard: 0.15, seed: 0 },
};

/** Every file of the corpus directory (relative path, bytes), as the oracle reads it. */
function corpusFiles(root: string, rel = ''): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [];
  for (const name of readdirSync(join(root, rel)).sort()) {
    const path = rel === '' ? name : `${rel}/${name}`;
    if (statSync(join(root, path)).isDirectory()) out.push(...corpusFiles(root, path));
    else out.push([path, new Uint8Array(readFileSync(join(root, path)))]);
  }
  return out;
}

/**
 * The oracle: per item, the corpus files whose token stream holds the item's tokens contiguously
 * (a plain search, no n-grams, filters, windows or hashing tables): exactly the files with a verbatim copy.
 */
function exactCopies(index: BenchmarkIndex, files: Array<[string, Uint8Array]>): Map<number, Set<string>> {
  const found = new Map<number, Set<string>>();
  const full = new TokenStream();
  const nodoc = new TokenStream();
  for (const [path, bytes] of files) {
    tokenizePython(bytes, full);
    full.withoutDocstrings(nodoc);
    for (const item of index.items) {
      // Items the scan cannot look for: every n-gram dropped as common to the benchmark.
      if (item.ngrams.every((ids) => ids === null || ids.length === 0)) continue;
      const stream = item.part === 'solution' ? nodoc : full;
      const a = item.raw;
      outer: for (let s = 0; s + a.length <= stream.length; s++) {
        for (let k = 0; k < a.length; k++) if (stream.raw[s + k] !== a[k]) continue outer;
        let set = found.get(item.id);
        if (set === undefined) found.set(item.id, (set = new Set()));
        set.add(path);
        break;
      }
    }
  }
  return found;
}

/** A no-op statement before every line (same indentation): breaks long n-grams, keeps most shingles. */
function interleave(source: string): string {
  return source
    .split('\n')
    .flatMap((line) => (line.trim() === '' ? [line] : [`${line.slice(0, line.length - line.trimStart().length)}_pad = 0`, line]))
    .join('\n');
}

function buildCorpus(root: string, tasks: readonly Task[]): void {
  const write = (rel: string, text: string | Uint8Array): void => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  const lib = stdlibDir();
  const hosts = STDLIB_DIRS.flatMap((sub) => pickStdlibFiles(join(lib, sub), STDLIB_FILES, 1_000, 80_000)).slice(0, STDLIB_FILES);
  assert.ok(hosts.length >= 200, 'enough stdlib files');
  for (const host of hosts) write(`stdlib/${relative(lib, host)}`, readText(host));
  const planted = tasks.slice(0, PLANTED_TASKS);
  const transformed = transformSources(planted.map((t) => t.solution));
  planted.forEach((task, i) => {
    const name = task.id.replace('/', '_');
    const tr = transformed[i];
    write(`planted/verbatim/${name}.py`, task.solution);
    write(`planted/prompt-and-solution/${name}.py`, task.prompt + task.solution);
    write(`planted/partial/${name}.py`, partialCopy(task.solution, 0.6));
    write(`planted/embedded/${name}.py`, embed(readText(hosts[(7 * i) % hosts.length]), task.solution));
    if (task.tests.kind === 'check-function') write(`planted/tests/${name}.py`, task.tests.code);
    if (tr !== null) {
      write(`planted/reformatted/${name}.py`, tr.reformatted);
      write(`planted/renamed/${name}.py`, tr.renamed);
      write(`planted/interleaved/${name}.py`, interleave(tr.renamed));
      write(`planted/commented/${name}.py`, tr.commented.replace(/\n/g, '\r\n'));
    }
  });
  // Bytes that are not UTF-8 around a planted solution (scanned byte-wise, with a warning).
  write('planted/latin1.py', new Uint8Array([...Buffer.from('# caf\u00e9\n', 'latin1'), ...Buffer.from(planted[0].solution)]));
}

test('every verbatim copy is found and counted (a plain search is the oracle); planted edits are found; workers and shards change nothing', async (t) => {
  const [heFile] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
  if (!heFile) return;
  const tasks = await loadDataFile(heFile);
  const root = mkdtempSync(join(tmpdir(), 'ba-equiv-'));
  try {
    buildCorpus(root, tasks);
    const spec = corpusSpec('dir', root, { include: ['*.py'] });
    const files = corpusFiles(root);
    for (const [label, overrides] of [['default', {}], ['loose', LOOSE]] as const) {
      const params = resolveScanParameters(overrides, 0);
      const index = buildIndex(tasks, params);
      const scanned = await scanCorpus(index, spec);
      assert.ok(scanned.corpus.documents >= 400 && scanned.corpus.nonUtf8 === 1, `${label}: the corpus was scanned whole`);
      // Verbatim copies: the scan's complete counts against the oracle, item by item.
      const oracle = exactCopies(index, files);
      const counted = new Map(scanned.copies.map((c) => [c[0], c[1]]));
      let copies = 0;
      for (const item of index.items) {
        const expected = oracle.get(item.id)?.size ?? 0;
        copies += expected;
        assert.equal(counted.get(item.id) ?? 0, expected, `${label}: ${tasks[item.task].id} ${item.part}: verbatim files ${counted.get(item.id) ?? 0}, oracle ${expected} (${[...(oracle.get(item.id) ?? [])].join(', ')})`);
      }
      assert.ok(copies >= 3 * PLANTED_TASKS, `${label}: the oracle saw the planted copies (${copies})`);
      // Planted edits (ground truth by construction): each task's reformatted, renamed, interleaved
      // and commented copies are candidates of its solution.
      const transformed = transformSources(tasks.slice(0, PLANTED_TASKS).map((t) => t.solution));
      for (let t = 0; t < PLANTED_TASKS; t++) {
        if (transformed[t] === null) continue;
        const solution = index.items.find((it) => it.task === t && it.part === 'solution');
        if (solution === undefined || solution.trivial) continue;
        const name = tasks[t].id.replace('/', '_');
        for (const kind of ['reformatted', 'renamed', 'commented']) {
          assert.ok(scanned.candidates.some((c) => c.item === solution.id && c.corpusId === `planted/${kind}/${name}.py`), `${label}: ${tasks[t].id} ${kind} copy found`);
        }
      }
      assert.ok(scanned.candidates.some((c) => c.via === 'minhash'), `${label}: MinHash candidates too`);
    }
    // Workers and shards: the same partial as one thread.
    const params = resolveScanParameters({}, 0);
    const one = canonicalJson(await scanCorpus(buildIndex(tasks, params), spec));
    const parallel = await scanCorpusParallel(tasks, params, spec, 2);
    assert.ok(parallel.ok);
    assert.equal(canonicalJson(parallel.partial), one, '2 worker threads: partial differs from one thread');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
