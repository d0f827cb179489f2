import type { Node } from '../python-parser.js';
import { calleeName, keywordArgument, replaceNode, type MutationOperator, type Replacement } from './types.js';

const CONVERSIONS = new Set(['int', 'float']);

/** The argument of `int(x)` / `float(x)` (one positional argument), or null. */
function converted(node: Node | null): Node | null {
  if (node === null || !CONVERSIONS.has(calleeName(node) ?? '')) return null;
  const args = node.childForFieldName('arguments');
  const only = args?.namedChildCount === 1 ? args.namedChild(0) : null;
  return only !== null && only.type !== 'keyword_argument' && only.type !== 'list_splat' && only.type !== 'dictionary_splat' ? only : null;
}

/**
 * Numbers kept as strings: a comparison of two or more converted values drops the conversions
 * (`float(a) == float(b)` -> `a == b`: '1.0' != '1', '9' > '10'), and a sort key `lambda x: int(x)`
 * becomes `lambda x: x` (lexicographic order). An argument is a primary inside a call, so it
 * keeps its grouping where the call stood only if it is one; others are parenthesized.
 */
export const numbersComparedAsStrings: MutationOperator = {
  name: 'numbers-compared-as-strings',
  family: 'plausible-mistake',
  description: 'compare numbers as strings: int(a) < int(b) -> a < b; sort key lambda x: int(x) -> lambda x: x',
  mutate(node) {
    const out: Replacement[] = [];
    if (node.type === 'comparison_operator') {
      const operands = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      const unwrapped = operands.map((c) => converted(c));
      if (unwrapped.filter((u) => u !== null).length >= 2) {
        let text = '';
        let at = node.startIndex;
        operands.forEach((operand, i) => {
          const inner = unwrapped[i];
          if (inner === null) return;
          text += node.text.slice(at - node.startIndex, operand.startIndex - node.startIndex);
          text += inner.type === 'identifier' || inner.type === 'subscript' || inner.type === 'attribute' || inner.type === 'call' ? inner.text : `(${inner.text})`;
          at = operand.endIndex;
        });
        text += node.text.slice(at - node.startIndex);
        out.push(replaceNode(node, text));
      }
    }
    if (calleeName(node) === 'sorted' || calleeName(node) === 'max' || calleeName(node) === 'min') {
      const key = keywordArgument(node, 'key')?.childForFieldName('value') ?? null;
      const body = key !== null && key.type === 'lambda' ? key.childForFieldName('body') : null;
      const inner = converted(body);
      if (body !== null && inner !== null) out.push(replaceNode(body, inner.text));
    }
    return out;
  },
};
