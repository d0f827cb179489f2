/**
 * HumanEval-X, JavaScript half (THUDM/CodeGeeX): the canonical solution completes the prompt, and the test is a
 * script of `console.assert` calls appended to it (the official harness runs `prompt + solution + test` with node).
 */
import { InputError } from '../../errors.js';
import type { Task } from '../../model/task.js';
import { idField, stringField, type RecordContext } from './fields.js';

/** `const name = (`, `function name(`, `let name = function`: every function the declaration introduces. */
const DECLARED_NAME = /(?:^|\n)\s*(?:const|let|var|function)\s+([A-Za-z_$][\w$]*)/g;

/** The function under test: the last one the declaration introduces (helpers such as `poly` come first). */
export function jsEntryPoint(declaration: string): string | undefined {
  const names = [...declaration.matchAll(DECLARED_NAME)].map((m) => m[1]);
  return names.at(-1);
}

export function humanevalXJsAdapter(rec: Record<string, unknown>, ctx: RecordContext): Task {
  const prompt = stringField(rec, 'prompt', ctx);
  const canonicalSolution = stringField(rec, 'canonical_solution', ctx);
  const declaration = stringField(rec, 'declaration', ctx);
  const entryPoint = jsEntryPoint(declaration);
  if (entryPoint === undefined) {
    throw new InputError('expected a declaration that introduces the function under test (`const name = (...) => {` or `function name(`)', {
      hint: 'HumanEval-X JavaScript records declare the function in "declaration"; check that the file is the JavaScript half',
      location: { file: ctx.file, row: ctx.row, field: 'declaration' },
    });
  }
  return {
    benchmark: ctx.benchmark,
    id: idField(rec, 'task_id', ctx),
    language: 'javascript',
    entryPoint,
    prompt,
    canonicalSolution,
    solution: prompt + canonicalSolution,
    setupCode: '',
    imports: [],
    tests: { kind: 'script', code: stringField(rec, 'test', ctx), exampleCode: stringField(rec, 'example_test', ctx) },
    siblings: [],
    source: { file: ctx.file, row: ctx.row, ...(ctx.split ? { split: ctx.split } : {}) },
  };
}
