import type { Node } from '../python-parser.js';
import { calleeName, inPlaceOf, methodCall, positionalArguments, replaceNode, type MutationOperator, type Replacement } from './types.js';

const ANCHORED_METHODS = new Set(['startswith', 'endswith']);

/** Expressions that bind more loosely than `in`, so they need parentheses as its left operand. */
const LOOSER_THAN_COMPARISON = new Set(['comparison_operator', 'not_operator', 'boolean_operator', 'conditional_expression', 'lambda', 'named_expression']);

/** Argument types that are not one plain value (a tuple of prefixes is another test: `(a, b) in s` raises). */
const NOT_ONE_VALUE = new Set(['tuple', 'list_splat', 'dictionary_splat', 'keyword_argument', 'comment']);

function leftOfIn(node: Node): string {
  return LOOSER_THAN_COMPARISON.has(node.type) ? `(${node.text})` : node.text;
}

/** The argument of `len(x)` (one positional argument), or null. */
function lengthOf(node: Node | null): Node | null {
  if (node === null || calleeName(node) !== 'len') return null;
  const args = positionalArguments(node);
  return args.length === 1 && node.childForFieldName('arguments')?.namedChildCount === 1 ? args[0] : null;
}

/** For `x[:len(p)]`, `x[0:len(p)]` and `x[-len(p):]`: x and the text of p; else null. */
function anchoredSlice(node: Node): { of: Node; part: string } | null {
  if (node.type !== 'subscript') return null;
  const value = node.childForFieldName('value');
  const parts = node.childrenForFieldName('subscript').filter((c): c is Node => c !== null);
  if (value === null || parts.length !== 1 || parts[0].type !== 'slice') return null;
  const colon = parts[0].children.findIndex((c) => c?.type === ':');
  if (colon < 0 || parts[0].children.filter((c) => c?.type === ':').length !== 1) return null;
  const before = parts[0].children.slice(0, colon).filter((c): c is Node => c !== null && c.isNamed);
  const after = parts[0].children.slice(colon + 1).filter((c): c is Node => c !== null && c.isNamed);
  if (before.length > 1 || after.length > 1) return null;
  const start = before[0] ?? null;
  const stop = after[0] ?? null;
  // Prefix: no start (or 0), stop len(p).
  const prefix = start === null || start.text === '0' ? lengthOf(stop) : null;
  if (prefix !== null) return { of: value, part: prefix.text };
  // Suffix: start -len(p), no stop.
  const negated = start?.type === 'unary_operator' && start.child(0)?.type === '-' ? lengthOf(start.childForFieldName('argument')) : null;
  return stop === null && negated !== null ? { of: value, part: negated.text } : null;
}

/**
 * A prefix or suffix test read as containment: `s.startswith(p)` / `s.endswith(p)` -> `p in s`, and the slice
 * comparisons `s[:len(p)] == p` / `s[-len(p):] == p` -> `p in s` (`!=` -> `not in`). Wrong where p sits inside s
 * but not at that end, an input the tests often lack (HumanEval/29's `filter_by_prefix`).
 */
export const prefixSuffixAsContainment: MutationOperator = {
  name: 'prefix-suffix-as-containment',
  family: 'plausible-mistake',
  description: 'test containment instead of a prefix or suffix: s.startswith(p), s[:len(p)] == p -> p in s',
  mutate(node) {
    const call = methodCall(node);
    if (call !== undefined && ANCHORED_METHODS.has(call.method)) {
      const args = node.childForFieldName('arguments');
      const only = args?.type === 'argument_list' && args.namedChildCount === 1 ? args.namedChild(0) : null;
      if (only === null || NOT_ONE_VALUE.has(only.type)) return [];
      return [replaceNode(node, inPlaceOf(node, `${leftOfIn(only)} in ${call.object.text}`, false))];
    }
    if (node.type !== 'comparison_operator') return [];
    const operands = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    const operators = node.childrenForFieldName('operators').filter((c): c is Node => c !== null);
    if (operands.length !== 2 || operators.length !== 1 || (operators[0].type !== '==' && operators[0].type !== '!=')) return [];
    const out: Replacement[] = [];
    for (const [i, side] of operands.entries()) {
      const slice = anchoredSlice(side);
      if (slice === null || operands[1 - i].text !== slice.part) continue;
      out.push(replaceNode(node, `${leftOfIn(operands[1 - i])} ${operators[0].type === '==' ? 'in' : 'not in'} ${slice.of.text}`));
    }
    return out;
  },
};
