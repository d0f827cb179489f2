/**
 * CPU time per Python sandbox job, the figure that machine load changes least (wall-clock rates on a shared,
 * loaded machine say little): jobs through the pool, and the CPU time of each worker's whole process tree
 * (the wrapper, the fork-server, its oracle and every candidate it forked and reaped), read from /proc before
 * and after, split by process: the server itself, its reaped children (the candidates, and any oracle
 * replaced meanwhile) and the live oracle, with minor page faults of the server and of its reaped children.
 * Then the CPU time of this process (Node: jobs encoded, results decoded) per job, the rate at which the trees and
 * Node together would fill the machine's cores, and the machine's idle share meanwhile (/proc/stat): whether any
 * core is left idle at the pool's concurrency. Also the CPU time of one seccomp filter install in a fresh process,
 * for the whole filter and for the job part stacked on the server part. Compare two versions by running this in each checkout, alternately.
 *
 * With --runnable, bench/sandbox-runnable.py samples how many of each worker's processes want a core meanwhile:
 * the share of the time, and the milliseconds per job, in which a worker had nothing to run.
 *
 *   npx tsx bench/sandbox-cpu.ts [--jobs N] [--rounds N] [--runnable]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataFile } from '../src/datasets/load.js';
import { resolvePython } from '../src/python/interpreter.js';
import { forkServerPath } from '../src/sandbox/isolation.js';
import { testsJob } from '../src/sandbox/jobs.js';
import { createSandboxPool } from '../src/sandbox/pool.js';
import type { TestsJob } from '../src/sandbox/types.js';
import { describeSampled, startSampler } from './runnable-sampler.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
/** Jobs per measured round: enough that the 10 ms ticks of /proc's CPU times round away. */
const JOBS = arg('--jobs', 656);
const ROUNDS = arg('--rounds', 2);
const RUNNABLE = args.includes('--runnable');
/** Jobs run before measuring: the workers start and their first oracle is up. */
const WARM_UP_JOBS = 40;
/** /proc's CPU times are in clock ticks (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;
/** Filter installs per fresh process in the seccomp measurement, and processes. */
const INSTALLS = 10;
const INSTALL_PROCESSES = 200;

interface Proc { ppid: number; ticks: number; childTicks: number; minflt: number; childMinflt: number; server: boolean }

function processes(): Map<number, Proc> {
  const out = new Map<number, Proc>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      out.set(Number(entry), {
        ppid: Number(f[1]), minflt: Number(f[7]), childMinflt: Number(f[8]),
        ticks: Number(f[11]) + Number(f[12]), childTicks: Number(f[13]) + Number(f[14]),
        server: !cmdline[0].endsWith('bwrap') && !cmdline[0].endsWith('unshare') && cmdline.some((a) => a.endsWith('server.py')),
      });
    } catch {
      // a process that ended meanwhile
    }
  }
  return out;
}

/** Summed over the workers' trees: ticks of everything, of the servers, their reaped children, the live oracles. */
function treeCounters(workerPids: number[]): Record<string, number> {
  const all = processes();
  const children = new Map<number, number[]>();
  for (const [pid, p] of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), pid]);
  const c = { total: 0, server: 0, reaped: 0, oracle: 0, serverFaults: 0, reapedFaults: 0 };
  const walk = (pid: number, parentIsServer: boolean) => {
    const p = all.get(pid);
    if (p === undefined) return;
    c.total += p.ticks + p.childTicks;
    if (p.server && !parentIsServer) {
      c.server += p.ticks;
      c.reaped += p.childTicks;
      c.serverFaults += p.minflt;
      c.reapedFaults += p.childMinflt;
    } else if (p.server) {
      c.oracle += p.ticks + p.childTicks;
    }
    for (const child of children.get(pid) ?? []) walk(child, p.server);
  };
  for (const pid of workerPids) walk(pid, false);
  return c;
}

/** The machine's idle and total clock ticks over all cores (/proc/stat's first line; idle + iowait count as idle). */
function machineTicks(): { idle: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { idle: fields[3] + fields[4], total: fields.reduce((a, b) => a + b, 0) };
}

async function measure(label: string, jobs: TestsJob[]): Promise<void> {
  const pool = createSandboxPool({ timeoutMs: 3_000 });
  await pool.runAll(jobs.slice(0, WARM_UP_JOBS));
  const pids = pool.workerPids();
  const before = treeCounters(pids);
  const machineBefore = machineTicks();
  const sampler = RUNNABLE ? startSampler(pids) : undefined;
  const nodeBefore = process.cpuUsage();
  const t0 = performance.now();
  const results = await pool.runAll(jobs);
  const seconds = (performance.now() - t0) / 1000;
  const node = process.cpuUsage(nodeBefore);
  const sampled = sampler === undefined ? undefined : await sampler();
  const machineAfter = machineTicks();
  const after = treeCounters(pids);
  await pool.close();
  const passed = results.filter((r) => r.verdict.status === 'passed').length;
  const ms = (k: string) => (((after[k] - before[k]) * 1000) / TICKS_PER_S / jobs.length).toFixed(2);
  const per = (k: string) => ((after[k] - before[k]) / jobs.length).toFixed(0);
  console.log(
    `${label}: ${jobs.length} jobs (${passed} passed), ${ms('total')} ms CPU per job in the workers' trees ` +
      `(server ${ms('server')}, candidates ${ms('reaped')}, oracle ${ms('oracle')}); page faults per job: server ${per('serverFaults')}, ` +
      `candidates ${per('reapedFaults')}; ${(jobs.length / seconds).toFixed(0)} jobs/s; load ${loadavg()[0].toFixed(1)}`,
  );
  // Whether a core can idle at this concurrency: the CPU every job needs (the workers' trees and this process, which
  // encodes jobs and decodes results) against what the machine's cores give. A rate near that bound leaves none idle.
  const treeMs = ((after.total - before.total) * 1000) / TICKS_PER_S / jobs.length;
  const nodeMs = (node.user + node.system) / 1000 / jobs.length;
  const cores = availableParallelism();
  const idle = (machineAfter.idle - machineBefore.idle) / Math.max(1, machineAfter.total - machineBefore.total);
  console.log(
    `  ${label}: node ${nodeMs.toFixed(2)} ms CPU per job; trees + node ${(treeMs + nodeMs).toFixed(2)} ms: ` +
      `${((cores * 1000) / (treeMs + nodeMs)).toFixed(0)} jobs/s would fill ${cores} cores; ` +
      `pool and node used ${(((treeMs + nodeMs) * jobs.length) / 1000 / seconds).toFixed(2)} cores; machine idle ${(idle * 100).toFixed(1)}%`,
  );
  if (sampled !== undefined) console.log(`  ${label}: ${describeSampled(sampled, seconds, jobs.length)}`);
}

/** CPU microseconds of one filter install in a fresh forked process: the whole filter, and the job part on the server part. */
function filterInstalls(python: string): void {
  const dir = dirname(forkServerPath());
  const script = `
import ctypes, os, resource, sys
sys.path.insert(0, ${JSON.stringify(dir)})
import confine_seccomp as s
if not s.supported():
    print('seccomp: no filter for this machine'); sys.exit(0)
libc = ctypes.CDLL(None, use_errno=True)
def per_install(part, stacked_on=None):
    """Mean CPU seconds of one install of part, measured inside fresh processes (on stacked_on, installed first)."""
    total = 0.0
    prepared = s.Prepared(s.build_filter(part=part))
    under = s.Prepared(s.build_filter(part=stacked_on)) if stacked_on else None
    for _ in range(${INSTALL_PROCESSES}):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            libc.prctl(38, 1, 0, 0, 0)
            if under is not None:
                under.apply()
            t = resource.getrusage(resource.RUSAGE_SELF)
            for _ in range(${INSTALLS}):
                prepared.apply()
            u = resource.getrusage(resource.RUSAGE_SELF)
            os.write(w, repr(u.ru_utime + u.ru_stime - t.ru_utime - t.ru_stime).encode())
            os._exit(0)
        os.close(w)
        total += float(os.read(r, 64))
        os.close(r)
        os.waitpid(pid, 0)
    return total / ${INSTALL_PROCESSES} / ${INSTALLS}
whole = per_install('all')
job = per_install('job', stacked_on='server')
print('seccomp filter install in a job: whole filter (%d instructions) %.0f us of CPU, job part (%d) on the server part %.0f us' % (
    len(s.build_filter()) // 8, whole * 1e6, len(s.build_filter(part='job')) // 8, job * 1e6))
`;
  const out = spawnSync(python, ['-S', '-s', '-B', '-c', script], { encoding: 'utf8' });
  process.stdout.write(out.stdout + out.stderr);
}

const trivial: TestsJob = {
  kind: 'tests',
  program: { candidate: 'def add(a, b):\n    return a + b\n' },
  entryPoint: 'add',
  tests: { kind: 'assert-list', asserts: ['assert add(1, 2) == 3'] },
};
const humaneval = (await loadDataFile(join(root, '..', 'shared', 'data', 'humaneval', 'HumanEval.jsonl.gz'))).map((t) => testsJob(t, { hashSeed: 0 }));
const cycled = Array.from({ length: JOBS }, (_, i) => humaneval[i % humaneval.length]);
for (let round = 1; round <= ROUNDS; round++) {
  await measure(`round ${round} trivial`, Array.from({ length: JOBS }, () => trivial));
  await measure(`round ${round} HumanEval references`, cycled);
}
filterInstalls(resolvePython().executable);
