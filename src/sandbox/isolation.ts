/**
 * The outer wrapper the sandbox workers run under (a plan; what jobs can really do is measured
 * by a probe job, isolation-probe.ts). Inside any wrapper, the fork-server confines each job
 * itself (python/confine*.py: Landlock, seccomp, no capabilities, private uid) unless `none` was
 * asked for by name. The wrapper is decided once per interpreter by probing:
 * - `bwrap` (Debian's bubblewrap): read-only root, private /tmp, no network, own pid/ipc/uts
 *   namespaces; directories the job uid could not traverse (e.g. /root) are hidden behind an
 *   empty tmpfs with only the interpreter bound back in.
 * - `unshare` (util-linux): no network, own pid namespace; the filesystem stays visible.
 * - `none`: rlimits and the per-job uid only.
 * When running as root, each worker also drops every job to a private uid (needs the interpreter
 * readable by others), which makes the process-count limit effective and protects host files.
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, parse, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export type IsolationMode = 'bwrap' | 'unshare' | 'none';

/** What a probe job could do (see isolation-probe.ts). */
export interface ProbeAnswers {
  writeOutside: boolean;
  readOutside: boolean;
  networkReachable: boolean;
  hostPidsVisible: boolean;
  ptraceServer: boolean;
  signalServer: boolean;
  unshare: boolean;
  setnsReachable: boolean;
  sysvIpc: boolean;
  xattrWrite: boolean;
  startProcess: boolean;
  capabilities: boolean;
  noNewPrivs: boolean;
  uid: number;
  /** RLIMIT_AS of the job's process; null when unlimited. */
  memoryLimitBytes: number | null;
  /** Size of the filesystem holding the job's directory. */
  jobDirBytes: number;
}

/** What a JavaScript probe job could reach (see js/probe.ts); each `true` is a way out. */
export interface JsProbeAnswers {
  /** `require`, dynamic `import()` or a module API loaded something. */
  moduleLoaded: boolean;
  /** A `process`, `Deno`, `Bun`, `std` or `os` object was reachable (also through the Function constructor). */
  hostObject: boolean;
  /** `fetch`, `XMLHttpRequest`, `WebSocket` or a socket API exists. */
  networkApi: boolean;
  /** `setTimeout`/`setInterval`/`setImmediate` exist (a callback could run after the job's budget). */
  timers: boolean;
  /** The host's own hooks (output, asserts) were reachable from the program. */
  hostHooks: boolean;
  /** The program could change what the tests that follow it see of `Object.prototype`, `Array.prototype`, `JSON` or `undefined`. */
  intrinsicsWritable: boolean;
  /** The program could replace the `console` or `console.assert` the tests that follow it call. */
  consoleReplaceable: boolean;
  /** A change to a prototype in one job was visible in the next job. */
  stateCrossesJobs: boolean;
  /** A program that silences asserts and output was judged `passed` on a false assert. */
  verdictForged: boolean;
  /** An endless loop or an endless chain of promise jobs ended other than by the work budget. */
  budgetEscaped: boolean;
}

export interface IsolationInfo {
  /** `quickjs-wasm`: the JavaScript runtime (an interpreter in WebAssembly, no host APIs). */
  mode: IsolationMode | 'quickjs-wasm';
  /** The job cannot reach the network (own network namespace). */
  networkIsolated: boolean;
  /**
   * Measured by a probe job: 'confined' when it could neither write nor read files outside its
   * directory; 'host' otherwise (or when nothing was measured). 'read-only' is the bubblewrap plan
   * before measurement.
   */
  filesystem: 'confined' | 'read-only' | 'host';
  /** Job cannot see the auditing process's pid. */
  pidNamespace: boolean;
  /** Jobs run as a private non-root uid (only possible when the worker runs as root). */
  uidDropped: boolean;
  /** RLIMIT_NPROC is enforced (the kernel ignores it for uid 0). */
  processLimit: boolean;
  /** Why a stronger mode was not used, and what the probe found lacking. */
  notes: string[];
  /** The fields above come from a probe job (false: from the plan, or the probe failed). */
  probed?: boolean;
  /** The probe's answers (what a job could do). */
  probes?: ProbeAnswers;
  /** The JavaScript probe's answers (what a job could reach). */
  jsProbes?: JsProbeAnswers;
  /** What the fork-server applied to each job (Landlock ABI, seccomp, mount namespace, scratch size). */
  confinement?: Record<string, unknown>;
}

export interface WorkerCommand {
  command: string;
  args: string[];
}

/** How long a probe may take; a cold interpreter start under bwrap takes ~50 ms. */
const PROBE_TIMEOUT_MS = 15_000;

const PROBE_SCRIPT = [
  'import sys, os, json',
  'print(json.dumps({"paths": sorted({sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable))})}))',
].join('\n');

interface Probe {
  ok: boolean;
  detail: string;
}

function run(command: string, args: string[]): Probe & { stdout: string } {
  const res = spawnSync(command, args, { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  if (res.error) return { ok: false, detail: `${command}: ${(res.error as NodeJS.ErrnoException).code ?? res.error.message}`, stdout: '' };
  if (res.status !== 0) return { ok: false, detail: `${command} exited ${res.status}: ${res.stderr.trim().split('\n').pop() ?? ''}`, stdout: res.stdout };
  return { ok: true, detail: '', stdout: res.stdout };
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Others may traverse (x) the directory, or read and traverse (r-x) when `read` is set. */
function othersCan(path: string, read: boolean): boolean {
  try {
    const mode = statSync(path).mode;
    return read ? (mode & 0o005) === 0o005 : (mode & 0o001) !== 0;
  } catch {
    return false;
  }
}

function ancestors(path: string): string[] {
  const out: string[] = [];
  let cur = path;
  const root = parse(path).root;
  while (cur !== root) {
    cur = dirname(cur);
    out.unshift(cur);
  }
  return out.filter((p) => p !== root);
}

/** For each needed path, the first ancestor others cannot traverse (to hide behind a tmpfs). */
export function hiddenAncestors(paths: string[]): { hide: string[]; unreadable: string[] } {
  const hide = new Set<string>();
  const unreadable: string[] = [];
  for (const path of paths) {
    const blocked = ancestors(path).find((a) => !othersCan(a, false));
    if (blocked) hide.add(blocked);
    if (!othersCan(path, true)) unreadable.push(path);
  }
  // Keep only outermost hidden directories.
  const sorted = [...hide].sort();
  const outer = sorted.filter((p) => !sorted.some((q) => q !== p && p.startsWith(q + sep)));
  return { hide: outer, unreadable };
}

function bwrapArgs(neededPaths: string[], hide: string[], root: boolean): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc'];
  // /tmp is always replaced by an empty tmpfs; needed paths under it (a checkout in /tmp, as CI
  // clones may be) are bound back in like those under any other hidden directory.
  for (const dir of ['/tmp', ...hide.filter((d) => d !== '/tmp')]) {
    args.push('--perms', '0755', '--tmpfs', dir);
    const made = new Set<string>();
    const outermost = neededPaths.filter((n) => !neededPaths.some((m) => m !== n && n.startsWith(m + sep)));
    for (const p of outermost.filter((n) => n.startsWith(dir + sep))) {
      // bwrap would create the directories leading to the bind as 0700: make them traversable.
      for (const a of ancestors(p).filter((x) => x.startsWith(dir + sep) && !made.has(x))) {
        args.push('--perms', '0755', '--dir', a);
        made.add(a);
      }
      args.push('--ro-bind', p, p);
    }
  }
  args.push('--unshare-ipc', '--unshare-pid', '--unshare-net', '--unshare-uts', '--unshare-cgroup-try');
  if (!root) args.push('--unshare-user');
  args.push('--die-with-parent', '--new-session', '--chdir', '/tmp');
  return args;
}

function unshareArgs(root: boolean): string[] {
  const args = ['--net', '--pid', '--fork', '--kill-child', '--mount', '--mount-proc', '--ipc', '--uts'];
  if (!root) args.unshift('--map-root-user');
  return args;
}

export interface IsolationPlan {
  info: IsolationInfo;
  /** Wraps `python server.py`: the full command line for a worker. */
  command(python: string, pythonArgs: string[]): WorkerCommand;
}

const cache = new Map<string, IsolationPlan>();

/**
 * Decide the isolation for workers of `python` running `serverPath`. `requested` 'auto' picks
 * the strongest mode that works here; a named mode that does not work falls back to weaker ones,
 * with the reason in `notes`.
 */
export function planIsolation(python: string, serverPath: string, requested: IsolationMode | 'auto' = 'auto'): IsolationPlan {
  const key = `${python}\0${serverPath}\0${requested}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const notes: string[] = [];
  const root = isRoot();
  const direct = run(python, ['-c', PROBE_SCRIPT]);
  const pyPaths: string[] = direct.ok ? (JSON.parse(direct.stdout) as { paths: string[] }).paths : [dirname(python)];
  const neededPaths = [...new Set([...pyPaths, dirname(serverPath)])].sort();
  const order: IsolationMode[] = requested === 'auto' || requested === 'bwrap' ? ['bwrap', 'unshare', 'none'] : requested === 'unshare' ? ['unshare', 'none'] : ['none'];
  let plan: IsolationPlan | undefined;
  for (const mode of order) {
    if (mode === 'bwrap') {
      const { hide, unreadable } = hiddenAncestors(neededPaths);
      const args = bwrapArgs(neededPaths, hide, root);
      const probe = run('bwrap', [...args, python, '-c', PROBE_SCRIPT]);
      if (!probe.ok) {
        notes.push(`bubblewrap unavailable (${probe.detail})`);
        continue;
      }
      const uidDropped = root && unreadable.length === 0;
      if (root && !uidDropped) notes.push(`jobs keep uid 0: ${unreadable.join(', ')} not readable by other users`);
      plan = {
        info: { mode, networkIsolated: true, filesystem: 'read-only', pidNamespace: true, uidDropped, processLimit: uidDropped || !root, notes },
        command: (py, pyArgs) => ({ command: 'bwrap', args: [...args, py, ...pyArgs, ...(uidDropped ? ['--drop-uid'] : [])] }),
      };
      break;
    }
    if (mode === 'unshare') {
      const args = unshareArgs(root);
      const probe = run('unshare', [...args, python, '-c', PROBE_SCRIPT]);
      if (!probe.ok) {
        notes.push(`unshare unavailable (${probe.detail})`);
        continue;
      }
      const { hide, unreadable } = hiddenAncestors(neededPaths);
      const uidDropped = root && hide.length === 0 && unreadable.length === 0;
      if (root && !uidDropped) notes.push(`jobs keep uid 0: ${[...hide, ...unreadable].join(', ')} not accessible to other users`);
      plan = {
        info: { mode, networkIsolated: true, filesystem: 'host', pidNamespace: true, uidDropped, processLimit: uidDropped || !root, notes },
        command: (py, pyArgs) => ({ command: 'unshare', args: [...args, py, ...pyArgs, ...(uidDropped ? ['--drop-uid'] : [])] }),
      };
      break;
    }
    const { hide, unreadable } = hiddenAncestors(neededPaths);
    const uidDropped = root && hide.length === 0 && unreadable.length === 0;
    if (root && !uidDropped) notes.push(`jobs keep uid 0: ${[...hide, ...unreadable].join(', ')} not accessible to other users`);
    // Asked for by name, 'none' also turns off the fork-server's own confinement of each job;
    // reached as the fallback of another mode, the jobs stay confined by the server.
    const noConfine = requested === 'none' ? ['--no-confine'] : [];
    if (requested === 'none') notes.push('confinement of jobs turned off (--isolation none)');
    plan = {
      info: { mode: 'none', networkIsolated: false, filesystem: 'host', pidNamespace: false, uidDropped, processLimit: uidDropped || !root, notes },
      command: (py, pyArgs) => ({ command: py, args: [...pyArgs, ...(uidDropped ? ['--drop-uid'] : []), ...noConfine] }),
    };
  }
  cache.set(key, plan!);
  return plan!;
}

/** The fork-server script (package python/), next to this module in both src/ (tsx) and dist/ (compiled). */
export function forkServerPath(): string {
  return fileURLToPath(new URL('./python/server.py', import.meta.url));
}
