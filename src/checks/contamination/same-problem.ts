/**
 * Which near-duplicate pairs inside a benchmark are the same problem. Text similarity alone also pairs
 * problems that differ in one word (min/max, odd/even, addition/multiplication): calibrated on the five
 * benchmarks, a pair is the same problem when the solutions match both ways and either the solutions are
 * identical or the prompts say the same thing once literals and examples are set aside. Pure.
 */
import type { Task } from '../../model/task.js';
import type { PeerMatch } from '../../contamination/overlap.js';

/**
 * Solution similarity both ways below which a pair is never the same problem. Calibrated: HumanEval/7-29
 * (substring vs prefix filter) score 0.96/0.92, /56-61 (the same bracket check over `<>` and `()`) 0.98 both ways.
 */
export const SAME_PROBLEM_SOLUTION_SIMILARITY = 0.95;
/** Solution similarity both ways at which the two solutions are the same code (MBPP 67/608: 0.99; 116/439: 1). */
export const IDENTICAL_SOLUTION_SIMILARITY = 0.99;

/** Words that rewordings add or drop without changing the problem ("a string" / "the given string"). */
const FILLER_WORDS = new Set(['a', 'an', 'the', 'given', 'of', 'to', 'that', 'which', 'is', 'are', 'in', 'and', 'function', 'write', 'python']);

export type SameProblemBasis = 'identical-solution' | 'same-wording';

export interface SameProblemPair {
  /** Task indices, first < second in report order. */
  first: number;
  second: number;
  basis: SameProblemBasis;
  /** The solution match from each side (containment is one-sided). */
  forward: PeerMatch;
  backward: PeerMatch;
}

/**
 * The prompt's wording with its examples, signature, imports, string and number literals and links set aside,
 * as a sequence of content words.
 */
export function promptWording(prompt: string): string {
  const kept: string[] = [];
  const lines = prompt.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t.startsWith('>>>')) {
      while (i + 1 < lines.length && lines[i + 1].trim() !== '' && !lines[i + 1].trim().startsWith('>>>') && !lines[i + 1].includes('"""')) i++;
      continue;
    }
    if (/^(?:def|from|import|assert)\b/.test(t)) continue;
    kept.push(t);
  }
  return kept
    .join(' ')
    .replace(/[rRuU]?(?:"""|''')/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    // A quote after a letter is an apostrophe ("b's"), not a string.
    .replace(/(?<![A-Za-z])(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g, ' S ')
    .replace(/\d+(?:\.\d+)?/g, ' N ')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '' && !FILLER_WORDS.has(w))
    .join(' ');
}

/** The same-problem pairs among near-duplicate solution matches, each once, in report order. */
export function sameProblemPairs(tasks: readonly Task[], duplicates: readonly PeerMatch[][]): SameProblemPair[] {
  const indexOf = new Map<string, number>();
  tasks.forEach((t, i) => {
    if (!indexOf.has(`${t.benchmark}\u0000${t.id}`)) indexOf.set(`${t.benchmark}\u0000${t.id}`, i);
  });
  const solutionMatch = (from: number, to: number) =>
    (duplicates[from] ?? []).find((d) => d.part === 'solution' && d.benchmark === tasks[to].benchmark && d.taskId === tasks[to].id);
  const pairs: SameProblemPair[] = [];
  for (let i = 0; i < tasks.length; i++) {
    for (const d of duplicates[i] ?? []) {
      if (d.part !== 'solution') continue;
      const j = indexOf.get(`${d.benchmark}\u0000${d.taskId}`);
      if (j === undefined || j <= i) continue;
      const backward = solutionMatch(j, i);
      if (!backward) continue;
      const similarity = Math.min(d.similarity, backward.similarity);
      if (similarity < SAME_PROBLEM_SOLUTION_SIMILARITY) continue;
      if (similarity >= IDENTICAL_SOLUTION_SIMILARITY) pairs.push({ first: i, second: j, basis: 'identical-solution', forward: d, backward });
      else if (promptWording(tasks[i].prompt) === promptWording(tasks[j].prompt)) pairs.push({ first: i, second: j, basis: 'same-wording', forward: d, backward });
    }
  }
  return pairs.sort((a, b) => a.second - b.second || a.first - b.first);
}
