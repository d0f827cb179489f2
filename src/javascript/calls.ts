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
