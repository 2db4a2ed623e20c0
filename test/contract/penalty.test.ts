// Penalties 'l1' and 'elasticnet' (issue 15): scikit-learn's SGD objective data term + α·(ρ‖w‖₁ + ((1 − ρ)/2)·‖w‖²),
// the L1 part a proximal step (soft-thresholding) after each update. Against references computed here, not the
// code's own output:
// - the optimality (KKT) conditions of the composite objective, with the data term's gradient g computed in the test
//   from X, y and the returned parameters: |gⱼ + α(1 − ρ)wⱼ + αρ·sign(wⱼ)| ≤ 1e-8 where wⱼ ≠ 0, |gⱼ| ≤ αρ + 1e-8 where
//   wⱼ = 0, |g_b| ≤ 1e-8 for the (unpenalised) intercept;
// - scikit-learn's Lasso and ElasticNet (coordinate descent) on the standardised breast-cancer data, whose objective
//   (1/2n)‖y − Xw − b‖² + α(ρ‖w‖₁ + ((1 − ρ)/2)‖w‖²) is ours for the squared loss: coefficients and the zero pattern;
// - the objective value J (with α·ρ·‖w‖₁) recomputed in the test.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import { mulberry32 } from '../prng.js';
import { loadBreastCancer } from '../../src/datasets.js';
import type { FitOptions, FitResult } from '../../src/index.js';

/** A regression problem with a sparse truth (every other coefficient 0), features U(−1, 1). */
function sparseProblem(n: number, d: number, seed: number, binary = false): { X: number[][]; y: number[] } {
  const rnd = mulberry32(seed);
  const w = Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 2 * rnd() - 1 : 0));
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * rnd() - 1));
  const y = X.map((row) => {
    const z = row.reduce((s, v, j) => s + v * w[j]!, 0.5) + 0.3 * (2 * rnd() - 1);
    return binary ? (z > 0.5 ? 1 : 0) : z;
  });
  return { X, y };
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The data term's gradient (1/n)·Σ ℓ'(zᵢ)·[xᵢ, 1] at (w, b), computed here: ℓ' = z − y (squared), σ(z) − y (logistic). */
function dataGrad(X: number[][], y: number[], w: ArrayLike<number>, b: number, loss: 'squared' | 'logistic'): { g: number[]; gb: number } {
  const n = X.length, d = w.length;
  const g = new Array<number>(d).fill(0);
  let gb = 0;
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < d; j++) z += X[i]![j]! * w[j]!;
    const r = loss === 'squared' ? z - y[i]! : sigmoid(z) - y[i]!;
    for (let j = 0; j < d; j++) g[j]! += r * X[i]![j]!;
    gb += r;
  }
  return { g: g.map((v) => v / n), gb: gb / n };
}

/** The largest violation of the composite objective's optimality conditions (see the file's head). */
function kktResidual(X: number[][], y: number[], f: FitResult, alpha: number, rho: number, loss: 'squared' | 'logistic'): number {
  const { g, gb } = dataGrad(X, y, f.weights, f.intercept, loss);
  const a1 = alpha * rho, a2 = alpha * (1 - rho);
  let worst = Math.abs(gb);
  f.weights.forEach((w, j) => {
    worst = Math.max(worst, w !== 0 ? Math.abs(g[j]! + a2 * w + a1 * Math.sign(w)) : Math.abs(g[j]!) - a1);
  });
  return worst;
}

const zeros = (w: ArrayLike<number>): number[] => Array.from(w).flatMap((v, j) => (v === 0 ? [j] : []));

/** The cancer data standardised as ref.py below does it (mean 0, population standard deviation 1 per column). */
async function standardisedCancer(): Promise<{ X: number[][]; y: number[] }> {
  const { X, y } = await loadBreastCancer();
  const n = X.length, d = X[0]!.length;
  const Xs = X.map((r) => Array.from(r));
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += X[i]![j]!;
    m /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (X[i]![j]! - m) ** 2;
    const s = Math.sqrt(v / n);
    for (let i = 0; i < n; i++) Xs[i]![j] = (X[i]![j]! - m) / s;
  }
  return { X: Xs, y: Array.from(y) };
}

// scikit-learn 1.2.1 (python3-sklearn, /usr/bin/python3), coordinate descent:
//   D = np.genfromtxt('breast_cancer.csv', delimiter=',', skip_header=1); X, y = D[:, :-1], D[:, -1]
//   X = (X - X.mean(0)) / X.std(0)
//   Lasso(alpha=0.01, tol=1e-14, max_iter=10**6).fit(X, y)
//   ElasticNet(alpha=0.01, l1_ratio=0.5, tol=1e-14, max_iter=10**6).fit(X, y)
// (coef_, intercept_ printed with repr; the zeros are where coef_ == 0.)
const SKLEARN_LASSO = {
  coef: [0.0, 0.019582917890236366, 0.0, 0.0, 0.0, -0.0, 0.0, 0.045741998563791506, 0.0, -0.015021568497776116, 0.01831985574157914, 0.0, 0.0, -0.0, 0.009748704896395195, -0.0, -0.003234676383783781, 0.0, 0.0, -0.0, 0.16664983210677198, 0.05097426334424937, 0.0, 0.0, 0.032867363323521886, 0.0, 0.008138445987319293, 0.12684951728160945, 0.040230193492105826, 0.0],
  intercept: 0.37258347978910433,
  zeros: [0, 2, 3, 4, 5, 6, 8, 11, 12, 13, 15, 17, 18, 19, 22, 23, 25, 29],
};
const SKLEARN_ENET = {
  coef: [0.018163907771986072, 0.022032076038591458, 0.0, -0.0, 0.0, -0.01543455523514087, 0.0, 0.07167064222010258, -0.0, -0.04798624096735893, 0.09116060626171019, 0.0, 0.0, -0.06582990985036069, 0.029445578284312282, -0.02067452487489375, -0.01935840154412866, 0.0006740600555588315, 0.0, -0.0, 0.13249108369501175, 0.046139702482321215, 0.0, -0.0, 0.021454377455874127, 0.0, 0.038500482347130695, 0.11402315296883897, 0.04383102567292799, 0.03977304604770644],
  intercept: 0.3725834797891041,
  zeros: [2, 3, 4, 6, 8, 11, 12, 18, 19, 22, 23, 25],
};

/** Full-batch SGD settings: plain GD, heavy ball, heavy ball with dampening, Nesterov. */
const SGD = [
  { optimizer: 'sgd' },
  { optimizer: 'sgd', momentum: 0.9 },
  { optimizer: 'sgd', momentum: 0.8, dampening: 0.3 },
  { optimizer: 'sgd', momentum: 0.9, nesterov: true },
] as const;

describe.each(BACKENDS)('penalties l1 and elasticnet [$name]', ({ create }) => {
  it('lasso and elastic net on a sparse problem: KKT to 1e-8 and the same zeros for every SGD variant', async () => {
    const engine = await create();
    const { X, y } = sparseProblem(120, 12, 7);
    const data = engine.dataset(X, y);
    for (const [penalty, alpha, rho] of [['l1', 0.05, 1], ['elasticnet', 0.05, 0.5], ['elasticnet', 0.1, 0.15]] as const) {
      let pattern: number[] | null = null;
      for (const opt of SGD) {
        const opts = { ...opt, lr: 0.3, penalty, alpha, ...(penalty === 'elasticnet' ? { l1Ratio: rho } : {}), tol: 1e-13, maxIterations: 100000 };
        const f = engine.fit(data, opts as FitOptions);
        const label = JSON.stringify(opts);
        expect(f.status, label).toBe('converged');
        expect(kktResidual(X, y, f, alpha, rho, 'squared'), label).toBeLessThanOrEqual(1e-8);
        pattern ??= zeros(f.weights);
        expect(zeros(f.weights), label).toEqual(pattern);
      }
      // The problem is sparse enough that the penalty zeroes coefficients, and not all of them.
      expect(pattern!.length).toBeGreaterThan(0);
      expect(pattern!.length).toBeLessThan(12);
    }
  });

  it('lasso and elastic net on the standardised cancer data land on scikit-learn\'s Lasso / ElasticNet', async () => {
    const engine = await create();
    const { X, y } = await standardisedCancer();
    const data = engine.dataset(X, y);
    for (const [penalty, ref, rho] of [['l1', SKLEARN_LASSO, 1], ['elasticnet', SKLEARN_ENET, 0.5]] as const) {
      for (const opt of [SGD[1], SGD[3]]) {
        const opts = { ...opt, lr: 0.05, penalty, alpha: 0.01, ...(penalty === 'elasticnet' ? { l1Ratio: rho } : {}), tol: 1e-12, maxIterations: 100000 };
        const f = engine.fit(data, opts as FitOptions);
        const label = JSON.stringify(opts);
        expect(f.status, label).toBe('converged');
        expect(zeros(f.weights), label).toEqual(ref.zeros);
        // Coordinate descent stops at tol 1e-14 on its duality gap; both ends agree to ~1e-11 (measured 2e-12).
        for (let j = 0; j < 30; j++) expect(Math.abs(f.weights[j]! - ref.coef[j]!), `${label} w${j}`).toBeLessThan(1e-9);
        expect(Math.abs(f.intercept - ref.intercept)).toBeLessThan(1e-9);
        expect(kktResidual(X, y, f, 0.01, rho, 'squared'), label).toBeLessThanOrEqual(1e-8);
      }
    }
  });

  it('logistic regression with an L1 penalty: KKT to 1e-8 (heavy ball and Nesterov)', async () => {
    const engine = await create();
    const { X, y } = sparseProblem(150, 10, 11, true);
    const data = engine.dataset(X, y);
    for (const opt of [SGD[1], SGD[3]]) {
      const f = engine.fit(data, { model: 'logistic', ...opt, lr: 1, penalty: 'l1', alpha: 0.02, tol: 1e-12, maxIterations: 100000 } as FitOptions);
      expect(f.status).toBe('converged');
      expect(kktResidual(X, y, f, 0.02, 1, 'logistic')).toBeLessThanOrEqual(1e-8);
      expect(zeros(f.weights).length).toBeGreaterThan(0);
    }
  });

  it('Adam, Adagrad and Adadelta (diagonal-metric proximal step) reach the same optimum', async () => {
    const engine = await create();
    const { X, y } = sparseProblem(120, 12, 7);
    const data = engine.dataset(X, y);
    for (const opt of [{ optimizer: 'adam', lr: 0.01 }, { optimizer: 'adagrad', lr: 0.3 }, { optimizer: 'adadelta', lr: 1 }] as const) {
      const f = engine.fit(data, { ...opt, penalty: 'elasticnet', alpha: 0.05, l1Ratio: 0.5, tol: 1e-12, maxIterations: 200000 } as FitOptions);
      expect(f.status, opt.optimizer).toBe('converged');
      expect(kktResidual(X, y, f, 0.05, 0.5, 'squared'), opt.optimizer).toBeLessThanOrEqual(1e-8);
    }
  });

  it('Adadelta: the first proximal step, worked by hand (the threshold carries the step\'s factor √(u + ε)/√(s + ε))', async () => {
    // One feature, no intercept, w₀ = 0: J = (1/(2n))·Σ(x·w − y)² + α·|w|, g = −(1/n)·Σ x·y = −(1 + 4 + 9)/3 = −14/3.
    // Adadelta (ρ = 0.9, ε = 1e-6, η = 1): s = 0.1·g², δ = (√ε/√(s + ε))·g, u = 0.1·δ², w = 0 − δ ≈ 0.00316, then
    // the prox with τ = η·α·√(u + ε)/√(s + ε) ≈ 1.4e-3 (α = 1e-3): w = δ' − τ stays positive. A threshold without the
    // factor (η·α = 1e-3, SGD's) would give a different w; one of η·α at α = 1 would zero it.
    const engine = await create();
    const g = -14 / 3, rho = 0.9, eps = 1e-6, alpha = 1e-3;
    const s = ((1 - rho) * g) * g;
    const delta = (Math.sqrt(eps) / Math.sqrt(s + eps)) * g;
    const u = ((1 - rho) * delta) * delta;
    const w1 = 0 - delta;
    const tau = alpha * (Math.sqrt(u + eps) / Math.sqrt(s + eps));
    const f = engine.fit(engine.dataset([[1], [2], [3]], [1, 2, 3]), {
      optimizer: 'adadelta', lr: 1, penalty: 'l1', alpha, fitIntercept: false, initialWeights: [0], maxIterations: 1,
    });
    expect(w1 - tau).toBeGreaterThan(0);
    expect(Math.abs(f.weights[0]! - (w1 - tau))).toBeLessThanOrEqual(4e-16 * w1);
  });

  it("the gradient stopping rule measures the composite objective's minimum-norm subgradient", async () => {
    // With the plain ∇J (nonzero at a lasso optimum: −αρ·sign(w) on the nonzeros) a fit at tol 1e-3 would never stop;
    // with the subgradient it stops, and then the KKT residual is within tol of its start.
    const engine = await create();
    const { X, y } = sparseProblem(120, 12, 7);
    const f = engine.fit(engine.dataset(X, y), { lr: 0.3, momentum: 0.9, penalty: 'l1', alpha: 0.05, tol: 1e-3, maxIterations: 20000 });
    expect(f.status).toBe('converged');
    expect(f.iterations).toBeLessThan(20000);
    expect(kktResidual(X, y, f, 0.05, 1, 'squared')).toBeLessThanOrEqual(1e-3 * 3);
  });

  it('the objective includes α·ρ·‖w‖₁ and α·(1 − ρ)/2·‖w‖² (never the intercept)', async () => {
    const engine = await create();
    const { X, y } = sparseProblem(40, 6, 3);
    const alpha = 0.05, rho = 0.4;
    const f = engine.fit(engine.dataset(X, y), { lr: 0.3, penalty: 'elasticnet', alpha, l1Ratio: rho, maxIterations: 50, tol: 0 });
    let data = 0;
    X.forEach((row, i) => {
      const z = row.reduce((s, v, j) => s + v * f.weights[j]!, f.intercept) - y[i]!;
      data += z * z;
    });
    const w = Array.from(f.weights);
    const J = data / (2 * X.length) + alpha * rho * w.reduce((s, v) => s + Math.abs(v), 0) + alpha * (1 - rho) / 2 * w.reduce((s, v) => s + v * v, 0);
    expect(Math.abs(f.finalLoss - J)).toBeLessThan(1e-14);
  });

  it("'l2' and 'none' by name, and l1Ratio at 0 and 1, are the fits they name, bit for bit", async () => {
    const engine = await create();
    const { X, y } = sparseProblem(30, 5, 5);
    const data = engine.dataset(X, y);
    const bits = (f: FitResult): number[] => [...f.weights, f.intercept, ...f.loss];
    const fit = (o: object): number[] => bits(engine.fit(data, { lr: 0.2, momentum: 0.9, maxIterations: 40, ...o } as FitOptions));
    expect(fit({ penalty: 'l2', alpha: 0.1 })).toEqual(fit({ model: 'ridge', alpha: 0.1 }));
    expect(fit({ penalty: 'elasticnet', l1Ratio: 0, alpha: 0.1 })).toEqual(fit({ model: 'ridge', alpha: 0.1 }));
    expect(fit({ penalty: 'elasticnet', l1Ratio: 1, alpha: 0.1 })).toEqual(fit({ penalty: 'l1', alpha: 0.1 }));
    expect(fit({ model: 'ridge', penalty: 'none' })).toEqual(fit({}));
    const yb = y.map((v) => (v > 0.5 ? 1 : 0));
    const d2 = engine.dataset(X, yb);
    for (const model of ['logistic', 'hinge', 'softmax'] as const) {
      const a = engine.fit(d2, { model, lr: 0.2, penalty: 'none', maxIterations: 20 });
      const b = engine.fit(d2, { model, lr: 0.2, alpha: 0, maxIterations: 20 });
      expect(bits(a)).toEqual(bits(b));
    }
  });
});
