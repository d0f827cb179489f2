import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IsolationInfo, ProbeAnswers } from '../../src/sandbox/isolation.js';
import { measuredIsolation, probeJob, readProbe } from '../../src/sandbox/isolation-probe.js';
import type { JobResult } from '../../src/sandbox/types.js';

const plan: IsolationInfo = { mode: 'bwrap', networkIsolated: true, filesystem: 'read-only', pidNamespace: true, uidDropped: true, processLimit: true, notes: ['jobs keep uid 0: /root not accessible to other users'] };
const confined: ProbeAnswers = {
  writeOutside: false, readOutside: false, networkReachable: false, hostPidsVisible: false, ptraceServer: false, signalServer: false, unshare: false,
  setnsReachable: false, sysvIpc: false, xattrWrite: false, startProcess: false, capabilities: false, noNewPrivs: true, uid: 1234567, memoryLimitBytes: 1 << 30, jobDirBytes: 1 << 26,
};

function result(stdout: string, status: 'passed' | 'failed' = 'passed'): JobResult {
  return { verdict: status === 'passed' ? { status } : ({ status, phase: 'tests' } as JobResult['verdict']), outputs: [], stdout, stderr: '', stdoutTruncated: false, stderrTruncated: false, durationMs: 1, leftoverProcesses: 0 };
}
const line = (a: unknown) => `noise\nBENCH-AUDIT-ISOLATION-PROBE ${JSON.stringify(a)}\n`;

describe('isolation probe', () => {
  it('the probe job embeds its targets as data', () => {
    const job = probeJob({ outsideDir: '/x"y', secretPath: '/s', secret: "it's", port: 1, hostPid: 2, serverPath: '/srv.py' });
    assert.ok(job.program.candidate.includes(JSON.stringify(JSON.stringify({ outsideDir: '/x"y', secretPath: '/s', secret: "it's", port: 1, hostPid: 2, serverPath: '/srv.py' }))));
  });

  it('a confined answer gives a confined record, with the plan uid guess replaced by the measured uid', () => {
    const info = measuredIsolation(plan, readProbe(result(line(confined)), 0), { landlockAbi: 7 });
    assert.equal(info.filesystem, 'confined');
    assert.equal(info.probed, true);
    assert.equal(info.uidDropped, true);
    assert.deepEqual(info.notes, []);
    assert.deepEqual(info.confinement, { landlockAbi: 7 });
  });

  it('writing or reading outside makes the filesystem "host"; a connection seen by the listener counts', () => {
    const w = measuredIsolation(plan, readProbe(result(line({ ...confined, writeOutside: true })), 0), undefined);
    assert.equal(w.filesystem, 'host');
    assert.match(w.notes.join(), /write files outside/);
    const r = measuredIsolation(plan, readProbe(result(line({ ...confined, readOutside: true, uid: 0 })), 1), undefined);
    assert.equal(r.filesystem, 'host');
    assert.equal(r.networkIsolated, false);
    assert.equal(r.uidDropped, false);
  });

  it('no answers, a failed probe or malformed answers claim nothing', () => {
    for (const probe of [result('nothing'), result(line(confined), 'failed'), result(line({ ...confined, writeOutside: 'no' })), result(line({ ...confined, uid: 'root' })), result('BENCH-AUDIT-ISOLATION-PROBE {')]) {
      const read = readProbe(probe, 0);
      assert.equal(read.ok, false);
      const info = measuredIsolation(plan, read, undefined);
      assert.deepEqual([info.probed, info.filesystem, info.networkIsolated, info.pidNamespace, info.uidDropped, info.processLimit], [false, 'host', false, false, false, false]);
    }
  });
});
