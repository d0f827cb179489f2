/* Generated from schemas/audit.schema.json by scripts/gen-report-types.mjs. Do not edit. */

/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "provenance".
 */
export type Provenance =
  | {
      type: 'hub';
      repo: string;
      config?: string;
      /**
       * The revision asked for (branch, tag or sha).
       */
      revision: string;
      /**
       * The commit sha the revision resolved to.
       */
      commit: string;
    }
  | {
      type: 'url';
      version: string;
    }
  | {
      type: 'local';
    };
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "sha256".
 */
export type Sha256 = string;
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "checkName".
 */
export type CheckName = 'static' | 'execution' | 'mutation' | 'contamination';
/**
 * What a finding is about. Static: missing-field, duplicate-task-id, duplicate-task, no-tests, few-tests, test-syntax-error, solution-syntax-error, no-prompt-examples. Execution: canonical-fails, flaky, slow, timeout, setup-error, prompt-example-mismatch, plus-input-crash, contract-violation. Mutation: killable-survivor, possibly-equivalent-mutants, tests-accept-trivial-solution, low-coverage. Contamination: contaminated, near-duplicate-in-benchmark, cross-benchmark-overlap. Benchmark-level: task-count-mismatch.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "findingKind".
 */
export type FindingKind =
  | 'missing-field'
  | 'duplicate-task-id'
  | 'duplicate-task'
  | 'no-tests'
  | 'few-tests'
  | 'test-syntax-error'
  | 'solution-syntax-error'
  | 'no-prompt-examples'
  | 'canonical-fails'
  | 'flaky'
  | 'slow'
  | 'timeout'
  | 'setup-error'
  | 'prompt-example-mismatch'
  | 'plus-input-crash'
  | 'contract-violation'
  | 'killable-survivor'
  | 'possibly-equivalent-mutants'
  | 'tests-accept-trivial-solution'
  | 'low-coverage'
  | 'contaminated'
  | 'near-duplicate-in-benchmark'
  | 'cross-benchmark-overlap'
  | 'task-count-mismatch';
/**
 * info: worth knowing; warning: weakens the benchmark; error: a task that is broken or contaminated.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "severity".
 */
export type Severity = 'info' | 'warning' | 'error';

/**
 * A bench-audit report for one benchmark. Everything outside `run` is deterministic: the same inputs, config and seed give byte-identical JSON. Each check adds its own optional section under `summary.checks` and `tasks[].checks`, so new checks extend the report without breaking it.
 */
export interface AuditReport {
  /**
   * Semantic version of this schema. Minor bumps only add optional fields.
   */
  schemaVersion: '1.0.0';
  tool: {
    name: 'bench-audit';
    version: string;
  };
  benchmark: Benchmark;
  config: Config;
  summary: Summary;
  /**
   * One record per task, sorted by task id (numeric-aware).
   */
  tasks: TaskRecord[];
  /**
   * Benchmark-level findings that belong to no single task.
   */
  findings: Finding[];
  /**
   * Things the audit could not do fully (a check skipped, a tool missing); sorted.
   */
  warnings: Warning[];
  run: Run;
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "benchmark".
 */
export interface Benchmark {
  id: string;
  title: string;
  homepage?: string;
  license?: string;
  citation?: string;
  adapter: string;
  source: Provenance;
  files: FileRecord[];
  taskCount: number;
  expectedTaskCount?: number;
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "fileRecord".
 */
export interface FileRecord {
  /**
   * Path inside the source (hub repo path, release asset name, or the local path as given).
   */
  path: string;
  sha256: Sha256;
  bytes: number;
  url?: string;
  split?: string;
}
/**
 * Every parameter that can change the report's content, with its value for this run.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "config".
 */
export interface Config {
  checks: CheckName[];
  seed: number;
  static: StaticConfig;
  execution?: ExecutionConfig;
  mutation?: MutationConfig;
  contamination?: ContaminationConfig;
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "staticConfig".
 */
export interface StaticConfig {
  /**
   * A task with this many tests or fewer gets a few-tests finding.
   */
  fewTestsThreshold: number;
}
/**
 * Filled in by the execution check (sandbox).
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "executionConfig".
 */
export interface ExecutionConfig {}
/**
 * Filled in by the mutation check.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "mutationConfig".
 */
export interface MutationConfig {}
/**
 * Filled in by the contamination check.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "contaminationConfig".
 */
export interface ContaminationConfig {}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "summary".
 */
export interface Summary {
  tasks: number;
  /**
   * Tasks with at least one finding of severity warning or error.
   */
  tasksWithFindings: number;
  findingsBySeverity: {
    info: number;
    warning: number;
    error: number;
  };
  findingsByKind: {
    [k: string]: number;
  };
  checks: {
    static?: StaticSummary;
    execution?: ExecutionSummary;
    mutation?: MutationSummary;
    contamination?: ContaminationSummary;
  };
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "staticSummary".
 */
export interface StaticSummary {
  tests: {
    total: number;
    mean: number;
    median: number;
    min: number;
    max: number;
  };
  tasksWithFewTests: number;
  tasksWithPromptExamples: number;
  promptExamples: number;
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "executionSummary".
 */
export interface ExecutionSummary {}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "mutationSummary".
 */
export interface MutationSummary {}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "contaminationSummary".
 */
export interface ContaminationSummary {}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "taskRecord".
 */
export interface TaskRecord {
  id: string;
  entryPoint: string;
  source: {
    file: string;
    row: number;
    split?: string;
  };
  siblings: {
    benchmark: string;
    taskId: string;
  }[];
  checks: {
    static?: StaticTask;
    execution?: ExecutionTask;
    mutation?: MutationTask;
    contamination?: ContaminationTask;
  };
  /**
   * Sorted by severity (error first), then kind, then message.
   */
  findings: Finding[];
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "staticTask".
 */
export interface StaticTask {
  /**
   * Number of tests: assert statements, or structured inputs (base + plus) for EvalPlus.
   */
  tests: number;
  testKind: 'asserts' | 'inputs';
  baseInputs?: number;
  plusInputs?: number;
  challengeTests?: number;
  promptExamples: PromptExample[];
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "promptExample".
 */
export interface PromptExample {
  /**
   * The Python expression the prompt evaluates, e.g. `f(1, 2)`.
   */
  call: string;
  /**
   * The Python expression (or doctest output text) the prompt says it returns.
   */
  expected: string;
  /**
   * 1-based line in the prompt.
   */
  line: number;
  /**
   * doctest: `>>> call` then output; equals: `f(x) == y`; arrow: `f(x) -> y`, `=>`, `➞`, `returns`; assert: `assert <expr>` (call is the left side of `==`, or the whole expression with expected `True`); input-output: `Input: x` / `Output: y` or `For x = v the output should be y` (one-parameter functions).
   */
  style: 'doctest' | 'equals' | 'arrow' | 'assert' | 'input-output';
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "executionTask".
 */
export interface ExecutionTask {}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "mutationTask".
 */
export interface MutationTask {}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "contaminationTask".
 */
export interface ContaminationTask {}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "finding".
 */
export interface Finding {
  kind: FindingKind;
  severity: Severity;
  check: CheckName;
  message: string;
  /**
   * Structured, kind-specific evidence (the failing assert, the mutant diff, the corpus span...).
   */
  evidence: {
    [k: string]: unknown;
  };
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "warning".
 */
export interface Warning {
  code: string;
  message: string;
  check?: CheckName;
  taskId?: string;
}
/**
 * Everything that differs between two runs of the same audit: times, host, interpreter, isolation in effect.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "run".
 */
export interface Run {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  host: {
    platform: string;
    arch: string;
    cpus: number;
    node: string;
    [k: string]: unknown;
  };
  /**
   * Per-check timings and environment details (e.g. the sandbox's isolation).
   */
  checks?: {
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
