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
import { literalCalls } from '../../javascript/calls.js';
import type { JavaScriptParser } from '../../javascript/parser.js';
import { toJsArguments } from '../../javascript/values.js';
import type { JsJob, JsLimits, JsResult } from '../../sandbox/js/types.js';
import { finding } from '../types.js';
import { lowCoverageFinding, probeRegionCoverage } from './coverage.js';
import { generateMutants, sampleMutants, solutionRegion, type Mutant } from './generate.js';
import { javascriptMutationOperators } from './operators/index.js';
import { countOutcomes, countsByOperator, mutationScores, type MutantOutcome, type SurvivorVerdict } from './score.js';

/** What the check needs of a JavaScript runtime. */
export interface JsMutationRunner {
  run(job: JsJob): Promise<JsResult>;
}

/**
 * Least work a mutant gets, in interrupt polls (~10,000 bytecode steps each): over three times the heaviest
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

export interface JsMutationInput {
  task: Task;
  /** The HumanEval+ sibling whose plus inputs sort survivors, if linked. */
  plusTask: Task | undefined;
  config: MutationConfig;
  seed: number;
  parser: JavaScriptParser;
  runner: JsMutationRunner;
  limits: JsLimits;
}

export interface JsMutationAnalysis {
  section: MutationTask;
  findings: Finding[];
  mutantsRun: number;
}

function skippedSection(reason: string): MutationTask {
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
  const plusInputs = (plusTask?.inputs?.plus ?? [])
    .map((args) => toJsArguments(args))
    .filter((x): x is string => x !== undefined)
    .sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, config.plusInputLimit);
  const candidates = [...testInputs.map((text) => ({ text, source: 'test' as const })), ...plusInputs.map((text) => ({ text, source: 'plus' as const }))];

  const survivorsIdx = mutants.map((_, i) => i).filter((i) => statusOf(results[i]) === 'survived');
  let usable: { text: string; source: 'test' | 'plus'; output: string }[] = [];
  let discarded = 0;
  if (survivorsIdx.length > 0 && candidates.length > 0) {
    const ref = probeOutputs(await runner.run({ source: probeSource(task.solution, task.entryPoint, candidates.map((c) => c.text)), filename: 'probe.js', seed: 0, limits, mode: 'official' }));
    usable = candidates.flatMap((c, i) => {
      const output = ref.get(i);
      return output !== undefined && output.startsWith('=') ? [{ ...c, output }] : [];
    });
    discarded = candidates.length - usable.length;
  }

  const verdicts = new Map<number, { verdict: SurvivorVerdict; witness?: { text: string; source: 'test' | 'plus'; output: string; mutantOutput: string } }>();
  for (const i of survivorsIdx) {
    if (usable.length === 0) {
      verdicts.set(i, { verdict: 'unsorted' });
      continue;
    }
    const probe = await runner.run({ source: probeSource(mutants[i].source, task.entryPoint, usable.map((u) => u.text)), filename: 'probe.js', seed: 0, limits, mode: 'official' });
    const outs = probeOutputs(probe);
    const k = usable.findIndex((u, j) => outs.get(j) !== u.output);
    if (k < 0) verdicts.set(i, { verdict: 'possibly-equivalent' });
    else verdicts.set(i, { verdict: 'killable', witness: { ...usable[k], mutantOutput: outs.get(k) ?? (probe.end.kind === 'timeout' ? 'timeout' : 'no output') } });
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
                assert: `console.assert(JSON.stringify(${call}) === ${w.output === '=undefined' ? 'undefined' : JSON.stringify(w.output.slice(1))})`,
              },
            }
          : {}),
      };
    })
    .sort((a, b) => Number(b.verdict === 'killable') - Number(a.verdict === 'killable') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

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
  };
  return { section, findings: findingsOf(section, config), mutantsRun: mutants.length };
}

function findingsOf(section: MutationTask, config: MutationConfig): Finding[] {
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
  const low = lowCoverageFinding(section, config);
  if (low) out.push(low);
  return out;
}
