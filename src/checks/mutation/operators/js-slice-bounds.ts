import { replaceNode, type MutationOperator, type Replacement } from './types.js';

/** String and array methods whose arguments are index bounds. */
const BOUNDED_METHODS = new Set(['slice', 'substring', 'substr', 'splice']);
/** Node types that need no parentheses as the left operand of `+`/`-`. */
const PRIMARY = new Set(['identifier', 'number', 'member_expression', 'subscript_expression', 'call_expression', 'parenthesized_expression', 'binary_expression']);

/** JavaScript: each bound of `x.slice(a, b)` (and substring, substr, splice) -> `a + 1`, `a - 1`. */
export const jsSliceBounds: MutationOperator = {
  name: 'js-slice-bounds',
  description: 'JavaScript: move a bound of slice/substring/substr/splice by one',
  mutate(node) {
    if (node.type !== 'call_expression') return [];
    const callee = node.childForFieldName('function');
    if (callee?.type !== 'member_expression' || !BOUNDED_METHODS.has(callee.childForFieldName('property')?.text ?? '')) return [];
    const args = node.childForFieldName('arguments');
    const out: Replacement[] = [];
    for (const arg of args?.namedChildren ?? []) {
      if (arg === null || arg.type === 'comment' || arg.type === 'spread_element') continue;
      // `a - b + 1` keeps the grouping for additive operands; anything looser is parenthesized.
      const additive = arg.type === 'binary_expression' && ['+', '-', '*', '/', '%'].includes(arg.childForFieldName('operator')?.type ?? '');
      const operand = PRIMARY.has(arg.type) && (arg.type !== 'binary_expression' || additive) ? arg.text : `(${arg.text})`;
      out.push(replaceNode(arg, `${operand} + 1`), replaceNode(arg, `${operand} - 1`));
    }
    return out;
  },
};
