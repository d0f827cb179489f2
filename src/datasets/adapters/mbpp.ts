/**
 * MBPP (google-research mbpp.jsonl; hub google-research-datasets/mbpp): full config (`text`,
 * `test_setup_code`, `challenge_test_list`) and sanitized config (`prompt`, `test_imports`).
 * The solution is standalone code; the entry point is not stored, so it is derived from the
 * tests: the first function called in the asserts that the code defines.
 */
import type { Task } from '../../model/task.js';
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

/** The two MBPP configs differ only in field names: `text` + `test_setup_code` + challenge tests (full) or `prompt` + `test_imports` (sanitized). */
function mbppTask(rec: Record<string, unknown>, ctx: RecordContext, fields: { prompt: string; setup?: string; imports?: string; challenge?: string }): Task {
  const code = stringField(rec, 'code', ctx);
  const asserts = stringList(rec, 'test_list', ctx);
  return {
    benchmark: ctx.benchmark,
    id: idField(rec, 'task_id', ctx),
    entryPoint: deriveEntryPoint(code, asserts),
    prompt: stringField(rec, fields.prompt, ctx),
    canonicalSolution: code,
    solution: code,
    setupCode: fields.setup ? optionalString(rec, fields.setup, ctx) : '',
    imports: fields.imports ? stringList(rec, fields.imports, ctx, { optional: true }) : [],
    tests: { kind: 'assert-list', asserts, challengeAsserts: fields.challenge ? stringList(rec, fields.challenge, ctx, { optional: true }) : [] },
    siblings: [],
    source: { file: ctx.file, row: ctx.row, ...(ctx.split ? { split: ctx.split } : {}) },
  };
}

export function mbppAdapter(rec: Record<string, unknown>, ctx: RecordContext): Task {
  return mbppTask(rec, ctx, { prompt: 'text', setup: 'test_setup_code', challenge: 'challenge_test_list' });
}

export function mbppSanitizedAdapter(rec: Record<string, unknown>, ctx: RecordContext): Task {
  return mbppTask(rec, ctx, { prompt: 'prompt', imports: 'test_imports' });
}
