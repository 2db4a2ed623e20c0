/**
 * The weight check run before any number is reported: every contender must reach the reference's parameters
 * (the WASM SIMD engine, or the naive loop when the engine is missing) after the same K updates.
 *
 * Tolerance is relative to the largest reference parameter: 1e-12 for f64 contenders (they differ only in
 * summation order: a few ulps per gradient, not amplified by a stable, contracting iteration) and 1e-4 for
 * float32 TF.js (float32 ε ≈ 6e-8, accumulated over n-term sums and K steps; 1e-8…3e-6 in trials).
 */
import type { Params } from './contenders/types.js';
import { objective, type Problem } from './problem.js';

/** Relative tolerance per precision. */
export const TOLERANCE = { f64: 1e-12, f32: 1e-4 } as const;

/**
 * float32 on the classifiers: their gradients are sums over n rows of residuals (p − y) that largely cancel (at θ = 0
 * softmax's are 1/K − [k = y]), and TF.js accumulates them in float32 over the whole of n. Measured against the f64
 * reference after K = 2 updates: logistic 1e-6…4e-4, softmax 2e-7 at 1 000 rows, 3e-4 at 100 000, 3e-3 at 1 000 000.
 * A wrong model (a missing 1/n or intercept, a sum for a mean, a wrong sign) is off by O(1), so 1e-2 still tells.
 */
export const CLASSIFIER_F32_TOLERANCE = 1e-2;

/** Parameters as one vector: weights then the intercept(s). */
export function flatten(p: Params): Float64Array {
  const intercepts = p.intercepts ?? [p.intercept];
  const out = new Float64Array(p.weights.length + intercepts.length);
  out.set(Array.from(p.weights));
  for (let k = 0; k < intercepts.length; k++) out[p.weights.length + k] = intercepts[k]!;
  return out;
}

/** max |a − ref| / max |ref| over all parameters (∞ on a length mismatch or a non-finite value). */
export function relativeDifference(a: Float64Array, ref: Float64Array): number {
  if (a.length !== ref.length) return Infinity;
  let scale = 0;
  let diff = 0;
  for (let k = 0; k < ref.length; k++) {
    if (!Number.isFinite(a[k]!)) return Infinity;
    scale = Math.max(scale, Math.abs(ref[k]!));
    diff = Math.max(diff, Math.abs(a[k]! - ref[k]!));
  }
  return scale > 0 ? diff / scale : diff;
}

/** True when both vectors hold the very same doubles (Object.is: −0 ≠ +0, NaN = NaN). */
export function bitIdentical(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, k) => Object.is(v, b[k]));
}

/** The outcome of one contender's check at one size. */
export interface Check {
  readonly ok: boolean;
  /** Relative difference to the reference (0 for the reference itself). */
  readonly relDiff: number;
  readonly tolerance: number;
  /** Why it failed, or a remark (e.g. "reference"). */
  readonly note: string;
}

/**
 * Checks one contender's parameters: finite, an objective below J(0) (it descended rather than diverged), within
 * tolerance of the reference, and — for f64 — bitwise the same on a later call (the run is deterministic).
 */
export function checkParams(
  p: Problem, got: Float64Array, ref: Float64Array, precision: 'f64' | 'f32', isReference: boolean,
  later: Float64Array | null,
): Check {
  const tolerance = precision === 'f32' && p.model !== 'linear' ? CLASSIFIER_F32_TOLERANCE : TOLERANCE[precision];
  const relDiff = relativeDifference(got, ref);
  const problems: string[] = [];
  const m = p.classes * p.cols;
  const j0 = objective(p, new Float64Array(m), new Float64Array(p.classes));
  const j = got.length === m + p.classes ? objective(p, got.subarray(0, m), got.subarray(m)) : NaN;
  if (!(j < j0)) problems.push(`diverged or stalled: J = ${j.toExponential(3)} ≥ J(0) = ${j0.toExponential(3)}`);
  if (!(relDiff <= tolerance)) problems.push(`differs from reference by ${relDiff.toExponential(2)} > ${tolerance}`);
  if (later !== null) {
    const same = precision === 'f64' ? bitIdentical(later, got) : relativeDifference(later, got) <= tolerance;
    if (!same) problems.push('a later call gave different parameters');
  }
  return { ok: problems.length === 0, relDiff, tolerance, note: problems.join('; ') || (isReference ? 'reference' : '') };
}
