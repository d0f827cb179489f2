import { replaceNode, type MutationOperator } from './types.js';

export const listConstant: MutationOperator = {
  name: 'list-constant',
  description: 'replace a non-empty list literal by []',
  mutate(node) {
    return node.type === 'list' && node.namedChildCount > 0 ? [replaceNode(node, '[]')] : [];
  },
};
