import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FLAG_DOCSTRING, TokenStream, tokenizeText } from '../../src/contamination/tokenize.js';
import { LshIndex, MinHasher, estimateJaccard } from '../../src/contamination/minhash.js';
import { alphaRename, similarityRatio } from '../../src/contamination/similarity.js';
import { segmentFunctions } from '../../src/contamination/segment.js';
import { globToRegExp } from '../../src/contamination/corpus/glob.js';
import { findCrossBenchmarkOverlaps, findDuplicatesInBenchmark } from '../../src/contamination/overlap.js';
import { resolveScanParameters } from '../../src/contamination/options.js';
import { loadDataFile } from '../../src/datasets/load.js';
import { needData } from '../helpers/data.js';

const raw = (s: TokenStream): number[] => Array.from(s.raw.subarray(0, s.length));
const canon = (s: TokenStream): number[] => Array.from(s.canon.subarray(0, s.length));

test('tokenizer ignores whitespace, comments and line continuations', () => {
  const a = tokenizeText('def f(a,b):\n    return a+b\n');
  const b = tokenizeText('def f( a , b ) :  # comment\n\n\treturn a \\\n + b   # more\n');
  assert.deepEqual(raw(a), raw(b));
  assert.notDeepEqual(raw(a), raw(tokenizeText('def f(a,b):\n    return a-b\n')));
});

test('strings: quote style and inner whitespace do not matter, content does', () => {
  assert.deepEqual(raw(tokenizeText('x = "hello   world"')), raw(tokenizeText("x = 'hello world'")));
  assert.notDeepEqual(raw(tokenizeText('x = "hello world"')), raw(tokenizeText('x = "hello there"')));
  // An escaped quote does not end the string: `y = 1` stays outside it.
  assert.deepEqual(raw(tokenizeText('x = r"a\\"b"\ny = 1')).slice(-3), raw(tokenizeText('y = 1')));
});

test('docstrings are flagged (droppable), other strings are not; lines and indents are tracked', () => {
  const s = tokenizeText('def f(x):\n    """Doc\n    more."""\n    y = "no"\n    return y\n');
  const flagged = Array.from(s.flags.subarray(0, s.length)).filter((f) => (f & FLAG_DOCSTRING) !== 0).length;
  assert.equal(flagged, 2 + 3); // STR_OPEN, Doc, more, ., STR_CLOSE
  const nodoc = s.withoutDocstrings(new TokenStream());
  assert.deepEqual(raw(nodoc), raw(tokenizeText('def f(x):\n    y = "no"\n    return y\n')));
  assert.equal(s.line[s.length - 1], 5);
  assert.equal(nodoc.indent[0], 0);
});

test('canonical stream survives consistent renaming but keeps builtins, keywords and attributes', () => {
  const a = tokenizeText('def total(xs):\n    s = 0\n    for x in xs:\n        s += len(x.items)\n    return s\n');
  const b = tokenizeText('def f(q):\n    acc = 0\n    for v in q:\n        acc += len(v.items)\n    return acc\n');
  assert.deepEqual(canon(a), canon(b));
  assert.notDeepEqual(raw(a), raw(b));
  const c = tokenizeText('def f(q):\n    acc = 0\n    for v in q:\n        acc += max(v.keys)\n    return acc\n');
  assert.notDeepEqual(canon(a), canon(c));
  // Alpha renaming distinguishes x = f(x) from x = f(y).
  const p = tokenizeText('x = f(x)');
  const q = tokenizeText('y = g(y)');
  const r = tokenizeText('x = f(y)');
  const alpha = (s: TokenStream): Uint32Array => alphaRename(s.raw, s.canon, 0, s.length);
  assert.deepEqual(alpha(p), alpha(q));
  assert.notDeepEqual(alpha(p), alpha(r));
});

test('similarity ratio is 2*LCS/(|a|+|b|)', () => {
  const a = Uint32Array.from([1, 2, 3, 4]);
  const b = Uint32Array.from([1, 3, 4, 5, 6, 7]);
  assert.equal(similarityRatio(a, 0, 4, b, 0, 6), (2 * 3) / 10);
  assert.equal(similarityRatio(a, 0, 4, a, 0, 4), 1);
});

test('functions are segmented by indentation, methods included', () => {
  const s = tokenizeText('import os\ndef a():\n    return 1\nclass K:\n    def m(self):\n        return 2\n    x = 3\ndef b(): pass\n');
  const out: number[] = [];
  assert.equal(segmentFunctions(s, out), 3);
  const firstLines = [];
  for (let i = 0; i < out.length; i += 2) firstLines.push([s.line[out[i]], s.line[out[i + 1] - 1]]);
  assert.deepEqual(firstLines, [[2, 3], [5, 6], [8, 8]]);
});

test('MinHash is deterministic per seed and estimates Jaccard', () => {
  const tokens = Uint32Array.from({ length: 400 }, (_, i) => (i * 2654435761) >>> 0);
  const h = new MinHasher(7);
  const s1 = new Int32Array(128);
  const s2 = new Int32Array(128);
  h.signature(tokens, 0, 400, 1, s1);
  new MinHasher(7).signature(tokens, 0, 400, 1, s2);
  assert.deepEqual(s1, s2);
  // Two sets of 400 sharing 200: Jaccard 200/600 = 1/3.
  h.signature(tokens, 0, 400, 1, s1);
  h.signature(Uint32Array.from([...tokens.subarray(200), ...Array.from({ length: 200 }, (_, i) => i + 1)]), 0, 400, 1, s2);
  const j = estimateJaccard(s1, 0, s2, 0, 128);
  assert.ok(Math.abs(j - 1 / 3) < 0.15, `estimate ${j}`);
  const lsh = new LshIndex();
  const id = lsh.add(s1);
  assert.deepEqual(lsh.query(s1, []), [id]);
  assert.notDeepEqual(new MinHasher(8).a, h.a);
});

test('globs', () => {
  assert.ok(globToRegExp('*.py').test('a/b/c.py'));
  assert.ok(globToRegExp('src/**/*.py').test('src/x.py'));
  assert.ok(globToRegExp('src/**/*.py').test('src/a/b/x.py'));
  assert.ok(!globToRegExp('src/*.py').test('src/a/x.py'));
});

test('no-corpus mode: HumanEval+ overlaps HumanEval; a task is never its own duplicate', async (t) => {
  const [heFile, hepFile] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'evalplus/HumanEvalPlus.jsonl.gz') ?? [];
  if (!heFile || !hepFile) return;
  const params = resolveScanParameters({}, 0);
  const he = (await loadDataFile(heFile)).slice(0, 30);
  const hep = (await loadDataFile(hepFile)).slice(0, 30);
  const overlaps = findCrossBenchmarkOverlaps(he, hep, params);
  // Every non-trivial HumanEval prompt reappears in HumanEval+ (same task id).
  const withSame = overlaps.filter((list, i) => list.some((p) => p.taskId === he[i].id && p.part === 'prompt')).length;
  assert.ok(withSame >= 25, `${withSame} of 30 prompts overlap their HumanEval+ twin`);
  const dups = findDuplicatesInBenchmark(he, params);
  assert.ok(dups.every((list, i) => list.every((p) => p.taskId !== he[i].id)), 'a task is never its own duplicate');
});
