/** How many tests a task has: assert statements, or structured inputs for EvalPlus. Pure. */
import type { StaticTask } from '../../model/types.generated.js';
import type { Task } from '../../model/task.js';

const ASSERT_RE = /^[ \t]*assert\b/gm;

export function countAsserts(code: string): number {
  return code.match(ASSERT_RE)?.length ?? 0;
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
  return { tests: task.tests.asserts.length, testKind: 'asserts', challengeTests: task.tests.challengeAsserts.length };
}
