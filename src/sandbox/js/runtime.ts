/**
 * The JavaScript runtime: long-lived worker processes (worker.ts), each running one job at a time in a fresh QuickJS
 * runtime, so a job costs an interpreter runtime, not a node start-up. Shaped like the sandbox's language-neutral
 * runtime (job in, verdict out, isolation info, close).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { ToolError } from '../../errors.js';
import { resolvePython } from '../../python/interpreter.js';
import { removeAtDeath } from '../scratch.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { hiddenAncestors, type IsolationInfo } from '../isolation.js';
import { IN_FLIGHT_PER_WORKER, mapJobs, runAllJobs, type Runtime, type RuntimeInfo } from '../runtime.js';
import type { JobResult, SandboxJob, Verdict } from '../types.js';
import { probeJsIsolation } from './probe.js';
import { jsVerdict } from './verdict.js';
import { WORKER_SCRATCH_ENV, type WorkerReply, type WorkerRequest } from './protocol.js';
import type { JsJob, JsLimits, JsResult } from './types.js';
import { workerConfined, workerNotes, type WorkerConfinement } from './worker-probe.js';

/**
 * Interrupt polls per job: about 3 s of interpretation of a tight loop on an idle core (QuickJS polls every 10,000
 * calls and backward jumps; measured ~0.15 ms a poll there), the timeout HumanEval-X's harness gives node. A loop
 * whose turns call library functions costs far more a poll (WORST_MS_PER_POLL).
 */
export const DEFAULT_JS_WORK_BUDGET = 20_000;
/** Heap per job: far above any HumanEval-X reference (all use under 1 MB) and small enough to fail fast. */
export const DEFAULT_JS_MEMORY_BYTES = 64 * 1024 * 1024;
/** Interpreter stack per job: node's default stack allows ~10,000 frames; this allows a few thousand. */
export const DEFAULT_JS_STACK_BYTES = 1024 * 1024;
/** Output kept per job; the verdict only needs to know that something was written. */
export const DEFAULT_JS_OUTPUT_BYTES = 64 * 1024;
/** Heap of a worker process (node's own, outside the interpreter's), in MB. */
const WORKER_HEAP_MB = 256;
/**
 * RLIMIT_DATA of a worker process (set by the launcher): the interpreter's linear memory bound (512 MB), node's heap
 * cap (256 MB) and node itself (a worker with a full linear memory had 600-680 MB of data mappings in all) with room,
 * so that it never decides a job's end but stops anything the other bounds missed (V8 and the interpreter take it as
 * an allocation failure: a job's growth refused under it ended as memory, measured with prlimit).
 */
export const WORKER_DATA_LIMIT_BYTES = 1280 * 1024 * 1024;
/**
 * V8 stack of a worker, in KB: the interpreter's own stack limit must be reached before node's (default ~984 KB),
 * whose overflow would take the instance down; 3000 KB stays well inside the 8 MB main-thread stack.
 */
const WORKER_STACK_KB = 3000;
/**
 * A job that has not answered after this long means the worker is broken, not that the program is slow (the work
 * budget stops programs): the worker is replaced and the job is a tool error, never a finding. A job whose budget
 * may take longer gets its budget's worst case instead (`stallMsFor`).
 */
const WORKER_STALL_MS = 120_000;
/**
 * Slowest interrupt poll measured: QuickJS counts a tick per call and backward jump, so a poll stands for 10,000
 * loop turns whatever they do; HumanEval/32's bisection (a reduce over Math.pow per turn) took 23 ms a poll on a
 * loaded machine, a bare loop 0.06-0.6 ms.
 */
const WORST_MS_PER_POLL = 30;

/** How long a job may go unanswered before its worker counts as broken: never less than its budget's worst case. */
export function stallMsFor(limits: JsLimits | undefined): number {
  // A malformed job (no limits: the worker rejects it) gets the plain guard.
  const budget = limits?.workBudget;
  return typeof budget === 'number' && Number.isFinite(budget) ? Math.max(WORKER_STALL_MS, budget * WORST_MS_PER_POLL) : WORKER_STALL_MS;
}

export const DEFAULT_JS_LIMITS: JsLimits = {
  workBudget: DEFAULT_JS_WORK_BUDGET,
  memoryBytes: DEFAULT_JS_MEMORY_BYTES,
  stackBytes: DEFAULT_JS_STACK_BYTES,
  outputBytes: DEFAULT_JS_OUTPUT_BYTES,
};

/** What confines a job: the interpreter itself (no file, network, process or module API), and the worker's limits. */
export interface JsIsolationInfo {
  mode: 'quickjs-wasm';
  networkIsolated: true;
  filesystem: 'none';
  processLimit: true;
  notes: string[];
}

export const JS_ISOLATION: JsIsolationInfo = {
  mode: 'quickjs-wasm',
  networkIsolated: true,
  filesystem: 'none',
  processLimit: true,
  notes: [
    'jobs run in QuickJS compiled to WebAssembly: the interpreter offers no file, network, process or module API',
    'the engine is QuickJS, not V8: behaviour the language leaves to the implementation (sort with an inconsistent comparator) may differ from node',
    'an unhandled promise rejection is not seen (node would print it and fail the job); no HumanEval-X program uses promises',
  ],
};

/** What node and V8 print when a worker dies for want of memory (its own heap cap, or an allocation the system refused). */
const WORKER_OUT_OF_MEMORY = /out of memory|Reached heap limit|Allocation failed|Cannot enlarge memory/i;

/**
 * The result of a job whose worker died under it: out of memory when the worker's own last words say so (its stderr
 * is the host's channel, never the program's), else a crash.
 */
function crashedResult(message: string, workerStderr = ''): JsResult {
  return {
    end: WORKER_OUT_OF_MEMORY.test(workerStderr) ? { kind: 'memory' } : { kind: 'crashed', message },
    official: 'failed',
    asserts: [],
    unnumberedAsserts: { calls: 0, falsy: 0 },
    stdout: '',
    stderr: `${message}\n`,
    work: 0,
  };
}

/** The package's root (src/sandbox/js/ or dist/sandbox/js/ is three levels below it). */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Where the worker's source is bundled when running from source: beside the node_modules its imports resolve in. */
const SOURCE_BUNDLE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'bench-audit-js-worker');

/** The subset of esbuild's API used to bundle the worker from source. */
interface EsbuildSync {
  buildSync(options: Record<string, unknown>): { outputFiles: { contents: Uint8Array }[] };
}

let sourceBundle: string | undefined;

/**
 * Running from source (tests): the worker's TypeScript bundled once per process into one ES module, its packages left
 * as imports. tsx cannot load it in the worker, which may not start processes (tsx runs esbuild as a child).
 */
function bundledWorker(source: string): string {
  if (sourceBundle !== undefined && existsSync(sourceBundle)) return sourceBundle;
  const esbuild = createRequire(import.meta.url)('esbuild') as EsbuildSync;
  const out = esbuild.buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', write: false });
  const code = out.outputFiles[0]!.contents;
  // Named by content: concurrent test processes write the same bytes, atomically.
  const path = join(SOURCE_BUNDLE_DIR, `worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(path)) writeFileAtomic(path, code, { mkdir: true });
  sourceBundle = path;
  return path;
}

/** The worker's module and the tree it loads (what the launcher lets it read). */
function workerEntry(): { path: string; tree: string } {
  const js = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(js)) return { path: js, tree: dirname(dirname(dirname(js))) };
  return { path: bundledWorker(fileURLToPath(new URL('./worker.ts', import.meta.url))), tree: SOURCE_BUNDLE_DIR };
}

/** The confinement launcher (python/js_launcher.py, beside the Python sandbox's confine*.py it imports). */
const LAUNCHER = fileURLToPath(new URL('../python/js_launcher.py', import.meta.url));

/** The node_modules folder holding a resolved file (where the worker's dependencies are installed). */
function nodeModulesOf(file: string): string | undefined {
  const at = file.lastIndexOf(`${sep}node_modules${sep}`);
  return at < 0 ? undefined : file.slice(0, at + `${sep}node_modules`.length);
}

/**
 * What the worker reads besides node and the system libraries: the tree it runs, the node_modules its imports resolve
 * in, and the package.json that tells node the tree is ES modules.
 */
function workerReadPaths(tree: string): string[] {
  const modules = [import.meta.resolve('@jitl/quickjs-wasmfile-release-sync'), import.meta.resolve('quickjs-emscripten-core')];
  const found = new Set([tree, join(PACKAGE_ROOT, 'package.json')]);
  for (const m of modules) {
    const dir = nodeModulesOf(fileURLToPath(m));
    if (dir !== undefined) found.add(dir);
  }
  return [...found].filter((p) => existsSync(p));
}

/** Private uids a root audit's workers run as: the Python sandbox's range (server.py), far from any real account. */
const PRIVATE_UID_MIN = 1_000_000;
const PRIVATE_UID_MAX = 2_000_000_000;
/** Files the worker reads by name (besides the trees): node and OpenSSL's configuration (js_launcher.py). */
const NODE_FILES = [process.execPath, '/etc/ssl/openssl.cnf'];

/** Whether a uid other than the audit's could load the worker: every path readable, every ancestor traversable by others. */
function othersCanLoad(paths: string[]): boolean {
  const dirs = paths.filter((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory());
  const files = paths.filter((p) => !dirs.includes(p) && existsSync(p));
  const seen = hiddenAncestors([...dirs, ...files.map((f) => dirname(f))]);
  return seen.hide.length === 0 && seen.unreadable.length === 0 && files.every((f) => (statSync(f).mode & 0o004) !== 0);
}

/** How a worker is started: through the launcher when a Python 3 runs it, else node directly (the record says so). */
function workerLaunch(tree: string, scratch: string): { execPath: string; execArgv: string[] } {
  let python: string | undefined;
  try {
    python = resolvePython().executable;
  } catch {
    python = undefined;
  }
  if (python === undefined || !existsSync(LAUNCHER)) return { execPath: process.execPath, execArgv: [] };
  const readPaths = workerReadPaths(tree);
  const reads = readPaths.flatMap((p) => ['--read', p]);
  // As root, a private uid (as Python jobs get): without Landlock, uid 0 would still own the host's files.
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const uid = root && othersCanLoad([...readPaths, ...NODE_FILES]) ? ['--uid', String(randomInt(PRIVATE_UID_MIN, PRIVATE_UID_MAX))] : [];
  // fork runs `execPath ...execArgv modulePath`: python runs the launcher, which execs node on the rest.
  return { execPath: python, execArgv: [LAUNCHER, '--scratch', scratch, ...uid, '--data-limit', String(WORKER_DATA_LIMIT_BYTES), ...reads, '--', process.execPath] };
}

/** A job waiting for a worker, or sent to one. */
interface Queued {
  job: JsJob;
  resolve: (r: JsResult) => void;
  reject: (e: Error) => void;
}

/**
 * Jobs sent to a worker at once: the one it runs and the next, waiting in its IPC channel, so it starts the next
 * without a round trip through the host (the Python pool sends one ahead the same way).
 */
const SENT_PER_WORKER = 2;

/** What a worker asks of the runtime that feeds it. */
interface WorkerHost {
  started(): void;
  /** Jobs sent to a worker that will never run them (it retired or died first): back to the front of the queue. */
  requeue(jobs: Queued[]): void;
  /** The worker could not start: the runtime cannot run jobs. */
  startFailed(error: ToolError): void;
  /** The worker can take jobs. */
  dispatch(): void;
  /** What a starting worker's own probes found it can do. */
  confined(record: WorkerConfinement): void;
}

class Worker {
  private child: ChildProcess | undefined;
  private ready = false;
  /** Jobs sent to the live child, in the order it runs them: the first is running. */
  private sent: { id: number; queued: Queued }[] = [];
  private nextId = 0;
  private stall: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly cwd: string;

  constructor(private readonly host: WorkerHost) {
    this.cwd = mkdtempSync(join(tmpdir(), 'bench-audit-js-'));
    removeAtDeath(this.cwd);
  }

  /** Send it queued jobs up to SENT_PER_WORKER, starting a process first if it has none. */
  take(queue: Queued[]): void {
    if (this.closed || queue.length === 0) return;
    if (!this.child) return this.start();
    if (!this.ready) return;
    while (this.sent.length < SENT_PER_WORKER && queue.length > 0) this.send(queue.shift()!);
  }

  private send(queued: Queued): void {
    const id = this.nextId++;
    this.sent.push({ id, queued });
    if (this.sent.length === 1) this.armStall();
    this.child!.send({ id, job: queued.job } satisfies WorkerRequest);
  }

  /** The job at the head has this long to answer (each reply restarts the clock for the next). */
  private armStall(): void {
    clearTimeout(this.stall);
    this.stall = undefined;
    if (this.sent.length === 0) return;
    const ms = stallMsFor(this.sent[0].queued.job.limits);
    this.stall = setTimeout(() => {
      const head = this.sent.shift();
      this.drop()?.kill('SIGKILL');
      head?.queued.reject(new ToolError(`the JavaScript worker did not answer within ${ms} ms; it was replaced`));
      this.host.dispatch();
    }, ms);
  }

  /** Forget the current process (it exits or is killed); the jobs it never started go back to the queue. */
  private drop(): ChildProcess | undefined {
    const child = this.child;
    this.child = undefined;
    this.ready = false;
    clearTimeout(this.stall);
    this.stall = undefined;
    const unstarted = this.sent.splice(0).map((s) => s.queued);
    if (unstarted.length > 0) this.host.requeue(unstarted);
    return child;
  }

  private start(): void {
    this.host.started();
    const entry = workerEntry();
    const launch = workerLaunch(entry.tree, this.cwd);
    const child = fork(entry.path, [], {
      cwd: this.cwd,
      execPath: launch.execPath,
      // Own session and process group: a terminal's Ctrl-C reaches only the CLI. The worker ends
      // (removing its scratch) when the IPC channel closes, however the CLI ended.
      detached: true,
      // A scrubbed environment: the interpreter cannot read it, and the worker needs none of it but its scratch's path.
      env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: '', [WORKER_SCRATCH_ENV]: this.cwd },
      execArgv: [...launch.execArgv, `--max-old-space-size=${WORKER_HEAP_MB}`, `--stack-size=${WORKER_STACK_KB}`],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    this.ready = false;
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('message', (m: WorkerReply) => {
      if (this.child !== child) return;
      if (m.id === -1) {
        this.ready = true;
        if ('confinement' in m) this.host.confined(m.confinement);
        return this.host.dispatch();
      }
      const head = this.sent[0];
      if (head === undefined || head.id !== m.id) return;
      this.sent.shift();
      if (m.ok && 'result' in m) {
        // A retiring worker runs nothing more: what was sent after this job goes to its successor.
        if (m.retiring) this.drop();
        else this.armStall();
        head.queued.resolve(m.result);
      } else {
        this.drop();
        head.queued.reject(new ToolError(`the JavaScript worker failed: ${m.ok ? 'no result' : m.message}`));
      }
      this.host.dispatch();
    });
    const lost = (why: string) => {
      // A retired, replaced or closed worker's exit concerns no job.
      if (this.child !== child) return;
      const detail = `the JavaScript worker ${why}${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`;
      if (!this.ready) {
        this.drop();
        return this.host.startFailed(new ToolError(detail));
      }
      // The job it was running took it down: that job's outcome, not the audit's failure.
      const head = this.sent.shift();
      this.drop();
      head?.queued.resolve(crashedResult(detail, stderr));
      this.host.dispatch();
    };
    // 'close', not 'exit': it comes after stderr is drained, so a death's last words (out of memory) are read.
    child.on('close', (code, signal) => lost(`exited (${signal ?? code})`));
    child.on('error', (error) => lost(`could not run (${error.message})`));
  }

  close(): void {
    this.closed = true;
    const sent = this.sent.splice(0);
    this.drop()?.kill('SIGKILL');
    for (const s of sent) s.queued.reject(new ToolError('the JavaScript runtime was closed'));
    rmSync(this.cwd, { recursive: true, force: true });
  }
}

/** The file name node is given by the HumanEval-X harness (`test.js`). */
const HARNESS_FILENAME = 'test.js';

/**
 * Interrupt polls per millisecond of a job's time limit: QuickJS polled 2-7 times a millisecond on this project's
 * machines (loaded to idle), so the low end keeps a program that node runs within the limit under it.
 */
export const JS_POLLS_PER_MS = 2;

/** The work budget (interrupt polls) standing for a time limit in milliseconds. */
export function workBudgetFor(limitMs: number): number {
  return Math.max(1, Math.round(limitMs * JS_POLLS_PER_MS));
}

export interface JsRuntimeOptions {
  workers?: number;
  /** Time limit of a tests job that sets none (it becomes a work budget: `workBudgetFor`). */
  timeoutMs?: number;
}

/** The QuickJS build that runs the jobs (its package's version). */
function quickJsVersion(): string {
  try {
    const pkg: unknown = createRequire(import.meta.url)('@jitl/quickjs-wasmfile-release-sync/package.json');
    const version = (pkg as { version?: unknown }).version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The JavaScript runtime behind `Runtime`: script jobs (a program with the runtime's own limits, the JavaScript
 * checks' jobs) and tests jobs whose tests are a script (model samples): the candidate, then the test script as a
 * second script, in strict mode (console, the assert hook and the intrinsics frozen), the verdict decided by the host
 * from what it counted. Results in job order, whatever worker ran them; a worker that dies is restarted for the next job.
 */
export class JsRuntime implements Runtime {
  readonly language = 'javascript';
  readonly size: number;
  readonly stats = { jobs: 0, workersStarted: 0, workersReplaced: 0 };
  private readonly workers: Worker[];
  /** Jobs no worker has been sent yet, first come first served. */
  private readonly queue: Queued[] = [];
  private readonly timeoutMs: number;
  private closed = false;
  private measuring: Promise<IsolationInfo> | undefined;
  private measured: IsolationInfo | undefined;
  /** The workers' own probes: the first that found the worker not confined, else the latest. */
  private workerRecord: WorkerConfinement | undefined;

  constructor(options: JsRuntimeOptions = {}) {
    this.size = Math.max(1, options.workers ?? 1);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_JS_WORK_BUDGET / JS_POLLS_PER_MS;
    const host: WorkerHost = {
      started: () => {
        this.stats.workersStarted += 1;
        if (this.stats.workersStarted > this.size) this.stats.workersReplaced += 1;
      },
      requeue: (jobs) => this.queue.unshift(...jobs),
      startFailed: (error) => {
        for (const q of this.queue.splice(0)) q.reject(error);
      },
      dispatch: () => this.dispatch(),
      confined: (record) => {
        if (this.workerRecord === undefined || workerConfined(this.workerRecord)) this.workerRecord = record;
      },
    };
    this.workers = Array.from({ length: this.size }, () => new Worker(host));
  }

  /** The isolation record: measured when measureIsolation() has run, else the plan (probed: false). */
  get isolation(): IsolationInfo {
    return this.measured ?? withWorker(planned(), this.workerRecord);
  }

  /** One JavaScript program, as the runtime's raw record. */
  runScript(job: JsJob): Promise<JsResult> {
    if (this.closed) return Promise.reject(new ToolError('the JavaScript runtime is closed'));
    // Checked here too: a job may come from outside the type system (a checkpoint, another caller's cast).
    if (job.mode === 'strict' && typeof job.tests !== 'string') {
      return Promise.reject(new ToolError('a strict JavaScript job needs its test script apart from the program', { hint: 'in one file the program can redefine what the tests call; pass tests, or run the file in official mode' }));
    }
    this.stats.jobs += 1;
    return new Promise<JsResult>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** Whichever worker has room takes the next queued job, so a slow worker holds up no other. */
  private dispatch(): void {
    for (const w of this.workers) {
      if (this.queue.length === 0) return;
      w.take(this.queue);
    }
  }

  async run(job: SandboxJob): Promise<JobResult> {
    if (job.kind === 'script') {
      const started = performance.now();
      const raw = await this.runScript(job.script);
      return toJobResult(raw, jsVerdict(raw), performance.now() - started);
    }
    if (job.kind === 'tests' && job.tests.kind === 'script') {
      const limitMs = job.cpuLimitMs ?? job.timeoutMs ?? this.timeoutMs;
      const limits = { ...DEFAULT_JS_LIMITS, workBudget: workBudgetFor(limitMs) };
      const raw = await this.runScript({ source: job.program.candidate, tests: job.tests.code, filename: HARNESS_FILENAME, seed: job.hashSeed ?? 0, limits, mode: 'strict' });
      // The counted work on the time limit's scale: deterministic, unlike a wall time.
      return toJobResult(raw, jsVerdict(raw, [], 'host', job.tests.code), (raw.work / limits.workBudget) * limitMs);
    }
    throw new ToolError(`the JavaScript runtime cannot run a ${job.kind} job${job.kind === 'tests' ? ` with ${job.tests.kind} tests` : ''}`, {
      hint: 'it runs script jobs and tests jobs whose tests are a script; call and examples jobs are Python runtime jobs',
    });
  }

  /** Jobs with bounded in-flight work; results in input order. `onResult` sees each as it completes. */
  runAll(jobs: readonly SandboxJob[], onResult?: (result: JobResult, index: number) => void): Promise<JobResult[]> {
    return runAllJobs((items, toJob) => this.map(items, toJob), jobs, onResult);
  }

  /** Back-pressured mapping (at most size x IN_FLIGHT_PER_WORKER in flight), results in completion order with the item's index. */
  map<T>(items: Iterable<T>, toJob: (item: T, index: number) => SandboxJob): AsyncGenerator<{ index: number; item: T; result: JobResult }> {
    return mapJobs((job) => this.run(job), this.size * IN_FLIGHT_PER_WORKER, items, toJob);
  }

  /** Run the probe jobs once (what a hostile program would try) and keep the record for info(). */
  measureIsolation(): Promise<IsolationInfo> {
    this.measuring ??= probeJsIsolation((job) => this.run(job), planned(), this.size).then(
      // The probe jobs started the workers: their own probes' answers are in by now.
      (info) => (this.measured = withWorker(info, this.workerRecord)),
    );
    return this.measuring;
  }

  info(): RuntimeInfo {
    return {
      language: this.language,
      interpreter: { name: 'quickjs (quickjs-emscripten, WebAssembly)', version: quickJsVersion() },
      workers: this.size,
      isolation: this.isolation,
      // No job starts a process: there are no orphans to re-parent.
      subreaper: undefined,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.reject(new ToolError('the JavaScript runtime was closed'));
    for (const w of this.workers) w.close();
  }
}

/** The isolation before the probe has run: the plan, not a measurement (a caller that needs proof measures). */
function planned(): IsolationInfo {
  return {
    mode: 'quickjs-wasm',
    networkIsolated: true,
    filesystem: 'host',
    pidNamespace: true,
    uidDropped: false,
    processLimit: true,
    notes: [...JS_ISOLATION.notes, 'not yet measured: the probe jobs have not run'],
    probed: false,
  };
}

/** The isolation record with what the worker processes' own probes found (the layer under the interpreter). */
function withWorker(info: IsolationInfo, record: WorkerConfinement | undefined): IsolationInfo {
  if (record === undefined) return { ...info, notes: [...info.notes, 'no worker has started: the worker process\'s OS-level confinement is not measured'] };
  // The uid the worker measured, and the private one the launcher was asked for: the same and not root.
  const uidDropped = record.uid !== 0 && record.launcher !== null && record.launcher.uid === record.uid;
  return { ...info, uidDropped, confinement: { ...info.confinement, worker: record, workerConfined: workerConfined(record) }, notes: [...info.notes, ...workerNotes(record)] };
}

function toJobResult(raw: JsResult, verdict: Verdict, durationMs: number): JobResult {
  return {
    verdict,
    outputs: [],
    stdout: raw.stdout,
    stderr: raw.stderr,
    stdoutTruncated: raw.end.kind === 'output-limit',
    stderrTruncated: raw.end.kind === 'output-limit',
    durationMs: Math.round(durationMs),
    leftoverProcesses: 0,
    script: raw,
  };
}

/** Runs one JavaScript program and returns the runtime's raw record (the JavaScript checks' view of a runtime). */
export interface JsScriptRunner {
  run(job: JsJob): Promise<JsResult>;
}

/** A runtime's script jobs as raw records: what the JavaScript checks read (asserts seen, work done). */
export function scriptRunner(runtime: Runtime): JsScriptRunner {
  return {
    run: async (job) => {
      const result = await runtime.run({ kind: 'script', script: job });
      if (result.script === undefined) throw new ToolError(`the ${runtime.language} runtime returned no script record for a script job`);
      return result.script;
    },
  };
}
