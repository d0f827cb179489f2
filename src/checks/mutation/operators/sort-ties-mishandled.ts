import type { Node } from '../python-parser.js';
import { calleeName, keywordArgument, positionalArguments, replaceNode, type MutationOperator, type Replacement } from './types.js';

/** The first element of a tuple `(a, b, ...)`, or null when `node` is not a tuple of at least two. */
function firstOfTuple(node: Node | null): Node | null {
  if (node === null || node.type !== 'tuple') return null;
  const items = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  return items.length >= 2 ? items[0] : null;
}

/**
 * Elements with equal sort keys come out in the wrong order: the tie-breaker is dropped (a key
 * `lambda x: (a, b)` -> `lambda x: a`; `sorted(sorted(xs), key=k)` -> `sorted(xs, key=k)`, whose
 * inner sort broke the ties), or `sorted(xs, key=k, reverse=True)` -> `sorted(xs, key=k)[::-1]`,
 * which also reverses the order of ties (a stable reverse sort keeps it).
 */
export const sortTiesMishandled: MutationOperator = {
  name: 'sort-ties-mishandled',
  family: 'plausible-mistake',
  description: 'order equal-key elements wrongly: drop a tuple key\'s tie-breaker or an inner pre-sort; reverse=True with a key -> [::-1]',
  mutate(node) {
    const name = calleeName(node);
    const isSortMethod = node.type === 'call' && node.childForFieldName('function')?.type === 'attribute' && node.childForFieldName('function')?.childForFieldName('attribute')?.text === 'sort';
    if (name !== 'sorted' && name !== 'max' && name !== 'min' && !isSortMethod) return [];
    const out: Replacement[] = [];
    const key = keywordArgument(node, 'key')?.childForFieldName('value') ?? null;
    if (key !== null && key.type === 'lambda') {
      const first = firstOfTuple(key.childForFieldName('body'));
      if (first !== null) out.push(replaceNode(key.childForFieldName('body')!, first.text));
    }
    if (name !== 'sorted' || key === null) return out;
    const inner = positionalArguments(node)[0];
    if (inner !== undefined && calleeName(inner) === 'sorted') {
      const innerSource = positionalArguments(inner)[0];
      if (innerSource !== undefined) out.push(replaceNode(inner, innerSource.text));
    }
    const reverse = keywordArgument(node, 'reverse');
    if (reverse !== undefined && reverse.childForFieldName('value')?.type === 'true') {
      const args = node.childForFieldName('arguments')!;
      const kept = args.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment' && c.startIndex !== reverse.startIndex).map((c) => c.text);
      out.push(replaceNode(node, `sorted(${kept.join(', ')})[::-1]`));
    }
    return out;
  },
};
