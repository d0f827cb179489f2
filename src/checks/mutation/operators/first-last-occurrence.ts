import type { Node } from '../python-parser.js';
import { inPlaceOf, methodCall, replaceNode, type MutationOperator } from './types.js';

/** Objects whose text can be repeated without evaluating anything twice that could differ. */
const REPEATABLE = new Set(['identifier', 'attribute', 'subscript']);

/** `str.find` <-> `str.rfind`, `str.rindex` -> `str.index` (a plain `index` may be a list's, which has no `rindex`). */
const STRING_SWAP: Readonly<Record<string, string>> = { find: 'rfind', rfind: 'find', rindex: 'index' };

function soleArgument(call: Node): Node | null {
  const args = call.childForFieldName('arguments');
  const only = args !== null && args.type === 'argument_list' && args.namedChildCount === 1 ? args.namedChild(0) : null;
  return only !== null && only.type !== 'keyword_argument' && only.type !== 'list_splat' && only.type !== 'dictionary_splat' ? only : null;
}

/**
 * Among equal elements, the wrong one is picked: the last occurrence instead of the first
 * (`xs.index(v)` -> `len(xs) - 1 - xs[::-1].index(v)`, `s.find(t)` -> `s.rfind(t)`) or the
 * reverse (`s.rfind(t)` -> `s.find(t)`, `s.rindex(t)` -> `s.index(t)`), e.g. "the smallest value,
 * and of several, the one with the smallest index".
 */
export const firstLastOccurrence: MutationOperator = {
  name: 'first-last-occurrence',
  family: 'plausible-mistake',
  description: 'pick the wrong one of equal elements: xs.index(v) -> last occurrence; find <-> rfind, rindex -> index',
  mutate(node) {
    const call = methodCall(node);
    if (call === undefined) return [];
    const argument = soleArgument(node);
    if (argument === null) return [];
    if (Object.hasOwn(STRING_SWAP, call.method)) return [replaceNode(node.childForFieldName('function')!.childForFieldName('attribute')!, STRING_SWAP[call.method])];
    if (call.method !== 'index' || !REPEATABLE.has(call.object.type)) return [];
    const xs = call.object.text;
    return [replaceNode(node, inPlaceOf(node, `len(${xs}) - 1 - ${xs}[::-1].index(${argument.text})`, false))];
  },
};
