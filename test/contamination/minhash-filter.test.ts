import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MinHasher } from '../../src/contamination/minhash.js';
import { MinHashPrefilter } from '../../src/contamination/minhash-filter.js';
import { seededRandom } from '../../src/util/random.js';
import { MINHASH_MIN_JACCARD, MINHASH_ROWS, MINHASH_SHINGLE } from '../../src/contamination/constants.js';

/** Reference functions, and tokens per reference: of the size of benchmark solutions. */
const REFERENCES = 40;
const REFERENCE_TOKENS = 60;
/** Distinct token values: few enough that unrelated ranges share shingles too. */
const VOCABULARY = 24;

test("signatureOfLast gives MinHasher.signature's values for every range mayMatch accepts, and declines otherwise", () => {
  const random = seededRandom(7, 'minhash-filter');
  const next = random.next;
  const token = (): number => 1 + Math.floor(next() * VOCABULARY);
  const hasher = new MinHasher(0);
  const refs = Array.from({ length: REFERENCES }, () => {
    const tokens = Uint32Array.from({ length: REFERENCE_TOKENS }, token);
    const signature = new Int32Array(hasher.permutations);
    hasher.signature(tokens, 0, tokens.length, MINHASH_SHINGLE, signature);
    return { tokens, start: 0, end: tokens.length, signature };
  });
  const filter = new MinHashPrefilter(hasher, MINHASH_SHINGLE, MINHASH_MIN_JACCARD, MINHASH_ROWS, refs);
  const expected = new Int32Array(hasher.permutations);
  const got = new Int32Array(hasher.permutations);
  let accepted = 0;
  let declined = 0;
  for (let q = 0; q < 600; q++) {
    // Copies, copies with edits and foreign tokens around them (a rest to fold in), and unrelated ranges.
    const ref = refs[q % REFERENCES].tokens;
    const kind = q % 3;
    const tokens =
      kind === 2
        ? Uint32Array.from({ length: 20 + (q % 50) }, token)
        : Uint32Array.from([...Array.from({ length: q % 7 }, token), ...ref.map((t) => (kind === 1 && next() < 0.1 ? token() : t)), ...Array.from({ length: q % 5 }, token)]);
    const start = q % 4 === 0 ? 1 : 0;
    const may = filter.mayMatch(tokens, start, tokens.length);
    got.fill(12345);
    if (!may) {
      assert.equal(filter.signatureOfLast(got), false);
      assert.ok(got.every((v) => v === 12345), 'declined: out untouched');
      declined++;
      continue;
    }
    assert.equal(filter.signatureOfLast(got), true);
    hasher.signature(tokens, start, tokens.length, MINHASH_SHINGLE, expected);
    assert.deepEqual(got, expected, `range ${q}`);
    accepted++;
  }
  // Both paths were taken (the test would pass vacuously otherwise).
  assert.ok(accepted >= 100 && declined >= 50, `accepted ${accepted}, declined ${declined}`);
});
