import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEFAULT_MUTATION_CONFIG } from '../../../src/checks/mutation/config.js';
import { analyseJavaScriptTask } from '../../../src/checks/mutation/javascript.js';
import { jsAssert, sameJsAnswer, strengthenJavaScriptTask } from '../../../src/checks/mutation/strengthen-js.js';
import { loadJavaScriptParser } from '../../../src/javascript/parser.js';
import type { Task } from '../../../src/model/task.js';
import { DEFAULT_JS_LIMITS, scriptRunner } from '../../../src/sandbox/js/runtime.js';
import { createRuntime } from '../../../src/sandbox/runtimes.js';
import type { CallOutput, JobResult } from '../../../src/sandbox/types.js';

/** A small per-input budget keeps the looping input's cost to a fraction of a second. */
const INPUT_WORK = 20;

const jsRuntime = createRuntime({ language: 'javascript', workers: 1 });
const runner = scriptRunner(jsRuntime);
after(() => jsRuntime.close());

const PROMPT = '/* The index of the first element of xs greater than t, or -1.\n  >>> firstAbove([1, 5, 2], 1)\n  1\n  */\nconst firstAbove = (xs, t) => {\n';
const REFERENCE = '  for (let i = 0; i < xs.length; i++) {\n    if (xs[i] > t) return i\n  }\n  return -1\n}\n';
const TESTS = 'const testFirstAbove = () => {\n  console.assert(firstAbove([3, 1], 2) === 0)\n  console.assert(firstAbove([1], 5) === -1)\n}\n\ntestFirstAbove()\n';
const EXAMPLES = 'const testFirstAbove = () => {\n  console.assert(firstAbove([1, 5, 2], 1) === 1)\n}\ntestFirstAbove()\n';
const PLUS: unknown[][] = [[[1, 2, 3], 2], [[4, 4, 9], 4], [[2, 7], 7], [[], 0], [[0, 5], -1], [[5, 6, 7], 6], [[1, 1, 2], 1]];

function task(): Task {
  return {
    benchmark: 'fixture', id: 'JavaScript/0', language: 'javascript', entryPoint: 'firstAbove', prompt: PROMPT, canonicalSolution: REFERENCE, solution: PROMPT + REFERENCE,
    setupCode: '', imports: [], tests: { kind: 'script', code: TESTS, exampleCode: EXAMPLES }, siblings: [], source: { file: 'fixture.jsonl', row: 1 },
  };
}
const plusTask = (): Task => ({ ...task(), id: 'HumanEval/0', language: 'python', inputs: { base: [], plus: PLUS, atol: 0, contract: '' } });
const firstAbove = (xs: number[], t: number) => xs.findIndex((x) => x > t);
/** The Python sibling: answers as `answer` does (defaults to the right answer). */
const sibling =
  (answer: (args: unknown[]) => number = (args) => firstAbove(args[0] as number[], args[1] as number)) =>
  async (inputs: unknown[][]): Promise<JobResult> =>
    ({ verdict: { status: 'passed' }, outputs: inputs.map((args, index): CallOutput => ({ index, status: 'returned', value: answer(args), repr: String(answer(args)), ms: 0 }) as CallOutput) }) as unknown as JobResult;

const suiteOf = async (answers = sibling()) => {
  const { section } = await analyseJavaScriptTask({
    task: task(), plusTask: plusTask(), config: DEFAULT_MUTATION_CONFIG, seed: 0, parser: await loadJavaScriptParser(), runner, limits: DEFAULT_JS_LIMITS,
    siblingAnswers: answers, strengthen: strengthenJavaScriptTask,
  });
  assert.ok(section.strengthened, 'a suite is built');
  return section.strengthened;
};
/** The official verdict of `body` under the release's tests with the suite's asserts appended. */
const verdict = async (body: string, asserts: readonly string[]) =>
  (await runner.run({ source: `${PROMPT}${body}\n${TESTS}\n${asserts.join('\n')}\n`, filename: 'test.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official' })).official;

describe('strengthened suites for JavaScript tasks', () => {
  it('confirmed inputs only, asserts in the release style, rejecting plausible wrong solutions and passing right ones', async () => {
    const suite = await suiteOf();
    assert.ok(suite.inputs.length > 0);
    for (const i of suite.inputs) {
      assert.notEqual(i.inputSource, 'test', 'the tests\' own inputs are never added');
      assert.deepEqual(i.checks.failed, []);
      assert.ok(i.checks.passed.includes(i.inputSource === 'plus' ? 'sibling-agrees' : 'prompt-example'), JSON.stringify(i));
      assert.match(i.assert, /^console\.assert\(firstAbove\(.*\) === -?\d+\)$/);
    }
    assert.ok(suite.inputs.some((i) => i.reason === 'kills' && i.kills.length > 0));
    assert.ok(suite.wrongPrograms.killed > 0 && (suite.wrongPrograms.byKind['survivor']?.total ?? 0) > 0);
    assert.ok(suite.branches && suite.branches.covered === suite.branches.reachable, JSON.stringify(suite.branches));
    const asserts = suite.inputs.map((i) => i.assert);
    // Wrong solutions a model might write, all passing the release's two tests.
    const wrong = [
      '  for (let i = 0; i < xs.length; i++) {\n    if (xs[i] >= t) return i\n  }\n  return -1\n}\n',
      '  for (let i = 0; i < xs.length - 1; i++) {\n    if (xs[i] > t) return i\n  }\n  return -1\n}\n',
      '  let r = -1\n  for (let i = 0; i < xs.length; i++) if (xs[i] > t) r = i\n  return r\n}\n',
      '  return xs[0] > t ? 0 : -1\n}\n',
    ];
    for (const w of wrong) {
      assert.equal(await verdict(w, []), 'passed', `the release's tests pass ${w}`);
      assert.equal(await verdict(w, asserts), 'failed', `the suite rejects ${w}`);
    }
    for (const right of [REFERENCE, '  return xs.findIndex((x) => x > t)\n}\n', '  let i = 0\n  while (i < xs.length && !(xs[i] > t)) i++\n  return i < xs.length ? i : -1\n}\n']) {
      assert.equal(await verdict(right, asserts), 'passed', `the suite accepts ${right}`);
    }
  });

  it('a plus input the Python sibling answers otherwise, or no sibling at all, is never used', async () => {
    // No wrong programs needed to see which inputs are confirmed: the strengthener alone, without the mutation run.
    const t = task();
    const disagree = await strengthenJavaScriptTask({
      task: t, plusTask: plusTask(), parser: await loadJavaScriptParser(), runner, limits: DEFAULT_JS_LIMITS, referenceTimeFactor: 4, inputWork: 200, seed: 0,
      region: { start: PROMPT.length, end: t.solution.length }, mutants: [], survivors: new Set(), plusLimit: 96, siblingAnswers: sibling(() => 42),
    });
    assert.ok(disagree.inputs.every((i) => i.inputSource !== 'plus'));
    assert.equal(disagree.candidates.byFailedCheck['sibling-disagrees'], PLUS.length);
  });

  it('a reference that never ends on one input is stopped by counted work on that input alone; the others still answer', async () => {
    // HumanEval/32's shape: a loop whose every turn calls library functions (a poll then stands for far more time).
    const looping = '  while (t === 99) { [t].reduce((a, b) => a + Math.pow(b, 2), 0) }\n' + REFERENCE;
    const t = { ...task(), canonicalSolution: looping, solution: PROMPT + looping };
    const plus = (): Task => ({ ...plusTask(), inputs: { base: [], plus: [...PLUS, [[1, 2], 99]], atol: 0, contract: '' } });
    const suite = await strengthenJavaScriptTask({
      task: t, plusTask: plus(), parser: await loadJavaScriptParser(), runner, limits: DEFAULT_JS_LIMITS, referenceTimeFactor: 4, inputWork: INPUT_WORK, seed: 0,
      region: { start: PROMPT.length, end: t.solution.length }, mutants: [], survivors: new Set(), plusLimit: 96, siblingAnswers: sibling(),
    });
    assert.deepEqual(suite.candidates.byFailedCheck, { 'work-budget': 1 });
    // Every other candidate (2 tests, 1 example, the 7 answerable plus inputs) is confirmed.
    assert.equal(suite.candidates.total, PLUS.length + 4);
    assert.equal(suite.candidates.confirmed, PLUS.length + 3);
    assert.ok(suite.inputs.every((i) => !i.input.includes('99')), JSON.stringify(suite.inputs));
  });

  it('asserts: === on scalars, a tolerance on fractions, JSON.stringify on arrays, objects and null', () => {
    assert.equal(jsAssert('f(1)', '=true'), 'console.assert(f(1) === true)');
    assert.equal(jsAssert('f(1)', '="a\\"b"'), 'console.assert(f(1) === "a\\"b")');
    assert.equal(jsAssert('f(1)', '=0.5'), 'console.assert(Math.abs(f(1) - 0.5) < 0.000001)');
    assert.equal(jsAssert('f(1)', '=[1,[2]]'), 'console.assert(JSON.stringify(f(1)) === JSON.stringify([1,[2]]))');
    assert.equal(jsAssert('f(1)', '=null'), 'console.assert(JSON.stringify(f(1)) === JSON.stringify(null))');
    assert.equal(jsAssert('f(1)', '=undefined'), 'console.assert(f(1) === undefined)');
    assert.equal(jsAssert('f(1)', '!TypeError'), undefined);
    assert.ok(sameJsAnswer('=0.5', '=0.5000000001') && !sameJsAnswer('=0.5', '=0.51') && !sameJsAnswer('=1', '=1.0000000001') && !sameJsAnswer('=1', undefined));
  });
});
