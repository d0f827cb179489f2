import { swapOperatorToken, type MutationOperator } from './types.js';

const TABLE: Readonly<Record<string, readonly string[]>> = {
  '&&': ['||'],
  '||': ['&&'],
  '??': ['||'],
  '&&=': ['||='],
  '||=': ['&&='],
  '??=': ['||='],
};

/** JavaScript: `a && b` <-> `a || b`; `a ?? b` -> `a || b`; the logical assignments likewise (`&&=` <-> `||=`, `??=` -> `||=`). */
export const jsLogicalOperator: MutationOperator = {
  name: 'js-logical-operator',
  description: 'JavaScript: swap && and ||; ?? becomes ||; the same for &&=, ||=, ??=',
  mutate(node) {
    return node.type === 'binary_expression' || node.type === 'augmented_assignment_expression' ? swapOperatorToken(node, 'operator', TABLE) : [];
  },
};
