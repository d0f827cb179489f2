import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { resolvePython } from '../../../src/python/interpreter.js';
import { MAX_ASSERT_SITES } from '../../../src/sandbox/js/engine.js';
import { MAX_JS_MEMORY_BYTES, WASM_MEMORY_MAX_BYTES } from '../../../src/sandbox/js/module.js';
import { DEFAULT_JS_LIMITS, JsRuntime, WORKER_DATA_LIMIT_BYTES } from '../../../src/sandbox/js/runtime.js';
import type { JsJob } from '../../../src/sandbox/js/types.js';

const runtime = new JsRuntime({ workers: 1 });
after(() => runtime.close());

const limits = { ...DEFAULT_JS_LIMITS, workBudget: 2000 };
const job = (source: string, extra: Partial<JsJob> = {}): JsJob => ({ source, filename: 'test.js', seed: 1, limits, mode: 'official', ...extra }) as JsJob;
const NEXT = 'const add = (a, b) => a + b\nconsole.assert(add(1, 1) === 2)';

/** The worker processes of this test process (Linux): their resident set in bytes, by pid. */
function workerRss(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      if (!readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('worker')) continue;
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      out.set(Number(name), kb * 1024);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The worker's bound: its linear memory, node's heap cap (256 MB) and node itself, with room. */
const WORKER_BOUND_BYTES = WASM_MEMORY_MAX_BYTES + 256 * 1024 * 1024 + 256 * 1024 * 1024;

async function nextJobPasses(): Promise<void> {
  const r = await runtime.runScript(job(NEXT));
  assert.equal(r.official, 'passed', r.stderr);
}

describe('JavaScript worker memory: what QuickJS\'s heap limit does not count is bounded too', () => {
  it('ArrayBuffers (not counted by the heap limit) end as memory at the instance\'s linear bound; the worker stays within its bound', async () => {
    const r = await runtime.runScript(job('const a = []; for (;;) a.push(new ArrayBuffer(8 << 20))'));
    assert.deepEqual(r.end, { kind: 'memory' });
    assert.equal(r.official, 'failed');
    for (const [pid, rss] of workerRss()) assert.ok(rss < WORKER_BOUND_BYTES, `worker ${pid} holds ${rss} bytes`);
    await nextJobPasses();
  });

  it('a heap of small objects ends as memory on the heap limit', async () => {
    const r = await runtime.runScript(job('const a = []; for (let i = 0; ; i++) a.push({ i })'));
    assert.deepEqual(r.end, { kind: 'memory' });
    await nextJobPasses();
  });

  it('a huge typed array is refused as node refuses it (a RangeError), and WebAssembly is not there to grow memory with', async () => {
    const r = await runtime.runScript(job('new Float64Array(1e9)'));
    assert.equal(r.end.kind, 'uncaught');
    assert.match(r.end.kind === 'uncaught' ? r.end.message : '', /RangeError/);
    const w = await runtime.runScript(job('console.log(typeof WebAssembly)'));
    assert.equal(w.stdout, 'undefined\n');
  });

  it('a thrown value is described without converting it whole: an array of two million references to one object costs nothing', async () => {
    const before = runtime.stats.workersStarted;
    const r = await runtime.runScript(job('const o = { a: [0, 0, 0, 0, 0, 0, 0, 0] }; throw new Array(2e6).fill(o)'));
    assert.deepEqual(r.end, { kind: 'uncaught', message: '[object Object]' });
    const s = await runtime.runScript(job("throw 'x'.repeat(40e6)"));
    assert.deepEqual(s.end, { kind: 'uncaught', message: '(a string of 40000000 characters)' });
    const e = await runtime.runScript(job("throw new TypeError('short')"));
    assert.deepEqual(e.end, { kind: 'uncaught', message: 'TypeError: short' });
    assert.equal(runtime.stats.workersStarted, before, 'the worker was not replaced');
    for (const [pid, rss] of workerRss()) assert.ok(rss < WORKER_BOUND_BYTES, `worker ${pid} holds ${rss} bytes`);
  });

  it('a string longer than the output limit is never copied out: printing it ends the job at the output limit with nothing kept', async () => {
    const r = await runtime.runScript(job("const s = 'x'.repeat(30e6); for (;;) console.log(s)"));
    assert.deepEqual(r.end, { kind: 'output-limit' });
    assert.equal(r.stdout, '');
    const a = await runtime.runScript(job("const s = 'y'.repeat(30e6); for (let i = 0; i < 1000; i++) console.assert(s)"));
    assert.equal(a.official, 'passed', 'a long string is truthy, read by its length');
  });

  it('ever new assert site numbers make the host keep no more than MAX_ASSERT_SITES: the job ends as memory', async () => {
    const r = await runtime.runScript(job('for (let i = 0; ; i++) __benchAuditAssert(i, true)', { limits: { ...limits, workBudget: 1_000_000 } }));
    assert.deepEqual(r.end, { kind: 'memory' });
    assert.ok(r.asserts.length <= MAX_ASSERT_SITES);
    await nextJobPasses();
  });

  it('many memory bombs in one long-lived worker: each ends as memory, the worker\'s memory does not grow, and later jobs pass', async () => {
    const rss: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await runtime.runScript(job(i % 2 === 0 ? 'const a = []; for (;;) a.push(new ArrayBuffer(8 << 20))' : 'const a = []; for (let i = 0; ; i++) a.push({ i })'));
      assert.deepEqual(r.end, { kind: 'memory' });
      rss.push(Math.max(0, ...workerRss().values()));
    }
    assert.ok(Math.max(...rss) < WORKER_BOUND_BYTES, `worker memory ${rss.join(', ')}`);
    await nextJobPasses();
  });

  it('a worker started through the launcher has RLIMIT_DATA set: an OS bound behind the others', async (t) => {
    try {
      resolvePython();
    } catch {
      t.skip('no python3: workers start without the launcher');
      return;
    }
    await nextJobPasses();
    const pids = [...workerRss().keys()];
    assert.ok(pids.length > 0);
    for (const pid of pids) {
      const line = readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max data size'));
      assert.match(line ?? '', new RegExp(`^Max data size\\s+${WORKER_DATA_LIMIT_BYTES}\\s+${WORKER_DATA_LIMIT_BYTES}\\s+bytes`));
    }
  });

  it('a job asking for a heap above what the linear bound was sized for is refused, not run', async () => {
    await assert.rejects(runtime.runScript(job('1', { limits: { ...limits, memoryBytes: MAX_JS_MEMORY_BYTES + 1 } })), /memoryBytes must be an integer from 1 to/);
    await nextJobPasses();
  });
});
