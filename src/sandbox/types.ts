/**
 * Jobs and verdicts of the sandbox. A job is one forked run of untrusted Python inside a pool
 * worker; its verdict is decided by the oracle, a process apart from the program (see python/test_harness.py), never by the program.
 */
import type { SandboxReason } from '../model/types.generated.js';
import type { JsJob, JsResult } from './js/types.js';

/** The program under test: a candidate solution plus what the benchmark runs around it. */
export interface ProgramSpec {
  /** Standalone source defining the entry point (reference solution, mutant, model sample). */
  candidate: string;
  /** Benchmark setup code run after the candidate (MBPP `test_setup_code`). */
  setup?: string;
  /** Import lines run before the candidate (MBPP sanitized `test_imports`). */
  imports?: string[];
  /**
   * Benchmark code defining functions the tests call besides the entry point (HumanEval's prompt:
   * `poly` for find_zero, `encode_cyclic` for decode_cyclic). Run in the oracle, so that a program
   * cannot redefine what the tests check it with; ignored when it does not run.
   */
  helpers?: string;
}

/** Per-job limits; unset fields take the pool's defaults. */
export interface JobLimits {
  timeoutMs?: number;
  /** Address-space limit (RLIMIT_AS); 0 disables it. */
  memoryBytes?: number;
  /**
   * PYTHONHASHSEED of the interpreter that runs the job. Fixed per worker process, so the pool
   * routes the job to (or starts) a worker with this seed.
   */
  hashSeed?: number;
}

export type TestsSpec =
  /**
   * `stage`: a function of the test code (the original check inside a strengthened one) whose return the oracle
   * reports, so that a timeout's `completed` (1 after it returned) tells whether the tests up to it passed.
   */
  | { kind: 'check-function'; code: string; checkFunction: string; stage?: string }
  /** `progress`: the oracle reports each assert that passed, so a timeout's `completed` counts them. */
  | { kind: 'assert-list'; asserts: string[]; progress?: boolean }
  /** A test script run after the candidate (HumanEval-X); for runtimes of languages whose tests are scripts. */
  | { kind: 'script'; code: string };

/** Run the tests against the candidate; stops at the first failing assert. */
export interface TestsJob extends JobLimits {
  kind: 'tests';
  program: ProgramSpec;
  entryPoint: string;
  tests: TestsSpec;
  /** Record executed lines and arcs of the candidate (sys.settrace). */
  coverage?: boolean;
  /**
   * CPU-time limit of the job's process (ITIMER_PROF, set right after the fork): exceeding it
   * is a `timeout` with reason `cpu-limit`. Unlike `timeoutMs` (wall clock, still in force),
   * machine load does not trip it, so it can be much tighter.
   */
  cpuLimitMs?: number;
  /**
   * Line events (sandbox/python/steps.py) the candidate's calls may execute in all, summed over the job: past
   * them the job is a `timeout` with reason `step-cap`, decided by the count (the same on any machine). Costly
   * (tracing): for rerunning the few jobs a CPU limit stopped. Ignored with `coverage` (one tracer at a time).
   */
  candidateSteps?: number;
  /**
   * Limits per call the tests make into the candidate (index = the call's place in order, from 0; every call
   * counts): a call `counted` names runs with the step counter under its cap and a CPU backstop; any other runs
   * untraced under `cpuMs[index]` (`cpuMsRest` past the list). What these cannot decide ends the job as a timeout
   * with `callStop` (an untraced call its CPU limit stopped or that used more; a counted call past its cap or its
   * backstop). `trace: false`: a call counted within its cap before, run untraced under its backstop (the same call
   * of a deterministic program). Set `cpuLimitMs` for the program's loading: the first call replaces that timer.
   * Not with `candidateSteps` or `coverage`.
   */
  callLimits?: { cpuMs: number[]; cpuMsRest: number; counted: { index: number; steps: number; backstopMs: number; trace?: false }[] };
}

/**
 * Call the entry point on each argument list and return the outputs (differential testing,
 * EvalPlus inputs). Outputs stream back, so a timeout still returns those completed before it.
 */
export interface CallJob extends JobLimits {
  kind: 'call';
  program: ProgramSpec;
  entryPoint: string;
  /**
   * Positional argument lists in typed form: JSON values, with tuples, sets, frozensets, dicts,
   * complex numbers, big ints and non-finite floats as one-key tags (`{tuple: [...]}`,
   * `{dict: [[k, v], ...]}`, `{complex: [re, im]}`, `{int: "digits"}`, `{float: "nan"}`).
   */
  inputs: unknown[][];
  /** Start at this input (resume after a timeout). */
  startIndex?: number;
  /** EvalPlus contract (assert lines); an input that violates it is reported, not called. */
  contract?: string;
  /**
   * Time limit per input (SIGALRM in the child): an input that exceeds it is reported as
   * `timeout` and the job goes on. `timeoutMs` still bounds the whole job.
   */
  perInputMs?: number;
  /** CPU-time limit per input (ITIMER_PROF), one number for all or one per input (0 = none); exceeding it is that input's `timeout`. */
  perInputCpuMs?: number | number[];
  /**
   * Count each call's Python line events (a deterministic work measure, sandbox/python/steps.py) and
   * end the call as a `timeout` with reason `step-cap` once it exceeds this many. Costly (tracing):
   * for the few inputs where work decides something.
   */
  perInputSteps?: number;
  /** Record executed lines and arcs of the candidate (sys.settrace); with `perInputSteps` the coverage tracer counts the steps. */
  coverage?: boolean;
  /** Add `digest` (of the typed encoding) to each returned output, for `expectDigests` later. */
  digests?: boolean;
  /** Expected digests aligned with `inputs`: an output with that digest comes back as `same`, without its value. */
  expectDigests?: (string | null)[];
  /** With `expectDigests`: end the job after the first output that is not `same` (returned otherwise, raised, timeout). */
  stopOnDifference?: boolean;
  /** With `expectDigests`: end the job after this many outputs that are not `same` (a wrong program run until it is killed N times). */
  stopAfterDifferences?: number;
  /** End the job after the returned output that brings the calls' total CPU time over this. */
  stopAfterCpuMs?: number;
}

/** Evaluate prompt examples (`call` expression vs `expected` expression or doctest text). */
export interface ExamplesJob extends JobLimits {
  kind: 'examples';
  program: ProgramSpec;
  /** `truthy`: compare truthiness only (a prompt's `assert f(x)` / `assert not f(x)`). */
  examples: { call: string; expected: string; truthy?: boolean }[];
  /** Absolute tolerance for floats (relative tolerance 1e-6 always applies). */
  atol?: number;
  /** CPU-time limit of the program's process, as for tests jobs. */
  cpuLimitMs?: number;
  /** Line events the candidate's calls may execute over all the examples, as for tests jobs: past them a `step-cap` timeout. */
  candidateSteps?: number;
}

/**
 * A whole program run as the benchmark's own harness runs it (JavaScript: node on one file), with the runtime's
 * native limits; its result carries the runtime's raw record (`script`). Only a script runtime runs it.
 */
export interface ScriptJob extends JobLimits {
  kind: 'script';
  script: JsJob;
}

export type SandboxJob = TestsJob | CallJob | ExamplesJob | ScriptJob;

export type Phase = 'imports' | 'candidate' | 'setup' | 'tests';

/** Why a job ended in error: the schema's reasons, except `cpu-limit` and `step-cap` (a timeout's). */
export type ErrorReason = Exclude<SandboxReason, 'cpu-limit' | 'step-cap'>;

export type Verdict =
  | { status: 'passed' }
  | {
      status: 'failed';
      phase: Phase;
      exception: string;
      message: string;
      /** assert-list: index and text of the first failing assert. */
      assertIndex?: number;
      assert?: string;
      /** check-function: innermost line in the test code, and its text. */
      line?: number;
      text?: string;
    }
  /** `completed`: a call job's outputs before it; a tests job's stages that passed (TestsSpec `stage` / `progress`). */
  | { status: 'timeout'; completed: number; reason?: 'cpu-limit' | 'step-cap' }
  | {
      status: 'error';
      reason: ErrorReason;
      message?: string;
      signal?: string;
      exitCode?: number | null;
      phase?: Phase;
      exception?: string;
    };

/**
 * An output value in typed JSON form: lists are arrays; tuples, sets, dicts, complex numbers,
 * big ints and non-finite floats are tagged objects; anything else is `{repr, type}`.
 */
export type EncodedValue =
  | null
  | boolean
  | number
  | string
  | EncodedValue[]
  | { tuple: EncodedValue[] }
  | { set: EncodedValue[] }
  | { dict: [EncodedValue, EncodedValue][] }
  | { int: string }
  | { float: 'nan' | 'inf' | '-inf' }
  | { complex: [EncodedValue, EncodedValue] }
  | { repr: string; type?: string }
  /** An output whose encoding exceeds 64 KiB: its SHA-256 (equal digests = equal outputs). */
  | { digest: string; size: number; type: string };

export type CallOutput =
  /** `promoted`: the input's ints were turned into floats because only then did it satisfy the contract (JSON from Node drops 1.0 vs 1). */
  /** `digest` and `cpuMs` (CPU time of the call) with the job's `digests` option. */
  /** `steps`: the call's line events, with the job's `perInputSteps`. */
  | { index: number; status: 'returned'; value: EncodedValue; repr: string; ms: number; promoted?: boolean; digest?: string; cpuMs?: number; steps?: number }
  /** The output's digest equals the expected one (`expectDigests`). */
  | { index: number; status: 'same' }
  /** With `perInputSteps`: `reason` says which limit ended the call (`step-cap` is deterministic; `cpu` is the backstop) and `steps` how far it got. */
  | { index: number; status: 'timeout'; reason?: 'step-cap' | 'cpu'; steps?: number }
  | { index: number; status: 'raised'; exception: string; message: string; reason?: 'memory' | 'resource'; steps?: number }
  | { index: number; status: 'contract-violation'; exception: string; message: string; line?: number; text?: string }
  | { index: number; status: 'bad-input'; exception: string; message: string };

export type ExampleOutput =
  | { index: number; status: 'match' | 'mismatch' | 'not-evaluable'; actual: string; compared?: 'text' }
  | { index: number; status: 'raised' | 'bad-call'; exception: string; message: string };

export interface Coverage {
  lines: number[];
  /** [from, to] line pairs; negative numbers are function entry/exit (-firstLine). */
  arcs: [number, number][];
  /**
   * Line events in the candidate's code per top-level call into it (a call from the tests, or
   * from module-level candidate code), in call order; at most the first 10,000 calls. Deterministic
   * for a given interpreter version: a measure of work that does not depend on the machine.
   */
  callLines: number[];
}

export interface JobResult {
  verdict: Verdict;
  /** call jobs: CallOutput; examples jobs: ExampleOutput (in input order). */
  outputs: (CallOutput | ExampleOutput)[];
  coverage?: Coverage;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  /** Wall time of the job inside the worker (fork to reap). Non-deterministic: run block only. */
  durationMs: number;
  /** CPU time (user + system) of the job's process, when the worker could measure it. Non-deterministic. */
  cpuMs?: number;
  /** Processes the job left behind that the server killed. */
  leftoverProcesses: number;
  /** tests jobs with `callLimits`: the call that ended the job (`cpu`: undecided untraced; `step-cap`, `backstop`: a counted timeout). */
  callStop?: { index: number; by: 'cpu' | 'step-cap' | 'backstop' };
  /** tests jobs with `callLimits`: the counted calls that returned or raised, with their line events. */
  countedCalls?: { index: number; steps: number }[];
  /** script jobs: the runtime's own record of the run (how it ended, asserts seen, work done). */
  script?: JsResult;
}
