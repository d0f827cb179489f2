import type { Node } from '../python-parser.js';
import { isIntegerLiteral, offByOne, type MutationOperator, type Replacement } from './types.js';

/** Index expressions that off-by-one cannot sensibly shift (dictionary keys written as literals). */
const NOT_NUMERIC = new Set(['string', 'concatenated_string', 'true', 'false', 'none', 'tuple', 'comment']);

function shiftable(node: Node | null): node is Node {
  return node !== null && !NOT_NUMERIC.has(node.type) && !isIntegerLiteral(node);
}

/** The start and stop of a slice (`a:b:c` -> a and b), skipping absent parts; the step is never shifted. */
function sliceBounds(slice: Node): Node[] {
  const out: Node[] = [];
  let colons = 0;
  for (const child of slice.children) {
    if (child === null) continue;
    if (child.type === ':') colons++;
    else if (child.isNamed && colons < 2) out.push(child);
  }
  return out;
}

/** `a[i]` -> `a[i + 1]`, `a[i - 1]`; `a[i:j]` -> shifts of i and j. Literal indices are left to number-constant. */
export const sliceIndex: MutationOperator = {
  name: 'slice-index',
  description: 'off-by-one in a subscript index or slice bound: x -> x + 1 and x - 1 (non-literal)',
  mutate(node) {
    if (node.type !== 'subscript') return [];
    const out: Replacement[] = [];
    for (const part of node.childrenForFieldName('subscript')) {
      if (part === null) continue;
      const targets = part.type === 'slice' ? sliceBounds(part) : [part];
      for (const target of targets) if (shiftable(target)) out.push(...offByOne(target));
    }
    return out;
  },
};
