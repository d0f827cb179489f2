import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { py, pyRepr, type PyValue } from '../../../src/checks/mutation/py-value.js';
import { brokenFormats, DICT_ORDERINGS_MAX, dictReorderings, formatRules, mayDependOnHashSeed, offFormat, promptFormats, singleSeparatorPositions, whitespaceRuns } from '../../../src/checks/mutation/suite-oracle.js';

const repr = (args: readonly PyValue[]) => args.map(pyRepr).join(', ');
const keys = (...ks: string[]): PyValue => py.dict(...ks.map((k): [PyValue, PyValue] => [py.str(k), py.str('v')]));

describe('dict-order: reorderings of the dicts in an input', () => {
  it('every rotation and the reversal, so a reference deciding on the first two keys meets every key (HumanEval/95)', () => {
    const out = dictReorderings([keys('fruit', 'taste', 'Age')]).map((a) => repr(a));
    assert.deepEqual(out, [
      "{'taste': 'v', 'Age': 'v', 'fruit': 'v'}",
      "{'Age': 'v', 'fruit': 'v', 'taste': 'v'}",
      "{'Age': 'v', 'taste': 'v', 'fruit': 'v'}",
    ]);
    // HumanEval's reference looks at 'fruit' and 'taste' only (True); the rotation that puts 'Age' first makes it answer False.
    const firstTwoAgree = (a: PyValue[]) => {
      const d = a[0] as Extract<PyValue, { type: 'dict' }>;
      const [x, y] = d.entries.map(([k]) => (k as { value: string }).value);
      return x === x.toLowerCase() && y === y.toLowerCase();
    };
    assert.ok(firstTwoAgree([keys('fruit', 'taste', 'Age')]));
    assert.ok(dictReorderings([keys('fruit', 'taste', 'Age')]).some((a) => !firstTwoAgree(a)));
  });
  it('nothing to reorder without a dict of two keys; dicts inside lists too; at most DICT_ORDERINGS_MAX', () => {
    assert.deepEqual(dictReorderings([py.list(py.int(1), py.int(2))]), []);
    assert.deepEqual(dictReorderings([keys('a')]), []);
    assert.equal(dictReorderings([py.list(keys('a', 'b'))]).length, 1);
    const many = keys(...Array.from({ length: 40 }, (_, i) => `k${i}`));
    assert.equal(dictReorderings([many]).length, DICT_ORDERINGS_MAX);
  });
});

describe('whitespace-run: a run of separators where the tests use one at a time', () => {
  // HumanEval/111 histogram: 'a b b a', 'r t g', ''. Its reference counts the '' between two spaces as a letter.
  const tests: PyValue[][] = [[py.str('a b b a')], [py.str('r t g')], [py.str('')]];
  it('binds where the tests have single spaces, at the positions that do', () => {
    assert.deepEqual(singleSeparatorPositions(tests), [0]);
    assert.deepEqual(whitespaceRuns([py.str('a b  d g')], [0]), [0]);
    assert.deepEqual(whitespaceRuns([py.str('a b d g')], [0]), []);
    assert.deepEqual(whitespaceRuns([py.list(py.str('x\t y'))], [0]), [0]);
  });
  it('no rule where a test has a run (HumanEval/140 fix_spaces) or no test has whitespace', () => {
    assert.deepEqual(singleSeparatorPositions([[py.str('Example')], [py.str('Exa   mple')]]), []);
    assert.deepEqual(singleSeparatorPositions([[py.str('abc')], [py.str('de')]]), []);
  });
});

describe('prompt-format: strings off a format the prompt names', () => {
  const prompt = 'returns True if the date is valid otherwise False.\n    4. The date should be in the format: mm-dd-yyyy\n';
  it('reads letter runs of one repeated letter as digit counts; prose is no format', () => {
    assert.deepEqual(promptFormats(prompt).map((r) => r.source), ['^\\d{2}\\-\\d{2}\\-\\d{4}$']);
    assert.deepEqual(promptFormats('the time as hh:mm, e.g. 09:30').map((r) => r.source), ['^\\d{2}\\:\\d{2}$']);
    assert.deepEqual(promptFormats('a well-known x-y plot, i.e. nothing, e.g. this'), []);
  });
  // HumanEval/124 valid_date's tests: on the format True or False by value; off it always False.
  const tests = [
    { args: [py.str('03-11-2000')], answer: py.bool(true) },
    { args: [py.str('15-01-2012')], answer: py.bool(false) },
    { args: [py.str('04-0-2040')], answer: py.bool(false) },
    { args: [py.str('2003-04-12')], answer: py.bool(false) },
    { args: [py.str('')], answer: py.bool(false) },
  ];
  it("off the format, only the tests' answer for such inputs is decided (the reference's True on '003-11-2000' is not)", () => {
    const rules = formatRules(prompt, tests);
    assert.equal(rules.length, 1);
    assert.equal(rules[0].offFormatAnswer, 'False');
    assert.equal(brokenFormats(rules, [py.str('003-11-2000')], py.bool(true)).length, 1);
    assert.equal(brokenFormats(rules, [py.str('0002-11-30')], py.bool(true)).length, 1);
    assert.equal(brokenFormats(rules, [py.str('0412203')], py.bool(false)).length, 0);
    assert.ok(offFormat(rules, [py.str('0412203')]));
    // On the format the reference decides.
    assert.equal(brokenFormats(rules, [py.str('02-30-2000')], py.bool(false)).length, 0);
    assert.ok(!offFormat(rules, [py.str('02-30-2000')]));
  });
  it('no rule when no test fits the format; no decided answer when the tests give off-format inputs two', () => {
    assert.deepEqual(formatRules(prompt, [{ args: [py.str('March 3')], answer: py.bool(true) }]), []);
    const mixed = formatRules(prompt, [...tests, { args: [py.str('3-11-2000')], answer: py.bool(true) }]);
    assert.equal(mixed[0].offFormatAnswer, undefined);
    assert.equal(brokenFormats(mixed, [py.str('0412203')], py.bool(false)).length, 1);
  });
});

describe('hash-seed: which inputs an answer could move with PYTHONHASHSEED on', () => {
  it('a str in the arguments or the answer, at any depth; numbers, None and bools alone never', () => {
    const ints = [py.tuple(py.int(3), py.int(4)), py.tuple(py.int(4), py.int(5))];
    assert.equal(mayDependOnHashSeed(ints, py.tuple(py.int(3), py.int(5))), false);
    assert.equal(mayDependOnHashSeed([py.list(py.float(0.5), py.none(), py.bool(true))], py.dict([py.int(1), py.float(2)])), false);
    // MBPP+'s find_dissimilar on strings: the tuple of a set of strings.
    assert.equal(mayDependOnHashSeed([py.tuple(py.str('a'), py.str('b')), py.tuple(py.str('c'))], py.tuple(py.str('a'), py.str('b'), py.str('c'))), true);
    // A str built from ints (''.join of a set of digits) shows in the answer; nested strs count too.
    assert.equal(mayDependOnHashSeed([py.int(1231)], py.str('123')), true);
    assert.equal(mayDependOnHashSeed([py.list(py.tuple(py.int(1), py.str('x')))], py.int(1)), true);
    assert.equal(mayDependOnHashSeed([py.dict([py.str('k'), py.int(1)])], py.int(1)), true);
  });
});
