/**
 * The optimized scan (src/contamination) against the frozen straightforward implementation
 * (test/contamination/reference, see its README): on a fixed corpus of real code (a few hundred stdlib
 * files) with planted copies of benchmark items, both must produce byte-identical partial results —
 * with the default parameters and with loose ones that turn hundreds of ordinary stdlib windows and
 * functions into candidates (so hit grouping, windowing, MinHash/LSH and verification are all compared
 * on many records, not only on the planted ones).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { loadDataFile } from '../../src/datasets/load.js';
import { needData } from '../helpers/data.js';
import type { Task } from '../../src/model/task.js';
import { buildIndex } from '../../src/contamination/index.js';
import { resolveScanParameters, type ScanParameters } from '../../src/contamination/options.js';
import { scanCorpus, scanCorpusParallel } from '../../src/contamination/run.js';
import { readCorpus } from '../../src/contamination/corpus/open.js';
import type { CorpusSpec } from '../../src/contamination/corpus/types.js';
import { corpusSpec } from '../../src/checks/contamination/index.js';
import { canonicalJson } from '../../src/util/canonical-json.js';
import { buildIndex as buildReferenceIndex } from './reference/index.js';
import { Scanner as ReferenceScanner } from './reference/scanner.js';
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

/** The reference implementation's scan driver (the same steps as src/contamination/run.ts scanCorpus). */
async function referenceScan(tasks: readonly Task[], params: ScanParameters, spec: CorpusSpec): Promise<unknown> {
  const scanner = new ReferenceScanner(buildReferenceIndex(tasks, params));
  const sink = { skip: (r: string) => scanner.skip(r), warn: (c: string, m: string) => scanner.warn(c, m), nonUtf8: () => undefined };
  for await (const doc of readCorpus(spec, sink, () => true)) {
    if (!isUtf8(doc.bytes)) {
      scanner.noteNonUtf8();
      scanner.warn('corpus-non-utf8', `${doc.id}: not valid UTF-8; scanned byte-wise`);
    }
    scanner.scan(doc);
  }
  return scanner.partial(null);
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

/** The matched text (for the report) is an addition the reference scanner did not have; matching itself must not change. */
function withoutText<T extends { candidates: Array<{ text?: string }> }>(partial: T): T {
  return { ...partial, candidates: partial.candidates.map(({ text: _text, ...rest }) => rest) };
}

test('optimized scan = reference scan, byte for byte (default and loose parameters; 1 and 2 workers)', async (t) => {
  const [heFile] = needData(t, 'humaneval/HumanEval.jsonl.gz') ?? [];
  if (!heFile) return;
  const tasks = await loadDataFile(heFile);
  const root = mkdtempSync(join(tmpdir(), 'ba-equiv-'));
  try {
    buildCorpus(root, tasks);
    const spec = corpusSpec('dir', root);
    for (const [label, overrides] of [['default', {}], ['loose', LOOSE]] as const) {
      const params = resolveScanParameters(overrides, 0);
      const expected = canonicalJson(await referenceScan(tasks, params, spec));
      const scanned = await scanCorpus(buildIndex(tasks, params), spec);
      assert.ok(scanned.candidates.every((c) => typeof c.text === 'string'), `${label}: every candidate carries its matched lines`);
      const actual = canonicalJson(withoutText(scanned));
      assert.equal(actual, expected, `${label} parameters: optimized partial differs from the reference`);

      const parsed = JSON.parse(expected) as { candidates: Array<{ via: string; corpusId: string }>; corpus: { documents: number; nonUtf8: number } };
      assert.ok(parsed.corpus.documents >= 400 && parsed.corpus.nonUtf8 === 1, `${label}: the corpus was scanned whole`);
      assert.ok(parsed.candidates.some((c) => c.via === 'ngram'), `${label}: n-gram candidates compared`);
      assert.ok(parsed.candidates.some((c) => c.via === 'minhash'), `${label}: MinHash candidates compared`);
      if (label === 'loose') {
        assert.ok(parsed.candidates.filter((c) => c.corpusId.startsWith('stdlib/')).length >= 100, 'loose: many candidates in unplanted code');
      }
    }
    const params = resolveScanParameters({}, 0);
    const parallel = await scanCorpusParallel(tasks, params, spec, 2);
    assert.ok(parallel.ok);
    assert.equal(canonicalJson(withoutText(parallel.partial)), canonicalJson(await referenceScan(tasks, params, spec)), '2 worker threads: partial differs from the reference');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
