/**
 * Test amplification, the half that runs programs (all through the sandbox Runtime, many calls per
 * job): candidate inputs (the tests', the prompt's examples, EvalPlus inputs, generated and boundary
 * inputs inside the inferred domain) on the confirmed reference (the sibling's corrected one where a
 * sibling is linked, else the task's own when no oracle contradicts it); the wrong programs
 * (every first-order mutant run, sampled higher-order mutants, plausible-mistake mutants, the
 * audited reference where the sibling corrects it), each in one job on the confirmed inputs until N_DETECT kill it; coverage of the
 * reference's branches; then the greedy choice (strengthen.ts). Every limit that decides an outcome is CPU time.
 * Where the tests compare no literal and EvalPlus names a property (property-oracle.ts), inputs are confirmed, wrong
 * programs judged and asserts written by that property instead of equality.
 */
import type { Task } from '../../model/task.js';
import { programFor } from '../../sandbox/jobs.js';
import type { CallJob, CallOutput, JobResult } from '../../sandbox/types.js';
import { branchOutcomes, coverageModel } from './coverage.js';
import { generateMutants } from './generate.js';
import { brokenRules, coerceToExampleTypes, inferDomain, isPlusInputRule } from './input-domain.js';
import { killingAssert } from './killing-assert.js';
import { propertyAccepts, propertyAssert, propertyConfirms, propertyOracleFor } from './property-oracle.js';
import { mutationOperators } from './operators/index.js';
import { outputValue } from './output-value.js';
import { callRepr, evalplusOutputsMatch, fromJson, pyRepr, strRepr, type PyValue } from './py-value.js';
import type { PythonParser } from './python-parser.js';
import {
  CALL_HELPER,
  callHelperSuffix,
  checkOutputKinds,
  differentialInputs,
  domainExamples,
  REFERENCE_WALL_SAFETY_MS,
  witnessChecks,
  type ReferenceOutput,
  type StrengthenContext,
  type Strengthened,
  type WitnessChecks,
} from './run.js';
import { answersUniquely, anchoredAnswer, EQUIVARIANCE_PROBES, equivarianceShift, equivariantOnExamples, intsOf, promptStatesSign, referenceCase, shiftedArgs, strippedArgs, waivableRules, waivedBy, wordEdgeSpaces, wordTextPositions } from './suite-domain.js';
import { brokenFormats, dictReorderings, formatRules, HASH_SEED_PROBES, mayDependOnHashSeed, offFormat, singleSeparatorPositions, whitespaceRuns } from './suite-oracle.js';
import { boundaryInputs, higherOrderMutants, INPUT_CLASS_FILL, inputClasses, N_DETECT, selectByCoverage, selectByInputClass, selectByKills, STRENGTHEN_MAX_INPUTS, suiteSummary } from './strengthen.js';
import { literalCallInputs, literalTestOutputs, taskTestInputs, testCallees } from './test-inputs.js';
import { extractPromptExamples } from '../static/prompt-examples.js';
import { seededRandom } from '../../util/random.js';
import { REFERENCE_COUNT_ABOVE_CPU_MS, referenceCallKey, referenceInputOutcomes, type CountedOutcomeMemo } from './reference-inputs.js';
import { callStepCap, countedCall, referenceCountAboveMs, untracedCallCpuMs } from './counted-calls.js';

type Source = Strengthened['inputs'][number]['inputSource'];

/** Inputs whose coverage is traced one by one when the chosen suite misses a reachable branch outcome (the first ones in preference order). */
export const COVERAGE_PROBE_INPUTS = 32;
/**
 * Line events traced per input when the suite's branch cover is measured; past it the call ends and the branches
 * it reached count. HumanEval/55's and /63's EvalPlus inputs run millions of events each (a traced job of them ran
 * past 30 s of CPU). Measured on the first 64 base+plus inputs of all 164 HumanEval+ tasks: the median task's
 * costliest input runs 28 events, the 90th percentile 445, 3 tasks pass 100,000, and every task reaches the same
 * arcs as under a 20 M cap.
 */
export const COVERAGE_INPUT_STEPS = 100_000;
/** CPU backstop of one traced call: the step cap takes ~70 ms at the slowest traced rate (1.5 M events/s); a call still running at this works in C. */
export const COVERAGE_INPUT_CPU_BACKSTOP_MS = 2_000;
/** Wall-clock safety net of one batch (sleeping code uses no CPU); an input it stops decides nothing. */
const BATCH_WALL_SAFETY_MS = 600_000;
/**
 * Confirmed inputs every wrong program is run on first (a seeded sample beyond this; it stops at N_DETECT kills); only
 * a program none of them kills is run on the others (within the size cut): bounds the suite's cost for the many
 * programs the sample kills (on HumanEval ~170 inputs are confirmed per task); HumanEval+-Mini keeps ~16 inputs per
 * task out of ~760 with the same killing power.
 */
export const STRENGTHEN_CANDIDATE_CAP = 64;
/** Boundary inputs outside the strict domain kept per task at most: each costs the reference two calls (itself and its anchor). */
export const SUITE_DOMAIN_BUDGET = 16;
/** Plus inputs past the size cut where the sibling corrects the reference, kept per task: N_DETECT, as many as a wrong program is killed by. */
export const CORRECTED_BEYOND_LIMIT = N_DETECT;
/** Preference among equally good inputs: the tests' and the prompt's own first, then EvalPlus's, then ours. */
const SOURCE_RANK: Record<Source, number> = { test: 0, prompt: 1, plus: 2, boundary: 3, generated: 4 };

export type StrengthenInput = StrengthenContext;

interface Candidate {
  source: Source;
  args: PyValue[];
  /** Strict domain rules this boundary input breaks that the suite domain waives (suite-domain.ts): its answer needs a deciding check. */
  waived?: string[];
}

interface Confirmed {
  candidate: Candidate;
  expected: PyValue;
  digest: string | undefined;
  /** The reference's line events on the input where they were counted (counted-calls.ts: where they could exceed the step floor). */
  steps: number | undefined;
  checks: WitnessChecks;
}

interface WrongProgram {
  id: string;
  kind: 'survivor' | 'mutant' | 'higher-order' | 'plausible-mistake' | 'reference';
  source: string;
}

/** The candidate inputs, deduplicated, in preference order (source, then size, then discovery order). */
export function strengthenCandidates(parser: PythonParser, task: Task, plusTask: Task | undefined, options: { plusLimit: number; inputBudget: number; seed: number }): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const push = (source: Source, args: PyValue[], waived?: string[]): void => {
    const key = args.map(pyRepr).join(', ');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ source, args, ...(waived ? { waived } : {}) });
  };
  const diff = differentialInputs(parser, task, plusTask, { plusInputLimit: options.plusLimit, inputBudget: options.inputBudget }, options.seed);
  for (const d of diff) if (d.source === 'test') push('test', d.args);
  for (const e of extractPromptExamples(task.prompt, task.entryPoint)) for (const args of literalCallInputs(parser, e.call, [task.entryPoint])) push('prompt', args);
  for (const d of diff) if (d.source === 'plus') push('plus', d.args);
  const testOutputs = literalTestOutputs(parser, task);
  const examples = domainExamples(parser, task);
  const domain = inferDomain(examples, { patterns: new Set(testOutputs.map(pyRepr)).size !== 1 });
  for (const args of boundaryInputs(examples, domain)) push('boundary', args);
  // Then boundary inputs the suite domain admits beyond the strict one (suite-domain.ts), each deciding check pending.
  const waivable = waivableRules(domain, task.prompt);
  if (waivable.size > 0) {
    for (const args of boundaryInputs(examples, domain, (a) => waivedBy(domain, waivable, a) !== undefined, SUITE_DOMAIN_BUDGET)) push('boundary', args, waivedBy(domain, waivable, args));
  }
  for (const d of diff) if (d.source === 'generated') push('generated', d.args);
  const size = (c: Candidate) => c.args.map(pyRepr).join(', ').length;
  return out.map((c, i) => ({ c, i })).sort((a, b) => SOURCE_RANK[a.c.source] - SOURCE_RANK[b.c.source] || size(a.c) - size(b.c) || a.i - b.i).map((x) => x.c);
}

/**
 * Where the size cut (plusLimit) hides every EvalPlus input on which the sibling corrects the audited reference, the
 * smallest CORRECTED_BEYOND_LIMIT of those past it: the cut keeps the smallest inputs, and a reference can be wrong
 * only on large ones (HumanEval/123 halves n as a float: 118 of its 139 are smaller than the first it gets wrong) or
 * rare ones (HumanEval/125 on `'as,words,,a'`: 261 of 804 are smaller). Both references run on every plus input, decided by line events.
 */
async function correctedBeyondLimit(
  run: StrengthenInput['run'],
  parser: PythonParser,
  task: Task,
  sibling: Task,
  candidates: readonly Candidate[],
  contract: string,
  agree: (args: readonly PyValue[], theirs: ReturnedOutput, mine: ReturnedOutput) => boolean,
  referenceCounts: CountedOutcomeMemo,
): Promise<PyValue[][]> {
  const rows = sibling.inputs?.plus ?? [];
  const seen = new Set(candidates.map((c) => c.args.map(pyRepr).join(', ')));
  const tests = taskTestInputs(parser, task);
  const plus = rows
    .map((row) => row.map(fromJson))
    .filter((row): row is PyValue[] => row.every((v) => v !== undefined))
    .map((row, index) => {
      const args = coerceToExampleTypes(row, tests);
      return { args, index, key: args.map(pyRepr).join(', ') };
    })
    .sort((a, b) => a.key.length - b.key.length || a.index - b.index);
  if (plus.length === 0) return [];
  const inputs = plus.map((r) => r.args);
  const outcomes = (t: Task) =>
    referenceInputOutcomes(run, { ...callJobFor(t, t.solution, inputs, { contract, checkContract: true }), digests: true }, { memo: { outcomes: referenceCounts, keyOf: (i) => referenceCallKey(t, contract, inputs[i]) } });
  const [own, theirs] = await Promise.all([outcomes(task), outcomes(sibling)]);
  const out: PyValue[][] = [];
  for (let i = 0; i < inputs.length && out.length < CORRECTED_BEYOND_LIMIT; i++) {
    const o = own.outputs.get(i);
    const s = theirs.outputs.get(i);
    if (o?.status !== 'returned' || o.promoted || s?.status !== 'returned' || s.promoted || agree(inputs[i], s, o)) continue;
    if (seen.has(plus[i].key)) return [];
    out.push(inputs[i]);
  }
  return out;
}

function callJobFor(task: Task, program: string, inputs: readonly PyValue[][], options: { contract?: string; checkContract?: boolean }): CallJob {
  const suffix = callHelperSuffix(task.entryPoint, inputs, options.checkContract && options.contract ? { contract: options.contract, checkContract: inputs.map(() => true) } : {});
  return {
    kind: 'call',
    program: { ...programFor(task, (program.endsWith('\n') ? program : program + '\n') + suffix) },
    entryPoint: CALL_HELPER,
    inputs: inputs.map((_, i) => [i]),
    timeoutMs: BATCH_WALL_SAFETY_MS,
  };
}

/**
 * The call helper of a wrong program's job: each input as the text of its argument tuple, evaluated only when
 * called. A job usually ends after a few kills (N_DETECT), so compiling every input up front (~3 ms for a task's
 * 64) cost more than the calls; the arguments are the same values as the literal would give, fresh per call.
 */
function lazyCallSuffix(entryPoint: string, inputs: readonly PyValue[][]): string {
  const texts = inputs.map((args) => `    ${strRepr(`(${args.map(pyRepr).join(', ')}${args.length === 1 ? ',' : ''})`)},`);
  return ['', '', `def ${CALL_HELPER}(i):`, `    return ${entryPoint}(*eval(${LAZY_INPUTS_NAME}[i], globals()))`, '', '', `${LAZY_INPUTS_NAME} = [`, ...texts, ']', ''].join('\n');
}
const LAZY_INPUTS_NAME = '__bench_audit_input_texts__';

/** Jobs per wrong program at most (a job ends at N_DETECT kills; a difference the tolerance accepts, or a lost job, starts another). */
export const MAX_KILL_JOBS = 4;
/**
 * Slow inputs (counted-calls.ts: over SLOW_SHARE of the step cap, a count-only event) after which a wrong program is
 * not run further: its kills so far stand. One: a program that hangs costs one counted call (seconds of traced CPU)
 * instead of N_DETECT of them, and a timeout is never a kill.
 */
export const MAX_SLOW_INPUTS_PER_WRONG_PROGRAM = 1;

/**
 * The inputs (indexes into `confirmed`, from `order`, run in that order) on which `program` is wrong: it raises or
 * returns another value than the confirmed expected one within its step cap; only the first `detect` of them. A
 * call the untraced run's CPU limit (or the job's wall clock) stops is counted (counted-calls.ts): past its cap it
 * is slow, not wrong (a timeout proves no different answer), and the program stops there. The
 * n-detect cover (selectByKills) asks no more of a wrong program than min(N_DETECT, its killing inputs) kills, so
 * knowing the first N_DETECT keeps its guarantee (each wrong program killed that many times by the suite), while a
 * program stops being run once it is known to be wrong enough: one job per program, a few calls for most (the
 * mutants the tests kill are wrong on most inputs). A program that hangs costs at most `detect` CPU limits.
 */
async function killingInputs(
  run: StrengthenInput['run'],
  parser: PythonParser,
  task: Task,
  program: string,
  order: readonly number[],
  confirmed: readonly Confirmed[],
  stepCaps: readonly number[],
  accepts: (i: number, got: PyValue | undefined) => boolean,
  detect: number,
): Promise<Set<number>> {
  const killed = new Set<number>();
  if (order.length === 0) return killed;
  const body = program.endsWith('\n') ? program : program + '\n';
  const job: CallJob = {
    kind: 'call',
    program: programFor(task, body + lazyCallSuffix(task.entryPoint, order.map((i) => confirmed[i].candidate.args))),
    entryPoint: CALL_HELPER,
    inputs: order.map((_, k) => [k]),
    timeoutMs: BATCH_WALL_SAFETY_MS,
    perInputCpuMs: order.map((i) => untracedCallCpuMs(stepCaps[i])),
    expectDigests: order.map((i) => confirmed[i].digest ?? null),
  };
  const wrongAt = (o: CallOutput, i: number): boolean => {
    if (o.status === 'raised') return true;
    if (o.status !== 'returned') return false;
    return !accepts(i, outputValue(parser, o));
  };
  // Outputs the tolerance accepts count as differences in the sandbox: after one, the rest runs in one job.
  let tolerated = false;
  let slow = 0;
  /** Job input k, which the untraced run left undecided, counted: false when the program is not run further. */
  const counted = async (k: number): Promise<boolean> => {
    const c = await countedCall(run, job, k, stepCaps[order[k]]);
    if (c.output === undefined) return false;
    if (c.output.status !== 'timeout' && wrongAt(c.output, order[k]) && killed.size < detect) killed.add(order[k]);
    return !(c.slow && ++slow >= MAX_SLOW_INPUTS_PER_WRONG_PROGRAM);
  };
  for (let start = 0, jobs = 0; start < order.length && killed.size < detect && jobs < MAX_KILL_JOBS; ) {
    const r = await run({ ...job, ...(tolerated ? {} : { stopAfterDifferences: detect - killed.size }), ...(start > 0 ? { startIndex: start } : {}) });
    const outputs = r.outputs as CallOutput[];
    let next = start;
    // A job that the untraced CPU limit cut short (a counted call) is not one of MAX_KILL_JOBS: load must not decide where the program stops.
    let countedAny = false;
    for (const o of outputs) {
      if (killed.size >= detect) break;
      if (o.status === 'timeout') {
        countedAny = true;
        if (!(await counted(o.index))) return killed;
      } else if (wrongAt(o, order[o.index])) killed.add(order[o.index]);
      else if (o.status === 'returned') tolerated = true;
      next = Math.max(next, o.index + 1);
    }
    // A program that does not even load fails every assert: the first input stands for them.
    if (r.verdict.status === 'failed' && outputs.length === 0) {
      killed.add(order[start]);
      break;
    }
    // The wall clock ended the job: the input after the last output is counted like any other. A lost worker decides nothing; go on after it.
    if (r.verdict.status === 'timeout' && next < order.length && killed.size < detect) {
      countedAny = true;
      if (!(await counted(next))) return killed;
      next += 1;
    } else if (r.verdict.status === 'error') next += 1;
    if (!countedAny) jobs++;
    else if (r.verdict.status !== 'passed') break;
    if (next <= start) break;
    start = next;
  }
  return killed;
}

/**
 * The coverage job: the reference called on `inputs`, traced, each call cut after COVERAGE_INPUT_STEPS line events
 * (the branches it reached by then count). A count, not CPU time, ends a call, so the cover is the same on any machine.
 */
function coverageJob(task: Task, inputs: readonly PyValue[][]): CallJob {
  return {
    ...callJobFor(task, task.solution, inputs, {}),
    coverage: true,
    perInputSteps: COVERAGE_INPUT_STEPS,
    perInputCpuMs: COVERAGE_INPUT_CPU_BACKSTOP_MS,
    timeoutMs: REFERENCE_WALL_SAFETY_MS,
  };
}

/** The traced job's coverage, unless a call ran into the CPU backstop (work in C: where it stopped is the machine's doing). */
function decidedCoverage(r: JobResult): JobResult['coverage'] {
  if (r.verdict.status !== 'passed') return undefined;
  const backstopped = (r.outputs as CallOutput[]).some((o) => o.status === 'timeout' && o.reason !== 'step-cap');
  return backstopped ? undefined : r.coverage;
}

/** Build the task's strengthened suite. Never throws for anything the programs do. */
export async function strengthenTask(input: StrengthenInput): Promise<Strengthened> {
  const { task, plusTask, parser, run } = input;
  // Counted reference calls, shared with survivor sorting where the analysis passes them (its generated inputs are asked again here).
  const referenceCounts: CountedOutcomeMemo = input.referenceCounts ?? new Map();
  const candidates = strengthenCandidates(parser, task, plusTask, { plusLimit: input.plusLimit, inputBudget: input.inputBudget, seed: input.seed });
  const contract = plusTask?.inputs?.contract ?? task.inputs?.contract ?? '';
  const atol = plusTask?.inputs?.atol ?? task.inputs?.atol ?? 0;
  const sibling = plusTask !== undefined && plusTask !== task ? plusTask : undefined;
  const testOutputs = literalTestOutputs(parser, task);
  // Tests that compare no answer to a literal judge it by a property: where EvalPlus names it for the task, the
  // suite judges by it (property-oracle.ts); elsewhere such a task gets no suite (checkOutputKinds: literal-oracle).
  const property = propertyOracleFor(plusTask, testOutputs.length > 0);
  /** Does the audited reference's answer (`mine`) pass where the answering reference's (`theirs`) does? */
  const agree = (a: readonly PyValue[], theirs: ReturnedOutput, mine: ReturnedOutput): boolean => {
    if (!property) return outputsAgree(parser, theirs, mine, atol);
    if (theirs.digest !== undefined && theirs.digest === mine.digest) return true;
    const t = outputValue(parser, theirs);
    // Where the answering reference's answer cannot be an expected value (a root that is none), it decides nothing (as evalplusAccepts reads EvalPlus).
    return t === undefined || !propertyConfirms(property, a, t) || propertyAccepts(property, a, t, outputValue(parser, mine));
  };
  const beyond = new Set<Candidate>();
  if (sibling) {
    for (const a of await correctedBeyondLimit(run, parser, task, sibling, candidates, contract, agree, referenceCounts)) beyond.add({ source: 'plus', args: a });
    candidates.push(...beyond);
  }
  const args = candidates.map((c) => c.args);
  const examples = domainExamples(parser, task);
  const domain = inferDomain(examples, { patterns: new Set(testOutputs.map(pyRepr)).size !== 1 });
  // The suite domain's anchors: the task's own reference on each example x and x + C, and on each relaxed y + C.
  // Inputs with a negative number where every test answer is a non-negative number: the output-sign check may refuse
  // their answer, which the same anchor can decide where the prompt states no sign.
  const isNonNegativeNumber = (v: PyValue) => (v.type === 'int' && v.value >= 0n) || (v.type === 'float' && v.value >= 0);
  const signAnchored = new Set(
    testOutputs.length > 0 && testOutputs.every(isNonNegativeNumber) && !promptStatesSign(task.prompt)
      ? candidates.flatMap((c, i) => ((c.source === 'boundary' || c.source === 'generated') && !c.waived && intsOf(c.args).some((x) => x < 0n) ? [i] : [])).slice(0, SUITE_DOMAIN_BUDGET)
      : [],
  );
  const relaxed = [...candidates.flatMap((c, i) => (c.waived?.some((w) => !w.startsWith('distinct:')) ? [i] : [])), ...signAnchored];
  const shift = equivarianceShift(examples, relaxed.map((i) => args[i]));
  // The symmetry is checked on the examples and on the first in-domain inputs (the reference is trusted there).
  const probes = [...new Map([...examples, ...candidates.filter((c) => c.source === 'boundary' && !c.waived && !signAnchored.has(candidates.indexOf(c))).map((c) => c.args).slice(0, EQUIVARIANCE_PROBES)].map((x) => [x.map(pyRepr).join(', '), x])).values()];
  const anchorArgs: PyValue[][] = [];
  const anchorAt = new Map<number, number>();
  const exampleAt: [number, number][] = [];
  if (shift !== undefined) {
    for (const i of relaxed) {
      const yc = shiftedArgs(args[i], shift);
      if (yc) anchorAt.set(i, args.length + anchorArgs.push(yc) - 1);
    }
    for (const x of probes) {
      const xc = shiftedArgs(x, shift);
      if (!xc) break;
      exampleAt.push([args.length + anchorArgs.push([...x]) - 1, args.length + anchorArgs.push(xc) - 1]);
    }
  }
  // Without a sibling the task's own reference is the suite's oracle (suite-oracle.ts): its answer on each input
  // with a dict is also asked with the dict's keys reordered.
  const reorderAt = new Map<number, number[]>();
  if (!sibling) {
    candidates.forEach((c, i) => {
      if (c.source === 'test') return;
      const at = dictReorderings(c.args).map((r) => args.length + anchorArgs.push(r) - 1);
      if (at.length > 0) reorderAt.set(i, at);
    });
  }
  // Which inputs a reference answers is decided by line events, not CPU time (reference-inputs.ts).
  // The audited reference is also counted wherever its line events could set a wrong program's step cap above the floor.
  const countAboveCpuMs = Math.min(REFERENCE_COUNT_ABOVE_CPU_MS, referenceCountAboveMs(input.referenceTimeFactor));
  const refOutputs = async (t: Task, extra: readonly PyValue[][] = []) =>
    (
      await referenceInputOutcomes(run, { ...callJobFor(t, t.solution, [...args, ...extra], { contract, checkContract: true }), digests: true }, {
        ...(t === task ? { countAboveCpuMs } : {}),
        memo: { outcomes: referenceCounts, keyOf: (i) => referenceCallKey(t, contract, i < args.length ? args[i] : extra[i - args.length]) },
      })
    ).outputs;
  // With a sibling: inputs whose only broken rule is whitespace at the edge of a text of words, and the sibling's
  // answer on them stripped (suite-domain.ts, edge-space-stripped).
  const strippedAt = new Map<number, number>();
  const siblingExtra: PyValue[][] = [];
  if (sibling) {
    const wordText = wordTextPositions(examples);
    candidates.forEach((c, i) => {
      if (c.source === 'test' || c.source === 'prompt' || wordText.length === 0) return;
      const at = wordEdgeSpaces(
        brokenRules(domain, c.args).filter((r) => c.source !== 'plus' || isPlusInputRule(r, task.prompt)),
        wordText,
      );
      if (at) strippedAt.set(i, args.length + siblingExtra.push(strippedArgs(c.args, at)) - 1);
    });
  }
  const [own, theirs] = await Promise.all([refOutputs(task, anchorArgs), sibling ? refOutputs(sibling, siblingExtra) : Promise.resolve(undefined)]);
  const ownValue = (i: number): PyValue | undefined => {
    const o = own.get(i);
    return o?.status === 'returned' && !o.promoted ? outputValue(parser, o) : undefined;
  };
  const equivariant =
    shift !== undefined &&
    exampleAt.length === probes.length &&
    equivariantOnExamples(
      probes,
      exampleAt.map(([a, b]) => {
        const fa = ownValue(a);
        const fb = ownValue(b);
        return fa !== undefined && fb !== undefined ? ([fa, fb] as [PyValue, PyValue]) : undefined;
      }),
      shift,
      atol,
    );
  /** The suite domain's deciding checks for a candidate that breaks waived rules (undefined: undecided). */
  const decide = (i: number, c: Candidate, answer: PyValue | undefined): string[] | undefined => {
    if (answer === undefined) return undefined;
    const passed: string[] = [];
    const signs = (c.waived ?? []).filter((w) => !w.startsWith('distinct:'));
    if (signs.length > 0) {
      const fy = ownValue(i);
      const at = anchorAt.get(i);
      const fyc = at === undefined ? undefined : ownValue(at);
      // A case the reference names decides the sign rules' arguments, never the answer's sign (output-sign).
      const refused = [...new Set(signs.flatMap((w) => /^(?:positive|non-negative):(\d+)$/.exec(w)?.[1] ?? []).map(Number))];
      if (equivariant && shift !== undefined && fy !== undefined && fyc !== undefined && anchoredAnswer(domain, c.args, shift, fy, fyc, atol)) passed.push('translation-equivariant');
      else if (refused.length === signs.length && referenceCase(task.prompt + task.solution, task.entryPoint, c.args, refused)) passed.push('reference-case');
      else return undefined;
    }
    if ((c.waived ?? []).some((w) => w.startsWith('distinct:'))) {
      if (!answersUniquely(task.prompt, answer)) return undefined;
      passed.push('prompt-duplicates');
    }
    return [...passed, 'suite-domain'];
  };

  // Which reference answers: the sibling's corrected one where linked, else the task's own.
  const hasContract = contract.trim() !== '';
  const byFailedCheck: Record<string, number> = {};
  const fail = (why: string) => (byFailedCheck[why] = (byFailedCheck[why] ?? 0) + 1);
  const answered: { candidate: Candidate; ref: ReferenceOutput; checks: WitnessChecks; ownDiffers: boolean }[] = [];
  // The own reference as the oracle: where the tests use whitespace one character at a time, and which answer the
  // tests give inputs off a format the prompt names (the reference passes its tests: its answers there are theirs).
  const separators = sibling ? [] : singleSeparatorPositions(examples);
  const formats = sibling
    ? []
    : formatRules(
        task.prompt,
        candidates.flatMap((c, i) => {
          const v = c.source === 'test' ? ownValue(i) : undefined;
          return v === undefined ? [] : [{ args: c.args, answer: v }];
        }),
      );
  const ownOracleChecks = (i: number, c: Candidate, answer: PyValue | undefined, checks: WitnessChecks): void => {
    if (sibling || c.source === 'test' || answer === undefined) return;
    const at = reorderAt.get(i);
    if (at !== undefined) {
      const mine = own.get(i);
      const same = at.every((k) => {
        const o = own.get(k);
        return mine?.status === 'returned' && o?.status === 'returned' && outputsAgree(parser, mine, o, atol);
      });
      if (same) checks.passed.push('dict-order');
      else checks.failed.push('dict-order');
    }
    for (const p of whitespaceRuns(c.args, separators)) checks.failed.push(`whitespace-run:${p}`);
    const broken = brokenFormats(formats, c.args, answer);
    for (const r of broken) checks.failed.push(`prompt-format:${r.position}`);
    if (broken.length === 0 && offFormat(formats, c.args)) checks.passed.push('prompt-format');
  };
  candidates.forEach((c, i) => {
    const o = (theirs ?? own).get(i);
    if (o?.status !== 'returned' || o.promoted) return void fail('not-answered');
    // Prompt examples and the tests' inputs are the domain's own examples.
    const base = witnessChecks(c.source === 'prompt' ? 'test' : c.source === 'boundary' ? 'generated' : c.source, c.args, domain, hasContract, task.prompt);
    const checks: WitnessChecks = { passed: base.passed.map((p) => (p === 'own-test' && c.source === 'prompt' ? 'prompt-example' : p)), failed: base.failed };
    const stripped = strippedAt.get(i);
    if (stripped !== undefined && theirs && checks.failed.every((f) => f.startsWith('edge-space:'))) {
      const s = theirs.get(stripped);
      if (s?.status === 'returned' && !s.promoted && outputsAgree(parser, o, s, atol)) {
        checks.failed = [];
        checks.passed.push(...(c.source === 'plus' ? ['evalplus-input'] : []), 'edge-space-stripped');
      }
    }
    let parsed: { v: PyValue | undefined } | undefined;
    const ref: ReferenceOutput = { output: o, value: () => (parsed ??= { v: outputValue(parser, o) }).v };
    if (c.waived) {
      // Only the waived rules are broken (strengthenCandidates): a deciding check replaces them, or the input goes.
      const decided = decide(i, c, ref.value());
      checks.failed = base.failed.filter((f) => !c.waived!.includes(f));
      if (decided === undefined) checks.failed.push(`suite-domain:${c.waived[0]}`);
      else checks.passed.push(...decided);
    }
    ownOracleChecks(i, c, ref.value(), checks);
    let ownDiffers = false;
    if (sibling) {
      const mine = own.get(i);
      const same = mine?.status === 'returned' && agree(c.args, o, mine);
      ownDiffers = !same;
      checks.passed.push(same ? 'sibling-agrees' : 'sibling-corrected');
      if (!same) checks.siblingOutput = o.repr;
    }
    answered.push({ candidate: c, ref, checks, ownDiffers });
  });
  if (property) {
    // The property replaces the kind check: the answering reference's answer must be one it can judge by on each input.
    for (const a of answered) {
      if (a.checks.failed.length > 0) continue;
      const v = a.ref.value();
      if (v !== undefined && propertyConfirms(property, a.candidate.args, v)) a.checks.passed.push(property.name);
      else a.checks.failed.push(property.name);
    }
  } else checkOutputKinds(answered, testOutputs);
  answered.forEach((a) => {
    const i = candidates.indexOf(a.candidate);
    if (!signAnchored.has(i) || a.checks.failed.length !== 1 || a.checks.failed[0] !== 'output-sign') return;
    const decided = decide(i, { ...a.candidate, waived: ['output-sign'] }, a.ref.value());
    if (decided !== undefined) {
      a.checks.failed = [];
      a.checks.passed.push(...decided);
    }
  });
  // An equality assert holds only where the answer is the same under every PYTHONHASHSEED: the answering reference
  // runs again under HASH_SEED_PROBES on the inputs where a str could move it (suite-oracle.ts), decided by line
  // events as the first run; an input it answers otherwise there (another value, a raise, past the step cap) is left
  // out (`hash-seed`); one it leaves undecided is kept. A property judges no order (set-eq) or no str (find-zero).
  if (!property) {
    const pending = answered.filter((a) => {
      const v = a.checks.failed.length === 0 ? a.ref.value() : undefined;
      return v !== undefined && mayDependOnHashSeed(a.candidate.args, v);
    });
    const answering = sibling ?? task;
    const job = { ...callJobFor(answering, answering.solution, pending.map((a) => a.candidate.args), { contract, checkContract: true }), digests: true };
    const probes = pending.length === 0 ? [] : await Promise.all(HASH_SEED_PROBES.map(async (hashSeed) => (await referenceInputOutcomes(run, { ...job, hashSeed })).outputs));
    pending.forEach((a, k) => {
      const moved = probes.some((outputs) => {
        const o = outputs.get(k);
        return o !== undefined && !(o.status === 'returned' && !o.promoted && outputsAgree(parser, a.ref.output, o, atol));
      });
      if (moved) a.checks.failed.push('hash-seed');
    });
  }
  const confirmed: Confirmed[] = [];
  const ownDiffersAt: number[] = [];
  for (const a of answered) {
    if (a.checks.failed.length > 0) {
      fail(a.checks.failed[0]);
      continue;
    }
    const v = a.ref.value();
    if (v === undefined) {
      fail('opaque-output');
      continue;
    }
    if (a.ownDiffers) ownDiffersAt.push(confirmed.length);
    confirmed.push({ candidate: a.candidate, expected: v, digest: a.ref.output.digest, steps: a.ref.output.steps, checks: a.checks });
  }

  // The wrong programs: every first-order mutant run (survivors of the tests and the ones they kill: a suite that
  // kills only the survivors adds nothing where none survive, yet models make the mistakes the tests happen to
  // catch in other forms), higher-order and plausible-mistake mutants, and the audited reference where the sibling
  // corrects it.
  const survived = new Set(input.survivors.map((m) => m.id));
  const wrong: WrongProgram[] = input.mutants.map((m) => ({ id: m.id, kind: survived.has(m.id) ? 'survivor' : 'mutant', source: m.source }));
  for (const h of higherOrderMutants(task.solution, input.mutants, (src) => parser.parses(src), input.seed, task.id)) wrong.push({ id: h.id, kind: 'higher-order', source: h.source });
  const mistakeOperators = mutationOperators.filter((o) => o.family === 'plausible-mistake');
  const mistakes = mistakeOperators.length > 0 ? generateMutants(parser, task.solution, input.region, { operators: mistakeOperators }).mutants : [];
  for (const m of mistakes) wrong.push({ id: `mistake:${m.id}`, kind: 'plausible-mistake', source: m.source });

  // The tests' own inputs are in the suite already: they are never added, and what they cover counts as covered.
  const ownTests = confirmed.flatMap((c, i) => (c.candidate.source === 'test' ? [i] : []));
  const addIdx = confirmed.flatMap((c, i) => (c.candidate.source === 'test' ? [] : [i]));
  // Each input's step cap from the reference's line events on it: what a wrong program's timeout is judged by (counted-calls.ts).
  const stepCaps = confirmed.map((c) => callStepCap(c.steps, input.referenceTimeFactor));
  const inputs = confirmed.map((c) => c.candidate.args);
  // Among inputs that kill as much, a seeded shuffle decides: consecutive picks then differ in source and shape
  // (small and large, EvalPlus's and boundary ones), where mistakes that no mutant models show. The first
  // STRENGTHEN_CANDIDATE_CAP of that order are the inputs every wrong program runs on (the rest only those none kills).
  const random = seededRandom(input.seed, `strengthen-order\0${task.id}`);
  // The plus inputs past the size cut come last: the other inputs keep the order they have without them.
  const tieOrder = addIdx.filter((i) => !beyond.has(confirmed[i].candidate));
  for (let i = tieOrder.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [tieOrder[i], tieOrder[j]] = [tieOrder[j], tieOrder[i]];
  }
  tieOrder.push(...addIdx.filter((i) => beyond.has(confirmed[i].candidate)));
  // The inputs where the sibling corrects the audited reference always stay: they are what kills that reference.
  const corrected = new Set(ownDiffersAt);
  // The reference traced once on every confirmed input: the branch outcomes they reach, and which inputs cost it more
  // than COVERAGE_INPUT_STEPS line events (a count, the same on any machine). Those are not tried: every wrong program
  // would pay as much on each of them (HumanEval/55's and /63's recursive references on EvalPlus's larger n).
  const model = task.tests.kind === 'script' ? undefined : coverageModel(parser, task.solution, input.region);
  const refTrace = confirmed.length > 0 ? await run(coverageJob(task, inputs)) : undefined;
  const refCoverage = refTrace && decidedCoverage(refTrace);
  const costly = new Set<number>();
  if (refCoverage) for (const o of refTrace!.outputs as CallOutput[]) if (o.status === 'timeout') costly.add(o.index);
  const cheap = (i: number) => corrected.has(i) || !costly.has(i);
  const tried = [...tieOrder.filter((i) => corrected.has(i)), ...tieOrder.filter((i) => !corrected.has(i) && cheap(i)).slice(0, STRENGTHEN_CANDIDATE_CAP)];
  // Each wrong program runs on the tried inputs in the seeded order until N_DETECT of them kill it: its known
  // killing inputs are then a seeded sample of all of them, not the smallest ones.
  // A wrong program's answer fails where EvalPlus's oracle rejects it: the property where one is named, else equality.
  const accepts = (i: number, got: PyValue | undefined): boolean =>
    property ? propertyAccepts(property, confirmed[i].candidate.args, confirmed[i].expected, got) : got !== undefined && evalplusOutputsMatch(confirmed[i].expected, got, atol);
  const kills: Set<number>[] = await Promise.all(wrong.map((w) => killingInputs(run, parser, task, w.source, tried, confirmed, stepCaps, accepts, N_DETECT)));
  // A program none of the tried inputs kills runs on the other cheap confirmed inputs inside the size cut too, so that
  // `possiblyEquivalent` says no confirmed input tells it apart, not that the sample missed it (HumanEval/81's
  // `>= 3.7`, killed only by the inputs holding a 3.7). Most programs are killed early; the rest cost one job each.
  const triedSet = new Set(tried);
  const rest = tieOrder.filter((i) => !triedSet.has(i) && cheap(i) && !beyond.has(confirmed[i].candidate));
  if (rest.length > 0) {
    await Promise.all(
      kills.map(async (k, w) => {
        if (k.size > 0) return;
        for (const i of await killingInputs(run, parser, task, wrong[w].source, rest, confirmed, stepCaps, accepts, N_DETECT)) k.add(i);
      }),
    );
  }
  if (ownDiffersAt.length > 0) {
    wrong.push({ id: 'reference', kind: 'reference', source: task.solution });
    kills.push(new Set(ownDiffersAt.filter((i) => confirmed[i].candidate.source !== 'test')));
  }
  const byKills = selectByKills(kills, confirmed.length, STRENGTHEN_MAX_INPUTS, [...tried, ...rest]);
  const picks = [...byKills.picks];
  let branches: Strengthened['branches'];
  if (model && model.branches.length > 0 && confirmed.length > 0) {
    const trace = async (idx: readonly number[]): Promise<Set<string> | undefined> => {
      const coverage = decidedCoverage(await run(coverageJob(task, idx.map((i) => inputs[i]))));
      return coverage ? branchOutcomes(model.branches, coverage) : undefined;
    };
    const all = confirmed.map((_, i) => i);
    const reachable = refCoverage && branchOutcomes(model.branches, refCoverage);
    const covered = await trace([...ownTests, ...picks.map((p) => p.input)]);
    if (reachable && covered) {
      let have = covered;
      const missing = [...reachable].filter((o) => !have.has(o));
      const room = STRENGTHEN_MAX_INPUTS - picks.length;
      if (missing.length > 0 && room > 0) {
        const chosen = new Set([...ownTests, ...picks.map((p) => p.input)]);
        const probe = all.filter((i) => !chosen.has(i) && cheap(i)).slice(0, COVERAGE_PROBE_INPUTS);
        const traces = await Promise.all(probe.map((i) => trace([i])));
        const reached: (Set<string> | undefined)[] = all.map(() => undefined);
        probe.forEach((i, k) => (reached[i] = traces[k]));
        const more = selectByCoverage(reached, have, chosen, room);
        picks.push(...more.picks);
        have = more.covered;
      }
      branches = { reachable: reachable.size, covered: [...reachable].filter((o) => have.has(o)).length };
    }
  }

  // Then input classes (shape, size, sign, duplicates, order, case, how strings sit in each other) that neither the
  // tests nor a chosen input fall in, up to export's default prefix: the mistakes models make that no mutant of the
  // reference describes (a triple where the tests have pairs, negatives where they have none) live on these edges.
  const classRoom = Math.min(INPUT_CLASS_FILL, STRENGTHEN_MAX_INPUTS) - picks.length;
  if (classRoom > 0) {
    const classes = inputs.map((a) => inputClasses(a));
    const covered = new Set([...ownTests, ...picks.map((p) => p.input)].flatMap((i) => [...classes[i]]));
    const byClass = selectByInputClass(classes, covered, new Set([...ownTests, ...picks.map((p) => p.input)]), classRoom, tieOrder.filter(cheap));
    for (const p of byClass.picks) picks.push({ ...p, kills: kills.flatMap((s, w) => (s.has(p.input) ? [w] : [])) });
  }

  const callee = testCallees(task)[0];
  return suiteSummary({
    inputs: picks.map((p) => {
      const c = confirmed[p.input];
      return {
        input: callRepr(callee, c.candidate.args),
        inputSource: c.candidate.source,
        expected: pyRepr(c.expected),
        assert: property ? propertyAssert(property, callee, c.candidate.args, c.expected) : killingAssert({ callee, args: c.candidate.args, expected: c.expected, atol }),
        ...(property ? { oracle: property.name } : {}),
        kills: p.kills.map((w) => wrong[w].id),
        reason: p.reason,
        checks: c.checks,
      };
    }),
    wrong,
    kills,
    killed: byKills.killed,
    picked: picks.length,
    candidates: candidates.length,
    confirmed: confirmed.length,
    byFailedCheck,
    branches,
  });
}

type ReturnedOutput = Extract<CallOutput, { status: 'returned' }>;

/** Two returned outputs equal (digest, or EvalPlus's comparison of the values). */
function outputsAgree(parser: PythonParser, expected: ReturnedOutput, actual: ReturnedOutput, atol: number): boolean {
  if (expected.digest !== undefined && expected.digest === actual.digest) return true;
  const e = outputValue(parser, expected);
  const a = outputValue(parser, actual);
  return e !== undefined && a !== undefined ? evalplusOutputsMatch(e, a, atol) : JSON.stringify(expected.value) === JSON.stringify(actual.value);
}
