/**
 * Hand-written solutions the audit never saw (test/fixtures/strengthen/*.json), and whether one passes a task's
 * tests plus added asserts, run in the sandbox as `export --strengthen` writes them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { strengthenTask } from '../../src/apply/false-passes.js';
import type { Task } from '../../src/model/task.js';
import { testsJob } from '../../src/sandbox/jobs.js';
import { createSandboxPool, type SandboxPool } from '../../src/sandbox/pool.js';
import { repoRoot } from './paths.js';

/**
 * `wrong`: a wrong answer on some input the task admits, so a strengthened suite should reject it. `correct`: right on
 * every input. `wrong-outside-contract`: right on every input the task's contract admits (HumanEval+'s `contract`
 * asserts) and wrong only on inputs it excludes, so rejecting it would take an assert the contract forbids: a suite
 * must accept it. `mistake` names the mistake and, for the third kind, the contract that excludes it.
 */
export type FixtureKind = 'wrong' | 'correct' | 'wrong-outside-contract';

export interface FixtureSolution {
  task: string;
  kind: FixtureKind;
  mistake: string;
  code: string;
}

export function loadFixtureSolutions(file: string): FixtureSolution[] {
  return JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'strengthen', file), 'utf8')) as FixtureSolution[];
}

/** CPU limit of one tests run of a fixture program (they take milliseconds; a hang fails either way). */
const CPU_LIMIT_MS = 5_000;

/** Does `candidate` pass the task's tests with `asserts` added? */
export async function passesWith(pool: SandboxPool, task: Task, candidate: string, asserts: readonly string[] = []): Promise<boolean> {
  const r = await pool.run({ ...testsJob(strengthenTask(task, asserts), { candidate, timeoutMs: 10 * CPU_LIMIT_MS }), cpuLimitMs: CPU_LIMIT_MS });
  return r.verdict.status === 'passed';
}

/** A sandbox pool for the enclosing test file (started before its tests, closed after), and passesWith on it. */
export function fixtureSandbox(): { pool: () => SandboxPool; passes: (task: Task, candidate: string, asserts?: readonly string[]) => Promise<boolean> } {
  let started: SandboxPool | undefined;
  before(() => {
    started = createSandboxPool({});
  });
  after(async () => {
    await started?.close();
  });
  const pool = (): SandboxPool => {
    if (started === undefined) throw new Error('the fixture sandbox starts in before()');
    return started;
  };
  return { pool, passes: (task, candidate, asserts = []) => passesWith(pool(), task, candidate, asserts) };
}
