import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plusInputLimitFor, SURVIVOR_PLUS_INPUTS_FLOOR, SURVIVOR_PLUS_LINE_BUDGET } from '../../../src/checks/mutation/run.js';

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
