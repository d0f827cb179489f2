import { decimalIntegerValue, replaceNode, type MutationOperator } from './types.js';

/** 0 -> 1, 1 -> 0 and 2, n -> n - 1 and n + 1; float 0.0 -> 1.0, other floats -> 0.0. */
export const numberConstant: MutationOperator = {
  name: 'number-constant',
  description: 'replace a number literal: 0 -> 1, n -> n - 1 and n + 1, float -> 0.0 (1.0 for zero)',
  mutate(node) {
    const value = decimalIntegerValue(node);
    if (value !== undefined) {
      const out = value === 0n ? [1n] : [value - 1n, value + 1n];
      return out.map((v) => replaceNode(node, v.toString()));
    }
    if (node.type === 'float' && !/[jJ]$/.test(node.text)) {
      const x = Number(node.text.replaceAll('_', ''));
      return [replaceNode(node, x === 0 ? '1.0' : '0.0')];
    }
    return [];
  },
};
