/**
 * Function segmentation on a JavaScript token stream (tokenize-js.ts): a `function` (with a leading
 * `async`) up to the `}` that closes its body; an arrow function from its parameters (or the
 * `const name =` that names it) to the `}` that closes a block body, or to the end of an expression
 * body (a `,` or an unmatched closer at its depth, or a later line indented no deeper than the line
 * it starts on, since `;` leaves no token); a method of a class or object literal (`name(...) {`,
 * with `static`/`async`/`get`/`set`/`*` before it, or a computed `[key](...) {`) to its `}`. Nested
 * functions are segments of their own.
 */
import type { TokenStream } from './tokenize.js';
import { JS_TOKEN_HASHES as H } from './tokenize-js.js';

/**
 * Append [start, end) token ranges of every function to `out` (flat pairs); a body not closed within
 * `maxTokens` tokens is not a segment (so unbalanced braces cost no quadratic search). Returns the count.
 */
export function segmentJavaScriptFunctions(stream: TokenStream, out: number[], maxTokens = Infinity): number {
  out.length = 0;
  const { raw, length } = stream;
  for (let i = 0; i < length; i++) {
    const t = raw[i];
    let start = -1;
    let body = -1;
    if (t === H.function) {
      // The body's `{` is the first one outside the parameter list's parentheses.
      let depth = 0;
      for (let j = i + 1; j < length && j - i <= maxTokens; j++) {
        const u = raw[j];
        if (u === H.open) depth++;
        else if (u === H.close) depth--;
        else if (u === H.braceOpen && depth === 0) {
          body = j;
          break;
        }
      }
      start = i > 0 && raw[i - 1] === H.async ? i - 1 : i;
    } else if (t === H.arrow && i + 1 < length && raw[i + 1] === H.braceOpen) {
      body = i + 1;
      let p = i - 1;
      if (p >= 0 && raw[p] === H.close) {
        let depth = 0;
        for (; p >= 0 && i - p <= maxTokens; p--) {
          if (raw[p] === H.close) depth++;
          else if (raw[p] === H.open && --depth === 0) break;
        }
      }
      if (p < 0 || i - p > maxTokens) continue;
      if (p > 0 && raw[p - 1] === H.async) p--;
      if (p >= 3 && raw[p - 1] === H.assign && H.declarations.includes(raw[p - 3])) p -= 3;
      start = p;
    } else if (t === H.arrow && i + 1 < length) {
      // An expression body: the arrow's start as above, its end where the expression ends.
      let p = i - 1;
      if (p >= 0 && raw[p] === H.close) p = matchBack(raw, p, H.open, H.close, maxTokens);
      if (p < 0 || i - p > maxTokens) continue;
      if (p > 0 && raw[p - 1] === H.async) p--;
      if (p >= 3 && raw[p - 1] === H.assign && H.declarations.includes(raw[p - 3])) p -= 3;
      const end = expressionEnd(stream, i + 1, p, maxTokens);
      if (end > i + 1) out.push(p, end);
      continue;
    } else if (t === H.close && i + 1 < length && raw[i + 1] === H.braceOpen) {
      // `name(...) {`: a method, unless the name is a statement's keyword or a `function`'s name (counted above).
      const open = matchBack(raw, i, H.open, H.close, maxTokens);
      if (open < 1) continue;
      let p = open - 1;
      const name = raw[p];
      if (H.statementHeads.includes(name) || (p > 0 && (raw[p - 1] === H.function || raw[p - 1] === H.extends))) continue;
      if (name === H.bracketClose) p = matchBack(raw, p, H.bracketOpen, H.bracketClose, maxTokens);
      else if (H.punctuation.includes(name)) continue;
      if (p < 0) continue;
      while (p > 0 && H.methodModifiers.includes(raw[p - 1])) p--;
      start = p;
      body = i + 1;
    }
    if (body < 0) continue;
    let depth = 0;
    let end = -1;
    for (let j = body; j < length && j - start <= maxTokens; j++) {
      if (raw[j] === H.braceOpen) depth++;
      else if (raw[j] === H.braceClose && --depth === 0) {
        end = j + 1;
        break;
      }
    }
    if (end > 0) out.push(start, end);
  }
  return out.length / 2;
}

/** The index of the opener matching the closer at `at` (going back), or -1 beyond `maxTokens`. */
function matchBack(raw: Uint32Array, at: number, opener: number, closer: number, maxTokens: number): number {
  let depth = 0;
  for (let p = at; p >= 0 && at - p <= maxTokens; p--) {
    if (raw[p] === closer) depth++;
    else if (raw[p] === opener && --depth === 0) return p;
  }
  return -1;
}

/**
 * End (exclusive) of an expression starting at token `from`: before a `,` or an unmatched closer at its depth, or
 * before the first token that starts a later line indented no deeper than the line of token `lineOf`; -1 when it
 * runs past `maxTokens`.
 */
function expressionEnd(stream: TokenStream, from: number, lineOf: number, maxTokens: number): number {
  const { raw, line, indent, length } = stream;
  let first = lineOf;
  while (first > 0 && line[first - 1] === line[lineOf]) first--;
  const startIndent = indent[first];
  let depth = 0;
  let j = from;
  for (; j < length && j - from <= maxTokens; j++) {
    const u = raw[j];
    if (j > from && depth === 0 && indent[j] >= 0 && line[j] !== line[j - 1] && indent[j] <= startIndent) return j;
    if (u === H.open || u === H.bracketOpen || u === H.braceOpen) depth++;
    else if (u === H.close || u === H.bracketClose || u === H.braceClose) {
      if (depth === 0) return j;
      depth--;
    } else if (u === H.comma && depth === 0) return j;
  }
  return j === length ? j : -1;
}
