/** HumanEval (openai/human-eval; hub openai/openai_humaneval): the canonical solution completes the prompt. */
import type { Task } from '../../model/task.js';
import { idField, stringField, type RecordContext } from './fields.js';

export const CHECK_FUNCTION = 'check';

export function humanevalAdapter(rec: Record<string, unknown>, ctx: RecordContext): Task {
  const prompt = stringField(rec, 'prompt', ctx);
  const canonicalSolution = stringField(rec, 'canonical_solution', ctx);
  return {
    benchmark: ctx.benchmark,
    id: idField(rec, 'task_id', ctx),
    entryPoint: stringField(rec, 'entry_point', ctx),
    prompt,
    canonicalSolution,
    solution: prompt + canonicalSolution,
    setupCode: '',
    imports: [],
    tests: { kind: 'check-function', code: stringField(rec, 'test', ctx), checkFunction: CHECK_FUNCTION },
    siblings: [],
    source: { file: ctx.file, row: ctx.row, ...(ctx.split ? { split: ctx.split } : {}) },
  };
}
