/**
 * Documents inside a corpus file: the code a file holds somewhere other than its own Python source.
 * Markdown code fences, notebook cells, JSON/JSONL string fields and (found by the tokenizer)
 * triple-quoted strings that hold code are each tokenized on their own, with a map from their lines
 * to the file's lines so a match is cited where a reader finds it. Pure: bytes in, segments out.
 */
import { lineBreakByte, MIN_EMBEDDED_CODE_BYTES } from './tokenize.js';
import { namedLanguage, type SourceLanguage } from './language.js';

export interface Segment {
  bytes: Uint8Array;
  /** File line of each segment line (index = segment line - 1); lines past the end map to the last. */
  fileLines: Int32Array;
  /** Where in the file: `code block at line 12`, `cell 3`, `field "code" at line 40`. */
  label: string;
  /** The language the segment states (a code block's info string, a notebook's kernel); absent: the benchmark's. */
  language?: SourceLanguage;
}

/** How a corpus file is read: its own tokens (source code, in its extension's language), and/or the segments inside it. */
export type DocumentKind = 'source' | 'markdown' | 'notebook' | 'json' | 'jsonl';

export function documentKind(path: string): DocumentKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.ipynb')) return 'notebook';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  return 'source';
}

/** Whether the file's bytes are also scanned as one stream (not for JSON, whose strings are escaped). */
export function scansWhole(kind: DocumentKind): boolean {
  return kind === 'source' || kind === 'markdown';
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Lines of a document numbered as the tokenizer numbers them (trailing CRs dropped). */
function fileLines(bytes: Uint8Array): string[] {
  const text = decoder.decode(bytes);
  return (lineBreakByte(bytes) === 0x0a ? text.split('\n') : text.split('\r')).map((l) => (l.charCodeAt(l.length - 1) === 0x0d ? l.replace(/\r+$/, '') : l));
}

/** Line breaks (LF) in a string, counted without splitting it. */
function lineBreaks(s: string): number {
  let n = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) n++;
  return n;
}

function segment(text: string, lines: number[], label: string, language: SourceLanguage | null = null): Segment {
  return { bytes: encoder.encode(text), fileLines: Int32Array.from(lines.length > 0 ? lines : [1]), label, ...(language === null ? {} : { language }) };
}

/** Fenced code blocks (``` or ~~~, CommonMark: up to 3 spaces of indentation, closed by a fence as long). */
export function markdownSegments(bytes: Uint8Array): Segment[] {
  const lines = fileLines(bytes);
  const out: Segment[] = [];
  let open: { char: string; length: number; line: number; language: SourceLanguage | null } | null = null;
  let body: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(lines[i]);
    if (open === null) {
      if (fence !== null) {
        open = { char: fence[1][0], length: fence[1].length, line: i + 1, language: namedLanguage(fence[2]) };
        body = [];
      }
    } else if (fence !== null && fence[1][0] === open.char && fence[1].length >= open.length && lines[i].trim() === fence[1]) {
      out.push(segment(body.join('\n'), body.map((_, k) => open!.line + 1 + k), `code block at line ${open.line}`, open.language));
      open = null;
    } else body.push(lines[i]);
  }
  if (open !== null) out.push(segment(body.join('\n'), body.map((_, k) => open!.line + 1 + k), `code block at line ${open.line}`, open.language));
  return out;
}

/** A JSON string with the file line of its opening quote and the key it is the value of. */
class JsonString {
  constructor(
    readonly value: string,
    readonly line: number,
    readonly key: string | null,
  ) {}
}
type JsonValue = JsonString | JsonValue[] | { [key: string]: JsonValue } | number | boolean | null;

class JsonError extends Error {}

/** A small JSON parser that keeps each string's line (JSON.parse forgets positions). */
/** A JSON literal (true, false, null or a number) starting exactly at lastIndex. */
const JSON_LITERAL = /true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** JSON's one-character escapes (by the character after the backslash) and what they stand for; `\\u` is left to JSON.parse. */
const SIMPLE_ESCAPES: Array<string | undefined> = [];
for (const [c, v] of [['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t']]) SIMPLE_ESCAPES[c.charCodeAt(0)] = v;

/**
 * The value of the JSON string text[from, to) (between its quotes) holding only SIMPLE_ESCAPES, the
 * first at `escape` (-1: none).
 */
function unescapeSimple(text: string, from: number, to: number, escape: number): string {
  if (escape < 0) return text.slice(from, to);
  let out = '';
  for (let k = escape; k < to; k++) {
    if (text.charCodeAt(k) !== 0x5c) continue;
    out += text.slice(from, k) + SIMPLE_ESCAPES[text.charCodeAt(k + 1)];
    from = k + 2;
    k++;
  }
  return out + text.slice(from, to);
}

function parseJson(text: string, firstLine: number): JsonValue {
  let i = 0;
  let line = firstLine;
  const ws = (): void => {
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) line++;
      else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    }
  };
  const str = (key: string | null): JsonString => {
    const start = i;
    const at = line;
    i++;
    // Whether the string holds only escapes SIMPLE_ESCAPES decodes and no control character: then its
    // value is decoded here (JSON.parse per string, for every line of a notebook, costs more).
    let simple = true;
    let escape = -1;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) {
        if (escape < 0) escape = i;
        i++;
        if (simple && SIMPLE_ESCAPES[text.charCodeAt(i)] === undefined) simple = false;
      } else if (c === 0x22) break;
      else if (c === 0x0a) throw new JsonError(`line ${line}: newline inside a string`);
      else if (c < 0x20) simple = false;
    }
    if (i >= text.length) throw new JsonError(`line ${at}: unterminated string`);
    i++;
    return new JsonString(simple ? unescapeSimple(text, start + 1, i - 1, escape) : (JSON.parse(text.slice(start, i)) as string), at, key);
  };
  const value = (key: string | null): JsonValue => {
    ws();
    const c = text[i];
    if (c === '"') return str(key);
    if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') return (i++, arr);
      for (;;) {
        arr.push(value(key));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return (i++, arr);
        else throw new JsonError(`line ${line}: expected , or ]`);
      }
    }
    if (c === '{') {
      i++;
      const obj: { [key: string]: JsonValue } = {};
      ws();
      if (text[i] === '}') return (i++, obj);
      for (;;) {
        ws();
        if (text[i] !== '"') throw new JsonError(`line ${line}: expected a key`);
        const k = str(null).value;
        ws();
        if (text[i] !== ':') throw new JsonError(`line ${line}: expected :`);
        i++;
        obj[k] = value(k);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return (i++, obj);
        else throw new JsonError(`line ${line}: expected , or }`);
      }
    }
    // Sticky at i, over the whole text: a number has no length limit (MBPP+ inputs hold 80-digit integers).
    JSON_LITERAL.lastIndex = i;
    const lit = JSON_LITERAL.exec(text);
    if (lit === null) throw new JsonError(`line ${line}: unexpected ${JSON.stringify(text.slice(i, i + 10))}`);
    i += lit[0].length;
    return lit[0] === 'null' ? null : lit[0] === 'true' ? true : lit[0] === 'false' ? false : Number(lit[0]);
  };
  const v = value(null);
  ws();
  if (i < text.length) throw new JsonError(`line ${line}: trailing text after the JSON value`);
  return v;
}

// A class, not a shape test: asking an object for its keys allocated an array per value looked at.
function isJsonString(v: JsonValue): v is JsonString {
  return v instanceof JsonString;
}

/** Every string value at least MIN_EMBEDDED_CODE_BYTES long, as a segment on the line of its quote. */
function stringSegments(v: JsonValue, out: Segment[], where: (s: JsonString) => string): void {
  if (v === null || typeof v !== 'object') return;
  if (isJsonString(v)) {
    if (v.value.length >= MIN_EMBEDDED_CODE_BYTES) {
      const n = lineBreaks(v.value) + 1;
      out.push(segment(v.value, new Array<number>(n).fill(v.line), where(v)));
    }
    return;
  }
  // A list of strings (MBPP's `test_list`) is also one document, its lines joined.
  if (Array.isArray(v) && v.length > 1 && v.every(isJsonString)) {
    const joined = v.map((x) => x.value).join('\n');
    if (joined.length >= MIN_EMBEDDED_CODE_BYTES) {
      const lines = v.flatMap((x) => new Array<number>(lineBreaks(x.value) + 1).fill(x.line));
      out.push(segment(joined, lines, `${v[0].key === null ? 'list' : `list ${JSON.stringify(v[0].key)}`} at line ${v[0].line}`));
    }
  }
  for (const child of Array.isArray(v) ? v : Object.values(v)) stringSegments(child, out, where);
}

const fieldLabel = (s: JsonString): string => `${s.key === null ? 'string' : `field ${JSON.stringify(s.key)}`} at line ${s.line}`;

export type SegmentsResult = { ok: true; segments: Segment[] } | { ok: false; reason: string };

/** JSON: every long string value. */
export function jsonSegments(bytes: Uint8Array): SegmentsResult {
  try {
    const out: Segment[] = [];
    stringSegments(parseJson(decoder.decode(bytes), 1), out, fieldLabel);
    return { ok: true, segments: out };
  } catch (error) {
    if (error instanceof JsonError || error instanceof SyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** JSONL: every long string value of every row, cited at the row's line; a bad row is skipped and named. */
export function jsonlSegments(bytes: Uint8Array): { segments: Segment[]; badRows: number[] } {
  const out: Segment[] = [];
  const badRows: number[] = [];
  fileLines(bytes).forEach((row, k) => {
    if (row.trim() === '') return;
    try {
      stringSegments(parseJson(row, k + 1), out, fieldLabel);
    } catch (error) {
      if (!(error instanceof JsonError || error instanceof SyntaxError)) throw error;
      badRows.push(k + 1);
    }
  });
  return { segments: out, badRows };
}

/** The notebook's kernel language (`metadata.kernelspec.language`, else `metadata.language_info.name`), or null. */
function kernelLanguage(nb: { [k: string]: JsonValue }): SourceLanguage | null {
  const field = (v: JsonValue | undefined, key: string): JsonValue | undefined =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !isJsonString(v) ? (v as { [k: string]: JsonValue })[key] : undefined;
  for (const v of [field(field(nb.metadata, 'kernelspec'), 'language'), field(field(nb.metadata, 'language_info'), 'name')]) {
    if (v !== undefined && isJsonString(v)) return namedLanguage(v.value);
  }
  return null;
}

/**
 * Notebook cells (nbformat 4: `cells[].source`, a string or a list of lines each written on its own
 * file line by Jupyter): each cell's lines map to the file lines of the strings that hold them; a cell's
 * language is the kernel's.
 */
export function notebookSegments(bytes: Uint8Array): SegmentsResult {
  let nb: JsonValue;
  try {
    nb = parseJson(decoder.decode(bytes), 1);
  } catch (error) {
    if (error instanceof JsonError || error instanceof SyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
  const cells = typeof nb === 'object' && nb !== null && !Array.isArray(nb) && !isJsonString(nb) ? (nb as { [k: string]: JsonValue }).cells : undefined;
  if (!Array.isArray(cells)) return { ok: false, reason: 'no "cells" list (not an nbformat 4 notebook)' };
  const out: Segment[] = [];
  const language = kernelLanguage(nb as { [k: string]: JsonValue });
  cells.forEach((cell, c) => {
    if (typeof cell !== 'object' || cell === null || Array.isArray(cell) || isJsonString(cell)) return;
    const source = (cell as { [k: string]: JsonValue }).source;
    const parts = Array.isArray(source) ? source.filter(isJsonString) : source !== undefined && isJsonString(source) ? [source] : [];
    let text = '';
    const lines: number[] = [];
    for (const part of parts) {
      text += part.value;
      const breaks = lineBreaks(part.value);
      for (let k = 0; k < breaks; k++) lines.push(part.line);
    }
    if (!text.endsWith('\n') && parts.length > 0) lines.push(parts[parts.length - 1].line);
    if (text.trim() !== '') out.push(segment(text, lines, `cell ${c + 1}`, language));
  });
  return { ok: true, segments: out };
}
