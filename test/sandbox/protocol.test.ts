/** What Node accepts from a sandbox worker: every result checked, lines capped, ids matched. */
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { createSandboxPool } from '../../src/sandbox/pool.js';
import { LineReader, parseResult } from '../../src/sandbox/protocol.js';
import type { TestsJob } from '../../src/sandbox/types.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'sandbox');

const base = { type: 'result', outputs: [], stdout: '', stderr: '', durationMs: 1, leftoverProcesses: 0 };

describe('parseResult', () => {
  it('accepts a well-formed result for the running job', () => {
    const r = parseResult({ ...base, id: 3, verdict: { status: 'failed', phase: 'tests', exception: 'AssertionError', message: '' } }, 3, 'tests');
    assert.ok(typeof r !== 'string');
    assert.equal(r.verdict.status, 'failed');
  });

  it('rejects another job id, unknown statuses and reasons, outputs of the wrong shape', () => {
    const problems = [
      parseResult({ ...base, id: 4, verdict: { status: 'passed' } }, 3, 'tests'),
      parseResult({ ...base, id: 3, verdict: { status: 'passed-ish' } }, 3, 'tests'),
      parseResult({ ...base, id: 3, verdict: { status: 'error', reason: 'because' } }, 3, 'tests'),
      parseResult({ ...base, id: 3, verdict: { status: 'timeout' } }, 3, 'tests'),
      parseResult({ ...base, id: 3, verdict: { status: 'passed' }, outputs: [{ index: 0, status: 'lucky' }] }, 3, 'call'),
      parseResult({ ...base, id: 3, verdict: { status: 'passed' }, outputs: [{ index: 0, status: 'raised' }] }, 3, 'call'),
      parseResult({ ...base, id: 3, verdict: { status: 'passed' }, coverage: { lines: 'all' } }, 3, 'tests'),
      parseResult({ ...base, id: 3, verdict: null }, 3, 'tests'),
    ];
    for (const p of problems) assert.equal(typeof p, 'string', JSON.stringify(p));
  });

  it('reads a per-call stop and the counted calls, and rejects them in any other shape', () => {
    const r = parseResult({ ...base, id: 2, verdict: { status: 'timeout', completed: 0, reason: 'cpu-limit' }, callStop: { index: 4, by: 'cpu' }, countedCalls: [[1, 250]] }, 2, 'tests');
    assert.ok(typeof r !== 'string');
    assert.deepEqual([r.callStop, r.countedCalls], [{ index: 4, by: 'cpu' }, [{ index: 1, steps: 250 }]]);
    for (const junk of [{ callStop: { index: -1, by: 'cpu' } }, { callStop: { index: 1, by: 'luck' } }, { countedCalls: [[1]] }, { countedCalls: 'all' }]) {
      assert.equal(typeof parseResult({ ...base, id: 2, verdict: { status: 'passed' }, ...junk }, 2, 'tests'), 'string', JSON.stringify(junk));
    }
  });

  it('keeps only known fields of a verdict (junk from a forged record never reaches a report)', () => {
    const r = parseResult({ ...base, id: 1, verdict: { status: 'error', reason: 'memory', junk: { a: 1 }, exitCode: 'x' } }, 1, 'tests');
    assert.ok(typeof r !== 'string');
    assert.deepEqual(r.verdict, { status: 'error', reason: 'memory' });
  });
});

describe('LineReader', () => {
  it('drops a line over the cap as it arrives and reads the next one', () => {
    const lines: string[] = [];
    let overlong = 0;
    const reader = new LineReader((l) => lines.push(l), () => overlong++, 1024);
    reader.push('{"a":');
    reader.push('1}\n' + 'x'.repeat(600));
    reader.push('y'.repeat(600));
    reader.push('\n{"b":2}\n');
    assert.deepEqual(lines, ['{"a":1}', '{"b":2}']);
    assert.equal(overlong, 1);
  });
});

describe('a worker that breaks the protocol', () => {
  const job = (how: string): TestsJob => ({ kind: 'tests', program: { candidate: '' }, entryPoint: how, timeoutMs: 60_000, tests: { kind: 'assert-list', asserts: [] } });

  it('costs only its job a protocol-error; a 600 MiB line does not crash Node', async () => {
    const pool = createSandboxPool({ python: join(fixtures, 'fake-python.sh'), workers: 1, isolation: 'none' });
    try {
      for (const how of ['wrong-id', 'unknown-status', 'unknown-reason', 'bad-outputs', 'not-json', 'huge']) {
        const bad = await pool.run(job(how));
        assert.equal(bad.verdict.status, 'error', how);
        assert.equal((bad.verdict as { reason: string }).reason, 'protocol-error', how);
        const good = await pool.run(job('good'));
        assert.equal(good.verdict.status, 'passed', `after ${how}: ${JSON.stringify(good.verdict)}`);
      }
    } finally {
      await pool.close();
    }
  });
});
