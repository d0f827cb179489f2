import type { Node } from '../python-parser.js';
import { asAdditiveOperand, calleeName, isIntegerLiteral, positionalArguments, replaceNode, type MutationOperator, type Replacement } from './types.js';

/** The comparisons a while loop's condition tests: the condition itself, or the operands of a top-level `and`. */
function loopComparisons(condition: Node | null): Node[] {
  if (condition === null) return [];
  if (condition.type === 'comparison_operator') return [condition];
  if (condition.type === 'parenthesized_expression') return loopComparisons(condition.namedChild(0));
  if (condition.type === 'boolean_operator' && condition.childForFieldName('operator')?.type === 'and') {
    return [...loopComparisons(condition.childForFieldName('left')), ...loopComparisons(condition.childForFieldName('right'))];
  }
  return [];
}

/** `while i < n` stops one step early as `while i < n - 1`; counting down, `while i > n` as `while i > n + 1`. */
const EARLY_STOP: Readonly<Record<string, string>> = { '<': '-', '<=': '-', '>': '+', '>=': '+' };

/**
 * A loop that visits one element too few: `range(x)` -> `range(1, x)` (skips the first), and a
 * `while a < b` bound -> `b - 1` (`a > b` -> `b + 1`; stops before the last). The other directions
 * (`range(x + 1)`, `range(x - 1)`, `<` -> `<=`) are range-bounds' and relational-operator's mutants
 * already; literal bounds are number-constant's.
 */
export const loopBoundOffByOne: MutationOperator = {
  name: 'loop-bound-off-by-one',
  family: 'plausible-mistake',
  description: 'a loop misses one element: range(x) -> range(1, x); while a < b -> while a < b - 1 (a > b -> a > b + 1)',
  mutate(node) {
    if (calleeName(node) === 'range') {
      const positional = positionalArguments(node);
      const only = positional[0];
      const args = node.childForFieldName('arguments');
      if (positional.length !== 1 || args === null || args.namedChildCount !== 1 || isIntegerLiteral(only)) return [];
      return [replaceNode(only, `1, ${only.text}`)];
    }
    if (node.type !== 'while_statement') return [];
    const out: Replacement[] = [];
    for (const comparison of loopComparisons(node.childForFieldName('condition'))) {
      const operators = comparison.childrenForFieldName('operators').filter((o) => o !== null);
      const operands = comparison.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      if (operators.length !== 1 || operands.length !== 2) continue;
      const sign = Object.hasOwn(EARLY_STOP, operators[0]!.type) ? EARLY_STOP[operators[0]!.type] : undefined;
      const bound = operands[1];
      if (sign === undefined || isIntegerLiteral(bound) || bound.type === 'float') continue;
      out.push(replaceNode(bound, `${asAdditiveOperand(bound)} ${sign} 1`));
    }
    return out;
  },
};
