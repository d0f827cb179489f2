import { swapOperatorToken, type MutationOperator } from './types.js';

/** Strict and loose equality confused, and negated: the comparisons HumanEval-X's translations lean on. */
const TABLE: Readonly<Record<string, readonly string[]>> = {
  '===': ['==', '!=='],
  '==': ['===', '!='],
  '!==': ['!=', '==='],
  '!=': ['!==', '=='],
};

/** JavaScript: `a === b` -> `a == b`, `a !== b`; `a == b` -> `a === b`, `a != b`; and the negated pairs. */
export const jsEqualityOperator: MutationOperator = {
  name: 'js-equality-operator',
  description: 'JavaScript: swap strict and loose equality (=== ==, !== !=) and negate it (=== !==, == !=)',
  mutate(node) {
    return node.type === 'binary_expression' ? swapOperatorToken(node, 'operator', TABLE) : [];
  },
};
