import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex } from '../../src/contamination/index.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { scanCorpus } from '../../src/contamination/run.js';
import { buildContaminationOutput } from '../../src/checks/contamination/report.js';
import { corpusSpec, createContaminationCheck } from '../../src/checks/contamination/index.js';
import { silentProgress } from '../../src/model/progress.js';
import { boundedLines } from '../../src/contamination/corpus/rows.js';
import type { Task } from '../../src/model/task.js';
import { fixtureHub } from '../helpers/data.js';

const SOLUTION = [
  'def running_max(values):',
  '    best = None',
  '    out = []',
  '    for value in values:',
  '        if best is None or value > best:',
  '            best = value',
  '        out.append(best)',
  '    return out',
  '',
].join('\n');

function task(id: string, solution: string): Task {
  return {
    benchmark: 'toy',
    id,
    entryPoint: 'running_max',
    prompt: 'def running_max(values):\n    """Running maximum of a list."""\n',
    canonicalSolution: solution,
    solution,
    setupCode: '',
    imports: [],
    tests: { kind: 'assert-list', asserts: ['assert running_max([1, 3, 2]) == [1, 3, 3]'], challengeAsserts: [] },
    siblings: [],
    source: { file: 'toy.jsonl', row: 1 },
  };
}

const tasks = [task('1', SOLUTION), task('2', 'def add(a, b):\n    return a + b\n')];
const params = resolveScanParameters({}, 0);

test('unreadable and non-UTF-8 files are reported, binary skipped, the scan goes on', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ba-bad-'));
  try {
    writeFileSync(join(root, 'good.py'), SOLUTION);
    writeFileSync(join(root, 'latin1.py'), Buffer.concat([Buffer.from('# caf\xe9\n', 'latin1'), Buffer.from(SOLUTION)]));
    writeFileSync(join(root, 'blob.py'), Buffer.from([0x00, 0x01, 0x02, 0x41]));
    writeFileSync(join(root, 'locked.py'), SOLUTION);
    chmodSync(join(root, 'locked.py'), 0o000);
    const index = buildIndex(tasks, params);
    const partial = await scanCorpus(index, corpusSpec('dir', root));
    const out = buildContaminationOutput({ tasks, index, partial, corpus: corpusSpec('dir', root), duplicates: [[], []], overlaps: [] });
    const codes = out.warnings.map((w) => w.code);
    assert.ok(codes.includes('corpus-non-utf8'));
    assert.equal(partial.corpus.skipped.binary, 1);
    // root can read a 000 file; only assert the warning when the OS refused.
    if ((partial.corpus.skipped.unreadable ?? 0) > 0) assert.ok(codes.includes('corpus-unreadable'));
    // The non-UTF-8 file still contains the solution and is found.
    const found = out.tasks[0].section?.matches.map((m) => m.corpusId) ?? [];
    assert.ok(found.includes('good.py') && found.includes('latin1.py'), `matches: ${found.join(', ')}`);
    // The two-line task is trivial, never contaminated.
    assert.equal(out.tasks[1].section?.trivial, true);
    assert.deepEqual(out.tasks[1].findings, []);
    assert.equal(out.tasks[0].findings[0]?.kind, 'contaminated');
  } finally {
    chmodSync(join(root, 'locked.py'), 0o644);
    rmSync(root, { recursive: true, force: true });
  }
});

test('an empty corpus gives a corpus-empty warning and zero rates', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ba-empty-'));
  try {
    const index = buildIndex(tasks, params);
    const partial = await scanCorpus(index, corpusSpec('dir', root));
    const out = buildContaminationOutput({ tasks, index, partial, corpus: corpusSpec('dir', root), duplicates: [[], []], overlaps: [] });
    assert.ok(out.warnings.some((w) => w.code === 'corpus-empty'));
    assert.ok(out.summary?.rates.every((r) => r.tasks === 0));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a JSONL row longer than the limit is skipped, a bad row reported, later rows scanned with repo and path', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ba-long-'));
  const LONG_LINE_BYTES = 64 * 1024 * 1024; // generated on disk, never held in memory by the reader
  const ROW_LIMIT = 1024 * 1024;
  try {
    const file = join(root, 'shard.jsonl');
    const fd = openSync(file, 'w');
    writeSync(fd, '{"content": "');
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    for (let written = 0; written < LONG_LINE_BYTES; written += chunk.length) writeSync(fd, chunk);
    writeSync(fd, '"}\n');
    writeSync(fd, JSON.stringify({ content: SOLUTION, max_stars_repo_path: 'a/b.py', max_stars_repo_name: 'someone/repo' }) + '\n');
    writeSync(fd, 'not json\n');
    closeSync(fd);
    const index = buildIndex(tasks, params);
    const partial = await scanCorpus(index, { ...corpusSpec('jsonl', file), maxRowBytes: ROW_LIMIT });
    assert.equal(partial.corpus.documents, 1);
    assert.equal(partial.corpus.skipped.oversized, 1);
    assert.equal(partial.corpus.skipped['bad-row'], 1);
    const out = buildContaminationOutput({ tasks, index, partial, corpus: corpusSpec('jsonl', file), duplicates: [[], []], overlaps: [] });
    const m = out.tasks[0].section?.matches[0];
    assert.equal(m?.repo, 'someone/repo');
    assert.equal(m?.path, 'a/b.py');
    assert.equal(m?.kind, 'verbatim');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a 2 GB single line is read past without holding it (boundedLines)', async () => {
  const CHUNK = Buffer.alloc(1024 * 1024, 0x61); // the same buffer, yielded again and again
  const TWO_GB_IN_CHUNKS = 2048;
  let peakHeld = 0;
  async function* source(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < TWO_GB_IN_CHUNKS; i++) {
      peakHeld = Math.max(peakHeld, process.memoryUsage().arrayBuffers);
      yield CHUNK;
    }
    yield Buffer.from('\n{"content": "x = 1"}\n');
  }
  const before = process.memoryUsage().arrayBuffers;
  const entries = [];
  for await (const e of boundedLines(source(), 1024 * 1024)) entries.push(e.tooLong ? { tooLong: true, length: e.length } : { tooLong: false, length: e.line.length });
  assert.deepEqual(entries, [
    { tooLong: true, length: TWO_GB_IN_CHUNKS * CHUNK.length },
    { tooLong: false, length: '{"content": "x = 1"}'.length },
  ]);
  // Nothing of the long line is retained: array-buffer memory stays within a few chunks of the start.
  assert.ok(peakHeld - before < 16 * CHUNK.length, `held ${peakHeld - before} bytes`);
});

test('a Parquet file without the content column is skipped with a warning naming its columns', async () => {
  // The hub MBPP shard (its prompt split: tasks 1-3 in the fixture) has task_id/text/code/... but no `content` column.
  const file = join(fixtureHub, 'datasets', 'google-research-datasets', 'mbpp', 'full', 'prompt-00000-of-00001.parquet');
  const index = buildIndex(tasks, params);
  const partial = await scanCorpus(index, corpusSpec('parquet', file));
  assert.equal(partial.corpus.documents, 0);
  assert.equal(partial.corpus.skipped['missing-column'], 1);
  assert.ok(partial.warnings.some((w) => w.code === 'corpus-missing-column' && w.message.includes('code')));
  // With the right column it reads every row.
  const withColumn = await scanCorpus(index, corpusSpec('parquet', file, { contentColumn: 'code' }));
  assert.equal(withColumn.corpus.documents, 3);
});

test('a git repository is scanned at a revision without a checkout', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ba-git-'));
  try {
    const { execFileSync } = await import('node:child_process');
    const git = (...args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8' });
    git('init', '-q');
    mkdirSync(join(root, 'pkg'));
    writeFileSync(join(root, 'pkg', 'copy.py'), SOLUTION);
    writeFileSync(join(root, 'notes.txt'), SOLUTION);
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'one');
    writeFileSync(join(root, 'pkg', 'copy.py'), 'x = 1\n'); // working tree differs from HEAD
    const index = buildIndex(tasks, params);
    const partial = await scanCorpus(index, corpusSpec('git', root));
    assert.equal(partial.corpus.documents, 1, 'only *.py files');
    assert.ok(partial.candidates.some((c) => c.corpusId === 'HEAD:pkg/copy.py'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a corpus scan that fails is an error of the audit, not a warning beside a clean report', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ba-abort-'));
  try {
    writeFileSync(join(root, 'good.py'), SOLUTION);
    const stop = new AbortController();
    stop.abort(new Error('interrupted'));
    const check = createContaminationCheck({ corpus: corpusSpec('dir', root) });
    const config = { checks: ['contamination' as const], seed: 0, static: { fewTestsThreshold: 2 } };
    await assert.rejects(check.run({ benchmark: 'toy', tasks, config, progress: silentProgress, signal: stop.signal }), /interrupted/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
