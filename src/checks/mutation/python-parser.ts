/**
 * The Python parser (tree-sitter, compiled to WebAssembly): loaded once per process and reused.
 * Loading reads the grammar's .wasm file (the only I/O here); parsing itself is pure.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { ToolError } from '../../errors.js';

export type { Node, Tree };

let loading: Promise<PythonParser> | undefined;

/** A parser bound to the tree-sitter-python grammar. Trees are freed by `withTree`. */
export interface PythonParser {
  /** Parse `source`, give the tree to `fn`, free the tree (WebAssembly memory) afterwards. */
  withTree<T>(source: string, fn: (tree: Tree) => T): T;
  /** True when tree-sitter finds no ERROR or MISSING node in `source`. */
  parses(source: string): boolean;
}

/** Resolve the grammar shipped inside the `tree-sitter-python` package. */
export function pythonGrammarPath(): string {
  return createRequire(import.meta.url).resolve('tree-sitter-python/tree-sitter-python.wasm');
}

/** Load (once) and return the shared Python parser. */
export function loadPythonParser(): Promise<PythonParser> {
  loading ??= create().catch((error: unknown) => {
    loading = undefined;
    throw new ToolError(`cannot load the tree-sitter Python grammar (${(error as Error).message})`, {
      hint: 'reinstall dependencies (npm ci): web-tree-sitter and tree-sitter-python must be present',
      cause: error,
    });
  });
  return loading;
}

async function create(): Promise<PythonParser> {
  await Parser.init();
  const language = await Language.load(pythonGrammarPath());
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
  return {
    withTree,
    parses: (source) => withTree(source, (tree) => !tree.rootNode.hasError),
  };
}
