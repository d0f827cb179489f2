/**
 * The figures a paper quotes, from a report: a score card per check, a headline sentence and a
 * methods paragraph. Shared by the Markdown and HTML renderers so both say the same thing. Pure.
 *
 * Each check's card opens with its own headline figures (when it is a check this file knows) and
 * then lists, generically from the finding-kind registry, how many tasks each of its kinds flags,
 * so a kind or check added later shows up without changes here.
 */
import { FINDING_KINDS } from '../model/finding-kinds.js';
import { CHECK_NAMES } from '../model/enums.generated.js';
import type { AuditReport, FindingKind } from '../model/types.generated.js';

export interface CardFigure {
  label: string;
  value: string;
  /** The finding kind whose tasks this figure counts (renderers link it to the filtered task table). */
  kind?: FindingKind;
}

export interface ScoreCard {
  check: string;
  title: string;
  figures: CardFigure[];
}

const CHECK_TITLES: Record<string, string> = { static: 'Static', execution: 'Execution', mutation: 'Mutation', contamination: 'Contamination' };

export const percent = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`);
const ofTasks = (n: number, total: number): string => (total > 0 ? `${n} (${percent(n / total)})` : String(n));

/** Tasks with a warning or error of each kind (info findings never flag a task). */
export function flaggedTasksByKind(report: AuditReport): Map<FindingKind, number> {
  const counts = new Map<FindingKind, number>();
  for (const t of report.tasks) {
    const kinds = new Set(t.findings.filter((f) => f.severity !== 'info').map((f) => f.kind));
    for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Tasks with any finding of these kinds (any severity). */
function tasksWith(report: AuditReport, kinds: readonly FindingKind[]): number {
  return report.tasks.filter((t) => t.findings.some((f) => kinds.includes(f.kind))).length;
}

/** The headline figures of the checks this file knows, before the generic per-kind rows. */
function knownFigures(report: AuditReport, check: string): CardFigure[] {
  const s = report.summary.checks;
  const n = report.summary.tasks;
  if (check === 'static' && s.static) {
    return [
      { label: 'tests per task (median, range)', value: `${s.static.tests.median} (${s.static.tests.min}–${s.static.tests.max})` },
      { label: 'tasks with prompt examples', value: ofTasks(s.static.tasksWithPromptExamples, n) },
    ];
  }
  if (check === 'execution' && s.execution) {
    const e = s.execution;
    const bad = tasksWith(report, ['canonical-fails', 'timeout', 'setup-error', 'flaky']);
    return [
      { label: 'references that fail, time out or are flaky', value: ofTasks(bad, e.tasks), kind: 'canonical-fails' },
      { label: 'tasks whose prompt examples disagree', value: ofTasks(e.promptExamples.tasksWithMismatch, e.tasks), kind: 'prompt-example-mismatch' },
      ...(e.plusInputs.tasks > 0 ? [{ label: 'EvalPlus inputs on which the reference crashes', value: `${e.plusInputs.crashed} of ${e.plusInputs.run}`, kind: 'plus-input-crash' as const }] : []),
    ];
  }
  if (check === 'mutation' && s.mutation) {
    const m = s.mutation;
    return [
      { label: 'mutation score', value: percent(m.score) },
      { label: 'mutation score without possibly-equivalent mutants', value: percent(m.scoreExcludingEquivalent) },
      { label: 'tasks with confirmed weak tests (a wrong mutant passes)', value: ofTasks(tasksWith(report, ['killable-survivor']), m.tasks.analysed), kind: 'killable-survivor' },
      { label: 'tasks whose tests accept a trivial program', value: ofTasks(m.trivialSolutionPasses.tasks, m.tasks.analysed), kind: 'tests-accept-trivial-solution' },
    ];
  }
  if (check === 'contamination' && s.contamination) {
    const c = s.contamination;
    const scanned = report.config.contamination?.corpus;
    return [
      ...(scanned
        ? [{ label: `tasks contaminated in ${scanned.location} (${c.matchesByKind.verbatim} verbatim, ${c.matchesByKind.near} near, ${c.matchesByKind.renamed} renamed)`, value: ofTasks(c.contaminatedTasks, c.tasks), kind: 'contaminated' as const }]
        : [{ label: 'no corpus scanned: duplicates and --compare-with overlaps only', value: '—' }]),
      ...(scanned ? contaminationByPart(report) : []),
      { label: 'near-duplicate task pairs', value: String(c.duplicatePairs), kind: 'near-duplicate-in-benchmark' },
      ...c.crossBenchmark.map((x) => ({ label: `tasks overlapping ${x.benchmark}`, value: ofTasks(x.tasksWithOverlap, c.tasks), kind: 'cross-benchmark-overlap' as const })),
    ];
  }
  return [];
}

/** Contaminated tasks per task part (prompt, solution, tests), from the findings' evidence. */
function contaminationByPart(report: AuditReport): CardFigure[] {
  const byPart = new Map<string, number>();
  for (const t of report.tasks) {
    const parts = new Set(t.findings.filter((f) => f.kind === 'contaminated').map((f) => String((f.evidence as { part?: unknown }).part ?? 'unknown')));
    for (const p of parts) byPart.set(p, (byPart.get(p) ?? 0) + 1);
  }
  return [...byPart.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([part, k]) => ({ label: `… of which in the ${part}`, value: String(k), kind: 'contaminated' as const }));
}

/** One card per check that ran, in the registry's order (unknown checks after, alphabetically). */
export function scoreCards(report: AuditReport): ScoreCard[] {
  const flagged = flaggedTasksByKind(report);
  const order = (c: string) => {
    const i = (CHECK_NAMES as readonly string[]).indexOf(c);
    return i < 0 ? CHECK_NAMES.length : i;
  };
  const checks = [...new Set([...report.config.checks, ...Object.keys(report.summary.checks)])].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
  return checks.map((check) => {
    const figures = knownFigures(report, check);
    const linked = new Set(figures.map((f) => f.kind));
    for (const [kind, info] of Object.entries(FINDING_KINDS) as [FindingKind, (typeof FINDING_KINDS)[FindingKind]][]) {
      if (info.check !== check || linked.has(kind)) continue;
      const k = flagged.get(kind) ?? 0;
      if (k > 0) figures.push({ label: `tasks flagged: ${info.title}`, value: ofTasks(k, report.summary.tasks), kind });
    }
    return { check, title: CHECK_TITLES[check] ?? check, figures };
  });
}

/** One paragraph: how many tasks are flagged and why, in the words a paper would use. */
export function headlineSentence(report: AuditReport): string {
  const s = report.summary;
  const parts: string[] = [];
  const bySubset = new Map<string, Set<string>>();
  for (const t of report.tasks) {
    for (const f of t.findings) {
      const subset = FINDING_KINDS[f.kind].subset;
      if (f.severity === 'info' || subset === null) continue;
      bySubset.set(subset, (bySubset.get(subset) ?? new Set()).add(t.id));
    }
  }
  const words: Record<string, string> = { broken: 'cannot be scored as is (broken reference, tests or fields)', 'weak-tests': 'have weak tests (too few, low coverage, or accepting a wrong solution)', imprecise: 'have an imprecise prompt or reference', contaminated: 'appear in the scanned corpus or another benchmark', duplicates: 'duplicate another task' };
  // The same groups for one task (the verb agrees with the count).
  const word: Record<string, string> = { broken: 'cannot be scored as is (broken reference, tests or fields)', 'weak-tests': 'has weak tests (too few, low coverage, or accepting a wrong solution)', imprecise: 'has an imprecise prompt or reference', contaminated: 'appears in the scanned corpus or another benchmark', duplicates: 'duplicates another task' };
  for (const [subset, ids] of [...bySubset.entries()].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))) parts.push(`${ids.size} ${(ids.size === 1 ? word : words)[subset] ?? subset}`);
  const head = `Of the ${s.tasks} tasks of ${report.benchmark.title}, ${s.tasksWithFindings} (${percent(s.tasks > 0 ? s.tasksWithFindings / s.tasks : 0)}) have a warning or an error`;
  const m = s.checks.mutation;
  const score = m && m.score !== null ? ` The tests kill ${percent(m.score)} of the reference's mutants (${percent(m.scoreExcludingEquivalent)} leaving out possibly-equivalent ones).` : '';
  return `${head}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}.${score} A task can be in several groups.`;
}

/** A "methods" paragraph: what was run, with which versions, seeds, limits, isolation and data hashes. */
export function methodsParagraph(report: AuditReport): string {
  const b = report.benchmark;
  const c = report.config;
  const run = report.run as { python?: { version?: string }; checks?: Record<string, { isolation?: { mode?: string; networkIsolated?: boolean } } | undefined> };
  const source = b.source.type === 'hub' ? `the Hugging Face hub dataset ${b.source.repo} at commit ${b.source.commit}` : b.source.type === 'url' ? `release ${b.source.version}` : 'local files';
  const files = b.files.map((f) => `${f.path} (sha256 ${f.sha256})`).join(', ');
  const out: string[] = [];
  out.push(`We audited ${b.title} (${b.taskCount} tasks, from ${source}; ${files}) with ${report.tool.name} ${report.tool.version}, running the ${c.checks.join(', ')} check${c.checks.length === 1 ? '' : 's'} with seed ${c.seed}.`);
  out.push(`Tasks with ${c.static.fewTestsThreshold} tests or fewer are flagged as having few tests.`);
  if (c.execution) {
    const iso = run.checks?.execution?.isolation;
    out.push(
      `Reference solutions ran ${c.execution.repeats} times each under different PYTHONHASHSEEDs${run.python?.version ? ` with Python ${run.python.version}` : ''}, limited to ${c.execution.timeLimitMs} ms and ${c.execution.memoryLimitMb === 0 ? 'unlimited memory' : `${c.execution.memoryLimitMb} MB`} per run` +
        `${iso?.mode ? `, isolated by ${iso.mode}${iso.networkIsolated ? ' without network' : ''}` : ''}.`,
    );
  }
  if (c.mutation) {
    out.push(`The mutation check applied ${c.mutation.operators.length} operators to each reference, sampled at most ${c.mutation.maxMutantsPerTask} mutants per task, and tried each survivor on up to ${c.mutation.inputBudget} inputs (EvalPlus plus inputs, the tests' inputs and mutations of them) to tell wrong mutants from possibly equivalent ones.`);
  }
  if (c.contamination) {
    const corpus = c.contamination.corpus;
    out.push(
      `Contamination was measured as ${c.contamination.ngramSize}-token n-gram containment (flagged at ${c.contamination.contaminatedThreshold}, an error at ${c.contamination.contaminatedErrorThreshold}), verified on the aligned window` +
        (corpus ? `, against ${corpus.location} (${corpus.format}${corpus.revision ? ` at ${corpus.revision}` : ''})` : ', inside the benchmark only (no corpus was scanned)') +
        '.',
    );
  }
  return out.join(' ');
}
