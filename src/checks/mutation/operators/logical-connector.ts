import { swapOperatorToken, type MutationOperator } from './types.js';

const TABLE: Readonly<Record<string, readonly string[]>> = { and: ['or'], or: ['and'] };

export const logicalConnector: MutationOperator = {
  name: 'logical-connector',
  description: 'swap and <-> or',
  mutate(node) {
    return node.type === 'boolean_operator' ? swapOperatorToken(node, 'operator', TABLE) : [];
  },
};
