// An independent reference for least squares in the tests: Gaussian elimination with partial pivoting on the
// normal equations, written here and nowhere else (the library uses Cholesky in src/models/linear.ts).

/** Solves M·x = b for a small dense M (row arrays); M and b are not modified. */
export function solve(M: number[][], b: number[]): number[] {
  const n = b.length;
  const A = M.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[piv]![c]!)) piv = r;
    [A[c], A[piv]] = [A[piv]!, A[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = A[r]![c]! / A[c]![c]!;
      for (let k = c; k <= n; k++) A[r]![k] = A[r]![k]! - f * A[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = A[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= A[r]![k]! * x[k]!;
    x[r] = s / A[r]![r]!;
  }
  return x;
}

/**
 * argmin (1/2n)·‖Xw + b − y‖² + (λ/2)·‖w‖² (intercept unpenalised): [w…, b] from the normal equations
 * (AᵀA/n + λ·D)θ = Aᵀy/n with A = [X 1] and D = diag(1, …, 1, 0).
 */
export function ridgeSolution(X: number[][], y: ArrayLike<number>, lambda = 0, fitIntercept = true): number[] {
  const n = X.length, d = X[0]!.length, p = fitIntercept ? d + 1 : d;
  const M = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const r = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const a = fitIntercept ? [...X[i]!, 1] : [...X[i]!];
    for (let j = 0; j < p; j++) {
      r[j] = r[j]! + (a[j]! * y[i]!) / n;
      for (let k = 0; k < p; k++) M[j]![k] = M[j]![k]! + (a[j]! * a[k]!) / n;
    }
  }
  for (let j = 0; j < d; j++) M[j]![j] = M[j]![j]! + lambda;
  return solve(M, r);
}

/** A deterministic small LCG for test data (independent of src/random.ts). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** n × d features ~ U(−1, 1) and y = X·w* + b* + noise, from a seed. */
export function makeRegression(n: number, d: number, seed: number, noise = 0.1) {
  const u = lcg(seed);
  const wStar = Array.from({ length: d }, () => 4 * u() - 2);
  const bStar = 1.5;
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * u() - 1));
  const y = X.map((row) => row.reduce((s, x, j) => s + x * wStar[j]!, bStar) + noise * (2 * u() - 1));
  return { X, y, wStar, bStar };
}
