/**
 * The JavaScript parser (tree-sitter's JavaScript grammar, compiled to WebAssembly): loaded once per process.
 */
import { grammarLoader, type GrammarParser } from '../util/tree-sitter.js';

export type { Node, Tree } from 'web-tree-sitter';

/** A parser bound to tree-sitter-javascript. Trees are freed by `withTree`. */
export type JavaScriptParser = GrammarParser;

/** Load (once) and return the shared JavaScript parser. */
export const loadJavaScriptParser: () => Promise<JavaScriptParser> = grammarLoader('tree-sitter-javascript', 'JavaScript');
