import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  callRepr,
  decodeEscapes,
  evalplusOutputsMatch,
  floatRepr,
  fromJson,
  isFloats,
  literalValue,
  py,
  pyEquals,
  pyRepr,
  strRepr,
  type PyValue,
} from '../../../src/checks/mutation/py-value.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';

/** Evaluate the literal expression `text` with tree-sitter. */
async function lit(text: string): Promise<PyValue | undefined> {
  const parser = await loadPythonParser();
  return parser.withTree(`(${text})\n`, (tree) => {
    const expr = tree.rootNode.namedChild(0)?.namedChild(0);
    return expr ? literalValue(expr) : undefined;
  });
}

test('floatRepr follows CPython repr (shortest digits, exponent outside [1e-4, 1e16))', () => {
  const cases: Array<[number, string]> = [
    [1, '1.0'],
    [0.1, '0.1'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [123.456, '123.456'],
    [1e22, '1e+22'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [-2.5, '-2.5'],
    [100, '100.0'],
    [12345678901234567, '1.2345678901234568e+16'],
    [0.3, '0.3'],
    [-0, '-0.0'],
    [Infinity, "float('inf')"],
    [NaN, "float('nan')"],
  ];
  for (const [x, expected] of cases) assert.equal(floatRepr(x), expected, String(x));
});

test('strRepr follows CPython repr (quote choice, escapes, printable non-ASCII kept)', () => {
  const cases: Array<[string, string]> = [
    ['a', "'a'"],
    ["it's", `"it's"`],
    [`both ' "`, `'both \\' "'`],
    ['tab\tnl\n', "'tab\\tnl\\n'"],
    ['\x00\x7f', "'\\x00\\x7f'"],
    ['é€😀', "'é€😀'"],
    ['\u200b', "'\\u200b'"],
    ['\xa0', "'\\xa0'"],
    ['back\\slash', "'back\\\\slash'"],
  ];
  for (const [s, expected] of cases) assert.equal(strRepr(s), expected, JSON.stringify(s));
});

test('pyRepr of containers and callRepr', () => {
  assert.equal(pyRepr(py.tuple(py.int(1))), '(1,)');
  assert.equal(pyRepr(py.tuple()), '()');
  assert.equal(pyRepr(py.set()), 'set()');
  assert.equal(pyRepr(py.set(py.int(1), py.int(2))), '{1, 2}');
  assert.equal(pyRepr(py.dict([py.str('a'), py.list(py.none(), py.bool(true))])), "{'a': [None, True]}");
  assert.equal(callRepr('f', [py.list(py.float(1), py.float(2.5)), py.int(-3)]), 'f([1.0, 2.5], -3)');
});

test('literalValue evaluates literal syntax and refuses everything else', async () => {
  const cases: Array<[string, string]> = [
    ['1_000', '1000'],
    ['-0x10', '-16'],
    ['0b101', '5'],
    ['-2.50', '-2.5'],
    ['1e3', '1000.0'],
    ["'a\\tb'", "'a\\tb'"],
    ["r'a\\tb'", "'a\\\\tb'"],
    ["'ab' \"cd\"", "'abcd'"],
    ['"\\x41\\u00e9\\101"', "'AéA'"],
    ['[1, (2,), {3}, {"k": None}]', "[1, (2,), {3}, {'k': None}]"],
    ['()', '()'],
    ["float('inf')", "float('inf')"],
    ['-True', '-1'],
    ['((7))', '7'],
  ];
  for (const [text, repr] of cases) {
    const v = await lit(text);
    assert.ok(v !== undefined, text);
    assert.equal(pyRepr(v), repr, text);
  }
  for (const text of ['x', 'f(1)', '[1, x]', "b'ab'", "f'{x}'", '1j', '1 + 2', '"\\N{BULLET}"', '{**d}']) {
    assert.equal(await lit(text), undefined, text);
  }
});

test('decodeEscapes: unknown escapes keep the backslash; malformed \\x is refused', () => {
  assert.equal(decodeEscapes('a\\qb'), 'a\\qb');
  assert.equal(decodeEscapes('\\x4'), undefined);
  assert.equal(decodeEscapes('line\\\ncont'), 'linecont');
});

test('pyEquals has Python semantics', () => {
  assert.ok(pyEquals(py.int(1), py.float(1)));
  assert.ok(pyEquals(py.bool(true), py.int(1)));
  assert.ok(!pyEquals(py.float(0.5), py.int(0)));
  assert.ok(!pyEquals(py.list(py.int(1)), py.tuple(py.int(1))));
  assert.ok(pyEquals(py.set(py.int(1), py.int(2)), py.set(py.int(2), py.int(1))));
  assert.ok(pyEquals(py.dict([py.str('a'), py.int(1)], [py.str('b'), py.int(2)]), py.dict([py.str('b'), py.int(2)], [py.str('a'), py.int(1)])));
  assert.ok(!pyEquals(py.dict([py.str('a'), py.int(1)]), py.dict([py.str('a'), py.int(2)])));
  assert.ok(!pyEquals(py.float(NaN), py.float(NaN)));
  assert.ok(!pyEquals(py.none(), py.int(0)));
  assert.ok(!pyEquals(py.str('1'), py.int(1)));
  assert.ok(pyEquals(py.int(2n ** 70n), py.float(2 ** 70)));
});

test('evalplusOutputsMatch: exact, or close floats of the same type (atol, rtol 1e-7, default atol 1e-6)', () => {
  assert.ok(evalplusOutputsMatch(py.int(3), py.int(3)));
  assert.ok(!evalplusOutputsMatch(py.int(3), py.int(4)));
  assert.ok(evalplusOutputsMatch(py.float(0.3), py.float(0.1 + 0.2)));
  assert.ok(evalplusOutputsMatch(py.float(1), py.float(1 + 5e-7)), 'default atol 1e-6 for float outputs');
  assert.ok(!evalplusOutputsMatch(py.float(1), py.float(1 + 5e-6)));
  assert.ok(evalplusOutputsMatch(py.float(1), py.float(1.004), 0.01));
  assert.ok(evalplusOutputsMatch(py.float(1), py.int(1)), '1 == 1.0 exactly, whatever the types');
  assert.ok(!evalplusOutputsMatch(py.float(1.5), py.int(2), 1), 'type must match when not exactly equal');
  assert.ok(evalplusOutputsMatch(py.list(py.float(1), py.float(2)), py.list(py.float(1), py.float(2 + 1e-7))));
  assert.ok(!evalplusOutputsMatch(py.list(py.float(1), py.float(2)), py.list(py.float(1))));
  assert.ok(!evalplusOutputsMatch(py.list(py.float(1)), py.tuple(py.float(1 + 1e-9))));
  assert.ok(evalplusOutputsMatch(py.float(1e9), py.float(1e9 + 50)), 'rtol 1e-7 scales with the expected value');
  assert.ok(isFloats(py.tuple(py.float(1))) && !isFloats(py.list()) && !isFloats(py.list(py.float(1), py.int(1))));
});

test('fromJson mirrors json.loads (integral numbers become ints)', () => {
  assert.equal(pyRepr(fromJson([1, 2.5, 'a', null, true, { k: [1] }])!), "[1, 2.5, 'a', None, True, {'k': [1]}]");
  assert.equal(fromJson(undefined), undefined);
});
