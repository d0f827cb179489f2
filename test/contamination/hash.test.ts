import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fmix32, unfmix32 } from '../../src/contamination/hash.js';

test('unfmix32 inverts fmix32 (the scanner indexes its key filter through it)', () => {
  const samples = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x12345678, 0xdeadbeef];
  for (let x = 0x9e3779b9, i = 0; i < 10_000; i++) samples.push((x = fmix32((x + i) >>> 0)));
  for (const x of samples) {
    assert.equal(unfmix32(fmix32(x)), x >>> 0);
    assert.equal(fmix32(unfmix32(x)), x >>> 0);
  }
});
