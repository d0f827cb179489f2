/**
 * EvalPlus (HumanEval+ v0.1.10, MBPP+ v0.2.0): reference solution, input contract and structured
 * base/plus inputs whose expected outputs are the reference's own (differential testing).
 * HumanEval+ ships `test` (HumanEval's check function); MBPP+ ships `assertion` (assert lines).
 * HumanEval+ solutions complete the prompt; MBPP+ solutions are standalone.
 */
import type { Task, TestSuite } from '../../model/task.js';
import { InputError } from '../../errors.js';
import { idField, inputList, numberField, optionalString, stringField, type RecordContext } from './fields.js';
import { typedArgs } from './evalplus-inputs.js';
import { CHECK_FUNCTION } from './humaneval.js';

function definesEntryPoint(code: string, entryPoint: string): boolean {
  return new RegExp(`^[ \\t]*def[ \\t]+${entryPoint.replace(/[^\w]/g, '')}[ \\t]*\\(`, 'm').test(code);
}

export function splitAssertLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .reduce<string[]>((acc, line) => {
      // A continuation line (indented, or inside an open bracket) belongs to the previous assert.
      if (acc.length > 0 && (/^\s/.test(line) || !/^assert\b/.test(line.trim()))) acc[acc.length - 1] += '\n' + line;
      else acc.push(line);
      return acc;
    }, []);
}

export function evalplusAdapter(rec: Record<string, unknown>, ctx: RecordContext): Task {
  const prompt = stringField(rec, 'prompt', ctx);
  const entryPoint = stringField(rec, 'entry_point', ctx);
  const canonicalSolution = stringField(rec, 'canonical_solution', ctx);
  const solution = definesEntryPoint(canonicalSolution, entryPoint) ? canonicalSolution : prompt + canonicalSolution;
  let tests: TestSuite;
  if (typeof rec.test === 'string') tests = { kind: 'check-function', code: rec.test, checkFunction: CHECK_FUNCTION };
  else if (typeof rec.assertion === 'string') tests = { kind: 'assert-list', asserts: splitAssertLines(rec.assertion), challengeAsserts: [] };
  else {
    throw new InputError('expected a "test" (HumanEval+) or "assertion" (MBPP+) string', {
      location: { file: ctx.file, row: ctx.row, field: 'test' },
    });
  }
  const id = idField(rec, 'task_id', ctx);
  return {
    benchmark: ctx.benchmark,
    id,
    entryPoint,
    prompt,
    canonicalSolution,
    solution,
    setupCode: '',
    imports: [],
    tests,
    inputs: {
      base: inputList(rec, 'base_input', ctx).map((args) => typedArgs(id, args)),
      plus: inputList(rec, 'plus_input', ctx).map((args) => typedArgs(id, args)),
      atol: numberField(rec, 'atol', ctx, 0),
      contract: optionalString(rec, 'contract', ctx),
    },
    siblings: [],
    source: { file: ctx.file, row: ctx.row, ...(ctx.split ? { split: ctx.split } : {}) },
  };
}
