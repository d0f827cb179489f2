/** Hand-written tasks for contamination tests. */
import type { Task } from '../../src/model/task.js';

/** A task of benchmark `synthetic` with the given parts (tests as a check function's code). */
export function syntheticTask(id: string, solution: string, prompt = '', tests = ''): Task {
  return {
    benchmark: 'synthetic',
    id,
    entryPoint: 'f',
    prompt,
    canonicalSolution: solution,
    solution,
    setupCode: '',
    imports: [],
    tests: { kind: 'check-function', code: tests, checkFunction: 'check' },
    siblings: [],
    source: { file: 'synthetic.jsonl', row: 1 },
  };
}
