import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addedAsserts, DEFAULT_MAX_ADDED, killingAsserts } from '../../src/apply/export.js';

type Record = Parameters<typeof killingAsserts>[0];
const task = (survivors: unknown[]): Record => ({ checks: { mutation: { survivors } } }) as unknown as Record;

describe('killingAsserts', () => {
  it('takes only confirmed witnesses: killable, with checks recorded and none failed', () => {
    const ok = { passed: ['contract', 'sibling-agrees'], failed: [] };
    const out = killingAsserts(
      task([
        { verdict: 'killable', evidence: { assert: 'assert f(1) == 1', checks: ok } },
        { verdict: 'killable', evidence: { assert: 'assert f(1) == 1', checks: ok } },
        { verdict: 'killable', evidence: { assert: 'assert f(2) == 2' } },
        { verdict: 'killable', evidence: { assert: 'assert f(3) == 3', checks: { passed: [], failed: ['sibling-disagrees'] } } },
        { verdict: 'unconfirmed', evidence: { checks: { passed: [], failed: ['non-empty:0'] } } },
        { verdict: 'possibly-equivalent' },
      ]),
    );
    assert.deepEqual(out, ['assert f(1) == 1']);
  });
});

describe('addedAsserts', () => {
  const checks = { passed: ['contract', 'sibling-agrees', 'domain'], failed: [] };
  const input = (n: number) => ({ input: `f(${n})`, inputSource: 'plus', expected: `${n}`, assert: `assert f(${n}) == ${n}`, kills: [`m${n}`], reason: 'kills', checks });
  const withSuite = (n: number) => ({ checks: { mutation: { survivors: [{ id: 's', verdict: 'killable', evidence: { assert: 'assert f(0) == 9', checks } }], strengthened: { inputs: Array.from({ length: n }, (_, i) => input(i)) } } } }) as unknown as Record;

  it('takes the first max-added inputs of the suite, in its greedy order, with their kills and checks', () => {
    const out = addedAsserts(withSuite(20), 3);
    assert.deepEqual(out.map((a) => a.assert), ['assert f(0) == 0', 'assert f(1) == 1', 'assert f(2) == 2']);
    assert.deepEqual(out[1].kills, ['m1']);
    assert.deepEqual(out[1].checks, checks);
    assert.equal(addedAsserts(withSuite(20)).length, DEFAULT_MAX_ADDED);
    assert.equal(addedAsserts(withSuite(20), 0).length, 0);
  });

  it('falls back to the confirmed killing asserts for a report without a suite', () => {
    const out = addedAsserts(task([{ id: 'm1', verdict: 'killable', evidence: { assert: 'assert f(1) == 1', input: 'f(1)', checks } }]));
    assert.deepEqual(out, [{ assert: 'assert f(1) == 1', input: 'f(1)', inputSource: 'survivor-witness', kills: ['m1'], reason: 'kills', checks }]);
  });
});
