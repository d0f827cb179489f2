import { replaceNode, swapOperatorToken, type MutationOperator, type Replacement } from './types.js';

/** Binary arithmetic/bitwise operator -> its usual confusion (mutmut/Stryker AOR). */
const BINARY: Readonly<Record<string, readonly string[]>> = {
  '+': ['-'],
  '-': ['+'],
  '*': ['/'],
  '/': ['*', '//'],
  '//': ['/'],
  '%': ['/'],
  '**': ['*'],
  '<<': ['>>'],
  '>>': ['<<'],
  '&': ['|'],
  '|': ['&'],
  '^': ['&'],
};

/** `a + b` -> `a - b` etc.; unary `-x` / `~x` -> `x`, `+x` -> `-x`. */
export const arithmeticOperator: MutationOperator = {
  name: 'arithmetic-operator',
  description: 'replace an arithmetic or bitwise operator (+ -, * /, // /, % /, ** *, << >>, & |); drop unary - and ~',
  mutate(node) {
    if (node.type === 'binary_operator') return swapOperatorToken(node, 'operator', BINARY);
    if (node.type === 'unary_operator') {
      const op = node.childForFieldName('operator');
      const argument = node.childForFieldName('argument');
      if (op === null || argument === null) return [];
      const out: Replacement[] = [];
      if (op.type === '-' || op.type === '~') out.push(replaceNode(node, argument.text));
      if (op.type === '+') out.push(replaceNode(op, '-'));
      return out;
    }
    return [];
  },
};
