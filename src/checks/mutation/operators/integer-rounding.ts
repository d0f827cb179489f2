import type { Node } from '../python-parser.js';
import { asPrimary, calleeName, inPlaceOf, positionalArguments, replaceNode, type MutationOperator, type Replacement } from './types.js';

/** The only argument of a call with exactly one argument, positional. */
function onlyArgument(call: Node): Node | undefined {
  const args = positionalArguments(call);
  return args.length === 1 && call.childForFieldName('arguments')?.namedChildCount === 1 ? args[0] : undefined;
}

/** `math.ceil` / `math.floor` (attribute calls on the module `math`). */
function mathFunction(call: Node): string | undefined {
  if (call.type !== 'call') return undefined;
  const fn = call.childForFieldName('function');
  if (fn === null || fn.type !== 'attribute' || fn.childForFieldName('object')?.text !== 'math') return undefined;
  const name = fn.childForFieldName('attribute')?.text;
  return name === 'ceil' || name === 'floor' ? name : undefined;
}

function isDivision(node: Node, op: string): boolean {
  return node.type === 'binary_operator' && node.childForFieldName('operator')?.type === op;
}

/**
 * A real number made an integer the wrong way: truncating instead of rounding (`round(x)` ->
 * `int(x)`) or the reverse for a computed value (`int(a * b)` -> `round(a * b)`), truncating
 * instead of ceiling/flooring (`math.ceil(x)` -> `int(x)`), and truncating vs floor division,
 * which differ on negative operands (`int(a / b)` <-> `a // b`).
 */
export const integerRounding: MutationOperator = {
  name: 'integer-rounding',
  family: 'plausible-mistake',
  description: 'round a number to an integer the wrong way: round <-> int, math.ceil/floor -> int, int(a / b) <-> a // b',
  mutate(node) {
    if (isDivision(node, '//')) {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      return left === null || right === null ? [] : [replaceNode(node, `int(${left.text} / ${right.text})`)];
    }
    const name = calleeName(node) ?? mathFunction(node);
    if (name === undefined) return [];
    const arg = onlyArgument(node);
    if (arg === undefined) return [];
    const out: Replacement[] = [];
    if (name === 'round' || name === 'ceil' || name === 'floor') out.push(replaceNode(node, `int(${arg.text})`));
    if (name === 'int' && arg.type === 'binary_operator') {
      out.push(replaceNode(node, `round(${arg.text})`));
      if (isDivision(arg, '/')) {
        const left = arg.childForFieldName('left');
        const right = arg.childForFieldName('right');
        if (left !== null && right !== null) {
          const floor = `${left.text} // ${asPrimary(right)}`;
          out.push(replaceNode(node, inPlaceOf(node, floor, false)));
        }
      }
    }
    return out;
  },
};
