import { methodCall, replaceNode, type MutationOperator } from './types.js';

/**
 * `s.split(' ')` and `s.split()` differ on repeated, leading and trailing blanks (empty fields) and on
 * tabs and newlines: the solution splits on the other one.
 */
export const whitespaceSplitMismatch: MutationOperator = {
  name: 'whitespace-split-mismatch',
  family: 'plausible-mistake',
  description: "split on the wrong whitespace: s.split(' ') <-> s.split()",
  mutate(node) {
    const call = methodCall(node);
    const args = node.childForFieldName('arguments');
    if (call === undefined || call.method !== 'split' || args === null) return [];
    if (args.namedChildCount === 0) return [replaceNode(args, "(' ')")];
    const only = args.namedChild(0);
    if (args.namedChildCount === 1 && only !== null && only.type === 'string' && /^[bB]?(' '|" ")$/.test(only.text)) return [replaceNode(args, '()')];
    return [];
  },
};
