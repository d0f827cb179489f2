/**
 * The `console.assert(...)` calls of a test script (HumanEval-X's only assertion form), and the script rewritten so
 * each call reports its site number to the runtime's host: `console.assert(` becomes `__benchAuditAssert(<n>, `.
 * Pure given a parser.
 */
import type { JavaScriptParser, Node } from './parser.js';

/** The runtime's assert hook (src/sandbox/js/engine.ts defines it in every job). */
export const ASSERT_HOOK_NAME = '__benchAuditAssert';

export interface AssertSite {
  site: number;
  /** 1-based line of the call in the script. */
  line: number;
  /** The call's source text. */
  text: string;
  /** The source of its first argument (the condition), or '' for `console.assert()`. */
  condition: string;
}

export interface InstrumentedScript {
  source: string;
  sites: AssertSite[];
}

function isConsoleAssert(node: Node): boolean {
  if (node.type !== 'call_expression') return false;
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'member_expression') return false;
  return callee.childForFieldName('object')?.text === 'console' && callee.childForFieldName('property')?.text === 'assert';
}

/** Number every `console.assert(...)` call in source order and rewrite it to the hook. */
export function instrumentAsserts(parser: JavaScriptParser, script: string): InstrumentedScript {
  return parser.withTree(script, (tree) => {
    const calls: Node[] = [];
    const walk = (node: Node) => {
      if (isConsoleAssert(node)) calls.push(node);
      for (const child of node.namedChildren) if (child) walk(child);
    };
    walk(tree.rootNode);
    calls.sort((a, b) => a.startIndex - b.startIndex);
    const sites: AssertSite[] = [];
    const edits: { start: number; end: number; text: string }[] = [];
    calls.forEach((call, site) => {
      const callee = call.childForFieldName('function')!;
      const args = call.childForFieldName('arguments');
      const first = args?.namedChildren.find((n) => n !== null && n.type !== 'comment');
      sites.push({ site, line: call.startPosition.row + 1, text: call.text, condition: first?.text ?? '' });
      // From the callee to just after the arguments' opening parenthesis.
      const open = args ? args.startIndex + 1 : callee.endIndex;
      edits.push({ start: callee.startIndex, end: open, text: `${ASSERT_HOOK_NAME}(${site}, ` });
    });
    // web-tree-sitter parses the JavaScript string itself: its indices are string (UTF-16) offsets.
    const parts: string[] = [];
    let at = 0;
    for (const e of edits) {
      parts.push(script.slice(at, e.start), e.text);
      at = e.end;
    }
    parts.push(script.slice(at));
    return { source: parts.join(''), sites };
  });
}
