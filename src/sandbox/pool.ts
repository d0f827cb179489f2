/**
 * A pool of sandbox workers: long-lived Python fork-servers (python/server.py), one job at a time
 * each, fed from a FIFO queue. Each busy worker is also sent its next job ahead, which waits in the
 * server's stdin, so the worker starts it without waiting for a round trip through Node. A worker
 * that dies or stops answering is killed and replaced; the job it was running gets an `error`
 * verdict, and the job sent ahead (never started) goes back to the front of the queue. Workers are
 * started lazily and keyed by PYTHONHASHSEED (fixed per interpreter), so jobs asking for a seed go
 * to a matching worker.
 */
import { stringifyPythonJson } from '../util/python-json.js';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { ToolError } from '../errors.js';
import { DEFAULT_EXECUTION_CONFIG } from '../model/defaults.generated.js';
import { resolvePython } from '../python/interpreter.js';
import { forkServerPath, planIsolation, type IsolationInfo, type IsolationMode, type WorkerCommand } from './isolation.js';
import { LineReader, MAX_LINE_CHARS, parseResult, protocolErrorResult } from './protocol.js';
import { IN_FLIGHT_PER_WORKER, mapJobs, runAllJobs, type Runtime, type RuntimeInfo } from './runtime.js';
import { measuredIsolation, probeJob, readProbe } from './isolation-probe.js';
import type { JobResult, SandboxJob } from './types.js';
import { removeAtDeath } from './scratch.js';

const MIB = 1024 * 1024;
/** Node-side watchdog on top of the job's own limit: covers the server's kill and cleanup time. */
const WATCHDOG_GRACE_MS = 5_000;
/** A worker that does not say "ready" within this is considered broken (cold start + preloads ~0.1 s). */
const STARTUP_TIMEOUT_MS = 30_000;
/** Startup failures in a row after which the pool gives up instead of respawning forever. */
const MAX_CONSECUTIVE_START_FAILURES = 3;
/** Server stderr kept for diagnostics. */
const SERVER_STDERR_CAP = 16 * 1024;
/**
 * What a job's program must never see: its tests, its examples' expected values, the digests of the outputs expected
 * of it. A program runs in a fork of the server and can read all of the server's memory (its frames, its heap, what it
 * freed), so these go to the worker's oracle on a pipe of their own, which the server passes on and never reads.
 */
const SECRET_FIELDS = ['tests', 'examples', 'expectDigests'] as const;
/** The secrets pipe's fd in the server (its fourth stdio entry), and the width of a frame's length header. */
export const SECRETS_FD = 3;
const SECRET_HEADER_DIGITS = 15;

/**
 * A job as the server gets it (without its secrets, with `testCount`: the verdict's count of tests or examples) and
 * the frame its oracle reads: a zero-padded decimal byte length, a newline, then `{id, ...secrets}` as JSON, so that
 * the oracle reads exactly one frame and a fresh oracle starts at the next.
 */
export function splitSecrets(wire: Record<string, unknown>): { job: Record<string, unknown>; frame: Buffer } {
  const job: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = { id: wire.id };
  for (const [k, v] of Object.entries(wire)) {
    if ((SECRET_FIELDS as readonly string[]).includes(k)) secrets[k] = v;
    else job[k] = v;
  }
  const tests = wire.tests as { kind?: string; asserts?: unknown[] } | undefined;
  if (wire.kind === 'tests' && tests !== undefined) job.testCount = tests.kind === 'assert-list' ? (tests.asserts?.length ?? 0) : 1;
  if (wire.kind === 'examples') job.testCount = (wire.examples as unknown[] | undefined)?.length ?? 0;
  const body = Buffer.from(stringifyPythonJson(secrets), 'utf8');
  return { job, frame: Buffer.concat([Buffer.from(`${String(body.length).padStart(SECRET_HEADER_DIGITS, '0')}\n`, 'ascii'), body]) };
}

export interface SandboxPoolOptions {
  /** Interpreter path (the --python option); default: python3 resolved to the real binary. */
  python?: string;
  /** Worker processes; default one per core. */
  workers?: number;
  isolation?: IsolationMode | 'auto';
  /** Defaults for jobs that do not set their own limits. */
  timeoutMs?: number;
  memoryBytes?: number;
  hashSeed?: number;
}

interface Pending {
  job: SandboxJob;
  seed: number;
  resolve: (result: JobResult) => void;
  reject: (error: Error) => void;
}

/** A job sent to a worker, with the id its messages carry. */
interface Running {
  pending: Pending;
  wireId: number;
}

interface ReadyInfo {
  pid: number;
  python: string;
  uidDropped: boolean;
  subreaper: boolean;
  /** What the server applies to each job (the server's confinement record). */
  confinement?: Record<string, unknown>;
}

/**
 * Scratch directories of live workers (each worker's TMPDIR, where its server makes the job
 * directories). Removed when the worker exits, and on every way this process ends: normal exit,
 * an uncaught error (the 'exit' event), SIGINT, SIGTERM, SIGHUP.
 */
const liveScratch = new Set<string>();
const liveWorkers = new Set<Worker>();
const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let exitHooksInstalled = false;

function cleanUpEverything(): void {
  for (const w of liveWorkers) w.kill();
  for (const dir of liveScratch) removeScratch(dir);
}

function removeScratch(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // a file the job made unremovable (attributes): left for the OS's tmp cleaning
  }
  liveScratch.delete(dir);
}

function onExitSignal(signal: NodeJS.Signals): void {
  // Someone else handles the signal (the CLI's Ctrl-C: let the jobs in flight finish, checkpoint,
  // close the pool): the workers must outlive it until then. The 'exit' hook still cleans up.
  if (process.listenerCount(signal) > 1) return;
  cleanUpEverything();
  // Keep the default outcome of the signal (ending the process).
  process.removeListener(signal, onExitSignal);
  process.kill(process.pid, signal);
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', cleanUpEverything);
  for (const signal of EXIT_SIGNALS) process.on(signal, onExitSignal);
}

function newScratch(): string {
  installExitHooks();
  const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
  removeAtDeath(dir);
  liveScratch.add(dir);
  return dir;
}

class Worker {
  readonly proc: ChildProcessWithoutNullStreams;
  ready = false;
  dead = false;
  /** Killed after a protocol failure: takes no more jobs while it exits. */
  retiring = false;
  current: Running | undefined;
  /** Sent ahead while `current` runs; the server starts it when `current` ends. */
  ahead: { running: Running; timeoutMs: number } | undefined;
  info: ReadyInfo | undefined;
  private stderr = '';
  private watchdog: NodeJS.Timeout | undefined;
  private startTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  jobs = 0;
  readonly scratch: string;

  constructor(
    cmd: WorkerCommand,
    readonly seed: number,
    private readonly onReady: (w: Worker) => void,
    private readonly onExit: (w: Worker, startedOk: boolean, stderr: string, notStarted: Pending | undefined) => void,
  ) {
    this.scratch = newScratch();
    liveWorkers.add(this);
    this.proc = spawn(cmd.command, cmd.args, {
      // Own session and process group: a terminal's Ctrl-C reaches only the CLI, which decides when
      // the workers stop. A worker never outlives the CLI: stdin closes when the CLI dies (even by
      // SIGKILL) and the server ends after its current job, removing its scratch.
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      env: {
        TMPDIR: this.scratch,
        PATH: '/usr/local/bin:/usr/bin:/bin',
        LANG: 'C.UTF-8',
        LC_ALL: 'C.UTF-8',
        PYTHONHASHSEED: String(seed),
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONNOUSERSITE: '1',
        // The dynamic linker resolves every symbol when the server starts, not on first call: a job's
        // process makes calls its server never made (setsid, setuid, capset, ...), and with lazy binding
        // each job looked each of them up again (and wrote its copy of the lookup table's page).
        LD_BIND_NOW: '1',
      },
    });
    this.proc.stdout.setEncoding('utf8');
    const reader = new LineReader(
      (line) => this.onLine(line),
      () => this.protocolFailure(`the worker wrote a line longer than ${MAX_LINE_CHARS} characters`),
    );
    this.proc.stdout.on('data', (chunk: string) => reader.push(chunk));
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-SERVER_STDERR_CAP);
    });
    this.proc.stdin.on('error', () => {}); // EPIPE when the worker died; handled by 'exit'
    this.secrets.on('error', () => {});
    this.proc.on('error', () => this.handleExit());
    this.proc.on('exit', () => this.handleExit());
    this.startTimer = setTimeout(() => this.kill(), STARTUP_TIMEOUT_MS);
    this.startTimer.unref();
  }

  /** The oracle's pipe for the jobs' secrets (the server's fd SECRETS_FD). */
  private get secrets(): Writable {
    return this.proc.stdio[SECRETS_FD] as Writable;
  }

  get idle(): boolean {
    return this.ready && !this.dead && !this.retiring && this.current === undefined;
  }

  /** Busy with one job and nothing sent ahead yet. */
  get canTakeAhead(): boolean {
    return this.ready && !this.dead && !this.retiring && this.current !== undefined && this.ahead === undefined;
  }

  /** Send a job: it runs now if the worker is idle, else right after the current one. */
  run(pending: Pending, defaults: { timeoutMs: number; memoryBytes: number }): void {
    this.jobs++;
    const job = pending.job;
    const timeoutMs = job.timeoutMs ?? defaults.timeoutMs;
    const running = { pending, wireId: this.nextId++ };
    const wire = { ...job, id: running.wireId, timeoutMs, memoryBytes: job.memoryBytes ?? defaults.memoryBytes };
    delete (wire as { hashSeed?: number }).hashSeed;
    if (this.current === undefined) {
      this.current = running;
      this.startWatchdog(timeoutMs);
    } else {
      this.ahead = { running, timeoutMs };
    }
    // Python's json dialect: NaN/Infinity inputs survive, integral floats stay floats, big ints stay exact.
    const { job: open, frame } = splitSecrets(wire);
    this.secrets.write(frame);
    this.proc.stdin.write(stringifyPythonJson(open) + '\n');
  }

  /** The Node-side limit for the current job, from when it started (a job sent ahead starts when the one before it ends). */
  private startWatchdog(timeoutMs: number): void {
    this.watchdog = setTimeout(() => {
      const p = this.current;
      this.current = undefined;
      if (p) p.pending.resolve(errorResult('worker-unresponsive', `the worker did not answer within ${timeoutMs + WATCHDOG_GRACE_MS} ms`));
      this.kill();
    }, timeoutMs + WATCHDOG_GRACE_MS);
  }

  kill(): void {
    if (this.dead) return;
    // The whole process group (the worker leads its own): bwrap's in-namespace child, killed with the group,
    // would otherwise outlive a bwrap killed before it set its parent-death signal (a CLI stopped at start-up).
    try {
      process.kill(-this.proc.pid!, 'SIGKILL');
    } catch {
      this.proc.kill('SIGKILL');
    }
  }

  private onLine(line: string): void {
    if (line.trim() === '') return;
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      return this.protocolFailure('the worker wrote a line that is not JSON');
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return this.protocolFailure('the worker wrote a line that is not a JSON object');
    const record = msg as Record<string, unknown>;
    if (record.type === 'ready' && !this.ready) {
      this.ready = true;
      this.info = {
        pid: Number(record.pid),
        python: String(record.python),
        uidDropped: record.uidDropped === true,
        subreaper: record.subreaper === true,
      };
      if (this.startTimer) clearTimeout(this.startTimer);
      this.onReady(this);
      return;
    }
    if (record.type !== 'result' || this.current === undefined) return this.protocolFailure(`an unexpected ${JSON.stringify(String(record.type)).slice(0, 40)} record`);
    const parsed = parseResult(record, this.current.wireId, this.current.pending.job.kind);
    if (typeof parsed === 'string') return this.protocolFailure(parsed);
    this.finishCurrent(parsed);
  }

  /** The current job ends with this result; the job sent ahead (if any) becomes current. */
  private finishCurrent(result: JobResult): void {
    const p = this.current;
    this.current = undefined;
    if (this.watchdog) clearTimeout(this.watchdog);
    if (this.ahead !== undefined) {
      this.current = this.ahead.running;
      this.startWatchdog(this.ahead.timeoutMs);
      this.ahead = undefined;
    }
    if (p) p.pending.resolve(result);
    this.onReady(this);
  }

  /**
   * A message that cannot be trusted: the running job ends with `protocol-error`, and the worker,
   * whose stream may be out of step, is replaced (the job sent ahead goes back to the queue).
   */
  private protocolFailure(message: string): void {
    const p = this.current;
    this.current = undefined;
    if (this.watchdog) clearTimeout(this.watchdog);
    this.retiring = true;
    if (p) p.pending.resolve(protocolErrorResult(message));
    this.kill();
  }

  private handleExit(): void {
    if (this.dead) return;
    this.dead = true;
    liveWorkers.delete(this);
    removeScratch(this.scratch);
    if (this.watchdog) clearTimeout(this.watchdog);
    if (this.startTimer) clearTimeout(this.startTimer);
    const p = this.current;
    this.current = undefined;
    const notStarted = this.ahead?.running.pending;
    this.ahead = undefined;
    if (p) p.pending.resolve(errorResult('worker-died', `the worker process ended while running the job${this.stderr ? `: ${lastLine(this.stderr)}` : ''}`));
    this.onExit(this, this.ready, this.stderr, notStarted);
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}

function errorResult(reason: 'worker-died' | 'worker-unresponsive', message: string): JobResult {
  return {
    verdict: { status: 'error', reason, message },
    outputs: [],
    stdout: '',
    stderr: '',
    stdoutTruncated: false,
    stderrTruncated: false,
    durationMs: 0,
    leftoverProcesses: 0,
  };
}

export type PoolInfo = RuntimeInfo;

/** The Python runtime: a pool of fork-servers. */
export class SandboxPool implements Runtime {
  readonly language = 'python';
  private readonly workers: Worker[] = [];
  private readonly queue: Pending[] = [];
  /** Queued jobs per hash seed (dispatch runs after every job: no scans of a long queue). */
  private readonly queuedBySeed = new Map<number, number>();
  private closed = false;
  private startFailures = 0;
  private brokenReason: string | undefined;
  private subreaper: boolean | undefined;
  private confinement: Record<string, unknown> | undefined;
  private measuring: Promise<IsolationInfo> | undefined;
  private measured: IsolationInfo | undefined;
  readonly size: number;
  readonly defaults: { timeoutMs: number; memoryBytes: number; hashSeed: number };
  /** Jobs started and workers (re)started, for the run block. */
  readonly stats = { jobs: 0, workersStarted: 0, workersReplaced: 0 };

  private constructor(
    private readonly commandFor: (seed: number) => WorkerCommand,
    readonly python: { executable: string; version: string },
    readonly isolation: IsolationInfo,
    options: SandboxPoolOptions,
  ) {
    this.size = Math.max(1, options.workers ?? availableParallelism());
    this.defaults = {
      timeoutMs: options.timeoutMs ?? DEFAULT_EXECUTION_CONFIG.timeLimitMs,
      memoryBytes: options.memoryBytes ?? DEFAULT_EXECUTION_CONFIG.memoryLimitMb * MIB,
      hashSeed: options.hashSeed ?? 0,
    };
  }

  /** Resolve the interpreter and the isolation (probes once per interpreter), start nothing yet. */
  static create(options: SandboxPoolOptions = {}): SandboxPool {
    const python = resolvePython(options.python);
    const server = forkServerPath();
    const plan = planIsolation(python.executable, server, options.isolation ?? 'auto');
    // -S: no .pth files or sitecustomize in the server (python/server.py adds site-packages itself).
    const pythonArgs = ['-S', '-s', '-B', server];
    return new SandboxPool(() => plan.command(python.executable, pythonArgs), python, plan.info, options);
  }

  /** Host pids of the worker processes (the bwrap/unshare wrapper or the interpreter), for diagnostics. */
  workerPids(): number[] {
    return this.workers.filter((w) => !w.dead && w.proc.pid !== undefined).map((w) => w.proc.pid!);
  }

  /** The isolation record: measured when measureIsolation() has run, else the plan (probed: false). */
  info(): PoolInfo {
    return { language: 'python', interpreter: { name: 'python', ...this.python }, python: this.python, workers: this.size, isolation: this.measured ?? { ...this.isolation, probed: false }, subreaper: this.subreaper };
  }

  /**
   * Run the isolation probe once, as a job of this pool, and keep its record for info(). Targets
   * (a directory, a 0600 secret, a local TCP listener) are made for it and removed after.
   */
  measureIsolation(): Promise<IsolationInfo> {
    this.measuring ??= this.probe().then((info) => (this.measured = info));
    return this.measuring;
  }

  private async probe(): Promise<IsolationInfo> {
    const outsideDir = mkdtempSync(join(tmpdir(), 'bench-audit-probe-'));
    let connections = 0;
    const listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    try {
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(0, '127.0.0.1', resolve);
      });
      const secretPath = join(outsideDir, 'secret');
      const secret = `bench-audit-probe-secret-${process.pid}`;
      writeFileSync(secretPath, secret, { mode: 0o600 });
      const port = (listener.address() as { port: number }).port;
      const result = await this.run(probeJob({ outsideDir, secretPath, secret, port, hostPid: process.pid, serverPath: forkServerPath() }));
      return measuredIsolation(this.isolation, readProbe(result, connections), this.confinement);
    } finally {
      listener.close();
      rmSync(outsideDir, { recursive: true, force: true });
    }
  }

  /** Queue a job; resolves with its result (never rejects for anything the program does). */
  run(job: SandboxJob): Promise<JobResult> {
    if (this.closed) return Promise.reject(new ToolError('the sandbox pool is closed'));
    if (this.brokenReason) return Promise.reject(this.brokenError());
    if (job.kind === 'script' || (job.kind === 'tests' && job.tests.kind === 'script')) {
      return Promise.reject(new ToolError('a script job was sent to the Python runtime', { hint: "its language's runtime runs it (createRuntime({ language }))" }));
    }
    return new Promise<JobResult>((resolve, reject) => {
      this.enqueue({ job, seed: job.hashSeed ?? this.defaults.hashSeed, resolve, reject }, false);
      this.dispatch();
    });
  }

  private enqueue(p: Pending, front: boolean): void {
    if (front) this.queue.unshift(p);
    else this.queue.push(p);
    this.queuedBySeed.set(p.seed, (this.queuedBySeed.get(p.seed) ?? 0) + 1);
  }

  /** The first queued job with this seed, removed from the queue. */
  private take(seed: number): Pending | undefined {
    if ((this.queuedBySeed.get(seed) ?? 0) === 0) return undefined;
    const i = this.queue.findIndex((p) => p.seed === seed);
    const [p] = this.queue.splice(i, 1);
    const left = this.queuedBySeed.get(seed)! - 1;
    if (left === 0) this.queuedBySeed.delete(seed);
    else this.queuedBySeed.set(seed, left);
    return p;
  }

  /** Jobs with bounded in-flight work; results in input order. `onResult` sees each as it completes. */
  runAll(jobs: readonly SandboxJob[], onResult?: (result: JobResult, index: number) => void): Promise<JobResult[]> {
    return runAllJobs((items, toJob) => this.map(items, toJob), jobs, onResult);
  }

  /** Back-pressured mapping (at most size x IN_FLIGHT_PER_WORKER in flight), results in completion order with the item's index. */
  map<T>(items: Iterable<T>, toJob: (item: T, index: number) => SandboxJob): AsyncGenerator<{ index: number; item: T; result: JobResult }> {
    return mapJobs((job) => this.run(job), this.size * IN_FLIGHT_PER_WORKER, items, toJob);
  }

  /** Stop all workers; queued jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    this.queuedBySeed.clear();
    for (const p of this.queue.splice(0)) p.reject(new ToolError('the sandbox pool was closed'));
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.dead) return resolve();
            w.proc.once('exit', () => resolve());
            w.proc.stdin.end();
            setTimeout(() => w.kill(), 2_000).unref();
          }),
      ),
    );
    this.workers.length = 0;
  }

  private brokenError(): ToolError {
    return new ToolError(`sandbox workers fail to start: ${this.brokenReason}`, {
      hint: 'check the interpreter given with --python, or run with --isolation none to rule out bubblewrap/unshare',
    });
  }

  private spawnWorker(seed: number): void {
    this.stats.workersStarted++;
    const w = new Worker(
      this.commandFor(seed),
      seed,
      (worker) => {
        this.startFailures = 0;
        if (this.subreaper === undefined && worker.info) this.subreaper = worker.info.subreaper;
        if (this.confinement === undefined && worker.info?.confinement) this.confinement = worker.info.confinement;
        this.dispatch();
      },
      (worker, startedOk, stderr, notStarted) => {
        const i = this.workers.indexOf(worker);
        if (i >= 0) this.workers.splice(i, 1);
        if (notStarted !== undefined) {
          this.stats.jobs--; // counted when it was sent ahead; it never started
          if (this.closed) notStarted.reject(new ToolError('the sandbox pool was closed'));
          else this.enqueue(notStarted, true);
        }
        if (this.closed) return;
        if (!startedOk) {
          this.startFailures++;
          if (this.startFailures >= MAX_CONSECUTIVE_START_FAILURES) {
            this.brokenReason = lastLine(stderr) || 'the worker exited before it was ready';
            const err = this.brokenError();
            this.queuedBySeed.clear();
            for (const p of this.queue.splice(0)) p.reject(err);
            return;
          }
        } else {
          this.stats.workersReplaced++;
        }
        this.dispatch();
      },
    );
    this.workers.push(w);
  }

  private dispatch(): void {
    if (this.closed || this.brokenReason) return;
    // Give each idle worker the first queued job with its seed; then send busy workers their next job ahead.
    for (const ahead of [false, true]) {
      for (const w of this.workers) {
        if (this.queue.length === 0) return;
        if (!(ahead ? w.canTakeAhead : w.idle)) continue;
        const p = this.take(w.seed);
        if (p === undefined) continue;
        this.stats.jobs++;
        w.run(p, this.defaults);
      }
    }
    if (this.queue.length === 0) return;
    // Seeds still waiting (in the order they were first queued), minus those a live worker serves.
    const serving = new Set(this.workers.map((w) => w.seed));
    const wanted = [...this.queuedBySeed.keys()].filter((seed) => !serving.has(seed));
    for (const seed of wanted.length > 0 ? wanted : [this.queue[0].seed]) {
      if (this.workers.length < this.size) {
        this.spawnWorker(seed);
        continue;
      }
      // Recycle an idle worker whose seed nobody is waiting for.
      const spare = this.workers.find((w) => w.idle && !this.queuedBySeed.has(w.seed));
      if (!spare) break;
      const i = this.workers.indexOf(spare);
      this.workers.splice(i, 1);
      spare.proc.stdin.end();
      spare.kill();
      this.spawnWorker(seed);
    }
    // More workers for the queue's seeds while below size.
    while (this.workers.length < this.size && this.queue.length > this.workers.filter((w) => !w.idle).length) {
      this.spawnWorker(this.queue[Math.min(this.queue.length - 1, this.workers.length)].seed);
    }
  }
}

/** Convenience: create a pool. Call `close()` when done. */
export function createSandboxPool(options: SandboxPoolOptions = {}): SandboxPool {
  return SandboxPool.create(options);
}
