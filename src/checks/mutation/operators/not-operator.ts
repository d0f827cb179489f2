import type { Node } from '../python-parser.js';
import { negate, replaceNode, type MutationOperator } from './types.js';

/** The condition of a branch or loop: where inserting `not` models an inverted test. */
function conditionOf(node: Node): Node | null {
  switch (node.type) {
    case 'if_statement':
    case 'elif_clause':
    case 'while_statement':
      return node.childForFieldName('condition');
    case 'conditional_expression':
      // `body if condition else alternative`: the condition is the second named child.
      return node.namedChildCount === 3 ? node.namedChild(1) : null;
    case 'if_clause':
      return node.namedChild(0);
    default:
      return null;
  }
}

export const notOperator: MutationOperator = {
  name: 'not-operator',
  description: 'remove `not`, or insert it before the condition of if/elif/while, a conditional expression or a comprehension filter',
  mutate(node) {
    if (node.type === 'not_operator') {
      const argument = node.childForFieldName('argument');
      return argument === null ? [] : [replaceNode(node, argument.text)];
    }
    const condition = conditionOf(node);
    if (condition === null || condition.type === 'not_operator') return [];
    return [replaceNode(condition, negate(condition))];
  },
};
