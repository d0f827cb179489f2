import { swapOperatorToken, type MutationOperator } from './types.js';

const TABLE: Readonly<Record<string, readonly string[]>> = { is: ['is not'], 'is not': ['is'] };

export const identityOperator: MutationOperator = {
  name: 'identity-operator',
  description: 'swap is <-> is not',
  mutate(node) {
    return node.type === 'comparison_operator' ? swapOperatorToken(node, 'operators', TABLE) : [];
  },
};
