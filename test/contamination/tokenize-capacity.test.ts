/**
 * The tokenizer sizes its arrays before each pass (room for one token per two bytes, then, for denser
 * input, for all n + 1 tokens an input can give). Inputs around and past that first limit must give
 * exactly the tokens of an independent oracle (a plain character loop over the documented rules,
 * written for this test), and a stream reused across documents must not keep anything from a
 * previous one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenStream, tokenizePython } from '../../src/contamination/tokenize.js';
import { hashString } from '../../src/contamination/hash.js';

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);

function snapshot(s: { length: number; raw: Uint32Array; canon: Uint32Array; line: Uint32Array; indent: Int32Array; flags: Uint8Array }): unknown {
  const n = s.length;
  return [s.raw, s.canon, s.line, s.indent, s.flags].map((a) => Array.from(a.subarray(0, n)));
}

const QUOTE = '\u0001QUOTE';
const isWord = (c: string): boolean => /[A-Za-z0-9_]/.test(c) || c.charCodeAt(0) >= 0x80;

/**
 * The documented token rules as a plain loop over ASCII text: words, numbers (with dots and exponent
 * signs), one token per punctuation character, comments skipped, and a string as QUOTE, its words and
 * punctuation (any quote character inside is QUOTE), QUOTE, without the closing one when a
 * single-quoted string is cut by the line end.
 */
function oracleTokens(src: string): string[] {
  const out: string[] = [];
  let i = 0;
  const string = (): void => {
    const q = src[i];
    const triple = src[i + 1] === q && src[i + 2] === q;
    i += triple ? 3 : 1;
    out.push(QUOTE);
    while (i < src.length) {
      const c = src[i];
      if (c === q && (!triple || (src[i + 1] === q && src[i + 2] === q))) {
        i += triple ? 3 : 1;
        out.push(QUOTE);
        return;
      }
      if (c === '\n' || c === '\r') {
        if (!triple) return;
        i++;
      } else if (isWord(c)) {
        let j = i;
        while (j < src.length && isWord(src[j])) j++;
        out.push(src.slice(i, j));
        i = j;
      } else if (c === ' ' || c === '\t') i++;
      else if (c === '\\') {
        out.push('\\');
        i++;
        if (src[i] === q) (out.push(QUOTE), i++);
        else if (src[i] === '\\') (out.push('\\'), i++);
      } else {
        out.push(c === '"' || c === "'" ? QUOTE : c);
        i++;
      }
    }
    if (triple) out.push(QUOTE);
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '#') while (i < src.length && src[i] !== '\n') i++;
    else if (c === '"' || c === "'") string();
    else if (/[0-9]/.test(c)) {
      let j = i;
      while (j < src.length && (isWord(src[j]) || src[j] === '.')) j += /[eE]/.test(src[j]) && /[+-]/.test(src[j + 1] ?? '') ? 2 : 1;
      out.push(src.slice(i, j));
      i = j;
    } else if (isWord(c)) {
      let j = i;
      while (j < src.length && isWord(src[j])) j++;
      const word = src.slice(i, j);
      i = j;
      if ((src[i] === '"' || src[i] === "'") && /^[rbuf]{1,2}$/i.test(word)) string();
      else out.push(word);
    } else {
      out.push(c);
      i++;
    }
  }
  return out;
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

test('the oracle agrees with the tokenizer on ordinary code with strings, escapes and comments', () => {
  const code = 'def f(a, b=1.5e-3):\n    """Doc \'q\' "w"."""\n    s = r"x\\"y" + \'it\\\'s\'  # c\n    return [a, b] == {1: 2}  # don\'t\n';
  const s = tokenizePython(encode(code), new TokenStream());
  assert.deepEqual(Array.from(s.raw.subarray(0, s.length)), oracleTokens(code).map((t) => hashString(t)));
});

test('dense and edge inputs tokenize exactly as the oracle says, in fresh and reused streams', () => {
  const reused = new TokenStream();
  // Dense first, then sparse, then dense again: a reused stream must not carry tokens over.
  for (const [name, bytes] of [...INPUTS, ...INPUTS.slice().reverse()]) {
    const fresh = tokenizePython(bytes, new TokenStream(16));
    const expected = oracleTokens(new TextDecoder().decode(bytes)).map((t) => hashString(t));
    assert.deepEqual(Array.from(fresh.raw.subarray(0, fresh.length)), expected, `${name} (fresh small stream, against the oracle)`);
    assert.deepEqual(snapshot(tokenizePython(bytes, reused)), snapshot(fresh), `${name} (reused stream = fresh stream)`);
  }
});
