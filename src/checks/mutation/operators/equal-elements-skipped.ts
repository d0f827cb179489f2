import type { Node } from '../python-parser.js';
import { calleeName, positionalArguments, replaceNode, type MutationOperator } from './types.js';

/** What a `for` loop walks: its index variable, and its element (an `enumerate` target) or the sequence it indexes. */
interface Loop {
  index: string;
  element?: string;
  sequence?: string;
  /** `range(a, ...)`: the start's text. */
  start?: string;
  node: Node;
}

function loopOf(node: Node): Loop | undefined {
  if (node.type !== 'for_statement') return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (left === null || right === null) return undefined;
  const args = positionalArguments(right);
  if (left.type === 'identifier' && calleeName(right) === 'range') {
    const bound = args[args.length - 1];
    // range(..., len(xs)): the loop indexes xs.
    const sequence = bound !== undefined && calleeName(bound) === 'len' ? positionalArguments(bound)[0]?.text : undefined;
    return { index: left.text, node, ...(args.length >= 2 ? { start: args[0].text } : {}), ...(sequence ? { sequence } : {}) };
  }
  if ((left.type === 'pattern_list' || left.type === 'tuple_pattern') && calleeName(right) === 'enumerate' && args.length === 1) {
    const names = left.namedChildren.filter((c): c is Node => c !== null);
    if (names.length === 2 && names.every((n) => n.type === 'identifier')) return { index: names[0].text, element: names[1].text, sequence: args[0].text, node };
  }
  return undefined;
}

/** The nearest `for` loop around `node` inside the same function. */
function enclosingLoop(node: Node): Node | undefined {
  for (let p = node.parent; p !== null; p = p.parent) {
    if (p.type === 'for_statement') return p;
    if (p.type === 'function_definition' || p.type === 'lambda') return undefined;
  }
  return undefined;
}

/**
 * Distinct positions taken for distinct values, in a loop over pairs of positions: the pair's test gains
 * `and xs[i] != xs[j]` (two equal elements never paired: "two distinct elements sum to zero" missing [0, 0]), and an
 * index comparison between two loops over the same sequence, `i != j`, becomes one of their elements, `x != y`.
 */
export const equalElementsSkipped: MutationOperator = {
  name: 'equal-elements-skipped',
  family: 'plausible-mistake',
  description: 'pairs of equal elements skipped: in a loop over pairs (j from i + 1), if test -> test and xs[i] != xs[j]; i != j -> x != y',
  mutate(node) {
    if (node.type === 'if_statement') {
      const condition = node.childForFieldName('condition');
      const innerNode = enclosingLoop(node);
      const inner = innerNode && loopOf(innerNode);
      const outerNode = innerNode && enclosingLoop(innerNode);
      const outer = outerNode && loopOf(outerNode);
      if (condition === null || inner === undefined || outer === undefined || inner.element !== undefined) return [];
      if (inner.start?.replace(/\s+/g, '') !== `${outer.index}+1`) return [];
      const sequence = inner.sequence ?? outer.sequence;
      if (sequence === undefined || (outer.sequence !== undefined && outer.sequence !== sequence)) return [];
      const second = `${sequence}[${inner.index}]`;
      // Only a test on the pair's elements: the mistake is about their values.
      if (!condition.text.replace(/\s+/g, '').includes(second.replace(/\s+/g, ''))) return [];
      const first = outer.element ?? `${sequence}[${outer.index}]`;
      return [replaceNode(condition, `(${condition.text}) and ${first} != ${second}`)];
    }
    if (node.type === 'comparison_operator') {
      const operators = node.childrenForFieldName('operators').filter((o) => o !== null);
      const operands = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
      if (operators.length !== 1 || operators[0]!.type !== '!=' || operands.length !== 2 || !operands.every((o) => o.type === 'identifier')) return [];
      const loops: Loop[] = [];
      for (let p = enclosingLoop(node); p !== undefined; p = enclosingLoop(p)) {
        const l = loopOf(p);
        if (l !== undefined) loops.push(l);
      }
      const [a, b] = operands.map((o) => loops.find((l) => l.index === o.text));
      if (a === undefined || b === undefined || a === b || a.element === undefined || b.element === undefined || a.sequence !== b.sequence) return [];
      return [replaceNode(node, `${a.element} != ${b.element}`)];
    }
    return [];
  },
};
