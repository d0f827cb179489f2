/** Shared by the hash-seed benches: a task whose tests are only the given asserts. */
import { strengthenTask } from '../src/apply/false-passes.js';
import type { Task } from '../src/model/task.js';

/** The task with only `asserts` as its tests (its own check function emptied, its assert lists dropped). */
export function assertsOnly(task: Task, asserts: readonly string[]): Task {
  const t = task.tests;
  const bare: Task = { ...task, tests: t.kind === 'check-function' ? { ...t, code: `def ${t.checkFunction}(candidate):\n    pass\n` } : t.kind === 'assert-list' ? { ...t, asserts: [], challengeAsserts: [] } : t };
  return strengthenTask(bare, asserts);
}
