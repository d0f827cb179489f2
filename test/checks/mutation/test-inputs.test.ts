import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPythonParser } from '../../../src/checks/mutation/python-parser.js';
import { literalCallInputs, literalTestOutputs, taskTestInputs } from '../../../src/checks/mutation/test-inputs.js';
import { checkOutputKinds, type ReferenceOutput, type WitnessChecks } from '../../../src/checks/mutation/run.js';
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
