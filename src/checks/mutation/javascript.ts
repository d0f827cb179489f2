/**
 * The mutation check for JavaScript tasks: mutants of the reference (JavaScript operators) run against the
 * benchmark's test script as its harness judges it; survivors are sorted by calling the reference and the mutant on
 * the tests' own literal inputs and on the HumanEval+ sibling's inputs translated to JavaScript values; a killable
 * survivor comes with the `console.assert` that kills it. Trivial bodies are tried as baselines.
 */
import type { Finding, MutationConfig, MutationTask } from '../../model/types.generated.js';
import type { Task } from '../../model/task.js';
import { instrumentAsserts } from '../../javascript/asserts.js';
import { instrumentCoverage } from '../../javascript/coverage.js';
import { comparesToLiterals, literalCalls } from '../../javascript/calls.js';
import type { JavaScriptParser } from '../../javascript/parser.js';
import { toJsArguments } from '../../javascript/values.js';
import type { JsJob, JsLimits, JsResult } from '../../sandbox/js/types.js';
import { probeRegionCoverage } from './coverage.js';
import { generateMutants, sampleMutants, solutionRegion, type Mutant, type Span } from './generate.js';
import { javascriptMutationOperators } from './operators/index.js';
import { countOutcomes, countsByOperator, mutationScores, type MutantOutcome, type SurvivorVerdict } from './score.js';
import { asJsValue, jsCallArguments, reversedJsArguments, sameValue } from './js-values.js';
import type { CallOutput, JobResult } from '../../sandbox/types.js';
import { checkOrderTies, orderTieProbes, reorderablePositions, taskFindings, type Strengthened } from './run.js';
import { brokenRules, inferDomain, isPlusInputRule, type InputDomain } from './input-domain.js';
import { fromJson, type PyValue } from './py-value.js';

/** What the check needs of a JavaScript runtime. */
export interface JsMutationRunner {
  run(job: JsJob): Promise<JsResult>;
}

/**
 * Least work a mutant gets, in interrupt polls (10,000 calls and backward jumps each): over three times the heaviest
 * HumanEval-X reference but one (JavaScript/36 measured 60 polls; JavaScript/75's 1,290 get their own factor).
 */
export const JS_MUTANT_MIN_WORK = 200;
/** Marks the probe's output lines, so a candidate's own prints cannot be mistaken for results. */
const PROBE_MARK = '\u0001bench-audit-probe:';
/** Trivial bodies of the function under test, by baseline name. */
export const JS_TRIVIAL_BASELINES: readonly (readonly [string, string])[] = [
  ['return-undefined', 'return undefined;'],
  ['return-null', 'return null;'],
  ['return-zero', 'return 0;'],
  ['return-true', 'return true;'],
  ['return-false', 'return false;'],
  ['return-empty-string', "return '';"],
  ['return-empty-array', 'return [];'],
  ['return-first-argument', 'return arguments.length > 0 ? arguments[0] : undefined;'],
  ['throw', "throw new Error('trivial');"],
];

/** What test amplification for a JavaScript task (strengthen-js.ts) needs from the task's analysis. */
export interface JsStrengthenContext {
  task: Task;
  plusTask: Task | undefined;
  parser: JavaScriptParser;
  runner: JsMutationRunner;
  /** Limits of the reference's jobs (the check's own, not the mutants' budget: a probe calls it on many inputs). */
  limits: JsLimits;
  /** A wrong program's work budget is the reference's work on the same inputs times this, never below JS_MUTANT_MIN_WORK. */
  referenceTimeFactor: number;
  /**
   * Work budget of the reference on one candidate input: the mutants' budget on the whole tests (an input that alone
   * needs more than a wrong program gets for every test is left out as `work-budget`).
   */
  inputWork: number;
  seed: number;
  region: Span;
  /** Every first-order mutant run, and the ids of those that survived the tests. */
  mutants: readonly Mutant[];
  survivors: ReadonlySet<string>;
  plusLimit: number;
  /** The Python sibling's reference on plus inputs (the second oracle); without it no plus input is confirmed. */
  siblingAnswers?: (inputs: unknown[][]) => Promise<JobResult>;
}

export interface JsMutationInput {
  task: Task;
  /** The HumanEval+ sibling whose plus inputs sort survivors, if linked. */
  plusTask: Task | undefined;
  config: MutationConfig;
  seed: number;
  parser: JavaScriptParser;
  runner: JsMutationRunner;
  limits: JsLimits;
  /**
   * Runs the Python sibling's reference on plus inputs (with its EvalPlus contract checked): the second oracle of a
   * witness taken from them. Without it no plus input is evidence.
   */
  siblingAnswers?: (inputs: unknown[][]) => Promise<JobResult>;
  /** Builds the strengthened suite (config.strengthen; strengthen-js.ts, injected by the check's door); absent: none. */
  strengthen?: (context: JsStrengthenContext) => Promise<Strengthened>;
}

/** What the Python sibling says about one plus input, as a JavaScript value where it answered. */
type SiblingAnswer = { kind: 'value'; value: unknown; repr: string } | { kind: 'contract' } | { kind: 'none' };

/** The sibling's answers by input index: a value with a JavaScript counterpart, a contract violation, or nothing usable. */
export function siblingAnswersOf(result: JobResult, count: number): SiblingAnswer[] {
  const byIndex = new Map(((result.outputs ?? []) as CallOutput[]).map((o) => [o.index, o]));
  return Array.from({ length: count }, (_, i): SiblingAnswer => {
    const o = byIndex.get(i);
    if (o?.status === 'contract-violation' || o?.status === 'bad-input') return { kind: 'contract' };
    if (o?.status !== 'returned') return { kind: 'none' };
    const value = asJsValue(o.value);
    return value === undefined ? { kind: 'none' } : { kind: 'value', value, repr: o.repr };
  });
}

/**
 * Which checks a plus input's answer passed: the sibling's reference must accept the input (its contract) and give the
 * value the JavaScript reference gives; a translated reference can be wrong where the Python one is not.
 */
export function plusWitnessChecks(jsOutput: string, answer: SiblingAnswer): { passed: string[]; failed: string[]; siblingOutput?: string } {
  if (answer.kind === 'contract') return { passed: [], failed: ['contract'] };
  if (answer.kind === 'none') return { passed: ['contract', 'evalplus-input'], failed: ['second-oracle'] };
  let mine: unknown;
  try {
    mine = jsOutput === '=undefined' ? undefined : JSON.parse(jsOutput.slice(1));
  } catch {
    return { passed: ['contract', 'evalplus-input'], failed: ['second-oracle'], siblingOutput: answer.repr };
  }
  return sameValue(mine, answer.value)
    ? { passed: ['contract', 'evalplus-input', 'sibling-agrees'], failed: [], siblingOutput: answer.repr }
    : { passed: ['contract', 'evalplus-input'], failed: ['sibling-disagrees'], siblingOutput: answer.repr };
}

/**
 * The literal argument lists of the task's tests and prompt examples (`exampleCode`) as Python values: the examples
 * the Python path's input-domain rules are inferred from. A call with an argument that has no value is left out.
 */
export function jsDomainExamples(parser: JavaScriptParser, task: Task): PyValue[][] {
  if (task.tests.kind !== 'script') return [];
  const calls = [...literalCalls(parser, task.tests.code, task.entryPoint), ...literalCalls(parser, task.tests.exampleCode, task.entryPoint)];
  return calls.flatMap((text) => {
    const args = jsCallArguments(parser, text);
    const values = args?.map((a) => a.value);
    return values && values.every((v): v is PyValue => v !== undefined) ? [values] : [];
  });
}

/**
 * The `kind:<p>` rules a plus input breaks (input-domain.ts, as on the Python path): a kind of value the tests and
 * examples never pass at that position (JavaScript/68 pluck(""): a string where every test passes an array). The
 * Python sibling's signature says where any kind is taken; its inputs are the sibling's.
 */
export function plusKindFailures(domain: InputDomain, args: readonly unknown[], siblingPrompt: string): string[] {
  const values = args.map(fromJson);
  if (!values.every((v): v is PyValue => v !== undefined)) return [];
  return brokenRules(domain, values).filter((name) => name.startsWith('kind:') && isPlusInputRule(name, siblingPrompt));
}

/** A plus input's checks with the kind rules it breaks added; such an input is no valid EvalPlus input for this task. */
export function withKindFailures<C extends { passed: string[]; failed: string[] }>(checks: C, kinds: readonly string[]): C {
  return kinds.length === 0 ? checks : { ...checks, passed: checks.passed.filter((p) => p !== 'evalplus-input'), failed: [...kinds, ...checks.failed] };
}

/** Whether two probe outputs (`=<json>`) are the same value (floats within sameValue's tolerance); a throw is no value. */
export function sameProbeValue(a: string, b: string): boolean {
  if (a === b) return true;
  const value = (o: string): { v: unknown } | undefined => {
    if (!o.startsWith('=')) return undefined;
    if (o === '=undefined') return { v: undefined };
    try {
      return { v: JSON.parse(o.slice(1)) };
    } catch {
      return undefined;
    }
  };
  const x = value(a);
  const y = value(b);
  return x !== undefined && y !== undefined && sameValue(x.v, y.v);
}

export interface JsMutationAnalysis {
  section: MutationTask;
  findings: Finding[];
  mutantsRun: number;
}

export function skippedSection(reason: string): MutationTask {
  return {
    status: 'skipped',
    skipReason: reason,
    mutants: { candidates: 0, unparsable: 0, uncompilable: 0, duplicates: 0, valid: 0, sampledOut: 0, run: 0 },
    counts: countOutcomes([]),
    byOperator: {},
    score: null,
    scoreExcludingEquivalent: null,
    survivors: [],
    trivialPasses: [],
  };
}

/** One job that calls the function on each input and prints a marked line per call: its JSON, or the error name. */
export function probeSource(candidate: string, entryPoint: string, inputs: readonly string[]): string {
  const calls = inputs.map(
    (args, i) =>
      `try { const r = ${entryPoint}(${args}); const j = JSON.stringify(r); console.log(${JSON.stringify(PROBE_MARK)} + ${i} + ':=' + (j === undefined ? 'undefined' : j)); } catch (e) { console.log(${JSON.stringify(PROBE_MARK)} + ${i} + ':!' + (e && e.name) + (e && e.code === 'MODULE_NOT_FOUND' ? ' ${MODULE_NOT_FOUND}' : '')); }`,
  );
  return `${candidate}\n${calls.join('\n')}\n`;
}

/** Added to a throw's name when it is a `require` of a module that is not installed (the environment, not the code). */
export const MODULE_NOT_FOUND = 'MODULE_NOT_FOUND';

/** Outputs by input index: `=<json>` for a value, `!<name>` for a throw; missing when the probe stopped before it. */
export function probeOutputs(result: JsResult): Map<number, string> {
  const out = new Map<number, string>();
  for (const line of result.stdout.split('\n')) {
    if (!line.startsWith(PROBE_MARK)) continue;
    const rest = line.slice(PROBE_MARK.length);
    const colon = rest.indexOf(':');
    out.set(Number(rest.slice(0, colon)), rest.slice(colon + 1));
  }
  return out;
}

export async function analyseJavaScriptTask(input: JsMutationInput): Promise<JsMutationAnalysis> {
  const { task, plusTask, config, seed, parser, runner } = input;
  if (task.tests.kind !== 'script') return { section: skippedSection('not a script-tested task'), findings: [], mutantsRun: 0 };
  const tests = instrumentAsserts(parser, task.tests.code);
  const testJob = (candidate: string, limits: JsLimits): JsJob => ({ source: `${candidate}\n${tests.source}`, filename: 'test.js', seed: 0, limits, mode: 'official' });

  const { region } = solutionRegion(task);
  // The reference with a probe before each statement and branch outcome, run beside the plain one: its counts give
  // coverage, the plain run the work mutants are measured against (probes add work).
  const instrumented = instrumentCoverage(parser, task.solution, region);
  const [reference, traced] = await Promise.all([
    runner.run(testJob(task.solution, input.limits)),
    instrumented && instrumented.probes.length > 0 ? runner.run({ ...testJob(instrumented.source, input.limits), coverageProbes: instrumented.probes.length }) : undefined,
  ]);
  if (reference.official !== 'passed') return { section: skippedSection('the reference solution fails its own tests'), findings: [], mutantsRun: 0 };
  // Counts are kept only from a run that passed as the plain one did: one that did not is the instrumenter's fault.
  const coverage = instrumented && traced?.official === 'passed' && traced.coverage ? probeRegionCoverage(instrumented.probes, traced.coverage) : undefined;
  // Mutants get the reference's counted work times the factor, never less than the minimum: deterministic.
  const budget = Math.min(input.limits.workBudget, Math.max(reference.work * config.referenceTimeFactor, JS_MUTANT_MIN_WORK));
  const limits: JsLimits = { ...input.limits, workBudget: budget };

  const generated = generateMutants(parser, task.solution, region, { operators: javascriptMutationOperators });
  const mutants = sampleMutants(generated.mutants, config.maxMutantsPerTask > 0 ? config.maxMutantsPerTask : undefined, seed, task.id);
  const results = await Promise.all(mutants.map((m) => runner.run(testJob(m.source, limits))));
  const statusOf = (r: JsResult): MutantOutcome['status'] =>
    r.end.kind === 'crashed' ? 'error' : r.official === 'passed' ? 'survived' : r.official === 'timed-out' ? 'timeout' : 'killed';

  // Inputs to sort survivors: the tests' literal calls, then the sibling's plus inputs (smallest first), as JS.
  const testInputs = literalCalls(parser, task.tests.code, task.entryPoint);
  const plusArgs = (plusTask?.inputs?.plus ?? [])
    .map((args) => ({ args, text: toJsArguments(args) }))
    .filter((x): x is { args: unknown[]; text: string } => x.text !== undefined)
    .sort((a, b) => a.text.length - b.text.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, config.plusInputLimit);
  const plusInputs = plusArgs.map((x) => x.text);
  const candidates: { text: string; source: 'test' | 'plus'; plus?: number }[] = [
    ...testInputs.map((text) => ({ text, source: 'test' as const })),
    ...plusInputs.map((text, k) => ({ text, source: 'plus' as const, plus: k })),
  ];

  const survivorsIdx = mutants.map((_, i) => i).filter((i) => statusOf(results[i]) === 'survived');
  type Usable = { text: string; source: 'test' | 'plus'; output: string; checks: { passed: string[]; failed: string[]; siblingOutput?: string } };
  let usable: Usable[] = [];
  let discarded = 0;
  if (survivorsIdx.length > 0 && candidates.length > 0) {
    const ref = probeOutputs(await runner.run({ source: probeSource(task.solution, task.entryPoint, candidates.map((c) => c.text)), filename: 'probe.js', seed: 0, limits, mode: 'official' }));
    const answered = candidates.flatMap((c, i) => {
      const output = ref.get(i);
      return output !== undefined && output.startsWith('=') ? [{ ...c, output }] : [];
    });
    // A plus input's expected value is the translated reference's: evidence only where the Python sibling agrees.
    const asked = answered.filter((c) => c.plus !== undefined);
    const answers = asked.length > 0 && input.siblingAnswers ? siblingAnswersOf(await input.siblingAnswers(asked.map((c) => plusArgs[c.plus!].args)), asked.length) : [];
    // Tests that never compare an answer to a literal judge it by a property: no equality assert is evidence.
    const literalOracle = comparesToLiterals(parser, task.tests.code, task.entryPoint);
    const examples = jsDomainExamples(parser, task);
    // As on the Python path: tests that all expect one answer do not show the domain's shape (sortedness).
    const testOutputs = answered.filter((c) => c.source === 'test').map((c) => c.output);
    const domain = inferDomain(examples, { patterns: new Set(testOutputs).size !== 1 });
    const checksOf = (c: (typeof answered)[number]): Usable['checks'] => {
      const checks =
        c.plus === undefined
          ? { passed: ['own-test'], failed: [] as string[] }
          : withKindFailures(plusWitnessChecks(c.output, answers[asked.indexOf(c)] ?? { kind: 'none' }), plusKindFailures(domain, plusArgs[c.plus].args, plusTask?.prompt ?? ''));
      return literalOracle ? checks : { ...checks, failed: [...checks.failed, 'literal-oracle'] };
    };
    const all: Usable[] = answered.map((c) => ({ text: c.text, source: c.source, output: c.output, checks: checksOf(c) }));
    // Ties the prompt does not break (order-tie, the Python path's rule): the reference on the reversed arrays of
    // the test inputs and the confirmed witnesses, where some argument is an array in every example.
    const positions = reorderablePositions(examples, domain);
    if (positions.length > 0) {
      const witnesses = all.map((u) => ({ input: { source: u.source }, checks: u.checks }));
      const todo = orderTieProbes(witnesses, (i) => {
        const args = jsCallArguments(parser, all[i].text);
        return args ? reversedJsArguments(args, positions) : undefined;
      });
      if (todo.length > 0) {
        const reversed = probeOutputs(await runner.run({ source: probeSource(task.solution, task.entryPoint, todo.map((t) => t.reversed)), filename: 'probe.js', seed: 0, limits, mode: 'official' }));
        const sameAt = new Map<number, boolean>();
        todo.forEach((t, k) => {
          const o = reversed.get(k);
          // A throw on the reversed copy: the order mattered; no output (the probe stopped first) says nothing.
          if (o !== undefined) sameAt.set(t.i, !o.startsWith('!') && sameProbeValue(all[t.i].output, o));
        });
        checkOrderTies(witnesses, (i) => sameAt.get(i));
      }
    }
    // Confirmed inputs first, so a survivor that a confirmed input kills is never reported on an unconfirmed one.
    usable = [...all.filter((u) => u.checks.failed.length === 0), ...all.filter((u) => u.checks.failed.length > 0)];
    discarded = candidates.length - usable.length;
  }

  const verdicts = new Map<number, { verdict: SurvivorVerdict; witness?: Usable & { mutantOutput: string } }>();
  for (const i of survivorsIdx) {
    if (usable.length === 0) {
      verdicts.set(i, { verdict: 'unsorted' });
      continue;
    }
    const probe = await runner.run({ source: probeSource(mutants[i].source, task.entryPoint, usable.map((u) => u.text)), filename: 'probe.js', seed: 0, limits, mode: 'official' });
    const outs = probeOutputs(probe);
    const k = usable.findIndex((u, j) => outs.get(j) !== u.output);
    if (k < 0) verdicts.set(i, { verdict: 'possibly-equivalent' });
    else {
      const witness = { ...usable[k], mutantOutput: outs.get(k) ?? (probe.end.kind === 'timeout' ? 'timeout' : 'no output') };
      verdicts.set(i, { verdict: witness.checks.failed.length === 0 ? 'killable' : 'unconfirmed', witness });
    }
  }

  const outcomes: MutantOutcome[] = mutants.map((m, i) => {
    const status = statusOf(results[i]);
    return status === 'survived' ? { operator: m.operator, status, verdict: verdicts.get(i)?.verdict ?? 'unsorted' } : { operator: m.operator, status };
  });
  const counts = countOutcomes(outcomes);

  const trivialPasses: string[] = [];
  for (const [name, body] of JS_TRIVIAL_BASELINES) {
    const r = await runner.run(testJob(`${task.prompt}  ${body}\n}\n`, limits));
    if (r.official === 'passed') trivialPasses.push(name);
  }

  const show = (o: string) => (o.startsWith('=') ? o.slice(1) : o.startsWith('!') ? `throws ${o.slice(1)}` : o);
  const survivors: MutationTask['survivors'] = survivorsIdx
    .map((i) => {
      const m: Mutant = mutants[i];
      const v = verdicts.get(i)!;
      const w = v.witness;
      const call = w ? `${task.entryPoint}(${w.text})` : '';
      return {
        id: m.id,
        operator: m.operator,
        line: m.line,
        column: m.column,
        original: m.original,
        replacement: m.replacement,
        diff: m.diff,
        verdict: v.verdict,
        ...(w
          ? {
              evidence: {
                input: call,
                inputSource: w.source,
                referenceOutput: show(w.output),
                mutantOutput: show(w.mutantOutput),
                // JSON.stringify gives undefined (not a string) for undefined and functions.
                ...(v.verdict === 'killable' ? { assert: `console.assert(JSON.stringify(${call}) === ${w.output === '=undefined' ? 'undefined' : JSON.stringify(w.output.slice(1))})` } : {}),
                checks: w.checks,
              },
            }
          : {}),
      };
    })
    .sort((a, b) => Number(b.verdict === 'killable') - Number(a.verdict === 'killable') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const strengthened =
    input.strengthen && config.strengthen !== false
      ? await input.strengthen({
          task,
          plusTask,
          parser,
          runner,
          limits: input.limits,
          referenceTimeFactor: config.referenceTimeFactor,
          inputWork: budget,
          seed,
          region,
          mutants,
          survivors: new Set(survivorsIdx.map((i) => mutants[i].id)),
          plusLimit: config.plusInputLimit,
          ...(input.siblingAnswers ? { siblingAnswers: input.siblingAnswers } : {}),
        })
      : undefined;

  const section: MutationTask = {
    status: 'analysed',
    mutants: { ...generated.stats, uncompilable: 0, sampledOut: generated.mutants.length - mutants.length, run: mutants.length },
    counts,
    byOperator: countsByOperator(outcomes),
    ...mutationScores(counts),
    survivors,
    trivialPasses,
    inputs: { plus: plusInputs.length, test: testInputs.length, generated: 0, discarded },
    ...(coverage ? { coverage } : {}),
    ...(strengthened ? { strengthened } : {}),
  };
  return { section, findings: taskFindings(section, config), mutantsRun: mutants.length };
}
