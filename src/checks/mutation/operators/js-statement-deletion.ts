import { replaceNode, type MutationOperator } from './types.js';

/** JavaScript: delete an expression statement (an assignment, update or call) inside a block. */
export const jsStatementDeletion: MutationOperator = {
  name: 'js-statement-deletion',
  description: 'JavaScript: delete an expression statement (assignment, ++/--, call) inside a block',
  mutate(node) {
    if (node.type !== 'expression_statement' || node.parent?.type !== 'statement_block') return [];
    // An empty statement keeps the block well formed whatever surrounds it.
    return [replaceNode(node, ';')];
  },
};
