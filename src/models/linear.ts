/**
 * The linear model: J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)², prediction x·w + b, and its closed-form minimiser by the
 * normal equations (AᵀA)θ = Aᵀy with A = [X 1], solved by Cholesky in f64, independent of gradient descent.
 */

import { checkArgCount } from '../options.js';

/** Least-squares solution `{ weights, intercept }` of the normal equations; throws if AᵀA is singular. */
export function leastSquares(
  X: ReadonlyArray<ArrayLike<number>>, y: ArrayLike<number>, fitIntercept = true,
): { weights: Float64Array; intercept: number } {
  checkArgCount('leastSquares', ['X', 'y', 'fitIntercept'], arguments);
  const n = X.length, d = X[0]!.length, p = fitIntercept ? d + 1 : d;
  const A = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = X[i]![j]!;
    if (fitIntercept) row[d] = 1;
    for (let j = 0; j < p; j++) {
      rhs[j] = rhs[j]! + row[j]! * y[i]!;
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
