import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FLAG_DOCSTRING, ID_PLACEHOLDER, TokenStream, tokenizeText } from '../../src/contamination/tokenize.js';
import { tokenizeJavaScript, tokenizeJavaScriptText } from '../../src/contamination/tokenize-js.js';
import { benchmarkLanguage, namedLanguage, pathLanguage } from '../../src/contamination/language.js';
import { segmentJavaScriptFunctions } from '../../src/contamination/segment-js.js';

const js = (src: string): TokenStream => tokenizeJavaScriptText(src, new TokenStream());
const raw = (s: TokenStream): number[] => Array.from(s.raw.subarray(0, s.length));
const canon = (s: TokenStream): number[] => Array.from(s.canon.subarray(0, s.length));

test('what a formatter changes does not change the tokens', () => {
  const same: Array<[string, string]> = [
    ['const f = (x) => x / 2;', 'const f = x => x / 2'],
    ['f(a, b,)', 'f(a, b)'],
    ['[1,2,\n3,\n]', '[1, 2, 3]'],
    ["x = 'a  b'", 'x = "a b"'],
    ['x = `a b`', 'x = "a b"'],
    ['a = b / c / d', 'a = b/c/d'],
    ['x = /a\\/[/]b/g.test(s)', 'x = /a\\/[/]b/g.test(s); // a comment'],
    ['a?.b ?? c === d', 'a?.b??c===d;'],
    ['for (let i = 0; i < n; i++) {\n  s += i;\n}', 'for (let i = 0; i < n; i++) { s += i }'],
    ['/** Doc\n * more words\n */\nfoo()', '/* Doc more words */ foo()'],
  ];
  for (const [a, b] of same) assert.deepEqual(raw(js(a)), raw(js(b)), `${JSON.stringify(a)} = ${JSON.stringify(b)}`);
});

test('what changes the program changes the tokens', () => {
  const differ: Array<[string, string]> = [
    ['a === b', 'a == b'],
    ['a !== b', 'a != b'],
    ['a ?? b', 'a || b'],
    ['return /x/', 'return /y/'],
    ['x = a / b / c', 'x = a / c / b'],
    ['f(x) => 1', 'f(y) => 1'],
    ['s = `a ${b} c`', 's = `a ${c} c`'],
  ];
  for (const [a, b] of differ) assert.notDeepEqual(raw(js(a)), raw(js(b)), `${JSON.stringify(a)} != ${JSON.stringify(b)}`);
  // Operators are one token each; a regular expression literal is one token.
  assert.equal(js('a === b').length, 3);
  assert.equal(js('a?.b ?? c').length, 5);
  assert.equal(js('x = /a b c/gi').length, 3);
  // Division after an identifier, `)` or `]`, not a regular expression.
  assert.equal(js('x = (a) / b / c').length, 9);
});

test('renaming: identifiers become one placeholder, keywords, builtins and properties stay', () => {
  const a = js('const total = (xs) => { let s = 0; for (const x of xs) s += Math.max(x.size, 0); return s }');
  const b = js('const f = (q) => { let acc = 0; for (const v of q) acc += Math.max(v.size, 0); return acc }');
  assert.notDeepEqual(raw(a), raw(b));
  assert.deepEqual(canon(a), canon(b));
  assert.notDeepEqual(canon(a), canon(js('const f = (q) => { let acc = 0; for (const v of q) acc += Math.min(v.size, 0); return acc }')));
  assert.notDeepEqual(canon(a), canon(js('const f = (q) => { let acc = 0; for (const v of q) acc += Math.max(v.length, 0); return acc }')));
});

test('block comments are docstrings (text for prompts, dropped for code), line comments are nothing', () => {
  const s = js('/* Return the sum.\n  >>> add(1, 2)\n  3\n  */\nconst add = (a, b) => {\n  // the answer\n  return a + b\n}\n');
  const flags = Array.from(s.flags.subarray(0, s.length));
  assert.ok(flags.slice(0, 4).every((f) => (f & FLAG_DOCSTRING) !== 0), 'the prompt comment is docstring text');
  const code = s.withoutDocstrings(new TokenStream());
  assert.deepEqual(raw(code), raw(js('const add = (a, b) => { return a + b }')));
  // Lines: the code after the comment starts on line 5; the `return` is on line 7.
  assert.equal(code.line[0], 5);
  assert.equal(code.line[code.length - 5], 7);
  // The words of a comment read as the same words in a Python docstring (prompts copied across languages).
  const words = (t: TokenStream): number[] => raw(t).filter((_, i) => (t.flags[i] & FLAG_DOCSTRING) !== 0);
  const py = tokenizeText('def add(a, b):\n    """Return the sum.\n    >>> add(1, 2)\n    3\n    """\n');
  assert.deepEqual(words(s), words(py).slice(1, -1));
});

test('template literals: text as a string, substitutions as code, nesting and lines', () => {
  const s = js('x = `a ${b + `c${d}`} e\nf`\ny');
  assert.equal(s.length, 20); // x = ` a $ { b + ` c $ { d } ` } e f ` y
  assert.equal(s.line[s.length - 1], 3);
  // A `}` inside a substitution's object literal does not end the substitution: `z` is code (renamed), `w` text.
  const placeholders = (t: TokenStream): number => canon(t).filter((h) => h === ID_PLACEHOLDER).length;
  assert.equal(placeholders(js('s = `${ {k: 1}[z] } w`')), 3);
});

test('line numbers: LF, CRLF and CR-only files; unterminated strings stop at the line end', () => {
  for (const nl of ['\n', '\r\n', '\r']) {
    const s = js(`a = 1${nl}b = 'x${nl}c = 3${nl}`);
    assert.deepEqual(Array.from(s.line.subarray(0, s.length)), [1, 1, 1, 2, 2, 2, 2, 3, 3, 3], JSON.stringify(nl));
  }
});

test('never throws, and a reused stream gives what a fresh one gives', () => {
  const inputs = ['', '(((((((((((', '`${`${`${', '/*', '"\\', "'".repeat(500), '/'.repeat(300), '${}'.repeat(200), 'a,)'.repeat(100), '(x)=>'.repeat(100), '#!/usr/bin/env node\nx'];
  const reused = new TokenStream(16);
  for (const text of inputs) {
    const bytes = new TextEncoder().encode(text);
    const fresh = tokenizeJavaScript(bytes, new TokenStream(16));
    const again = tokenizeJavaScript(bytes, reused);
    assert.deepEqual(raw(again), raw(fresh), JSON.stringify(text.slice(0, 20)));
    assert.ok(fresh.length <= bytes.length + 2);
  }
  assert.equal(js('#!/usr/bin/env node\nx').length, 1);
});

test('language dispatch: extensions, code-block info strings, the benchmark language', () => {
  assert.equal(pathLanguage('a/b.js'), 'javascript');
  assert.equal(pathLanguage('a/b.TSX'), 'javascript');
  assert.equal(pathLanguage('a/b.py'), 'python');
  assert.equal(pathLanguage('a/b.txt'), null);
  assert.equal(namedLanguage('javascript title="x.js"'), 'javascript');
  assert.equal(namedLanguage('{.js}'), 'javascript');
  assert.equal(namedLanguage(' python3'), 'python');
  assert.equal(namedLanguage('java'), null);
  assert.equal(namedLanguage(''), null);
  assert.equal(benchmarkLanguage([{ language: 'javascript' }, { language: 'javascript' }]), 'javascript');
  assert.equal(benchmarkLanguage([{ language: 'javascript' }, {}]), 'python');
  assert.equal(benchmarkLanguage([]), 'python');
});

test('function segments: declarations and block-bodied arrows (named by their const), nested too', () => {
  const src = [
    'const a = (x) => {\n  return x + 1\n}',
    'function b(y, z) { if (y) { return z } return y }',
    'const c = async (p, q) => { const d = r => { return r }; return d(p) }',
    'const e = x => x * 2',
    'function broken() { if (x) {',
  ].join('\n');
  const s = js(src);
  const ranges: number[] = [];
  assert.equal(segmentJavaScriptFunctions(s, ranges), 5);
  const text = (start: number, end: number): number[] => raw(s).slice(start, end);
  assert.deepEqual(text(ranges[0], ranges[1]), raw(js('const a = (x) => { return x + 1 }')));
  assert.deepEqual(text(ranges[2], ranges[3]), raw(js('function b(y, z) { if (y) { return z } return y }')));
  assert.deepEqual(text(ranges[4], ranges[5]), raw(js('const c = async (p, q) => { const d = r => { return r }; return d(p) }')));
  assert.deepEqual(text(ranges[6], ranges[7]), raw(js('const d = r => { return r }')));
  assert.deepEqual(text(ranges[8], ranges[9]), raw(js('const e = x => x * 2')));
  // A body not closed within the bound is not searched to the end.
  assert.equal(segmentJavaScriptFunctions(js('function f() { return 1 }'), ranges, 3), 0);
});

test('function segments: class and object-literal methods, getters/setters, expression-bodied arrows; not statements', () => {
  const segments = (src: string): number[][] => {
    const s = js(src);
    const ranges: number[] = [];
    segmentJavaScriptFunctions(s, ranges);
    const out: number[][] = [];
    for (let k = 0; k < ranges.length; k += 2) out.push(raw(s).slice(ranges[k], ranges[k + 1]));
    return out;
  };
  const cls = [
    'class Stack extends Base {',
    '  static of(xs) { return new Stack(xs) }',
    '  get size() { return this.items.length }',
    '  set size(n) { this.items.length = n }',
    '  async *walk() { for (const x of this.items) yield x }',
    '  [Symbol.iterator]() { return this.items.values() }',
    '}',
  ].join('\n');
  assert.deepEqual(segments(cls), [
    raw(js('static of(xs) { return new Stack(xs) }')),
    raw(js('get size() { return this.items.length }')),
    raw(js('set size(n) { this.items.length = n }')),
    raw(js('async *walk() { for (const x of this.items) yield x }')),
    raw(js('[Symbol.iterator]() { return this.items.values() }')),
  ]);
  assert.deepEqual(segments('const o = {\n  area(w, h) { return w * h },\n  half: (x) => x / 2,\n  id: y => y\n}'), [
    raw(js('area(w, h) { return w * h }')),
    raw(js('(x) => x / 2')),
    raw(js('y => y')),
  ]);
  // An expression body ends at a later line indented no deeper than its start, not at the end of the file.
  assert.deepEqual(segments('const f = (a, b) =>\n  a.map((x) => x + b)\n    .filter(Boolean)\nconst g = 1'), [
    raw(js('const f = (a, b) => a.map((x) => x + b).filter(Boolean)')),
    raw(js('(x) => x + b')),
  ]);
  // `if (...) {`, `for`, `while`, `switch`, `catch`, a function's own name, a class heritage: no method.
  assert.deepEqual(segments('if (a) { b() } for (;;) { c() } while (d) { e() } switch (f) { } try { } catch (g) { } class H extends mix(I) { }'), []);
});
