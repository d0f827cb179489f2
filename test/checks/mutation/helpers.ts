/** Shared test helpers for the mutation check (not a test file itself). */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateMutants } from '../../../src/checks/mutation/generate.js';
import type { MutationOperator } from '../../../src/checks/mutation/operators/index.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import type { Task } from '../../../src/model/task.js';
import { needData } from '../../helpers/data.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

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

/** Every HumanEval and MBPP task of the real releases, through the project's own loader; undefined when `t` was skipped. */
export async function loadReferenceTasks(t: TestContext): Promise<{ humaneval: Task[]; mbpp: Task[] } | undefined> {
  const [hePath, mbppPath] = needData(t, 'humaneval/HumanEval.jsonl.gz', 'mbpp/mbpp.jsonl') ?? [];
  if (hePath === undefined || mbppPath === undefined) return undefined;
  const humaneval = await loadDataFile(hePath, { adapter: 'humaneval', benchmark: 'humaneval' });
  const mbpp = await loadDataFile(mbppPath, { adapter: 'mbpp', benchmark: 'mbpp' });
  return { humaneval, mbpp };
}

/** The same for a JavaScript operator, parsed with tree-sitter's JavaScript grammar. */
export async function assertJsPairs(operator: MutationOperator, pairs: ReadonlyArray<readonly [string, readonly string[]]>): Promise<void> {
  const { loadJavaScriptParser } = await import('../../../src/javascript/parser.js');
  const parser = await loadJavaScriptParser();
  for (const [before, after] of pairs) {
    const { mutants } = generateMutants(parser, before, { start: 0, end: before.length }, { operators: [operator] });
    assert.deepEqual(mutants.map((m) => m.source), after, `mutants of ${JSON.stringify(before)}`);
  }
}
