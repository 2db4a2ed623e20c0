// lr: 'auto', momentum: 'auto' and restart (issue 18), on every backend. The power iteration against eigenvalues
// computed here (Jacobi rotations on AᵀA/n written in this file, and matrices whose eigenvalues are known in closed
// form); the step rules against hand-worked values; restart against hand-worked trajectories where the objective
// rises; 'auto' never diverging on badly scaled seeded problems; the backends bit for bit, also when a fit is run in
// chunks of one update (the state of the step being tried crosses the chunk boundary); bad input.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import { lcg, makeRegression } from '../reference/solve.js';
import { makeClassification } from '../reference/newton.js';
import * as L from '../../src/abi/layout.js';
import type { Backend, StoredData } from '../../src/backend.js';
import type { Engine, FitOptions, FitResult } from '../../src/index.js';
import {
  POWER_SAFETY, autoLr, autoMomentum, lipschitzConstant, powerStart, strongConvexity,
} from '../../src/options/auto.js';

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan, Algorithm 8.5.3), to ~1e-15. */
function jacobiEigenvalues(M0: number[][]): number[] {
  const p = M0.length;
  const A = M0.map((r) => r.slice());
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += A[i]![j]! ** 2;
    if (off < 1e-30) break;
    for (let q = 0; q < p; q++) {
      for (let r = q + 1; r < p; r++) {
        const aqr = A[q]![r]!;
        if (aqr === 0) continue;
        const tau = (A[r]![r]! - A[q]![q]!) / (2 * aqr);
        const t = Math.sign(tau || 1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t), s = t * c;
        for (let k = 0; k < p; k++) {
          const akq = A[k]![q]!, akr = A[k]![r]!;
          A[k]![q] = c * akq - s * akr;
          A[k]![r] = s * akq + c * akr;
        }
        for (let k = 0; k < p; k++) {
          const aqk = A[q]![k]!, ark = A[r]![k]!;
          A[q]![k] = c * aqk - s * ark;
          A[r]![k] = s * aqk + c * ark;
        }
      }
    }
  }
  return A.map((r, i) => r[i]!);
}

/** AᵀA/n with A = X or [X | 1]. */
function gram(X: number[][], intercept: boolean): number[][] {
  const n = X.length, rows = X.map((r) => (intercept ? [...r, 1] : r)), p = rows[0]!.length;
  const M = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const a of rows) for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) M[i]![j] += a[i]! * a[j]! / n;
  return M;
}

/** n × d features with column j scaled by 10^spreadⱼ and shifted by offsetⱼ: badly scaled on purpose. */
function randomMatrix(n: number, d: number, seed: number, spread = 0, offset = 0): number[][] {
  const u = lcg(seed);
  const scale = Array.from({ length: d }, () => 10 ** (spread * (2 * u() - 1)));
  const shift = Array.from({ length: d }, () => offset * (2 * u() - 1));
  return Array.from({ length: n }, () => Array.from({ length: d }, (_, j) => (2 * u() - 1) * scale[j]! + shift[j]!));
}

/** The backend's storage behind a Dataset handle. */
function stored_(data: unknown): StoredData {
  return (data as { data(): StoredData }).data();
}

function internals(e: Engine): Backend {
  return (e as unknown as { internals: Backend }).internals;
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe('the step rules (src/options/auto.ts), hand-worked', () => {
  it('L, μ, η and β', () => {
    // squared: L = 1·1.05·2 + 0.1 + 0.05 = 2.25; logistic ¼·2.1 + 0.15 = 0.675; softmax ½·2.1 + 0.15 = 1.2.
    expect(POWER_SAFETY).toBe(1.05);
    expect(lipschitzConstant(L.LOSS_SQUARED, 2, 0.1, 0.05)).toBeCloseTo(2.25, 15);
    expect(lipschitzConstant(L.LOSS_LOG, 2, 0.1, 0.05)).toBeCloseTo(0.675, 15);
    expect(lipschitzConstant(L.LOSS_MULTINOMIAL, 2, 0.1, 0.05)).toBeCloseTo(1.2, 15);
    expect(() => lipschitzConstant(L.LOSS_HINGE, 2, 0, 0)).toThrow(RangeError);
    // μ = α + λ without an intercept, unknown (0) with one.
    expect(strongConvexity(0.1, 0.05, false)).toBeCloseTo(0.15, 15);
    expect(strongConvexity(0.1, 0.05, true)).toBe(0);
    // L = 4, μ = 1: κ = 4, √κ = 2. Heavy ball η = 4/(2 + 1)² = 4/9, β = ((2 − 1)/(2 + 1))² = 1/9; Nesterov η = 1/4,
    // β = 1/3. μ unknown: η = 1/L = 1/4 for both, β the schedule (null).
    expect(autoLr(4, 1, true)).toBeCloseTo(4 / 9, 15);
    expect(autoLr(4, 1, false)).toBe(0.25);
    expect(autoLr(4, 0, true)).toBe(0.25);
    expect(autoMomentum(4, 1, false)).toBeCloseTo(1 / 9, 15);
    expect(autoMomentum(4, 1, true)).toBeCloseTo(1 / 3, 15);
    expect(autoMomentum(4, 0, true)).toBeNull();
    // κ = 100: heavy ball β = (9/11)², Nesterov 9/11.
    expect(autoMomentum(100, 1, false)).toBeCloseTo((9 / 11) ** 2, 14);
    expect(autoMomentum(100, 1, true)).toBeCloseTo(9 / 11, 14);
  });

  it('the power iteration starts from a fixed vector with unequal positive entries', () => {
    const v = powerStart(4);
    // 1 + ½·frac(k·0.618…): k = 1 → 1.309…, 2 → 1.118…, 3 → 1.427…, 4 → 1.236….
    expect(Array.from(v).map((x) => +x.toFixed(6))).toEqual([1.309017, 1.118034, 1.427051, 1.236068]);
  });
});

describe.each(BACKENDS)('lr / momentum auto ($name)', ({ create }) => {
  it('power iteration: the largest eigenvalue of AᵀA/n (Jacobi) on random matrices, with and without the column of ones', async () => {
    const e = await create();
    const b = internals(e);
    for (const [n, d, seed, spread, offset] of [[40, 3, 1, 0, 0], [57, 6, 2, 1, 2], [33, 9, 3, 0.5, 0], [20, 1, 4, 0, 3], [64, 12, 5, 1.5, 1]] as const) {
      const X = randomMatrix(n, d, seed, spread, offset);
      const data = e.dataset(X, new Array<number>(n).fill(0));
      for (const intercept of [false, true]) {
        const exact = Math.max(...jacobiEigenvalues(gram(X, intercept)));
        const p = d + (intercept ? 1 : 0);
        const stored = stored_(data);
        // Converged (tight tolerance): the Rayleigh quotient equals λmax to ~1e-12.
        const tight = b.powerIteration(stored, intercept, powerStart(p), 20000, 1e-15);
        expect(Math.abs(tight.lambdaMax - exact)).toBeLessThanOrEqual(1e-9 * exact);
        // The fit's settings (50 passes, 0.1 %): never above λmax (a Rayleigh quotient), and within the safety factor.
        const fast = b.powerIteration(stored, intercept, powerStart(p), L.POWER_MAX_ITER, L.POWER_TOL);
        expect(fast.lambdaMax).toBeLessThanOrEqual(exact * (1 + 1e-12));
        expect(POWER_SAFETY * fast.lambdaMax).toBeGreaterThanOrEqual(exact);
      }
      data.dispose();
    }
  });

  it('power iteration: closed forms (orthogonal columns; rank one)', async () => {
    const e = await create();
    const b = internals(e);
    // X = [[3, 0], [0, 1], [−3, 0], [0, −1]]: XᵀX/n = diag(18/4, 2/4) → λmax 4.5; with the intercept the column of
    // ones is orthogonal to both (column sums 0), adding eigenvalue 1.
    const X1 = [[3, 0], [0, 1], [-3, 0], [0, -1]];
    const d1 = e.dataset(X1, [0, 0, 0, 0]);
    const s1 = stored_(d1);
    expect(b.powerIteration(s1, false, powerStart(2), 1000, 1e-15).lambdaMax).toBeCloseTo(4.5, 12);
    expect(b.powerIteration(s1, true, powerStart(3), 1000, 1e-15).lambdaMax).toBeCloseTo(4.5, 12);
    // Rank one: every row c·u with u = (1, 2, 2)/3 and c ∈ {1, 2, 3}: XᵀX/n = (Σc²/n)·uuᵀ → λmax = 14/3. Pass 1 gives
    // the start vector's Rayleigh quotient and turns v into u; pass 2 gives 14/3; pass 3 confirms it (stops).
    const u = [1 / 3, 2 / 3, 2 / 3];
    const X2 = [1, 2, 3].map((c) => u.map((v) => c * v));
    const d2 = e.dataset(X2, [0, 0, 0]);
    const r2 = b.powerIteration(stored_(d2), false, powerStart(3), 50, 1e-3);
    expect(r2.lambdaMax).toBeCloseTo(14 / 3, 12);
    expect(r2.iterations).toBe(3);
  });

  it('the fit reports L, μ, η and β by the rules, from the estimate', async () => {
    const e = await create();
    const { X, y } = makeClassification(80, 4, 2, 7);
    const data = e.dataset(X, y);
    const exact = Math.max(...jacobiEigenvalues(gram(X, true)));
    const r = e.fit(data, { model: 'logistic', alpha: 1e-3, lr: 'auto', momentum: 'auto', nesterov: true, maxIterations: 5 });
    const a = r.auto!;
    expect(a.lambdaMax).toBeLessThanOrEqual(exact * (1 + 1e-12));
    expect(a.lambdaMax).toBeGreaterThan(exact / POWER_SAFETY);
    expect(a.lipschitz).toBe(0.25 * (POWER_SAFETY * a.lambdaMax) + 1e-3);
    expect(a.strongConvexity).toBe(0); // an intercept: μ unknown
    expect(a.lr).toBe(1 / a.lipschitz);
    expect(a.momentum).toBe('schedule');
    expect(a.restart).toBe('function');
    // No intercept, α = 0.01, heavy ball: μ = 0.01, η = 4/(√L + √μ)², β = ((√κ − 1)/(√κ + 1))².
    const h = e.fit(data, { model: 'logistic', alpha: 0.01, fitIntercept: false, lr: 'auto', momentum: 'auto', maxIterations: 5 }).auto!;
    expect(h.strongConvexity).toBe(0.01);
    const k = Math.sqrt(h.lipschitz / 0.01);
    expect(h.lr).toBeCloseTo(4 / (Math.sqrt(h.lipschitz) + 0.1) ** 2, 15);
    expect(h.momentum).toBeCloseTo(((k - 1) / (k + 1)) ** 2, 15);
    // Nothing asked for: no report.
    expect(e.fit(data, { model: 'logistic', lr: 0.1, maxIterations: 2 }).auto).toBeNull();
  });

  // J(w) = ½w² (one row x = 1, y = 0, no intercept), w₀ = 1, η = 0.5, heavy ball β = 0.9:
  //   t = 0: g = 1, v = 1, w₁ = 0.5;  t = 1: g = 0.5, v = 0.9 + 0.5 = 1.4, w₂ = 0.5 − 0.7 = −0.2;
  //   t = 2: g = −0.2, v = 1.26 − 0.2 = 1.06, w₃ = −0.2 − 0.53 = −0.73: J rises from 0.02 to 0.26645.
  // 'function': at t = 3 the rise resets the velocity: v = g = −0.73, w₄ = −0.73 + 0.365 = −0.365.
  // 'none': v = 0.954 − 0.73 = 0.224, w₄ = −0.73 − 0.112 = −0.842.
  // 'gradient': at t = 2, g(w₂)·(w₂ − w₁) = (−0.2)(−0.7) = 0.14 > 0 (uphill): reset, v = −0.2, w₃ = −0.2 + 0.1 = −0.1;
  //   t = 3: g = −0.1, (−0.1)(0.1) < 0, v = −0.18 − 0.1 = −0.28, w₄ = −0.1 + 0.14 = 0.04.
  it('restart against hand-worked trajectories where the objective rises', async () => {
    const e = await create();
    const data = e.dataset([[1]], [0]);
    const base = { lr: 0.5, momentum: 0.9, fitIntercept: false, initialWeights: [1], maxIterations: 4 } as const;
    const fn = e.fit(data, { ...base, restart: 'function' });
    expect(Array.from(fn.loss)).toEqual([0.5, 0.125, expect.closeTo(0.02, 15), expect.closeTo(0.26645, 15)]);
    expect(fn.weights[0]).toBeCloseTo(-0.365, 15);
    expect(fn.auto!.restarts).toBe(1);
    const none = e.fit(data, base);
    expect(none.weights[0]).toBeCloseTo(-0.842, 15);
    expect(none.auto).toBeNull();
    const gr = e.fit(data, { ...base, restart: 'gradient' });
    expect(Array.from(gr.loss)).toEqual([0.5, 0.125, expect.closeTo(0.02, 15), expect.closeTo(0.005, 15)]);
    expect(gr.weights[0]).toBeCloseTo(0.04, 15);
    expect(gr.auto!.restarts).toBe(1);
  });

  // lr 'auto', hand-worked: J(w) = ½w² as above. One column with entry 1: λmax = 1 exactly, L = 1.05, η = 1/1.05;
  // momentum 0, so each step is w ← w − η·w = w·(1 − η), accepted (J falls by far more than Armijo's 1e-4·η·g²).
  it('lr auto on ½w²: η = 1/(1.05·1), each step w ← w·(1 − η)', async () => {
    const e = await create();
    const data = e.dataset([[1]], [0]);
    const r = e.fit(data, { lr: 'auto', fitIntercept: false, initialWeights: [1], maxIterations: 3 });
    expect(r.auto!.lambdaMax).toBe(1);
    expect(r.auto!.lr).toBe(1 / 1.05);
    const q = 1 - 1 / 1.05;
    expect(r.loss[1]).toBeCloseTo(0.5 * q * q, 15);
    expect(r.auto!.backtracks).toBe(0);
  });

  it("'auto' never diverges on badly scaled seeded problems, and its objective never rises", async () => {
    const e = await create();
    const runs = Number(process.env.MOMENTUM_PROPERTY_RUNS ?? 12);
    for (let k = 0; k < runs; k++) {
      const u = lcg(9000 + k);
      const n = 20 + Math.floor(u() * 60), d = 1 + Math.floor(u() * 8);
      const X = randomMatrix(n, d, 100 + k, 3 * u(), 50 * u());
      const model = (['linear', 'ridge', 'logistic', 'softmax'] as const)[k % 4]!;
      const yr = makeRegression(n, d, 200 + k).y;
      const y = model === 'logistic' ? yr.map((v) => (v > 0 ? 1 : 0)) : model === 'softmax' ? yr.map((v, i) => i % 3) : yr.map((v) => 100 * v);
      const data = e.dataset(X, y);
      for (const opts of [
        { lr: 'auto', momentum: 'auto', nesterov: true }, { lr: 'auto', momentum: 'auto' }, { lr: 'auto' },
        { lr: 'auto', momentum: 0.99, nesterov: true, restart: 'gradient' },
      ] as const) {
        const r = e.fit(data, { model, ...opts, maxIterations: 150 } as FitOptions);
        expect(r.status).not.toBe('diverged');
        expect(r.loss.every(Number.isFinite)).toBe(true);
        expect(r.weights.every(Number.isFinite)).toBe(true);
        for (let t = 1; t < r.loss.length; t++) expect(r.loss[t]).toBeLessThanOrEqual(r.loss[t - 1]!);
        expect(r.finalLoss).toBeLessThan(r.loss[0]!);
      }
      data.dispose();
    }
  });

  it('a hand-tuned momentum fit diverges where lr auto does not (the test above can fail)', async () => {
    const e = await create();
    const X = randomMatrix(40, 3, 77, 2, 10);
    const data = e.dataset(X, makeRegression(40, 3, 78).y);
    expect(e.fit(data, { lr: 1, momentum: 0.9, maxIterations: 300 }).status).toBe('diverged');
    expect(e.fit(data, { lr: 'auto', momentum: 0.9, maxIterations: 300 }).status).toBe('maxIterations');
  });
});

describe('lr / momentum auto: every backend bit for bit, in one chunk or one update at a time', () => {
  const PROBLEMS: [string, FitOptions, number, number][] = [
    ['ridge', { model: 'ridge', alpha: 0.1, lr: 'auto', momentum: 'auto', nesterov: true }, 33, 10],
    ['linear', { lr: 'auto', momentum: 0.9, restart: 'gradient' }, 21, 16],
    ['logistic', { model: 'logistic', lr: 'auto', momentum: 'auto' }, 37, 9],
    ['logistic', { model: 'logistic', alpha: 0.01, fitIntercept: false, lr: 'auto', momentum: 'auto', nesterov: true, weightDecay: 0.01 }, 30, 33],
    ['logistic', { model: 'logistic', lr: 'auto' }, 25, 3],
    ['softmax', { model: 'softmax', lr: 'auto', momentum: 'auto', nesterov: true, tol: 1e-6 }, 41, 5],
    ['softmax', { model: 'softmax', lr: 0.3, momentum: 'auto', restart: 'function', validationFraction: 0.2, tol: 0 }, 40, 4],
    ['linear', { lr: 0.05, momentum: 0.9, nesterov: true, restart: 'function' }, 19, 64],
  ];
  it.each(PROBLEMS)('%s %j on %i × %i', async (model, opts, n, d) => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    const u = lcg(n * 31 + d);
    const X = randomMatrix(n, d, n + d, 1.5, 3);
    const y = Array.from({ length: n }, (_, i) => (model === 'softmax' ? i % 3 : model === 'logistic' ? (u() < 0.5 ? 0 : 1) : 10 * u()));
    const fits: FitResult[] = [];
    for (const e of engines) {
      const data = e.dataset(X, y);
      fits.push(e.fit(data, { ...opts, maxIterations: 120 }));
      fits.push(e.fit(data, { ...opts, maxIterations: 120, progressEvery: 1, onProgress: () => {} }));
    }
    const [ref, ...rest] = fits;
    expect(ref!.auto!.restarts + ref!.auto!.backtracks + ref!.iterations).toBeGreaterThan(0);
    for (const f of rest) {
      expect(same(f.weights, ref!.weights)).toBe(true);
      expect(same(f.intercepts, ref!.intercepts)).toBe(true);
      expect(same(f.loss, ref!.loss)).toBe(true);
      expect(f.status).toBe(ref!.status);
      expect(f.auto).toEqual(ref!.auto);
      expect(Object.is(f.auto!.lambdaMax, ref!.auto!.lambdaMax)).toBe(true);
      expect(Object.is(f.auto!.finalLr, ref!.auto!.finalLr)).toBe(true);
    }
  });

  it('power iteration on every lane boundary (d = 1 … 34, n mod 4)', async () => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    for (let d = 1; d <= 34; d++) {
      const n = 5 + (d % 4);
      const X = randomMatrix(n, d, d, 1, 1);
      const out = engines.map((e) => {
        const data = e.dataset(X, new Array<number>(n).fill(0));
        const s = stored_(data);
        return [false, true].map((icpt) => internals(e).powerIteration(s, icpt, powerStart(d + (icpt ? 1 : 0)), 30, 0).lambdaMax);
      });
      for (const o of out) expect(same(o, out[0]!)).toBe(true);
    }
  });
});

describe('lr / momentum auto: bad input', () => {
  it.each([
    [{ lr: 'Auto' }, RangeError, `lr must be a finite number > 0 or 'auto', got "Auto" (string) (did you mean 'auto'?)`],
    [{ lr: 0.1, momentum: 'AUTO' }, RangeError, `momentum must be a number in [0, 1) or 'auto', got "AUTO" (string) (did you mean 'auto'?)`],
    [{ lr: 0.1, momentum: 0.9, restart: 'Function' }, RangeError, `restart must be 'function', 'gradient' or 'none', got "Function" (string) (did you mean 'function'?)`],
    [{ lr: 0.1, momentum: 0.9, restart: true }, RangeError, `restart must be 'function', 'gradient' or 'none', got true`],
    [{ lr: 0.1, restart: 'function' }, RangeError, `restart: 'function' resets the velocity: it needs momentum > 0 or momentum: 'auto'`],
    [{ optimizer: 'adam', lr: 0.1, restart: 'gradient' }, RangeError, `restart: 'gradient' applies to optimizer 'sgd' (a step and momentum from L and μ), not 'adam'`],
    [{ optimizer: 'adam', lr: 'auto' }, RangeError, `lr: 'auto' applies to optimizer 'sgd' (a step and momentum from L and μ), not 'adam'`],
    [{ optimizer: 'rmsprop', lr: 0.1, momentum: 'auto' }, RangeError, /momentum: 'auto' applies to optimizer 'sgd'/],
    [{ optimizer: 'adadelta', lr: 'auto' }, RangeError, `lr: 'auto' applies to optimizer 'sgd' (a step and momentum from L and μ), not 'adadelta'`],
    [{ lr: 'auto', batchSize: 4 }, RangeError, /lr: 'auto' needs full batches \(batchSize = the 10 training rows, got 4\)/],
    [{ lr: 0.1, momentum: 0.9, restart: 'function', batchSize: 5 }, RangeError, /restart: 'function' needs full batches/],
    [{ model: 'hinge', lr: 'auto' }, RangeError, /lr: 'auto' needs a smooth objective .* model 'hinge'/],
    [{ model: 'perceptron', lr: 'auto' }, RangeError, `lr: 'auto' needs a smooth objective (a Lipschitz gradient); model 'perceptron' (the perceptron loss) has none: set a numeric lr`],
    [{ model: 'epsilonInsensitive', lr: 'auto' }, RangeError, `lr: 'auto' needs a smooth objective (a Lipschitz gradient); model 'epsilonInsensitive' (the ε-insensitive loss) has none: set a numeric lr`],
    [{ model: 'perceptron', lr: 0.1, momentum: 'auto' }, RangeError, /momentum: 'auto' needs a smooth objective .* model 'perceptron' \(the perceptron loss\)/],
    [{ lr: 'auto', maximize: true }, RangeError, `lr: 'auto' minimises: maximize must be false`],
    [{ lr: 'auto', schedule: { type: 'exponential', gamma: 0.9 } }, RangeError, /lr: 'auto' sets the step itself/],
    [{ lr: 0.1, momentum: 'auto', dampening: 0.5 }, RangeError, `momentum: 'auto' requires dampening 0, got 0.5`],
    [{ lr: 'auto', restarts: 'function' }, TypeError, /Unknown fit option "restarts" \(did you mean "restart"\?\)/],
    [{ lr: '0.1' }, TypeError, 'lr must be a number, got "0.1" (string)'],
  ] as const)('%j', async (opts, ErrorClass, message) => {
    const e = await BACKENDS[BACKENDS.length - 1]!.create();
    const X = randomMatrix(10, 2, 1);
    const data = e.dataset(X, X.map((r) => (r[0]! > 0 ? 1 : 0)));
    let thrown: unknown;
    try {
      e.fit(data, opts as unknown as FitOptions);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ErrorClass);
    if (typeof message === 'string') expect((thrown as Error).message).toBe(message);
    else expect((thrown as Error).message).toMatch(message);
  });

  it('all-zero X: no smoothness estimate, a RangeError naming lr/momentum', async () => {
    const e = await BACKENDS[BACKENDS.length - 1]!.create();
    const data = e.dataset([[0], [0]], [1, 2]);
    expect(() => e.fit(data, { lr: 'auto', fitIntercept: false })).toThrow(/lr\/momentum 'auto': the smoothness constant L of this objective is 0/);
    // with the intercept the column of ones is there: L = 1.05
    expect(e.fit(data, { lr: 'auto', maxIterations: 3 }).auto!.lipschitz).toBe(1.05);
  });
});
