import { swapOperatorToken, type MutationOperator } from './types.js';

const TABLE: Readonly<Record<string, readonly string[]>> = {
  '+': ['-'],
  '-': ['+'],
  '*': ['/'],
  '/': ['*'],
  '%': ['/'],
  '**': ['*'],
};

/** JavaScript: `a + b` -> `a - b` and the usual arithmetic confusions (Stryker's ArithmeticOperator). */
export const jsArithmeticOperator: MutationOperator = {
  name: 'js-arithmetic-operator',
  description: 'JavaScript: replace an arithmetic operator (+ -, * /, % /, ** *)',
  mutate(node) {
    return node.type === 'binary_expression' ? swapOperatorToken(node, 'operator', TABLE) : [];
  },
};
