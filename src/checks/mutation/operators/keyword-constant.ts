import { replaceNode, type MutationOperator } from './types.js';

/** True <-> False; None -> 0 (models the classic "initialise the running maximum with 0" bug). */
export const keywordConstant: MutationOperator = {
  name: 'keyword-constant',
  description: 'swap True <-> False; replace None by 0',
  mutate(node) {
    switch (node.type) {
      case 'true':
        return [replaceNode(node, 'False')];
      case 'false':
        return [replaceNode(node, 'True')];
      case 'none':
        return [replaceNode(node, '0')];
      default:
        return [];
    }
  },
};
