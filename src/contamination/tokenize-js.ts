/**
 * A byte-level JavaScript (and TypeScript/JSX, lexed as JavaScript) tokenizer for contamination
 * detection, with the TokenStream contract of tokenize.ts: `raw` and `canon` hashes, 1-based lines
 * (`lineBreakByte`), the indentation column of a line's first token (else -1), and FLAG_DOCSTRING.
 *
 * Normalisations, chosen so that what a formatter or a copy-editor changes does not change tokens:
 * - `//` comments produce no token (so comments added to a copy change nothing); a `/* ... *\/`
 *   comment is JavaScript's docstring (JSDoc, HumanEval-X's prompt): its words and punctuation are
 *   tokens flagged DOCSTRING, so prompts match as text and the code channel drops them; the leading
 *   `*` of each comment line is not a token (JSDoc `/**` and plain `/*` layouts read alike).
 * - Strings and template literals tokenize as in tokenize.ts: every quote character (`'`, `"` and
 *   the backtick) is the one QUOTE token, the words and punctuation inside are tokens, whitespace
 *   inside is not; `${` opens code again until its `}`.
 * - Operators are lexed whole by longest match (`===`, `!==`, `=>`, `?.`, `??`, `**=`, `...`): a
 *   formatter never splits them, and one token per operator keeps an n-gram about a line long.
 * - `;` produces no token: code with and without semicolons (automatic semicolon insertion, the
 *   style of prettier's `semi: false` and of `standard`) reads alike, and no two programs that differ
 *   otherwise become one by it.
 * - A trailing comma before `)`, `]` or `}` is dropped, and `(x) =>` reads as `x =>` (prettier adds
 *   both, depending on its `trailingComma` and `arrowParens` options).
 * - A regular expression literal is one token. Whether `/` starts one is decided by the previous
 *   token (the usual rule of JavaScript highlighters): after an identifier, a number, a string, a
 *   regex, `)`, `]` or a postfix `++`/`--` it is division, otherwise (an operator, `(`, `{`, `}`, `,`,
 *   the start, or a keyword such as `return`/`typeof`) a regex; a regex must close on its line,
 *   else the `/` is division after all (a wrong guess costs one line).
 * - `canon`: every identifier that is not a keyword, a global builtin, or a property name (after
 *   `.` or `?.`) becomes the placeholder ID, as in tokenize.ts.
 */
import { FNV_OFFSET, FNV_PRIME, fmix32 } from './hash.js';
import { FLAG_DOCSTRING, ID_PLACEHOLDER, lineBreakByte, MIN_EMBEDDED_CODE_BYTES, QUOTE, TokenStream } from './tokenize.js';

/** Tab stops every 8 columns (as tokenize.ts). */
const TAB_SIZE = 8;
/** Extra tokens reserved beyond one per two bytes (small inputs, string delimiters). */
const TOKEN_RESERVE_SLACK = 64;

// Byte classes.
const C_OTHER = 0;
const C_IDENT = 1;
const C_DIGIT = 2;
const C_SPACE = 3;
const C_NL = 4;
const C_CR = 5;
const C_QUOTE = 6;
const C_BACKTICK = 7;
const C_SLASH = 8;

const CLASS = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  let c = C_OTHER;
  if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x24 || b >= 0x80) c = C_IDENT;
  else if (b >= 0x30 && b <= 0x39) c = C_DIGIT;
  else if (b === 0x20 || b === 0x09 || b === 0x0c || b === 0x0b) c = C_SPACE;
  else if (b === 0x0a) c = C_NL;
  else if (b === 0x0d) c = C_CR;
  else if (b === 0x22 || b === 0x27) c = C_QUOTE;
  else if (b === 0x60) c = C_BACKTICK;
  else if (b === 0x2f) c = C_SLASH;
  else if (b < 0x20 || b === 0x7f) c = C_SPACE; // other control bytes: ignore like whitespace
  CLASS[b] = c;
}

/** Word characters inside identifiers, numbers, strings and comments: letters, digits, `_`, `$`, non-ASCII. */
const WORD = new Uint8Array(256);
for (let b = 0; b < 256; b++) WORD[b] = CLASS[b] === C_IDENT || CLASS[b] === C_DIGIT ? 1 : 0;
/** Word characters of text (strings, templates, comments): as tokenize.ts's, without `$` (so `${` and prose read alike in both). */
const TEXT_WORD = WORD.slice();
TEXT_WORD[0x24] = 0;

/** Hash of a single punctuation byte (the same values as tokenize.ts, so `(` is one hash in both languages). */
const PUNCT_HASH = new Uint32Array(256);
for (let b = 0; b < 256; b++) PUNCT_HASH[b] = fmix32(Math.imul(FNV_OFFSET ^ b, FNV_PRIME));

function bytesHash(text: string): number {
  let h = FNV_OFFSET;
  for (const b of new TextEncoder().encode(text)) h = Math.imul(h ^ b, FNV_PRIME);
  return fmix32(h);
}

/** Multi-byte operators, longest first per first byte (ECMAScript punctuators). */
const OPERATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>',
];
/** Per first byte: the operators starting with it, as byte arrays, longest first. */
const OPS_BY_FIRST: Uint8Array[][] = Array.from({ length: 256 }, () => []);
for (const op of [...OPERATORS].sort((a, b) => b.length - a.length)) OPS_BY_FIRST[op.charCodeAt(0)].push(new TextEncoder().encode(op));

/** Keywords and literals: never canonicalized. */
const KEYWORDS = [
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'let', 'new', 'null', 'return',
  'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'async', 'of',
  'static', 'get', 'set', 'undefined', 'NaN', 'Infinity', 'arguments', 'from', 'as',
];
/** Global builtins a renaming transformation leaves alone (they are not the author's names). */
const BUILTINS = [
  'Math', 'JSON', 'Object', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Map', 'Set', 'WeakMap', 'WeakSet',
  'Date', 'RegExp', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'Promise', 'Reflect', 'Proxy', 'parseInt',
  'parseFloat', 'isNaN', 'isFinite', 'console', 'require', 'module', 'exports', 'globalThis', 'process', 'Buffer',
  'Int32Array', 'Uint8Array', 'Float64Array', 'ArrayBuffer', 'encodeURIComponent', 'decodeURIComponent', 'setTimeout',
];
/** Keywords after which `/` starts a regular expression (an expression is expected). */
const REGEX_AFTER = ['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await'];

/** Open-addressing set of 32-bit hashes (power-of-two size, load < 1/4). */
class HashSet {
  private readonly keys: Uint32Array;
  private readonly used: Uint8Array;
  private readonly mask: number;
  constructor(words: readonly string[]) {
    let size = 16;
    while (size < words.length * 4) size *= 2;
    this.keys = new Uint32Array(size);
    this.used = new Uint8Array(size);
    this.mask = size - 1;
    for (const w of words) {
      const h = bytesHash(w);
      let i = h & this.mask;
      while (this.used[i] === 1 && this.keys[i] !== h) i = (i + 1) & this.mask;
      this.keys[i] = h;
      this.used[i] = 1;
    }
  }
  has(h: number): boolean {
    let i = h & this.mask;
    while (this.used[i] === 1) {
      if (this.keys[i] === h) return true;
      i = (i + 1) & this.mask;
    }
    return false;
  }
}
const RESERVED = new HashSet([...KEYWORDS, ...BUILTINS]);
const REGEX_KEYWORDS = new HashSet(REGEX_AFTER);

const COMMA = PUNCT_HASH[0x2c];
const OPEN_PAREN = PUNCT_HASH[0x28];
const CLOSE_PAREN = PUNCT_HASH[0x29];
const ARROW = bytesHash('=>');
const OPTIONAL_DOT = bytesHash('?.');
const INCREMENT = bytesHash('++');
const DECREMENT = bytesHash('--');

// Tokenizer state of the current pass (one document at a time, as in tokenize.ts).
let src: Uint8Array = new Uint8Array(0);
let out = new TokenStream(1);
// The stream's arrays, sized for the pass before it starts (as tokenize.ts).
let tRaw = out.raw;
let tCanon = out.canon;
let tLine = out.line;
let tIndent = out.indent;
let tFlags = out.flags;
let len = 0;
let limit = 0;
let overflow = false;
let pos = 0;
let line = 1;
let lineStartPos = 0;
let atLineStart = true;
let crCountsLines = false;
/** Index of the last token that was a code comma / identifier / `(` / `)` (-1: none), for the pops. */
let commaAt = -1;
let identAt = -1;
let openAt = -1;
let closeAt = -1;
/** Brace depth, and the depths at which open template substitutions (`${`) close. */
let braceDepth = 0;
let templateDepths: number[] = [];
/** Open template literals: flat [contentStart, firstLine] pairs (a template inside a substitution nests). */
let templateStarts: number[] = [];

function put(raw: number, canon: number, tokenLine: number, indent: number, flags: number): void {
  if (len >= limit) {
    overflow = true;
    return;
  }
  tRaw[len] = raw;
  tCanon[len] = canon;
  tLine[len] = tokenLine;
  tIndent[len] = indent;
  tFlags[len++] = flags;
}

/** The indentation column of a token at `at` if it is its line's first, else -1. */
function takeIndent(at: number): number {
  if (!atLineStart) return -1;
  atLineStart = false;
  let col = 0;
  for (let i = lineStartPos; i < at; i++) {
    const b = src[i];
    if (b === 0x09) col = (Math.floor(col / TAB_SIZE) + 1) * TAB_SIZE;
    else if (b === 0x0c) col = 0;
    else col++;
  }
  return col;
}

/** A line break at `pos` (LF, CRLF or lone CR): advance past it and count it. */
function lineBreak(): void {
  const b = src[pos];
  pos++;
  if (b === 0x0d) {
    if (pos < src.length && src[pos] === 0x0a) pos++;
    else if (!crCountsLines) {
      lineStartPos = pos;
      return;
    }
  }
  line++;
  lineStartPos = pos;
  atLineStart = true;
}

/**
 * Tokenize JavaScript source bytes into `stream` (reset first). Never throws: malformed input
 * (unterminated strings, comments or templates, stray bytes) is tokenized as far as it goes.
 */
export function tokenizeJavaScript(bytes: Uint8Array, stream: TokenStream): TokenStream {
  // As tokenizePython: room for one token per two bytes first, all the input can hold if that fails.
  const n = bytes.length;
  const all = n + 2 + TOKEN_RESERVE_SLACK;
  if (tokenizeWithin(bytes, stream, Math.min(all, Math.ceil(n / 2) + TOKEN_RESERVE_SLACK))) return stream;
  if (!tokenizeWithin(bytes, stream, all)) throw new Error(`javascript tokenizer: ${n} bytes gave more than ${all} tokens`);
  return stream;
}

const encoder = new TextEncoder();

/** Tokenize a JavaScript string (a benchmark item). */
export function tokenizeJavaScriptText(text: string, stream: TokenStream = new TokenStream()): TokenStream {
  return tokenizeJavaScript(encoder.encode(text), stream);
}

function tokenizeWithin(bytes: Uint8Array, stream: TokenStream, room: number): boolean {
  stream.reset();
  stream.reserve(room);
  src = bytes;
  out = stream;
  tRaw = stream.raw;
  tCanon = stream.canon;
  tLine = stream.line;
  tIndent = stream.indent;
  tFlags = stream.flags;
  len = 0;
  limit = room;
  overflow = false;
  pos = 0;
  line = 1;
  lineStartPos = 0;
  atLineStart = true;
  crCountsLines = lineBreakByte(bytes) === 0x0d;
  commaAt = identAt = openAt = closeAt = -1;
  braceDepth = 0;
  templateDepths = [];
  templateStarts = [];
  try {
    scanCode();
  } finally {
    // Let go of the document's bytes and the stream (module state outlives the call).
    src = new Uint8Array(0);
    out = new TokenStream(1);
    tRaw = out.raw;
    tCanon = out.canon;
    tLine = out.line;
    tIndent = out.indent;
    tFlags = out.flags;
  }
  if (overflow) return false;
  stream.length = len;
  return true;
}

function scanCode(): void {
  const n = src.length;
  let regexOk = true;
  let prevWasDot = false;
  // A `#!` line at the very start (node scripts) is no code.
  if (n >= 2 && src[0] === 0x23 && src[1] === 0x21) while (pos < n && src[pos] !== 0x0a && src[pos] !== 0x0d) pos++;
  while (pos < n && !overflow) {
    const b = src[pos];
    const cls = CLASS[b];
    if (cls === C_SPACE) {
      pos++;
      while (pos < n && src[pos] === 0x20) pos++;
      continue;
    }
    if (cls === C_NL || cls === C_CR) {
      lineBreak();
      continue;
    }
    if (cls === C_IDENT) {
      const start = pos;
      const indent = takeIndent(start);
      let h = FNV_OFFSET;
      while (pos < n && WORD[src[pos]] === 1) {
        h = Math.imul(h ^ src[pos], FNV_PRIME);
        pos++;
      }
      h = fmix32(h);
      const reserved = RESERVED.has(h);
      identAt = len;
      put(h, prevWasDot || reserved ? h : ID_PLACEHOLDER, line, indent, 0);
      regexOk = reserved && !prevWasDot && REGEX_KEYWORDS.has(h);
      prevWasDot = false;
      continue;
    }
    if (cls === C_DIGIT) {
      const indent = takeIndent(pos);
      let h = FNV_OFFSET;
      while (pos < n) {
        const c = src[pos];
        if (WORD[c] === 1 || c === 0x2e) {
          h = Math.imul(h ^ c, FNV_PRIME);
          pos++;
          if ((c === 0x65 || c === 0x45) && pos < n && (src[pos] === 0x2b || src[pos] === 0x2d)) {
            h = Math.imul(h ^ src[pos], FNV_PRIME);
            pos++;
          }
        } else break;
      }
      h = fmix32(h);
      put(h, h, line, indent, 0);
      regexOk = false;
      prevWasDot = false;
      continue;
    }
    if (cls === C_QUOTE) {
      scanString(takeIndent(pos));
      regexOk = false;
      prevWasDot = false;
      continue;
    }
    if (cls === C_BACKTICK) {
      put(QUOTE, QUOTE, line, takeIndent(pos), 0);
      pos++;
      templateStarts.push(pos, line);
      scanTemplate();
      regexOk = false;
      prevWasDot = false;
      continue;
    }
    if (cls === C_SLASH && pos + 1 < n) {
      const next = src[pos + 1];
      if (next === 0x2f) {
        while (pos < n && src[pos] !== 0x0a && src[pos] !== 0x0d) pos++;
        continue;
      }
      if (next === 0x2a) {
        scanBlockComment();
        continue;
      }
      if (regexOk && scanRegex()) {
        regexOk = false;
        prevWasDot = false;
        continue;
      }
    }
    // Punctuation.
    if (b === 0x3b) {
      pos++; // `;`: no token (see the header)
      regexOk = true;
      prevWasDot = false;
      continue;
    }
    const indent = takeIndent(pos);
    if (b === 0x7d && templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === braceDepth) {
      // The `}` that closes a template substitution: back to the template's text.
      templateDepths.pop();
      braceDepth--;
      put(PUNCT_HASH[b], PUNCT_HASH[b], line, indent, 0);
      pos++;
      scanTemplate();
      regexOk = false;
      prevWasDot = false;
      continue;
    }
    let h = PUNCT_HASH[b];
    let width = 1;
    const ops = OPS_BY_FIRST[b];
    for (let k = 0; k < ops.length; k++) {
      const op = ops[k];
      if (pos + op.length > n) continue;
      let same = true;
      for (let j = 1; j < op.length; j++) {
        if (src[pos + j] !== op[j]) {
          same = false;
          break;
        }
      }
      // `?.5` is `?` and `.5` (a conditional), not optional chaining.
      if (same && op.length === 2 && b === 0x3f && op[1] === 0x2e && pos + 2 < n && CLASS[src[pos + 2]] === C_DIGIT) same = false;
      if (same) {
        width = op.length;
        let oh = FNV_OFFSET;
        for (let j = 0; j < op.length; j++) oh = Math.imul(oh ^ op[j], FNV_PRIME);
        h = fmix32(oh);
        break;
      }
    }
    pos += width;
    if (width === 1) {
      if (b === 0x7b) braceDepth++;
      else if (b === 0x7d && braceDepth > 0) braceDepth--;
      if ((b === 0x29 || b === 0x5d || b === 0x7d) && commaAt === len - 1 && len > 0) {
        len--; // a trailing comma
        commaAt = -1;
      }
    }
    if (h === ARROW && closeAt === len - 1 && identAt === len - 2 && openAt === len - 3 && len >= 3) {
      // `(x) =>` reads as `x =>`: move the parameter over the `(`.
      tRaw[len - 3] = tRaw[len - 2];
      tCanon[len - 3] = tCanon[len - 2];
      tLine[len - 3] = tLine[len - 2];
      len -= 2;
      identAt = openAt = closeAt = commaAt = -1;
    }
    const at = len;
    put(h, h, line, indent, 0);
    if (width === 1) {
      if (b === 0x2c) commaAt = at;
      else if (b === 0x28) openAt = at;
      else if (b === 0x29) closeAt = at;
    }
    regexOk = width === 1 ? b !== 0x29 && b !== 0x5d : h !== INCREMENT && h !== DECREMENT;
    prevWasDot = (width === 1 && b === 0x2e) || h === OPTIONAL_DOT;
  }
  out.length = len;
}

/** A `'` or `"` string at `pos`: QUOTE, its words and punctuation, QUOTE (none when cut by the line end). */
function scanString(indent: number): void {
  const n = src.length;
  const quote = src[pos];
  put(QUOTE, QUOTE, line, indent, 0);
  pos++;
  const contentStart = pos;
  const startLine = line;
  let closed = false;
  while (pos < n && !overflow) {
    const c = src[pos];
    if (c === quote) {
      pos++;
      closed = true;
      break;
    }
    if (c === 0x0a || c === 0x0d) break; // cut by the line end: the line break is the main loop's
    if (c === 0x5c) {
      put(PUNCT_HASH[c], PUNCT_HASH[c], line, -1, 0);
      pos++;
      if (pos < n && (src[pos] === 0x0a || src[pos] === 0x0d)) {
        lineBreak(); // a line continuation inside the string
        atLineStart = false;
      } else if (pos < n && (src[pos] === quote || src[pos] === 0x5c)) {
        const e = src[pos] === 0x5c ? PUNCT_HASH[0x5c] : QUOTE;
        put(e, e, line, -1, 0);
        pos++;
      }
      continue;
    }
    textByte(0);
  }
  if (closed) {
    put(QUOTE, QUOTE, line, -1, 0);
    noteCodeString(contentStart, pos - 1, startLine);
  }
}

/**
 * JavaScript words that mark a string as holding code (a solution stored as a string, a template, a JSON field of a
 * .js file): its content is also tokenized as code (`TokenStream.strings`; the scanner decodes its escapes).
 */
const JS_CODE_MARKERS = ['return', '=>', 'function', 'console.assert'].map((m) => encoder.encode(m));

function noteCodeString(start: number, end: number, firstLine: number): void {
  if (end - start < MIN_EMBEDDED_CODE_BYTES) return;
  const view = Buffer.from(src.buffer, src.byteOffset + start, end - start);
  if (JS_CODE_MARKERS.some((m) => view.indexOf(m) !== -1)) out.strings.push(start, end, firstLine);
}

/** Template text from `pos` to the closing backtick (QUOTE) or to a `${` (then code resumes). */
function scanTemplate(): void {
  const n = src.length;
  while (pos < n && !overflow) {
    const c = src[pos];
    if (c === 0x60) {
      put(QUOTE, QUOTE, line, -1, 0);
      pos++;
      const firstLine = templateStarts.pop()!;
      const start = templateStarts.pop()!;
      noteCodeString(start, pos - 1, firstLine);
      return;
    }
    if (c === 0x24 && pos + 1 < n && src[pos + 1] === 0x7b) {
      put(PUNCT_HASH[0x24], PUNCT_HASH[0x24], line, -1, 0);
      put(PUNCT_HASH[0x7b], PUNCT_HASH[0x7b], line, -1, 0);
      pos += 2;
      braceDepth++;
      templateDepths.push(braceDepth);
      return;
    }
    if (c === 0x0a || c === 0x0d) {
      lineBreak();
      atLineStart = false;
      continue;
    }
    if (c === 0x5c) {
      put(PUNCT_HASH[c], PUNCT_HASH[c], line, -1, 0);
      pos++;
      if (pos < n && (src[pos] === 0x60 || src[pos] === 0x5c || src[pos] === 0x24)) {
        const e = src[pos] === 0x60 ? QUOTE : PUNCT_HASH[src[pos]];
        put(e, e, line, -1, 0);
        pos++;
      }
      continue;
    }
    textByte(0);
  }
}

/** A `/* ... *\/` comment at `pos`: its words and punctuation as DOCSTRING tokens, leading `*`s of lines skipped. */
function scanBlockComment(): void {
  const n = src.length;
  pos += 2;
  let lineHead = true; // only spaces and `*` so far on this comment line
  while (pos < n && !overflow) {
    const c = src[pos];
    if (c === 0x2a && pos + 1 < n && src[pos + 1] === 0x2f) {
      pos += 2;
      return;
    }
    if (c === 0x0a || c === 0x0d) {
      lineBreak();
      lineHead = true;
      continue;
    }
    if (c === 0x2a && lineHead) {
      pos++;
      continue;
    }
    const cls = CLASS[c];
    if (cls === C_SPACE) {
      pos++;
      continue;
    }
    lineHead = false;
    textByte(FLAG_DOCSTRING);
  }
}

/** One word or punctuation byte of text (strings, templates, comments) at `pos`; whitespace is the caller's. */
function textByte(flags: number): void {
  const n = src.length;
  const c = src[pos];
  const indent = -1; // text inside a string or comment never starts a line of code
  if (TEXT_WORD[c] === 1) {
    let h = FNV_OFFSET;
    while (pos < n && TEXT_WORD[src[pos]] === 1) {
      h = Math.imul(h ^ src[pos], FNV_PRIME);
      pos++;
    }
    h = fmix32(h);
    put(h, h, line, indent, flags);
    return;
  }
  pos++;
  if (CLASS[c] === C_SPACE) return;
  const h = c === 0x22 || c === 0x27 || c === 0x60 ? QUOTE : PUNCT_HASH[c];
  put(h, h, line, indent, flags);
}

/** A regular expression literal at `pos` (its `/`): one token; false (nothing consumed) when it does not close on its line. */
function scanRegex(): boolean {
  const n = src.length;
  let p = pos + 1;
  let inClass = false;
  for (;;) {
    if (p >= n) return false;
    const c = src[p];
    if (c === 0x0a || c === 0x0d) return false;
    if (c === 0x5c) {
      p += 2;
      continue;
    }
    if (c === 0x5b) inClass = true;
    else if (c === 0x5d) inClass = false;
    else if (c === 0x2f && !inClass) break;
    p++;
  }
  p++;
  while (p < n && WORD[src[p]] === 1) p++; // flags
  const indent = takeIndent(pos);
  let h = FNV_OFFSET;
  for (let i = pos; i < p; i++) h = Math.imul(h ^ src[i], FNV_PRIME);
  h = fmix32(h);
  put(h, h, line, indent, 0);
  pos = p;
  return true;
}

/** Hashes of the tokens the JavaScript function segmenter looks for. */
export const JS_TOKEN_HASHES = {
  function: bytesHash('function'),
  async: bytesHash('async'),
  arrow: ARROW,
  open: OPEN_PAREN,
  close: CLOSE_PAREN,
  braceOpen: PUNCT_HASH[0x7b],
  braceClose: PUNCT_HASH[0x7d],
  assign: PUNCT_HASH[0x3d],
  declarations: [bytesHash('const'), bytesHash('let'), bytesHash('var')],
  extends: bytesHash('extends'),
  bracketOpen: PUNCT_HASH[0x5b],
  bracketClose: PUNCT_HASH[0x5d],
  comma: PUNCT_HASH[0x2c],
  /** Words before a method's name: `static async *name() {`, `get name() {`. */
  methodModifiers: [bytesHash('static'), bytesHash('async'), bytesHash('get'), bytesHash('set'), PUNCT_HASH[0x2a]],
  /** Words a `(...) {` follows that make it a statement, not a method. */
  statementHeads: [bytesHash('if'), bytesHash('for'), bytesHash('while'), bytesHash('switch'), bytesHash('catch'), bytesHash('with'), bytesHash('function')],
  /** Every one-byte punctuation token (not a name). */
  punctuation: Array.from({ length: 128 }, (_, b) => b)
    .filter((b) => CLASS[b] !== C_IDENT && CLASS[b] !== C_DIGIT && b > 0x20)
    .map((b) => PUNCT_HASH[b]),
} as const;
