import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgress, progressLine } from '../../src/cli/progress.js';

describe('progress lines', () => {
  it('show the rate and the time left for a known total', () => {
    assert.equal(progressLine('mutation', 40, 160, 20, 0), 'mutation: 40/160 (25%), 2.0/s, 20s ETA 1m00s');
    assert.equal(progressLine('mutation', 40, 160, 20, 8), 'mutation [##------] 40/160 (25%), 2.0/s, 20s ETA 1m00s');
  });

  it('show a count and a rate when the total is unknown (a corpus scan)', () => {
    assert.equal(progressLine('contamination: scanning ~/src', 1200, 0, 30, 30), 'contamination: scanning ~/src: 1200 done, 40/s, 30s');
  });

  it('stay quiet for short work and print plain lines without a TTY', () => {
    let clock = 0;
    const lines: string[] = [];
    const p = createProgress((t) => lines.push(t), false, () => clock);
    p.start('execution', 10);
    p.advance(5);
    p.finish();
    assert.deepEqual(lines, [], 'work shorter than the quiet period prints nothing');
    p.start('execution', 10);
    clock = 10_000;
    p.advance(5);
    assert.deepEqual(lines, ['execution: 5/10 (50%), 0.5/s, 10s ETA 10s\n']);
  });
});
