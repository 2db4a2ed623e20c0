// scikit-learn's other SGD losses (issue 15) on every backend, through the gradient seam (Backend.gradient = the
// fit's objectiveAndGrad): hand-worked values and subgradients at and around every kink (those of
// sklearn/linear_model/_sgd_fast.pyx.tp: perceptron −s at u = 0, ε-insensitive 0 at |r| = ε), ∇J against central
// differences away from kinks, the smooth losses' fits to a point whose full gradient (computed here from the
// formulas) is ≤ 1e-10, modifiedHuber's probabilities, the Lipschitz bound 'auto' takes, and, where python3-sklearn
// was at hand, our minimiser's objective against SGDClassifier/SGDRegressor's on the same objective.
import { describe, expect, it } from 'vitest';
import type { Backend, StoredData } from '../../src/backend.js';
import type { Engine, FitOptions, ModelName } from '../../src/index.js';
import { LinearModel } from '../../src/index.js';
import { curvatureFactor } from '../../src/options/auto.js';
import { checkFitOptions, labelInfo, type FitConfig } from '../../src/options/index.js';
import * as L from '../../src/abi/layout.js';
import { BACKENDS } from '../backends.js';
import { mulberry32 } from '../prng.js';

type Loss = 'squaredHinge' | 'modifiedHuber' | 'perceptron' | 'huber' | 'epsilonInsensitive' | 'squaredEpsilonInsensitive';
const CLASSIFIERS: Loss[] = ['squaredHinge', 'modifiedHuber', 'perceptron'];
const REGRESSORS: Loss[] = ['huber', 'epsilonInsensitive', 'squaredEpsilonInsensitive'];
const ALL: Loss[] = [...CLASSIFIERS, ...REGRESSORS];
const SMOOTH: Loss[] = ['squaredHinge', 'modifiedHuber', 'huber', 'squaredEpsilonInsensitive'];

/** The per-row loss and its derivative in z by the textbook formulas (written here, not the kernels'). */
function lossAt(model: Loss, z: number, y: number, eps: number): { l: number; dl: number } {
  const s = 2 * y - 1, u = s * z, r = z - y;
  switch (model) {
    case 'squaredHinge': return 1 - u > 0 ? { l: (1 - u) ** 2, dl: -2 * s * (1 - u) } : { l: 0, dl: 0 };
    case 'modifiedHuber': return u >= 1 ? { l: 0, dl: 0 } : u >= -1 ? { l: (1 - u) ** 2, dl: -2 * s * (1 - u) } : { l: -4 * u, dl: -4 * s };
    case 'perceptron': return u <= 0 ? { l: -u, dl: -s } : { l: 0, dl: 0 };
    case 'huber': return Math.abs(r) <= eps ? { l: r * r / 2, dl: r } : { l: eps * Math.abs(r) - eps * eps / 2, dl: Math.sign(r) * eps };
    case 'epsilonInsensitive': return { l: Math.max(0, Math.abs(r) - eps), dl: r > eps ? 1 : r < -eps ? -1 : 0 };
    case 'squaredEpsilonInsensitive': return { l: Math.max(0, Math.abs(r) - eps) ** 2, dl: r > eps ? 2 * (r - eps) : r < -eps ? 2 * (r + eps) : 0 };
  }
}

/** J and ∇J = [∇w | ∇b] by the formulas: (1/n)·Σℓ + (α/2)·‖w‖². */
function reference(model: Loss, X: number[][], y: number[], theta: ArrayLike<number>, alpha: number, eps: number) {
  const d = X[0]!.length, n = X.length;
  let J = 0;
  const g = new Array<number>(d + 1).fill(0);
  X.forEach((x, i) => {
    const z = x.reduce((a, v, j) => a + v * theta[j]!, theta[d]!);
    const { l, dl } = lossAt(model, z, y[i]!, eps);
    J += l / n;
    for (let j = 0; j < d; j++) g[j]! += dl * x[j]! / n;
    g[d]! += dl / n;
  });
  for (let j = 0; j < d; j++) {
    J += alpha / 2 * theta[j]! ** 2;
    g[j]! += alpha * theta[j]!;
  }
  return { J, g };
}

interface Seam { backend: Backend; stored: StoredData; config: FitConfig }

function seam(engine: Engine, X: number[][], y: number[], options: Record<string, unknown>): Seam {
  const ds = engine.dataset(X, y);
  const config = checkFitOptions({ lr: 0.1, ...options }, X.length, X[0]!.length, labelInfo(Float64Array.from(y)));
  const backend = (engine as unknown as { internals: Backend }).internals;
  const stored = (ds as unknown as { data(): StoredData }).data();
  return { backend, stored, config };
}

/** A problem with labels for the model: 0/1 from a noisy linear score, or real with a few outliers. */
function problem(model: Loss, n: number, d: number, seed: number) {
  const r = mulberry32(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * r() - 1));
  const y = X.map((row, i) => {
    const z = row.reduce((a, v, j) => a + v * (j % 2 ? -1 : 1) * (1 + j / 2), 0.2) + 0.6 * (r() - 0.5);
    if (CLASSIFIERS.includes(model)) return z > 0 ? 1 : 0;
    return i % 7 === 3 ? z + 5 * (r() - 0.5) : z;
  });
  return { X, y };
}

// Hand-worked (model, label y, score z, ε, ℓ, ∂ℓ/∂z). One row x = 1, so z = w + b with θ = (z, 0), and
// J = ℓ, ∇w = ∇b = ∂ℓ/∂z (α = 0). Every number is exact in binary, so the doubles must be equal.
const HAND: [Loss, number, number, number, number, number][] = [
  // squaredHinge, s = 1: m = 1 − z. z = 1 (the join): 0, 0; z = ½: m = ½ → ¼, −2·½ = −1; z = −2: m = 3 → 9, −6;
  // z = 2: 0, 0. s = −1 (y = 0), z = ½: m = 1 + ½ → 2.25, −2·(−1)·1.5 = 3.
  ['squaredHinge', 1, 1, 0.1, 0, 0], ['squaredHinge', 1, 0.5, 0.1, 0.25, -1], ['squaredHinge', 1, -2, 0.1, 9, -6],
  ['squaredHinge', 1, 2, 0.1, 0, 0], ['squaredHinge', 0, 0.5, 0.1, 2.25, 3],
  // modifiedHuber, u = s·z: u = 1: 0, 0; u = 0: (1 − 0)² = 1, −2; u = −1 (the join, scikit-learn's middle branch):
  // 4, −2·2 = −4; u = −3: −4·(−3) = 12, −4; y = 0, z = ½ (u = −½): 2.25, −2·(−1)·1.5 = 3; y = 0, z = 2 (u = −2): 8, +4.
  ['modifiedHuber', 1, 1, 0.1, 0, 0], ['modifiedHuber', 1, 0, 0.1, 1, -2], ['modifiedHuber', 1, -1, 0.1, 4, -4],
  ['modifiedHuber', 1, -3, 0.1, 12, -4], ['modifiedHuber', 0, 0.5, 0.1, 2.25, 3], ['modifiedHuber', 0, 2, 0.1, 8, 4],
  // perceptron: u = 0 (the kink: scikit-learn's −s, so a fit from θ = 0 moves): 0, −1 (y = 1) and 0, +1 (y = 0);
  // u = ½: 0, 0; y = 1, z = −2: 2, −1; y = 0, z = 3: 3, +1.
  ['perceptron', 1, 0, 0.1, 0, -1], ['perceptron', 0, 0, 0.1, 0, 1], ['perceptron', 1, 0.5, 0.1, 0, 0],
  ['perceptron', 1, -2, 0.1, 2, -1], ['perceptron', 0, 3, 0.1, 3, 1],
  // huber, ε = 1, y = ½ (r = z − ½): r = 0: 0, 0; r = 1 (the join): ½, 1; r = ½: ⅛, ½; r = 3: 3 − ½ = 2.5, 1;
  // r = −3: 2.5, −1; r = −1: ½, −1.
  ['huber', 0.5, 0.5, 1, 0, 0], ['huber', 0.5, 1.5, 1, 0.5, 1], ['huber', 0.5, 1, 1, 0.125, 0.5],
  ['huber', 0.5, 3.5, 1, 2.5, 1], ['huber', 0.5, -2.5, 1, 2.5, -1], ['huber', 0.5, -0.5, 1, 0.5, -1],
  // epsilonInsensitive, ε = ½, y = 1: r = ½ and r = −½ (the kinks: scikit-learn's 0): 0, 0; r = ¼: 0, 0;
  // r = 2: 1.5, 1; r = −2: 1.5, −1.
  ['epsilonInsensitive', 1, 1.5, 0.5, 0, 0], ['epsilonInsensitive', 1, 0.5, 0.5, 0, 0], ['epsilonInsensitive', 1, 1.25, 0.5, 0, 0],
  ['epsilonInsensitive', 1, 3, 0.5, 1.5, 1], ['epsilonInsensitive', 1, -1, 0.5, 1.5, -1],
  // squaredEpsilonInsensitive, ε = ½, y = 1: r = ±½: 0, 0; r = 2: 1.5² = 2.25, 2·1.5 = 3; r = −2: 2.25, −3; r = ¼: 0, 0.
  ['squaredEpsilonInsensitive', 1, 1.5, 0.5, 0, 0], ['squaredEpsilonInsensitive', 1, 0.5, 0.5, 0, 0],
  ['squaredEpsilonInsensitive', 1, 3, 0.5, 2.25, 3], ['squaredEpsilonInsensitive', 1, -1, 0.5, 2.25, -3],
  ['squaredEpsilonInsensitive', 1, 1.25, 0.5, 0, 0],
  // ε = 0: epsilonInsensitive is |r| (sign r as the residual, 0 at r = 0), huber the zero loss.
  ['epsilonInsensitive', 1, 3, 0, 2, 1], ['epsilonInsensitive', 1, 1, 0, 0, 0], ['huber', 1, 3, 0, 0, 0],
];

describe.each(BACKENDS)('scikit-learn\'s SGD losses [$name]', ({ create }) => {
  it.each(HAND)('%s y=%d z=%d ε=%d: ℓ = %d, ∂ℓ/∂z = %d (hand-worked, at and around the kinks)', async (model, y, z, eps, l, dl) => {
    const s = seam(await create(), [[1]], [y], { model, alpha: 0, ...(REGRESSORS.includes(model) ? { epsilon: eps } : {}) });
    const { value, gradient } = s.backend.gradient(s.stored, s.config, Float64Array.of(z, 0));
    expect(value).toBe(l);
    expect([...gradient]).toEqual([dl, dl]);
  });

  it('huber with the default ε = 0.1 (scikit-learn\'s DEFAULT_EPSILON): r = 1 → 0.1·1 − ½·0.1², derivative 0.1', async () => {
    const s = seam(await create(), [[1]], [0], { model: 'huber', alpha: 0 });
    const { value, gradient } = s.backend.gradient(s.stored, s.config, Float64Array.of(1, 0));
    // 0.095 to within two roundings of the three operations (|error| ≤ 2ε·0.1).
    expect(Math.abs(value - 0.095)).toBeLessThanOrEqual(2 * Number.EPSILON * 0.1);
    expect([...gradient]).toEqual([0.1, 0.1]);
  });

  it.each(ALL)('%s: J and ∇J equal the formulas, and ∇J central differences of J, away from the kinks', async (model) => {
    const eps = 0.3, alpha = 0.05;
    const { X, y } = problem(model, 41, 4, 5);
    const s = seam(await create(), X, y, { model, alpha, ...(REGRESSORS.includes(model) ? { epsilon: eps } : {}) });
    const r = mulberry32(9);
    const theta = Float64Array.from({ length: 5 }, () => r() - 0.5);
    const h = 1e-6;
    // Away from the kinks: no row's margin or residual within 1e-4 of a kink, so ±h moves along one piece.
    X.forEach((x, i) => {
      const z = x.reduce((a, v, j) => a + v * theta[j]!, theta[4]!), u = (2 * y[i]! - 1) * z, res = z - y[i]!;
      const kinks = CLASSIFIERS.includes(model) ? [1 - u, u + 1, u] : [Math.abs(res) - eps];
      for (const k of kinks) expect(Math.abs(k)).toBeGreaterThan(1e-4);
    });
    const got = s.backend.gradient(s.stored, s.config, theta);
    const ref = reference(model, X, y, theta, alpha, eps);
    // Sums of 41 rows of terms ≤ ~10: rounding ≤ 1e-13 absolute; 1e-12 is loose for rounding and tight for a wrong
    // factor (½, 2, a sign: off by ≥ 1e-3).
    expect(Math.abs(got.value - ref.J)).toBeLessThanOrEqual(1e-12);
    got.gradient.forEach((v, j) => expect(Math.abs(v - ref.g[j]!)).toBeLessThanOrEqual(1e-12));
    for (let j = 0; j < 5; j++) {
      const plus = theta.slice(), minus = theta.slice();
      plus[j]! += h;
      minus[j]! -= h;
      const fd = (s.backend.gradient(s.stored, s.config, plus).value - s.backend.gradient(s.stored, s.config, minus).value) / (2 * h);
      // Piecewise quadratic along one piece: central differences are exact up to rounding ε·|J|/h ~ 1e-10.
      expect(Math.abs(fd - got.gradient[j]!)).toBeLessThanOrEqual(1e-8);
    }
  });

  // Heavy ball with function restarts, η = 0.05 < 1/L (L = c·λmax + α ≤ 2.2 here): 'auto' gets as close in J but
  // its Armijo test cannot accept steps below J's rounding, so a gradient tol of 1e-14 is out of its reach.
  it.each(SMOOTH)('%s (α = 0.01): momentum reaches a point whose full gradient (formulas) is ≤ 1e-10', async (model) => {
    const engine = await create();
    const eps = 0.5, alpha = 0.01;
    const { X, y } = problem(model, 60, 3, 11);
    const fit = engine.fit(engine.dataset(X, y), {
      model, alpha, ...(REGRESSORS.includes(model) ? { epsilon: eps } : {}), lr: 0.05, momentum: 0.9, restart: 'function',
      maxIterations: 20000, tol: 1e-14,
    } as FitOptions);
    const { g } = reference(model, X, y, [...fit.weights, fit.intercept], alpha, eps);
    expect(Math.hypot(...g)).toBeLessThanOrEqual(1e-10);
    expect(fit.status).toBe('converged');
  });
});

describe('scikit-learn\'s SGD losses: models', () => {
  it('modifiedHuber\'s probabilities are scikit-learn\'s (clip(z, −1, 1) + 1)/2; the label is [z > 0]', () => {
    // w = 2, b = 0: x = −1, −0.25, 0, 0.25, 0.375, 1 → z = −2, −0.5, 0, 0.5, 0.75, 2 → (clip + 1)/2 = 0, ¼, ½, ¾, ⅞, 1
    const m = LinearModel.fromJSON({ format: 'momentum-gd/model@1', model: 'modifiedHuber', cols: 1, classes: 2, weights: [2], intercepts: [0] });
    const X = [[-1], [-0.25], [0], [0.25], [0.375], [1]];
    expect([...m.predictProba(X)]).toEqual([0, 0.25, 0.5, 0.75, 0.875, 1]);
    expect([...m.predict(X)]).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it.each(['squaredHinge', 'perceptron', 'huber', 'epsilonInsensitive', 'squaredEpsilonInsensitive'] as const)('%s gives no probabilities (TypeError naming the models that do)', (model) => {
    const m = LinearModel.fromJSON({ format: 'momentum-gd/model@1', model, cols: 1, classes: REGRESSORS.includes(model) ? 1 : 2, weights: [1], intercepts: [0] });
    expect(() => m.predictProba([[1]])).toThrow(new TypeError(`predictProba is defined for the logistic, softmax and modifiedHuber models, not '${model}'`));
  });

  it('the Lipschitz factor c of lr \'auto\' is sup ℓ\'\' and is reached: 2 (squaredHinge, modifiedHuber, squaredEpsilonInsensitive), 1 (huber)', async () => {
    expect([L.LOSS_SQUARED_HINGE, L.LOSS_MODIFIED_HUBER, L.LOSS_SQUARED_EPSILON_INSENSITIVE, L.LOSS_HUBER].map(curvatureFactor)).toEqual([2, 2, 2, 1]);
    // Where every row sits on its quadratic piece (θ = 0: all margins 1 − u = 1 > 0 and u = 0 ∈ [−1, 1); residuals
    // −y with |y| ≥ 1 > ε = 0.1 for squaredEpsilonInsensitive, |y| ≤ 0.5 < ε = 1 for huber), J is c·‖Aθ − …‖²/(2n)
    // locally and ∇J moves by exactly c·(AᵀA/n)·δ: along A's top eigenvector the ratio ‖Δ∇J‖/‖δ‖ is c·λmax.
    const engine = await BACKENDS[BACKENDS.length - 1]!.create();
    const X = [[1, 0.5], [-0.5, 1], [0.25, -1], [1, 1]];
    const A = X.map((x) => [...x, 1]), n = X.length;
    const M = [0, 1, 2].map((a) => [0, 1, 2].map((b) => A.reduce((t, row) => t + row[a]! * row[b]!, 0) / n));
    let v = [1, 0.7, 0.4];
    for (let k = 0; k < 500; k++) {
      const w = M.map((row) => row.reduce((t, m, j) => t + m * v[j]!, 0));
      const norm = Math.hypot(...w);
      v = w.map((x) => x / norm);
    }
    const lambda = M.map((row) => row.reduce((t, m, j) => t + m * v[j]!, 0)).reduce((t, x, j) => t + x * v[j]!, 0);
    const cases: [Loss, number[], Record<string, unknown>, number][] = [
      ['squaredHinge', [1, 0, 1, 0], {}, 2], ['modifiedHuber', [1, 0, 1, 0], {}, 2],
      ['squaredEpsilonInsensitive', [1, -1, 2, -1.5], { epsilon: 0.1 }, 2], ['huber', [0.5, -0.5, 0.25, 0], { epsilon: 1 }, 1],
    ];
    for (const [model, y, extra, c] of cases) {
      const s = seam(engine, X, y, { model, alpha: 0, ...extra });
      const t = 1e-3, a = s.backend.gradient(s.stored, s.config, new Float64Array(3)).gradient;
      const b = s.backend.gradient(s.stored, s.config, Float64Array.from(v, (x) => t * x)).gradient;
      const ratio = Math.hypot(...[0, 1, 2].map((j) => b[j]! - a[j]!)) / t;
      expect(Math.abs(ratio - c * lambda)).toBeLessThanOrEqual(1e-9 * c * lambda);
    }
  });
});

describe('scikit-learn\'s SGD losses against scikit-learn (objective at our minimiser ≤ at theirs)', () => {
  // SGDClassifier/SGDRegressor(loss=…, penalty='l2', alpha=0.01, epsilon=0.5, max_iter=5000, tol=None,
  // learning_rate='optimal' (classifier) / 'invscaling' (regressor), random_state=0) fitted by /usr/bin/python3 with
  // scikit-learn 1.2.1 on problem(model, 60, 3, 11) (the rows written out by this test's problem(), printed as JSON and
  // read into Python); their coef_ and intercept_ below. Both minimise (1/n)·Σℓ + (α/2)·‖w‖² (scikit-learn's SGD
  // objective with penalty='l2'); theirs is SGD's last iterate, ours the full-batch minimiser: ours must not be worse.
  const SKLEARN: Record<string, number[]> = {
    squaredHinge: [8.416309523333387, -18.65886197666512, 19.313748025595093, 1.6414773179449997],
    modifiedHuber: [1.1480194690547938, -1.8351569488804338, 1.9330487130840206, 0.16863913687995205],
    huber: [0.9444432327111362, -1.4599886248379967, 1.9745535957638802, 0.18533998623801828],
    squaredEpsilonInsensitive: [0.8575799150038735, -1.1581686931664765, 1.784741246721949, 0.32891689345399533],
  };
  it.each(SMOOTH)('%s', async (model) => {
    const engine = await BACKENDS[BACKENDS.length - 1]!.create();
    const eps = 0.5, alpha = 0.01;
    const { X, y } = problem(model, 60, 3, 11);
    const fit = engine.fit(engine.dataset(X, y), {
      model, alpha, ...(REGRESSORS.includes(model) ? { epsilon: eps } : {}), lr: 0.05, momentum: 0.9, restart: 'function',
      maxIterations: 20000, tol: 1e-14,
    } as FitOptions);
    const ours = reference(model, X, y, [...fit.weights, fit.intercept], alpha, eps).J;
    const theirs = reference(model, X, y, SKLEARN[model]!, alpha, eps).J;
    expect(ours).toBeLessThanOrEqual(theirs);
  });
});
