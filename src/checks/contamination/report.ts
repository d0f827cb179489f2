/**
 * Turn scan results into the report's contamination sections: per task the best verified matches,
 * part sizes and trivial flags, duplicates and cross-benchmark overlaps; per benchmark the rates at
 * each threshold. Pure and deterministic: everything is sorted, numbers are rounded to 4 decimals.
 */
import type { CheckOutput, TaskCheckOutput } from '../types.js';
import { finding } from '../types.js';
import type { ContaminationConfig, ContaminationMatch, ContaminationPartSummary, ContaminationSummary, ContaminationTask, Finding, Warning } from '../../model/types.generated.js';
import type { Task } from '../../model/task.js';
import { CHANNEL_CODE, CHANNEL_TEXT, partText, type BenchmarkIndex } from '../../contamination/index.js';
import type { PartName, ScanParameters } from '../../contamination/options.js';
import type { PeerMatch } from '../../contamination/overlap.js';
import { compareMatches, MAX_MATCH_TEXT_CHARS, round4, scoreCandidates, type ContaminationPartial, type CopyCounts, type FinalMatch } from '../../contamination/scanner.js';
import { IDIOM_MIN_FILES, SHORT_PART_MIN_FILES } from '../../contamination/constants.js';
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

function where(m: FinalMatch): string {
  return `${m.repo ? `${m.repo}/` : ''}${m.path} lines ${m.lineStart}-${m.lineEnd}`;
}

type Copies = { verbatim: number; near: number; renamed: number };
type Severity = Finding['severity'];

/** The task id's number (`HumanEval/13` -> 13, `Mbpp/2` -> 2), for recognising a task's own file by its name. */
function taskNumber(id: string): string | null {
  const m = /(\d+)\D*$/.exec(id);
  return m === null ? null : m[1];
}

/** How surely a corpus document is this task's own copy rather than a sibling's: 2 holds another part, 1 names the task. */
function ownership(m: FinalMatch, num: string | null): number {
  const named = num !== null && new RegExp(`(^|\\D)${num}(\\D|$)`).test(m.corpusId) ? 1 : 0;
  return (m.related ? 2 : 0) + named;
}

/** Best first: containment, similarity, the task's own copy, then corpus id (deterministic). */
function rankMatches(list: FinalMatch[], num: string | null): FinalMatch[] {
  const own = new Map(list.map((m) => [m, ownership(m, num)]));
  return [...list].sort((a, b) => {
    if (a.containment !== b.containment) return b.containment - a.containment;
    if (a.similarity !== b.similarity) return b.similarity - a.similarity;
    const oa = own.get(a) ?? 0;
    const ob = own.get(b) ?? 0;
    if (oa !== ob) return ob - oa;
    return compareMatches(a, b);
  });
}

function matchRecord(m: FinalMatch, task: Task): ContaminationMatch {
  return {
    corpusId: m.corpusId,
    ...(m.repo === null ? {} : { repo: m.repo }),
    path: m.path,
    lines: { start: m.lineStart, end: m.lineEnd },
    containment: m.containment,
    similarity: m.similarity,
    part: m.part,
    kind: m.kind,
    via: m.via,
    ...(m.related ? { related: true } : {}),
    ...(m.segment === undefined ? {} : { segment: m.segment }),
    ...(m.text === undefined ? {} : { corpusText: m.text, benchmarkText: cut(partText(task, m.part)) }),
  };
}

interface PartVerdict {
  severity: Severity;
  match: FinalMatch;
  message: string;
}

/**
 * The rule for one part: a short part counts only when copied verbatim in SHORT_PART_MIN_FILES files
 * (info); otherwise the best match at contaminatedThreshold that is not an idiom decides error or
 * warning by containment; idioms (inexact, in a file without the task's other parts, in
 * IDIOM_MIN_FILES such files) are info.
 */
function judgePart(
  part: PartName,
  short: boolean,
  ngrams: number,
  ranked: FinalMatch[],
  copies: Copies,
  unrelatedInexact: number,
  params: ScanParameters,
  explainedBy: (m: FinalMatch) => string | null,
): PartVerdict | null {
  if (short) {
    const exact = ranked.find((m) => m.kind === 'verbatim');
    if (exact === undefined || copies.verbatim < SHORT_PART_MIN_FILES) return null;
    return {
      severity: 'info',
      match: exact,
      message: `short ${part} (${ngrams} n-grams of its own) copied verbatim in ${copies.verbatim} corpus file${copies.verbatim === 1 ? '' : 's'}, e.g. ${where(exact)}`,
    };
  }
  const isIdiom = (m: FinalMatch): boolean => m.kind !== 'verbatim' && !m.related && unrelatedInexact >= IDIOM_MIN_FILES;
  const above = ranked.filter((m) => m.containment >= params.contaminatedThreshold);
  const strong = above.find((m) => !isIdiom(m) && explainedBy(m) === null);
  const total = copies.verbatim + copies.near + copies.renamed;
  if (strong !== undefined) {
    return {
      severity: strong.containment >= params.contaminatedErrorThreshold ? 'error' : 'warning',
      match: strong,
      message: `${part} found (${strong.kind}) in ${where(strong)}: containment ${strong.containment}, similarity ${strong.similarity}; copies in ${total} corpus files (${copies.verbatim} verbatim, ${copies.near} near, ${copies.renamed} renamed)`,
    };
  }
  const explained = above.find((m) => !isIdiom(m));
  if (explained !== undefined) {
    return {
      severity: 'info',
      match: explained,
      message: `${part} resembles (${explained.kind}) ${where(explained)}, which is a verbatim copy of ${explainedBy(explained) ?? 'another task'}: a similar task, not a copy of this one`,
    };
  }
  if (above.length > 0) {
    const m = above[0];
    return {
      severity: 'info',
      match: m,
      message: `${part} resembles generic code (${m.kind}) found in ${unrelatedInexact} files without the task's other parts, e.g. ${where(m)}: an idiom, not evidence of a copy`,
    };
  }
  return null;
}

export function buildContaminationOutput(input: ContaminationResultInput): CheckOutput<'contamination'> {
  const { tasks, index, partial } = input;
  const params = index.params;
  const scored = partial === null ? null : scoreCandidates(index, partial);
  const copiesOf = new Map<number, CopyCounts>((partial?.copies ?? []).map((c) => [c[0], c]));
  const perTask: TaskCheckOutput<'contamination'>[] = [];
  // Reported once per pair, on the later task: dropping the flagged tasks keeps one copy of each problem.
  const sameProblems = sameProblemPairs(tasks, input.duplicates);
  const byKind = { verbatim: 0, near: 0, renamed: 0 };
  const best: number[] = [];
  let trivialTasks = 0;
  const warnings: Warning[] = [];
  const partSummary = new Map<PartName, ContaminationPartSummary>();
  for (const part of params.parts) {
    partSummary.set(part, {
      tasks: 0,
      short: 0,
      tasksWithCopy: { verbatim: 0, near: 0, renamed: 0, any: 0 },
      files: { verbatim: 0, near: 0, renamed: 0 },
      reported: { error: 0, warning: 0, info: 0 },
    });
  }

  // Verbatim copies per corpus document: an inexact match on the same lines as another task's exact
  // copy of the same part is that task's copy (HumanEval/56 and /61 differ in two characters).
  const exactAt = new Map<string, { task: number; part: string; start: number; end: number }[]>();
  for (const fi of scored?.items ?? []) {
    for (const m of fi.matches) {
      if (m.kind !== 'verbatim') continue;
      let list = exactAt.get(m.corpusId);
      if (list === undefined) exactAt.set(m.corpusId, (list = []));
      list.push({ task: m.task, part: m.part, start: m.lineStart, end: m.lineEnd });
    }
  }
  const explainedBy = (m: FinalMatch): string | null => {
    if (m.kind === 'verbatim') return null;
    const other = (exactAt.get(m.corpusId) ?? []).find((e) => e.task !== m.task && e.part === m.part && e.start <= m.lineEnd && m.lineStart <= e.end);
    return other === undefined ? null : `${tasks[other.task].id}'s ${other.part}`;
  };

  const itemsOfTask = new Map<number, number[]>();
  for (const item of index.items) {
    let list = itemsOfTask.get(item.task);
    if (list === undefined) itemsOfTask.set(item.task, (list = []));
    list.push(item.id);
  }

  for (let t = 0; t < tasks.length; t++) {
    const task = tasks[t];
    const num = taskNumber(task.id);
    const parts: ContaminationTask['parts'] = {};
    let trivial = false;
    let maxContainment = 0;
    const findings: Finding[] = [];
    const firsts: FinalMatch[] = [];
    const rest: FinalMatch[] = [];
    for (const id of itemsOfTask.get(t) ?? []) {
      const item = index.items[id];
      const part = item.part as PartName;
      const channel = item.part === 'solution' ? CHANNEL_CODE : CHANNEL_TEXT;
      const ngrams = item.ngrams[channel]?.length ?? item.totalNgrams;
      if (item.part === 'solution' && item.trivial) trivial = true;
      const ps = partSummary.get(part);
      if (ps !== undefined) {
        ps.tasks++;
        if (item.trivial) ps.short++;
      }
      if (scored === null) {
        parts[part] = { tokens: item.raw.length, ngrams, trivial: item.trivial };
        continue;
      }
      const c = copiesOf.get(id) ?? [id, 0, 0, 0, 0];
      const copies: Copies = { verbatim: c[1], near: c[2], renamed: c[3] };
      const ranked = rankMatches(scored.items[id].matches, num);
      parts[part] = { tokens: item.raw.length, ngrams, trivial: item.trivial, copies, matches: ranked.slice(0, params.topMatches).map((m) => matchRecord(m, task)) };
      byKind.verbatim += copies.verbatim;
      byKind.near += copies.near;
      byKind.renamed += copies.renamed;
      if (ps !== undefined) {
        ps.files.verbatim += copies.verbatim;
        ps.files.near += copies.near;
        ps.files.renamed += copies.renamed;
        const bestKind = copies.verbatim > 0 ? 'verbatim' : copies.renamed > 0 ? 'renamed' : copies.near > 0 ? 'near' : null;
        if (bestKind !== null) {
          ps.tasksWithCopy[bestKind]++;
          ps.tasksWithCopy.any++;
        }
      }
      const verdict = judgePart(part, item.trivial, item.ownNgrams, ranked, copies, c[4], params, explainedBy);
      if (verdict !== null) {
        const m = verdict.match;
        if (verdict.severity !== 'info') maxContainment = Math.max(maxContainment, m.containment);
        if (ps !== undefined) ps.reported[verdict.severity]++;
        findings.push(
          finding('contamination', 'contaminated', verdict.severity, verdict.message, {
            corpusId: m.corpusId,
            path: m.path,
            ...(m.repo === null ? {} : { repo: m.repo }),
            lines: { start: m.lineStart, end: m.lineEnd },
            ...(m.segment === undefined ? {} : { segment: m.segment }),
            part: m.part,
            kind: m.kind,
            containment: m.containment,
            similarity: m.similarity,
            copies,
          }),
        );
      } else if (!item.trivial) {
        // Below the finding threshold still counts toward the rates.
        const top = ranked.find((m) => (m.kind === 'verbatim' || m.related || c[4] < IDIOM_MIN_FILES) && explainedBy(m) === null);
        if (top !== undefined) maxContainment = Math.max(maxContainment, top.containment);
      }
      if (ranked.length > 0) firsts.push(ranked[0]);
      rest.push(...ranked.slice(1));
    }
    if (trivial) trivialTasks++;
    best.push(maxContainment);
    const top = [...firsts.sort(compareMatches), ...rest.sort(compareMatches)].slice(0, params.topMatches);
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
      matches: top.map((m) => matchRecord(m, task)),
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
    ...(scored === null ? {} : { parts: Object.fromEntries([...partSummary.entries()]) }),
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
