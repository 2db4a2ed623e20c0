// The Newton references themselves: hand-worked optima (arithmetic in comments), the gradient of the objective
// at the returned point — written out again here from the formula — below 1e-12, and cross-checks between
// independent routes (softmax with K = 2 against logistic; Cholesky ridge against the Gaussian-elimination one).
import { describe, expect, it } from 'vitest';
import { choleskySolve, logisticNewton, makeClassification, ridgeClosedForm, softmaxNewton } from './newton.js';
import { makeRegression, ridgeSolution } from './solve.js';

/** |a − e| ≤ k·ε·|e| (or ≤ k·ε when e = 0). */
function near(actual: number, expected: number, k: number): void {
  const bound = k * Number.EPSILON * Math.max(Math.abs(expected), 1);
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(bound);
}

/** ∇J of the logistic objective, directly from its definition: (1/n)·Σ(σ(zᵢ) − yᵢ)·[xᵢ, 1] + α·[w, 0]. */
function logisticGrad(X: number[][], y: number[], w: number[], b: number, alpha: number): number[] {
  const n = X.length, d = w.length;
  const g = new Array<number>(d + 1).fill(0);
  X.forEach((x, i) => {
    const z = x.reduce((s, v, j) => s + v * w[j]!, b);
    const r = 1 / (1 + Math.exp(-z)) - y[i]!;
    x.forEach((v, j) => (g[j] = g[j]! + (r * v) / n));
    g[d] = g[d]! + r / n;
  });
  return g.map((v, j) => (j < d ? v + alpha * w[j]! : v));
}

/** ∇J of the softmax objective: ∂/∂Wₖ = (1/n)·Σ(pᵢₖ − [yᵢ = k])·xᵢ + α·Wₖ, ∂/∂bₖ = (1/n)·Σ(pᵢₖ − [yᵢ = k]). */
function softmaxGrad(X: number[][], y: number[], K: number, W: number[], b: number[], alpha: number): number[] {
  const n = X.length, d = X[0]!.length;
  const g = new Array<number>(K * d + K).fill(0);
  X.forEach((x, i) => {
    const z = Array.from({ length: K }, (_, k) => x.reduce((s, v, j) => s + v * W[k * d + j]!, b[k]!));
    const e = z.map((v) => Math.exp(v));
    const total = e.reduce((s, v) => s + v, 0);
    for (let k = 0; k < K; k++) {
      const r = e[k]! / total - (y[i] === k ? 1 : 0);
      for (let j = 0; j < d; j++) g[k * d + j] = g[k * d + j]! + (r * x[j]!) / n;
      g[K * d + k] = g[K * d + k]! + r / n;
    }
  });
  for (let m = 0; m < K * d; m++) g[m] = g[m]! + alpha * W[m]!;
  return g;
}

const maxAbs = (v: number[]) => Math.max(...v.map(Math.abs));

describe('choleskySolve', () => {
  it('solves a hand-worked 2×2 system and refuses an indefinite one', () => {
    // [[4, 2], [2, 3]]·x = [2, 1]: det = 8, x = (1/8)·[[3, −2], [−2, 4]]·[2, 1] = (1/8)·[4, 0] = [0.5, 0].
    const x = choleskySolve([[4, 2], [2, 3]], [2, 1]);
    near(x[0]!, 0.5, 4);
    near(x[1]!, 0, 4);
    expect(() => choleskySolve([[1, 2], [2, 1]], [1, 1])).toThrow(/not positive definite at pivot 1/);
  });
});

describe('logisticNewton', () => {
  it('hand-worked: symmetric data, α chosen so that w* = ln 3', () => {
    // X = [[1], [−1]], y = [1, 0]: J(w, b) = ½[softplus(−w − b) + softplus(−w + b)] + (α/2)w², even in b → b* = 0.
    // ∂J/∂w = −σ(−w) + α·w = 0 ⇔ α·w = 1/(1 + eʷ); at w = ln 3: 1/(1 + 3) = ¼ → α = 1/(4·ln 3).
    const opt = logisticNewton([[1], [-1]], [1, 0], { alpha: 1 / (4 * Math.log(3)) });
    near(opt.weights[0]!, Math.log(3), 8);
    near(opt.intercepts[0]!, 0, 8);
  });

  it('hand-worked: the intercept is unpenalised, b* = logit of the base rate', () => {
    // All x = 0: ∂J/∂w = α·w → w* = 0; ∂J/∂b = σ(b) − 3/4 = 0 → b* = ln(¾ / ¼) = ln 3, whatever α.
    const opt = logisticNewton([[0], [0], [0], [0]], [1, 1, 1, 0], { alpha: 1 });
    near(opt.weights[0]!, 0, 4);
    near(opt.intercepts[0]!, Math.log(3), 8);
  });

  it('returns a point where the gradient (recomputed from the formula) is below 1e-12', () => {
    for (const [seed, alpha, fitIntercept] of [[1, 1e-2, true], [2, 1e-3, true], [3, 0.1, false]] as const) {
      const { X, y } = makeClassification(120, 4, 2, seed);
      const opt = logisticNewton(X, y, { alpha, fitIntercept });
      const g = logisticGrad(X, y, opt.weights, opt.intercepts[0]!, alpha);
      expect(maxAbs(fitIntercept ? g : g.slice(0, 4))).toBeLessThan(1e-12);
      expect(opt.gradMax).toBeLessThan(1e-12);
      expect(opt.iterations).toBeLessThan(20); // Newton: a handful of steps
      if (!fitIntercept) expect(opt.intercepts).toEqual([0]);
    }
  });
});

describe('softmaxNewton', () => {
  it('hand-worked: features all 0 → W* = 0 and b* = centred log class frequencies', () => {
    // Counts 1, 2, 4 of classes 0, 1, 2: ∂J/∂bₖ = pₖ − nₖ/n = 0 → b = log nₖ + c; centred:
    // (0, ln 2, 2·ln 2) − ln 2 = (−ln 2, 0, ln 2).
    const opt = softmaxNewton([[0], [0], [0], [0], [0], [0], [0]], [0, 1, 1, 2, 2, 2, 2], 3, { alpha: 0.5 });
    for (const w of opt.weights) near(w, 0, 4);
    near(opt.intercepts[0]!, -Math.LN2, 8);
    near(opt.intercepts[1]!, 0, 8);
    near(opt.intercepts[2]!, Math.LN2, 8);
  });

  it('K = 2 is logistic regression with half the penalty', () => {
    // z₁ − z₀ = x·(W₁ − W₀) + (b₁ − b₀); for a fixed difference δ = W₁ − W₀ the penalty (α/2)(‖W₀‖² + ‖W₁‖²) is
    // smallest at W₁ = −W₀ = δ/2, where it is (α/2)·‖δ‖²/2. So δ* = w* and b₁ − b₀ = b* of logistic with α/2.
    const { X, y } = makeClassification(100, 3, 2, 11);
    const alpha = 0.02;
    const s = softmaxNewton(X, y, 2, { alpha });
    const l = logisticNewton(X, y, { alpha: alpha / 2 });
    for (let j = 0; j < 3; j++) {
      expect(Math.abs(s.weights[3 + j]! - s.weights[j]! - l.weights[j]!)).toBeLessThan(1e-13);
      expect(Math.abs(s.weights[3 + j]! + s.weights[j]!)).toBeLessThan(1e-13);
    }
    expect(Math.abs(s.intercepts[1]! - s.intercepts[0]! - l.intercepts[0]!)).toBeLessThan(1e-13);
  });

  it('returns a point where the gradient (recomputed from the formula) is below 1e-12, b centred', () => {
    for (const [seed, K, alpha] of [[4, 3, 1e-2], [5, 4, 1e-3], [6, 5, 0.1]] as const) {
      const { X, y } = makeClassification(150, 3, K, seed);
      const opt = softmaxNewton(X, y, K, { alpha });
      const g = softmaxGrad(X, y, K, opt.weights, opt.intercepts, alpha);
      expect(maxAbs(g)).toBeLessThan(1e-12);
      expect(Math.abs(opt.intercepts.reduce((a, b) => a + b, 0))).toBeLessThan(1e-14);
      expect(opt.iterations).toBeLessThan(30);
    }
  });

  it('without intercepts', () => {
    const { X, y } = makeClassification(90, 2, 3, 8);
    const opt = softmaxNewton(X, y, 3, { alpha: 0.05, fitIntercept: false });
    expect(opt.intercepts).toEqual([0, 0, 0]);
    expect(maxAbs(softmaxGrad(X, y, 3, opt.weights, [0, 0, 0], 0.05).slice(0, 6))).toBeLessThan(1e-12);
  });
});

describe('ridgeClosedForm', () => {
  it('hand-worked', () => {
    // X = [0, 1, 2], y = [1, 3, 2], n = 3: Σx = 3, Σx² = 5, Σy = 6, Σxy = 7. Normal equations:
    // (5/3 + α)·w + b = 7/3 and w + b = 2 → (2/3 + α)·w = 1/3.
    // α = 0: w = 1/2, b = 3/2 (OLS);  α = 1/3: w = 1/3, b = 5/3.
    const X = [[0], [1], [2]], y = [1, 3, 2];
    const ols = ridgeClosedForm(X, y, { alpha: 0 });
    near(ols.weights[0]!, 0.5, 8);
    near(ols.intercepts[0]!, 1.5, 8);
    const r = ridgeClosedForm(X, y, { alpha: 1 / 3 });
    near(r.weights[0]!, 1 / 3, 8);
    near(r.intercepts[0]!, 5 / 3, 8);
  });

  it('agrees with the Gaussian-elimination reference of test/reference/solve.ts', () => {
    const { X, y } = makeRegression(50, 4, 3);
    for (const alpha of [0, 0.1]) {
      const a = ridgeClosedForm(X, y, { alpha });
      const b = ridgeSolution(X, y, alpha);
      [...a.weights, a.intercepts[0]!].forEach((v, j) => expect(Math.abs(v - b[j]!)).toBeLessThan(1e-13 * Math.max(1, Math.abs(b[j]!))));
    }
    const c = ridgeClosedForm(X, y, { alpha: 0.1, fitIntercept: false });
    const e = ridgeSolution(X, y, 0.1, false);
    c.weights.forEach((v, j) => expect(Math.abs(v - e[j]!)).toBeLessThan(1e-13 * Math.max(1, Math.abs(e[j]!))));
  });
});
