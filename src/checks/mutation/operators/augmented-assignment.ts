import { swapOperatorToken, type MutationOperator } from './types.js';

/** The opposite operator, then plain assignment (`x += y` -> `x -= y`, `x = y`). */
const TABLE: Readonly<Record<string, readonly string[]>> = {
  '+=': ['-=', '='],
  '-=': ['+=', '='],
  '*=': ['/=', '='],
  '/=': ['*=', '='],
  '//=': ['/=', '='],
  '%=': ['/=', '='],
  '**=': ['*=', '='],
  '<<=': ['>>=', '='],
  '>>=': ['<<=', '='],
  '&=': ['|=', '='],
  '|=': ['&=', '='],
  '^=': ['&=', '='],
};

export const augmentedAssignment: MutationOperator = {
  name: 'augmented-assignment',
  description: 'replace an augmented assignment by its opposite (+= -=, *= /=, ...) or by plain =',
  mutate(node) {
    return node.type === 'augmented_assignment' ? swapOperatorToken(node, 'operator', TABLE) : [];
  },
};
