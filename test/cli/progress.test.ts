/** Progress lines show real totals with an ETA, and a count alone (never `n/0 (0%)`) when the total is unknown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgress } from '../../src/cli/progress.js';

test('progress: ETA against a known total; no n/0 (0%) without one', () => {
  let t = 0;
  const lines: string[] = [];
  const known = createProgress((s) => lines.push(s), false, () => t);
  known.start('scan (bytes read)', 1000);
  t = 20_000;
  known.advance(250);
  assert.match(lines[0] ?? '', /^scan \(bytes read\): 250\/1000 \(25%, 20s, ETA 60s\)\n$/);
  const unknown = createProgress((s) => lines.push(s), false, () => t);
  unknown.start('rows', 0);
  t = 40_000;
  unknown.advance(21387);
  assert.equal(lines[1], 'rows: 21387 (20s)\n');
});
