/**
 * The normalized Task: the one shape every dataset adapter produces and every check consumes.
 * Pure data; no I/O.
 */

/** Where a task came from: the file and the 1-based row (line for JSONL, index+1 for JSON arrays and Parquet). */
export interface TaskSource {
  file: string;
  row: number;
  /** Dataset split (MBPP on the hub: prompt/test/validation/train), when the source has one. */
  split?: string;
}

/**
 * The benchmark's own tests, structured so a harness can run them against any candidate solution.
 * - `check-function` (HumanEval style): `code` defines `check(candidate)`; the harness calls
 *   `check(<entryPoint>)` after the candidate is defined.
 * - `assert-list` (MBPP style): top-level assert statements run after the candidate and setup code.
 *   `challengeAsserts` are extra, harder asserts some benchmarks ship (MBPP `challenge_test_list`).
 * - `script` (HumanEval-X style): a program appended to the candidate that calls it and reports failures
 *   itself (JavaScript: `console.assert`); `exampleCode` is the same for the prompt's examples.
 */
export type TestSuite =
  | { kind: 'check-function'; code: string; checkFunction: string }
  | { kind: 'assert-list'; asserts: string[]; challengeAsserts: string[] }
  | { kind: 'script'; code: string; exampleCode: string };

/** The language a task's code is written in; a task without one is Python. */
export type TaskLanguage = 'python' | 'javascript';

/** A task's language (absent means Python, the language every benchmark before HumanEval-X used). */
export function taskLanguage(task: Pick<Task, 'language'>): TaskLanguage {
  return task.language ?? 'python';
}

/**
 * Structured inputs for differential testing (EvalPlus): each input is the list of positional
 * arguments; the expected output is the canonical solution's output on it.
 */
export interface StructuredInputs {
  base: unknown[][];
  plus: unknown[][];
  /** Absolute tolerance for float comparison (EvalPlus `atol`; 0 means exact). */
  atol: number;
  /** EvalPlus input contract: assert lines (marked `# $_CONTRACT_$`) that valid inputs satisfy. */
  contract: string;
}

/** A link to the same problem in another benchmark (HumanEval/N <-> HumanEval+ HumanEval/N, MBPP <-> MBPP+). */
export interface SiblingLink {
  benchmark: string;
  taskId: string;
}

export interface Task {
  /** Manifest id of the benchmark this task belongs to. */
  benchmark: string;
  /** The benchmark's own task id, as a string ("HumanEval/0", "Mbpp/2", "2"). */
  id: string;
  /** Absent for Python; set by adapters of other languages. */
  language?: TaskLanguage;
  /** Name of the function under test. */
  entryPoint: string;
  /** What a model is shown. */
  prompt: string;
  /** The reference solution exactly as the benchmark stores it (for HumanEval, a completion of `prompt`). */
  canonicalSolution: string;
  /**
   * The reference solution as a standalone Python program defining `entryPoint`
   * (HumanEval: prompt + completion; MBPP: the code field).
   */
  solution: string;
  /** Code the benchmark runs before its tests (MBPP `test_setup_code`). */
  setupCode: string;
  /** Import lines the tests need (MBPP sanitized `test_imports`). */
  imports: string[];
  tests: TestSuite;
  inputs?: StructuredInputs;
  siblings: SiblingLink[];
  source: TaskSource;
}

/** A program that defines `wanted` too when it names its function `own` (a sibling's reference run on a task's tests). */
export function aliased(source: string, own: string, wanted: string): string {
  return own === wanted ? source : `${source}\n\n${wanted} = ${own}\n`;
}

/**
 * Assemble the program that runs the task's own tests against a candidate solution
 * (a standalone source defining `task.entryPoint`). This is the plain-text form, as the
 * original harnesses build it; the sandbox uses the structured `tests` to attribute failures.
 */
export function assembleTestProgram(task: Task, candidate: string, options: { challenge?: boolean } = {}): string {
  const parts: string[] = [];
  if (task.imports.length > 0) parts.push(task.imports.join('\n'));
  parts.push(candidate);
  if (task.setupCode.trim() !== '') parts.push(task.setupCode);
  const tests = task.tests;
  if (tests.kind === 'check-function') {
    parts.push(tests.code);
    parts.push(`${tests.checkFunction}(${task.entryPoint})`);
  } else if (tests.kind === 'script') {
    parts.push(tests.code);
  } else {
    parts.push(tests.asserts.join('\n'));
    if (options.challenge && tests.challengeAsserts.length > 0) parts.push(tests.challengeAsserts.join('\n'));
  }
  return parts.join('\n\n') + '\n';
}
