/**
 * The seam between the checks and untrusted code: a Runtime takes jobs (a program, its tests or
 * the calls to make) and returns verdicts as data, says how its jobs are isolated, and closes.
 * The checks reach untrusted code only through this interface, so a language is added by adding a
 * runtime (see runtimes.ts), not by changing a check.
 */
import type { IsolationInfo } from './isolation.js';
import type { JobResult, SandboxJob } from './types.js';

export interface RuntimeInfo {
  /** The language of the jobs. */
  language: string;
  /** The interpreter that runs the jobs (Python: the executable; JavaScript: the QuickJS build). */
  interpreter: { name: string; version: string; executable?: string };
  /** Python runtimes: the interpreter (field kept from the Python-only report block). */
  python?: { executable: string; version: string };
  workers: number;
  isolation: IsolationInfo;
  /** Whether orphans of a job are re-parented to the worker (so none outlives its job). */
  subreaper: boolean | undefined;
}

export interface RuntimeStats {
  jobs: number;
  workersStarted: number;
  workersReplaced: number;
}

export interface Runtime {
  /** The language of the programs it runs ('python', 'javascript'). */
  readonly language: string;
  /** Jobs it runs at once. */
  readonly size: number;
  readonly isolation: IsolationInfo;
  /** Counters for the run block. */
  readonly stats: RuntimeStats;
  /**
   * One job; resolves with its result (never rejects for anything the program does). Python runs tests, call and
   * examples jobs; JavaScript runs script jobs and tests jobs whose tests are a script. Another job kind rejects.
   */
  run(job: SandboxJob): Promise<JobResult>;
  /** Jobs with bounded in-flight work; results in input order. */
  runAll(jobs: readonly SandboxJob[], onResult?: (result: JobResult, index: number) => void): Promise<JobResult[]>;
  /** Back-pressured mapping, results in completion order with the item's index. */
  map<T>(items: Iterable<T>, toJob: (item: T, index: number) => SandboxJob): AsyncGenerator<{ index: number; item: T; result: JobResult }>;
  /** Run a probe job that tries what a hostile program would (write or read outside, network, signals, ...) and record what it could do. */
  measureIsolation(): Promise<IsolationInfo>;
  info(): RuntimeInfo;
  close(): Promise<void>;
}

/** Jobs in flight per worker in `runAll`/`map`: one running plus one queued keeps workers busy. */
export const IN_FLIGHT_PER_WORKER = 2;

/**
 * Back-pressured mapping shared by the runtimes: pulls items lazily (at most `limit` in flight), yields results in
 * completion order with the item's index. Suited to many thousands of jobs (mutants).
 */
export async function* mapJobs<T>(
  run: (job: SandboxJob) => Promise<JobResult>,
  limit: number,
  items: Iterable<T>,
  toJob: (item: T, index: number) => SandboxJob,
): AsyncGenerator<{ index: number; item: T; result: JobResult }> {
  const iterator = items[Symbol.iterator]();
  const inFlight = new Map<number, Promise<{ index: number; item: T; result: JobResult }>>();
  let index = 0;
  let exhausted = false;
  const fill = () => {
    while (!exhausted && inFlight.size < limit) {
      const next = iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const i = index++;
      const item = next.value;
      inFlight.set(i, run(toJob(item, i)).then((result) => ({ index: i, item, result })));
    }
  };
  fill();
  while (inFlight.size > 0) {
    const done = await Promise.race(inFlight.values());
    inFlight.delete(done.index);
    fill();
    yield done;
  }
}

/** `mapJobs` collected in input order; `onResult` sees each result as it completes. */
export async function runAllJobs(
  map: (items: Iterable<SandboxJob>, toJob: (job: SandboxJob) => SandboxJob) => AsyncGenerator<{ index: number; result: JobResult }>,
  jobs: readonly SandboxJob[],
  onResult?: (result: JobResult, index: number) => void,
): Promise<JobResult[]> {
  const results = new Array<JobResult>(jobs.length);
  for await (const { index, result } of map(jobs, (j) => j)) {
    results[index] = result;
    onResult?.(result, index);
  }
  return results;
}
