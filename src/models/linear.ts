/**
 * The linear model: J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)², prediction x·w + b, and its closed-form minimiser by the
 * normal equations (AᵀA)θ = Aᵀy with A = [X 1], solved by Cholesky in f64, independent of gradient descent.
 */

/**
 * Least-squares solution of min ‖Xw + b − y‖² by the normal equations (AᵀA)θ = Aᵀy, A = [X 1], solved by Cholesky
 * in f64 (Golub & Van Loan, "Matrix Computations", §4.2). A reference for tests and the experiment, independent of
 * gradient descent; inputs are not validated, and the normal equations square the condition number of X.
 * @param X n rows of d numbers (n ≥ d + 1 with an intercept for a unique solution).
 * @param y n targets.
 * @param fitIntercept solve for b too (default true); false fixes b = 0.
 * @returns the minimiser, in fresh storage.
 * @throws RangeError when AᵀA is singular (collinear or constant columns, or too few rows).
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
