import { calleeName, isIntegerLiteral, offByOne, type MutationOperator, type Replacement } from './types.js';

/** Argument node types that are not plain positional arguments. */
const NOT_POSITIONAL = new Set(['keyword_argument', 'list_splat', 'dictionary_splat', 'comment']);

/** `range(a, b)` -> `range(a + 1, b)`, `range(a, b - 1)`, ...; literal bounds are left to number-constant. */
export const rangeBounds: MutationOperator = {
  name: 'range-bounds',
  description: 'off-by-one in a range(...) bound: x -> x + 1 and x - 1 (non-literal start and stop)',
  mutate(node) {
    if (calleeName(node) !== 'range') return [];
    const args = node.childForFieldName('arguments');
    if (args === null || args.type !== 'argument_list') return [];
    const positional = args.namedChildren.filter((c) => c !== null && !NOT_POSITIONAL.has(c.type));
    const out: Replacement[] = [];
    // range(stop) or range(start, stop[, step]): mutate start and stop, never the step.
    for (const arg of positional.slice(0, 2)) {
      if (arg !== null && !isIntegerLiteral(arg)) out.push(...offByOne(arg));
    }
    return out;
  },
};
