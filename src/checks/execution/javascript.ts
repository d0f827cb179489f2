/**
 * The execution check for JavaScript tasks (HumanEval-X): each reference runs against its test script in the
 * JavaScript runtime as the benchmark's harness runs it (node on one file; any output fails), under several
 * `Math.random` seeds; the prompt's example script runs once; and each assert is asked whether it can fail at all,
 * by running the tests against trivial candidates. Verdicts become the same sections and findings as Python's.
 */
import type { ExecutionConfig, Finding, Warning } from '../../model/types.generated.js';
import type { Task } from '../../model/task.js';
import { instrumentAsserts, type AssertSite } from '../../javascript/asserts.js';
import type { JavaScriptParser } from '../../javascript/parser.js';
import type { JsLimits, JsJob, JsResult } from '../../sandbox/js/types.js';
import { jsVerdict } from '../../sandbox/js/verdict.js';
import { workBudgetFor } from '../../sandbox/js/runtime.js';
import type { JobResult, Verdict } from '../../sandbox/types.js';
import { finding, type TaskCheckOutput } from '../types.js';
import { analyzeTask, type TaskRuns } from './analyze.js';

/** What the check needs of a JavaScript runtime: a job in, a result out. */
export interface JsJobRunner {
  run(job: JsJob): Promise<JsResult>;
}

export { JS_POLLS_PER_MS } from '../../sandbox/js/runtime.js';

/**
 * Trivial bodies for the function under test: an assert that none of them makes false does not depend on the
 * function (it compares constants, or misplaces a parenthesis) and passes for every submission.
 */
export const TRIVIAL_RETURNS = ['undefined', 'null', 'true', 'false', '0', '1', "''", '[]', '{}'] as const;

/** The file name node is given by the harness (`test.js`). */
const FILENAME = 'test.js';

export function jsLimits(config: ExecutionConfig, base: JsLimits): JsLimits {
  return { ...base, workBudget: workBudgetFor(config.timeLimitMs) };
}

/** A JavaScript run as the Python analysis reads it; `durationMs` is the counted work on the time limit's scale. */
export function toJobResult(result: JsResult, sites: readonly AssertSite[], limits: JsLimits, timeLimitMs: number): JobResult {
  return {
    verdict: verdictOf(result, sites),
    outputs: [],
    stdout: result.stdout,
    stderr: result.stderr,
    stdoutTruncated: result.end.kind === 'output-limit',
    stderrTruncated: result.end.kind === 'output-limit',
    durationMs: Math.round((result.work / limits.workBudget) * timeLimitMs),
    leftoverProcesses: 0,
  };
}

/** The harness's verdict, with where the failure is when the host saw it. */
export function verdictOf(result: JsResult, sites: readonly AssertSite[]): Verdict {
  return jsVerdict(result, sites, 'official');
}

export interface JsTaskRun {
  output: TaskCheckOutput<'execution'> & { slow: boolean };
  runs: TaskRuns;
  /** The example script itself did not run to its end (an error in the benchmark's example test). */
  exampleScriptError?: string;
}

/** Jobs of one task, in a fixed order, so that results are the same whatever the runtime's parallelism. */
export async function runJavaScriptTask(task: Task, parser: JavaScriptParser, runner: JsJobRunner, config: ExecutionConfig, base: JsLimits): Promise<JsTaskRun> {
  if (task.tests.kind !== 'script') throw new Error(`task ${task.id}: JavaScript tasks carry script tests`);
  const limits = jsLimits(config, base);
  const tests = instrumentAsserts(parser, task.tests.code);
  const job = (candidate: string, script: string, seed: number): JsJob => ({ source: `${candidate}\n${script}`, filename: FILENAME, seed, limits, mode: 'official' });

  const repeats = await Promise.all(Array.from({ length: config.repeats }, (_, seed) => runner.run(job(task.solution, tests.source, seed))));
  const runs: TaskRuns = { repeats: repeats.map((r) => toJobResult(r, tests.sites, limits, config.timeLimitMs)) };
  const { section, findings, slow } = analyzeTask(task, runs, config);
  if (!section) throw new Error(`task ${task.id}: the execution analysis gave no section`);

  // The benchmark's prompt examples, as its own example script checks them.
  let exampleScriptError: string | undefined;
  if (task.tests.exampleCode.trim() !== '') {
    const examples = instrumentAsserts(parser, task.tests.exampleCode);
    const r = await runner.run(job(task.solution, examples.source, 0));
    const seen = new Map(r.asserts.map((a) => [a.site, a]));
    const checked = examples.sites.filter((s) => seen.has(s.site));
    const wrong = checked.filter((s) => (seen.get(s.site)?.falsy ?? 0) > 0);
    section.promptExamples = { checked: checked.length, mismatched: wrong.length, notEvaluable: examples.sites.length - checked.length };
    for (const s of wrong) {
      findings.push(
        finding('execution', 'prompt-example-mismatch', 'warning', `the reference fails the prompt's example ${oneLine(s.condition)} (example test line ${s.line})`, {
          call: s.condition,
          expected: 'true',
          actual: 'false',
          line: s.line,
          style: 'example-test',
        }),
      );
    }
    if (r.end.kind !== 'completed') exampleScriptError = r.end.kind === 'uncaught' ? r.end.message : r.end.kind;
  }

  // Can each assert fail at all? Only asked of asserts the reference satisfies (the others are failures already).
  const reference = repeats[0];
  const held = new Set(reference.asserts.filter((a) => a.calls > 0 && a.falsy === 0).map((a) => a.site));
  if (held.size > 0 && reference.end.kind === 'completed') {
    const falsified = new Set<number>();
    for (const body of TRIVIAL_RETURNS) {
      const r = await runner.run(job(`${task.prompt}  return ${body};\n}\n`, tests.source, 0));
      for (const a of r.asserts) if (a.falsy > 0) falsified.add(a.site);
    }
    const vacuous = tests.sites.filter((s) => held.has(s.site) && !falsified.has(s.site));
    if (vacuous.length > 0) findings.push(vacuousFinding(vacuous, tests.sites.length));
  }
  return { output: { section, findings, slow }, runs, ...(exampleScriptError ? { exampleScriptError } : {}) };
}

function vacuousFinding(vacuous: AssertSite[], total: number): Finding {
  return finding(
    'execution',
    'assert-cannot-fail',
    'warning',
    `${vacuous.length} of ${total} asserts hold whatever the function returns (first: line ${vacuous[0].line}, ${oneLine(vacuous[0].text)})`,
    {
      count: vacuous.length,
      total,
      trivialReturns: [...TRIVIAL_RETURNS],
      asserts: vacuous.map((s) => ({ line: s.line, text: s.text })),
    },
  );
}

function oneLine(text: string, max = 160): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** The run-level warning for example scripts that do not run to their end. */
export function exampleScriptWarning(failures: { id: string; error: string }[]): Warning | undefined {
  if (failures.length === 0) return undefined;
  return {
    code: 'example-script-error',
    check: 'execution',
    message: `the prompt-example test script of ${failures.length} task(s) stops with an error: ${failures.map((f) => `${f.id} (${f.error})`).join('; ')}`,
  };
}
