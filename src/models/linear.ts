/**
 * The linear model: J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)², prediction x·w + b, and its closed-form minimiser by the
 * normal equations (AᵀA)θ = Aᵀy with A = [X 1], solved by Cholesky in f64, independent of gradient descent.
 */

import { checkArgCount } from '../check/args.js';
import { pow2Floor } from '../scale.js';

/**
 * Least-squares solution of min ‖Xw + b − y‖² by the normal equations (AᵀA)θ = Aᵀy, A = [X 1], solved by Cholesky
 * in f64 (Golub & Van Loan, "Matrix Computations", §4.2). A reference for tests and the experiment, independent of
 * gradient descent; inputs are not validated, and the normal equations square the condition number of X.
 * Overflow-safe: for columns far from unit size, or where the plain sums of products overflow (entries beyond
 * ~1e154), it solves the same system for columns and y divided by powers of two (exact) and scales the solution
 * back.
 * @param X n rows of d numbers (n ≥ d + 1 with an intercept for a unique solution).
 * @param y n targets.
 * @param fitIntercept solve for b too (default true); false fixes b = 0.
 * @returns the minimiser, in fresh storage.
 * @throws RangeError when AᵀA is singular (collinear or constant columns, or too few rows), or the solution itself
 *   exceeds ±1.8e308.
 * @example
 * leastSquares([[0], [1], [2]], [1, 3, 5]); // ≈ { weights: [2], intercept: 1 } (to a few ulps)
 */
export function leastSquares(
  X: ReadonlyArray<ArrayLike<number>>, y: ArrayLike<number>, fitIntercept = true,
): {
  /** The d weights w. */
  weights: Float64Array;
  /** The intercept b (0 when fitIntercept is false). */
  intercept: number;
} {
  checkArgCount('leastSquares', ['X', 'y', 'fitIntercept'], arguments);
  const d = X[0]!.length;
  // Column scales cⱼ (powers of two): columns far from unit size are solved equilibrated, X·diag(1/c) (exact), since
  // the intercept's column of ones beside a column of 1e±100 makes AᵀA numerically singular (and its entries overflow
  // beyond 1e154). Ordinary columns (cⱼ in [2⁻⁸, 2⁸]) take the plain path, unless its sums overflow.
  const cs = new Float64Array(d);
  let wide = false;
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < X.length; i++) m = Math.max(m, Math.abs(X[i]![j]!));
    cs[j] = pow2Floor(m);
    if (cs[j]! > 2 ** 8 || cs[j]! < 2 ** -8) wide = true;
  }
  if (!wide) {
    let plain: { weights: Float64Array; intercept: number } | null = null;
    try {
      plain = solveNormal(X, y, fitIntercept, null, 1);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
    if (plain && plain.weights.every(Number.isFinite) && Number.isFinite(plain.intercept)) return plain;
  }
  // Solve for z with X·diag(1/c) and y/s (s a power of two ≤ max|y|), then w = z·s/c, b = s·z_b.
  let ym = 0;
  for (let i = 0; i < y.length; i++) ym = Math.max(ym, Math.abs(y[i]!));
  const ys = pow2Floor(ym);
  const z = solveNormal(X, y, fitIntercept, cs, ys); // throws for a singular XᵀX, as the plain one would
  const weights = z.weights.map((v, j) => (v / cs[j]!) * ys);
  const intercept = z.intercept * ys;
  if (!weights.every(Number.isFinite) || !Number.isFinite(intercept)) {
    throw new RangeError('leastSquares: the solution exceeds ±1.8e308 (a weight of X and y at these scales overflows f64)');
  }
  return { weights, intercept };
}

/** Cholesky on AᵀA θ = Aᵀy, A = [X 1]; with scales, on X's columns divided by cs and y divided by ys. */
function solveNormal(
  X: ReadonlyArray<ArrayLike<number>>, y: ArrayLike<number>, fitIntercept: boolean, cs: Float64Array | null, ys: number,
): { weights: Float64Array; intercept: number } {
  const n = X.length, d = X[0]!.length, p = fitIntercept ? d + 1 : d;
  const A = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = cs ? X[i]![j]! / cs[j]! : X[i]![j]!;
    if (fitIntercept) row[d] = 1;
    const yi = ys === 1 ? y[i]! : y[i]! / ys;
    for (let j = 0; j < p; j++) {
      rhs[j] = rhs[j]! + row[j]! * yi;
      for (let k = 0; k <= j; k++) A[j * p + k] = A[j * p + k]! + row[j]! * row[k]!;
    }
  }
  // Cholesky A = LLᵀ in place (lower triangle).
  for (let j = 0; j < p; j++) {
    let s = A[j * p + j]!;
    for (let k = 0; k < j; k++) s -= A[j * p + k]! ** 2;
    if (!(s > 0)) throw new RangeError('leastSquares: XᵀX is singular (collinear or constant columns)');
    const l = Math.sqrt(s);
    A[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let t = A[i * p + j]!;
      for (let k = 0; k < j; k++) t -= A[i * p + k]! * A[j * p + k]!;
      A[i * p + j] = t / l;
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let t = rhs[i]!;
    for (let k = 0; k < i; k++) t -= A[i * p + k]! * z[k]!;
    z[i] = t / A[i * p + i]!;
  }
  const theta = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let t = z[i]!;
    for (let k = i + 1; k < p; k++) t -= A[k * p + i]! * theta[k]!;
    theta[i] = t / A[i * p + i]!;
  }
  return { weights: theta.slice(0, d), intercept: fitIntercept ? theta[d]! : 0 };
}
