import { swapOperatorToken, type MutationOperator } from './types.js';

const TABLE: Readonly<Record<string, readonly string[]>> = { in: ['not in'], 'not in': ['in'] };

export const membershipOperator: MutationOperator = {
  name: 'membership-operator',
  description: 'swap in <-> not in',
  mutate(node) {
    return node.type === 'comparison_operator' ? swapOperatorToken(node, 'operators', TABLE) : [];
  },
};
