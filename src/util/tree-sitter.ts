/**
 * A tree-sitter grammar (compiled to WebAssembly) loaded once per process and reused: the Python and JavaScript
 * parsers are the same loader over different grammar packages. Loading reads the .wasm file; parsing is pure.
 */
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { ToolError } from '../errors.js';

/** A parser bound to one grammar. Trees are freed by `withTree`. */
export interface GrammarParser {
  /** Parse `source`, give the tree to `fn`, free the tree (WebAssembly memory) afterwards. */
  withTree<T>(source: string, fn: (tree: Tree) => T): T;
  /** True when tree-sitter finds no ERROR or MISSING node in `source`. */
  parses(source: string): boolean;
}

/** The path of a grammar's .wasm file inside its npm package, e.g. `tree-sitter-python/tree-sitter-python.wasm`. */
export function grammarPath(wasm: string): string {
  return createRequire(import.meta.url).resolve(wasm);
}

/** A function that loads the grammar once (a failed load is retried next time) and returns the shared parser. */
export function grammarLoader(pkg: string, languageName: string): () => Promise<GrammarParser> {
  let loading: Promise<GrammarParser> | undefined;
  return () => {
    loading ??= create(grammarPath(`${pkg}/${pkg}.wasm`)).catch((error: unknown) => {
      loading = undefined;
      throw new ToolError(`cannot load the tree-sitter ${languageName} grammar (${(error as Error).message})`, {
        hint: `reinstall dependencies (npm ci): web-tree-sitter and ${pkg} must be present`,
        cause: error,
      });
    });
    return loading;
  };
}

async function create(wasm: string): Promise<GrammarParser> {
  await Parser.init();
  const language = await Language.load(wasm);
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
