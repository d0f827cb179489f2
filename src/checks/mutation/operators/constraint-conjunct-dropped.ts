import type { Node } from '../python-parser.js';
import { replaceNode, type MutationOperator } from './types.js';

function isAnd(node: Node | null): boolean {
  return node !== null && node.type === 'boolean_operator' && node.childForFieldName('operator')?.type === 'and';
}

/** True when `node` is (part of an `and` chain that is) a condition: of if/elif/while, a comprehension filter, a conditional expression, or a returned test. */
function inConditionPosition(node: Node): boolean {
  let current = node;
  let parent = current.parent;
  while (parent !== null && (isAnd(parent) || parent.type === 'parenthesized_expression')) {
    current = parent;
    parent = current.parent;
  }
  if (parent === null) return false;
  switch (parent.type) {
    case 'if_statement':
    case 'elif_clause':
    case 'while_statement':
      return parent.childForFieldName('condition')?.startIndex === current.startIndex;
    case 'if_clause':
    case 'return_statement':
      return true;
    case 'conditional_expression':
      return parent.namedChild(1)?.startIndex === current.startIndex;
    default:
      return false;
  }
}

/**
 * A documented constraint is ignored: one operand of an `and` in a condition is dropped
 * (`if x > 0 and x % 2 == 1` -> `if x > 0` and `if x % 2 == 1`). Each operand of an `and`
 * binds tighter than `and`, so it stands in the chain's place without new parentheses.
 */
export const constraintConjunctDropped: MutationOperator = {
  name: 'constraint-conjunct-dropped',
  family: 'plausible-mistake',
  description: 'ignore one condition: a and b -> a, b in if/elif/while conditions, comprehension filters and returned tests',
  mutate(node) {
    if (!isAnd(node) || !inConditionPosition(node)) return [];
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    return left === null || right === null ? [] : [replaceNode(node, right.text), replaceNode(node, left.text)];
  },
};
