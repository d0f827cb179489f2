/**
 * Mutation runs through the sandbox, per task: run the reference solution's tests (with
 * coverage) to get its time; run the trivial baselines; run every mutant against the tests
 * (stop at the first failure, time limit max(min, factor x reference)); sort survivors by
 * differential testing on EvalPlus plus inputs, the tests' own inputs and inputs generated from
 * them. Untrusted code (solutions, mutants, baselines) runs only in the sandbox pool.
 */
import type { Finding, MutationConfig, MutationTask } from '../../model/types.generated.js';
import { cpuDecided, testsJob, WALL_BACKSTOP_FACTOR } from '../../sandbox/jobs.js';
import type { Runtime } from '../../sandbox/runtime.js';
import type { CallJob, CallOutput, JobResult, SandboxJob, TestsJob, Verdict } from '../../sandbox/types.js';
import type { Task } from '../../model/task.js';
import { finding } from '../types.js';
import { lowCoverageFinding, regionCoverage } from './coverage.js';
import type { Mutant, MutantSet, Span } from './generate.js';
import { generateInputs } from './input-mutation.js';
import { killingAssert } from './killing-assert.js';
import { propertyAccepts, propertyAssert, propertyConfirms, propertyOracleFor, sameSet, type PropertyOracle } from './property-oracle.js';
import { HASH_SEED_PROBES, mayDependOnHashSeed } from './suite-oracle.js';
import { outputValue } from './output-value.js';
import { callRepr, EVALPLUS_DEFAULT_FLOAT_ATOL, EVALPLUS_RTOL, evalplusOutputsMatch, fromJson, pyEquals, pyRepr, strRepr, type PyValue } from './py-value.js';
import type { PythonParser } from './python-parser.js';
import { countOutcomes, countsByOperator, mutationScores, type MutantOutcome, type MutantStatus, type SurvivorVerdict } from './score.js';
import { literalCallInputs, literalTestOutputs, taskTestInputs, testCallees } from './test-inputs.js';
import { brokenRules, coerceToExampleTypes, inferDomain, isPlusInputRule, type InputDomain } from './input-domain.js';
import { extractPromptExamples } from '../static/prompt-examples.js';
import { trivialCandidates } from './trivial.js';
import { buildPlusSuite, passesPlusSuite } from './plus-suite.js';
import {
  MACHINE_RETRIES,
  MachineDecided,
  machineEnded,
  REFERENCE_COUNT_ABOVE_CPU_MS,
  referenceCallKey,
  referenceInputOutcomes,
  retryingLostWorkers,
  TRACED_MIN_STEPS_PER_MS,
  UNTRACED_MAX_STEPS_PER_MS,
  type CountedOutcomeMemo,
} from './reference-inputs.js';
import {
  callStepCap,
  countedCall,
  countedCallBackstopMs,
  MAX_SLOW_INPUTS,
  referenceCountAboveMs,
  SLOW_SHARE,
  testsCallCaps,
  TESTS_LOAD_CPU_MS,
  untracedCallCpuMs,
  untracedTestsCallCpuMs,
} from './counted-calls.js';

/**
 * CPU-time limit of the reference's own test runs (the coverage-traced one is several times slower
 * than the plain one). CPU time, not wall time, so a loaded machine cannot drop a task: HumanEval/75's
 * traced run needs ~2 s of CPU and went over a 10 s wall-clock limit at load 6. A reference that
 * needs more is the execution check's business (slow/timeout).
 */
export const REFERENCE_CPU_LIMIT_MS = 30_000;
/** Wall-clock safety net of those runs (code that sleeps or blocks uses no CPU); hitting it is not a result, see below. */
export const REFERENCE_WALL_SAFETY_MS = 300_000;
/** Runs of the reference's tests whose outcome depended on the machine (wall limit, lost worker) are retried this often. */
export const REFERENCE_RETRIES = 2;
/**
 * Wall-clock limit for the reference's batch of differential-testing calls (their cost is not
 * known yet; survivors then get max(min, factor x its time)). Per-input CPU limits end ordinary
 * hangs first; this bounds hangs inside C code, which signals cannot interrupt. On expiry the
 * batch resumes after the input it was running, which is discarded.
 */
export const DIFF_BATCH_MIN_MS = 20_000;
/**
 * Line events the reference may execute, summed over the plus inputs one survivor is tried on,
 * before fewer plus inputs are used for the task: a task's plus-input limit is
 * max(SURVIVOR_PLUS_INPUTS_FLOOR, budget / the line events of the reference's costliest call on its
 * own tests), counted by the coverage run's tracer (deterministic, unlike CPU time). The costliest
 * call, not a typical one: the tests usually end with a large case, and plus inputs run larger
 * than test inputs. At ~25 ns per line event the budget is about 0.2 s of CPU per survivor. It
 * only bites where the reference does unusual work per call: on HumanEval and MBPP, HumanEval/75
 * (1.7 million lines: a triple loop over the primes below 101), /147, /36, Mbpp/901 and Mbpp/583
 * get 8 to 71 plus inputs instead of 96; every other task's costliest call stays under 55,000
 * lines (96 inputs are allowed up to 83,333).
 */
export const SURVIVOR_PLUS_LINE_BUDGET = 8_000_000;
/** Plus inputs a task keeps however costly its reference (small inputs still catch most wrong programs). */
export const SURVIVOR_PLUS_INPUTS_FLOOR = 8;
/**
 * Floor of a mutant's CPU-time limit for the benchmark's tests (the limit is max(floor, factor x
 * the reference's CPU time for the same tests); the wall-clock limit max(1 s, 10x) stays as a
 * backstop). The reference's CPU time for HumanEval's and MBPP's tests (fork to exit, compile
 * included) is ~2 ms, so the floor is over 10x that, and a hung mutant costs a fortieth of the
 * wall-clock floor. CPU time is not inflated by other load on the machine, wall time is.
 * Measured: HumanEval and MBPP keep exactly the same survivors as under the 1 s wall-clock rule
 * alone (2 of 3,693 HumanEval mutants that an assert killed after >10x the reference's CPU time
 * become timeouts; both count as detected).
 */
export const MUTANT_CPU_FLOOR_MS = 25;
/**
 * Floor of a mutant's step budget on the benchmark's tests (Python line events of its calls, summed; the
 * budget is max(floor, referenceTimeFactor x the reference's line events on the same tests)): 25 ms of CPU
 * at a typical loop's 60 k line events per ms, ~1,000x what a HumanEval reference needs for its tests. A run
 * finishing within MUTANT_STEP_FLOOR / UNTRACED_MAX_STEPS_PER_MS (7.5 ms) stands; a longer one is counted.
 */
export const MUTANT_STEP_FLOOR = 1_500_000;
/**
 * The reference's line events on the tests above which mutants and baselines are judged call by call
 * (perCallVerdict) instead of by one budget for the whole run: a counted rerun of a timed-out program traces up to
 * referenceTimeFactor x the reference's events, here at most 10 M (seconds of CPU); EvalPlus's whole suites as tests
 * need tens of millions, a minute of traced CPU per timed-out mutant. Call by call, a rerun counts only the calls its
 * untraced run could not decide. HumanEval/75's reference (a triple loop over the primes below 101) is above it.
 */
export const MUTANT_COUNTED_MAX_REFERENCE_LINES = 1_000_000;
/** CPU backstop of a counted mutant run, at least: a run still going then works in C (uncounted); past it the mutant is a timeout. */
export const MUTANT_COUNTED_BACKSTOP_MS = 30_000;
/**
 * Jobs per survivor that stop at the first output whose encoding differs from the reference's,
 * when that output turns out equal after all (floats within tolerance, 1 == 1.0); after these,
 * one job runs the remaining inputs without stopping.
 */
const MAX_STOPPING_JOBS_PER_SURVIVOR = 4;
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

/** A mutant's CPU-time limit from the reference's CPU time on the same tests: max(floor, factor x). */
export function mutantCpuLimit(referenceCpuMs: number, config: Pick<MutationConfig, 'referenceTimeFactor'>): number {
  return Math.max(MUTANT_CPU_FLOOR_MS, Math.ceil(config.referenceTimeFactor * referenceCpuMs));
}

/** A mutant's step budget on the tests from the reference's line events on them (deterministic): max(floor, factor x). */
export function mutantStepCap(referenceLines: number, config: Pick<MutationConfig, 'referenceTimeFactor'>): number {
  return Math.max(MUTANT_STEP_FLOOR, Math.ceil(config.referenceTimeFactor * referenceLines));
}

/**
 * How a program's run on the tests was decided: `fast` (untraced, within the step budget's CPU bound), `counted`,
 * or the counted run's CPU `backstop`; `cpu` (by CPU time alone) where a caller has no line events to judge by.
 */
export type DecidedBy = 'fast' | 'counted' | 'backstop' | 'cpu';

/**
 * A program's verdict on the tests, decided by its line events, not by CPU time: the untraced run (`job`, with
 * whatever CPU limit) decides only where it finished within stepCap / UNTRACED_MAX_STEPS_PER_MS of CPU, which
 * bounds the line events it executed below the budget, so a counted run would give the same verdict. Any other
 * run (a CPU or wall timeout, a slower finish, a lost worker) is run again counted: past `stepCap` line events it
 * is a timeout on any machine. A counted run that reaches its CPU backstop first worked in C; it is a timeout too,
 * marked `backstop` so that callers can report it apart.
 */
export async function countedVerdict(
  job: TestsJob,
  stepCap: number,
  run: (job: SandboxJob) => Promise<JobResult>,
): Promise<{ verdict: Verdict; decidedBy: DecidedBy }> {
  const fast = await run(job);
  const v = fast.verdict;
  const finished = v.status !== 'timeout' && !dependsOnMachine(v);
  if (finished && fast.cpuMs !== undefined && fast.cpuMs <= stepCap / UNTRACED_MAX_STEPS_PER_MS) return { verdict: v, decidedBy: 'fast' };
  const backstopMs = Math.max(MUTANT_COUNTED_BACKSTOP_MS, 2 * Math.ceil(stepCap / TRACED_MIN_STEPS_PER_MS));
  const countedJob = { ...job, candidateSteps: stepCap, cpuLimitMs: backstopMs, timeoutMs: backstopMs * WALL_BACKSTOP_FACTOR };
  const c = (await runDecided(run, countedJob)).verdict;
  if (c.status === 'timeout' && c.reason !== 'step-cap') return { verdict: { status: 'timeout', completed: c.completed }, decidedBy: 'backstop' };
  return { verdict: c, decidedBy: 'counted' };
}

/**
 * A run whose verdict decides: one the machine ended (lost worker, wall-clock backstop) is retried MACHINE_RETRIES
 * times, then MachineDecided (the caller's task is transient, never checkpointed, no finding).
 */
async function runDecided<J>(run: (job: J) => Promise<JobResult>, job: J): Promise<JobResult> {
  let r = await run(job);
  for (let retry = 0; retry < MACHINE_RETRIES && machineEnded(r.verdict); retry++) r = await run(job);
  if (machineEnded(r.verdict)) throw new MachineDecided(`a counted run was ended by the machine ${MACHINE_RETRIES + 1} times (${r.verdict.status === 'error' ? r.verdict.reason : 'wall clock'})`);
  return r;
}

/**
 * A program's verdict on the tests, decided call by call where the reference's tests run too many line events to
 * count a whole run (MUTANT_COUNTED_MAX_REFERENCE_LINES). Rule: the tests run as usual, except that a call past its
 * step cap (caps.caps[i], from the reference's count on call i; caps.rest past them) is a timeout, and so is the
 * program once MAX_SLOW_INPUTS of its calls have executed over SLOW_SHARE of their caps. Every call first runs
 * untraced under untracedTestsCallCpuMs(cap): one that finishes within it executed at most half its cap, so its answer
 * is the counted one's; one it stops (or that reports more CPU) ends the job, and the tests run again with that call
 * counted (the calls before it untraced again: same answers, the program is deterministic). A slow call never
 * finishes untraced, so which calls are slow, and where the tests stop, is the same on any machine. `untracedCpuMs`
 * (tests) lowers the untraced limits, as load would: the verdict stays the same.
 */
export async function perCallVerdict(
  job: TestsJob,
  caps: { caps: readonly number[]; rest: number },
  run: (job: SandboxJob) => Promise<JobResult>,
  options: { untracedCpuMs?: number } = {},
): Promise<{ verdict: Verdict; decidedBy: DecidedBy }> {
  const capOf = (i: number) => (i < caps.caps.length ? caps.caps[i] : caps.rest);
  const untraced = (cap: number) => Math.min(options.untracedCpuMs ?? Infinity, untracedTestsCallCpuMs(cap));
  const cpuMs = caps.caps.map(untraced);
  const cpuMsRest = untraced(caps.rest);
  const counted = new Set<number>();
  // Calls counted within their caps, with their line events: later reruns run them untraced (same call, same work).
  const known = new Map<number, number>();
  const { candidateSteps: _s, cpuLimitMs: _c, ...base } = job;
  for (;;) {
    const list = [...counted]
      .sort((a, b) => a - b)
      .map((index) => ({ index, steps: capOf(index), backstopMs: countedCallBackstopMs(capOf(index)), ...(known.has(index) ? { trace: false as const } : {}) }));
    // The wall clock only backstops programs that sleep: every CPU limit the job can use, times the usual factor.
    const cpuBound = TESTS_LOAD_CPU_MS + cpuMs.reduce((a, b) => a + b, 0) + cpuMsRest + list.reduce((a, c) => a + c.backstopMs, 0);
    const r = await runDecided(run, { ...base, cpuLimitMs: TESTS_LOAD_CPU_MS, timeoutMs: cpuBound * WALL_BACKSTOP_FACTOR, callLimits: { cpuMs, cpuMsRest, counted: list } });
    const v = r.verdict;
    for (const c of r.countedCalls ?? []) known.set(c.index, c.steps);
    // The slow calls this run executed: every call before the one that stopped it (a failing assert comes after them all).
    const reached = r.callStop?.index ?? Infinity;
    const slow = [...known].filter(([i, steps]) => i < reached && steps > SLOW_SHARE * capOf(i)).length;
    if (slow >= MAX_SLOW_INPUTS) return { verdict: { status: 'timeout', completed: v.status === 'timeout' ? v.completed : 0, reason: 'step-cap' }, decidedBy: 'counted' };
    const stop = r.callStop;
    if (stop?.by === 'cpu' && !counted.has(stop.index)) {
      counted.add(stop.index);
      continue;
    }
    if (stop?.by === 'step-cap') return { verdict: v, decidedBy: 'counted' };
    // A counted call at its CPU backstop worked in C; program code loading past its CPU limit is no call at all.
    if (stop !== undefined || (v.status === 'timeout' && v.reason !== 'step-cap')) return { verdict: { status: 'timeout', completed: v.status === 'timeout' ? v.completed : 0 }, decidedBy: 'backstop' };
    return { verdict: v, decidedBy: counted.size > 0 ? 'counted' : 'fast' };
  }
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
  return (program.endsWith('\n') ? program : program + '\n') + callHelperSuffix(entryPoint, inputs, options);
}

/** What withCallHelper appends to a program (the same for every survivor of a task: built once). */
export function callHelperSuffix(
  entryPoint: string,
  inputs: readonly PyValue[][],
  options: { contract?: string; checkContract?: readonly boolean[] } = {},
): string {
  const tuples = inputs.map((args) => `    (${args.map(pyRepr).join(', ')}${args.length === 1 ? ',' : ''}),`);
  const contract = options.contract?.trim() ? options.contract : '';
  const checked = contract ? (options.checkContract ?? []).flatMap((flag, i) => (flag ? [i] : [])) : [];
  const lines = [
    '',
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

/** Plus inputs a task's survivors are tried on: the configured limit, lowered for a reference that is costly per call (SURVIVOR_PLUS_LINE_BUDGET). */
export function plusInputLimitFor(callLines: readonly number[] | undefined, configured: number): number {
  const costliest = callLines === undefined ? 0 : callLines.reduce((a, b) => Math.max(a, b), 0);
  if (costliest <= 0) return configured;
  return Math.min(configured, Math.max(SURVIVOR_PLUS_INPUTS_FLOOR, Math.floor(SURVIVOR_PLUS_LINE_BUDGET / costliest)));
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
  const tests = taskTestInputs(parser, task);
  if (inputs !== undefined) {
    // The smallest plus inputs (by source length; ties in data order). Size tracks cost, and
    // small inputs expose wrong programs as well as big ones (the small-scope hypothesis;
    // EvalPlus's reduced HumanEval+-mini keeps its killing power with ~47x fewer tests).
    const plus = json(inputs.plus).map((args, index) => ({ args, index, size: args.map(pyRepr).join(', ').length }));
    plus.sort((a, b) => a.size - b.size || a.index - b.index);
    for (const p of plus.slice(0, config.plusInputLimit)) push('plus', coerceToExampleTypes(p.args, tests));
  }
  for (const args of tests) push('test', args);
  // The tests' one-step neighbours come first among generated inputs: they are the witnesses a second oracle
  // (near-example) can confirm without a sibling, so they are tried whatever the seed draws.
  for (const args of exampleNeighbours(tests).slice(0, NEIGHBOUR_INPUT_LIMIT)) push('generated', args);
  const seeds = tests.length > 0 ? tests : inputs !== undefined ? json(inputs.base) : [];
  for (const args of generateInputs(seeds, { seed, key: task.id, budget: config.inputBudget })) push('generated', args);
  return out;
}

/**
 * One-step neighbours of the tests' inputs tried per task (each int argument of each test input +/- 1, in test
 * order): MBPP's three asserts with two int arguments give 12; the cap bounds HumanEval's long check functions
 * to about half the generated-input budget (60).
 */
export const NEIGHBOUR_INPUT_LIMIT = 32;

/** Every input one int step from an example: one int argument +/- 1, the others unchanged (isNearExample's inputs). */
export function exampleNeighbours(examples: readonly (readonly PyValue[])[]): PyValue[][] {
  const out: PyValue[][] = [];
  for (const e of examples) {
    e.forEach((v, p) => {
      if (v.type !== 'int') return;
      for (const d of [1n, -1n]) out.push(e.map((x, q) => (q === p ? { type: 'int', value: v.value + d } : x)));
    });
  }
  return out;
}

/** Distinct int arguments the examples must pass before their largest is read as a range's top (`f(0) == 0` alone implies none). */
export const MIN_RANGE_VALUES = 2;

/**
 * The input has an int argument above the largest int argument of any example (pooled over the positions: arguments
 * of one kind, an RGB triple's channels, share a range). An example at the top of what the tests use may sit on the
 * task's upper limit (255 for a colour channel, 12 for a month): `rgb_to_hsv(256, 255, 255)` is one step from a
 * test and no colour. Steps down are bounded by the domain's sign rules where the tests imply a bound.
 */
export function isAboveExampleRange(args: readonly PyValue[], examples: readonly (readonly PyValue[])[]): boolean {
  const ints = examples.flatMap((e) => e.flatMap((v) => (v.type === 'int' ? [v.value] : [])));
  if (new Set(ints).size < MIN_RANGE_VALUES) return false;
  const max = ints.reduce((a, b) => (b > a ? b : a));
  return args.some((v) => v.type === 'int' && v.value > max);
}

/** The inputs a task's domain is inferred from: its tests' literal calls and its prompt's examples. */
export function domainExamples(parser: PythonParser, task: Task): PyValue[][] {
  const fromPrompt = extractPromptExamples(task.prompt, task.entryPoint).flatMap((e) => literalCallInputs(parser, e.call, [task.entryPoint]));
  return [...taskTestInputs(parser, task), ...fromPrompt];
}

/**
 * Checks one witness or suite candidate passed or failed before a survivor's sorting (the sibling check comes after).
 * The prompt decides which rules bind a plus input (isPlusInputRule): no caller may leave it out.
 */
export function witnessChecks(source: InputSource, args: readonly PyValue[], domain: InputDomain, hasContract: boolean, prompt: string): { passed: string[]; failed: string[] } {
  const passed: string[] = hasContract ? ['contract'] : [];
  if (source === 'test') return { passed: [...passed, 'own-test'], failed: [] };
  // EvalPlus inputs are valid by EvalPlus's contract (their JSON lists were read as the tests' tuples already):
  // only a generated input is held to the domain the tests imply.
  // Relations between arguments (`n == len(arr)`), bools among ints and, where the prompt says sorted, sortedness are
  // held to them too (isPlusInputRule): MBPP+'s contracts rarely state them.
  if (source === 'plus') {
    const broken = brokenRules(domain, args).filter((name) => isPlusInputRule(name, prompt));
    return broken.length > 0 ? { passed, failed: broken } : { passed: [...passed, 'evalplus-input'], failed: [] };
  }
  const broken = brokenRules(domain, args);
  if (broken.length > 0) return { passed, failed: broken };
  return { passed: [...passed, 'domain'], failed: [] };
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
  runInfo: { referenceMs: number; timeLimitMs: number; mutantsRun: number; jobs: number; mutantsWallMs: number; sortingWallMs: number; mutantsCounted?: number; mutantsBackstop?: number };
  /** The outcome depended on the machine (a wall-clock safety net, a lost worker): reported, never checkpointed. */
  transient?: boolean;
}

/** A verdict the machine decided rather than the program: a wall-clock timeout, or a worker or harness failure. */
export const dependsOnMachine = machineEnded;

export type Strengthened = NonNullable<MutationTask['strengthened']>;

/** What test amplification (strengthen-run.ts, injected by the check's door) needs from a task's analysis. */
export interface StrengthenContext {
  task: Task;
  /** The task carrying EvalPlus inputs (itself or its sibling). */
  plusTask: Task | undefined;
  parser: PythonParser;
  seed: number;
  region: Span;
  /** Every first-order mutant run (sampled), and the ones that survived the tests. */
  mutants: readonly Mutant[];
  survivors: readonly Mutant[];
  plusLimit: number;
  inputBudget: number;
  referenceTimeFactor: number;
  run: (job: SandboxJob) => Promise<JobResult>;
  /** The reference calls survivor sorting counted (reference-inputs.ts): the suite asks about many of the same inputs. */
  referenceCounts?: CountedOutcomeMemo;
}

export interface AnalyseTaskInput {
  /** Builds the strengthened suite (config.strengthen); absent: none is built. */
  strengthen?: (context: StrengthenContext) => Promise<Strengthened>;
  task: Task;
  /** The task carrying EvalPlus plus inputs for this problem (itself, or its sibling), if any. */
  plusTask: Task | undefined;
  mutants: MutantSet & { sampledOut: number; uncompilable: number };
  config: MutationConfig;
  seed: number;
  parser: PythonParser;
  pool: Runtime;
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

/**
 * Analyse one task end to end. Never throws for anything the programs do. Where the machine ended a run that would
 * decide something (MachineDecided), the task is skipped as transient: reported, never checkpointed, no finding.
 */
export async function analyseTask(input: AnalyseTaskInput): Promise<TaskAnalysis> {
  const jobs = { count: 0 };
  try {
    return await analyseTaskRuns(input, jobs);
  } catch (error) {
    if (!(error instanceof MachineDecided)) throw error;
    return {
      section: skipped(`the machine, not the programs, ended a run that decides a result: ${error.message}`, input.mutants),
      findings: [],
      runInfo: { referenceMs: 0, timeLimitMs: 0, mutantsRun: 0, jobs: jobs.count, mutantsWallMs: 0, sortingWallMs: 0 },
      transient: true,
    };
  }
}

async function analyseTaskRuns(input: AnalyseTaskInput, counter: { count: number }): Promise<TaskAnalysis> {
  const { task, plusTask, mutants, config, seed, parser, pool } = input;
  // Every run a lost worker ended is retried, then the task is transient (MachineDecided): no such run decides anything.
  const run = retryingLostWorkers((job: Parameters<Runtime['run']>[0]): Promise<JobResult> => {
    counter.count++;
    return pool.run(job);
  });

  // 1. The reference solution under its own tests, with coverage.
  // A second, untraced run gives the CPU time mutants are measured against (tracing for
  // coverage makes the traced run several times slower).
  const referenceRun = async (coverage: boolean): Promise<JobResult> => {
    const job = { ...testsJob(task, { ...(coverage ? { coverage } : {}), timeoutMs: REFERENCE_WALL_SAFETY_MS }), cpuLimitMs: REFERENCE_CPU_LIMIT_MS };
    let result = await run(job);
    for (let retry = 0; retry < REFERENCE_RETRIES && dependsOnMachine(result.verdict); retry++) result = await run(job);
    return result;
  };
  const [reference, untraced] = await Promise.all([referenceRun(true), referenceRun(false)]);
  if (reference.verdict.status !== 'passed') {
    return {
      section: skipped(`the reference solution does not pass its own tests: ${describeFailure(reference.verdict)}`, mutants),
      findings: [],
      runInfo: { referenceMs: reference.durationMs, timeLimitMs: 0, mutantsRun: 0, jobs: counter.count, mutantsWallMs: 0, sortingWallMs: 0 },
      // A skip the machine caused is not a result: it must not be checkpointed and reused.
      ...(dependsOnMachine(reference.verdict) ? { transient: true } : {}),
    };
  }
  const referenceCpuMs = untraced.verdict.status === 'passed' && untraced.cpuMs !== undefined ? untraced.cpuMs : reference.cpuMs;
  const cpuLimitMs = referenceCpuMs !== undefined ? mutantCpuLimit(referenceCpuMs, config) : undefined;
  // With a CPU limit, the wall clock is only a backstop for programs that sleep: load must not decide killed vs timeout.
  const timeLimitMs = Math.max(mutantTimeLimit(reference.durationMs, config), cpuLimitMs !== undefined ? cpuLimitMs * WALL_BACKSTOP_FACTOR : 0);
  // The mutants' step budget: from the reference's line events on the tests (the coverage run's count, deterministic).
  const callLines = reference.coverage?.callLines ?? [];
  const referenceLines = callLines.reduce((a, b) => a + b, 0);
  // Above MUTANT_COUNTED_MAX_REFERENCE_LINES, call by call with caps from the reference's count per call.
  const judge = (job: TestsJob): Promise<{ verdict: Verdict; decidedBy: DecidedBy }> =>
    referenceLines <= MUTANT_COUNTED_MAX_REFERENCE_LINES
      ? countedVerdict(job, mutantStepCap(referenceLines, config), run)
      : perCallVerdict(job, testsCallCaps(callLines, config.referenceTimeFactor), run);
  const coverage = reference.coverage ? regionCoverage(parser, task.solution, mutants.region, reference.coverage) : undefined;

  // 2. Trivial baselines and 3. mutants, all queued at once.
  const trivial = trivialCandidates(parser, task.solution, task.entryPoint);
  const mutantsStarted = performance.now();
  const [trivialResults, mutantResults] = await Promise.all([
    // Line events decide a baseline's verdict, as a mutant's (its CPU limit only bounds the untraced run): load cannot time out one that passes.
    Promise.all(trivial.map((c) => judge({ ...testsJob(task, { candidate: c.source, ...cpuDecided(config.minTimeLimitMs) }), cpuLimitMs: config.minTimeLimitMs }))),
    Promise.all(
      mutants.mutants.map((m) => {
        const job = testsJob(task, { candidate: m.source, timeoutMs: timeLimitMs });
        // The CPU limit only makes the untraced run cheap: killed, survived or timeout is decided by line events.
        return judge(cpuLimitMs !== undefined ? { ...job, cpuLimitMs } : job);
      }),
    ),
  ]);
  const statuses = mutantResults.map((r) => mutantStatus(r.verdict));
  const mutantsCounted = mutantResults.filter((r) => r.decidedBy === 'counted' || r.decidedBy === 'backstop').length;
  const mutantsBackstop = mutantResults.filter((r) => r.decidedBy === 'backstop').length;
  // A benchmark with its own EvalPlus suite (HumanEval+, MBPP+) judges programs by it: what passes
  // the original asserts must also pass every base and plus input to survive or count as a pass.
  const suite = task.inputs ? await buildPlusSuite(task, run) : undefined;
  let trivialPasses = trivial.filter((_, i) => trivialResults[i].verdict.status === 'passed');
  if (suite) {
    const survivedIdx = statuses.flatMap((s, i) => (s === 'survived' ? [i] : []));
    const [mutantPasses, trivialSuite] = await Promise.all([
      Promise.all(survivedIdx.map((i) => passesPlusSuite(task, suite, mutants.mutants[i].source, run))),
      Promise.all(trivialPasses.map((c) => passesPlusSuite(task, suite, c.source, run))),
    ]);
    survivedIdx.forEach((i, k) => {
      if (!mutantPasses[k]) statuses[i] = 'killed';
    });
    trivialPasses = trivialPasses.filter((_, k) => trivialSuite[k]);
  }

  // 4. Survivors: differential testing against the reference.
  const survivorMutants = mutants.mutants.filter((_, i) => statuses[i] === 'survived');
  const sortingStarted = performance.now();
  const mutantsWallMs = sortingStarted - mutantsStarted;
  const plusLimit = plusInputLimitFor(reference.coverage?.callLines, config.plusInputLimit);
  const referenceCounts: CountedOutcomeMemo = new Map();
  const diff = survivorMutants.length > 0 ? await sortSurvivors(input, survivorMutants, reference.durationMs, plusLimit, run, referenceCounts) : undefined;
  const survivors: SurvivorRecord[] = survivorMutants.map((m) => diff?.records.get(m.id) ?? { mutant: m, verdict: 'unsorted' });
  const strengthened =
    input.strengthen && config.strengthen !== false
      ? await input.strengthen({
          task,
          plusTask: input.plusTask,
          parser,
          seed,
          region: mutants.region,
          mutants: mutants.mutants,
          survivors: survivorMutants,
          plusLimit,
          inputBudget: config.inputBudget,
          referenceTimeFactor: config.referenceTimeFactor,
          run,
          referenceCounts,
        })
      : undefined;

  const outcomes: MutantOutcome[] = mutants.mutants.map((m, i) => ({
    operator: m.operator,
    status: statuses[i],
    ...(statuses[i] === 'survived' ? { verdict: survivors.find((s) => s.mutant.id === m.id)?.verdict ?? 'unsorted' } : {}),
  }));
  const counts = countOutcomes(outcomes);
  const scores = mutationScores(counts);
  const verdictOrder: Record<SurvivorVerdict, number> = { killable: 0, unconfirmed: 1, 'possibly-equivalent': 2, unsorted: 3 };
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
    trivialPasses: trivialPasses.map((c) => c.baseline),
    ...(suite ? { evalplusSuite: { inputs: suite.inputs.length } } : {}),
    ...(diff ? { inputs: diff.inputCounts } : {}),
    ...(coverage ? { coverage } : {}),
    ...(strengthened ? { strengthened } : {}),
  };
  const sortingWallMs = performance.now() - sortingStarted;
  return {
    section,
    findings: taskFindings(section, config),
    runInfo: { referenceMs: reference.durationMs, timeLimitMs, mutantsRun: mutants.mutants.length, jobs: counter.count, mutantsWallMs, sortingWallMs, mutantsCounted, mutantsBackstop },
  };
}

export interface ReferenceOutput {
  output: Extract<CallOutput, { status: 'returned' }>;
  /** Parsed lazily: only survivors whose output differs need it. */
  value: () => PyValue | undefined;
}

export type DiffHit = { index: number; text: string };

async function sortSurvivors(
  input: AnalyseTaskInput,
  survivors: readonly Mutant[],
  referenceMs: number,
  plusLimit: number,
  run: (job: CallJob) => Promise<JobResult>,
  referenceCounts: CountedOutcomeMemo,
): Promise<{ records: Map<string, SurvivorRecord>; inputCounts: NonNullable<MutationTask['inputs']> }> {
  const { task, plusTask, config, seed, parser } = input;
  const candidates = differentialInputs(parser, task, plusTask, { plusInputLimit: plusLimit, inputBudget: config.inputBudget }, seed);
  const records = new Map<string, SurvivorRecord>();
  const inputCounts: NonNullable<MutationTask['inputs']> = { plusLimit, plus: 0, test: 0, generated: 0, discarded: 0 };
  if (candidates.length === 0) return { records, inputCounts };
  const contract = plusTask?.inputs?.contract ?? task.inputs?.contract ?? '';
  const callJob = (program: string, inputs: readonly DiffInput[], timeoutMs: number, suffix: string): CallJob => ({
    kind: 'call',
    program: {
      candidate: (program.endsWith('\n') ? program : program + '\n') + suffix,
      setup: task.setupCode,
      imports: task.imports,
    },
    entryPoint: CALL_HELPER,
    inputs: inputs.map((_, i) => [i]),
    timeoutMs,
  });

  // The reference on the candidate inputs, once per task: outputs, their digests and times.
  // Inputs it does not answer (raises, violates the contract, runs past REFERENCE_INPUT_STEP_CAP
  // line events) are discarded, as are the undecided ones (reference-inputs.ts). Generated inputs
  // must also satisfy the EvalPlus contract when the task has one. Plus inputs run in a job of
  // their own, the tests' and generated ones in another.
  const refWall = Math.max(DIFF_BATCH_MIN_MS, mutantTimeLimit(referenceMs, config));
  let undecided = 0;
  const runReference = async (first: number, inputs: readonly DiffInput[]): Promise<number> => {
    // Every input is held to the contract: EvalPlus's own plus inputs include some that break it (HumanEval/32 `[0, 0]`).
    const suffix = callHelperSuffix(task.entryPoint, inputs.map((i) => i.args), { contract, checkContract: inputs.map(() => true) });
    const job: CallJob = { ...callJob(task.solution, inputs, refWall, suffix), digests: true };
    // Counted above the time that could need more than the survivors' step floor: their caps come from these counts.
    const memo = { outcomes: referenceCounts, keyOf: (i: number) => referenceCallKey(task, contract, inputs[i].args) };
    const r = await referenceInputOutcomes(run, job, { countAboveCpuMs: Math.min(REFERENCE_COUNT_ABOVE_CPU_MS, referenceCountAboveMs(config.referenceTimeFactor)), memo });
    for (const [i, o] of r.outputs) refOutputs.set(first + i, o);
    undecided += r.undecided;
    return r.firstPassMs;
  };
  const refOutputs = new Map<number, CallOutput>();
  const plusCount = candidates.filter((c) => c.source === 'plus').length;
  const refTimes = await Promise.all([
    plusCount > 0 ? runReference(0, candidates.slice(0, plusCount)) : 0,
    plusCount < candidates.length ? runReference(plusCount, candidates.slice(plusCount)) : 0,
  ]);
  const refMs = refTimes[0] + refTimes[1];
  const answered: { input: DiffInput; ref: ReferenceOutput; checks: WitnessChecks }[] = [];
  // Every input the reference answers is used. Survivors try them in candidate order (plus first:
  // EvalPlus-validated evidence). Nothing here depends on timing: the reference's inputs are decided by line events.
  const testOutputs = literalTestOutputs(parser, task);
  const domain = inferDomain(domainExamples(parser, task), { patterns: new Set(testOutputs.map(pyRepr)).size !== 1 });
  const hasContract = contract.trim() !== '';
  for (let i = 0; i < candidates.length; i++) {
    const o = refOutputs.get(i);
    if (o?.status !== 'returned') continue;
    let parsed: { v: PyValue | undefined } | undefined;
    const ref = { output: o, value: () => (parsed ??= { v: outputValue(parser, o) }).v };
    answered.push({ input: candidates[i], ref, checks: witnessChecks(candidates[i].source, candidates[i].args, domain, hasContract, task.prompt) });
  }
  inputCounts.discarded = candidates.length - answered.length;
  if (undecided > 0) inputCounts.undecided = undecided;
  for (const a of answered) inputCounts[a.input.source]++;
  if (answered.length === 0) return { records, inputCounts };
  const atol = plusTask?.inputs?.atol ?? task.inputs?.atol ?? 0;
  // Set-valued tasks whose tests compare no literal are judged as sets, as their suites are (property-oracle.ts).
  const property = witnessOracle(plusTask, testOutputs);
  const same = sameAnswer(property, atol);
  if (property) checkWitnessProperty(answered, property);
  else checkOutputKinds(answered, testOutputs);
  const sibling = plusTask !== undefined && plusTask !== task ? plusTask : undefined;
  if (sibling) await confirmWithSibling(sibling, answered, same, parser, refWall, run, referenceCounts);
  const examples = domainExamples(parser, task);
  checkSecondOracle(answered, { examples, testOutputs, prompt: task.prompt });
  await confirmOrderFree(task, answered, domain, examples, same, parser, refWall, run, referenceCounts);
  // The expected value is the audited reference's answer under seed 0: it must be the same under the other seeds.
  if (!property) await confirmSeedFree(task, answered, atol, parser, refWall, run, referenceCounts);
  // Witnesses that passed every check come first, so a survivor's first difference is a confirmed one when it has any.
  const ordered = [...answered.filter((a) => a.checks.failed.length === 0), ...answered.filter((a) => a.checks.failed.length > 0)];
  const valid = ordered.map((a) => a.input);
  const expected = ordered.map((a) => a.ref);

  // Survivors: each input gets a step cap from the reference's line events on it (counted-calls.ts); the untraced
  // run's CPU limit only sends a call to the counter. The wall-clock backstop is the usual rule on the reference's time.
  const callee = testCallees(task)[0];
  const stepCaps = expected.map((e) => callStepCap(e.output.steps, config.referenceTimeFactor));
  const cpuLimits = stepCaps.map(untracedCallCpuMs);
  const wallLimit = Math.max(mutantTimeLimit(refMs, config), WALL_BACKSTOP_FACTOR * cpuLimits.reduce((a, b) => a + b, 0));
  const digests = expected.map((e) => e.output.digest ?? null);
  const sameOutput = (o: Extract<CallOutput, { status: 'returned' }>, i: number): boolean => {
    const exp = expected[i];
    if (o.digest !== undefined && o.digest === exp.output.digest) return true;
    const ev = exp.value();
    const mv = outputValue(parser, o);
    // A set-eq survivor's answer the sandbox cannot read is no kill (propertyAccepts): a kill is never invented.
    if (property && ev !== undefined && propertyConfirms(property, valid[i].args, ev)) return propertyAccepts(property, valid[i].args, ev, mv);
    // Opaque outputs (objects by repr, complex numbers, digests of large values) are equal only when encoded alike.
    return ev !== undefined && mv !== undefined ? same(valid[i].args, ev, mv) || intFloatAgree(ev, mv, atol) : JSON.stringify(o.value) === JSON.stringify(exp.output.value);
  };

  const survivorSuffix = callHelperSuffix(task.entryPoint, valid.map((i) => i.args));
  const firstDifference = (m: Mutant) => survivorFirstDifference(run, callJob(m.source, valid, wallLimit, survivorSuffix), { stepCaps, digests, sameOutput });

  const results = await Promise.all(survivors.map(firstDifference));
  survivors.forEach((m, k) => {
    const { hit, complete } = results[k];
    if (hit === undefined) {
      records.set(m.id, { mutant: m, verdict: complete ? 'possibly-equivalent' : 'unsorted' });
      return;
    }
    const chosen = valid[hit.index];
    const exp = expected[hit.index];
    const checks = ordered[hit.index].checks;
    const confirmed = checks.failed.length === 0;
    const ev = confirmed ? exp.value() : undefined;
    records.set(m.id, {
      mutant: m,
      verdict: confirmed ? 'killable' : 'unconfirmed',
      evidence: {
        input: callRepr(callee, chosen.args),
        inputSource: chosen.source,
        referenceOutput: exp.output.repr,
        mutantOutput: hit.text,
        ...(ev !== undefined ? { assert: property ? propertyAssert(property, callee, chosen.args, ev) : killingAssert({ callee, args: chosen.args, expected: ev, atol }) } : {}),
        checks,
      },
    });
  });
  return { records, inputCounts };
}

/**
 * The first input on which a survivor differs from the reference (in input order), or why none was found. Decided
 * by line events: an untraced call that the CPU limit stops (or the job's wall clock) is run again counted; past its
 * step cap it is a timeout (evidence: the mutant needs over factor x the reference's work), within it its answer
 * decides. After MAX_SLOW_INPUTS slow inputs the survivor is left unsorted. The untraced run's CPU limits
 * (`cpuLimits`, for tests; each clamped to untracedCallCpuMs of its cap, the most that keeps it sound) only move
 * work between the two runs: any limits, so any load, give the same answer.
 */
export async function survivorFirstDifference(
  run: (job: CallJob) => Promise<JobResult>,
  base: CallJob,
  limits: { stepCaps: readonly number[]; cpuLimits?: readonly number[]; digests: readonly (string | null)[]; sameOutput: (o: Extract<CallOutput, { status: 'returned' }>, i: number) => boolean },
): Promise<{ hit?: DiffHit; complete: boolean; slow: number }> {
  const count = base.inputs.length;
  const cpuLimits = limits.stepCaps.map((cap, i) => Math.min(limits.cpuLimits?.[i] ?? Infinity, untracedCallCpuMs(cap)));
  let slow = 0;
  const differs = (o: CallOutput): DiffHit | undefined => {
    if (o.status === 'returned' && !limits.sameOutput(o, o.index)) return { index: o.index, text: o.repr };
    if (o.status === 'raised') return { index: o.index, text: `${o.exception}: ${o.message}` };
    return undefined;
  };
  /** Input i, which the untraced run left undecided, counted: a hit, `same`, or `stop` (undecided, or too many slow inputs). */
  const counted = async (i: number): Promise<DiffHit | 'same' | 'stop'> => {
    const c = await countedCall(run, base, i, limits.stepCaps[i]);
    if (c.output === undefined) return 'stop';
    if (c.output.status === 'timeout') return { index: i, text: 'timeout' };
    const hit = differs(c.output);
    if (hit) return hit;
    if (c.output.status !== 'returned') return 'stop';
    return c.slow && ++slow >= MAX_SLOW_INPUTS ? 'stop' : 'same';
  };
  for (let start = 0, jobs = 0; start < count; jobs++) {
    const stopping = jobs < MAX_STOPPING_JOBS_PER_SURVIVOR;
    const result = await run({
      ...base,
      perInputCpuMs: cpuLimits,
      expectDigests: [...limits.digests],
      ...(stopping ? { stopOnDifference: true } : {}),
      ...(start > 0 ? { startIndex: start } : {}),
    });
    let next = start;
    for (const o of result.outputs as CallOutput[]) {
      if (o.index !== next) break;
      if (o.status === 'timeout') {
        const r = await counted(next);
        if (r === 'stop') return { complete: false, slow };
        if (r !== 'same') return { hit: r, complete: true, slow };
        next++;
        continue;
      }
      if ((o.status === 'returned' || o.status === 'raised') && 'cpuMs' in o && o.cpuMs !== undefined && o.cpuMs > cpuLimits[next]) {
        // The CPU timer overshot its limit: the answer may come from past the untraced share, so count it.
        const r = await counted(next);
        if (r === 'stop') return { complete: false, slow };
        if (r !== 'same') return { hit: r, complete: true, slow };
        next++;
        continue;
      }
      const hit = differs(o);
      if (hit) return { hit, complete: true, slow };
      if (o.status !== 'same' && o.status !== 'returned') return { complete: false, slow };
      next++;
    }
    if (result.verdict.status === 'timeout' && next < count) {
      // The job's wall clock ended it: the input without an output is counted like any other.
      const r = await counted(next);
      if (r === 'stop') return { complete: false, slow };
      if (r !== 'same') return { hit: r, complete: true, slow };
      start = next + 1;
      continue;
    }
    if (result.verdict.status !== 'passed') return { complete: false, slow };
    if (next === start) return { complete: false, slow }; // no progress: do not loop
    start = next;
  }
  return { complete: true, slow };
}

const isIntOrFloat = (v: PyValue): v is Extract<PyValue, { type: 'int' | 'float' }> => v.type === 'int' || v.type === 'float';

/**
 * An int answer where the reference answers a float (or the reverse), equal within EvalPlus's tolerance (atol, else
 * its float default, plus its rtol), element by element in lists and tuples: no difference. The tests compare with
 * `==`, which does not tell 10 from 10.0, and a sum of squares computed exactly (`//`) is no wrong answer beside the
 * reference's rounded float (Mbpp/267 `square_Sum(999999)`: 1333329333336999999 against 1.333329333337e+18).
 */
export function intFloatAgree(expected: PyValue, actual: PyValue, atol: number): boolean {
  const tolerance = atol === 0 ? EVALPLUS_DEFAULT_FLOAT_ATOL : atol;
  let mixed = false;
  const close = (e: PyValue, a: PyValue): boolean => {
    if (isIntOrFloat(e) && isIntOrFloat(a)) {
      if (e.type !== a.type) mixed = true;
      const y = Number(e.value);
      return Math.abs(Number(a.value) - y) <= tolerance + EVALPLUS_RTOL * Math.abs(y);
    }
    if ((e.type === 'list' || e.type === 'tuple') && a.type === e.type) return a.items.length === e.items.length && a.items.every((x, i) => close(e.items[i], x));
    return pyEquals(e, a);
  };
  return close(expected, actual) && mixed;
}

export type WitnessChecks = { passed: string[]; failed: string[]; siblingOutput?: string };

/** Kinds of result that compare equal in Python tests (`== 1` holds for 1.0 and True). */
function outputKind(v: PyValue): string {
  return v.type === 'int' || v.type === 'float' || v.type === 'bool' ? 'number' : v.type;
}

/**
 * The reference's answer on a witness must be the kind of value the tests expect (Mbpp/83's reference returns
 * `122` where every test expects a letter): otherwise the answer is a bug or undefined, not evidence.
 */
export function checkOutputKinds(answered: readonly { ref: ReferenceOutput; checks: WitnessChecks }[], testOutputs: readonly PyValue[]): void {
  if (testOutputs.length === 0) {
    // Tests that never compare an answer to a literal judge it by a property (HumanEval/32: poly(xs, x) is about 0,
    // any root will do) or up to order (`set(f(x)) == ...`): an equality assert on the reference's answer could
    // reject a right one, so no witness is confirmed.
    for (const a of answered) if (a.checks.failed.length === 0) a.checks.failed.push('literal-oracle');
    return;
  }
  const kinds = new Set(testOutputs.map(outputKind));
  const isNum = (v: PyValue) => v.type === 'int' || v.type === 'float';
  const numeric = (v: PyValue) => (v.type === 'int' ? Number(v.value) : v.type === 'float' ? v.value : NaN);
  const nonNegative = testOutputs.every((v) => isNum(v) && numeric(v) >= 0);
  for (const a of answered) {
    if (a.checks.failed.length > 0) continue;
    const v = a.ref.value();
    if (v === undefined) continue;
    if (kinds.has(outputKind(v))) a.checks.passed.push('output-kind');
    else {
      a.checks.failed.push('output-kind');
      continue;
    }
    // Every test expects a count, index or size (>= 0) and the reference answers a generated input with a negative
    // number: the `-1` of "none found", an input outside the task's precondition (no odd-occurring element, no prime
    // factor of 1), whose answer the task does not define.
    if (a.checks.passed.includes('domain') && nonNegative && isNum(v) && numeric(v) < 0) a.checks.failed.push('output-sign');
    else if (a.checks.passed.includes('domain') && nonNegative) a.checks.passed.push('output-sign');
  }
}

/** An empty or None answer: what a reference returns where the task defines nothing (no vowel, no even element). */
export function isDegenerateOutput(v: PyValue): boolean {
  if (v.type === 'none') return true;
  if (v.type === 'str') return v.value === '';
  if (v.type === 'dict') return v.entries.length === 0;
  return (v.type === 'list' || v.type === 'tuple' || v.type === 'set') && v.items.length === 0;
}

/** Prompt wording that defines an empty or None answer of a type (`Return None if ...`, `return an empty list`). */
const DEGENERATE_IN_PROMPT: Partial<Record<PyValue['type'], RegExp>> = {
  none: /\bNone\b/,
  str: /empty string|""|''/i,
  list: /empty list|\[\]/i,
  tuple: /empty tuple|\(\)/i,
  set: /empty set|set\(\)/i,
  dict: /empty dict|\{\}/i,
};

/**
 * The generated input is one step from an example (a test input or a prompt example): every argument equal to the
 * example's but one int, which is off by one. That is the boundary a `>=` -> `>` mutant moves, and its answer is the
 * one the tests' own rule gives one step further, where the task is defined: the example beside it is.
 */
export function isNearExample(args: readonly PyValue[], examples: readonly (readonly PyValue[])[]): boolean {
  return examples.some((e) => {
    if (e.length !== args.length) return false;
    let steps = 0;
    for (let p = 0; p < e.length; p++) {
      const a = args[p];
      const b = e[p];
      if (pyRepr(a) === pyRepr(b)) continue;
      if (a.type !== 'int' || b.type !== 'int' || (a.value - b.value !== 1n && b.value - a.value !== 1n)) return false;
      steps++;
    }
    return steps === 1;
  });
}

/**
 * Evidence for a generated input needs a second oracle: its expected value is only the audited reference's own
 * answer, and the hand-checked sample found those wrong about a third of the time (a wrong reference nobody
 * checks, an input on which the prompt leaves the answer open). A generated witness is confirmed only when the
 * sibling benchmark's reference agrees (`sibling-agrees`) or it is one off-by-one step from an example that stays
 * within the examples' int range (`near-example`; above it: `near-example-range`); otherwise it fails `second-oracle`.
 * Either way an empty or None answer that neither the tests
 * nor the prompt ever show fails `degenerate-output`: the sibling may share the convention for an undefined case.
 */
export function checkSecondOracle(
  answered: readonly { input: DiffInput; ref: ReferenceOutput; checks: WitnessChecks }[],
  task: { examples: readonly (readonly PyValue[])[]; testOutputs: readonly PyValue[]; prompt: string },
): void {
  const shownEmpty = new Set(task.testOutputs.filter(isDegenerateOutput).map((v) => v.type));
  for (const a of answered) {
    if (a.input.source !== 'generated' || a.checks.failed.length > 0) continue;
    const v = a.ref.value();
    if (v !== undefined && isDegenerateOutput(v) && !shownEmpty.has(v.type) && !(DEGENERATE_IN_PROMPT[v.type]?.test(task.prompt) ?? false)) {
      a.checks.failed.push('degenerate-output');
      continue;
    }
    if (a.checks.passed.includes('sibling-agrees')) continue;
    if (!isNearExample(a.input.args, task.examples)) a.checks.failed.push('second-oracle');
    else if (isAboveExampleRange(a.input.args, task.examples)) a.checks.failed.push('near-example-range');
    else a.checks.passed.push('near-example');
  }
}

/**
 * `program`'s reference on every argument list, which inputs it answers decided by line events
 * (referenceInputOutcomes); outputs by input index. With `hashSeed`, under that PYTHONHASHSEED and without the memo
 * (its keys hold no seed).
 */
async function referenceCalls(
  program: Pick<Task, 'entryPoint' | 'solution' | 'setupCode' | 'imports'>,
  args: readonly PyValue[][],
  wallMs: number,
  run: (job: CallJob) => Promise<JobResult>,
  referenceCounts: CountedOutcomeMemo,
  hashSeed?: number,
): Promise<Map<number, CallOutput>> {
  const suffix = callHelperSuffix(program.entryPoint, args);
  const job: CallJob = {
    kind: 'call',
    program: { candidate: (program.solution.endsWith('\n') ? program.solution : program.solution + '\n') + suffix, setup: program.setupCode, imports: program.imports },
    entryPoint: CALL_HELPER,
    inputs: args.map((_, i) => [i]),
    timeoutMs: wallMs,
    digests: true,
  };
  // Line events decide whether the reference answers (reference-inputs.ts); an input it leaves undecided has no output.
  if (hashSeed !== undefined) return (await referenceInputOutcomes(run, { ...job, hashSeed })).outputs;
  return (await referenceInputOutcomes(run, job, { memo: { outcomes: referenceCounts, keyOf: (i) => referenceCallKey(program, '', args[i]) } })).outputs;
}

/**
 * Run the sibling benchmark's reference (HumanEval+ for HumanEval, MBPP+ for MBPP) on the inputs that passed
 * every other check: where it answers differently, or not at all, the audited reference's output is not
 * confirmed and the input is no witness (HumanEval/140 `'  '`: the original gives `'_'`, HumanEval+ `'__'`).
 */
async function confirmWithSibling(
  sibling: Task,
  answered: { input: DiffInput; ref: ReferenceOutput; checks: WitnessChecks }[],
  same: SameAnswer,
  parser: PythonParser,
  wallMs: number,
  run: (job: CallJob) => Promise<JobResult>,
  referenceCounts: CountedOutcomeMemo,
): Promise<void> {
  const todo = answered.filter((a) => a.checks.failed.length === 0);
  if (todo.length === 0) return;
  const outputs = await referenceCalls(sibling, todo.map((a) => a.input.args), wallMs, run, referenceCounts);
  todo.forEach((a, i) => {
    const o = outputs.get(i);
    let agrees = false;
    if (o?.status === 'returned') {
      a.checks.siblingOutput = o.repr;
      if (o.digest !== undefined && o.digest === a.ref.output.digest) agrees = true;
      else {
        const mine = a.ref.value();
        const theirs = outputValue(parser, o);
        agrees = mine !== undefined && theirs !== undefined ? same(a.input.args, theirs, mine) : JSON.stringify(a.ref.output.value) === JSON.stringify(o.value);
      }
    } else if (o?.status === 'raised') a.checks.siblingOutput = `${o.exception}: ${o.message}`;
    else a.checks.siblingOutput = o?.status ?? 'not-run';
    if (agrees) a.checks.passed.push('sibling-agrees');
    else a.checks.failed.push('sibling-disagrees');
  });
}

/** Test inputs whose answer must survive reversal before a task counts as order-insensitive (one proves no pattern). */
export const MIN_ORDER_TESTS = 2;

/**
 * The list and tuple arguments a permutation may reorder: a list or tuple in every example, never sorted in all of
 * them (a sorted input's order is part of its contract: `sorted-*` rules), positions chosen once per task.
 */
export function reorderablePositions(examples: readonly (readonly PyValue[])[], domain: InputDomain): number[] {
  if (examples.length === 0) return [];
  const sortedAt = new Set(domain.rules.flatMap((r) => (/^sorted-(ascending|descending):\d+$/.test(r.name) ? [Number(r.name.split(':')[1])] : [])));
  return examples[0].flatMap((_, p) => (!sortedAt.has(p) && examples.every((e) => e[p]?.type === 'list' || e[p]?.type === 'tuple') ? [p] : []));
}

/** The input with every reorderable list or tuple reversed, or undefined where that changes nothing (a palindrome). */
export function reversedInput(args: readonly PyValue[], positions: readonly number[]): PyValue[] | undefined {
  const out = args.map((v, p) => (positions.includes(p) && (v.type === 'list' || v.type === 'tuple') ? { ...v, items: [...v.items].reverse() } : v));
  return out.some((v, p) => pyRepr(v) !== pyRepr(args[p])) ? out : undefined;
}

/**
 * Ties the prompt does not break. Where the reference's answer to every test input (at least MIN_ORDER_TESTS of
 * them) survives reversing the list arguments, the order of the elements is not part of the task; a witness whose
 * answer changes under the same reversal is an input where the reference breaks a tie by position, and the
 * mutant's other answer may be as right (HumanEval/20 `[1.0, 1.2, 1.4]`: both pairs are 0.2 apart). Such a witness
 * fails `order-tie`. Pure: `same(i)` says whether candidate i's answer survived reversal (undefined: not reversed).
 */
export function checkOrderTies(
  answered: readonly { input: { source: InputSource }; checks: WitnessChecks }[],
  same: (i: number) => boolean | undefined,
): void {
  const tests = answered.flatMap((a, i) => (a.input.source === 'test' ? [same(i)] : [])).filter((x) => x !== undefined);
  if (tests.length < MIN_ORDER_TESTS || !tests.every((x) => x)) return;
  answered.forEach((a, i) => {
    if (a.input.source === 'test' || a.checks.failed.length > 0) return;
    if (same(i) === false) a.checks.failed.push('order-tie');
  });
}

/**
 * What the reference runs reversed for checkOrderTies: every test input and every still-confirmed witness that
 * reversal changes (`reverse(i)`, undefined: unchanged), by index; none where fewer than MIN_ORDER_TESTS test inputs
 * change, since the rule would then stay off. Pure; both languages' witness paths use it.
 */
export function orderTieProbes<T>(answered: readonly { input: { source: InputSource }; checks: WitnessChecks }[], reverse: (i: number) => T | undefined): { i: number; reversed: T }[] {
  const todo = answered.flatMap((a, i) => {
    if (a.input.source !== 'test' && a.checks.failed.length > 0) return [];
    const reversed = reverse(i);
    return reversed !== undefined ? [{ i, reversed }] : [];
  });
  return todo.filter((t) => answered[t.i].input.source === 'test').length < MIN_ORDER_TESTS ? [] : todo;
}

/** Run the reference on the reversed copies of the test inputs and the still-confirmed witnesses, then checkOrderTies. */
async function confirmOrderFree(
  task: Task,
  answered: { input: DiffInput; ref: ReferenceOutput; checks: WitnessChecks }[],
  domain: InputDomain,
  examples: readonly (readonly PyValue[])[],
  same: SameAnswer,
  parser: PythonParser,
  wallMs: number,
  run: (job: CallJob) => Promise<JobResult>,
  referenceCounts: CountedOutcomeMemo,
): Promise<void> {
  const positions = reorderablePositions(examples, domain);
  if (positions.length === 0) return;
  const todo = orderTieProbes(answered, (i) => reversedInput(answered[i].input.args, positions));
  if (todo.length === 0) return;
  const outputs = await referenceCalls(task, todo.map((t) => t.reversed), wallMs, run, referenceCounts);
  const sameAt = new Map<number, boolean>();
  todo.forEach((t, k) => {
    const o = outputs.get(k);
    const a = answered[t.i];
    if (o?.status !== 'returned') {
      // The reversed copy raised or hung: the order mattered to the reference (a timeout says nothing either way).
      if (o?.status === 'raised') sameAt.set(t.i, false);
      return;
    }
    if (o.digest !== undefined && o.digest === a.ref.output.digest) return sameAt.set(t.i, true);
    const mine = a.ref.value();
    const theirs = outputValue(parser, o);
    sameAt.set(t.i, mine !== undefined && theirs !== undefined ? same(a.input.args, mine, theirs) : JSON.stringify(a.ref.output.value) === JSON.stringify(o.value));
  });
  checkOrderTies(answered, (i) => sameAt.get(i));
}

/** Do two read answers on `args` count as one (`expected` the reference's)? */
export type SameAnswer = (args: readonly PyValue[], expected: PyValue, other: PyValue) => boolean;

/**
 * The property a task's witnesses are judged by, where not by equality: set-eq where EvalPlus names it for the task
 * carrying its data and the tests compare no literal (propertyOracleFor, as for suites). find-zero is the suites'
 * alone: its witnesses stay `literal-oracle`.
 */
export function witnessOracle(plusTask: Pick<Task, 'id' | 'entryPoint' | 'inputs'> | undefined, testOutputs: readonly PyValue[]): PropertyOracle | undefined {
  const oracle = propertyOracleFor(plusTask, testOutputs.length > 0);
  return oracle?.name === 'set-eq' ? oracle : undefined;
}

/**
 * The witnesses' comparison: with a property, as it judges (set-eq: `set(other) == set(expected)`, another order is
 * the same answer) wherever `expected` can stand as its expected value; elsewhere EvalPlus's equality, and for set-eq
 * also the same set (an answer holding a float: EvalPlus compares the sets first, so equal sets are no difference).
 */
export function sameAnswer(oracle: PropertyOracle | undefined, atol: number): SameAnswer {
  return (args, expected, other) => {
    if (oracle !== undefined && propertyConfirms(oracle, args, expected)) return propertyAccepts(oracle, args, expected, other);
    return evalplusOutputsMatch(expected, other, atol) || (oracle?.name === 'set-eq' && sameSet(expected, other));
  };
}

/**
 * The property replaces the kind check (literal-oracle): the reference's answer must be one the property can stand
 * on as the expected value (set-eq: a collection `set()` takes, holding no float), else the witness fails it.
 */
export function checkWitnessProperty(answered: readonly { input: { args: readonly PyValue[] }; ref: { value: () => PyValue | undefined }; checks: WitnessChecks }[], oracle: PropertyOracle): void {
  for (const a of answered) {
    if (a.checks.failed.length > 0) continue;
    const v = a.ref.value();
    if (v !== undefined && propertyConfirms(oracle, a.input.args, v)) a.checks.passed.push(oracle.name);
    else a.checks.failed.push(oracle.name);
  }
}

/**
 * An equality assert's expected value must not be an order one PYTHONHASHSEED chose (MBPP+'s /579, `tuple(set(a) ^
 * set(b))` on strings): the reference that gave it runs again under HASH_SEED_PROBES on the still-confirmed inputs
 * whose arguments or answer hold a str, decided by line events as its first run; an input it answers otherwise
 * there (another value, a raise, past the step cap) fails `hash-seed`; one it leaves undecided keeps its checks.
 * As for suites (strengthen-run.ts); a property judges no order, so its witnesses skip this.
 */
async function confirmSeedFree(
  task: Task,
  answered: { input: DiffInput; ref: ReferenceOutput; checks: WitnessChecks }[],
  atol: number,
  parser: PythonParser,
  wallMs: number,
  run: (job: CallJob) => Promise<JobResult>,
  referenceCounts: CountedOutcomeMemo,
): Promise<void> {
  const pending = answered.filter((a) => {
    const v = a.checks.failed.length === 0 ? a.ref.value() : undefined;
    return v !== undefined && mayDependOnHashSeed(a.input.args, v);
  });
  if (pending.length === 0) return;
  const args = pending.map((a) => a.input.args);
  const probes = await Promise.all(HASH_SEED_PROBES.map((seed) => referenceCalls(task, args, wallMs, run, referenceCounts, seed)));
  pending.forEach((a, k) => {
    const moved = probes.some((outputs) => {
      const o = outputs.get(k);
      if (o === undefined) return false;
      if (o.status !== 'returned') return true;
      if (o.digest !== undefined && o.digest === a.ref.output.digest) return false;
      const theirs = outputValue(parser, o);
      const mine = a.ref.value();
      return !(mine !== undefined && theirs !== undefined ? evalplusOutputsMatch(mine, theirs, atol) : JSON.stringify(a.ref.output.value) === JSON.stringify(o.value));
    });
    if (moved) a.checks.failed.push('hash-seed');
  });
}

/** Why failed witness checks leave a survivor unconfirmed, for a reader of the finding. */
const FAILED_CHECK_REASONS: Record<string, string> = {
  'second-oracle': 'a generated input whose expected value only the audited reference gives: no sibling reference confirms it and it is not one step from an example',
  'near-example-range': 'a generated input one step from an example, but above the largest int any example passes: it may leave the range the task implies (a colour channel past 255)',
  'degenerate-output': 'the reference answers an empty or None value that neither the tests nor the prompt show: the task likely leaves this case open',
  'sibling-disagrees': "the sibling benchmark's reference answers differently",
  'output-kind': 'the reference answers a kind of value the tests never expect',
  'output-sign': 'the reference answers a negative number where every test expects one >= 0 (a "none found" value)',
  'literal-oracle': 'the tests judge answers by a property, not by a literal value',
  'order-tie': "the reference's answer changes when the list arguments are reversed, which changes no test's answer: a tie the task does not break",
  'hash-seed': 'the reference answers otherwise under another PYTHONHASHSEED (an order taken from a set of strings): no one expected value holds',
  'set-eq': "the task's answers are judged as sets, and the reference's answer is none `set()` can take exactly (not a collection of hashable elements, or one holding a float)",
};

export function whyUnconfirmed(failed: readonly string[]): string {
  return failed.map((f) => FAILED_CHECK_REASONS[f] ?? `outside the input domain the tests and prompt imply (${f})`).join('; ');
}

/** A task's mutation findings from its section (pure; the same for every language). */
export function taskFindings(section: MutationTask, config: MutationConfig): Finding[] {
  const out: Finding[] = [];
  for (const s of section.survivors.filter((x) => x.verdict === 'killable').slice(0, config.killableFindingsPerTask)) {
    const e = s.evidence!;
    out.push(
      finding(
        'mutation',
        'killable-survivor',
        'warning',
        `the tests accept a wrong solution: ${s.operator} at line ${s.line} (${JSON.stringify(s.original)} -> ${JSON.stringify(s.replacement)}) differs from the reference on ${e.input}`,
        { mutant: s.id, diff: s.diff, input: e.input, inputSource: e.inputSource, referenceOutput: e.referenceOutput, mutantOutput: e.mutantOutput, ...(e.assert ? { assert: e.assert } : {}), ...(e.checks ? { checks: e.checks } : {}) },
      ),
    );
  }
  const unconfirmed = section.survivors.filter((x) => x.verdict === 'unconfirmed');
  if (unconfirmed.length > 0) {
    out.push(
      finding('mutation', 'unconfirmed-survivors', 'info', `${unconfirmed.length} surviving mutant(s) differ from the reference only on inputs whose evidence failed a check (no assert offered)`, {
        mutants: unconfirmed.map((x) => ({
          id: x.id,
          input: x.evidence?.input,
          inputSource: x.evidence?.inputSource,
          failed: x.evidence?.checks?.failed ?? [],
          why: whyUnconfirmed(x.evidence?.checks?.failed ?? []),
        })),
      }),
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
  const low = lowCoverageFinding(section, config);
  if (low) out.push(low);
  return out;
}
