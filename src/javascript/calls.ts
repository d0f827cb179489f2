/** The literal argument lists a test script passes to the function under test (`f(1, [2, 3])`). Pure given a parser. */
import type { JavaScriptParser, Node } from './parser.js';

/** Node types whose text is a value that does not depend on the program: literals and containers of them. */
const LITERAL_TYPES = new Set(['number', 'string', 'true', 'false', 'null', 'undefined', 'template_string']);

function isLiteral(node: Node): boolean {
  if (LITERAL_TYPES.has(node.type)) return node.type !== 'template_string' || !node.namedChildren.some((c) => c?.type === 'template_substitution');
  if (node.type === 'unary_expression') {
    const op = node.childForFieldName('operator')?.type;
    const arg = node.childForFieldName('argument');
    return (op === '-' || op === '+') && arg !== null && arg.type === 'number';
  }
  if (node.type === 'array') return node.namedChildren.every((c) => c !== null && (c.type === 'comment' || isLiteral(c)));
  if (node.type === 'object') {
    return node.namedChildren.every((c) => {
      if (c === null || c.type === 'comment') return true;
      const value = c.type === 'pair' ? c.childForFieldName('value') : null;
      return value !== null && isLiteral(value);
    });
  }
  return false;
}

/** Argument texts of every call `entryPoint(...)` whose arguments are all literals, deduplicated, in source order. */
export function literalCalls(parser: JavaScriptParser, script: string, entryPoint: string): string[] {
  return parser.withTree(script, (tree) => {
    const out: string[] = [];
    const seen = new Set<string>();
    const walk = (node: Node) => {
      if (node.type === 'call_expression' && node.childForFieldName('function')?.text === entryPoint) {
        const args = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
        if (args.every(isLiteral)) {
          const text = args.map((a) => a.text).join(', ');
          if (!seen.has(text)) {
            seen.add(text);
            out.push(text);
          }
        }
      }
      for (const child of node.namedChildren) if (child) walk(child);
    };
    walk(tree.rootNode);
    return out;
  });
}

/** `node` with any `JSON.stringify(...)` wrappers taken off (the release compares arrays and objects through JSON). */
function unwrapStringify(node: Node): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren.length === 1 && n.namedChildren[0]) n = n.namedChildren[0];
  while (n.type === 'call_expression' && n.childForFieldName('function')?.text === 'JSON.stringify') {
    const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
    if (args.length !== 1) return n;
    n = args[0];
  }
  return n;
}

/**
 * Whether the script compares the answer of some call `entryPoint(<literals>)` to a literal value: `f(x) === v`,
 * `JSON.stringify(f(x)) === JSON.stringify(v)`, or `Math.abs(f(x) - v) < tolerance`. A script that never does judges
 * answers by a property (HumanEval/32: poly(xs, x) is about 0, any root will do; /38: decoding undoes encoding), so
 * the reference's own answer on an input is not what the tests would demand of a right program.
 */
export function comparesToLiterals(parser: JavaScriptParser, script: string, entryPoint: string): boolean {
  const isCall = (n: Node) => {
    const u = unwrapStringify(n);
    if (u.type !== 'call_expression' || u.childForFieldName('function')?.text !== entryPoint) return false;
    return (u.childForFieldName('arguments')?.namedChildren ?? []).every((c) => c === null || c.type === 'comment' || isLiteral(c));
  };
  const isValue = (n: Node) => isLiteral(unwrapStringify(n));
  const pair = (a: Node | null, b: Node | null) => a !== null && b !== null && ((isCall(a) && isValue(b)) || (isValue(a) && isCall(b)));
  return parser.withTree(script, (tree) => {
    let found = false;
    const walk = (node: Node) => {
      if (found) return;
      if (node.type === 'binary_expression') {
        const op = node.childForFieldName('operator')?.type;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if ((op === '===' || op === '==') && pair(left, right)) found = true;
        else if ((op === '<' || op === '<=') && left?.type === 'call_expression' && left.childForFieldName('function')?.text === 'Math.abs') {
          const inner = (left.childForFieldName('arguments')?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
          const d = inner.length === 1 ? unwrapStringify(inner[0]) : null;
          if (d?.type === 'binary_expression' && d.childForFieldName('operator')?.type === '-' && pair(d.childForFieldName('left'), d.childForFieldName('right'))) found = true;
        }
      }
      for (const child of node.namedChildren) if (child) walk(child);
    };
    walk(tree.rootNode);
    return found;
  });
}
