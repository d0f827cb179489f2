/**
 * MBPP (google-research mbpp.jsonl; hub google-research-datasets/mbpp): full config (`text`,
 * `test_setup_code`, `challenge_test_list`) and sanitized config (`prompt`, `test_imports`).
 * The solution is standalone code; the entry point is not stored, so it is derived from the
 * tests: the first function called in the asserts that the code defines.
 */
import type { Task } from '../../task.js';
import { idField, optionalString, stringField, stringList, type RecordContext } from './fields.js';

const DEF_RE = /^[ \t]*def[ \t]+([A-Za-z_]\w*)[ \t]*\(/gm;
const CALL_RE = /([A-Za-z_]\w*)[ \t]*\(/g;
const NOT_CALLS = new Set(['assert', 'not', 'and', 'or', 'in', 'is', 'set', 'sorted', 'list', 'tuple', 'len', 'abs', 'round', 'math', 'str', 'int', 'float', 'dict', 'frozenset', 'isclose', 'all', 'any']);

/** The function under test: first call in the asserts that the code defines; else the first non-builtin call; else the last def. */
export function deriveEntryPoint(code: string, asserts: readonly string[]): string {
  const defined = new Set([...code.matchAll(DEF_RE)].map((m) => m[1]));
  let firstCall = '';
  for (const line of asserts) {
    for (const m of line.matchAll(CALL_RE)) {
      if (defined.has(m[1])) return m[1];
      if (firstCall === '' && !NOT_CALLS.has(m[1])) firstCall = m[1];
    }
  }
  if (firstCall !== '') return firstCall;
  const defs = [...defined];
  return defs.length > 0 ? defs[defs.length - 1] : '';
}

export function mbppAdapter(rec: Record<string, unknown>, ctx: RecordContext): Task {
  const code = stringField(rec, 'code', ctx);
  const asserts = stringList(rec, 'test_list', ctx);
  return {
    benchmark: ctx.benchmark,
    id: idField(rec, 'task_id', ctx),
    entryPoint: deriveEntryPoint(code, asserts),
    prompt: stringField(rec, 'text', ctx),
    canonicalSolution: code,
    solution: code,
    setupCode: optionalString(rec, 'test_setup_code', ctx),
    imports: [],
    tests: { kind: 'assert-list', asserts, challengeAsserts: stringList(rec, 'challenge_test_list', ctx, { optional: true }) },
    siblings: [],
    source: { file: ctx.file, row: ctx.row, ...(ctx.split ? { split: ctx.split } : {}) },
  };
}

export function mbppSanitizedAdapter(rec: Record<string, unknown>, ctx: RecordContext): Task {
  const code = stringField(rec, 'code', ctx);
  const asserts = stringList(rec, 'test_list', ctx);
  return {
    benchmark: ctx.benchmark,
    id: idField(rec, 'task_id', ctx),
    entryPoint: deriveEntryPoint(code, asserts),
    prompt: stringField(rec, 'prompt', ctx),
    canonicalSolution: code,
    solution: code,
    setupCode: '',
    imports: stringList(rec, 'test_imports', ctx, { optional: true }),
    tests: { kind: 'assert-list', asserts, challengeAsserts: [] },
    siblings: [],
    source: { file: ctx.file, row: ctx.row, ...(ctx.split ? { split: ctx.split } : {}) },
  };
}
