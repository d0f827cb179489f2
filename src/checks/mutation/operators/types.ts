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

/**
 * `standard`: classic syntactic mutants (mutmut/PIT/Stryker style), what the mutation check runs.
 * `plausible-mistake`: wrong programs shaped like the mistakes model solutions make (a missing edge case,
 * an off-by-one loop bound, mishandled ties, an ignored constraint, a wrong initial value), for test
 * strengthening; generated only when asked for, so audits keep their mutants.
 */
export type MutationFamily = 'standard' | 'plausible-mistake';

export const MUTATION_FAMILIES: readonly MutationFamily[] = ['standard', 'plausible-mistake'];

export interface MutationOperator {
  /** Stable kebab-case name; appears in mutant ids and the report. */
  readonly name: string;
  /** Absent = `standard`. */
  readonly family?: MutationFamily;
  /** One line for the report and `--help`. */
  readonly description: string;
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

/** `node` where a primary is needed (call argument unwrapped into an operand): parenthesized unless already primary. */
export function asPrimary(node: Node): string {
  return PRIMARY_TYPES.has(node.type) ? node.text : `(${node.text})`;
}

/** Parents in which any expression below lambda stands without parentheses (an argument, a value, an element, a condition). */
const LOOSE_PARENTS = new Set([
  'argument_list',
  'assignment',
  'augmented_assignment',
  'return_statement',
  'expression_statement',
  'keyword_argument',
  'list',
  'tuple',
  'set',
  'pair',
  'parenthesized_expression',
  'list_comprehension',
  'set_comprehension',
  'generator_expression',
  'if_clause',
  'if_statement',
  'elif_clause',
  'while_statement',
]);

/** The text `replacement` takes when it replaces the primary `original` (a call): bare where the context allows, else parenthesized. */
export function inPlaceOf(original: Node, replacement: string, replacementIsPrimary: boolean): string {
  return replacementIsPrimary || LOOSE_PARENTS.has(original.parent?.type ?? '') ? replacement : `(${replacement})`;
}

/** True for node types that need no parentheses anywhere an operand goes. */
export function isPrimary(node: Node): boolean {
  return PRIMARY_TYPES.has(node.type);
}

/** Argument node types that are not plain positional arguments. */
const NOT_POSITIONAL_ARGUMENT = new Set(['keyword_argument', 'list_splat', 'dictionary_splat', 'comment']);

/** The positional arguments of a call (`f(a, b, k=1)` -> a, b); [] for a generator-expression argument. */
export function positionalArguments(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (args === null || args.type !== 'argument_list') return [];
  return args.namedChildren.filter((c): c is Node => c !== null && !NOT_POSITIONAL_ARGUMENT.has(c.type));
}

/** The keyword argument `name=...` of a call, if present. */
export function keywordArgument(call: Node, name: string): Node | undefined {
  const args = call.childForFieldName('arguments');
  if (args === null || args.type !== 'argument_list') return undefined;
  return args.namedChildren.find((c): c is Node => c !== null && c.type === 'keyword_argument' && c.childForFieldName('name')?.text === name);
}

/** The method name of a call `obj.name(...)`, and the object. */
export function methodCall(node: Node): { object: Node; method: string } | undefined {
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  if (fn === null || fn.type !== 'attribute') return undefined;
  const object = fn.childForFieldName('object');
  const attribute = fn.childForFieldName('attribute');
  return object === null || attribute === null ? undefined : { object, method: attribute.text };
}
