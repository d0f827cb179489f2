import { swapOperatorToken, type MutationOperator } from './types.js';

const TABLE: Readonly<Record<string, readonly string[]>> = {
  '&&': ['||'],
  '||': ['&&'],
  '??': ['||'],
};

/** JavaScript: `a && b` <-> `a || b`; `a ?? b` -> `a || b`. */
export const jsLogicalOperator: MutationOperator = {
  name: 'js-logical-operator',
  description: 'JavaScript: swap && and ||; ?? becomes ||',
  mutate(node) {
    return node.type === 'binary_expression' ? swapOperatorToken(node, 'operator', TABLE) : [];
  },
};
