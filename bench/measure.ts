/**
 * Timing on top of benchmark.js: one Benchmark per (contender, round), samples pooled across rounds, and the
 * statistics the report prints (median, mean, relative margin of error at 95 %).
 */
import Benchmark from 'benchmark';

/** Timing budget of one Benchmark run. */
export interface TimingBudget {
  /** Seconds benchmark.js may spend sampling (it stops at this or at minSamples, whichever is later). */
  readonly maxTime: number;
  /** Fewest samples (cycles) per run. */
  readonly minSamples: number;
}

/**
 * Where measured results are folded so that no call can be optimised away; printed at the end of the run.
 * A plain number, not an array: a sink that only grows must not be a memory cost of its own.
 */
export const sink = { value: 0 };

/**
 * Times `fn` with benchmark.js and returns the sample: mean seconds per call of each cycle.
 *
 * The function is a closure, which benchmark.js cannot inline into its compiled loop; it detects that
 * (its test compile throws a ReferenceError) and falls back to calling `fn` through a property, which costs a few
 * ns per call: negligible against calls of ≥ 0.1 ms, and the same for every contender.
 */
export function sampleSeconds(fn: () => void, budget: TimingBudget): number[] {
  const bench = new Benchmark({ fn, maxTime: budget.maxTime, minSamples: budget.minSamples, async: false });
  bench.run();
  if (bench.error) throw bench.error;
  return bench.stats.sample.slice();
}

/** Student's t, two-sided 95 %, by degrees of freedom (benchmark.js's table; 1.96 beyond 30). */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12,
  2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Summary of a pooled sample of seconds per call. */
export interface SampleStats {
  readonly n: number;
  readonly median: number;
  readonly mean: number;
  /** Relative margin of error of the mean, in percent, at 95 %. */
  readonly rme: number;
}

/** Median, mean and relative margin of error (as benchmark.js computes `stats.rme`) of a sample. */
export function summarize(sample: readonly number[]): SampleStats {
  const n = sample.length;
  if (n === 0) return { n, median: NaN, mean: NaN, rme: NaN };
  const sorted = [...sample].sort((a, b) => a - b);
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sample.reduce((s, v) => s + v, 0) / n;
  const variance = n > 1 ? sample.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1) : 0;
  const sem = Math.sqrt(variance / n);
  const t = n > 1 ? (T95[n - 2] ?? 1.96) : NaN;
  return { n, median, mean, rme: ((t * sem) / mean) * 100 };
}

/** Calls `fn` until `seconds` have passed and at least `minCalls` calls were made (V8 tier-up, caches). */
export function warmUp(fn: () => void, seconds: number, minCalls = 2): void {
  const end = performance.now() + seconds * 1000;
  for (let k = 0; k < minCalls || performance.now() < end; k++) fn();
}
