import { replaceNode, type MutationOperator } from './types.js';

export const breakContinue: MutationOperator = {
  name: 'break-continue',
  description: 'swap break <-> continue',
  mutate(node) {
    if (node.type === 'break_statement') return [replaceNode(node, 'continue')];
    if (node.type === 'continue_statement') return [replaceNode(node, 'break')];
    return [];
  },
};
