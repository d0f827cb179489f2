/**
 * The tokenizer sizes its arrays before each pass (room for one token per two bytes, then, for denser
 * input, for all n + 1 tokens an input can give). Inputs around and past that first limit must give
 * exactly the tokens of the frozen reference tokenizer (test/contamination/reference), and a stream
 * reused across documents must not keep anything from a previous one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenStream, tokenizePython } from '../../src/contamination/tokenize.js';
import { TokenStream as ReferenceStream, tokenizePython as referenceTokenize } from './reference/tokenize.js';

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

function snapshot(s: { length: number; raw: Uint32Array; canon: Uint32Array; line: Uint32Array; indent: Int32Array; flags: Uint8Array }): unknown {
  const n = s.length;
  return [s.raw, s.canon, s.line, s.indent, s.flags].map((a) => Array.from(a.subarray(0, n)));
}

const INPUTS: Array<[string, Uint8Array]> = [
  ['empty', encode('')],
  ['one byte', encode('x')],
  ['lone quote (unterminated at the end)', encode('"')],
  ['all punctuation', encode('(['.repeat(700))],
  ['empty strings', encode('""'.repeat(400))],
  ['escaped quotes', encode(`"${'\\"'.repeat(500)}"`)],
  ['open triple string full of punctuation', encode(`"""${'a.'.repeat(600)}`)],
  ['escapes then end of input', encode(`'${"\\'".repeat(300)}`)],
  ['dense line then ordinary code', encode(`x=(${'1,'.repeat(900)})\ndef f(a, b):\n    """Doc."""\n    return a + b\n`)],
  ['ordinary code', encode('def f(a, b):\n    """Add."""\n    return a + b  # sum\n')],
];

test('dense and edge inputs tokenize exactly as the reference tokenizer, in fresh and reused streams', () => {
  const reused = new TokenStream();
  const reference = new ReferenceStream();
  // Dense first, then sparse, then dense again: a reused stream must not carry tokens over.
  for (const [name, bytes] of [...INPUTS, ...INPUTS.slice().reverse()]) {
    const expected = snapshot(referenceTokenize(bytes, reference));
    assert.deepEqual(snapshot(tokenizePython(bytes, reused)), expected, `${name} (reused stream)`);
    assert.deepEqual(snapshot(tokenizePython(bytes, new TokenStream(16))), expected, `${name} (fresh small stream)`);
  }
});
