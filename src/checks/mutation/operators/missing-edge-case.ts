import type { Node } from '../python-parser.js';
import { replaceNode, type MutationOperator, type Replacement } from './types.js';

/** Statements that leave the function early: a branch ending in one of them handles a special case. */
const EARLY_EXIT = new Set(['return_statement', 'raise_statement']);

/** Literal scalars a special-case branch typically yields (`None`, `0`, `''`, `False`, ...). */
const SCALAR = new Set(['integer', 'float', 'true', 'false', 'none']);
/** Containers that are a special value when every element is one (`[]`, `(0, 0)`). */
const CONTAINER = new Set(['list', 'tuple', 'dictionary', 'set']);

function endsInEarlyExit(block: Node | null): boolean {
  const last = block?.namedChildren.filter((c) => c !== null && c.type !== 'comment').at(-1);
  return last !== undefined && last !== null && EARLY_EXIT.has(last.type);
}

/** Loops whose body is the general case: a branch inside one is the algorithm, not a special case. */
const LOOP = new Set(['for_statement', 'while_statement']);

/** Not inside a loop of the same function (a guard, not a step of the algorithm). */
function outsideLoops(node: Node): boolean {
  for (let p = node.parent; p !== null && p.type !== 'function_definition'; p = p.parent) if (LOOP.has(p.type)) return false;
  return true;
}

/** The value a block's final `return` yields (null for a bare return or another last statement). */
function returnedValue(block: Node | null): Node | null {
  const last = block?.namedChildren.filter((c) => c !== null && c.type !== 'comment').at(-1);
  return last !== undefined && last !== null && last.type === 'return_statement' ? last.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null : null;
}

/**
 * `if c: return a` right before the block's closing `return b` is the decision itself (`return True`
 * / `return False`, `return a` / `return b`), unless it returns a literal where the general case
 * computes one (`if not xs: return []` / `return xs[1:]`).
 */
function decidesTheResult(node: Node): boolean {
  let next = node.nextNamedSibling;
  while (next !== null && next.type === 'comment') next = next.nextNamedSibling;
  if (next === null || next.type !== 'return_statement' || next.nextNamedSibling !== null) return false;
  const special = returnedValue(node.childForFieldName('consequence'));
  const general = next.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
  return !(special !== null && isEdgeValue(special) && general !== null && !isEdgeValue(general));
}

function isEdgeValue(node: Node): boolean {
  if (SCALAR.has(node.type)) return true;
  if (node.type === 'string' || node.type === 'concatenated_string') return node.descendantsOfType('interpolation').length === 0;
  if (node.type === 'unary_operator') return SCALAR.has(node.childForFieldName('argument')?.type ?? '');
  if (CONTAINER.has(node.type)) return node.namedChildren.every((c) => c !== null && c.type !== 'comment' && isEdgeValue(c));
  return false;
}

/**
 * The solution forgets a special case: `if <cond>: ... return/raise` (no else; not inside a loop,
 * where a branch is a step of the algorithm; not just before the final return, where it is the decision) is deleted, an `elif` ending in return/raise (same) is deleted (the following branches then handle the case), and
 * `<literal> if <cond> else <expr>` (or the mirror) keeps only the general branch.
 */
export const missingEdgeCase: MutationOperator = {
  name: 'missing-edge-case',
  family: 'plausible-mistake',
  description: 'forget a special case: delete an if/elif branch that returns or raises early, or the literal branch of a conditional expression',
  mutate(node) {
    switch (node.type) {
      case 'if_statement': {
        const hasAlternative = node.childrenForFieldName('alternative').some((c) => c !== null);
        return !hasAlternative && outsideLoops(node) && !decidesTheResult(node) && endsInEarlyExit(node.childForFieldName('consequence')) ? [replaceNode(node, 'pass')] : [];
      }
      case 'elif_clause': {
        if (!outsideLoops(node) || !endsInEarlyExit(node.childForFieldName('consequence'))) return [];
        const next = node.nextSibling;
        if (next !== null && (next.type === 'elif_clause' || next.type === 'else_clause')) return [{ start: node.startIndex, end: next.startIndex, text: '' }];
        const previous = node.previousSibling;
        return previous === null ? [] : [{ start: previous.endIndex, end: node.endIndex, text: '' }];
      }
      case 'conditional_expression': {
        if (node.namedChildCount !== 3) return [];
        const body = node.namedChild(0);
        const alternative = node.namedChild(2);
        if (body === null || alternative === null) return [];
        const out: Replacement[] = [];
        if (isEdgeValue(body) && !isEdgeValue(alternative)) out.push(replaceNode(node, alternative.text));
        if (isEdgeValue(alternative) && !isEdgeValue(body)) out.push(replaceNode(node, body.text));
        return out;
      }
      default:
        return [];
    }
  },
};
