import { calleeName, inPlaceOf, isPrimary, positionalArguments, replaceNode, type MutationOperator } from './types.js';

/** Signs ignored: `abs(x)` -> `x` (parenthesized where it stands inside a larger expression). */
export const missingAbs: MutationOperator = {
  name: 'missing-abs',
  family: 'plausible-mistake',
  description: 'forget the absolute value: abs(x) -> x',
  mutate(node) {
    if (calleeName(node) !== 'abs') return [];
    const args = positionalArguments(node);
    return args.length === 1 && node.childForFieldName('arguments')?.namedChildCount === 1 ? [replaceNode(node, inPlaceOf(node, args[0].text, isPrimary(args[0])))] : [];
  },
};
