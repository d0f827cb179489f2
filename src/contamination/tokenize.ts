/**
 * A byte-level Python tokenizer for contamination detection. It works on raw bytes (UTF-8 or not:
 * non-ASCII bytes are identifier characters), never builds strings, and writes token hashes into
 * reusable typed arrays, so a corpus scan allocates nothing per token.
 *
 * Tokens: identifiers/keywords, numbers, one token per punctuation character (so `==` is `=` `=`:
 * whitespace-insensitive and consistent on both sides of a comparison), and strings. A string becomes
 * QUOTE, the words and punctuation inside it, QUOTE: whitespace inside strings (docstring
 * indentation, reflowed text) does not matter, and a partly copied docstring still matches in part.
 * Every quote character is the one QUOTE token, as a delimiter or inside a string, and a
 * single-quoted string cut by the line end gets no closing token: so `'std'` and `don't` in prose
 * (an MBPP prompt) tokenize exactly as the same words inside a corpus docstring.
 * Comments, blank lines, indentation and line continuations produce no tokens.
 *
 * Two hash streams come out of one pass: `raw` (identifiers as written) and `canon`, where every
 * identifier that is not a keyword, a builtin, `self`/`cls`, or an attribute name (after `.`) becomes
 * the placeholder ID, which survives consistent renaming of functions, parameters and locals.
 *
 * Each token also carries its 1-based line (see `lineBreakByte`: LF counts lines, or CR in a file
 * without any LF; a lone CR elsewhere still ends a logical line, as in CPython), its indentation column when it starts a logical line
 * (else -1), and flags: DOCSTRING for tokens of a string that forms a statement on its own.
 */
import { FNV_OFFSET, FNV_PRIME, fmix32, hashString } from './hash.js';

export const FLAG_DOCSTRING = 1;

/** Initial capacity of a token stream; it doubles as needed and is reused across documents. */
const INITIAL_TOKEN_CAPACITY = 4096;
/** Tab stops every 8 columns, as CPython's tokenizer computes indentation. */
const TAB_SIZE = 8;

/** Any quote character: string delimiters and quotes inside strings alike (see the header). */
export const QUOTE = hashString('\u0001QUOTE');
export const STR_OPEN = QUOTE;
export const STR_CLOSE = QUOTE;

/**
 * A triple-quoted string (or JSON string) at least this long whose content mentions code
 * (`CODE_MARKERS`; any content for JSON) is also tokenized as code on its own (`TokenStream.strings`):
 * solutions stored as `'''Standard answer: ...'''` or kept in a JSON field. 24 bytes: the shortest
 * MBPP solutions (`def f(a):\n  return 4*a`) are about that long.
 */
export const MIN_EMBEDDED_CODE_BYTES = 24;
export const ID_PLACEHOLDER = hashString('\u0001ID');

export class TokenStream {
  raw: Uint32Array;
  canon: Uint32Array;
  line: Uint32Array;
  indent: Int32Array;
  flags: Uint8Array;
  length = 0;
  /** Triple-quoted strings that may hold code: flat [contentStart, contentEnd, firstLine] byte ranges. */
  strings: number[] = [];

  constructor(capacity = INITIAL_TOKEN_CAPACITY) {
    this.raw = new Uint32Array(capacity);
    this.canon = new Uint32Array(capacity);
    this.line = new Uint32Array(capacity);
    this.indent = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  reset(): void {
    this.length = 0;
    this.strings.length = 0;
  }

  grow(): void {
    const cap = this.raw.length * 2;
    const raw = new Uint32Array(cap);
    raw.set(this.raw);
    this.raw = raw;
    const canon = new Uint32Array(cap);
    canon.set(this.canon);
    this.canon = canon;
    const line = new Uint32Array(cap);
    line.set(this.line);
    this.line = line;
    const indent = new Int32Array(cap);
    indent.set(this.indent);
    this.indent = indent;
    const flags = new Uint8Array(cap);
    flags.set(this.flags);
    this.flags = flags;
  }

  /** Grow (keeping the tokens) until at least `capacity` tokens fit. */
  reserve(capacity: number): void {
    while (this.raw.length < capacity) this.grow();
  }

  push(raw: number, canon: number, line: number, indent: number, flags: number): void {
    if (this.length === this.raw.length) this.grow();
    const i = this.length++;
    this.raw[i] = raw;
    this.canon[i] = canon;
    this.line[i] = line;
    this.indent[i] = indent;
    this.flags[i] = flags;
  }

  /** Copy the tokens without the DOCSTRING flag into `out` (reset first). Returns `out`. */
  withoutDocstrings(out: TokenStream): TokenStream {
    out.reset();
    out.reserve(this.length);
    const { raw, canon, line, indent, flags } = this;
    const oRaw = out.raw;
    const oCanon = out.canon;
    const oLine = out.line;
    const oIndent = out.indent;
    const oFlags = out.flags;
    const n = this.length;
    let w = 0;
    // Token by token: a `set` of five subarrays per run of kept tokens allocated ten views per
    // docstring, which cost more than the copy.
    for (let i = 0; i < n; i++) {
      if ((flags[i] & FLAG_DOCSTRING) !== 0) continue;
      oRaw[w] = raw[i];
      oCanon[w] = canon[i];
      oLine[w] = line[i];
      oIndent[w] = indent[i];
      oFlags[w] = flags[i];
      w++;
    }
    out.length = w;
    return out;
  }

  hasDocstrings(): boolean {
    for (let i = 0; i < this.length; i++) if ((this.flags[i] & FLAG_DOCSTRING) !== 0) return true;
    return false;
  }
}

// Byte classes.
const C_OTHER = 0;
const C_IDENT = 1;
const C_DIGIT = 2;
const C_SPACE = 3;
const C_NL = 4;
const C_CR = 5;
const C_QUOTE = 6;
const C_HASH = 7;
const C_BACKSLASH = 8;
const C_OPEN = 9;
const C_CLOSE = 10;

const CLASS = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  let c = C_OTHER;
  if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b >= 0x80) c = C_IDENT;
  else if (b >= 0x30 && b <= 0x39) c = C_DIGIT;
  else if (b === 0x20 || b === 0x09 || b === 0x0c) c = C_SPACE;
  else if (b === 0x0a) c = C_NL;
  else if (b === 0x0d) c = C_CR;
  else if (b === 0x22 || b === 0x27) c = C_QUOTE;
  else if (b === 0x23) c = C_HASH;
  else if (b === 0x5c) c = C_BACKSLASH;
  else if (b === 0x28 || b === 0x5b || b === 0x7b) c = C_OPEN;
  else if (b === 0x29 || b === 0x5d || b === 0x7d) c = C_CLOSE;
  else if (b < 0x20 || b === 0x7f) c = C_SPACE; // other control bytes: ignore like whitespace
  CLASS[b] = c;
}

/** Word characters inside strings and numbers: letters, digits, underscore, non-ASCII. */
const WORD = new Uint8Array(256);
for (let b = 0; b < 256; b++) WORD[b] = CLASS[b] === C_IDENT || CLASS[b] === C_DIGIT ? 1 : 0;

/** Hash of a single punctuation byte, precomputed. */
const PUNCT_HASH = new Uint32Array(256);
for (let b = 0; b < 256; b++) PUNCT_HASH[b] = fmix32(Math.imul(FNV_OFFSET ^ b, FNV_PRIME));

function bytesHash(text: string): number {
  let h = FNV_OFFSET;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) h = Math.imul(h ^ b, FNV_PRIME);
  return fmix32(h);
}

/** Python keywords, soft keywords and constants: never canonicalized. */
const KEYWORDS = [
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'self', 'cls',
];
/** Builtins a renaming transformation leaves alone (they are not the author's names). */
const BUILTINS = [
  'abs', 'all', 'any', 'ascii', 'bin', 'bool', 'bytearray', 'bytes', 'callable', 'chr', 'classmethod', 'compile',
  'complex', 'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'exec', 'filter', 'float', 'format',
  'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'hex', 'id', 'input', 'int', 'isinstance', 'issubclass',
  'iter', 'len', 'list', 'locals', 'map', 'max', 'min', 'next', 'object', 'oct', 'open', 'ord', 'pow', 'print',
  'property', 'range', 'repr', 'reversed', 'round', 'set', 'setattr', 'slice', 'sorted', 'staticmethod', 'str',
  'sum', 'super', 'tuple', 'type', 'vars', 'zip', 'Exception', 'ValueError', 'TypeError', 'KeyError',
  'IndexError', 'StopIteration', 'NotImplementedError', 'RuntimeError', 'AssertionError', 'ZeroDivisionError',
  'List', 'Dict', 'Tuple', 'Optional', 'Any', 'Set', 'Union', 'Callable', 'Iterable', 'math', 'typing', 're',
  'collections', 'itertools', 'heapq', 'functools', 'sys', 'os',
];

/** Open-addressing set of the hashes above (power-of-two size, load < 1/4). */
const RESERVED_SIZE = 1024;
const RESERVED = new Uint32Array(RESERVED_SIZE);
const RESERVED_USED = new Uint8Array(RESERVED_SIZE);
for (const word of [...KEYWORDS, ...BUILTINS]) {
  const h = bytesHash(word);
  let i = h & (RESERVED_SIZE - 1);
  while (RESERVED_USED[i] === 1 && RESERVED[i] !== h) i = (i + 1) & (RESERVED_SIZE - 1);
  RESERVED[i] = h;
  RESERVED_USED[i] = 1;
}
function isReserved(h: number): boolean {
  let i = h & (RESERVED_SIZE - 1);
  while (RESERVED_USED[i] === 1) {
    if (RESERVED[i] === h) return true;
    i = (i + 1) & (RESERVED_SIZE - 1);
  }
  return false;
}

const DEF_HASH = bytesHash('def');
const ASYNC_HASH = bytesHash('async');
const CLASS_HASH = bytesHash('class');
const DOT_HASH = PUNCT_HASH[0x2e];
export const TOKEN_HASHES = { def: DEF_HASH, async: ASYNC_HASH, class: CLASS_HASH, dot: DOT_HASH } as const;

/** Indentation column of the token at `tokenPos` (tabs to multiples of 8, form feed resets). */
function indentAt(bytes: Uint8Array, lineStartPos: number, tokenPos: number): number {
  let col = 0;
  for (let i = lineStartPos; i < tokenPos; i++) {
    const b = bytes[i];
    // In integers (col is small and non-negative): a float here made V8 recompile the tokenizer.
    if (b === 0x09) col = (((col / TAB_SIZE) | 0) + 1) * TAB_SIZE;
    else if (b === 0x0c) col = 0;
    else col++;
  }
  return col;
}

/** Is the identifier at bytes[start..end) a string prefix (r, b, u, f, rb, br, fr, rf, any case)? */
function isStringPrefix(bytes: Uint8Array, start: number, end: number): boolean {
  const len = end - start;
  if (len < 1 || len > 2) return false;
  for (let i = start; i < end; i++) {
    const c = bytes[i] | 0x20;
    if (c !== 0x72 && c !== 0x62 && c !== 0x75 && c !== 0x66) return false;
  }
  return true;
}

/**
 * Tokenize Python source bytes into `out` (which is reset first). Never throws: malformed input
 * (unterminated strings, stray bytes) is tokenized as far as it goes.
 */
export function tokenizePython(bytes: Uint8Array, out: TokenStream): TokenStream {
  // Every token consumes at least one byte, except the STR_CLOSE of a string still open at the end
  // of the input: n + 1 tokens at most. Source code has far fewer (one per 3-5 bytes), so room for
  // one per two bytes is reserved first; an input denser than that is tokenized again with room for
  // all it can hold (plus the string loop's look-ahead). Either way the token arrays are sized before
  // the pass, and the pass only compares a counter.
  const n = bytes.length;
  const all = n + 1 + STRING_TOKENS_PER_STEP;
  if (tokenizeWithin(bytes, out, Math.min(all, Math.ceil(n / 2) + TOKEN_RESERVE_SLACK))) return out;
  if (!tokenizeWithin(bytes, out, all)) throw new Error(`tokenizer: ${n} bytes gave more than ${all} tokens`);
  return out;
}

/** Extra tokens reserved beyond one per two bytes (small inputs, string delimiters). */
const TOKEN_RESERVE_SLACK = 64;

/**
 * The byte that counts lines in a document, the way `grep -n`, `sed -n` and git number them: LF
 * (so `\r\n` and `\r\r\n` are one line break each), or CR in a file that has no LF at all (classic
 * Mac line endings). The tokenizer and `linesText` both use it, so cited lines and quoted text agree.
 */
export function lineBreakByte(bytes: Uint8Array): number {
  return bytes.indexOf(0x0a) >= 0 ? 0x0a : 0x0d;
}

/** Whether a lone CR counts a line in the document being tokenized (set per tokenizing pass). */
let crCountsLines = false;

/** One tokenizing pass with room for `limit` tokens; false (out unusable) when the input has more. */
function tokenizeWithin(bytes: Uint8Array, out: TokenStream, limit: number): boolean {
  out.reset();
  const n = bytes.length;
  crCountsLines = lineBreakByte(bytes) === 0x0d;
  out.reserve(limit);
  const tRaw = out.raw;
  const tCanon = out.canon;
  const tLine = out.line;
  const tIndent = out.indent;
  const tFlags = out.flags;
  let len = 0;
  let pos = 0;
  let line = 1;
  let lineStartPos = 0; // byte offset where the current physical line starts
  let depth = 0;
  let atLogicalStart = true;
  let prevWasDot = false;

  while (pos < n) {
    if (len >= limit) return false; // one iteration writes at most one token
    const b = bytes[pos];
    const cls = CLASS[b];
    if (cls === C_SPACE) {
      pos++;
      while (pos < n && bytes[pos] === 0x20) pos++; // indentation and alignment: a run of spaces
      continue;
    }
    if (cls === C_NL) {
      pos++;
      line++;
      lineStartPos = pos;
      if (depth === 0) atLogicalStart = true;
      continue;
    }
    if (cls === C_CR) {
      pos++;
      if (pos < n && bytes[pos] === 0x0a) continue; // \r\n: the \n counts the line
      if (crCountsLines) line++;
      lineStartPos = pos;
      if (depth === 0) atLogicalStart = true;
      continue;
    }
    if (cls === C_HASH) {
      while (pos < n && bytes[pos] !== 0x0a && bytes[pos] !== 0x0d) pos++;
      continue;
    }
    if (cls === C_BACKSLASH) {
      // Line continuation: backslash, optional spaces, newline.
      let j = pos + 1;
      if (j < n && bytes[j] === 0x0d) j++;
      if (j < n && bytes[j] === 0x0a) {
        pos = j + 1;
        line++;
        lineStartPos = pos;
        continue;
      }
      if (crCountsLines && j === pos + 2) {
        pos = j;
        line++;
        lineStartPos = pos;
        continue;
      }
    }
    const indent = atLogicalStart ? indentAt(bytes, lineStartPos, pos) : -1;
    const startLine = line;

    if (cls === C_IDENT) {
      const start = pos;
      let h = FNV_OFFSET;
      while (pos < n && WORD[bytes[pos]] === 1) {
        h = Math.imul(h ^ bytes[pos], FNV_PRIME);
        pos++;
      }
      if (pos < n && CLASS[bytes[pos]] === C_QUOTE && isStringPrefix(bytes, start, pos)) {
        lineState[0] = line;
        lineState[1] = lineStartPos;
        len = scanString(bytes, out, len, limit, pos, indent, startLine, atLogicalStart && depth === 0);
        if (len < 0) return false;
        pos = lineState[2];
        line = lineState[0];
        lineStartPos = lineState[1];
        atLogicalStart = false;
        prevWasDot = false;
        continue;
      }
      h = fmix32(h);
      const canon = prevWasDot || isReserved(h) ? h : ID_PLACEHOLDER;
      tRaw[len] = h;
      tCanon[len] = canon;
      tLine[len] = startLine;
      tIndent[len] = indent;
      tFlags[len++] = 0;
      atLogicalStart = false;
      prevWasDot = false;
      continue;
    }
    if (cls === C_DIGIT) {
      let h = FNV_OFFSET;
      while (pos < n) {
        const c = bytes[pos];
        if (WORD[c] === 1 || c === 0x2e) {
          h = Math.imul(h ^ c, FNV_PRIME);
          pos++;
          if ((c === 0x65 || c === 0x45) && pos < n && (bytes[pos] === 0x2b || bytes[pos] === 0x2d)) {
            h = Math.imul(h ^ bytes[pos], FNV_PRIME);
            pos++;
          }
        } else break;
      }
      h = fmix32(h);
      tRaw[len] = h;
      tCanon[len] = h;
      tLine[len] = startLine;
      tIndent[len] = indent;
      tFlags[len++] = 0;
      atLogicalStart = false;
      prevWasDot = false;
      continue;
    }
    if (cls === C_QUOTE) {
      lineState[0] = line;
      lineState[1] = lineStartPos;
      len = scanString(bytes, out, len, limit, pos, indent, startLine, atLogicalStart && depth === 0);
        if (len < 0) return false;
        pos = lineState[2];
      line = lineState[0];
      lineStartPos = lineState[1];
      atLogicalStart = false;
      prevWasDot = false;
      continue;
    }
    // Punctuation (including a stray backslash).
    if (cls === C_OPEN) depth++;
    else if (cls === C_CLOSE && depth > 0) depth--;
    const h = PUNCT_HASH[b];
    tRaw[len] = h;
    tCanon[len] = h;
    tLine[len] = startLine;
    tIndent[len] = indent;
    tFlags[len++] = 0;
    atLogicalStart = false;
    prevWasDot = b === 0x2e;
    pos++;
  }
  out.length = len;
  return true;
}

/** Tokens one step of the string loop may write: an escape and the escaped byte, plus the closing token. */
const STRING_TOKENS_PER_STEP = 3;

/** State shared between the tokenizer loop and `scanString`: line, lineStartPos, position after the string. */
const lineState = new Int32Array(3);

/**
 * Scan a string starting at the quote at `q`; writes its tokens from index `len` on and returns the
 * new token count, or -1 when `limit` tokens would not suffice. Updates `lineState` (strings may span lines; [2] = the position after the string).
 */
function scanString(
  bytes: Uint8Array,
  out: TokenStream,
  len: number,
  limit: number,
  q: number,
  indent: number,
  startLine: number,
  isStatementStart: boolean,
): number {
  const n = bytes.length;
  let line = lineState[0];
  let lineStartPos = lineState[1];
  const mark = len;
  // Room for `limit` tokens was reserved: each step writes at most two, the end one more.
  const tRaw = out.raw;
  const tCanon = out.canon;
  const tLine = out.line;
  const tIndent = out.indent;
  const tFlags = out.flags;
  const quote = bytes[q];
  const triple = q + 2 < n && bytes[q + 1] === quote && bytes[q + 2] === quote;
  let p = q + (triple ? 3 : 1);
  const contentStart = p;
  let closed = false;
  tRaw[len] = STR_OPEN;
  tCanon[len] = STR_OPEN;
  tLine[len] = startLine;
  tIndent[len] = indent;
  tFlags[len++] = 0;
  while (p < n) {
    if (len + STRING_TOKENS_PER_STEP > limit) return -1;
    const c = bytes[p];
    if (c === quote) {
      if (!triple) {
        p++;
        closed = true;
        break;
      }
      if (p + 2 < n && bytes[p + 1] === quote && bytes[p + 2] === quote) {
        p += 3;
        closed = true;
        break;
      }
      tRaw[len] = QUOTE;
      tCanon[len] = QUOTE;
      tLine[len] = line;
      tIndent[len] = -1;
      tFlags[len++] = 0;
      p++;
      continue;
    }
    if (c === 0x0a || c === 0x0d) {
      if (!triple) break; // cut by the line end: the line break is the main loop's
      const lone = c === 0x0d && !(p + 1 < n && bytes[p + 1] === 0x0a);
      if (c === 0x0d && !lone) p++;
      p++;
      if (!lone || crCountsLines) line++;
      lineStartPos = p;
      continue;
    }
    if (WORD[c] === 1) {
      let h = FNV_OFFSET;
      while (p < n && WORD[bytes[p]] === 1) {
        h = Math.imul(h ^ bytes[p], FNV_PRIME);
        p++;
      }
      h = fmix32(h);
      tRaw[len] = h;
      tCanon[len] = h;
      tLine[len] = line;
      tIndent[len] = -1;
      tFlags[len++] = 0;
      continue;
    }
    const cc = CLASS[c];
    if (cc === C_SPACE) {
      p++;
      continue;
    }
    if (cc === C_BACKSLASH) {
      tRaw[len] = PUNCT_HASH[c];
      tCanon[len] = PUNCT_HASH[c];
      tLine[len] = line;
      tIndent[len] = -1;
      tFlags[len++] = 0;
      p++;
      // The escaped byte never terminates the string; a word continues to be tokenized as a word.
      if (p < n && (bytes[p] === quote || bytes[p] === 0x5c)) {
        const e = bytes[p] === quote ? QUOTE : PUNCT_HASH[bytes[p]];
        tRaw[len] = e;
        tCanon[len] = e;
        tLine[len] = line;
        tIndent[len] = -1;
        tFlags[len++] = 0;
        p++;
      }
      continue;
    }
    const other = c === 0x22 || c === 0x27 ? QUOTE : PUNCT_HASH[c];
    tRaw[len] = other;
    tCanon[len] = other;
    tLine[len] = line;
    tIndent[len] = -1;
    tFlags[len++] = 0;
    p++;
  }
  if (len >= limit) return -1;
  // A single-quoted string cut by the line end is an apostrophe in prose more often than code: no close.
  if (closed || triple) {
    tRaw[len] = STR_CLOSE;
    tCanon[len] = STR_CLOSE;
    tLine[len] = line;
    tIndent[len] = -1;
    tFlags[len++] = 0;
  }
  if (triple) {
    const contentEnd = closed ? p - 3 : p;
    if (contentEnd - contentStart >= MIN_EMBEDDED_CODE_BYTES && mentionsCode(bytes, contentStart, contentEnd)) out.strings.push(contentStart, contentEnd, startLine);
  }
  lineState[0] = line;
  lineState[1] = lineStartPos;
  lineState[2] = p;
  if (isStatementStart) {
    // A docstring (or any bare string statement): nothing but spaces/comment follows on its line.
    let k = p;
    while (k < n && (bytes[k] === 0x20 || bytes[k] === 0x09)) k++;
    if (k >= n || bytes[k] === 0x0a || bytes[k] === 0x0d || bytes[k] === 0x23 || bytes[k] === 0x3b) {
      for (let i = mark; i < len; i++) tFlags[i] |= FLAG_DOCSTRING;
    }
  }
  return len;
}

const encoder = new TextEncoder();

/** Byte patterns of code statements a solution or a test in a string would contain. */
const CODE_MARKERS = ['def ', 'return ', 'assert ', 'lambda '].map((m) => encoder.encode(m));

function mentionsCode(bytes: Uint8Array, start: number, end: number): boolean {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start);
  return CODE_MARKERS.some((m) => view.indexOf(m) !== -1);
}

/** Tokenize a JS string (a benchmark item). */
export function tokenizeText(text: string, out: TokenStream = new TokenStream()): TokenStream {
  return tokenizePython(encoder.encode(text), out);
}

/**
 * Source that takes every branch of the tokenizer: CR, CRLF and CR CR LF line ends, comments, tabs
 * and form feeds in indentation, line continuations, string prefixes, quotes and escapes inside
 * strings, unterminated strings, docstrings, code held in a triple-quoted string, numbers with
 * exponents, non-ASCII bytes. See `primeTokenizer`.
 */
const PRIME_SOURCE = [
  '#!/usr/bin/env python\r\n# comment\r\nimport os  # trailing\r\n',
  "x = 1.5e-3 + 2E+4 + 0x1F + 1_000 + .5\r\ns = r'a\\'b' + b\"c\\\"d\" + f'{x}' + u'''e''' + Rb\"g\\\\\"\r\nt = 'unterminated\r\n",
  'def f(a,\r\n      b=[1, (2,\r\n             {3: 4})]):\r\n',
  '\t"""Doc with \'single\' and "double" quotes, \\\\ and \\""" inside.\r\r\n\tline two\r"""\r\n',
  '\tif a and \\\r\n\t\t\tb: return a; pass\r\n\telse:\f\n',
  '\t\ty = """def g():\n    return 1  # long enough to be read as code"""\n',
  '        return y  # \u00e9 \u00fc\nclass K: \'\'\'x\'\'\' ; pass\n@dec\nasync def h(): \\\n  pass\n',
  "r'''raw string statement'''   # then a comment\n'''another''' ; x = 1\n(((( ))))+-*/%<>=!~^&|,;:@$?`\n",
  'alpha beta gamma delta epsilon zeta eta theta iota kappa mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega\n',
  "z = '''never closed\n",
].join('');
const PRIME_SOURCE_CR = PRIME_SOURCE.replace(/\r?\n/g, '\r');
/** Passes over the priming source: V8 starts recording a function's type feedback only after its first calls. */
const PRIME_PASSES = 8;
/** Input with a token per byte: the tokenizer's second pass with room for every byte (see tokenizePython). */
const PRIME_DENSE = '(,'.repeat(64);
let primed = false;

/**
 * Run the tokenizer once over source that takes all its branches, before real input. V8 optimizes
 * the tokenizer on the first inputs it sees (the benchmark's own text, which has no CR, few
 * comments, no continuations); each branch those never took then throws the optimized code away
 * when a corpus file first takes it, and the function is compiled again (a dozen times in a scan of
 * the dense corpus). No effect on any result: the tokens go to a scratch stream.
 */
export function primeTokenizer(): void {
  if (primed) return;
  primed = true;
  for (let k = 0; k < PRIME_PASSES; k++) {
    // Fresh small streams, so that they grow too.
    const full = new TokenStream(1);
    const nodoc = new TokenStream(1);
    for (const text of [PRIME_SOURCE, PRIME_SOURCE_CR, PRIME_DENSE]) {
      const stream = tokenizeText(text, full);
      if (stream.hasDocstrings()) stream.withoutDocstrings(nodoc);
    }
  }
}
