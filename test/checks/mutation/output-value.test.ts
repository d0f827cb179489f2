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
