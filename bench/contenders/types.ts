/**
 * The contract every contender implements: copy a problem once, then run exactly K full-batch momentum updates
 * (v ← β·v + g, first step v = g; θ ← θ − η·v, on weights and intercept) of the problem's model from θ = 0 per call.
 */
import type { Problem } from '../problem.js';

/** Parameters after a fit: the weights and the intercept (softmax: K·d weights, class k's at k·d, and K intercepts). */
export interface Params {
  readonly weights: ArrayLike<number>;
  readonly intercept: number;
  /** All intercepts, when there is more than one (softmax). */
  readonly intercepts?: ArrayLike<number>;
}

/** A problem loaded into a contender, ready to be timed. */
export interface PreparedFit {
  /** Runs K updates from θ = 0, v = 0 and returns the parameters (read back to the host, as a caller would). */
  run(): Params;
  /** Frees what {@link Contender.prepare} allocated. */
  dispose(): void;
}

/** One implementation under test. */
export interface Contender {
  /** Short id used in tables and the chart, e.g. `wasm-simd`. */
  readonly id: string;
  /** Human-readable description. */
  readonly label: string;
  /** Arithmetic precision, which sets the tolerance of the weight check. */
  readonly precision: 'f64' | 'f32';
  /** Copies the problem into the contender's own storage (not timed). */
  prepare(problem: Problem): PreparedFit;
}
