/**
 * How many tests a task has: the asserts a run of its tests executes, or structured inputs for EvalPlus. Pure.
 * An assert inside `for ... in range(<literal>)` or over a literal list counts once per iteration (HumanEval/32's
 * `for _ in range(100)` loop is 100 tests); a loop whose count is not written down counts once.
 */
import type { StaticTask } from '../../model/types.generated.js';
import type { Task } from '../../model/task.js';
import { matchBracket, splitTopLevel } from './prompt-examples.js';

const ASSERT_RE = /^[ \t]*assert\b/;
const FOR_RE = /^for\s+.+?\s+in\s+(.+):\s*(?:#.*)?$/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Iterations of a loop over `iterable`, when the source states them (`range` with literal bounds, a literal list/tuple). */
export function loopIterations(iterable: string): number | undefined {
  const t = iterable.trim();
  const range = /^range\s*\(/.exec(t);
  if (range) {
    const close = matchBracket(t, range[0].length - 1);
    if (close !== t.length) return undefined;
    const args = t.slice(range[0].length, close - 1).split(',').map((a) => a.trim());
    if (args.some((a) => !/^-?\d+$/.test(a)) || args.length === 0 || args.length > 3) return undefined;
    const [start, stop, step] = args.length === 1 ? [0, Number(args[0]), 1] : [Number(args[0]), Number(args[1]), args.length === 3 ? Number(args[2]) : 1];
    if (step === 0) return undefined;
    return Math.max(0, Math.ceil((stop - start) / step));
  }
  if ((t.startsWith('[') || t.startsWith('(')) && matchBracket(t, 0) === t.length) {
    let inner = t.slice(1, -1).trim();
    if (inner === '') return 0;
    let n = 0;
    for (let parts = splitTopLevel(inner, ','); ; parts = splitTopLevel(inner, ',')) {
      n++;
      if (!parts) break;
      inner = parts[1];
      if (inner === '') break;
    }
    return n;
  }
  return undefined;
}

/** Asserts a run of `code` executes, multiplying by the iterations of enclosing loops whose count is written down. */
export function countAsserts(code: string): number {
  const lines = code.split('\n');
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!ASSERT_RE.test(lines[i])) continue;
    let times = 1;
    let indent = indentOf(lines[i]);
    for (let j = i - 1; j >= 0 && indent > 0; j--) {
      const t = lines[j].trim();
      if (t === '' || t.startsWith('#') || indentOf(lines[j]) >= indent) continue;
      indent = indentOf(lines[j]);
      const loop = FOR_RE.exec(t);
      if (loop) times *= loopIterations(loop[1]) ?? 1;
    }
    total += times;
  }
  return total;
}

/** A JavaScript test script's checks: its `console.assert(` calls (HumanEval-X's only assertion form). */
const SCRIPT_ASSERT_RE = /\bconsole\.assert\s*\(/g;

export function countScriptAsserts(code: string): number {
  return code.match(SCRIPT_ASSERT_RE)?.length ?? 0;
}

export function countTests(task: Task): Pick<StaticTask, 'tests' | 'testKind' | 'baseInputs' | 'plusInputs' | 'challengeTests'> {
  if (task.inputs) {
    const { base, plus } = task.inputs;
    return { tests: base.length + plus.length, testKind: 'inputs', baseInputs: base.length, plusInputs: plus.length };
  }
  if (task.tests.kind === 'check-function') return { tests: countAsserts(task.tests.code), testKind: 'asserts' };
  if (task.tests.kind === 'script') return { tests: countScriptAsserts(task.tests.code), testKind: 'asserts' };
  return { tests: task.tests.asserts.reduce((n, a) => n + countAsserts(a), 0), testKind: 'asserts', challengeTests: task.tests.challengeAsserts.length };
}
