/**
 * Turn scan results into the report's contamination sections: per task the best verified matches,
 * part sizes and trivial flags, duplicates and cross-benchmark overlaps; per benchmark the rates at
 * each threshold. Pure and deterministic: everything is sorted, numbers are rounded to 4 decimals.
 */
import type { CheckOutput, TaskCheckOutput } from '../types.js';
import { finding } from '../types.js';
import type { ContaminationConfig, ContaminationSummary, ContaminationTask, Finding, Warning } from '../../model/types.generated.js';
import type { Task } from '../../model/task.js';
import { CHANNEL_CODE, CHANNEL_TEXT, partText, type BenchmarkIndex } from '../../contamination/index.js';
import type { PartName, ScanParameters } from '../../contamination/options.js';
import type { PeerMatch } from '../../contamination/overlap.js';
import { compareMatches, MAX_MATCH_TEXT_CHARS, round4, scoreCandidates, type ContaminationPartial, type FinalMatch } from '../../contamination/scanner.js';
import type { CorpusSpec } from '../../contamination/corpus/types.js';
import { sameProblemPairs, type SameProblemPair } from './same-problem.js';

export interface ContaminationResultInput {
  tasks: readonly Task[];
  index: BenchmarkIndex;
  /** The merged corpus scan, or null in no-corpus mode. */
  partial: ContaminationPartial | null;
  corpus: CorpusSpec | null;
  duplicates: PeerMatch[][];
  overlaps: { benchmark: string; peers: PeerMatch[][] }[];
}

export function contaminationConfig(params: ScanParameters, corpus: CorpusSpec | null, compareWith: string[]): ContaminationConfig {
  return {
    ...structuredClone(params),
    ...(corpus === null ? {} : { corpus: { ...corpus, include: [...corpus.include], exclude: [...corpus.exclude] } }),
    ...(compareWith.length > 0 ? { compareWith: [...compareWith].sort() } : {}),
  };
}

function peerRecord(p: PeerMatch): NonNullable<ContaminationTask['duplicates']>[number] {
  return {
    benchmark: p.benchmark,
    taskId: p.taskId,
    part: p.part,
    otherPart: p.otherPart,
    containment: p.containment,
    similarity: p.similarity,
    kind: p.kind,
    ...(p.sibling ? { sibling: true } : {}),
  };
}

function describeMatch(m: FinalMatch): string {
  const where = `${m.repo ? `${m.repo}/` : ''}${m.path} lines ${m.lineStart}-${m.lineEnd}`;
  return `${m.part} found (${m.kind}) in ${where}: containment ${m.containment}, similarity ${m.similarity}`;
}

export function buildContaminationOutput(input: ContaminationResultInput): CheckOutput<'contamination'> {
  const { tasks, index, partial } = input;
  const params = index.params;
  const scored = partial === null ? null : scoreCandidates(index, partial);
  const perTask: TaskCheckOutput<'contamination'>[] = [];
  // Reported once per pair, on the later task: dropping the flagged tasks keeps one copy of each problem.
  const sameProblems = sameProblemPairs(tasks, input.duplicates);
  const byKind = { verbatim: 0, near: 0, renamed: 0 };
  const best: number[] = [];
  let trivialTasks = 0;
  const warnings: Warning[] = [];

  const itemsOfTask = new Map<number, number[]>();
  for (const item of index.items) {
    let list = itemsOfTask.get(item.task);
    if (list === undefined) itemsOfTask.set(item.task, (list = []));
    list.push(item.id);
  }

  for (let t = 0; t < tasks.length; t++) {
    const task = tasks[t];
    const parts: ContaminationTask['parts'] = {};
    let trivial = false;
    const matches: FinalMatch[] = [];
    for (const id of itemsOfTask.get(t) ?? []) {
      const item = index.items[id];
      const channel = item.part === 'solution' ? CHANNEL_CODE : CHANNEL_TEXT;
      parts[item.part as PartName] = { tokens: item.raw.length, ngrams: item.ngrams[channel]?.length ?? item.totalNgrams, trivial: item.trivial };
      if (item.part === 'solution' && item.trivial) trivial = true;
      if (scored !== null) matches.push(...scored.items[id].matches);
    }
    if (trivial) trivialTasks++;
    // One match per (corpus document, part): the best.
    matches.sort(compareMatches);
    const seen = new Set<string>();
    const top: FinalMatch[] = [];
    for (const m of matches) {
      const key = `${m.corpusId}\u0000${m.part}`;
      if (seen.has(key)) continue;
      seen.add(key);
      top.push(m);
      if (top.length >= params.topMatches) break;
    }
    for (const m of top) byKind[m.kind]++;
    const maxContainment = matches.length > 0 ? matches[0].containment : 0;
    best.push(maxContainment);
    const findings: Finding[] = [];
    if (matches.length > 0 && maxContainment >= params.contaminatedThreshold) {
      const m = matches[0];
      findings.push(
        finding('contamination', 'contaminated', maxContainment >= params.contaminatedErrorThreshold ? 'error' : 'warning', describeMatch(m), {
          corpusId: m.corpusId,
          path: m.path,
          ...(m.repo === null ? {} : { repo: m.repo }),
          lines: { start: m.lineStart, end: m.lineEnd },
          part: m.part,
          kind: m.kind,
          containment: m.containment,
          similarity: m.similarity,
        }),
      );
    }
    const duplicates = input.duplicates[t] ?? [];
    for (const pair of sameProblems.filter((p) => p.second === t)) findings.push(sameProblemFinding(tasks, pair));
    const overlaps: PeerMatch[] = [];
    for (const o of input.overlaps) overlaps.push(...(o.peers[t] ?? []));
    overlaps.sort((a, b) => (a.containment !== b.containment ? b.containment - a.containment : a.benchmark !== b.benchmark ? (a.benchmark < b.benchmark ? -1 : 1) : a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : a.part < b.part ? -1 : 1));
    const foreign = overlaps.filter((o) => !o.sibling);
    if (foreign.length > 0) {
      const o = foreign[0];
      findings.push(
        finding('contamination', 'cross-benchmark-overlap', 'warning', `${o.part} overlaps ${o.benchmark} ${o.taskId} (${o.kind}, containment ${o.containment}, similarity ${o.similarity})`, {
          tasks: foreign.map((x) => ({ benchmark: x.benchmark, taskId: x.taskId, part: x.part })),
        }),
      );
    }
    const section: ContaminationTask = {
      trivial,
      parts,
      maxContainment,
      matches: top.map((m) => ({
        corpusId: m.corpusId,
        ...(m.repo === null ? {} : { repo: m.repo }),
        path: m.path,
        lines: { start: m.lineStart, end: m.lineEnd },
        containment: m.containment,
        similarity: m.similarity,
        part: m.part,
        kind: m.kind,
        via: m.via,
        ...(m.text === undefined ? {} : { corpusText: m.text, benchmarkText: cut(partText(tasks[t], m.part)) }),
      })),
      ...(duplicates.length > 0 ? { duplicates: duplicates.slice(0, params.topMatches).map(peerRecord) } : {}),
      ...(overlaps.length > 0 ? { overlaps: overlaps.slice(0, params.topMatches).map(peerRecord) } : {}),
    };
    perTask.push({ section, findings });
  }

  const duplicatePairs = sameProblems.length;

  if (partial !== null) {
    warnings.push(...partial.warnings);
    for (const [code, count] of Object.entries(partial.warningCounts).sort()) {
      const listed = partial.warnings.filter((w) => w.code === code).length;
      if (count > listed) warnings.push({ code, message: `${count - listed} more ${code} warnings not listed`, check: 'contamination' });
    }
    if (partial.corpus.documents === 0) {
      warnings.push({ code: 'corpus-empty', message: `the corpus ${input.corpus?.location ?? ''} has no documents to scan (check the path, format and --corpus-include globs)`, check: 'contamination' });
    }
  }
  warnings.sort((a, b) => (a.code !== b.code ? (a.code < b.code ? -1 : 1) : a.message < b.message ? -1 : a.message > b.message ? 1 : 0));

  const n = tasks.length;
  const summary: ContaminationSummary = {
    ...(partial === null || scored === null
      ? {}
      : {
          corpus: {
            documents: partial.corpus.documents,
            bytes: partial.corpus.bytes,
            skipped: Object.fromEntries(Object.entries(partial.corpus.skipped).sort()),
            nonUtf8: partial.corpus.nonUtf8,
            boilerplateNgrams: scored.boilerplate.reduce((a, b) => a + b, 0),
          },
        }),
    tasks: n,
    trivialTasks,
    rates: params.rateThresholds.map((threshold) => {
      const count = best.filter((b) => b >= threshold).length;
      return { threshold, tasks: count, rate: n === 0 ? 0 : round4(count / n) };
    }),
    contaminatedTasks: best.filter((b) => b >= params.contaminatedThreshold).length,
    matchesByKind: byKind,
    duplicatePairs,
    crossBenchmark: input.overlaps
      .map((o) => ({
        benchmark: o.benchmark,
        tasksWithOverlap: o.peers.filter((list) => list.length > 0).length,
        pairs: o.peers.reduce((s, list) => s + list.length, 0),
      }))
      .sort((a, b) => (a.benchmark < b.benchmark ? -1 : a.benchmark > b.benchmark ? 1 : 0)),
  };
  return { tasks: perTask, summary, findings: [], warnings };
}

function sameProblemFinding(tasks: readonly Task[], pair: SameProblemPair): Finding {
  const [first, second] = [tasks[pair.first], tasks[pair.second]];
  const why = pair.basis === 'identical-solution' ? 'the solutions are the same code' : 'the solutions nearly match and the prompts say the same apart from literals and examples';
  return finding('contamination', 'near-duplicate-in-benchmark', 'warning', `tasks ${first.id} and ${second.id} are the same problem: ${why} (solution similarity ${pair.forward.similarity} / ${pair.backward.similarity})`, {
    taskIds: [first.id, second.id],
    basis: pair.basis,
    solution: {
      kind: pair.forward.kind,
      containment: [pair.forward.containment, pair.backward.containment],
      similarity: [pair.forward.similarity, pair.backward.similarity],
    },
    checks: { solutionsMatchBothWays: true, ...(pair.basis === 'identical-solution' ? { identicalSolution: true } : { sameWording: true }) },
  });
}

/** The benchmark side of a match, cut like the corpus side. */
function cut(text: string): string {
  return text.length > MAX_MATCH_TEXT_CHARS ? `${text.slice(0, MAX_MATCH_TEXT_CHARS)}\n…` : text;
}
