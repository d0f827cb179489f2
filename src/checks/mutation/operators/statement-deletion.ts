import { replaceNode, type MutationOperator } from './types.js';

/**
 * Simple statements whose removal is a plausible slip. Imports, global/nonlocal and docstrings are
 * never offered (the generator skips them); `pass` is what replaces the others.
 */
const DELETABLE = new Set([
  'expression_statement',
  'return_statement',
  'break_statement',
  'continue_statement',
  'raise_statement',
  'assert_statement',
  'delete_statement',
]);

/** Replace a simple statement by `pass`, which keeps every block non-empty and the indentation intact. */
export const statementDeletion: MutationOperator = {
  name: 'statement-deletion',
  description: 'delete a simple statement (replaced by pass)',
  mutate(node) {
    const parent = node.parent;
    if (!DELETABLE.has(node.type) || parent === null || (parent.type !== 'block' && parent.type !== 'module')) return [];
    return [replaceNode(node, 'pass')];
  },
};
