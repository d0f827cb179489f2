/**
 * The JavaScript parser (tree-sitter's JavaScript grammar, compiled to WebAssembly): loaded once per process.
 * Loading reads the grammar's .wasm file (the only I/O here); parsing itself is pure.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { ToolError } from '../errors.js';

export type { Node, Tree };

/** A parser bound to tree-sitter-javascript. Trees are freed by `withTree`. */
export interface JavaScriptParser {
  withTree<T>(source: string, fn: (tree: Tree) => T): T;
  /** True when tree-sitter finds no ERROR or MISSING node in `source`. */
  parses(source: string): boolean;
}

let loading: Promise<JavaScriptParser> | undefined;

export function javascriptGrammarPath(): string {
  return createRequire(import.meta.url).resolve('tree-sitter-javascript/tree-sitter-javascript.wasm');
}

export function loadJavaScriptParser(): Promise<JavaScriptParser> {
  loading ??= create().catch((error: unknown) => {
    loading = undefined;
    throw new ToolError(`cannot load the tree-sitter JavaScript grammar (${(error as Error).message})`, {
      hint: 'reinstall dependencies (npm ci): web-tree-sitter and tree-sitter-javascript must be present',
      cause: error,
    });
  });
  return loading;
}

async function create(): Promise<JavaScriptParser> {
  await Parser.init();
  const language = await Language.load(javascriptGrammarPath());
  const parser = new Parser();
  parser.setLanguage(language);
  const withTree = <T>(source: string, fn: (tree: Tree) => T): T => {
    const tree = parser.parse(source);
    if (tree === null) throw new ToolError('tree-sitter returned no tree (parser has no language set)');
    try {
      return fn(tree);
    } finally {
      tree.delete();
    }
  };
  return { withTree, parses: (source) => withTree(source, (tree) => !tree.rootNode.hasError) };
}
