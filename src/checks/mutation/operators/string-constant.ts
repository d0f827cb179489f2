import type { Node } from '../python-parser.js';
import { replaceNode, type MutationOperator } from './types.js';

/** Filler for an empty string literal (mutmut uses "XX"; one character is enough to change length and truth). */
const FILLER = 'x';

function delimiters(node: Node): { start: string; end: string } | null {
  const start = node.children.find((c) => c?.type === 'string_start');
  const end = node.children.find((c) => c?.type === 'string_end');
  return start && end ? { start: start.text, end: end.text } : null;
}

/**
 * Non-empty string literal -> empty (same prefix and quotes, so it stays valid inside f-strings);
 * empty -> "x". Implicitly concatenated literals are one unit.
 */
export const stringConstant: MutationOperator = {
  name: 'string-constant',
  description: 'replace a non-empty string literal by an empty one, an empty one by "x"',
  mutate(node) {
    if (node.type === 'concatenated_string') {
      const first = node.namedChild(0);
      const d = first === null ? null : delimiters(first);
      return d === null ? [] : [replaceNode(node, d.start + d.end)];
    }
    if (node.type !== 'string' || node.parent?.type === 'concatenated_string') return [];
    const d = delimiters(node);
    if (d === null) return [];
    const empty = node.text === d.start + d.end;
    return [replaceNode(node, empty ? d.start + FILLER + d.end : d.start + d.end)];
  },
};
