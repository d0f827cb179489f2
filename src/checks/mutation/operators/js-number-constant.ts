import { replaceNode, type MutationOperator } from './types.js';

/** Decimal integer literals only: `0x1f`, `1e3` and fractions are left alone (their neighbours are not obvious). */
const DECIMAL_INTEGER = /^(0|[1-9]\d*)$/;

/** JavaScript: an integer literal `n` -> `n + 1` and `n - 1` (written out as literals; `0` -> `1` only). */
export const jsNumberConstant: MutationOperator = {
  name: 'js-number-constant',
  description: 'JavaScript: change an integer literal by one (n -> n+1, n-1; 0 -> 1)',
  mutate(node) {
    if (node.type !== 'number' || !DECIMAL_INTEGER.test(node.text)) return [];
    const n = BigInt(node.text);
    return n === 0n ? [replaceNode(node, '1')] : [replaceNode(node, String(n + 1n)), replaceNode(node, String(n - 1n))];
  },
};
