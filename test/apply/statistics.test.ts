import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootstrapMean, pairedComparison, passAtK, quantile } from '../../src/apply/statistics.js';

/** C(n, k) exactly, for checking the product form against the definition. */
function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

describe('passAtK (Chen et al. 2021, eq. 1)', () => {
  it('agrees with 1 - C(n-c, k) / C(n, k) on every small case', () => {
    for (let n = 1; n <= 20; n++) {
      for (let c = 0; c <= n; c++) {
        for (let k = 1; k <= n; k++) {
          const expected = 1 - choose(n - c, k) / choose(n, k);
          assert.ok(Math.abs(passAtK(n, c, k)! - expected) < 1e-12, `n=${n} c=${c} k=${k}`);
        }
      }
    }
  });
  it('is c/n at k = 1, 1 when fewer than k samples failed, undefined when k > n', () => {
    assert.equal(passAtK(10, 3, 1), 0.3);
    assert.equal(passAtK(5, 1, 2), 0.4); // 1 - C(4,2)/C(5,2) = 1 - 6/10
    assert.equal(passAtK(10, 4, 7), 1);
    assert.equal(passAtK(200, 0, 100), 0);
    assert.equal(passAtK(5, 5, 10), undefined);
  });
  it('rejects counts that cannot be', () => {
    assert.throws(() => passAtK(3, 4, 1), RangeError);
    assert.throws(() => passAtK(3, 1, 0), RangeError);
    assert.throws(() => passAtK(2.5, 1, 1), RangeError);
  });
});

describe('quantile', () => {
  it('interpolates between order statistics like numpy.quantile', () => {
    assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
    assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(quantile([7], 0.975), 7);
  });
});

describe('bootstrapMean', () => {
  const values: number[] = Array.from({ length: 164 }, (_, i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? 0.5 : 0));
  it('is reproducible from its seed and key, and moves with either', () => {
    const irregular = Array.from({ length: 164 }, (_, i) => ((i * 37) % 101) / 101);
    const a = bootstrapMean(irregular, { seed: 0, key: 'x' });
    assert.deepEqual(a, bootstrapMean(irregular, { seed: 0, key: 'x' }));
    assert.notDeepEqual(a, bootstrapMean(irregular, { seed: 1, key: 'x' }));
    assert.notDeepEqual(a, bootstrapMean(irregular, { seed: 0, key: 'y' }));
  });
  it('brackets the mean with an interval of the width the standard error predicts', () => {
    const e = bootstrapMean(values, { seed: 0, key: 'x' })!;
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    assert.equal(e.value, Math.round(mean * 1e6) / 1e6);
    assert.ok(e.low < e.value && e.value < e.high);
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    const expectedHalfWidth = (1.96 * sd) / Math.sqrt(values.length);
    const halfWidth = (e.high - e.low) / 2;
    assert.ok(Math.abs(halfWidth - expectedHalfWidth) / expectedHalfWidth < 0.1, `half width ${halfWidth} vs ${expectedHalfWidth}`);
    assert.equal(e.tasks, 164);
  });
  it('gives a zero-width interval for constant scores and null for no tasks', () => {
    assert.deepEqual(bootstrapMean([0.5, 0.5, 0.5], { seed: 0, key: 'c' }), { value: 0.5, low: 0.5, high: 0.5, tasks: 3 });
    assert.equal(bootstrapMean([], { seed: 0, key: 'c' }), null);
  });
});

describe('pairedComparison', () => {
  it('finds no difference between a model and itself (p = 1)', () => {
    const a = [1, 0, 0.5, 1, 0, 1];
    const c = pairedComparison(a, a, { seed: 0, key: 'same' })!;
    assert.equal(c.difference.value, 0);
    assert.equal(c.pValue, 1);
    assert.equal(c.significant, false);
  });
  it('calls a consistent lead on many tasks significant, and a one-task lead not', () => {
    const b = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const a = b.map((x, i) => (i % 10 === 1 ? 1 : x)); // A also solves 10 tasks B fails, loses none
    const c = pairedComparison(a, b, { seed: 0, key: 'lead' })!;
    assert.equal(c.difference.value, 0.1);
    assert.ok(c.pValue < 0.01 && c.significant && c.difference.low > 0);
    const one = b.map((x, i) => (i === 1 ? 1 : x));
    const d = pairedComparison(one, b, { seed: 0, key: 'one' })!;
    assert.equal(d.significant, false);
    assert.ok(d.difference.low <= 0);
  });
  it('pairs by position and refuses unequal lengths', () => {
    assert.throws(() => pairedComparison([1], [1, 0], { seed: 0, key: 'x' }), RangeError);
    assert.equal(pairedComparison([], [], { seed: 0, key: 'x' }), null);
  });
});
