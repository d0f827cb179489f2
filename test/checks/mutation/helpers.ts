/** Shared test helpers for the mutation check (not a test file itself). */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { generateMutants } from '../../../src/checks/mutation/generate.js';
import type { MutationOperator } from '../../../src/checks/mutation/operators/index.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const sharedData = join(repoRoot, '..', 'shared', 'data');

/** Every mutated program `operator` produces for `source` (whole source mutable), in generator order. */
export async function mutate(operator: MutationOperator, source: string): Promise<string[]> {
  const parser = await loadPythonParser();
  const { mutants } = generateMutants(parser, source, { start: 0, end: source.length }, { operators: [operator] });
  for (const m of mutants) assert.equal(m.operator, operator.name);
  return mutants.map((m) => m.source);
}

/** Assert the operator turns each `before` into exactly the listed `after` programs, in order. */
export async function assertPairs(operator: MutationOperator, pairs: ReadonlyArray<readonly [string, readonly string[]]>): Promise<void> {
  for (const [before, after] of pairs) {
    assert.deepEqual(await mutate(operator, before), after, `mutants of ${JSON.stringify(before)}`);
  }
}

export interface ReferenceTask {
  id: string;
  solution: string;
  canonicalSolution: string;
  entryPoint: string;
  /** HumanEval `test` (defines check) or MBPP assert lines. */
  tests: { kind: 'check-function'; code: string } | { kind: 'assert-list'; asserts: string[] };
}

/** HumanEval and MBPP reference solutions, read directly (the project's loader is not needed here). */
export function loadReferenceTasks(): { humaneval: ReferenceTask[]; mbpp: ReferenceTask[] } {
  const hePath = join(sharedData, 'humaneval', 'HumanEval.jsonl.gz');
  const mbppPath = join(sharedData, 'mbpp', 'mbpp.jsonl');
  assert.ok(existsSync(hePath) && existsSync(mbppPath), `benchmark data missing under ${sharedData}`);
  const humaneval = gunzipSync(readFileSync(hePath))
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, string>)
    .map((r) => ({
      id: r.task_id,
      solution: r.prompt + r.canonical_solution,
      canonicalSolution: r.canonical_solution,
      entryPoint: r.entry_point,
      tests: { kind: 'check-function' as const, code: r.test },
    }));
  const mbpp = readFileSync(mbppPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { task_id: number; code: string; test_list: string[] })
    .map((r) => ({
      id: String(r.task_id),
      solution: r.code,
      canonicalSolution: r.code,
      entryPoint: mbppEntryPoint(r.code, r.test_list),
      tests: { kind: 'assert-list' as const, asserts: r.test_list },
    }));
  return { humaneval, mbpp };
}

/** The function of `code` the asserts call (MBPP stores no entry point). */
function mbppEntryPoint(code: string, asserts: readonly string[]): string {
  const names = [...code.matchAll(/^\s*def\s+(\w+)/gm)].map((m) => m[1]);
  return names.find((n) => asserts.some((a) => new RegExp(`\\b${n}\\s*\\(`).test(a))) ?? names[0] ?? '';
}
