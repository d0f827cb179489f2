import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsStringSegment } from '../../src/contamination/embedded-js.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

function segment(file: string, literal: string, firstLine: number) {
  const bytes = enc.encode(file);
  const start = file.indexOf(literal);
  const s = jsStringSegment(bytes, start, start + literal.length, firstLine, file.includes('\n') ? 0x0a : 0x0d);
  return { text: dec.decode(s.bytes), lines: [...s.fileLines], label: s.label };
}

test('a quoted string decodes its escapes; every decoded line is cited at the string\'s one file line', () => {
  const s = segment('x\nconst a = "f = (a) => {\\n  return \\"\\u0041\\x42\\u{1F600}\\"\\n}";\n', 'f = (a) => {\\n  return \\"\\u0041\\x42\\u{1F600}\\"\\n}', 2);
  assert.equal(s.text, 'f = (a) => {\n  return "AB\u{1F600}"\n}');
  assert.deepEqual(s.lines, [2, 2, 2]);
  assert.equal(s.label, 'string at line 2');
});

test('a template keeps its raw lines (LF, CRLF or CR files) and a line continuation moves the file line on', () => {
  for (const nl of ['\n', '\r\n', '\r']) {
    const body = `${nl}a => {${nl}  return \\\`x\\\`${nl}}\\${nl}`;
    const s = segment(`const t = \`${body}\`${nl}`, body, 1);
    assert.equal(s.text, '\na => {\n  return `x`\n}', JSON.stringify(nl));
    assert.deepEqual(s.lines, [1, 2, 3, 4], JSON.stringify(nl));
  }
});
