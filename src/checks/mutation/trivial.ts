/**
 * Trivial-solution baselines: degenerate candidates that keep the entry point's signature but
 * return a constant, echo the first argument, or raise. A task whose tests accept one of them
 * tests next to nothing. Pure given the parser.
 */
import type { Node, PythonParser } from './python-parser.js';

export const TRIVIAL_BASELINES = [
  'return-none',
  'return-zero',
  'return-empty-string',
  'return-empty-list',
  'return-true',
  'return-false',
  'return-first-argument',
  'raise',
] as const;
export type TrivialBaseline = (typeof TRIVIAL_BASELINES)[number];

export interface TrivialCandidate {
  baseline: TrivialBaseline;
  /** The solution program with the entry point's body replaced. */
  source: string;
}

const BODIES: Readonly<Record<Exclude<TrivialBaseline, 'return-first-argument'>, string>> = {
  'return-none': 'return None',
  'return-zero': 'return 0',
  'return-empty-string': "return ''",
  'return-empty-list': 'return []',
  'return-true': 'return True',
  'return-false': 'return False',
  raise: "raise NotImplementedError('trivial baseline')",
};

/** The top-level definition of `name` (falling back to any nesting depth), or null. */
function findFunction(root: Node, name: string): Node | null {
  let nested: Node | null = null;
  const visit = (node: Node, topLevel: boolean): Node | null => {
    for (const child of node.namedChildren) {
      if (child === null) continue;
      const def = child.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
      if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === name) {
        if (topLevel) return def;
        nested ??= def;
      }
      const found = visit(child, false);
      if (found !== null) return found;
    }
    return null;
  };
  return visit(root, true) ?? nested;
}

/** Name of the first parameter, if it is a plain (possibly typed or defaulted) one. */
function firstParameter(def: Node): string | undefined {
  const params = def.childForFieldName('parameters');
  const first = params?.namedChildren.find((c) => c !== null && c.type !== 'comment');
  if (!first) return undefined;
  if (first.type === 'identifier') return first.text;
  if (first.type === 'typed_parameter') return first.namedChildren.find((c) => c?.type === 'identifier')?.text;
  if (first.type === 'default_parameter' || first.type === 'typed_default_parameter') return first.childForFieldName('name')?.text;
  return undefined; // *args, **kwargs, / or *: no single first argument
}

/**
 * One candidate per baseline (return-first-argument only when the first parameter is plain).
 * Empty when `solution` does not define `entryPoint`.
 */
export function trivialCandidates(parser: PythonParser, solution: string, entryPoint: string): TrivialCandidate[] {
  return parser.withTree(solution, (tree) => {
    const def = findFunction(tree.rootNode, entryPoint);
    const body = def?.childForFieldName('body');
    if (!def || !body) return [];
    const replace = (text: string): string => solution.slice(0, body.startIndex) + text + solution.slice(body.endIndex);
    const first = firstParameter(def);
    const out: TrivialCandidate[] = [];
    for (const baseline of TRIVIAL_BASELINES) {
      if (baseline === 'return-first-argument') {
        if (first !== undefined) out.push({ baseline, source: replace(`return ${first}`) });
      } else {
        out.push({ baseline, source: replace(BODIES[baseline]) });
      }
    }
    return out;
  });
}
