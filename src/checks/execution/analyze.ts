/**
 * From sandbox results to the execution check's report sections and findings. Pure: the runs
 * come in as data (see index.ts for how they are produced).
 */
import type { CallOutput, ExampleOutput, JobResult, Verdict } from '../../sandbox/types.js';
import type {
  ExecutionConfig,
  ExecutionFailure,
  ExecutionSummary,
  ExecutionTask,
  Finding,
  PromptExample,
} from '../../model/types.generated.js';
import type { Task } from '../../model/task.js';
import { fromJson, pyRepr, type PyValue } from '../mutation/py-value.js';
import { finding, type TaskCheckOutput } from '../types.js';
import { EXECUTION_STEPS_PER_MS, type DecidedBy, type PlusOutcome } from './counted.js';

/** Inputs shown in one finding's evidence; the count of all of them is given too. */
export const MAX_EVIDENCE_INPUTS = 5;
/** Characters of an input's JSON kept in evidence. */
export const MAX_INPUT_CHARS = 300;

export type { PlusOutcome } from './counted.js';

export interface TaskRuns {
  /** Runs of the task's tests against its reference, in seed order (seed = position). */
  repeats: JobResult[];
  challenge?: JobResult;
  examples?: { examples: PromptExample[]; result: JobResult };
  /** One outcome per plus input, in input order. */
  plus?: PlusOutcome[];
  /**
   * Python runs, whose verdicts (in `repeats` and `challenge`) were decided by line events (counted.ts): the step cap,
   * and per repeat whether it was slow and how it was decided. JavaScript runs leave it out (their `durationMs` is
   * counted work on the time limit's scale already).
   */
  counted?: { stepCap: number; slow: boolean[]; decidedBy: DecidedBy[] };
}

export function failureOf(verdict: Verdict): ExecutionFailure | undefined {
  if (verdict.status === 'passed') return undefined;
  const out: ExecutionFailure = { status: verdict.status };
  if (verdict.status === 'failed') {
    out.phase = verdict.phase;
    if (verdict.assertIndex !== undefined) out.assertIndex = verdict.assertIndex;
    if (verdict.assert !== undefined) out.assert = verdict.assert;
    if (verdict.line !== undefined) out.line = verdict.line;
    if (verdict.text !== undefined) out.text = verdict.text;
    out.exception = verdict.exception;
    out.message = verdict.message;
  } else if (verdict.status === 'error') {
    out.reason = verdict.reason;
    if (verdict.phase) out.phase = verdict.phase;
    if (verdict.exception) out.exception = verdict.exception;
    if (verdict.message) out.message = verdict.message;
    if (verdict.signal) out.signal = verdict.signal;
  } else if (verdict.reason !== undefined) {
    // `step-cap`: counted past the cap; `cpu-limit`: a CPU limit (for a counted run, its backstop: work in C).
    out.reason = verdict.reason;
  }
  return out;
}

/** Same outcome, for flakiness: status plus where it failed (not the message, which may hold addresses). */
function outcomeKey(v: Verdict): string {
  if (v.status === 'failed') return `failed:${v.phase}:${v.assertIndex ?? ''}:${v.line ?? ''}:${v.exception}`;
  if (v.status === 'error') return `error:${v.reason}`;
  return v.status;
}

function describeFailure(f: ExecutionFailure): string {
  if (f.status === 'timeout') return 'timed out';
  const where = f.assert ?? f.text ?? (f.phase && f.phase !== 'tests' ? `the ${f.phase} code` : undefined);
  const what = f.exception ? `${f.exception}${f.message ? `: ${f.message}` : ''}` : (f.reason ?? f.status);
  return where ? `${what} at ${oneLine(where)}` : what;
}

function oneLine(text: string, max = 160): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** A plus input as Python would write its argument list (tuples, sets and dicts as themselves), else its JSON. */
function inputEvidence(task: Task, index: number): string {
  const args = task.inputs?.plus[index] ?? [];
  const values = args.map(fromJson);
  const text = values.every((v): v is PyValue => v !== undefined) ? `[${values.map(pyRepr).join(', ')}]` : (JSON.stringify(args) ?? '');
  return text.length > MAX_INPUT_CHARS ? `${text.slice(0, MAX_INPUT_CHARS)}...` : text;
}

/** Section and findings for one task. `slow` tells the caller (run block) that the task was slow. */
export function analyzeTask(task: Task, runs: TaskRuns, config: ExecutionConfig): TaskCheckOutput<'execution'> & { slow: boolean } {
  const findings: Finding[] = [];
  const first = runs.repeats[0];
  const section: ExecutionTask = { verdict: first.verdict.status, repeats: runs.repeats.map((r) => r.verdict.status) };
  const failure = failureOf(first.verdict);
  if (failure) section.failure = failure;

  // The first non-passing run decides the finding (a flaky task may pass the first time).
  const bad = runs.repeats.find((r) => r.verdict.status !== 'passed');
  if (bad) {
    const f = failureOf(bad.verdict)!;
    const seed = runs.repeats.indexOf(bad);
    if (bad.verdict.status === 'error' && NON_DATA_REASONS.has(bad.verdict.reason)) {
      // Not a verdict on the reference: the task cannot run with its tests apart from the program (listed in the summary).
    } else if (bad.verdict.status === 'timeout') {
      findings.push(timeoutFinding(bad.verdict, runs.counted?.stepCap, config, seed));
    } else if (f.phase === 'imports' || f.phase === 'setup') {
      findings.push(finding('execution', 'setup-error', 'error', `the benchmark's ${f.phase} code fails: ${describeFailure(f)}`, { ...f, hashSeed: seed }));
    } else {
      findings.push(finding('execution', 'canonical-fails', 'error', `reference solution fails its own tests: ${describeFailure(f)}`, { ...f, hashSeed: seed }));
    }
  }
  const keys = runs.repeats.map((r) => outcomeKey(r.verdict));
  if (new Set(keys).size > 1) {
    findings.push(
      finding('execution', 'flaky', 'warning', `verdict changes across ${runs.repeats.length} runs with different PYTHONHASHSEEDs: ${section.repeats.join(', ')}`, {
        verdicts: runs.repeats.map((r, seed) => ({ hashSeed: seed, ...(failureOf(r.verdict) ?? { status: 'passed' }) })),
      }),
    );
  }
  const limit = config.timeLimitMs * config.slowFraction;
  // Python: a passing run counted over the slow share of the step cap; JavaScript: its counted work (durationMs).
  const slow = runs.counted
    ? runs.counted.slow.some(Boolean)
    : runs.repeats.some((r) => r.verdict.status === 'passed' && (r.cpuMs ?? r.durationMs) > limit);
  if (slow) {
    const pct = Math.round(config.slowFraction * 100);
    const stepCap = runs.counted?.stepCap;
    findings.push(
      finding(
        'execution',
        'slow',
        'warning',
        stepCap !== undefined
          ? `reference solution needs more than ${pct}% of the ${config.timeLimitMs} ms time limit (over ${Math.floor(config.slowFraction * stepCap)} of its ${stepCap} Python line events)`
          : `reference solution needs more than ${pct}% of the ${config.timeLimitMs} ms time limit`,
        { timeLimitMs: config.timeLimitMs, slowFraction: config.slowFraction, ...(stepCap !== undefined ? { stepCap } : {}) },
      ),
    );
  }

  if (runs.challenge) {
    const cf = failureOf(runs.challenge.verdict);
    section.challenge = { verdict: runs.challenge.verdict.status, ...(cf ? { failure: cf } : {}) };
    if (cf) {
      findings.push(finding('execution', 'canonical-fails', 'error', `reference solution fails the challenge tests: ${describeFailure(cf)}`, { suite: 'challenge', ...cf }));
    }
  }

  if (runs.examples) findings.push(...exampleFindings(runs.examples, section));
  if (runs.plus && task.inputs) findings.push(...plusFindings(task, runs.plus, section, runs.counted?.stepCap));
  return { section, findings, slow };
}

/** A timeout on the tests: past the step cap, at a counted run's CPU backstop (work in C), or (JavaScript) past its work budget. */
function timeoutFinding(verdict: Extract<Verdict, { status: 'timeout' }>, stepCap: number | undefined, config: ExecutionConfig, seed: number): Finding {
  const base = { timeLimitMs: config.timeLimitMs, hashSeed: seed };
  if (stepCap === undefined) return finding('execution', 'timeout', 'error', `reference solution timed out after ${config.timeLimitMs} ms`, base);
  if (verdict.reason === 'step-cap') {
    return finding('execution', 'timeout', 'error', `reference solution runs past ${stepCap} Python line events (its ${config.timeLimitMs} ms time limit at ${EXECUTION_STEPS_PER_MS} per ms)`, {
      ...base,
      stepCap,
      reason: 'step-cap',
    });
  }
  return finding('execution', 'timeout', 'error', `reference solution still ran at its counted run's CPU backstop, under ${stepCap} Python line events (work in C, which the count does not see)`, {
    ...base,
    stepCap,
    reason: 'cpu-limit',
  });
}

function exampleFindings(runs: NonNullable<TaskRuns['examples']>, section: ExecutionTask): Finding[] {
  const { examples, result } = runs;
  const outputs = result.outputs as ExampleOutput[];
  const byIndex = new Map(outputs.map((o) => [o.index, o]));
  let mismatched = 0;
  let notEvaluable = 0;
  const findings: Finding[] = [];
  if (result.verdict.status !== 'passed') {
    // The program itself did not load (or hung): examples cannot be checked; the test runs report why.
    section.promptExamples = { checked: 0, mismatched: 0, notEvaluable: examples.length };
    return findings;
  }
  examples.forEach((ex, i) => {
    const out = byIndex.get(i);
    if (!out || out.status === 'bad-call' || out.status === 'not-evaluable') {
      notEvaluable++;
      return;
    }
    if (out.status === 'match') return;
    mismatched++;
    const actual = out.status === 'mismatch' ? out.actual : out.status === 'raised' ? `raises ${out.exception}${out.message ? `: ${out.message}` : ''}` : '';
    findings.push(
      finding('execution', 'prompt-example-mismatch', 'warning', `prompt says ${oneLine(ex.call)} gives ${oneLine(ex.expected)}, reference gives ${oneLine(actual)}`, {
        call: ex.call,
        expected: ex.expected,
        actual,
        line: ex.line,
        style: ex.style,
        source: ex.source,
        ...(ex.calledAs ? { calledAs: ex.calledAs } : {}),
      }),
    );
  });
  section.promptExamples = { checked: examples.length - notEvaluable, mismatched, notEvaluable };
  return findings;
}

function plusFindings(task: Task, outcomes: PlusOutcome[], section: ExecutionTask, stepCap: number | undefined): Finding[] {
  const crashed = outcomes.filter((o): o is Extract<CallOutput, { status: 'raised' }> => o.status === 'raised');
  const violations = outcomes.filter((o): o is Extract<CallOutput, { status: 'contract-violation' }> => o.status === 'contract-violation');
  const timedOut = outcomes.filter((o) => o.status === 'timeout');
  const notRun = outcomes.filter((o) => o.status === 'not-run').length;
  section.plusInputs = {
    total: outcomes.length,
    run: outcomes.length - notRun,
    crashed: crashed.length,
    contractViolations: violations.length,
    timedOut: timedOut.length,
  };
  const findings: Finding[] = [];
  if (crashed.length > 0) {
    const firstCrash = crashed[0];
    findings.push(
      finding('execution', 'plus-input-crash', 'error', `reference solution raises on ${crashed.length} of ${outcomes.length} plus inputs (first: ${firstCrash.exception} on input ${firstCrash.index})`, {
        count: crashed.length,
        inputs: crashed.slice(0, MAX_EVIDENCE_INPUTS).map((o) => ({ index: o.index, input: inputEvidence(task, o.index), exception: o.exception, message: o.message })),
      }),
    );
  }
  if (timedOut.length > 0) {
    // Counted calls: past the cap, or (`cpu`) at the counted call's CPU backstop, work in C the count does not see.
    const backstop = timedOut.filter((o) => o.status === 'timeout' && o.reason === 'cpu').length;
    const how = stepCap === undefined ? '' : ` (past ${stepCap} Python line events${backstop > 0 ? `; ${backstop} at the counted call's CPU backstop: work in C` : ''})`;
    findings.push(
      finding('execution', 'timeout', 'error', `reference solution times out on ${timedOut.length} plus input(s)${how}`, {
        count: timedOut.length,
        inputs: timedOut.slice(0, MAX_EVIDENCE_INPUTS).map((o) => ({ index: o.index, input: inputEvidence(task, o.index), ...(o.status === 'timeout' && o.reason === 'cpu' ? { reason: 'cpu-limit' } : {}) })),
        ...(notRun > 0 ? { notRun } : {}),
        ...(stepCap !== undefined ? { stepCap } : {}),
        ...(backstop > 0 ? { cpuBackstop: backstop } : {}),
      }),
    );
  }
  if (violations.length > 0) {
    findings.push(
      finding('execution', 'contract-violation', 'warning', `${violations.length} of ${outcomes.length} plus inputs violate the task's input contract`, {
        count: violations.length,
        inputs: violations.slice(0, MAX_EVIDENCE_INPUTS).map((o) => ({ index: o.index, input: inputEvidence(task, o.index), contract: o.text ?? '', message: o.message })),
      }),
    );
  }
  return findings;
}

/** Error reasons that say a task's values cannot cross between tests and program (no verdict on the reference). */
const NON_DATA_REASONS: ReadonlySet<string> = new Set(['non-data-result', 'non-data-argument']);

/** `taskIds` (aligned with `sections`) names the tasks that cannot run apart from the program. */
export function summarize(sections: (ExecutionTask | undefined)[], findings: Finding[][], taskIds?: readonly string[]): ExecutionSummary {
  const count = (pred: (s: ExecutionTask) => boolean) => sections.filter((s) => s !== undefined && pred(s)).length;
  const kinds = (kind: Finding['kind']) => findings.filter((fs) => fs.some((f) => f.kind === kind)).length;
  const withPlus = sections.filter((s): s is ExecutionTask & { plusInputs: NonNullable<ExecutionTask['plusInputs']> } => s?.plusInputs !== undefined);
  return {
    tasks: sections.length,
    passed: count((s) => s.repeats.every((v) => v === 'passed')),
    failed: count((s) => s.verdict === 'failed'),
    timeout: count((s) => s.verdict === 'timeout'),
    error: count((s) => s.verdict === 'error'),
    flaky: kinds('flaky'),
    slow: kinds('slow'),
    setupErrors: kinds('setup-error'),
    challengeFailed: count((s) => s.challenge !== undefined && s.challenge.verdict !== 'passed'),
    ...(taskIds ? { notRunnableAsData: notRunnable(sections, taskIds) } : {}),
    promptExamples: {
      checked: sections.reduce((n, s) => n + (s?.promptExamples?.checked ?? 0), 0),
      mismatched: sections.reduce((n, s) => n + (s?.promptExamples?.mismatched ?? 0), 0),
      tasksWithMismatch: kinds('prompt-example-mismatch'),
    },
    plusInputs: {
      tasks: withPlus.length,
      run: withPlus.reduce((n, s) => n + s.plusInputs.run, 0),
      crashed: withPlus.reduce((n, s) => n + s.plusInputs.crashed, 0),
      contractViolations: withPlus.reduce((n, s) => n + s.plusInputs.contractViolations, 0),
      timedOut: withPlus.reduce((n, s) => n + s.plusInputs.timedOut, 0),
    },
  };
}

function notRunnable(sections: (ExecutionTask | undefined)[], taskIds: readonly string[]): NonNullable<ExecutionSummary['notRunnableAsData']> {
  const out: NonNullable<ExecutionSummary['notRunnableAsData']> = [];
  sections.forEach((s, i) => {
    const f = s?.failure;
    if (f?.status === 'error' && f.reason !== undefined && NON_DATA_REASONS.has(f.reason)) {
      out.push({ taskId: taskIds[i], reason: f.reason as 'non-data-result' | 'non-data-argument', message: f.message ?? '' });
    }
  });
  return out;
}
