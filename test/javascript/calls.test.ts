import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { comparesToLiterals, literalCalls } from '../../src/javascript/calls.js';
import { loadJavaScriptParser } from '../../src/javascript/parser.js';

describe('test scripts: literal calls and literal comparisons', () => {
  it('lists the literal argument lists passed to the entry point, once each, in order', async () => {
    const parser = await loadJavaScriptParser();
    const script = 'console.assert(f(1, [2, -3]) === 4)\nconsole.assert(f(x) === 1)\nconsole.assert(f(1, [2, -3]) === 4)\ng(5)\n';
    assert.deepEqual(literalCalls(parser, script, 'f'), ['1, [2, -3]']);
  });

  it('sees an answer compared to a literal: ===, ==, through JSON.stringify, within a tolerance', async () => {
    const parser = await loadJavaScriptParser();
    for (const script of [
      'console.assert(f(1) === true)',
      'console.assert(2 == f([1, 2]))',
      'console.assert(JSON.stringify(f([1, 2])) === JSON.stringify([2, 1]))',
      'console.assert(Math.abs(f([1.0, 2.0]) - 0.5) < 1e-6)',
    ])
      assert.equal(comparesToLiterals(parser, script, 'f'), true, script);
  });

  it('knows tests that judge by a property: any root, decoding undoes encoding, another function, non-literal inputs', async () => {
    const parser = await loadJavaScriptParser();
    for (const script of [
      'let s = f(coeffs);\nconsole.assert(Math.abs(poly(coeffs, s)) < 1e-4)',
      'console.assert(decode(encode(str)) === str)',
      'console.assert(f(xs) === 3)',
      'console.assert(g(1) === 2)',
      'console.assert(f(1) === f(2))',
      'console.assert(Math.abs(poly([1, 2], f([1, 2]))) < 1e-4)',
    ])
      assert.equal(comparesToLiterals(parser, script, 'f'), false, script);
  });
});
