/**
 * Memory of the JavaScript worker under hostile jobs: each payload runs in one worker (the default limits), and the
 * worker process's peak resident set (VmHWM) and resident set after the job (VmRSS) are read from /proc, with the
 * job's end and whether the worker was replaced. Then a trivial job shows whether the next job is affected, and a
 * run of many allocating jobs shows whether a long-lived worker leaks.
 *
 *   npx tsx bench/js-worker-memory.ts [--repeat 200]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { DEFAULT_JS_LIMITS, JsRuntime } from '../src/sandbox/js/runtime.js';

/** Each payload tries one way past QuickJS's heap limit or node's heap cap. */
const PAYLOADS: [string, string][] = [
  ['array-buffers', 'const a = []; for (;;) a.push(new ArrayBuffer(8 << 20))'],
  ['typed-array', 'const t = new Float64Array(1e9); console.log(t.length)'],
  ['string-doubling', "let s = 'x'; for (;;) s += s"],
  ['objects', 'const a = []; for (let i = 0; ; i++) a.push({ i })'],
  ['webassembly', 'console.log(typeof WebAssembly)'],
  ['thrown-shared-object', 'const o = { a: [0, 0, 0, 0, 0, 0, 0, 0] }; throw new Array(2e6).fill(o)'],
  ['thrown-huge-string', "throw 'x'.repeat(40e6)"],
  ['log-huge-string', "const s = 'x'.repeat(30e6); for (;;) console.log(s)"],
  ['assert-huge-string', "const s = 'y'.repeat(30e6); for (let i = 0; i < 1000; i++) console.assert(s)"],
  ['assert-sites', 'for (let i = 0; ; i++) __benchAuditAssert(i, true)'],
  ['trivial', 'let x = 1 + 1'],
];

function children(): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('worker')) out.push(Number(name));
    } catch {
      // gone
    }
  }
  return out;
}

function memory(pid: number | undefined): { hwmMb: number; rssMb: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { hwmMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
  } catch {
    return undefined;
  }
}

const args = process.argv.slice(2);
const repeat = Number(args[args.indexOf('--repeat') + 1] ?? 0) || 200;
const runtime = new JsRuntime({ workers: 1 });
const job = (source: string) => ({ source, filename: 't.js', seed: 0, limits: DEFAULT_JS_LIMITS, mode: 'official' as const });
try {
  await runtime.runScript(job('1'));
  for (const [name, source] of PAYLOADS) {
    const before = children()[0];
    const started = process.cpuUsage();
    let end: string;
    let mem: ReturnType<typeof memory>;
    try {
      const r = await runtime.runScript(job(source));
      mem = memory(children()[0] ?? before);
      end = r.end.kind + (r.end.kind === 'uncaught' || r.end.kind === 'crashed' ? ` (${r.end.message.slice(0, 80)})` : '') + (r.stdout ? ` stdout=${JSON.stringify(r.stdout.slice(0, 20))}` : '');
    } catch (error) {
      mem = undefined;
      end = `rejected: ${(error as Error).message.slice(0, 120)}`;
    }
    const after = children()[0];
    const cpu = process.cpuUsage(started);
    console.log(`${name.padEnd(22)} end=${end}  worker=${before === after ? 'same' : 'replaced'}  peak=${mem?.hwmMb ?? '?'} MB rss=${mem?.rssMb ?? '?'} MB  host-cpu=${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`);
  }
  const first = memory(children()[0]);
  for (let i = 0; i < repeat; i++) await runtime.runScript(job(PAYLOADS[3]![1]));
  const last = memory(children()[0]);
  console.log(`${repeat} x objects-to-the-limit in one worker: rss ${first?.rssMb} MB -> ${last?.rssMb} MB, peak ${last?.hwmMb} MB, workers started ${runtime.stats.workersStarted}`);
} finally {
  await runtime.close();
}
