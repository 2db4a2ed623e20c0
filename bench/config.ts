/**
 * The two suites: the full run (all five sizes, three interleaved rounds, and the classifiers at three sizes) and
 * `--quick` (three sizes and two classifier sizes, short budgets, about a minute). K per size keeps one engine call in the ~1–50 ms range; every contender runs the
 * same K at a size so their weights can be compared.
 */
import type { TimingBudget } from './measure.js';
import type { SizeSpec } from './problem.js';

/** Everything that differs between the full and the quick run. */
export interface RunConfig {
  readonly quick: boolean;
  readonly sizes: readonly SizeSpec[];
  /** Rounds per size; each round times every contender once, in a rotated order. */
  readonly rounds: number;
  /** Budget of one contender in one round. */
  readonly budget: TimingBudget;
  /** Seconds of untimed calls per contender before the first round (V8 tier-up, caches, page faults). */
  readonly warmUpSeconds: number;
  readonly probeBudget: TimingBudget;
  readonly stepBudget: TimingBudget;
  /**
   * The classifiers' section (bench/classifiers.ts): sizes at which linear, logistic and softmax are timed in the
   * same rounds, K per size.
   */
  readonly classifierSizes: readonly SizeSpec[];
  /** Softmax classes in the classifiers' section. */
  readonly classes: number;
  /** Budget of one contender in one round of the classifiers' section (their calls are long: few samples). */
  readonly classifierBudget: TimingBudget;
  /** Where the markdown report goes, relative to bench/. */
  readonly resultsFile: string;
  /** Where the chart goes, relative to bench/ (null: no chart). */
  readonly chartFile: string | null;
}

/** The full suite (a few minutes on the 2-core reference machine). */
export const FULL: RunConfig = {
  quick: false,
  sizes: [
    { rows: 100, cols: 1, iterations: 1000 },
    { rows: 1000, cols: 10, iterations: 500 },
    { rows: 10_000, cols: 100, iterations: 20 },
    { rows: 100_000, cols: 100, iterations: 10 },
    { rows: 1_000_000, cols: 10, iterations: 10 },
  ],
  rounds: 3,
  budget: { maxTime: 0.5, minSamples: 5 },
  warmUpSeconds: 0.3,
  probeBudget: { maxTime: 1.5, minSamples: 10 },
  stepBudget: { maxTime: 0.5, minSamples: 10 },
  // The three sizes; K keeps a WASM softmax call near 10–60 ms before the kernels without host calls.
  classifierSizes: [
    { rows: 1000, cols: 10, iterations: 100 },
    { rows: 100_000, cols: 100, iterations: 2 },
    { rows: 1_000_000, cols: 10, iterations: 2 },
  ],
  classes: 10,
  classifierBudget: { maxTime: 0.3, minSamples: 3 },
  resultsFile: 'RESULTS.md',
  chartFile: 'throughput.svg',
};

/** `--quick`: the three small sizes, short budgets; writes its own file so RESULTS.md keeps the full run. */
export const QUICK: RunConfig = {
  quick: true,
  sizes: [
    { rows: 100, cols: 1, iterations: 1000 },
    { rows: 1000, cols: 10, iterations: 200 },
    { rows: 10_000, cols: 100, iterations: 10 },
  ],
  rounds: 2,
  budget: { maxTime: 0.1, minSamples: 3 },
  warmUpSeconds: 0.1,
  probeBudget: { maxTime: 0.3, minSamples: 5 },
  stepBudget: { maxTime: 0.1, minSamples: 5 },
  // 1 000 × 10 as in the full run (its floors against the JS fallback and TF.js), 10 000 × 100 standing in for
  // 100 000 × 100 (the d = 100 floors), so every floor is evaluated, on smaller data.
  classifierSizes: [
    { rows: 1000, cols: 10, iterations: 50 },
    { rows: 10_000, cols: 100, iterations: 2 },
  ],
  classes: 10,
  classifierBudget: { maxTime: 0.1, minSamples: 3 },
  resultsFile: 'RESULTS-quick.md',
  chartFile: 'throughput-quick.svg',
};
