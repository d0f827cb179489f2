import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { analyseJavaScriptTask } from '../../../src/checks/mutation/javascript.js';
import { DEFAULT_MUTATION_CONFIG } from '../../../src/checks/mutation/config.js';
import { loadJavaScriptParser } from '../../../src/javascript/parser.js';
import type { Task } from '../../../src/model/task.js';
import { DEFAULT_JS_LIMITS, scriptRunner } from '../../../src/sandbox/js/runtime.js';
import { createRuntime } from '../../../src/sandbox/runtimes.js';
import { PyFloat } from '../../../src/util/python-json.js';
import type { CallOutput, JobResult } from '../../../src/sandbox/types.js';

const jsRuntime = createRuntime({ language: 'javascript', workers: 1 });
const runtime = scriptRunner(jsRuntime);
after(() => jsRuntime.close());
const PROMPT = '/* the larger of a and b */\nconst larger = (a, b) => {\n';

function task(body: string, tests: string): Task {
  return {
    benchmark: 'fixture', id: 'JavaScript/0', language: 'javascript', entryPoint: 'larger', prompt: PROMPT, canonicalSolution: body, solution: PROMPT + body,
    setupCode: '', imports: [], tests: { kind: 'script', code: tests, exampleCode: '' }, siblings: [], source: { file: 'fixture.jsonl', row: 1 },
  };
}
const analyse = async (t: Task, plusTask?: Task, siblingAnswers?: (inputs: unknown[][]) => Promise<JobResult>) =>
  analyseJavaScriptTask({ task: t, plusTask, config: DEFAULT_MUTATION_CONFIG, seed: 0, parser: await loadJavaScriptParser(), runner: runtime, limits: DEFAULT_JS_LIMITS, ...(siblingAnswers ? { siblingAnswers } : {}) });
/** A Python sibling that answers each input with `answer(args)` (a returned int, or a contract violation). */
const sibling =
  (answer: (args: unknown[]) => number | 'contract') =>
  async (inputs: unknown[][]): Promise<JobResult> =>
    ({
      verdict: { status: 'passed' },
      outputs: inputs.map((args, index): CallOutput => {
        const a = answer(args);
        return a === 'contract'
          ? { index, status: 'contract-violation', exception: 'AssertionError', message: 'invalid input' }
          : { index, status: 'returned', value: a, repr: String(a), ms: 0 };
      }),
    }) as unknown as JobResult;

describe('mutation check on JavaScript tasks', () => {
  it('a weak assert lets a wrong mutant survive; the tests\' own inputs prove it wrong, with a killing assert', async () => {
    const t = task('  if (a > b) { return a }\n  return b\n}\n', 'const test = () => {\n  console.assert(larger(1, 2) !== undefined)\n  console.assert(larger(2, 2) === 2)\n}\ntest()\n');
    const { section, findings } = await analyse(t);
    assert.equal(section.status, 'analysed');
    assert.ok(section.counts.total > 0 && section.counts.survived > 0);
    assert.equal(section.inputs?.test, 2);
    const killable = section.survivors.filter((s) => s.verdict === 'killable');
    assert.ok(killable.length > 0, 'some survivor returns another value on a tested input');
    for (const s of killable) {
      assert.ok(s.evidence?.assert?.startsWith('console.assert(JSON.stringify(larger('), s.evidence?.assert);
      assert.notEqual(s.evidence?.referenceOutput, s.evidence?.mutantOutput);
    }
    // `a > b` -> `a >= b` is equivalent here: it must not be called killable.
    assert.ok(!killable.some((s) => s.original === '>' && s.replacement === '>='));
    assert.ok(findings.some((f) => f.kind === 'killable-survivor'));
    assert.deepEqual(section.trivialPasses, []);
    // `a > b` is never true under these tests: its line runs, its body never does.
    assert.deepEqual(section.coverage, { lines: { covered: 2, total: 2 }, branches: { covered: 1, total: 2 }, lineRate: 1, branchRate: 0.5, uncoveredLines: [] });
  });

  it('lines of the reference the tests never reach give a low-coverage warning with those lines', async () => {
    const { section, findings } = await analyse(task('  if (a > b)\n    return a\n  return b\n}\n', 'console.assert(larger(1, 2) === 2)\n'));
    assert.deepEqual(section.coverage?.uncoveredLines, [4]);
    const low = findings.find((f) => f.kind === 'low-coverage');
    assert.ok(low, 'a low-coverage finding');
    assert.deepEqual((low.evidence as { uncoveredLines: number[] }).uncoveredLines, [4]);
  });

  it('the sibling\'s Python inputs, translated to JavaScript values, kill what the tests cannot', async () => {
    const t = task('  return Math.max(a, b)\n}\n', 'console.assert(larger(2, 2) === 2)\n');
    const plus = { ...t, id: 'HumanEval/0', language: 'python' as const, inputs: { base: [], plus: [[new PyFloat(5.0), 3], [7, 1]], atol: 0, contract: '' } };
    const max = (args: unknown[]) => Math.max(...args.map((a) => (a instanceof PyFloat ? a.value : Number(a))));
    const { section } = await analyse(t, plus, sibling(max));
    assert.equal(section.inputs?.plus, 2);
    const min = section.survivors.find((s) => s.replacement === 'min');
    assert.equal(min?.verdict, 'killable');
    assert.equal(min?.evidence?.inputSource, 'plus');
    assert.equal(min?.evidence?.input, 'larger(5, 3)');
    assert.equal(min?.evidence?.assert, 'console.assert(JSON.stringify(larger(5, 3)) === "5")');
    assert.deepEqual(min?.evidence?.checks, { passed: ['contract', 'evalplus-input', 'sibling-agrees'], failed: [], siblingOutput: '5' });
  });

  it('a plus input is evidence only where the Python sibling accepts it and gives the same answer', async () => {
    const t = task('  return Math.max(a, b)\n}\n', 'console.assert(larger(2, 2) === 2)\n');
    const plus = { ...t, id: 'HumanEval/0', language: 'python' as const, inputs: { base: [], plus: [[5, 3]], atol: 0, contract: '' } };
    const cases: [string, ((inputs: unknown[][]) => Promise<JobResult>) | undefined, string[]][] = [
      ['the sibling answers otherwise (the translation or its reference is wrong there)', sibling(() => 3), ['sibling-disagrees']],
      ["the input breaks the sibling's contract", sibling(() => 'contract'), ['contract']],
      ['no sibling reference was run', undefined, ['second-oracle']],
    ];
    for (const [why, answers, failed] of cases) {
      const { section, findings } = await analyse(t, plus, answers);
      const min = section.survivors.find((s) => s.replacement === 'min');
      assert.equal(min?.verdict, 'unconfirmed', why);
      assert.equal(min?.evidence?.assert, undefined, why);
      assert.deepEqual(min?.evidence?.checks?.failed, failed, why);
      assert.ok(!findings.some((f) => f.kind === 'killable-survivor'), why);
      const u = findings.find((f) => f.kind === 'unconfirmed-survivors');
      assert.ok(u, why);
      assert.match(JSON.stringify(u.evidence), /"why":"[^"]+"/, why);
    }
  });

  it('tests that a trivial body passes are reported; a failing reference is skipped', async () => {
    const weak = await analyse(task('  return a > b ? a : b\n}\n', 'console.assert(larger(0, 0) === 0)\n'));
    assert.ok(weak.section.trivialPasses.includes('return-zero'));
    assert.ok(weak.findings.some((f) => f.kind === 'tests-accept-trivial-solution'));
    const broken = await analyse(task('  return a\n}\n', 'console.assert(larger(1, 2) === 2)\n'));
    assert.equal(broken.section.status, 'skipped');
  });
});

describe('witness rules the JavaScript path shares with the Python one', () => {
  /** A sibling whose reference answers each input with `answer(args)` (any JSON value). */
  const answering =
    (answer: (args: unknown[]) => unknown) =>
    async (inputs: unknown[][]): Promise<JobResult> =>
      ({ verdict: { status: 'passed' }, outputs: inputs.map((args, index): CallOutput => ({ index, status: 'returned', value: answer(args), repr: JSON.stringify(answer(args)), ms: 0 }) as CallOutput) }) as unknown as JobResult;
  const jsTask = (entryPoint: string, prompt: string, body: string, tests: string): Task => ({ ...task(body, tests), entryPoint, prompt, solution: prompt + body });

  it('order-tie: a witness whose answer changes when its array is reversed, where no test answer does (JavaScript/20 [1, 2, 3])', async () => {
    const prompt = '/* the two closest numbers, smaller first */\nconst closest = (numbers) => {\n';
    const body =
      '  let best = null\n  for (let i = 0; i < numbers.length; i++)\n    for (let j = i + 1; j < numbers.length; j++) {\n      const d = Math.abs(numbers[i] - numbers[j])\n' +
      '      if (best === null || d < best[0]) best = [d, Math.min(numbers[i], numbers[j]), Math.max(numbers[i], numbers[j])]\n    }\n  return [best[1], best[2]]\n}\n';
    const tests = 'console.assert(JSON.stringify(closest([1.0, 2.0, 3.9, 4.0, 5.0, 2.2])) === JSON.stringify([3.9, 4.0]))\nconsole.assert(JSON.stringify(closest([1.0, 2.0, 5.9, 4.0, 5.0])) === JSON.stringify([5.0, 5.9]))\n';
    const t = jsTask('closest', prompt, body, tests);
    // [1, 2, 3]: (1, 2) and (2, 3) are both 1 apart; the sibling breaks the tie as the reference does.
    const plus = { ...t, id: 'HumanEval/20', language: 'python' as const, inputs: { base: [], plus: [[[1, 2, 3]]], atol: 0, contract: '' } };
    const { section, findings } = await analyse(t, plus, answering(() => [1, 2]));
    const tie = section.survivors.find((s) => s.original === '<' && s.replacement === '<=' && s.line === 7);
    assert.equal(tie?.evidence?.input, 'closest([1, 2, 3])');
    assert.equal(tie?.verdict, 'unconfirmed');
    assert.deepEqual(tie?.evidence?.checks?.failed, ['order-tie']);
    assert.ok(!findings.some((f) => f.kind === 'killable-survivor' && (f.evidence as { input: string }).input === 'closest([1, 2, 3])'));
  });

  it("kind: a plus input of a kind no test passes there is no witness (JavaScript/68 pluck(''))", async () => {
    const prompt = '/* the smallest even value and its index, or [] */\nconst pluck = (arr) => {\n';
    const body = '  if (arr.length == 0) return []\n  const evens = arr.filter((x) => x % 2 == 0)\n  if (evens.length == 0) return []\n  const m = Math.min(...evens)\n  return [m, arr.indexOf(m)]\n}\n';
    const tests = 'console.assert(JSON.stringify(pluck([4, 2, 3])) === JSON.stringify([2, 1]))\nconsole.assert(JSON.stringify(pluck([1, 3])) === JSON.stringify([]))\nconsole.assert(JSON.stringify(pluck([])) === JSON.stringify([]))\n';
    const t = jsTask('pluck', prompt, body, tests);
    // EvalPlus's type mutation: '' for the array; its contract checks only the elements, and the sibling answers [].
    const plus = { ...t, id: 'HumanEval/68', language: 'python' as const, inputs: { base: [], plus: [['']], atol: 0, contract: '' } };
    const { section } = await analyse(t, plus, answering(() => []));
    const m = section.survivors.find((s) => s.evidence?.input === 'pluck("")');
    assert.ok(m, 'a survivor differs from the reference on pluck("")');
    assert.equal(m.verdict, 'unconfirmed');
    assert.deepEqual(m.evidence?.checks, { passed: ['contract', 'sibling-agrees'], failed: ['kind:0'], siblingOutput: '[]' });
  });
});
