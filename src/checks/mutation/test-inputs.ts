/**
 * The inputs the benchmark's own tests use: every call of the function under test whose
 * positional arguments are all literals (`candidate([1, 2], 3)` in a HumanEval check function,
 * `f(1, 2)` in an MBPP assert). They seed type-aware input generation. Pure given the parser.
 */
import type { Task } from '../../model/task.js';
import type { Node, PythonParser } from './python-parser.js';
import { literalValue, pyRepr, type PyValue } from './py-value.js';

/** Distinct literal argument lists of calls to any of `callees` in `code`, in source order. */
export function literalCallInputs(parser: PythonParser, code: string, callees: readonly string[]): PyValue[][] {
  return parser.withTree(code, (tree) => {
    const out: PyValue[][] = [];
    const seen = new Set<string>();
    const visit = (node: Node): void => {
      if (node.type === 'call') {
        const fn = node.childForFieldName('function');
        const args = node.childForFieldName('arguments');
        if (fn !== null && fn.type === 'identifier' && callees.includes(fn.text) && args?.type === 'argument_list') {
          const values: PyValue[] = [];
          let literal = true;
          for (const arg of args.namedChildren) {
            if (arg === null || arg.type === 'comment') continue;
            const v = literalValue(arg);
            if (v === undefined) {
              literal = false;
              break;
            }
            values.push(v);
          }
          const key = values.map(pyRepr).join(', ');
          if (literal && !seen.has(key)) {
            seen.add(key);
            out.push(values);
          }
        }
      }
      for (const child of node.children) if (child !== null) visit(child);
    };
    visit(tree.rootNode);
    return out;
  });
}

/** The name the tests call the solution by: `candidate` inside a check function, else the entry point. */
export function testCallees(task: Pick<Task, 'tests' | 'entryPoint'>): string[] {
  return task.tests.kind === 'check-function' ? ['candidate', task.entryPoint] : [task.entryPoint];
}

/** The literal inputs of a task's own tests (challenge asserts included for MBPP). */
export function taskTestInputs(parser: PythonParser, task: Pick<Task, 'tests' | 'entryPoint'>): PyValue[][] {
  // A script's tests are another language's code: the Python parser reads no inputs from them.
  if (task.tests.kind === 'script') return [];
  const code = task.tests.kind === 'check-function' ? task.tests.code : [...task.tests.asserts, ...task.tests.challengeAsserts].join('\n');
  return literalCallInputs(parser, code, testCallees(task));
}

/**
 * The literal results the tests expect: the other side of `<callee>(...) == <literal>` or `is <literal>` (either way
 * round), and True/False for `assert <callee>(...)` / `assert not <callee>(...)`. They say what kind of value the task returns.
 */
export function literalTestOutputs(parser: PythonParser, task: Pick<Task, 'tests' | 'entryPoint'>): PyValue[] {
  // Python tests only: a JavaScript script's literals are read by the JavaScript path.
  if (task.tests.kind === 'script') return [];
  const code = task.tests.kind === 'check-function' ? task.tests.code : [...task.tests.asserts, ...task.tests.challengeAsserts].join('\n');
  const callees = testCallees(task);
  return parser.withTree(code, (tree) => {
    const out: PyValue[] = [];
    const isCall = (n: Node | null): boolean => n !== null && n.type === 'call' && callees.includes(n.childForFieldName('function')?.text ?? '');
    const visit = (node: Node): void => {
      if (node.type === 'assert_statement') {
        // `assert f(x)` expects a truthy answer, `assert not f(x)` a falsy one: both say the task answers booleans.
        const test = node.namedChildren[0];
        if (isCall(test)) out.push({ type: 'bool', value: true });
        else if (test?.type === 'not_operator' && isCall(test.childForFieldName('argument'))) out.push({ type: 'bool', value: false });
      }
      if (node.type === 'comparison_operator' && node.namedChildren.length === 2 && node.children.some((c) => c?.type === '==' || c?.type === 'is')) {
        const [a, b] = node.namedChildren;
        const value = isCall(a) && b !== null ? literalValue(b) : isCall(b) && a !== null ? literalValue(a) : undefined;
        if (value !== undefined) out.push(value);
      }
      for (const child of node.children) if (child !== null) visit(child);
    };
    visit(tree.rootNode);
    return out;
  });
}
