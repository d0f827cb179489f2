/**
 * The JavaScript runtime's jobs and verdicts: data only. A job is a whole program (the candidate followed by the
 * benchmark's test script); the verdict is decided by the host from what it observed, never from a value the
 * program returns.
 */

/** Limits of one job. Work is counted in interpreter interrupt polls, so a timeout does not depend on the machine. */
export interface JsLimits {
  /** Interrupt polls before the job is stopped (QuickJS polls every 10,000 function calls and backward jumps). */
  workBudget: number;
  /** Heap the job may allocate, in bytes. */
  memoryBytes: number;
  /** Interpreter stack, in bytes (deep recursion raises a RangeError as it does in node). */
  stackBytes: number;
  /** stdout + stderr bytes kept; writing more stops the job. */
  outputBytes: number;
}

/** Instead of a call, `console.assert` reports to the host which site it is (sites numbered by the instrumenter). */
interface JsJobBase {
  /** The program: candidate, then the test script (with `__benchAuditAssert(site, cond, ...)` calls, if instrumented). */
  source: string;
  /** File name shown in stack traces. */
  filename: string;
  /** Seeds `Math.random` so a repeat under another seed can reveal a flaky reference. */
  seed: number;
  limits: JsLimits;
  /**
   * Coverage probes of an instrumented program (src/javascript/coverage.ts): the job defines the hook that counts
   * them, and the counts come back in `coverage`. The program can call the hook itself; it cannot reach the counts.
   */
  coverageProbes?: number;
}

/**
 * `official`: the globals as node has them (a program may replace `console.assert`, as it can under the benchmark's
 * harness). `strict`: the assert hook and `console` cannot be replaced and the intrinsics the tests use (JSON,
 * Math, Object, Array, String, Number prototypes) are frozen before the program runs, and the test script is always
 * apart from the program: in one file a program can shadow or redefine every name the tests call (QuickJS lets
 * `Object.defineProperty` redefine even a non-configurable global), so a one-file job cannot be strict.
 */
export type JsJob = JsJobBase &
  (
    | {
        mode: 'official';
        /**
         * The test script, run as a second script in the same global scope once `source` has run to its end, so that
         * the program cannot swallow it (an unclosed comment or template literal in one file would); unset: `source` is
         * the whole file, as the benchmark's harness writes it.
         */
        tests?: string;
      }
    | {
        mode: 'strict';
        /** The test script, run with the console, assert hook and intrinsics it started with, bound as parameters. */
        tests: string;
      }
  );

/** What one assert site saw: how often it ran, and how often its condition was falsy. */
export interface AssertSiteRecord {
  site: number;
  calls: number;
  falsy: number;
}

/**
 * How the job ended, decided by the host.
 * - `completed`: the program ran to its end (pending promise jobs included).
 * - `uncaught`: an exception left the program (node prints it to stderr and exits 1).
 * - `timeout`: the work budget ran out. `memory`: the heap limit was hit and not recovered from.
 * - `output-limit`: the program wrote more than the output limit.
 * - `crashed`: the interpreter or its worker failed while running the program; the worker is replaced.
 */
export type JsEnd =
  | { kind: 'completed' }
  | { kind: 'uncaught'; message: string }
  | { kind: 'timeout' }
  | { kind: 'memory' }
  | { kind: 'output-limit' }
  /** The interpreter itself failed under the program (the host's stack or the worker process gave out). */
  | { kind: 'crashed'; message: string };

/**
 * The HumanEval-X harness's verdict (CodeGeeX `execution.py`): node runs the file; any byte on stderr, else any byte
 * on stdout, is a failure; otherwise it passed. The exit code is not read.
 */
export type OfficialVerdict = 'passed' | 'failed' | 'timed-out';

export interface JsResult {
  end: JsEnd;
  official: OfficialVerdict;
  /** Per assert site (instrumented programs only), by site number. */
  asserts: AssertSiteRecord[];
  /** Calls to `console.assert` the instrumenter did not number (a program calling it another way). */
  unnumberedAsserts: {
    calls: number;
    falsy: number;
    /** Jobs with a separate test script: the script's 1-based line of the first falsy call, when the tests made it. */
    firstFalsyLine?: number;
  };
  stdout: string;
  stderr: string;
  /** Interrupt polls used: a deterministic measure of the work done. */
  work: number;
  /** Times each coverage probe ran, by probe number (jobs with `coverageProbes`, when the run did not crash). */
  coverage?: number[];
}
