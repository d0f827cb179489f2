/**
 * The operator contract. An operator is a plain `{ name, description, mutate }` object (as in
 * stryker-js `instrumenter/src/mutators`): the generator walks every syntax node inside the
 * mutable region and asks each operator for replacements of source spans at that node.
 * Operators are pure: they read the node and return spans; they never see the rest of the task.
 */
import type { Node } from '../python-parser.js';

/** Replace `source.slice(start, end)` by `text` (UTF-16 offsets, as tree-sitter reports them for JS strings). */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

export interface MutationOperator {
  /** Stable kebab-case name; appears in mutant ids and the report. */
  readonly name: string;
  /** One line for the report and `--help`. */
  readonly description: string;
  /** standard (the audit's mutants) or plausible-mistake (mistakes model solutions make; test amplification only); unset = standard. */
  readonly family?: 'standard' | 'plausible-mistake';
  /** Replacements for this node (usually none). Spans must lie inside the node. */
  mutate(node: Node): Replacement[];
}

/** Replace the whole node. */
export function replaceNode(node: Node, text: string): Replacement {
  return { start: node.startIndex, end: node.endIndex, text };
}

/** Named node types that bind tighter than any binary operator, so `x + 1` / `not x` need no parentheses around x. */
const PRIMARY_TYPES = new Set([
  'identifier',
  'integer',
  'float',
  'string',
  'concatenated_string',
  'true',
  'false',
  'none',
  'call',
  'attribute',
  'subscript',
  'parenthesized_expression',
  'list',
  'tuple',
  'dictionary',
  'set',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression',
]);

/** Binary operators with at least the precedence of `+`/`-`, so `<x> + 1` keeps x's grouping (left-associative). */
const ADDITIVE_OR_TIGHTER = new Set(['+', '-', '*', '/', '//', '%', '@', '**']);

/** `node` as an operand of `+`/`-` on its right side: parenthesized unless the grouping is kept without. */
export function asAdditiveOperand(node: Node): string {
  if (PRIMARY_TYPES.has(node.type) || node.type === 'unary_operator') return node.text;
  if (node.type === 'binary_operator') {
    const op = node.childForFieldName('operator')?.type ?? '';
    if (ADDITIVE_OR_TIGHTER.has(op)) return node.text;
  }
  return `(${node.text})`;
}

/** `not <node>` with parentheses where `not` would otherwise bind differently. */
export function negate(node: Node): string {
  if (PRIMARY_TYPES.has(node.type) || node.type === 'comparison_operator' || node.type === 'not_operator') {
    return `not ${node.text}`;
  }
  return `not (${node.text})`;
}

/** Replace the anonymous operator token(s) of `node` found in field `field` by each of `table[token]`. */
export function swapOperatorToken(node: Node, field: string, table: Readonly<Record<string, readonly string[]>>): Replacement[] {
  const out: Replacement[] = [];
  for (const token of node.childrenForFieldName(field)) {
    if (token === null) continue;
    const options = Object.hasOwn(table, token.type) ? table[token.type] : undefined;
    if (options === undefined) continue;
    for (const text of options) out.push(replaceNode(token, text));
  }
  return out;
}

/** True for integer literals `0`, `12`, `1_000` (decimal; hex/octal/binary are left to nobody). */
export function decimalIntegerValue(node: Node): bigint | undefined {
  if (node.type !== 'integer') return undefined;
  const text = node.text.replaceAll('_', '');
  if (!/^(0|[1-9]\d*)$/.test(text)) return undefined;
  return BigInt(text);
}

/** The function name of a call whose callee is a bare identifier (`min(...)` -> `min`). */
export function calleeName(node: Node): string | undefined {
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  return fn !== null && fn.type === 'identifier' ? fn.text : undefined;
}

/** An integer literal, possibly signed (`3`, `-1`): number-constant already mutates these. */
export function isIntegerLiteral(node: Node): boolean {
  if (node.type === 'integer') return true;
  if (node.type === 'unary_operator') {
    const argument = node.childForFieldName('argument');
    return argument !== null && argument.type === 'integer';
  }
  return false;
}

/** `x` -> `x + 1` and `x - 1`, parenthesizing x where needed. */
export function offByOne(node: Node): Replacement[] {
  const operand = asAdditiveOperand(node);
  return [replaceNode(node, `${operand} + 1`), replaceNode(node, `${operand} - 1`)];
}
