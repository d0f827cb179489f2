/**
 * The mutation check end to end through the real sandbox, on planted fixtures: a weak task whose
 * tests miss a boundary bug, a task whose tests accept trivial solutions, a task whose reference
 * fails, and resuming from checkpoints.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { memoryCheckpointStore, runMutationCheck } from '../../../src/checks/mutation/index.js';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { py } from '../../../src/checks/mutation/py-value.js';
import { CALL_HELPER, dependsOnMachine, MUTANT_CPU_FLOOR_MS, mutantCpuLimit, mutantStatus, mutantTimeLimit, REFERENCE_RETRIES, withCallHelper } from '../../../src/checks/mutation/run.js';
import type { CheckContext } from '../../../src/checks/types.js';
import { silentProgress } from '../../../src/model/progress.js';
import { testsJob } from '../../../src/sandbox/jobs.js';
import type { SandboxJob } from '../../../src/sandbox/types.js';
import { N_DETECT } from '../../../src/checks/mutation/strengthen.js';
import { createSandboxPool, type SandboxPool } from '../../../src/sandbox/pool.js';
import type { Task } from '../../../src/model/task.js';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { DEFAULT_MUTATION_CONFIG } from '../../../src/checks/mutation/config.js';
import { schemaPath } from '../../../src/util/json-schema.js';
import { loadDataFile } from '../../../src/datasets/load.js';
import { repoRoot } from './helpers.js';
import { join } from 'node:path';

/** Validate `value` against one `$defs` entry of the report schema. */
function assertMatchesDef(def: string, value: unknown): void {
  const schema = JSON.parse(readFileSync(schemaPath('audit.schema.json'), 'utf8')) as { $id: string };
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, validateFormats: false });
  ajv.addSchema(schema);
  const validate = ajv.getSchema(`${schema.$id}#/$defs/${def}`);
  assert.ok(validate, def);
  assert.ok(validate(value), `${def}: ${JSON.stringify(validate.errors)}`);
}

let pool: SandboxPool;
before(() => {
  pool = createSandboxPool({ workers: 2 });
});
after(async () => {
  await pool.close();
});

function humanEvalTask(id: string, prompt: string, completion: string, checkBody: string[], entryPoint: string): Task {
  return {
    benchmark: 'fixture',
    id,
    entryPoint,
    prompt,
    canonicalSolution: completion,
    solution: prompt + completion,
    setupCode: '',
    imports: [],
    tests: { kind: 'check-function', code: `def check(candidate):\n${checkBody.map((l) => `    ${l}`).join('\n')}\n`, checkFunction: 'check' },
    siblings: [],
    source: { file: 'fixture.jsonl', row: 1 },
  };
}

/** The planted weak task: the tests never try the boundary 18, so `>=` -> `>` survives. */
const weak = humanEvalTask(
  'Fixture/0',
  'def is_adult(age: int) -> bool:\n    """True when age is 18 or more."""\n',
  '    if age >= 18:\n        return True\n    return False\n',
  ['assert candidate(17) == False', 'assert candidate(40) == True'],
  'is_adult',
);

/** Tests that accept trivial solutions: f(0) == 0 is all they ask. */
const trivial: Task = {
  ...humanEvalTask('Fixture/1', '', 'def double(x):\n    return x * 2\n', [], 'double'),
  tests: { kind: 'assert-list', asserts: ['assert double(0) == 0'], challengeAsserts: [] },
};

/** A reference that fails its own tests: skipped, with the reason. */
const broken = humanEvalTask('Fixture/2', 'def one():\n', '    return 2\n', ['assert candidate() == 1'], 'one');

function context(tasks: Task[]): CheckContext {
  return { benchmark: 'fixture', tasks, config: { checks: ['mutation'], seed: 7, static: { fewTestsThreshold: 3 } }, progress: silentProgress };
}

test('a planted weak task yields a killable survivor whose assert, added to the tests, kills it', async () => {
  const store = memoryCheckpointStore();
  // The strengthened suite's wrong programs: one job each, ended after N_DETECT kills.
  const killJobs: { differences: number }[] = [];
  const counting = new Proxy(pool, {
    get: (target, key) =>
      key === 'run'
        ? async (job: SandboxJob) => {
            const r = await target.run(job);
            if (job.kind === 'call' && job.stopAfterDifferences !== undefined) killJobs.push({ differences: r.outputs.filter((o) => o.status !== 'same').length });
            return r;
          }
        : Reflect.get(target, key),
  });
  const out = await runMutationCheck(context([weak, trivial, broken]), { pool: counting, checkpoints: store });
  assert.equal(out.tasks.length, 3);
  const suites = out.tasks.flatMap((x) => (x.section?.strengthened ? [x.section.strengthened] : []));
  assert.equal(suites.length, 2);
  const wrongRun = suites.reduce((a, x) => a + x.wrongPrograms.total - (x.wrongPrograms.byKind.reference?.total ?? 0), 0);
  assert.equal(killJobs.length, wrongRun, 'one job per wrong program');
  assert.ok(killJobs.every((j) => j.differences <= N_DETECT), JSON.stringify(killJobs));
  for (const x of suites) {
    // A wrong program is known killed by at most N_DETECT inputs, and the n-detect cover takes every one of them.
    const named = new Map<string, number>();
    for (const i of x.inputs) for (const w of i.kills) named.set(w, (named.get(w) ?? 0) + 1);
    assert.ok([...named.values()].every((n) => n <= N_DETECT), JSON.stringify([...named]));
    assert.equal(new Set(x.inputs.filter((i) => i.reason === 'kills').flatMap((i) => i.kills)).size, x.wrongPrograms.killed);
    assert.ok(x.wrongPrograms.killed > 0);
  }

  const section = out.tasks[0].section!;
  assert.equal(section.status, 'analysed');
  const boundary = section.survivors.find((s) => s.original === '>=' && s.replacement === '>');
  assert.ok(boundary, `the >= -> > mutant survives: ${JSON.stringify(section.survivors.map((s) => s.id))}`);
  assert.equal(boundary.verdict, 'killable');
  const evidence = boundary.evidence!;
  assert.equal(evidence.input, 'candidate(18)');
  assert.equal(evidence.referenceOutput, 'True');
  assert.equal(evidence.mutantOutput, 'False');
  assert.equal(evidence.assert, 'assert candidate(18) == True');
  assert.ok(boundary.diff.includes('-    if age >= 18:\n+    if age > 18:\n'));
  const f = out.tasks[0].findings.find((x) => x.kind === 'killable-survivor' && x.evidence.mutant === boundary.id);
  assert.ok(f, 'a killable-survivor finding carries the evidence');
  assert.equal(f.evidence.assert, evidence.assert);

  // Paste the assert into the tests: the reference still passes, the mutant is now killed.
  assert.equal(weak.tests.kind, 'check-function');
  const strengthened: Task = { ...weak, tests: { ...weak.tests, code: `${weak.tests.code}    ${evidence.assert}\n` } as Task['tests'] };
  const mutantSource = weak.solution.replace('age >= 18', 'age > 18');
  assert.equal((await pool.run(testsJob(strengthened))).verdict.status, 'passed');
  assert.equal((await pool.run(testsJob(weak, { candidate: mutantSource }))).verdict.status, 'passed');
  assert.equal((await pool.run(testsJob(strengthened, { candidate: mutantSource }))).verdict.status, 'failed');

  // Counts and scores are consistent with the survivors listed.
  const c = section.counts;
  assert.equal(c.total, section.mutants.run);
  assert.equal(c.killed + c.survived + c.timeout + c.error, c.total);
  assert.equal(c.survived, section.survivors.length);
  assert.equal(c.killable + c.possiblyEquivalent + c.unsorted, c.survived);
  assert.ok(section.score !== null && section.score > 0 && section.score < 1);
  assert.ok(section.coverage && section.coverage.lines.total === 3 && section.coverage.lineRate === 1);
  assert.deepEqual(section.trivialPasses, []);

  // Trivial solutions accepted: return-zero, return-false (False == 0) and return-first-argument.
  const t = out.tasks[1].section!;
  assert.deepEqual(t.trivialPasses, ['return-zero', 'return-false', 'return-first-argument']);
  assert.ok(out.tasks[1].findings.some((x) => x.kind === 'tests-accept-trivial-solution' && x.severity === 'error'));

  const b = out.tasks[2].section!;
  assert.equal(b.status, 'skipped');
  assert.match(b.skipReason ?? '', /does not pass its own tests/);
  assert.ok(out.warnings.some((w) => w.code === 'mutation-task-skipped' && w.taskId === 'Fixture/2'));

  const s = out.summary!;
  assert.deepEqual(s.tasks, { analysed: 2, skipped: 1 });
  assert.equal(s.counts.total, section.counts.total + t.counts.total);
  assert.deepEqual(s.ranking.map((r) => r.taskId).sort(), ['Fixture/0', 'Fixture/1']);
  assert.ok(s.ranking[0].killable >= s.ranking[1].killable);
  assert.equal(s.trivialSolutionPasses.tasks, 1);

  // Everything the check emits fits the report schema.
  for (const t of out.tasks) assertMatchesDef('mutationTask', t.section);
  for (const f of out.tasks.flatMap((t) => t.findings)) assertMatchesDef('finding', f);
  assertMatchesDef('mutationSummary', s);
  assertMatchesDef('mutationConfig', DEFAULT_MUTATION_CONFIG);

  // Resume: every task comes from the checkpoints, with the same content.
  const again = await runMutationCheck(context([weak, trivial, broken]), { pool, checkpoints: store });
  assert.equal(again.runInfo?.resumedTasks, 3);
  assert.deepEqual(again.tasks, out.tasks);
  assert.deepEqual(again.summary, out.summary);
});

test('demo Clamp (Demo/6, upper bound never tested): a killable survivor whose assert kills it and passes the reference', async () => {
  const tasks = await loadDataFile(join(repoRoot, 'datasets', 'demo', 'tasks.jsonl'), { benchmark: 'demo' });
  const clamp = tasks.find((t) => t.id === 'Demo/6');
  assert.ok(clamp && clamp.tests.kind === 'check-function');
  const out = await runMutationCheck(context([clamp]), { pool });
  const section = out.tasks[0].section!;
  assert.equal(section.status, 'analysed');
  // The planted flaw: dropping `return hi` passes every test, and only an input with x > hi tells.
  const dropped = section.survivors.find((s) => s.original === 'return hi');
  assert.ok(dropped, `the mutant without \`return hi\` survives: ${JSON.stringify(section.survivors.map((s) => s.id))}`);
  assert.equal(dropped.verdict, 'killable', JSON.stringify(section.inputs));
  const evidence = dropped.evidence!;
  assert.ok(evidence.assert, 'a ready-to-paste assert');
  assert.ok(out.tasks[0].findings.some((f) => f.kind === 'killable-survivor'));
  // The tests never exercised hi; the assert appended to them fails the mutant, passes the reference.
  const mutantSource = clamp.solution.replace('        return hi\n', '        pass\n');
  assert.notEqual(mutantSource, clamp.solution);
  const strengthened: Task = { ...clamp, tests: { ...clamp.tests, code: `${clamp.tests.code.trimEnd()}\n    ${evidence.assert}\n` } };
  assert.equal((await pool.run(testsJob(clamp, { candidate: mutantSource }))).verdict.status, 'passed');
  assert.equal((await pool.run(testsJob(strengthened))).verdict.status, 'passed');
  const killed = (await pool.run(testsJob(strengthened, { candidate: mutantSource }))).verdict;
  assert.equal(killed.status, 'failed');
  assert.equal(killed.status === 'failed' ? killed.text : undefined, evidence.assert, 'the appended assert is what fails');
});

test('inputs that hang the reference are discarded by its CPU limit, and the rest still sort survivors', async () => {
  // Negative n hangs the reference (generated inputs reach -1); the tests never try n == 2.
  const hangs = humanEvalTask(
    'Fixture/3',
    'def above_two(n: int) -> int:\n',
    '    while n < 0:\n        pass\n    if n > 2:\n        return 1\n    return 0\n',
    ['assert candidate(1) == 0', 'assert candidate(9) == 1'],
    'above_two',
  );
  const out = await runMutationCheck(context([hangs]), { pool });
  const section = out.tasks[0].section!;
  assert.equal(section.status, 'analysed');
  assert.ok(section.inputs && section.inputs.discarded > 0, `inputs: ${JSON.stringify(section.inputs)}`);
  const boundary = section.survivors.find((s) => s.original === '>' && s.replacement === '>=');
  assert.ok(boundary, JSON.stringify(section.survivors.map((s) => s.id)));
  assert.equal(boundary.verdict, 'killable');
  assert.equal(boundary.evidence?.assert, 'assert candidate(2) == 0');
  // Generated, no sibling: confirmed because candidate(2) is one step from the test input candidate(1).
  assert.deepEqual(boundary.evidence?.checks, { passed: ['domain', 'output-kind', 'output-sign', 'near-example'], failed: [] });
  // A survivor that hangs only where the reference does not (n == 0) is told apart by a timeout there, but the
  // tests only pass positive n: n == 0 is outside the task's domain, so the survivor is unconfirmed, with no assert.
  const hangsAtZero = section.survivors.find((s) => s.original === '<' && s.replacement === '<=');
  assert.ok(hangsAtZero, JSON.stringify(section.survivors.map((s) => s.id)));
  assert.equal(hangsAtZero.verdict, 'unconfirmed');
  assert.equal(hangsAtZero.evidence?.mutantOutput, 'timeout');
  assert.deepEqual(hangsAtZero.evidence?.checks?.failed, ['positive:0']);
  assert.equal(hangsAtZero.evidence?.assert, undefined);
  assert.ok(out.tasks[0].findings.some((f) => f.kind === 'unconfirmed-survivors'));
  assert.equal(section.counts.unsorted, 0);
});

test('mutant status mapping and time limit rule', () => {
  assert.equal(mutantStatus({ status: 'passed' }), 'survived');
  assert.equal(mutantStatus({ status: 'failed', phase: 'tests', exception: 'AssertionError', message: '' }), 'killed');
  assert.equal(mutantStatus({ status: 'timeout', completed: 0 }), 'timeout');
  assert.equal(mutantStatus({ status: 'error', reason: 'memory' }), 'killed');
  assert.equal(mutantStatus({ status: 'error', reason: 'worker-died' }), 'error');
  assert.equal(mutantTimeLimit(20, { minTimeLimitMs: 1000, referenceTimeFactor: 10 }), 1000);
  assert.equal(mutantTimeLimit(250, { minTimeLimitMs: 1000, referenceTimeFactor: 10 }), 2500);
  assert.equal(mutantCpuLimit(MUTANT_CPU_FLOOR_MS / 20, { referenceTimeFactor: 10 }), MUTANT_CPU_FLOOR_MS);
  assert.equal(mutantCpuLimit(40.2, { referenceTimeFactor: 10 }), 402);
});

test('the call helper is valid Python and binds contracts only for flagged inputs', async () => {
  const parser = await loadPythonParser();
  const src = withCallHelper('def f(a, b=1):\n    return a + b', 'f', [[py.int(1)], [py.list(py.str('x')), py.int(2)]], {
    contract: '    assert a >= 0 # $_CONTRACT_$\n',
    checkContract: [true, false],
  });
  assert.ok(parser.parses(src));
  assert.ok(src.includes(`def ${CALL_HELPER}(i):`));
  assert.ok(src.includes('    (1,),\n'));
  assert.ok(src.includes("    (['x'], 2),\n"));
  assert.ok(src.includes('frozenset([0])'));
  const plain = withCallHelper('def f(a):\n    return a\n', 'f', [[py.int(1)]]);
  assert.ok(plain.includes('frozenset([])') && plain.includes('__bench_audit_contract__ = None'));
});

test('a reference run the machine cut short (wall-clock safety net) is retried, and a skip it causes is never checkpointed', async () => {
  // A pool whose coverage-traced runs always hit the wall clock, as on an overloaded machine.
  let tracedRuns = 0;
  const loaded = Object.create(pool) as SandboxPool;
  loaded.run = async (job) => {
    if (job.kind === 'tests' && job.coverage && job.program.candidate.includes('is_adult')) {
      tracedRuns++;
      return { verdict: { status: 'timeout', completed: 0 }, outputs: [], stdout: '', stderr: '', stdoutTruncated: false, stderrTruncated: false, durationMs: 300_000, leftoverProcesses: 0 };
    }
    return pool.run(job);
  };
  const store = memoryCheckpointStore();
  const out = await runMutationCheck(context([weak, broken]), { pool: loaded, checkpoints: store });
  assert.equal(tracedRuns, 1 + REFERENCE_RETRIES, 'retried');
  assert.equal(out.tasks[0].section?.status, 'skipped');
  assert.ok(!store.entries.has(weak.id), 'the machine-caused skip is not checkpointed');
  assert.match(out.warnings.find((w) => w.taskId === weak.id)?.message ?? '', /not checkpointed/);
  // A real failure of the reference (its own assert) is a result and is checkpointed.
  assert.ok(store.entries.has(broken.id));
  assert.equal(dependsOnMachine({ status: 'timeout', completed: 0, reason: 'cpu-limit' }), false);
  assert.equal(dependsOnMachine({ status: 'failed', phase: 'tests', exception: 'AssertionError', message: '' }), false);
});

test('a benchmark with an EvalPlus suite judges mutants and trivial baselines by its base and plus inputs', async () => {
  // The asserts only try 17 and 40, so the >= -> > mutant survives them; the plus input 18 kills it.
  const withSuite: Task = { ...weak, id: 'Fixture/9', inputs: { base: [[17], [40]], plus: [[18], [0], [100]], atol: 0, contract: '' } };
  // double(0) == 0 is all the asserts ask, so trivial programs pass; the suite's 3 -> 6 fails them.
  const trivialWithSuite: Task = { ...trivial, id: 'Fixture/8', inputs: { base: [[0]], plus: [[3]], atol: 0, contract: '' } };
  const out = await runMutationCheck(context([weak, withSuite, trivial, trivialWithSuite]), { pool });
  assert.ok(out.tasks[2].section!.trivialPasses.length > 0);
  assert.deepEqual(out.tasks[3].section!.trivialPasses, []);
  const plain = out.tasks[0].section!;
  const judged = out.tasks[1].section!;
  assert.equal(plain.status, 'analysed');
  assert.equal(judged.status, 'analysed');
  assert.ok(plain.survivors.some((s) => s.original === '>=' && s.replacement === '>'), 'survives the asserts alone');
  assert.ok(!judged.survivors.some((s) => s.original === '>=' && s.replacement === '>'), 'killed by the plus input 18');
  assert.deepEqual(judged.evalplusSuite, { inputs: 5 });
  assert.equal(plain.evalplusSuite, undefined);
  assert.ok(judged.counts.killed > plain.counts.killed);
});

test("the suite holds an EvalPlus input to the prompt's rules, as the witnesses do: sorted where it says sorted, any value where it says Any", async () => {
  // Every test passes a sorted list and the prompt says sorted: the plus input [3, 1, 2] is outside the task.
  const kth: Task = {
    ...humanEvalTask(
      'Fixture/10',
      'def kth(xs: list, k: int) -> int:\n    """Return the k-th smallest element of the sorted list xs."""\n',
      '    return xs[k]\n',
      ['assert candidate([1, 2, 3], 0) == 1', 'assert candidate([2, 4, 6, 8], 2) == 6', 'assert candidate([0, 5], 1) == 5'],
      'kth',
    ),
    inputs: { base: [[[1, 2, 3], 0]], plus: [[[3, 1, 2], 0], [[1, 5, 9], 2]], atol: 0, contract: '' },
  };
  // The signature says List[Any]: a bool among the values is the task's own input, not an int the tests never pass.
  const ints: Task = {
    ...humanEvalTask(
      'Fixture/11',
      'from typing import Any, List\n\n\ndef count_ints(values: List[Any]) -> int:\n    """Count the values whose type is int."""\n',
      '    return sum(1 for v in values if type(v) is int)\n',
      ["assert candidate([1, 'a', 2.5]) == 1", 'assert candidate([3, 4]) == 2', 'assert candidate([]) == 0'],
      'count_ints',
    ),
    inputs: { base: [[[3, 4]]], plus: [[[true, 1, 'x']]], atol: 0, contract: '' },
  };
  // No generated inputs: the plus inputs are the only candidates that can break these rules.
  const ctx = context([kth, ints]);
  const out = await runMutationCheck({ ...ctx, config: { ...ctx.config, mutation: { ...DEFAULT_MUTATION_CONFIG, inputBudget: 0 } } }, { pool });
  const [sorted, any] = out.tasks.map((x) => x.section?.strengthened);
  assert.ok(sorted && any, JSON.stringify(out.tasks.map((x) => x.section?.status)));
  assert.equal(sorted.candidates.byFailedCheck['sorted-ascending:0'], 1, JSON.stringify(sorted.candidates));
  assert.ok(!sorted.inputs.some((i) => i.input.includes('[3, 1, 2]')), JSON.stringify(sorted.inputs.map((i) => i.input)));
  assert.ok(!Object.keys(any.candidates.byFailedCheck).some((k) => k.startsWith('int-not-bool')), JSON.stringify(any.candidates));
});

test('where the size cut hides every plus input on which the sibling corrects the reference, the smallest past it join the suite', async () => {
  // The audited reference is wrong on one large age only; the sibling (its EvalPlus version) is right there.
  const own = humanEvalTask(
    'Fixture/12',
    'def is_adult(age: int) -> bool:\n    """True when age is 18 or more."""\n',
    '    if age == 123457:\n        return False\n    return age >= 18\n',
    ['assert candidate(17) == False', 'assert candidate(40) == True'],
    'is_adult',
  );
  const sibling: Task = { ...weak, id: 'Fixture/12+', inputs: { base: [[17], [40]], plus: [[123457], [5], [20], [30]], atol: 0, contract: '' } };
  const ctx = context([own]);
  const suite = async (plusInputLimit: number) => {
    const out = await runMutationCheck({ ...ctx, config: { ...ctx.config, mutation: { ...DEFAULT_MUTATION_CONFIG, plusInputLimit } } }, { pool, plusTaskFor: () => sibling });
    return out.tasks[0].section!.strengthened!;
  };
  // The cut keeps the three smallest: 123457 comes back because the sibling corrects the reference only there.
  const cut = await suite(3);
  const added = cut.inputs.find((i) => i.input === 'candidate(123457)');
  assert.ok(added, JSON.stringify(cut.inputs.map((i) => i.input)));
  assert.equal(added.expected, 'True');
  assert.ok(added.kills.includes('reference'), JSON.stringify(added));
  assert.ok(added.checks.passed.includes('sibling-corrected'), JSON.stringify(added.checks));
  assert.equal(cut.wrongPrograms.byKind.reference?.killed, 1);
  // Without the cut it is among the plus inputs already, once.
  const all = await suite(4);
  assert.equal(all.inputs.filter((i) => i.input === 'candidate(123457)').length, 1);
});

/**
 * An MBPP-style task and its MBPP+ sibling (the same reference, with EvalPlus inputs), as the audit links MBPP to
 * MBPP+: the tests stay the task's own, and with no generated inputs the plus inputs are the only witnesses besides them.
 */
function mbppPair(id: string, plusId: string, entryPoint: string, solution: string, asserts: string[], plus: unknown[][]): { task: Task; sibling: Task } {
  const task: Task = { ...humanEvalTask(id, '', solution, [], entryPoint), tests: { kind: 'assert-list', asserts, challengeAsserts: [] } };
  return { task, sibling: { ...task, id: plusId, inputs: { base: [], plus, atol: 0, contract: '' } } };
}

const withoutGenerated = (tasks: Task[]): CheckContext => {
  const ctx = context(tasks);
  return { ...ctx, config: { ...ctx.config, mutation: { ...DEFAULT_MUTATION_CONFIG, inputBudget: 0 } } };
};

test('a set-eq task (EvalPlus compares its answers as sets, its tests compare no literal) gets set witnesses: killable where the sets differ, with a set assert', async () => {
  // MBPP's similar_elements (Mbpp/2, in EvalPlus's set-eq list); the weak test cannot tell & from |.
  const { task, sibling } = mbppPair('Fixture/21', 'Mbpp/2', 'similar_elements', 'def similar_elements(a, b):\n    return tuple(set(a) & set(b))\n', ['assert set(similar_elements((1, 2), (1, 2))) == set((1, 2))'], [[[3, 4, 5, 6], [5, 7, 4, 10]]]);
  const out = await runMutationCheck(withoutGenerated([task]), { pool, plusTaskFor: () => sibling });
  const section = out.tasks[0].section!;
  const union = section.survivors.find((s) => s.original === '&' && s.replacement === '|');
  assert.ok(union, JSON.stringify([section.counts, section.survivors.map((s) => [s.id, s.verdict])]));
  assert.equal(union.verdict, 'killable', JSON.stringify(union.evidence));
  assert.equal(union.evidence?.assert, 'assert set(similar_elements((3, 4, 5, 6), (5, 7, 4, 10))) == set((4, 5))');
  assert.ok(union.evidence?.checks?.passed.includes('set-eq'), JSON.stringify(union.evidence?.checks));
  // The assert holds for the reference (and any order of its answer) and fails the mutant.
  const asserted = (solution: string) => ({ ...task, tests: { kind: 'assert-list' as const, asserts: [union.evidence!.assert!], challengeAsserts: [] } });
  for (const [solution, status] of [
    [task.solution, 'passed'],
    ['def similar_elements(a, b):\n    return tuple(sorted(set(a) & set(b), reverse=True))\n', 'passed'],
    ['def similar_elements(a, b):\n    return tuple(set(a) | set(b))\n', 'failed'],
  ] as const) {
    const r = await pool.run(testsJob(asserted(solution), { candidate: solution }));
    assert.equal(r.verdict.status, status, solution);
  }
});

test("an equality witness whose expected value is an order one PYTHONHASHSEED gave a set of strings is unconfirmed (hash-seed), as in the suites", async () => {
  // MBPP+'s find_dissimilar shape: the symmetric difference's order follows the strings' salted hashes.
  const { task, sibling } = mbppPair(
    'Fixture/20',
    'Fixture/20+',
    'find_dissimilar',
    'def find_dissimilar(a, b):\n    return tuple(set(a) ^ set(b))\n',
    // The only test: ^ and & agree on empty tuples.
    ['assert find_dissimilar((), ()) == ()'],
    [[['apple', 'banana', 'cherry', 'date'], ['date', 'elder']]],
  );
  const out = await runMutationCheck(withoutGenerated([task]), { pool, plusTaskFor: () => sibling });
  const section = out.tasks[0].section!;
  const union = section.survivors.find((s) => s.original === '^' && s.replacement === '&');
  assert.ok(union, JSON.stringify([section.counts, section.survivors.map((s) => [s.id, s.verdict])]));
  assert.equal(union.verdict, 'unconfirmed', JSON.stringify(union.evidence));
  assert.equal(union.evidence?.assert, undefined);
  assert.deepEqual(union.evidence?.checks?.failed, ['hash-seed']);
  const f = out.tasks[0].findings.find((x) => x.kind === 'unconfirmed-survivors');
  assert.match(JSON.stringify(f?.evidence), /PYTHONHASHSEED/);
});
