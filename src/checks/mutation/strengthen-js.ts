/**
 * Test amplification for JavaScript tasks (the twin of strengthen-run.ts, which stays Python's): candidate inputs
 * from the tests, the release's prompt examples (`example_test`) and the HumanEval+ sibling's plus inputs translated
 * to JavaScript values; expected values only where confirmed (a test input, an example input whose example asserts
 * the reference passes, a plus input the Python sibling's reference answers the same); the wrong programs (every
 * first-order mutant run and sampled higher-order ones) each run on the confirmed inputs in one probe job; then the
 * same greedy choice as Python's (strengthen.ts): n-detect set cover over kills, then the reference's branch outcomes
 * (coverage probes, src/javascript/coverage.ts) no earlier input reaches. Asserts are written in the release's
 * style (`console.assert(f(x) === v)`, JSON.stringify for arrays and objects, a 1e-6 tolerance for fractions).
 */
import type { Task } from '../../model/task.js';
import { instrumentAsserts } from '../../javascript/asserts.js';
import { comparesToLiterals, literalCalls } from '../../javascript/calls.js';
import { instrumentCoverage } from '../../javascript/coverage.js';
import type { JavaScriptParser } from '../../javascript/parser.js';
import { toJsArguments } from '../../javascript/values.js';
import { seededRandom } from '../../util/random.js';
import type { JsLimits } from '../../sandbox/js/types.js';
import { JS_MUTANT_MIN_WORK, jsDomainExamples, plusKindFailures, plusWitnessChecks, probeOutputs, probeSource, siblingAnswersOf, withKindFailures, type JsStrengthenContext } from './javascript.js';
import { inferDomain } from './input-domain.js';
import type { Strengthened } from './run.js';
import { higherOrderMutants, N_DETECT, selectByCoverage, selectByKills, STRENGTHEN_MAX_INPUTS, suiteSummary } from './strengthen.js';
import { STRENGTHEN_CANDIDATE_CAP } from './strengthen-run.js';

/** Tolerance of a fractional expected number: the one HumanEval-X's own JavaScript tests use (`Math.abs(f(x) - v) < 1e-6`). */
export const JS_FLOAT_TOLERANCE = 1e-6;

type Source = 'test' | 'prompt' | 'plus';
/** Preference among equally good inputs: the tests' and the examples' own first, then EvalPlus's. */
const SOURCE_RANK: Record<Source, number> = { test: 0, prompt: 1, plus: 2 };

/** What the JavaScript mutation check hands the strengthener (javascript.ts). */
export type JsStrengthenInput = JsStrengthenContext;

interface Candidate {
  source: Source;
  /** Argument text (`[1, 2], 3`). */
  text: string;
  /** The Python values of a plus input, for the sibling. */
  plusArgs?: unknown[];
}

/** The candidate inputs, deduplicated, in preference order (source, then size, then discovery order). */
export function jsStrengthenCandidates(parser: JavaScriptParser, task: Task, plusTask: Task | undefined, plusLimit: number): Candidate[] {
  if (task.tests.kind !== 'script') return [];
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const push = (c: Candidate) => {
    if (seen.has(c.text)) return;
    seen.add(c.text);
    out.push(c);
  };
  for (const text of literalCalls(parser, task.tests.code, task.entryPoint)) push({ source: 'test', text });
  for (const text of literalCalls(parser, task.tests.exampleCode, task.entryPoint)) push({ source: 'prompt', text });
  const plus = (plusTask?.inputs?.plus ?? [])
    .map((args) => ({ args, text: toJsArguments(args) }))
    .filter((x): x is { args: unknown[]; text: string } => x.text !== undefined)
    .sort((a, b) => a.text.length - b.text.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, plusLimit);
  for (const p of plus) push({ source: 'plus', text: p.text, plusArgs: p.args });
  return out.map((c, i) => ({ c, i })).sort((a, b) => SOURCE_RANK[a.c.source] - SOURCE_RANK[b.c.source] || a.c.text.length - b.c.text.length || a.i - b.i).map((x) => x.c);
}

/** A probe output's value (`=<json>`), or undefined for a throw or `undefined`'s own marker. */
function parsed(output: string): { value: unknown } | undefined {
  if (!output.startsWith('=')) return undefined;
  if (output === '=undefined') return { value: undefined };
  try {
    return { value: JSON.parse(output.slice(1)) };
  } catch {
    return undefined;
  }
}

const isFraction = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v);

/** Whether a program's probe output answers as the expected one does, judged as the written assert judges it. */
export function sameJsAnswer(expected: string, got: string | undefined): boolean {
  if (got === undefined) return false;
  if (got === expected) return true;
  const e = parsed(expected);
  const g = parsed(got);
  return e !== undefined && g !== undefined && isFraction(e.value) && typeof g.value === 'number' && Math.abs(g.value - e.value) < JS_FLOAT_TOLERANCE;
}

/**
 * The assert for `call` returning the probe output `expected` (`=<json>`), in the release's style: `===` on a
 * string, boolean or whole number, a tolerance on a fraction, JSON.stringify on anything else (arrays, objects, and
 * null, whose JSON also stands for NaN and Infinity). Undefined for a throw.
 */
export function jsAssert(call: string, expected: string): string | undefined {
  const p = parsed(expected);
  if (p === undefined) return undefined;
  const v = p.value;
  if (v === undefined) return `console.assert(${call} === undefined)`;
  if (isFraction(v)) return `console.assert(Math.abs(${call} - ${JSON.stringify(v)}) < ${JS_FLOAT_TOLERANCE})`;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return `console.assert(${call} === ${JSON.stringify(v)})`;
  const json = JSON.stringify(v);
  return `console.assert(JSON.stringify(${call}) === JSON.stringify(${json}))`;
}

/** Build the task's strengthened suite. Never throws for anything the programs do. */
export async function strengthenJavaScriptTask(input: JsStrengthenInput): Promise<Strengthened> {
  const { task, parser, runner, limits } = input;
  const all = jsStrengthenCandidates(parser, task, input.plusTask, input.plusLimit);
  // Tests that never compare an answer to a literal judge it by a property (HumanEval/32: any root will do): an
  // equality assert on the reference's answer could reject a right program, so no candidate is even tried.
  const literalOracle = task.tests.kind === 'script' && comparesToLiterals(parser, task.tests.code, task.entryPoint);
  const candidates = literalOracle ? all : [];
  const probe = (program: string, texts: readonly string[], jobLimits: JsLimits, coverageProbes?: number) =>
    runner.run({ source: probeSource(program, task.entryPoint, texts), filename: 'probe.js', seed: 0, limits: jobLimits, mode: 'official', ...(coverageProbes ? { coverageProbes } : {}) });

  const byFailedCheck: Record<string, number> = {};
  const fail = (why: string) => (byFailedCheck[why] = (byFailedCheck[why] ?? 0) + 1);
  if (!literalOracle && all.length > 0) byFailedCheck['literal-oracle'] = all.length;
  // The reference runs on each candidate in a job of its own with its own budget: an input on which it never ends
  // (HumanEval/32's bisection on a far root) is stopped by counted work and left out, and the others still answer.
  const inputLimits: JsLimits = { ...limits, workBudget: Math.min(limits.workBudget, input.inputWork) };
  const refRuns = await Promise.all(candidates.map((c) => probe(task.solution, [c.text], inputLimits)));
  const answered = candidates.flatMap((c, i) => {
    const run = refRuns[i];
    const output = probeOutputs(run).get(0);
    if (output === undefined && (run.end.kind === 'timeout' || run.end.kind === 'memory')) {
      fail('work-budget');
      return [];
    }
    if (output === undefined || jsAssert(`${task.entryPoint}(${c.text})`, output) === undefined) {
      fail('not-answered');
      return [];
    }
    return [{ candidate: c, output }];
  });
  // Wrong programs run on a subset of the answered inputs: the reference's counted work on all of them in one job
  // (as a wrong program's job runs them; a sum over one job per input would count each job's first poll), times the factor.
  const refWork = answered.length > 0 ? (await probe(task.solution, answered.map((a) => a.candidate.text), limits)).work : 0;
  const wrongLimits: JsLimits = { ...limits, workBudget: Math.min(limits.workBudget, Math.max(refWork * input.referenceTimeFactor, JS_MUTANT_MIN_WORK)) };
  // The examples are confirmed by the release's own example asserts, which the reference must pass.
  const examplesPass =
    task.tests.kind === 'script' && answered.some((a) => a.candidate.source === 'prompt')
      ? (await runner.run({ source: `${task.solution}\n${task.tests.exampleCode}`, filename: 'example.js', seed: 0, limits, mode: 'official' })).official === 'passed'
      : false;
  const asked = answered.filter((a) => a.candidate.source === 'plus');
  const answers = asked.length > 0 && input.siblingAnswers ? siblingAnswersOf(await input.siblingAnswers(asked.map((a) => a.candidate.plusArgs!)), asked.length) : [];
  type Confirmed = { candidate: Candidate; output: string; checks: { passed: string[]; failed: string[]; siblingOutput?: string } };
  const confirmed: Confirmed[] = [];
  // Plus inputs are held to the kinds of value the tests and examples pass (kind:<p>), as witnesses are.
  const domain = asked.length > 0 ? inferDomain(jsDomainExamples(parser, task)) : undefined;
  for (const a of answered) {
    const checks =
      a.candidate.source === 'test'
        ? { passed: ['own-test'], failed: [] }
        : a.candidate.source === 'prompt'
          ? examplesPass
            ? { passed: ['prompt-example'], failed: [] }
            : { passed: [], failed: ['prompt-example'] }
          : withKindFailures(plusWitnessChecks(a.output, answers[asked.indexOf(a)] ?? { kind: 'none' }), domain ? plusKindFailures(domain, a.candidate.plusArgs!, input.plusTask?.prompt ?? '') : []);
    if (checks.failed.length > 0) fail(checks.failed[0]);
    else confirmed.push({ ...a, checks });
  }

  type Wrong = { id: string; kind: 'survivor' | 'mutant' | 'higher-order'; source: string };
  const wrong: Wrong[] = input.mutants.map((m) => ({ id: m.id, kind: input.survivors.has(m.id) ? 'survivor' : 'mutant', source: m.source }));
  for (const h of higherOrderMutants(task.solution, input.mutants, (src) => parser.parses(src), input.seed, task.id)) wrong.push({ id: h.id, kind: 'higher-order', source: h.source });

  // The tests' own inputs are in the suite already: never added, and what they cover counts as covered.
  const ownTests = confirmed.flatMap((c, i) => (c.candidate.source === 'test' ? [i] : []));
  const addIdx = confirmed.flatMap((c, i) => (c.candidate.source === 'test' ? [] : [i]));
  // Among inputs that kill as much, a seeded shuffle decides (as strengthen-run.ts); its first
  // STRENGTHEN_CANDIDATE_CAP are the inputs every wrong program runs on.
  const random = seededRandom(input.seed, `strengthen-order\0${task.id}`);
  const tieOrder = [...addIdx];
  for (let i = tieOrder.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [tieOrder[i], tieOrder[j]] = [tieOrder[j], tieOrder[i]];
  }
  const tried = tieOrder.slice(0, STRENGTHEN_CANDIDATE_CAP);
  // One probe job per wrong program on the tried inputs; its first N_DETECT killing inputs in the tried order are
  // what the n-detect cover needs (as Python's). A job that runs out of work leaves its later inputs undecided: the
  // input it stopped on is a kill (the reference answered it within the same budget), the rest decide nothing.
  const kills = await Promise.all(
    wrong.map(async (w) => {
      const out = new Set<number>();
      if (tried.length === 0) return out;
      const r = await probe(w.source, tried.map((i) => confirmed[i].candidate.text), wrongLimits);
      const outs = probeOutputs(r);
      for (let k = 0; k < tried.length && out.size < N_DETECT; k++) {
        const got = outs.get(k);
        if (got === undefined) {
          if (r.end.kind === 'timeout' || r.end.kind === 'memory') out.add(tried[k]);
          break;
        }
        if (!sameJsAnswer(confirmed[tried[k]].output, got)) out.add(tried[k]);
      }
      return out;
    }),
  );
  const byKills = selectByKills(kills, confirmed.length, STRENGTHEN_MAX_INPUTS, tried);
  const picks = [...byKills.picks];

  // Then the reference's branch outcomes (probe numbers) that neither the tests nor a pick reach.
  let branches: Strengthened['branches'];
  const instrumented = instrumentCoverage(parser, task.solution, input.region);
  const branchProbes = instrumented ? instrumented.probes.filter((p) => p.kind === 'branch').map((p) => p.probe) : [];
  if (instrumented && branchProbes.length > 0 && confirmed.length > 0) {
    const reach = async (i: number): Promise<Set<string> | undefined> => {
      const r = await probe(instrumented.source, [confirmed[i].candidate.text], limits, instrumented.probes.length);
      const hits = r.coverage;
      if (r.end.kind !== 'completed' || !hits) return undefined;
      return new Set(branchProbes.filter((k) => (hits[k] ?? 0) > 0).map(String));
    };
    const measured = [...ownTests, ...tried];
    const traces = await Promise.all(measured.map(reach));
    const reached: (Set<string> | undefined)[] = confirmed.map(() => undefined);
    measured.forEach((i, k) => (reached[i] = traces[k]));
    const reachable = new Set(traces.flatMap((t) => [...(t ?? [])]));
    const chosen = new Set([...ownTests, ...picks.map((p) => p.input)]);
    let have = new Set([...chosen].flatMap((i) => [...(reached[i] ?? [])]));
    const room = STRENGTHEN_MAX_INPUTS - picks.length;
    if (room > 0 && [...reachable].some((o) => !have.has(o))) {
      const more = selectByCoverage(reached, have, chosen, room);
      picks.push(...more.picks);
      have = more.covered;
    }
    branches = { reachable: reachable.size, covered: [...reachable].filter((o) => have.has(o)).length };
  }

  // The written asserts, run on the reference as the harness runs them: one it does not pass is dropped (the value
  // it rests on was read through JSON, which cannot say everything a value is).
  const written = picks.map((p) => {
    const c = confirmed[p.input];
    const call = `${task.entryPoint}(${c.candidate.text})`;
    return { pick: p, c, call, assert: jsAssert(call, c.output)! };
  });
  let kept = written;
  if (written.length > 0) {
    const script = instrumentAsserts(parser, written.map((w) => w.assert).join('\n'));
    const r = await runner.run({ source: `${task.solution}\n${script.source}`, filename: 'suite.js', seed: 0, limits, mode: 'official' });
    const passedAt = (k: number) => r.end.kind === 'completed' && r.asserts.some((a) => a.site === k && a.calls > 0 && a.falsy === 0);
    kept = written.filter((_, k) => passedAt(script.sites[k]?.site ?? -1));
    for (let k = 0; k < written.length - kept.length; k++) fail('reference-fails-assert');
  }

  return suiteSummary({
    inputs: kept.map(({ pick, c, call, assert }) => ({
      input: call,
      inputSource: c.candidate.source,
      expected: c.output === '=undefined' ? 'undefined' : c.output.slice(1),
      assert,
      kills: pick.kills.map((w) => wrong[w].id),
      reason: pick.reason,
      checks: c.checks,
    })),
    wrong,
    kills,
    killed: byKills.killed,
    picked: picks.length,
    candidates: all.length,
    confirmed: confirmed.length,
    byFailedCheck,
    branches,
  });
}
