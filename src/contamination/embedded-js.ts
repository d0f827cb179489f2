/**
 * Code inside a JavaScript string or template literal as a document of its own: the literal's content with its
 * escapes decoded (a solution stored as `"const f = (a) => {\n  return a\n}"` reads as the lines it stands for), and
 * a map from each decoded line to the file line it starts on, so a match is cited where a reader finds it. Pure.
 */
import type { Segment } from './embedded.js';

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * The literal's content `bytes[start, end)` (between its quotes or backticks), which starts on file line `firstLine`;
 * `lineBreak` is the byte that counts a file line (tokenize.ts's `lineBreakByte` of the file).
 */
export function jsStringSegment(bytes: Uint8Array, start: number, end: number, firstLine: number, lineBreak: number): Segment {
  const text = decoder.decode(bytes.subarray(start, end));
  const sep = String.fromCharCode(lineBreak);
  let out = '';
  let fileLine = firstLine;
  const lines: number[] = [firstLine];
  const newline = () => {
    out += '\n';
    lines.push(fileLine);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' || c === '\n') {
      // A raw line break (templates): one decoded line per file line break, CRLF as one.
      if (c === sep) fileLine++;
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
        if (sep === '\n') fileLine++;
      }
      newline();
      continue;
    }
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const e = text[++i];
    if (e === '\r' || e === '\n') {
      // A line continuation: nothing decoded, the file line moves on.
      if (e === sep) fileLine++;
      if (e === '\r' && text[i + 1] === '\n') {
        i++;
        if (sep === '\n') fileLine++;
      }
      continue;
    }
    if (e === 'n') newline();
    else if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (e === 'u' && text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      const cp = close > 0 ? parseInt(text.slice(i + 2, close), 16) : NaN;
      if (Number.isInteger(cp) && cp <= 0x10ffff) {
        out += String.fromCodePoint(cp);
        i = close;
      } else out += e;
    } else out += e; // `\'`, `\"`, `` \` ``, `\\`, `\$` and any other character stand for themselves
  }
  const decoded = encoder.encode(out);
  return { bytes: decoded, fileLines: Int32Array.from(lines), label: `string at line ${firstLine}` };
}
