import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWitnessProperty, plusInputLimitFor, sameAnswer, SURVIVOR_PLUS_INPUTS_FLOOR, SURVIVOR_PLUS_LINE_BUDGET, whyUnconfirmed, witnessOracle } from '../../../src/checks/mutation/run.js';
import type { PyValue } from '../../../src/checks/mutation/py-value.js';
import type { Task } from '../../../src/model/task.js';

describe('plusInputLimitFor', () => {
  it('keeps the configured limit for references that do little work per call', () => {
    assert.equal(plusInputLimitFor([4, 19, 26_879], 96), 96);
    assert.equal(plusInputLimitFor([Math.floor(SURVIVOR_PLUS_LINE_BUDGET / 96)], 96), 96);
  });

  it('divides the line budget by the costliest call of the reference on its own tests', () => {
    // HumanEval/147's tests: get_max_triples(5), (6), (10), (100).
    assert.equal(plusInputLimitFor([61, 97, 401, 386_966], 96), Math.floor(SURVIVOR_PLUS_LINE_BUDGET / 386_966));
    assert.ok(plusInputLimitFor([61, 97, 401, 386_966], 96) < 96);
  });

  it('never goes below the floor, nor above the configured limit', () => {
    assert.equal(plusInputLimitFor([1_701_066, 14], 96), SURVIVOR_PLUS_INPUTS_FLOOR);
    assert.equal(plusInputLimitFor([1_000_000_000], 96), SURVIVOR_PLUS_INPUTS_FLOOR);
    assert.equal(plusInputLimitFor([10], 5), 5);
  });

  it('keeps the configured limit when no call was counted (no coverage run, or tests that never call the candidate)', () => {
    assert.equal(plusInputLimitFor(undefined, 96), 96);
    assert.equal(plusInputLimitFor([], 96), 96);
  });
});

describe('set-eq witnesses', () => {
  const list = (...xs: number[]): PyValue => ({ type: 'list', items: xs.map((x) => ({ type: 'int', value: BigInt(x) })) });
  const tuple = (...xs: number[]): PyValue => ({ type: 'tuple', items: xs.map((x) => ({ type: 'int', value: BigInt(x) })) });
  // MBPP+'s similar_elements: EvalPlus compares its answers as sets, and its tests compare no literal.
  const plusTask = { id: 'Mbpp/2', entryPoint: 'similar_elements', inputs: { atol: 0 } } as unknown as Task;

  it('judges a set-eq task whose tests compare no literal by the property, any other by equality', () => {
    assert.deepEqual(witnessOracle(plusTask, []), { name: 'set-eq' });
    assert.equal(witnessOracle(plusTask, [tuple(4, 5)]), undefined, 'tests that compare a literal decide by ==');
    assert.equal(witnessOracle(undefined, []), undefined);
    // find-zero is the suites' alone: HumanEval/32's witnesses stay literal-oracle.
    assert.equal(witnessOracle({ id: 'HumanEval/32', entryPoint: 'find_zero', inputs: { atol: 1e-4 } } as unknown as Task, []), undefined);
  });

  it('counts the same elements in another order or collection as the same answer, and other elements as another', () => {
    const same = sameAnswer({ name: 'set-eq' }, 0);
    const args = [tuple(3, 4, 5, 6), tuple(5, 7, 4, 10)];
    assert.equal(same(args, tuple(4, 5), tuple(5, 4)), true);
    assert.equal(same(args, tuple(4, 5), list(5, 4, 4)), true);
    assert.equal(same(args, tuple(4, 5), tuple(4)), false);
    assert.equal(same(args, tuple(4, 5), tuple(4, 5, 6)), false);
    // Without the property, order counts.
    assert.equal(sameAnswer(undefined, 0)(args, tuple(4, 5), tuple(5, 4)), false);
    const floats: PyValue = { type: 'tuple', items: [{ type: 'float', value: 1.5 }, { type: 'float', value: 2.5 }] };
    const swapped: PyValue = { type: 'tuple', items: [{ type: 'float', value: 2.5 }, { type: 'float', value: 1.5 }] };
    // An answer the property cannot stand on (a float in it) is no assert, but EvalPlus compares its set first:
    // the same set is no difference, another one is one.
    assert.equal(same(args, floats, swapped), true);
    assert.equal(same(args, floats, { type: 'tuple', items: [{ type: 'float', value: 1.5 }] }), false);
    assert.equal(sameAnswer(undefined, 0)(args, floats, swapped), false);
  });

  it('records set-eq as passed where set() takes the answer exactly, failed elsewhere', () => {
    const answered = [tuple(4, 5), { type: 'int', value: 3n } as PyValue, { type: 'tuple', items: [{ type: 'float', value: 0.5 }] } as PyValue].map((v) => ({
      input: { args: [tuple(1)] },
      ref: { value: () => v },
      checks: { passed: ['contract'], failed: [] as string[] },
    }));
    const done = { input: { args: [tuple(1)] }, ref: { value: () => tuple(1) }, checks: { passed: [], failed: ['non-empty:0'] } };
    checkWitnessProperty([...answered, done], { name: 'set-eq' });
    assert.deepEqual(answered.map((a) => a.checks), [
      { passed: ['contract', 'set-eq'], failed: [] },
      { passed: ['contract'], failed: ['set-eq'] },
      { passed: ['contract'], failed: ['set-eq'] },
    ]);
    assert.deepEqual(done.checks.failed, ['non-empty:0'], 'an input that failed already is left alone');
    assert.match(whyUnconfirmed(['set-eq', 'hash-seed']), /judged as sets.*; .*PYTHONHASHSEED/);
  });
});
