/**
 * The benchmark problems: a seeded linear-regression data set per size, the same X labelled for the classifiers
 * (binary logistic, softmax with K classes), the shared hyperparameters, and an f64 objective per model used to
 * check that no contender diverged. Every contender copies the same Float64Arrays.
 */

/**
 * The model fitted: the linear suite, or one of the classifiers' section (bench/classifiers.ts), which also times
 * members of the linear SGD family (issue 15) on the same X: the Huber loss and the elastic net on the linear
 * problem's y, the squared hinge on the logistic problem's labels.
 */
export type BenchModel = 'linear' | 'logistic' | 'softmax' | 'huber' | 'squaredHinge' | 'elasticnet';

/** The Huber loss's ε in the family rows (scikit-learn's default, 0.1). */
export const HUBER_EPSILON = 0.1;
/**
 * The elastic net's α and ρ (l1Ratio) in the family rows: the soft-threshold runs on every coordinate after every
 * update whatever α is, so α only has to keep the fit a regression (w* ~ U(−1, 1)ᵈ: few weights are zeroed).
 */
export const ELASTICNET = { alpha: 0.01, l1Ratio: 0.5 } as const;

/** The options (beyond η, β, K) the engine fits a bench model with: no L2 term where the peers fit none. */
export function engineModelOptions(p: Problem): Record<string, unknown> {
  switch (p.model) {
    case 'linear': return { model: 'linear' };
    case 'logistic': return { model: 'logistic', alpha: 0 };
    case 'softmax': return { model: 'softmax', alpha: 0, classes: p.classes };
    case 'huber': return { model: 'huber', alpha: 0, epsilon: HUBER_EPSILON };
    case 'squaredHinge': return { model: 'squaredHinge', alpha: 0 };
    case 'elasticnet': return { model: 'linear', penalty: 'elasticnet', alpha: ELASTICNET.alpha, l1Ratio: ELASTICNET.l1Ratio };
  }
}

/** A member of the linear SGD family on a problem's data: Huber and elastic net on the linear y, squared hinge on 0/1 labels. */
export function makeFamilyProblem(base: Problem, model: 'huber' | 'squaredHinge' | 'elasticnet'): Problem {
  if ((model === 'squaredHinge') !== (base.model === 'logistic')) {
    throw new Error(`makeFamilyProblem: ${model} takes the ${model === 'squaredHinge' ? 'logistic' : 'linear'} problem's labels`);
  }
  return { ...base, model, classes: 1 };
}

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
 * - linear: J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)²; the family rows: the mean of their loss (+ the elastic net's
 *   α·(ρ‖w‖₁ + (1 − ρ)/2·‖w‖²));
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
    let z = intercept;
    for (let j = 0; j < p.cols; j++) z += p.x[i * p.cols + j]! * weights[j]!;
    s += pointLoss(p.model, z, p.y[i]!);
  }
  let penalty = 0;
  if (p.model === 'elasticnet') {
    let l1 = 0, l2 = 0;
    for (let j = 0; j < p.cols; j++) { l1 += Math.abs(weights[j]!); l2 += weights[j]! * weights[j]!; }
    penalty = ELASTICNET.alpha * (ELASTICNET.l1Ratio * l1 + ((1 - ELASTICNET.l1Ratio) / 2) * l2);
  }
  return s / p.rows + penalty;
}

/**
 * One row's loss (scikit-learn's definitions, sklearn/linear_model/_sgd_fast): squared ½r² (linear, elastic net);
 * Huber ½r² for |r| ≤ ε, else ε|r| − ε²/2; squared hinge max(0, 1 − t·z)², t = 2y − 1.
 */
function pointLoss(model: BenchModel, z: number, y: number): number {
  const r = z - y;
  if (model === 'huber') return Math.abs(r) <= HUBER_EPSILON ? 0.5 * r * r : HUBER_EPSILON * Math.abs(r) - 0.5 * HUBER_EPSILON ** 2;
  if (model === 'squaredHinge') { const m = Math.max(0, 1 - (2 * y - 1) * z); return m * m; }
  return 0.5 * r * r;
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
