/**
 * The Python parser (tree-sitter-python, compiled to WebAssembly): loaded once per process and reused.
 */
import { grammarLoader, type GrammarParser } from '../../util/tree-sitter.js';

export type { Node, Tree } from 'web-tree-sitter';

/** A parser bound to the tree-sitter-python grammar. Trees are freed by `withTree`. */
export type PythonParser = GrammarParser;

/** Load (once) and return the shared Python parser. */
export const loadPythonParser: () => Promise<PythonParser> = grammarLoader('tree-sitter-python', 'Python');
