/**
 * The benchmark problems: a seeded linear-regression data set per size, the same X labelled for the classifiers
 * (binary logistic, softmax with K classes), the shared hyperparameters, and an f64 objective per model used to
 * check that no contender diverged. Every contender copies the same Float64Arrays.
 */

/** The model fitted: the linear suite, or one of the classifiers' section (bench/classifiers.ts). */
export type BenchModel = 'linear' | 'logistic' | 'softmax';

/** One benchmark size with its data and hyperparameters. */
export interface Problem {
  /** Display name, e.g. `1 000×10`. */
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  /** Row-major features, element (i, j) at `x[i·cols + j]`, each ~U(−1, 1). */
  readonly x: Float64Array;
  /**
   * Linear: targets yᵢ = xᵢ·w* + b* + noise, noise ~U(−0.01, 0.01). Logistic: labels 0/1. Softmax: class indices
   * 0 … classes − 1 (see {@link makeClassifierProblem}).
   */
  readonly y: Float64Array;
  /** The model every contender fits. */
  readonly model: BenchModel;
  /** Softmax: the number of classes K (parameters K·d weights + K intercepts); 1 for linear and logistic. */
  readonly classes: number;
  /** Momentum updates per measured call (the same for every contender). */
  readonly iterations: number;
  /** Learning rate η, chosen stable for this data (see {@link stableLr}). */
  readonly lr: number;
  /** Momentum β. */
  readonly momentum: number;
}

/** A size of the suite: rows × cols and the number K of updates per measured call. */
export interface SizeSpec {
  readonly rows: number;
  readonly cols: number;
  readonly iterations: number;
}

/**
 * mulberry32: a 32-bit seeded PRNG, returning uniform doubles in [0, 1). Quality is ample for synthetic data and
 * it makes every run (and every machine) see the same problem.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Formats a count with thin grouping (`1 000 000`), as the sizes are written in the issue. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/**
 * A learning rate that is stable for momentum GD on the linear objective with intercept.
 *
 * The Hessian is H = (1/n)·[X 1]ᵀ[X 1]; its largest eigenvalue is at most its trace = mean ‖xᵢ‖² + 1. Heavy-ball
 * momentum is stable for η·λ < 2(1 + β), so η = 0.5 / (mean ‖xᵢ‖² + 1) is safe for any β ∈ [0, 1).
 */
export function stableLr(x: Float64Array, rows: number): number {
  let sq = 0;
  for (let k = 0; k < x.length; k++) sq += x[k]! * x[k]!;
  return 0.5 / (sq / rows + 1);
}

/** Builds the seeded problem for one size: same seed for every size, so runs are reproducible. */
export function makeProblem(spec: SizeSpec, momentum = 0.9, seed = 20240607): Problem {
  const { rows, cols, iterations } = spec;
  const rand = mulberry32(seed ^ Math.imul(rows, 31) ^ cols);
  const wTrue = new Float64Array(cols);
  for (let j = 0; j < cols; j++) wTrue[j] = 2 * rand() - 1;
  const bTrue = 0.5;
  const x = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let dot = bTrue;
    for (let j = 0; j < cols; j++) {
      const v = 2 * rand() - 1;
      x[i * cols + j] = v;
      dot += v * wTrue[j]!;
    }
    y[i] = dot + 0.02 * (rand() - 0.5);
  }
  return {
    name: `${groupDigits(rows)}×${groupDigits(cols)}`,
    rows,
    cols,
    x,
    y,
    model: 'linear',
    classes: 1,
    iterations,
    lr: stableLr(x, rows),
    momentum,
  };
}

/**
 * The linear problem's X (the same Float64Array, so the three models of a size read the very same data) with labels
 * drawn from the model itself, so that the optimum is finite and every class occurs:
 * - logistic: yᵢ ~ Bernoulli(σ(2·(xᵢ·w* + 0.5))), w* ~ U(−1, 1)ᵈ;
 * - softmax: yᵢ ~ Categorical(softmax(2·(W*·xᵢ))), W* ~ U(−1, 1)^(K×d), drawn by inverting the CDF.
 *
 * The step η is the linear problem's: the logistic Hessian is at most ¼ and the softmax Hessian at most ½ of the
 * linear one ((1/n)·[X 1]ᵀ[X 1], per class), so the linear bound keeps both stable.
 */
export function makeClassifierProblem(linear: Problem, model: 'logistic' | 'softmax', classes = 10, seed = 7): Problem {
  const { rows: n, cols: d, x } = linear;
  const K = model === 'softmax' ? classes : 1;
  const rand = mulberry32(seed ^ Math.imul(n, 131) ^ Math.imul(d, 7) ^ K);
  const wTrue = new Float64Array(K * d);
  for (let k = 0; k < wTrue.length; k++) wTrue[k] = 2 * rand() - 1;
  const y = new Float64Array(n);
  const s = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const row = x.subarray(i * d, (i + 1) * d);
    if (model === 'logistic') {
      let z = 0.5;
      for (let j = 0; j < d; j++) z += row[j]! * wTrue[j]!;
      y[i] = rand() < 1 / (1 + Math.exp(-2 * z)) ? 1 : 0;
      continue;
    }
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += row[j]! * wTrue[k * d + j]!;
      s[k] = 2 * z;
      m = Math.max(m, s[k]!);
    }
    let total = 0;
    for (let k = 0; k < K; k++) total += (s[k] = Math.exp(s[k]! - m));
    let u = rand() * total;
    let c = 0;
    while (c < K - 1 && u >= s[c]!) u -= s[c++]!;
    y[i] = c;
  }
  return { ...linear, y, model, classes: K };
}

/**
 * The objective in f64, to check that a contender's result improved on θ = 0 (written independently of the engine,
 * with the host's Math):
 * - linear: J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)²;
 * - logistic: J = (1/n)·Σ log(1 + e^zᵢ) − yᵢ·zᵢ, zᵢ = xᵢ·w + b;
 * - softmax: J = (1/n)·Σ log Σₖ e^zᵢₖ − zᵢ,yᵢ, zᵢₖ = xᵢ·Wₖ + bₖ.
 *
 * `weights` are K·d for softmax (class k's at k·d), `intercepts` one per class.
 */
export function objective(p: Problem, weights: ArrayLike<number>, intercepts: ArrayLike<number>): number {
  if (p.model === 'logistic' || p.model === 'softmax') return classifierObjective(p, weights, intercepts);
  const intercept = intercepts[0]!;
  let s = 0;
  for (let i = 0; i < p.rows; i++) {
    let r = intercept - p.y[i]!;
    for (let j = 0; j < p.cols; j++) r += p.x[i * p.cols + j]! * weights[j]!;
    s += r * r;
  }
  return s / (2 * p.rows);
}

function classifierObjective(p: Problem, weights: ArrayLike<number>, intercepts: ArrayLike<number>): number {
  const { rows: n, cols: d, classes: K } = p;
  const z = new Float64Array(K);
  let s = 0;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) {
      let t = intercepts[k]!;
      for (let j = 0; j < d; j++) t += p.x[i * d + j]! * weights[k * d + j]!;
      z[k] = t;
      m = Math.max(m, t);
    }
    if (p.model === 'logistic') {
      const t = z[0]!;
      s += Math.max(t, 0) - p.y[i]! * t + Math.log1p(Math.exp(-Math.abs(t)));
      continue;
    }
    let e = 0;
    for (let k = 0; k < K; k++) e += Math.exp(z[k]! - m);
    s += m + Math.log(e) - z[p.y[i]!]!;
  }
  return s / n;
}
