/**
 * Function segmentation on a JavaScript token stream (tokenize-js.ts): a `function` (with a leading
 * `async`) up to the `}` that closes its body, and an arrow function with a block body from its
 * parameters (or the `const name =` that names it) to that `}`. Arrow functions with an expression
 * body have no braces to end them and are not segments. Nested functions are segments of their own.
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
