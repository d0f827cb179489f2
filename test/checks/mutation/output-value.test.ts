import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEncoded, outputValue, parseLiteral } from '../../../src/checks/mutation/output-value.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { pyRepr } from '../../../src/checks/mutation/py-value.js';

test('outputs: the repr when it is a literal (keeps 1.0 a float), else the typed encoding', async () => {
  const parser = await loadPythonParser();
  assert.equal(pyRepr(outputValue(parser, { value: [1, 2], repr: '[1.0, 2.0]' })!), '[1.0, 2.0]');
  assert.equal(pyRepr(outputValue(parser, { value: { float: 'inf' }, repr: 'inf' })!), "float('inf')");
  assert.equal(pyRepr(outputValue(parser, { value: { tuple: [1, { set: ['a'] }] }, repr: "(1, {'a'})" })!), "(1, {'a'})");
  assert.equal(outputValue(parser, { value: { repr: '<object>' }, repr: '<object at 0x1>' }), undefined);
  assert.equal(parseLiteral(parser, '1, 2'), undefined, 'a bare tuple display is not one value');
  assert.equal(parseLiteral(parser, ''), undefined);
  assert.equal(pyRepr(decodeEncoded({ dict: [['k', { int: '123456789012345678901234567890' }]] })!), "{'k': 123456789012345678901234567890}");
});

test('outputs: an abbreviated repr (long strings, nested too) is not the value; the typed encoding is', async () => {
  const parser = await loadPythonParser();
  const long = Array.from({ length: 1001 }, (_, i) => String(i)).join(' ');
  // reprlib's abbreviation of that string, as the sandbox's short_repr gives it: a valid literal of another string.
  const abbreviated = `'${long.slice(0, 198)}...${long.slice(-199)}'`;
  assert.deepEqual(outputValue(parser, { value: long, repr: abbreviated }), { type: 'str', value: long });
  assert.deepEqual(outputValue(parser, { value: [long, 1], repr: `[${abbreviated}, 1.0]` }), { type: 'list', items: [{ type: 'str', value: long }, { type: 'int', value: 1n }] });
  // Not abbreviated: the literal stays (floats stay floats).
  assert.equal(pyRepr(outputValue(parser, { value: ['a', 2, { tuple: [3] }], repr: "['a', 2.0, (3,)]" }) ?? { type: 'none' }), "['a', 2.0, (3,)]");
});
