/**
 * Model scores with their uncertainty: the unbiased pass@k estimator, percentile bootstrap intervals over tasks, and a
 * paired comparison of two models on the same tasks. Pure and seeded: the same inputs and seed give the same figures.
 */
import { seededRandom } from '../util/random.js';

/** Bootstrap resamples: 10,000 keeps the Monte Carlo error of a 95% percentile bound near 0.1 point of pass@1 on 164 tasks. */
export const BOOTSTRAP_RESAMPLES = 10_000;
/** Sign-flip permutations for the paired test; same reasoning as the resamples (p resolution 1e-4). */
export const PERMUTATIONS = 10_000;
/** Two-sided confidence level of every interval printed. */
export const CONFIDENCE = 0.95;
/** A difference is called significant when the paired test's p-value is below this (two-sided). */
export const SIGNIFICANCE = 0.05;
/** The k of pass@k reported when every task has that many samples (the values of Chen et al. 2021, Table 1). */
export const PASS_AT_K = [1, 10, 100] as const;

/** Figures are rounded to 6 decimals so they print and compare stably across machines. */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The unbiased estimator of pass@k from n samples of which c passed (Chen et al. 2021, "Evaluating Large Language
 * Models Trained on Code", eq. 1): 1 - C(n-c, k) / C(n, k), as a product so large n does not overflow.
 * Undefined when k > n: fewer samples than k say nothing about k draws without replacement.
 */
export function passAtK(n: number, c: number, k: number): number | undefined {
  if (!Number.isInteger(n) || !Number.isInteger(c) || !Number.isInteger(k) || n < 0 || c < 0 || c > n || k < 1) {
    throw new RangeError(`passAtK: need integers 0 <= c <= n and k >= 1, got n=${n}, c=${c}, k=${k}`);
  }
  if (k > n) return undefined;
  // The product below gives c/n only up to rounding at k = 1; the exact quotient keeps printed figures exact.
  if (k === 1) return c / n;
  if (n - c < k) return 1;
  let fail = 1;
  for (let i = n - c + 1; i <= n; i++) fail *= 1 - k / i;
  return 1 - fail;
}

/** The q-quantile of sorted values with linear interpolation between order statistics (Hyndman & Fan type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export interface Estimate {
  /** The mean over tasks. */
  value: number;
  /** The CONFIDENCE percentile bootstrap interval over tasks. */
  low: number;
  high: number;
  tasks: number;
}

export interface BootstrapOptions {
  seed: number;
  /** Names the stream of random numbers, so two figures never share one (and adding a figure moves no other). */
  key: string;
  resamples?: number;
}

/**
 * The mean of per-task values with a percentile bootstrap interval that resamples tasks (the benchmark is one sample of
 * possible tasks; a model's samples within a task are already summarized by the per-task value).
 */
export function bootstrapMean(values: readonly number[], options: BootstrapOptions): Estimate | null {
  if (values.length === 0) return null;
  const resamples = options.resamples ?? BOOTSTRAP_RESAMPLES;
  const random = seededRandom(options.seed, `bootstrap\0${options.key}`);
  const n = values.length;
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[random.int(n)];
    means[b] = sum / n;
  }
  const sorted = Array.from(means).sort((x, y) => x - y);
  const alpha = 1 - CONFIDENCE;
  return { value: round6(mean(values)), low: round6(quantile(sorted, alpha / 2)), high: round6(quantile(sorted, 1 - alpha / 2)), tasks: n };
}

export interface PairedComparison {
  /** Tasks both models were scored on. */
  tasks: number;
  a: number;
  b: number;
  /** a - b, with the paired bootstrap interval (tasks resampled jointly). */
  difference: Estimate;
  /** Two-sided p-value of the paired sign-flip permutation test of "no difference". */
  pValue: number;
  significant: boolean;
}

/**
 * Two models on the same tasks: the difference of their mean per-task scores, a paired bootstrap interval, and a
 * sign-flip permutation test (under "no difference" each task's difference is as likely negated; exact in the limit of
 * permutations, no normality assumed).
 */
export function pairedComparison(a: readonly number[], b: readonly number[], options: BootstrapOptions & { permutations?: number }): PairedComparison | null {
  if (a.length !== b.length) throw new RangeError(`pairedComparison: ${a.length} scores against ${b.length}`);
  if (a.length === 0) return null;
  const d = a.map((x, i) => x - b[i]);
  const difference = bootstrapMean(d, { ...options, key: `${options.key}\0difference` })!;
  const observed = Math.abs(mean(d));
  const permutations = options.permutations ?? PERMUTATIONS;
  const random = seededRandom(options.seed, `permutation\0${options.key}`);
  // Differences this small are rounding noise of the mean; counting them as "as extreme" keeps p = 1 when a == b.
  const tolerance = 1e-12;
  let extreme = 0;
  for (let p = 0; p < permutations; p++) {
    let sum = 0;
    for (const x of d) sum += random.next() < 0.5 ? -x : x;
    if (Math.abs(sum / d.length) >= observed - tolerance) extreme++;
  }
  // The +1s count the observed assignment itself, so p is never 0 (Phipson & Smyth 2010).
  const pValue = round6((extreme + 1) / (permutations + 1));
  return { tasks: a.length, a: round6(mean(a)), b: round6(mean(b)), difference, pValue, significant: pValue < SIGNIFICANCE };
}
