// The problems of the 'auto' suite (test/auto/suite.test.ts, bench/time-to-solution.ts): data, model options, and the
// optimal objective J* from the independent references of test/reference (Newton, the normal equations), evaluated
// by the objectives written here.
import { logisticNewton, ridgeClosedForm, softmaxNewton, makeClassification, softplus } from '../reference/newton.js';
import { makeRegression, lcg } from '../reference/solve.js';

export interface Problem { name: string; X: number[][]; y: number[]; options: Record<string, unknown>; Jstar: number }

function logJ(X: number[][], y: ArrayLike<number>, w: number[], b: number, alpha: number): number {
  let s = 0;
  for (let i = 0; i < X.length; i++) {
    const z = X[i]!.reduce((a, x, j) => a + x * w[j]!, b);
    s += softplus(z) - y[i]! * z;
  }
  return s / X.length + (alpha / 2) * w.reduce((a, v) => a + v * v, 0);
}
function sqJ(X: number[][], y: ArrayLike<number>, w: number[], b: number, alpha: number): number {
  let s = 0;
  for (let i = 0; i < X.length; i++) {
    const r = X[i]!.reduce((a, x, j) => a + x * w[j]!, b) - y[i]!;
    s += r * r;
  }
  return s / (2 * X.length) + (alpha / 2) * w.reduce((a, v) => a + v * v, 0);
}
function softJ(X: number[][], y: ArrayLike<number>, W: number[], b: number[], K: number, alpha: number): number {
  const d = X[0]!.length;
  let s = 0;
  for (let i = 0; i < X.length; i++) {
    const z = Array.from({ length: K }, (_, k) => X[i]!.reduce((a, x, j) => a + x * W[k * d + j]!, b[k] ?? 0));
    const m = Math.max(...z);
    s += m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0)) - z[y[i]!]!;
  }
  return s / X.length + (alpha / 2) * W.reduce((a, v) => a + v * v, 0);
}

/** Columns scaled by 10^(−2 … 2) spread evenly: an ill-conditioned copy. */
function scaleColumns(X: number[][], spread: number): number[][] {
  const d = X[0]!.length;
  const f = Array.from({ length: d }, (_, j) => 10 ** (spread * (d === 1 ? 0 : (2 * j) / (d - 1) - 1)));
  return X.map((r) => r.map((v, j) => v * f[j]!));
}

export function logisticProblem(name: string, X: number[][], y: number[], alpha: number, fitIntercept = true): Problem {
  const o = logisticNewton(X, y, { alpha, fitIntercept });
  return { name, X, y, options: { model: 'logistic', alpha, fitIntercept }, Jstar: logJ(X, y, o.weights, o.intercepts[0] ?? 0, alpha) };
}
export function ridgeProblem(name: string, X: number[][], y: number[], alpha: number, fitIntercept = true): Problem {
  const o = ridgeClosedForm(X, y, { alpha, fitIntercept });
  return { name, X, y, options: { model: alpha > 0 ? 'ridge' : 'linear', ...(alpha > 0 ? { alpha } : {}), fitIntercept }, Jstar: sqJ(X, y, o.weights, o.intercepts[0] ?? 0, alpha) };
}
export function softmaxProblem(name: string, X: number[][], y: number[], K: number, alpha: number): Problem {
  const o = softmaxNewton(X, y, K, { alpha });
  return { name, X, y, options: { model: 'softmax', alpha, classes: K }, Jstar: softJ(X, y, o.weights, o.intercepts, K, alpha) };
}

export function syntheticProblems(): Problem[] {
  const out: Problem[] = [];
  for (const [seed, spread] of [[1, 0], [2, 0], [3, 1], [4, 1.5]] as const) {
    // linear s4 (κ ≈ 10⁶ with no penalty) reaches 1e-6 in no setting within 3000 updates: only its ridge form is kept.
    const r = makeRegression(200, 5, seed);
    const X = spread ? scaleColumns(r.X, spread) : r.X;
    if (spread < 1.5) out.push(ridgeProblem(`linear s${seed} spread ${spread}`, X, r.y, 0));
    out.push(ridgeProblem(`ridge s${seed} spread ${spread}`, X, r.y, 1e-2));
  }
  for (const [seed, spread, alpha] of [[5, 0, 1e-4], [6, 0, 1e-2], [7, 1, 1e-4], [8, 1.5, 1e-3], [9, 0, 1e-3]] as const) {
    const c = makeClassification(300, 6, 2, seed);
    const X = spread ? scaleColumns(c.X, spread) : c.X;
    out.push(logisticProblem(`logistic s${seed} spread ${spread} α ${alpha}`, X, c.y, alpha));
  }
  {
    // Features far from zero mean (offsets 5 … 20): the column of ones and the features nearly collinear.
    const r = makeRegression(200, 4, 13);
    const X = r.X.map((row) => row.map((v, j) => v + 5 * (j + 1)));
    out.push(ridgeProblem('ridge offset features', X, r.y, 1e-3));
  }
  out.push(logisticProblem(`logistic no intercept α 1e-2`, makeClassification(300, 6, 2, 10).X, makeClassification(300, 6, 2, 10).y, 1e-2, false));
  for (const [seed, spread] of [[11, 0], [12, 1]] as const) {
    const c = makeClassification(300, 4, 3, seed);
    const X = spread ? scaleColumns(c.X, spread) : c.X;
    out.push(softmaxProblem(`softmax s${seed} spread ${spread}`, X, c.y, 3, 1e-3));
  }
  void lcg;
  return out;
}

/** Columns divided by their standard deviation after the mean is taken out (as standardize does). */
export function standardized(X: number[][]): number[][] {
  const n = X.length, d = X[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, r) => s + r[j]!, 0) / n);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(X.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / n) || 1);
  return X.map((r) => r.map((v, j) => (v - mean[j]!) / sd[j]!));
}

/** The (lr, β) grid of hand-tuned settings the issue names (7 × 5; also bench/time-to-solution.ts). */
export const GRID_LRS = [0.01, 0.03, 0.1, 0.3, 1, 3, 10];
export const GRID_BETAS = [0, 0.5, 0.9, 0.95, 0.99];

/** The first 300 digits of the given classes (in file order), standardized: the suite's digits problems. */
export function digitsSubset(digits: { X: number[][]; y: number[] }, classes: number[]): { X: number[][]; y: number[] } {
  const rows = digits.y.map((v, i) => [v, i] as const).filter(([v]) => classes.includes(v)).slice(0, 300);
  return { X: standardized(rows.map(([, i]) => digits.X[i]!)), y: rows.map(([v]) => v) };
}

/** The bundled data sets: breast cancer (standardized, and as recorded, features up to ~4000), digits 0/1 and 0/1/2. */
export function bundledProblems(cancer: { X: number[][]; y: number[] }, digits: { X: number[][]; y: number[] }): Problem[] {
  const d01 = digitsSubset(digits, [0, 1]), d012 = digitsSubset(digits, [0, 1, 2]);
  return [
    logisticProblem('cancer standardized α 1e-4', standardized(cancer.X), cancer.y, 1e-4),
    logisticProblem('cancer standardized α 1e-2', standardized(cancer.X), cancer.y, 1e-2),
    logisticProblem('digits 0/1 standardized α 1e-2', d01.X, d01.y, 1e-2),
    softmaxProblem('digits 0/1/2 standardized α 1e-2', d012.X, d012.y, 3, 1e-2),
  ];
}
