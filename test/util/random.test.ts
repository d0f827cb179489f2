import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fnv1a, sampleIndices, seededRandom } from '../../src/util/random.js';

test('fnv1a matches the published test vectors', () => {
  assert.equal(fnv1a(''), 0x811c9dc5);
  assert.equal(fnv1a('a'), 0xe40c292c);
  assert.equal(fnv1a('foobar'), 0xbf9cf968);
});

test('seeded random: same seed and key, same stream; in range', () => {
  const a = seededRandom(42, 'k');
  const b = seededRandom(42, 'k');
  const xs = Array.from({ length: 100 }, () => a.next());
  assert.deepEqual(xs, Array.from({ length: 100 }, () => b.next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notDeepEqual(xs.slice(0, 5), Array.from({ length: 5 }, seededRandom(43, 'k').next));
  const r = seededRandom(1, 'int');
  const counts = [0, 0, 0];
  for (let i = 0; i < 3000; i++) counts[r.int(3)]++;
  assert.ok(counts.every((c) => c > 800), `roughly uniform: ${counts}`);
});

test('sampleIndices: k distinct ascending indices, all when k >= n', () => {
  const s = sampleIndices(50, 10, seededRandom(7, 's'));
  assert.equal(s.length, 10);
  assert.equal(new Set(s).size, 10);
  assert.deepEqual(s, [...s].sort((x, y) => x - y));
  assert.ok(s.every((i) => i >= 0 && i < 50));
  assert.deepEqual(sampleIndices(3, 5, seededRandom(7, 's')), [0, 1, 2]);
});
