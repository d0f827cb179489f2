import { swapOperatorToken, type MutationOperator } from './types.js';

/** Boundary shifts (the classic off-by-one) and reversals. */
const TABLE: Readonly<Record<string, readonly string[]>> = {
  '<': ['<=', '>'],
  '<=': ['<', '>'],
  '>': ['>=', '<'],
  '>=': ['>', '<'],
};

/** JavaScript: `a > b` -> `a >= b`, `a < b`; `a <= b` -> `a < b`, `a > b`. */
export const jsRelationalOperator: MutationOperator = {
  name: 'js-relational-operator',
  description: 'JavaScript: shift a comparison boundary (> >=, < <=) or reverse it',
  mutate(node) {
    return node.type === 'binary_expression' ? swapOperatorToken(node, 'operator', TABLE) : [];
  },
};
