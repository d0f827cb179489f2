import { methodCall, replaceNode, type MutationOperator } from './types.js';

/** String methods that normalize case or surrounding whitespace; forgetting one ignores "case-insensitive" or "ignore spaces". */
const NORMALIZERS = new Set(['lower', 'upper', 'casefold', 'strip', 'lstrip', 'rstrip']);

/** `s.lower()` -> `s`, `line.strip()` -> `line` (no-argument calls only: `strip('x')` is not a normalization). */
export const missingNormalization: MutationOperator = {
  name: 'missing-normalization',
  family: 'plausible-mistake',
  description: 'forget to normalize a string: s.lower()/upper()/casefold()/strip()/lstrip()/rstrip() -> s',
  mutate(node) {
    const call = methodCall(node);
    if (call === undefined || !NORMALIZERS.has(call.method) || node.childForFieldName('arguments')?.namedChildCount !== 0) return [];
    return [replaceNode(node, call.object.text)];
  },
};
