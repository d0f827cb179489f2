/** Syntax errors of JavaScript sources, from tree-sitter's parse tree (never run). Pure given a parser. */
import type { JavaScriptParser, Node } from './parser.js';

export type JsSyntaxResult = { ok: true } | { ok: false; line: number; column: number; message: string };

function firstError(node: Node): Node | undefined {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    if (child && child.hasError) {
      const found = firstError(child);
      if (found) return found;
    }
  }
  return undefined;
}

export function checkJavaScriptSyntax(parser: JavaScriptParser, source: string): JsSyntaxResult {
  return parser.withTree(source, (tree) => {
    if (!tree.rootNode.hasError) return { ok: true };
    const bad = firstError(tree.rootNode) ?? tree.rootNode;
    const message = bad.isMissing ? `missing ${bad.type}` : `unexpected ${JSON.stringify(bad.text.slice(0, 40))}`;
    return { ok: false, line: bad.startPosition.row + 1, column: bad.startPosition.column + 1, message };
  });
}
