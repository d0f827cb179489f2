/**
 * Function segmentation on a token stream: a function starts at a logical line beginning with `def`
 * (or `async def`) and ends before the next logical line indented no deeper than the `def`.
 * Methods and nested functions are segments of their own (they overlap their enclosing function).
 */
import { TOKEN_HASHES, type TokenStream } from './tokenize.js';

/** Append [start, end) token ranges of every function to `out` (flat pairs). Returns the count. */
export function segmentFunctions(stream: TokenStream, out: number[]): number {
  out.length = 0;
  const { raw, indent, length } = stream;
  const DEF = TOKEN_HASHES.def;
  const ASYNC = TOKEN_HASHES.async;
  for (let i = 0; i < length; i++) {
    const ind = indent[i];
    if (ind < 0) continue;
    if (raw[i] !== DEF && !(raw[i] === ASYNC && i + 1 < length && raw[i + 1] === DEF)) continue;
    let j = i + 1;
    while (j < length && (indent[j] < 0 || indent[j] > ind)) j++;
    out.push(i, j);
  }
  return out.length / 2;
}
