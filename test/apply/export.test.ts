import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { killingAsserts } from '../../src/apply/export.js';

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
