/**
 * Mutation runs through the sandbox, per task: run the reference solution's tests (with
 * coverage) to get its time; run the trivial baselines; run every mutant against the tests
 * (stop at the first failure, time limit max(min, factor x reference)); sort survivors by
 * differential testing on EvalPlus plus inputs, the tests' own inputs and inputs generated from
 * them. Untrusted code (solutions, mutants, baselines) runs only in the sandbox pool.
 */
import type { Finding, MutationConfig, MutationTask } from '../../report/types.generated.js';
import { outputsEqual, testsJob } from '../../sandbox/jobs.js';
import type { SandboxPool } from '../../sandbox/pool.js';
import type { CallJob, CallOutput, JobResult, Verdict } from '../../sandbox/types.js';
import type { Task } from '../../task.js';
import { finding } from '../types.js';
import { regionCoverage } from './coverage.js';
import type { Mutant, MutantSet } from './generate.js';
import { generateInputs } from './input-mutation.js';
import { killingAssert } from './killing-assert.js';
import { outputValue } from './output-value.js';
import { callRepr, evalplusOutputsMatch, fromJson, pyRepr, strRepr, type PyValue } from './py-value.js';
import type { PythonParser } from './python-parser.js';
import { sampleIndices, seededRandom } from './random.js';
import { countOutcomes, countsByOperator, mutationScores, type MutantOutcome, type MutantStatus, type SurvivorVerdict } from './score.js';
import { taskTestInputs, testCallees } from './test-inputs.js';
import { trivialCandidates } from './trivial.js';

/** Limit for the reference solution's own test run; one that needs more is the execution check's business (slow/timeout). */
export const REFERENCE_TIME_LIMIT_MS = 10_000;
/** Limit for the reference's batch of differential-testing calls (unknown cost yet); survivors then get max(min, factor x its time). */
export const DIFF_BATCH_MIN_MS = 5_000;
/** Name of the helper appended to a program to call the entry point on literal inputs (no clash with benchmark code). */
export const CALL_HELPER = '__bench_audit_call__';
const INPUTS_NAME = '__bench_audit_inputs__';
const CHECKED_NAME = '__bench_audit_checked__';
const CONTRACT_NAME = '__bench_audit_contract__';

/** Verdict reasons meaning the program itself crashed the process (a harness would count a failure): killed. */
const CRASH_REASONS = new Set(['memory', 'resource', 'signal', 'file-size-limit', 'no-verdict', 'exit-status']);

export function mutantStatus(verdict: Verdict): MutantStatus {
  switch (verdict.status) {
    case 'passed':
      return 'survived';
    case 'failed':
      return 'killed';
    case 'timeout':
      return 'timeout';
    case 'error':
      return CRASH_REASONS.has(verdict.reason) ? 'killed' : 'error';
  }
}

export function mutantTimeLimit(referenceMs: number, config: Pick<MutationConfig, 'minTimeLimitMs' | 'referenceTimeFactor'>): number {
  return Math.max(config.minTimeLimitMs, Math.ceil(config.referenceTimeFactor * referenceMs));
}

/**
 * `program` plus a helper that calls `entryPoint` on the i-th literal argument tuple (deep-copied
 * per call). Inputs flagged in `checkContract` are first checked against the EvalPlus contract
 * (its assert lines, run with the arguments bound to the entry point's parameters); a violation
 * raises AssertionError before the call, so the input is discarded like any input the reference
 * rejects.
 */
export function withCallHelper(
  program: string,
  entryPoint: string,
  inputs: readonly PyValue[][],
  options: { contract?: string; checkContract?: readonly boolean[] } = {},
): string {
  const tuples = inputs.map((args) => `    (${args.map(pyRepr).join(', ')}${args.length === 1 ? ',' : ''}),`);
  const contract = options.contract?.trim() ? options.contract : '';
  const checked = contract ? (options.checkContract ?? []).flatMap((flag, i) => (flag ? [i] : [])) : [];
  const lines = [
    program.endsWith('\n') ? program : program + '\n',
    '',
    `def ${CALL_HELPER}(i):`,
    '    import copy',
    `    args = copy.deepcopy(${INPUTS_NAME}[i])`,
    `    if i in ${CHECKED_NAME}:`,
    '        import inspect',
    `        bound = inspect.signature(${entryPoint}).bind(*args)`,
    '        bound.apply_defaults()',
    '        scope = dict(globals())',
    '        scope.update(bound.arguments)',
    `        exec(${CONTRACT_NAME}, scope)`,
    `    return ${entryPoint}(*args)`,
    '',
    '',
    `${INPUTS_NAME} = [`,
    ...tuples,
    ']',
    `${CHECKED_NAME} = frozenset([${checked.join(', ')}])`,
    `${CONTRACT_NAME} = ${checked.length > 0 ? `compile(__import__('textwrap').dedent(${strRepr(contract)}), '<contract>', 'exec')` : 'None'}`,
  ];
  return lines.join('\n') + '\n';
}

export type InputSource = 'plus' | 'test' | 'generated';
export interface DiffInput {
  source: InputSource;
  args: PyValue[];
}

/** Plus inputs (own or sibling's, sampled), the tests' literal inputs, and generated ones; deduplicated by repr, in that order. */
export function differentialInputs(
  parser: PythonParser,
  task: Task,
  plusTask: Task | undefined,
  config: Pick<MutationConfig, 'plusInputLimit' | 'inputBudget'>,
  seed: number,
): DiffInput[] {
  const out: DiffInput[] = [];
  const seen = new Set<string>();
  const push = (source: InputSource, args: PyValue[]): void => {
    const key = args.map(pyRepr).join(', ');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ source, args });
  };
  const json = (rows: readonly unknown[][]): PyValue[][] =>
    rows.map((row) => row.map(fromJson)).filter((row): row is PyValue[] => row.every((v) => v !== undefined));
  const inputs = plusTask?.inputs;
  if (inputs !== undefined) {
    const plus = json(inputs.plus);
    for (const i of sampleIndices(plus.length, config.plusInputLimit, seededRandom(seed, `plus\0${task.id}`))) push('plus', plus[i]);
  }
  const tests = taskTestInputs(parser, task);
  for (const args of tests) push('test', args);
  const seeds = tests.length > 0 ? tests : inputs !== undefined ? json(inputs.base) : [];
  for (const args of generateInputs(seeds, { seed, key: task.id, budget: config.inputBudget })) push('generated', args);
  return out;
}

export interface SurvivorRecord {
  mutant: Mutant;
  verdict: SurvivorVerdict;
  evidence?: NonNullable<MutationTask['survivors'][number]['evidence']>;
}

/** Everything the check needs from one task's analysis. */
export interface TaskAnalysis {
  section: MutationTask;
  findings: Finding[];
  /** Non-deterministic details for the run block. */
  runInfo: { referenceMs: number; timeLimitMs: number; mutantsRun: number; jobs: number; mutantsWallMs: number; sortingWallMs: number };
}

export interface AnalyseTaskInput {
  task: Task;
  /** The task carrying EvalPlus plus inputs for this problem (itself, or its sibling), if any. */
  plusTask: Task | undefined;
  mutants: MutantSet & { sampledOut: number; uncompilable: number };
  config: MutationConfig;
  seed: number;
  parser: PythonParser;
  pool: SandboxPool;
}

function skipped(reason: string, mutants: AnalyseTaskInput['mutants']): MutationTask {
  const counts = countOutcomes([]);
  return {
    status: 'skipped',
    skipReason: reason,
    mutants: { ...mutants.stats, uncompilable: mutants.uncompilable, sampledOut: mutants.sampledOut, run: 0 },
    counts,
    byOperator: {},
    score: null,
    scoreExcludingEquivalent: null,
    survivors: [],
    trivialPasses: [],
  };
}

function describeFailure(v: Verdict): string {
  if (v.status === 'failed') return `${v.exception}${v.message ? `: ${v.message}` : ''}${v.assert ? ` (${v.assert})` : ''}`;
  if (v.status === 'timeout') return 'timed out';
  if (v.status === 'error') return `sandbox error (${v.reason}${v.message ? `: ${v.message}` : ''})`;
  return 'passed';
}

/** Analyse one task end to end. Never throws for anything the programs do. */
export async function analyseTask(input: AnalyseTaskInput): Promise<TaskAnalysis> {
  const { task, plusTask, mutants, config, seed, parser, pool } = input;
  let jobs = 0;
  const run = (job: Parameters<SandboxPool['run']>[0]): Promise<JobResult> => {
    jobs++;
    return pool.run(job);
  };

  // 1. The reference solution under its own tests, with coverage.
  const reference = await run(testsJob(task, { coverage: true, timeoutMs: REFERENCE_TIME_LIMIT_MS }));
  if (reference.verdict.status !== 'passed') {
    return {
      section: skipped(`the reference solution does not pass its own tests: ${describeFailure(reference.verdict)}`, mutants),
      findings: [],
      runInfo: { referenceMs: reference.durationMs, timeLimitMs: 0, mutantsRun: 0, jobs, mutantsWallMs: 0, sortingWallMs: 0 },
    };
  }
  const timeLimitMs = mutantTimeLimit(reference.durationMs, config);
  const coverage = reference.coverage ? regionCoverage(parser, task.solution, mutants.region, reference.coverage) : undefined;

  // 2. Trivial baselines and 3. mutants, all queued at once.
  const trivial = trivialCandidates(parser, task.solution, task.entryPoint);
  const mutantsStarted = performance.now();
  const [trivialResults, mutantResults] = await Promise.all([
    Promise.all(trivial.map((c) => run(testsJob(task, { candidate: c.source, timeoutMs: config.minTimeLimitMs })))),
    Promise.all(mutants.mutants.map((m) => run(testsJob(task, { candidate: m.source, timeoutMs: timeLimitMs })))),
  ]);
  const trivialPasses = trivial.filter((_, i) => trivialResults[i].verdict.status === 'passed').map((c) => c.baseline);
  const statuses = mutantResults.map((r) => mutantStatus(r.verdict));

  // 4. Survivors: differential testing against the reference.
  const survivorMutants = mutants.mutants.filter((_, i) => statuses[i] === 'survived');
  const sortingStarted = performance.now();
  const mutantsWallMs = sortingStarted - mutantsStarted;
  const diff = survivorMutants.length > 0 ? await sortSurvivors(input, survivorMutants, reference.durationMs, run) : undefined;
  const survivors: SurvivorRecord[] = survivorMutants.map((m) => diff?.records.get(m.id) ?? { mutant: m, verdict: 'unsorted' });

  const outcomes: MutantOutcome[] = mutants.mutants.map((m, i) => ({
    operator: m.operator,
    status: statuses[i],
    ...(statuses[i] === 'survived' ? { verdict: survivors.find((s) => s.mutant.id === m.id)?.verdict ?? 'unsorted' } : {}),
  }));
  const counts = countOutcomes(outcomes);
  const scores = mutationScores(counts);
  const verdictOrder: Record<SurvivorVerdict, number> = { killable: 0, 'possibly-equivalent': 1, unsorted: 2 };
  survivors.sort((a, b) => verdictOrder[a.verdict] - verdictOrder[b.verdict] || a.mutant.index - b.mutant.index);

  const section: MutationTask = {
    status: 'analysed',
    mutants: { ...mutants.stats, uncompilable: mutants.uncompilable, sampledOut: mutants.sampledOut, run: mutants.mutants.length },
    counts,
    byOperator: countsByOperator(outcomes),
    ...scores,
    survivors: survivors.map(({ mutant: m, verdict, evidence }) => ({
      id: m.id,
      operator: m.operator,
      line: m.line,
      column: m.column,
      original: m.original,
      replacement: m.replacement,
      diff: m.diff,
      verdict,
      ...(evidence ? { evidence } : {}),
    })),
    trivialPasses,
    ...(diff ? { inputs: diff.inputCounts } : {}),
    ...(coverage ? { coverage } : {}),
  };
  const sortingWallMs = performance.now() - sortingStarted;
  return {
    section,
    findings: taskFindings(section, config),
    runInfo: { referenceMs: reference.durationMs, timeLimitMs, mutantsRun: mutants.mutants.length, jobs, mutantsWallMs, sortingWallMs },
  };
}

interface ReferenceOutput {
  output: Extract<CallOutput, { status: 'returned' }>;
  value: PyValue | undefined;
}

async function sortSurvivors(
  input: AnalyseTaskInput,
  survivors: readonly Mutant[],
  referenceMs: number,
  run: (job: CallJob) => Promise<JobResult>,
): Promise<{ records: Map<string, SurvivorRecord>; inputCounts: NonNullable<MutationTask['inputs']> }> {
  const { task, plusTask, config, seed, parser } = input;
  const candidates = differentialInputs(parser, task, plusTask, config, seed);
  const records = new Map<string, SurvivorRecord>();
  const inputCounts = { plus: 0, test: 0, generated: 0, discarded: 0 };
  if (candidates.length === 0) return { records, inputCounts };
  let batchLimit = Math.max(DIFF_BATCH_MIN_MS, mutantTimeLimit(referenceMs, config));
  const contract = plusTask?.inputs?.contract ?? task.inputs?.contract ?? '';
  const callJob = (program: string, inputs: readonly DiffInput[], checkContract = false): CallJob => ({
    kind: 'call',
    program: {
      candidate: withCallHelper(
        program,
        task.entryPoint,
        inputs.map((i) => i.args),
        checkContract ? { contract, checkContract: inputs.map((i) => i.source === 'generated') } : {},
      ),
      setup: task.setupCode,
      imports: task.imports,
    },
    entryPoint: CALL_HELPER,
    inputs: inputs.map((_, i) => [i]),
    timeoutMs: batchLimit,
  });

  // The reference on every candidate input; keep those it answers (not raising, not timing out).
  // Generated inputs must also satisfy the EvalPlus contract when the task has one.
  const ref = await run(callJob(task.solution, candidates, true));
  const valid: DiffInput[] = [];
  const expected: ReferenceOutput[] = [];
  for (const o of ref.outputs as CallOutput[]) {
    if (o.status !== 'returned') continue;
    valid.push(candidates[o.index]);
    expected.push({ output: o, value: outputValue(parser, o) });
  }
  inputCounts.discarded = candidates.length - valid.length;
  // Survivors get the usual rule on the reference's time for exactly these calls.
  batchLimit = mutantTimeLimit(ref.durationMs, config);
  for (const v of valid) inputCounts[v.source]++;
  if (valid.length === 0) return { records, inputCounts };

  const atol = plusTask?.inputs?.atol ?? task.inputs?.atol ?? 0;
  const callee = testCallees(task)[0];
  const results = await Promise.all(survivors.map((m) => run(callJob(m.source, valid))));
  survivors.forEach((m, k) => {
    const result = results[k];
    const outputs = new Map((result.outputs as CallOutput[]).map((o) => [o.index, o]));
    let raised: { index: number; text: string } | undefined;
    let mismatch: { index: number; text: string } | undefined;
    for (let i = 0; i < valid.length && mismatch === undefined; i++) {
      const o = outputs.get(i);
      if (o === undefined) break;
      if (o.status === 'returned') {
        const exp = expected[i];
        const mv = outputValue(parser, o);
        const same = exp.value !== undefined && mv !== undefined ? evalplusOutputsMatch(exp.value, mv, atol) : outputsEqual(o.value, exp.output.value, atol);
        if (!same) mismatch = { index: i, text: o.repr };
      } else if (raised === undefined && o.status === 'raised') {
        raised = { index: i, text: `${o.exception}: ${o.message}` };
      }
    }
    // A batch that stopped on a timeout: the first input without an output is where the mutant hangs.
    const timedOut = result.verdict.status === 'timeout' && outputs.size < valid.length ? { index: outputs.size, text: 'timeout' } : undefined;
    const hit = mismatch ?? raised ?? timedOut;
    if (hit === undefined) {
      const complete = result.verdict.status === 'passed' && outputs.size === valid.length;
      records.set(m.id, { mutant: m, verdict: complete ? 'possibly-equivalent' : 'unsorted' });
      return;
    }
    const chosen = valid[hit.index];
    const exp = expected[hit.index];
    records.set(m.id, {
      mutant: m,
      verdict: 'killable',
      evidence: {
        input: callRepr(callee, chosen.args),
        inputSource: chosen.source,
        referenceOutput: exp.output.repr,
        mutantOutput: hit.text,
        ...(exp.value !== undefined ? { assert: killingAssert({ callee, args: chosen.args, expected: exp.value, atol }) } : {}),
      },
    });
  });
  return { records, inputCounts };
}

function taskFindings(section: MutationTask, config: MutationConfig): Finding[] {
  const out: Finding[] = [];
  for (const s of section.survivors.filter((x) => x.verdict === 'killable').slice(0, config.killableFindingsPerTask)) {
    const e = s.evidence!;
    out.push(
      finding(
        'mutation',
        'killable-survivor',
        'warning',
        `the tests accept a wrong solution: ${s.operator} at line ${s.line} (${JSON.stringify(s.original)} -> ${JSON.stringify(s.replacement)}) differs from the reference on ${e.input}`,
        { mutant: s.id, diff: s.diff, input: e.input, inputSource: e.inputSource, referenceOutput: e.referenceOutput, mutantOutput: e.mutantOutput, ...(e.assert ? { assert: e.assert } : {}) },
      ),
    );
  }
  const equivalent = section.survivors.filter((x) => x.verdict === 'possibly-equivalent');
  if (equivalent.length > 0) {
    out.push(
      finding('mutation', 'possibly-equivalent-mutants', 'info', `${equivalent.length} surviving mutant(s) matched the reference on every input tried (possibly equivalent)`, {
        mutants: equivalent.map((x) => x.id),
      }),
    );
  }
  if (section.trivialPasses.length > 0) {
    out.push(
      finding('mutation', 'tests-accept-trivial-solution', 'error', `the tests accept a trivial solution (${section.trivialPasses.join(', ')})`, {
        baselines: section.trivialPasses,
      }),
    );
  }
  const cov = section.coverage;
  if (cov && cov.lineRate !== null && cov.lineRate < config.lowCoverageThreshold) {
    out.push(
      finding('mutation', 'low-coverage', 'warning', `the tests execute ${cov.lines.covered} of ${cov.lines.total} lines of the reference solution`, {
        lineRate: cov.lineRate,
        branchRate: cov.branchRate,
        uncoveredLines: cov.uncoveredLines,
      }),
    );
  }
  return out;
}
