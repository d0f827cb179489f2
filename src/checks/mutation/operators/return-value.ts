import { replaceNode, type MutationOperator } from './types.js';

/** `return <expr>` -> `return None` (the value a forgotten return yields). */
export const returnValue: MutationOperator = {
  name: 'return-value',
  description: 'replace a returned value by None',
  mutate(node) {
    if (node.type !== 'return_statement') return [];
    const value = node.namedChildren.find((c) => c !== null && c.type !== 'comment');
    return value && value.type !== 'none' ? [replaceNode(value, 'None')] : [];
  },
};
