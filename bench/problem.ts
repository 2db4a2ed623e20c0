/**
 * The benchmark problems: a seeded linear-regression data set per size, the shared hyperparameters, and an f64
 * objective used to check that no contender diverged. Every contender copies the same Float64Arrays.
 */

/** One benchmark size with its data and hyperparameters. */
export interface Problem {
  /** Display name, e.g. `1 000×10`. */
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  /** Row-major features, element (i, j) at `x[i·cols + j]`, each ~U(−1, 1). */
  readonly x: Float64Array;
  /** Targets yᵢ = xᵢ·w* + b* + noise, noise ~U(−0.01, 0.01). */
  readonly y: Float64Array;
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
    iterations,
    lr: stableLr(x, rows),
    momentum,
  };
}

/** J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)² in f64, to check that a contender's result improved on θ = 0. */
export function objective(p: Problem, weights: ArrayLike<number>, intercept: number): number {
  let s = 0;
  for (let i = 0; i < p.rows; i++) {
    let r = intercept - p.y[i]!;
    for (let j = 0; j < p.cols; j++) r += p.x[i * p.cols + j]! * weights[j]!;
    s += r * r;
  }
  return s / (2 * p.rows);
}
