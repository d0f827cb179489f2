/** The bit-parallel LCS equals the textbook dynamic program on random and edge inputs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lcsLength } from '../../src/contamination/similarity.js';

function dynamicLcs(a: Uint32Array, b: Uint32Array): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const cur = [0];
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    prev = cur;
  }
  return prev[b.length];
}

test('bit-parallel LCS = dynamic program (lengths across word boundaries, small and large alphabets)', () => {
  let seed = 12345;
  const rand = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let trial = 0; trial < 400; trial++) {
    const alphabet = [2, 4, 30, 1000][trial % 4];
    const a = Uint32Array.from({ length: rand(140) }, () => rand(alphabet) * 2654435761);
    const b = Uint32Array.from({ length: rand(200) }, () => rand(alphabet) * 2654435761);
    assert.equal(lcsLength(a, 0, a.length, b, 0, b.length), dynamicLcs(a, b), `trial ${trial}: |a| ${a.length}, |b| ${b.length}`);
    // Sub-ranges of the same array (the mask cache is keyed by array and range).
    const s = Math.min(a.length, rand(10));
    assert.equal(lcsLength(a, s, a.length, b, 0, b.length), dynamicLcs(a.subarray(s), b));
  }
  const same = Uint32Array.from({ length: 64 }, (_, i) => i);
  assert.equal(lcsLength(same, 0, 64, same, 0, 64), 64);
  assert.equal(lcsLength(same, 0, 32, same, 0, 64), 32);
});
