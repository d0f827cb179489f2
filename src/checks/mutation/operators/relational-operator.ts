import { swapOperatorToken, type MutationOperator } from './types.js';

/** Boundary shift first (`<` <-> `<=`), then negation (`<` -> `>=`), as in mutmut/PIT ROR. */
const TABLE: Readonly<Record<string, readonly string[]>> = {
  '<': ['<=', '>='],
  '<=': ['<', '>'],
  '>': ['>=', '<='],
  '>=': ['>', '<'],
  '==': ['!='],
  '!=': ['=='],
};

export const relationalOperator: MutationOperator = {
  name: 'relational-operator',
  description: 'shift a comparison boundary (< <=, > >=) or negate it (< >=, == !=)',
  mutate(node) {
    return node.type === 'comparison_operator' ? swapOperatorToken(node, 'operators', TABLE) : [];
  },
};
