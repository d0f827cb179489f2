import type { Node } from '../python-parser.js';
import { calleeName, replaceNode, type MutationOperator } from './types.js';

/** `float('inf')`, `float("-inf")`, `-float('inf')`, `math.inf`, `-math.inf`, `sys.maxsize`, `-sys.maxsize`. */
function isInfinity(node: Node): boolean {
  if (node.type === 'unary_operator' && node.childForFieldName('operator')?.type === '-') {
    const argument = node.childForFieldName('argument');
    return argument !== null && isInfinity(argument);
  }
  if (node.type === 'attribute') return node.text === 'math.inf' || node.text === 'sys.maxsize';
  if (calleeName(node) === 'float') {
    const args = node.childForFieldName('arguments');
    const only = args?.namedChildCount === 1 ? args.namedChild(0) : null;
    return only !== null && only.type === 'string' && /^['"][+-]?inf(inity)?['"]$/i.test(only.text);
  }
  return false;
}

/** `xs[0]` with a literal 0 index: the "start from the first element" initial value. */
function isFirstElement(node: Node): boolean {
  if (node.type !== 'subscript') return false;
  const index = node.childrenForFieldName('subscript').filter((c) => c !== null);
  return index.length === 1 && index[0]!.type === 'integer' && index[0]!.text === '0';
}

/** Is `name` compared (`<`, `>`, ...) or passed to min/max anywhere in `scope`? Then it is a running extreme. */
function isComparedIn(scope: Node, name: string): boolean {
  for (const comparison of scope.descendantsOfType('comparison_operator')) {
    if (comparison?.namedChildren.some((c) => c !== null && c.type === 'identifier' && c.text === name)) return true;
  }
  for (const call of scope.descendantsOfType('call')) {
    const callee = call === null ? undefined : calleeName(call);
    if (call !== null && (callee === 'min' || callee === 'max') && call.childForFieldName('arguments')?.namedChildren.some((c) => c !== null && c.type === 'identifier' && c.text === name)) return true;
  }
  return false;
}

function enclosingScope(node: Node): Node {
  let current = node;
  while (current.parent !== null && current.type !== 'function_definition') current = current.parent;
  return current;
}

/**
 * A running minimum/maximum starts from 0 instead of infinity or the first element
 * (`best = float('-inf')` -> `best = 0`, `m = xs[0]` -> `m = 0`): right while the values are
 * positive, wrong for negative ones (or all-large ones for a minimum). Only for a plain `name = ...`
 * whose name the same function compares or passes to min/max. (0 <-> 1 accumulators are number-constant's.)
 */
export const wrongInitialValue: MutationOperator = {
  name: 'wrong-initial-value',
  family: 'plausible-mistake',
  description: "start a running min/max from 0: name = float('inf') / math.inf / sys.maxsize / xs[0] -> name = 0",
  mutate(node) {
    if (node.type !== 'assignment') return [];
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left === null || right === null || left.type !== 'identifier') return [];
    if (!isInfinity(right) && !isFirstElement(right)) return [];
    return isComparedIn(enclosingScope(node), left.text) ? [replaceNode(right, '0')] : [];
  },
};
