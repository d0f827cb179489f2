import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { widenToDefHeader } from '../../src/contamination/scanner.js';
import { alphaRename, similarityRatio } from '../../src/contamination/similarity.js';
import { TokenStream, tokenizeText } from '../../src/contamination/tokenize.js';

const tokens = (src: string) => tokenizeText(src, new TokenStream());

describe('renamed copies whose signature differs (type hints dropped)', () => {
  const ref = 'def encode(text: str) -> str:\n    out = []\n    for ch in text:\n        out.append(ch * 2)\n    return "".join(out)\n';
  const copy = 'x = 1\n\ndef dup(s):\n    acc = []\n    for c in s:\n        acc.append(c * 2)\n    return "".join(acc)\n';

  it('widenToDefHeader moves a body start back to its def, and leaves other starts alone', () => {
    const s = tokens(copy);
    const body = Array.from(s.raw.slice(0, s.length)).findIndex((_, i) => i > 0 && s.indent[i] >= 0 && s.line[i] === 4);
    assert.ok(body > 0);
    const widened = widenToDefHeader(s, body);
    assert.equal(s.line[widened], 3, 'the def line');
    const first = widenToDefHeader(s, 0);
    assert.equal(first, 0);
    // A start on the second body statement is not widened (another statement stands between).
    const second = Array.from(s.raw.slice(0, s.length)).findIndex((_, i) => s.indent[i] >= 0 && s.line[i] === 5);
    assert.equal(widenToDefHeader(s, second), second);
  });

  it('alpha-renamed similarity is high from the header, low from the body start', () => {
    const a = tokens(ref);
    const b = tokens(copy);
    const ra = alphaRename(a.raw, a.canon, 0, a.length);
    const defAt = Array.from(b.raw.slice(0, b.length)).findIndex((_, i) => b.line[i] === 3);
    const bodyAt = Array.from(b.raw.slice(0, b.length)).findIndex((_, i) => b.line[i] === 4);
    const fromHeader = alphaRename(b.raw, b.canon, defAt, b.length);
    const fromBody = alphaRename(b.raw, b.canon, bodyAt, b.length);
    const simHeader = similarityRatio(ra, 0, ra.length, fromHeader, 0, fromHeader.length);
    const simBody = similarityRatio(ra, 0, ra.length, fromBody, 0, fromBody.length);
    assert.ok(simHeader >= 0.85, `from the header: ${simHeader}`);
    assert.ok(simBody < simHeader, `from the body: ${simBody}`);
  });
});

describe('matched text for the report', () => {
  it('linesText returns the 1-based inclusive line range, cut at MAX_MATCH_TEXT_CHARS', async () => {
    const { linesText, MAX_MATCH_TEXT_CHARS } = await import('../../src/contamination/scanner.js');
    const bytes = new TextEncoder().encode('a\nbb\nccc\ndddd\n');
    assert.equal(linesText(bytes, 2, 3), 'bb\nccc');
    assert.equal(linesText(bytes, 1, 1), 'a');
    assert.equal(linesText(bytes, 4, 9), 'dddd\n');
    const long = new TextEncoder().encode('x'.repeat(MAX_MATCH_TEXT_CHARS * 2));
    assert.equal(linesText(long, 1, 1), `${'x'.repeat(MAX_MATCH_TEXT_CHARS)}\n…`);
  });
});
