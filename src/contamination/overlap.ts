/**
 * No-corpus mode: near-duplicate tasks inside one benchmark, and tasks of one benchmark that overlap
 * tasks of another (e.g. MBPP vs HumanEval). The other benchmark's task parts are scanned as documents
 * against the first one's index, with the same verification and scoring as a corpus scan; a part is
 * compared with the same part of the other task.
 */
import type { Task } from '../model/task.js';
import { buildIndex, partText, type BenchmarkIndex } from './index.js';
import type { PartName, ScanParameters } from './options.js';
import { Scanner, scoreCandidates, type MatchKind } from './scanner.js';

export interface PeerMatch {
  benchmark: string;
  taskId: string;
  part: PartName;
  otherPart: PartName;
  containment: number;
  similarity: number;
  kind: MatchKind;
  sibling: boolean;
}

const SEP = '\u0000';

function comparePeers(a: PeerMatch, b: PeerMatch): number {
  if (a.containment !== b.containment) return b.containment - a.containment;
  if (a.similarity !== b.similarity) return b.similarity - a.similarity;
  if (a.benchmark !== b.benchmark) return a.benchmark < b.benchmark ? -1 : 1;
  if (a.taskId !== b.taskId) return a.taskId < b.taskId ? -1 : 1;
  return a.part < b.part ? -1 : a.part > b.part ? 1 : 0;
}

function scanTasks(index: BenchmarkIndex, tasksA: readonly Task[], tasksB: readonly Task[], sameBenchmark: boolean): PeerMatch[][] {
  const scanner = new Scanner(index);
  const encoder = new TextEncoder();
  for (const task of tasksB) {
    for (const part of index.params.parts) {
      const id = [task.benchmark, task.id, part].join(SEP);
      scanner.scan({ id, path: `${task.benchmark}/${task.id}`, bytes: encoder.encode(partText(task, part)) });
    }
  }
  const { items } = scoreCandidates(index, scanner.partial());
  const out: PeerMatch[][] = tasksA.map(() => []);
  for (const fi of items) {
    const taskA = tasksA[fi.item.task];
    const best = new Map<string, PeerMatch>();
    for (const m of fi.matches) {
      const [benchmark, taskId, otherPart] = m.corpusId.split(SEP) as [string, string, PartName];
      if (otherPart !== m.part) continue;
      if (sameBenchmark && benchmark === taskA.benchmark && taskId === taskA.id) continue;
      if (m.containment < index.params.contaminatedThreshold) continue;
      const sibling = taskA.siblings.some((s) => s.benchmark === benchmark && s.taskId === taskId);
      const peer: PeerMatch = { benchmark, taskId, part: m.part, otherPart, containment: m.containment, similarity: m.similarity, kind: m.kind, sibling };
      const key = `${benchmark}${SEP}${taskId}${SEP}${m.part}`;
      const prev = best.get(key);
      if (prev === undefined || comparePeers(peer, prev) < 0) best.set(key, peer);
    }
    out[fi.item.task].push(...best.values());
  }
  for (const list of out) list.sort(comparePeers);
  return out;
}

/** Per task of `tasks`: the other tasks of the same benchmark it nearly duplicates. */
export function findDuplicatesInBenchmark(tasks: readonly Task[], params: ScanParameters, index: BenchmarkIndex = buildIndex(tasks, params)): PeerMatch[][] {
  return scanTasks(index, tasks, tasks, true);
}

/** Per task of `tasksA`: the tasks of `tasksB` (another benchmark) that overlap it. */
export function findCrossBenchmarkOverlaps(
  tasksA: readonly Task[],
  tasksB: readonly Task[],
  params: ScanParameters,
  index: BenchmarkIndex = buildIndex(tasksA, params),
): PeerMatch[][] {
  return scanTasks(index, tasksA, tasksB, false);
}
