import type { Node } from '../python-parser.js';
import { calleeName, positionalArguments, replaceNode, type MutationOperator } from './types.js';

/** Calls whose result changes when `set(...)` inside them keeps or drops repeated elements. */
const COLLECTING = new Set(['sorted', 'len', 'list', 'tuple', 'sum']);

/** The only positional argument of a call with no keyword arguments, or null. */
function soleArgument(call: Node): Node | null {
  const args = call.childForFieldName('arguments');
  if (args === null || args.type !== 'argument_list' || args.namedChildCount !== 1) return null;
  return positionalArguments(call)[0] ?? null;
}

/**
 * Equal elements handled wrongly: `sorted(set(xs))`, `len(set(s))`, ... -> `sorted(xs)`, `len(s)`
 * (duplicates kept where they had to be dropped), and `sorted(xs)` -> `sorted(set(xs))` (duplicates
 * dropped where they count, e.g. the second-smallest of [1, 1, 2]).
 */
export const duplicatesMishandled: MutationOperator = {
  name: 'duplicates-mishandled',
  family: 'plausible-mistake',
  description: 'mishandle equal elements: sorted/len/list/tuple/sum(set(x)) -> (x); sorted(x) -> sorted(set(x))',
  mutate(node) {
    const name = calleeName(node);
    if (name === undefined || !COLLECTING.has(name)) return [];
    const positional = positionalArguments(node);
    const first = positional[0];
    if (first === undefined) return [];
    if (calleeName(first) === 'set') {
      const inner = soleArgument(first);
      return inner === null || inner.type === 'generator_expression' ? [] : [replaceNode(first, inner.text)];
    }
    // `sorted(x for ...)` has a generator_expression as its argument list; positionalArguments gives [] there.
    // Already deduplicated (`sorted(list(set(xs)))`): another set() changes nothing.
    if (name === 'sorted' && positional.length === 1 && first.type !== 'set' && first.type !== 'set_comprehension' && first.descendantsOfType('call').every((c) => c === null || calleeName(c) !== 'set')) {
      return [replaceNode(first, `set(${first.text})`)];
    }
    return [];
  },
};
