import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { literalCallInputs, literalTestOutputs, taskTestInputs } from '../../../src/checks/mutation/test-inputs.js';
import { checkOrderTies, checkOutputKinds, orderTieProbes, checkSecondOracle, exampleNeighbours, intFloatAgree, isAboveExampleRange, isNearExample, reorderablePositions, reversedInput, whyUnconfirmed, type DiffInput, type ReferenceOutput, type WitnessChecks } from '../../../src/checks/mutation/run.js';
import { inferDomain } from '../../../src/checks/mutation/input-domain.js';
import { py, type PyValue } from '../../../src/checks/mutation/py-value.js';
import { literalValue, pyEquals, pyRepr } from '../../../src/checks/mutation/py-value.js';
import { loadReferenceTasks } from './helpers.js';

test('literalCallInputs: literal calls of the function under test, deduplicated, in order', async () => {
  const parser = await loadPythonParser();
  const code = [
    'def check(candidate):',
    '    assert candidate([1, 2], 3) == True',
    '    assert candidate([], -1) == False',
    '    assert candidate([1, 2], 3) == True',
    '    assert candidate(x, 3)',
    '    assert abs(candidate(1.5, y=2) - 1) < 1e-6',
    '    assert other(7) == 7',
  ].join('\n');
  const inputs = literalCallInputs(parser, code, ['candidate']);
  assert.deepEqual(inputs.map((args) => args.map(pyRepr)), [['[1, 2]', '3'], ['[]', '-1']]);
});

test('literalTestOutputs: the literal results the tests expect, either side of ==', async () => {
  const parser = await loadPythonParser();
  const code = 'def check(candidate):\n    assert candidate([1]) == "a"\n    assert (3, 4) == candidate(2)\n    assert candidate(x) != 5\n    assert len(candidate(1)) == 2\n';
  const outputs = literalTestOutputs(parser, { entryPoint: 'f', tests: { kind: 'check-function', code, checkFunction: 'check' } });
  assert.deepEqual(outputs.map(pyRepr), ["'a'", '(3, 4)']);
  const bools = 'def check(candidate):\n    assert candidate([1]) is False\n    assert candidate([2])\n    assert not candidate([3])\n';
  assert.deepEqual(literalTestOutputs(parser, { entryPoint: 'f', tests: { kind: 'check-function', code: bools, checkFunction: 'check' } }).map(pyRepr), ['False', 'True', 'False']);
});

test('checkOutputKinds: a witness whose answer is not the kind the tests expect fails output-kind', () => {
  const witness = (v: PyValue | undefined): { ref: ReferenceOutput; checks: WitnessChecks } => ({ ref: { value: () => v } as unknown as ReferenceOutput, checks: { passed: [], failed: [] } });
  const answered = [witness(py.str('f')), witness(py.int(122)), witness(undefined), witness(py.bool(true))];
  checkOutputKinds(answered, [py.str('a')]);
  assert.deepEqual(answered.map((a) => a.checks), [
    { passed: ['output-kind'], failed: [] },
    { passed: [], failed: ['output-kind'] },
    { passed: [], failed: [] },
    { passed: [], failed: ['output-kind'] },
  ]);
  const numbers = [witness(py.float(1.5)), witness(py.bool(false)), witness(py.list())];
  checkOutputKinds(numbers, [py.int(3)]);
  assert.deepEqual(numbers.map((a) => a.checks.failed), [[], [], ['output-kind']]);
  // No literal answer in the tests (a property such as poly(xs, x) == 0, or set(f(x)) == ...): nothing is confirmed.
  const property = [witness(py.float(-1))];
  checkOutputKinds(property, []);
  assert.deepEqual(property[0].checks.failed, ['literal-oracle']);
});

test('checkOutputKinds: a generated witness answered with a negative number where every test expects >= 0 fails output-sign (the -1 of "none found")', () => {
  const witness = (v: PyValue, passed: string[]): { ref: ReferenceOutput; checks: WitnessChecks } => ({ ref: { value: () => v } as unknown as ReferenceOutput, checks: { passed, failed: [] } });
  const answered = [witness(py.int(-1), ['domain']), witness(py.int(4), ['domain']), witness(py.int(-1), ['contract', 'evalplus-input'])];
  checkOutputKinds(answered, [py.int(1), py.int(3), py.int(0)]);
  assert.deepEqual(answered.map((a) => a.checks.failed), [['output-sign'], [], []]);
  const signed = [witness(py.int(-6), ['domain'])];
  checkOutputKinds(signed, [py.int(-1), py.int(3)]);
  assert.deepEqual(signed[0].checks.failed, []);
});

test('inputs from every HumanEval and MBPP test suite round-trip through repr', async (t) => {
  const parser = await loadPythonParser();
  const reference = await loadReferenceTasks(t);
  if (!reference) return;
  const { humaneval, mbpp } = reference;
  let tasksWithInputs = 0;
  let total = 0;
  for (const t of [...humaneval, ...mbpp]) {
    const inputs = taskTestInputs(parser, t);
    if (inputs.length > 0) tasksWithInputs++;
    for (const args of inputs) {
      total++;
      const text = `(${args.map(pyRepr).join(', ')},)`;
      const back = parser.withTree(text, (tree) => {
        const expr = tree.rootNode.namedChild(0)?.namedChild(0);
        return expr ? literalValue(expr) : undefined;
      });
      assert.ok(back !== undefined && back.type === 'tuple', `${t.id}: ${text} parses back`);
      assert.equal(back.items.length, args.length);
      back.items.forEach((v, i) => {
        assert.equal(pyRepr(v), pyRepr(args[i]), `${t.id}: repr is stable`);
        if (!(v.type === 'float' && Number.isNaN(v.value))) assert.ok(pyEquals(v, args[i]), `${t.id}: value survives`);
      });
    }
  }
  // nearly every task calls its function with literal arguments somewhere
  assert.ok(tasksWithInputs >= 0.9 * (humaneval.length + mbpp.length), `only ${tasksWithInputs} tasks with literal inputs`);
  assert.ok(total > 3 * tasksWithInputs);
});

/** A witness candidate as sortSurvivors builds it, with the reference's answer and the checks it passed so far. */
function candidate(source: DiffInput['source'], args: PyValue[], answer: PyValue, passed: string[]): { input: DiffInput; ref: ReferenceOutput; checks: WitnessChecks } {
  return { input: { source, args }, ref: { value: () => answer } as unknown as ReferenceOutput, checks: { passed: [...passed], failed: [] } };
}

test('checkSecondOracle: a generated witness no sibling confirms is unconfirmed unless it is one int step from an example', () => {
  // Mbpp/228 (no MBPP+ sibling): all bits unset in [l, r]; tests (4, 1, 2) -> True, (17, 2, 4) -> True, (39, 4, 6) -> False.
  const bits = { examples: [[4, 1, 2], [17, 2, 4], [39, 4, 6]].map((a) => a.map((x) => py.int(x))), testOutputs: [py.bool(true), py.bool(false)], prompt: 'Write a python function to check whether all the bits are unset in the given range or not.' };
  const near = candidate('generated', [py.int(5), py.int(1), py.int(2)], py.bool(false), ['domain', 'output-kind']);
  const far = candidate('generated', [py.int(40), py.int(1), py.int(3)], py.bool(false), ['domain', 'output-kind']);
  checkSecondOracle([near, far], bits);
  assert.deepEqual(near.checks, { passed: ['domain', 'output-kind', 'near-example'], failed: [] }, 'bit 1 of 5 is set: right, and one step from (4, 1, 2)');
  assert.deepEqual(far.checks.failed, ['second-oracle']);

  // Mbpp/411 snake_to_camel: 'apple__watch' is one inserted character from a test input, but a double underscore is
  // not snake case (the answer is open): string edits are not steps, so the reference's 'Apple_Watch' is no proof.
  const snake = { examples: [[py.str('android_tv')], [py.str('google_pixel')], [py.str('apple_watch')]], testOutputs: [py.str('AndroidTv')], prompt: 'Write a function to convert a snake case string to camel case string.' };
  const doubled = candidate('generated', [py.str('apple__watch')], py.str('Apple_Watch'), ['domain', 'output-kind']);
  checkSecondOracle([doubled], snake);
  assert.deepEqual(doubled.checks.failed, ['second-oracle']);

  // Mbpp/617 min_Jumps((3, 4), 4): the reference's formula says 1.75, one jump of 4 is the answer; tests ((3, 4), 11), ((3, 4), 0), ((11, 14), 11).
  const jumps = { examples: [[py.tuple(py.int(3), py.int(4)), py.int(11)], [py.tuple(py.int(3), py.int(4)), py.int(0)], [py.tuple(py.int(11), py.int(14)), py.int(11)]], testOutputs: [py.float(3.5), py.int(0), py.int(1)], prompt: '' };
  const wrong = candidate('generated', [py.tuple(py.int(3), py.int(4)), py.int(4)], py.float(1.75), ['domain', 'output-kind', 'output-sign']);
  checkSecondOracle([wrong], jumps);
  assert.deepEqual(wrong.checks.failed, ['second-oracle']);

  // Mbpp/589 perfect_squares(30, 99) with MBPP+'s reference agreeing: confirmed by the sibling, nothing added.
  const squares = candidate('generated', [py.int(30), py.int(99)], py.list(py.int(36), py.int(49), py.int(64), py.int(81)), ['contract', 'domain', 'output-kind', 'sibling-agrees']);
  checkSecondOracle([squares], { examples: [[py.int(1), py.int(30)]], testOutputs: [py.list(py.int(1))], prompt: '' });
  assert.deepEqual(squares.checks, { passed: ['contract', 'domain', 'output-kind', 'sibling-agrees'], failed: [] });

  // Plus and test inputs are left alone (EvalPlus's and the benchmark's own inputs), and so are witnesses that already failed.
  const plus = candidate('plus', [py.int(99), py.int(1), py.int(3)], py.bool(false), ['contract', 'evalplus-input', 'output-kind']);
  const failedAlready = candidate('generated', [py.int(5), py.int(1), py.int(2)], py.bool(false), []);
  failedAlready.checks.failed.push('positive:1');
  checkSecondOracle([plus, failedAlready], bits);
  assert.deepEqual([plus.checks.failed, failedAlready.checks.failed], [[], ['positive:1']]);
});

test('checkSecondOracle: an empty or None answer the tests and prompt never show fails degenerate-output, even with the sibling agreeing', () => {
  // snake_to_camel('_'): both references answer '' by the same split-and-join; no test expects '' and the prompt says nothing.
  const snake = { examples: [[py.str('android_tv')]], testOutputs: [py.str('AndroidTv')], prompt: 'Write a function to convert a snake case string to camel case string.' };
  const empty = candidate('generated', [py.str('_')], py.str(''), ['contract', 'domain', 'output-kind', 'sibling-agrees']);
  checkSecondOracle([empty], snake);
  assert.deepEqual(empty.checks.failed, ['degenerate-output']);
  // HumanEval/118 get_closest_vowel: the prompt defines the empty answer ("Return empty string if you didn't find any").
  const vowel = { examples: [[py.str('yogurt')]], testOutputs: [py.str('u')], prompt: 'Return empty string if you didn\'t find any vowel met the above condition.' };
  const defined = candidate('generated', [py.str('AsiAa')], py.str(''), ['contract', 'domain', 'output-kind', 'sibling-agrees']);
  checkSecondOracle([defined], vowel);
  assert.deepEqual(defined.checks.failed, []);
  // A test that expects an empty list shows the case: Mbpp/297 flatten_list-like tests with `== []`.
  const shown = candidate('generated', [py.list()], py.list(), ['domain', 'output-kind', 'sibling-agrees']);
  checkSecondOracle([shown], { examples: [[py.list(py.int(1))]], testOutputs: [py.list(py.int(1)), py.list()], prompt: '' });
  assert.deepEqual(shown.checks.failed, []);
});

test('isNearExample: exactly one int argument off by one, every other argument equal', () => {
  const ex = [[py.list(py.int(1), py.int(2)), py.int(2)]];
  assert.equal(isNearExample([py.list(py.int(1), py.int(2)), py.int(3)], ex), true);
  assert.equal(isNearExample([py.list(py.int(1), py.int(2)), py.int(4)], ex), false, 'two steps');
  assert.equal(isNearExample([py.list(py.int(1), py.int(3)), py.int(3)], ex), false, 'two arguments changed');
  assert.equal(isNearExample([py.list(py.int(1), py.int(2)), py.int(2)], ex), false, 'the example itself is no step');
  assert.equal(isNearExample([py.list(py.int(1), py.int(2), py.int(2)), py.int(2)], ex), false, 'container edits are not steps');
  // The neighbours tried for every task are exactly such steps: each int argument +/- 1.
  const neighbours = exampleNeighbours([[py.int(9), py.int(0), py.str('a')]]);
  assert.deepEqual(neighbours.map((a) => a.map(pyRepr).join(', ')), ["10, 0, 'a'", "8, 0, 'a'", "9, 1, 'a'", "9, -1, 'a'"]);
  assert.ok(neighbours.every((a) => isNearExample(a, [[py.int(9), py.int(0), py.str('a')]])));
  assert.match(whyUnconfirmed(['second-oracle', 'positive:0']), /no sibling reference confirms it.*; outside the input domain .*\(positive:0\)/);
});

test('intFloatAgree: an int answer equal to the reference float within tolerance is no difference', () => {
  // Mbpp/267 square_Sum(999999): the reference's `/` gives 1.333329333337e+18, the `//` mutant the exact 1333329333336999999.
  assert.equal(intFloatAgree(py.float(1.333329333337e18), py.int(1333329333336999999n), 0), true);
  // Mbpp/14 find_Volume(50, 25, 35.5): 22187.5 against a floored 22187 is a real difference.
  assert.equal(intFloatAgree(py.float(22187.5), py.int(22187), 0), false);
  // Same kind on both sides is evalplusOutputsMatch's business, not this rule's; element-wise in tuples.
  assert.equal(intFloatAgree(py.float(2), py.float(2), 0), false);
  assert.equal(intFloatAgree(py.tuple(py.float(60), py.float(100)), py.tuple(py.int(60), py.float(100)), 0), true);
  assert.equal(intFloatAgree(py.tuple(py.float(60), py.float(100)), py.tuple(py.int(61), py.float(100)), 0), false);
});

test('checkOrderTies: a witness whose answer changes when its lists are reversed, where no test answer does, fails order-tie', () => {
  // HumanEval/20 find_closest_elements: every test answer survives reversal; on the plus input [1.0, 1.2, 1.4] both
  // pairs are 0.2 apart and the reversed copy gives (1.2, 1.4): the reference breaks a tie by position.
  const floats = (...xs: number[]) => py.list(...xs.map((x) => py.float(x)));
  const tests = [floats(1.0, 2.0, 3.9, 4.0, 5.0, 2.2), floats(1.0, 2.0, 5.9, 4.0, 5.0)];
  const domain = inferDomain(tests.map((t) => [t]));
  assert.deepEqual(reorderablePositions(tests.map((t) => [t]), domain), [0]);
  assert.deepEqual(reversedInput([floats(1.0, 1.2, 1.4)], [0])?.map(pyRepr), ['[1.4, 1.2, 1.0]']);
  assert.equal(reversedInput([floats(1.0, 1.0)], [0]), undefined, 'a palindrome is not reordered');
  const answered = [
    candidate('test', [tests[0]], py.tuple(py.float(3.9), py.float(4.0)), ['own-test']),
    candidate('test', [tests[1]], py.tuple(py.float(5.0), py.float(5.9)), ['own-test']),
    candidate('plus', [floats(1.0, 1.2, 1.4)], py.tuple(py.float(1.0), py.float(1.2)), ['contract', 'evalplus-input', 'sibling-agrees']),
    candidate('plus', [py.list(py.int(-3), py.int(53))], py.tuple(py.int(-3), py.int(53)), ['contract', 'evalplus-input', 'sibling-agrees']),
  ];
  const same = [true, true, false, true];
  checkOrderTies(answered, (i) => same[i]);
  assert.deepEqual(answered.map((a) => a.checks.failed), [[], [], ['order-tie'], []]);
  assert.match(whyUnconfirmed(['order-tie']), /tie the task does not break/);

  // Mbpp/784 mul_even_odd (first even x first odd): reversing a test input changes its answer, so order is part of
  // the task and the right witness mul_even_odd([-10, 0, 5, 10]) == -50 stays.
  const firsts = [
    candidate('test', [py.list(...[1, 3, 5, 7, 4, 1, 6, 8].map((x) => py.int(x)))], py.int(4), ['own-test']),
    candidate('test', [py.list(...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => py.int(x)))], py.int(2), ['own-test']),
    candidate('plus', [py.list(...[-10, 0, 5, 10].map((x) => py.int(x)))], py.int(-50), ['contract', 'evalplus-input', 'sibling-agrees']),
  ];
  checkOrderTies(firsts, (i) => [false, false, false][i]);
  assert.deepEqual(firsts.map((a) => a.checks.failed), [[], [], []]);
  // A sorted argument's order is its contract: not reordered (Mbpp/733 find_first_occurrence on sorted lists).
  const sortedTests = [[py.list(py.int(2), py.int(5), py.int(5)), py.int(5)], [py.list(py.int(1), py.int(2), py.int(6)), py.int(6)]];
  assert.deepEqual(reorderablePositions(sortedTests, inferDomain(sortedTests)), []);
});

test('orderTieProbes: the test inputs and confirmed witnesses reversal changes, none where fewer than MIN_ORDER_TESTS tests do', () => {
  const at = (source: DiffInput['source'], failed: string[] = []) => ({ input: { source }, checks: { passed: [], failed } });
  const answered = [at('test'), at('test', ['literal-oracle']), at('plus'), at('plus', ['kind:0']), at('generated'), at('test')];
  // Test 5 is a palindrome (reversal changes nothing); the failed plus input is never run.
  const reversed = ['t0', 't1', 'p2', 'p3', 'g4', undefined];
  assert.deepEqual(orderTieProbes(answered, (i) => reversed[i]), [{ i: 0, reversed: 't0' }, { i: 1, reversed: 't1' }, { i: 2, reversed: 'p2' }, { i: 4, reversed: 'g4' }]);
  assert.deepEqual(orderTieProbes(answered, (i) => (i === 0 ? undefined : reversed[i])), [], 'one test input proves no pattern');
});

test('checkSecondOracle: a near-example step above the largest int any example passes fails near-example-range', () => {
  // Mbpp/783 rgb_to_hsv(r, g, b): tests (255, 255, 255), (0, 215, 0), (10, 215, 110). 256 is no colour channel.
  const rgb = { examples: [[255, 255, 255], [0, 215, 0], [10, 215, 110]].map((a) => a.map((x) => py.int(x))), testOutputs: [py.tuple(py.float(0), py.float(0), py.float(100))], prompt: 'Write a function to convert rgb color to hsv color.' };
  const hsv = py.tuple(py.float(0), py.float(0.39), py.float(100.39));
  const out = candidate('generated', [py.int(256), py.int(255), py.int(255)], hsv, ['domain', 'output-kind']);
  const inside = candidate('generated', [py.int(255), py.int(254), py.int(255)], hsv, ['domain', 'output-kind']);
  checkSecondOracle([out, inside], rgb);
  assert.deepEqual([out.checks.failed, inside.checks.failed], [['near-example-range'], []]);
  assert.ok(inside.checks.passed.includes('near-example'));
  // Pooled over the arguments: are_equivalent(37, 57) (tests (36, 57), (2, 4), (23, 47)) stays inside, 37 < 57;
  // a step down is not bounded here (last_Digit_Factorial(3) with tests 4, 21, 30 is right).
  const eq = [[36, 57], [2, 4], [23, 47]].map((a) => a.map((x) => py.int(x)));
  assert.equal(isAboveExampleRange([py.int(37), py.int(57)], eq), false);
  assert.equal(isAboveExampleRange([py.int(58), py.int(57)], eq), true);
  assert.equal(isAboveExampleRange([py.int(3)], [[py.int(4)], [py.int(21)], [py.int(30)]]), false);
  // One tested value implies no range: double(1) == 2 beside the only test double(0) == 0 stays a witness.
  assert.equal(isAboveExampleRange([py.int(1)], [[py.int(0)]]), false);
  assert.match(whyUnconfirmed(['near-example-range']), /above the largest int/);
});
