// Weighted network fits (issue 16): sampleWeight and classWeight on mlpClassifier / mlpRegressor, the linear models'
// objective (1/n)·Σ cᵢ·ℓᵢ + (α/2)·Σ‖W_l‖² (src/options/weights.ts). References computed here: central differences of
// the weighted objective, the unweighted objective on rows repeated cᵢ times (integer weights), scikit-learn's
// 'balanced' formula written out, the weighted least-squares predictions from normal equations solved in the test;
// bitwise parity of every backend.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine, MlpFitOptions, NetworkFitResult } from '../../src/index.js';
import { BACKENDS, relErr } from '../backends.js';
import { ACTIVATIONS, HEADS, backend, data, mlpConfig, stored, worstCentralDifference } from './helpers.js';

/** Integer weights 1, 2, 3, 0, 1, 2, 3, 0, … : their sum over 4 rows is 6 (a zero weight in the middle of a block). */
function intWeights(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => [1, 2, 3, 0][i % 4]!);
}

/** X (n × d) and y with row i repeated c[i] times (c integer), in order. */
function repeat(X: Float64Array, y: Float64Array, d: number, c: Float64Array): { X: Float64Array; y: Float64Array } {
  const Xr: number[] = [], yr: number[] = [];
  for (let i = 0; i < y.length; i++) {
    for (let k = 0; k < c[i]!; k++) {
      for (let j = 0; j < d; j++) Xr.push(X[i * d + j]!);
      yr.push(y[i]!);
    }
  }
  return { X: Float64Array.from(Xr), y: Float64Array.from(yr) };
}

function theta(p: number): Float64Array {
  return Float64Array.from({ length: p }, (_, k) => Math.sin(1.7 * k + 0.3) * 0.6);
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.prototype.every.call(a, (v: number, k: number) => Object.is(v, b[k]));
}

/** Every double of a network fit. */
function bits(r: NetworkFitResult): number[] {
  return [...r.coefs.flatMap((w) => [...w]), ...r.intercepts.flatMap((b) => [...b]), ...r.loss, ...r.epochLoss, r.finalLoss];
}

describe.each(BACKENDS)('weighted network objective, $name', ({ create }) => {
  for (const head of HEADS) {
    for (const act of ACTIVATIONS) {
      it(`${act} × ${head}: ∇ of (1/n)·Σcᵢℓᵢ + (α/2)‖W‖² = central differences (h = 1e-6) to 1e-6 relative`, async () => {
        const e = await create();
        const n = 150, d = 5;
        const { X, y } = data(n, d, head);
        const b = backend(e), s = stored(e, X, y, d);
        const c = mlpConfig(n, d, y, head, [11, 6], act, { alpha: 0.01 });
        // Non-integer weights, some 0, rows of the three blocks (64, 64, 22) all weighted.
        const w = Float64Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 0 : 0.25 + ((i * 37) % 11) / 4));
        const p = theta(5 * 11 + 11 + 11 * 6 + 6 + 6 * c.outputs + c.outputs);
        const { value, gradient } = b.gradient(s, c, p, w);
        expect(worstCentralDifference((q) => b.objective(s, c, q, c.alpha, w), p, gradient)).toBeLessThan(1e-6);
        // The weights change the objective (the weighted pass is taken): not the unweighted value.
        expect(value).not.toBe(b.gradient(s, c, p).value);
      });
    }

    it(`${head} head: weights all 1 through the weighted pass = the unweighted pass, bit for bit (x·1 = x)`, async () => {
      const e = await create();
      const n = 150, d = 5;
      const { X, y } = data(n, d, head);
      const b = backend(e), s = stored(e, X, y, d);
      const c = mlpConfig(n, d, y, head, [11, 6], 'tanh', { alpha: 0.01 });
      const p = theta(5 * 11 + 11 + 11 * 6 + 6 + 6 * c.outputs + c.outputs);
      const one = b.gradient(s, c, p, new Float64Array(n).fill(1)), none = b.gradient(s, c, p, null);
      expect(Object.is(one.value, none.value)).toBe(true);
      expect(same(one.gradient, none.gradient)).toBe(true);
    });

    it(`${head} head: integer weights cᵢ = the rows repeated cᵢ times (J and ∇J scaled by Σcᵢ/n), to 1e-12 relative`, async () => {
      const e = await create();
      const n = 150, d = 5;
      const { X, y } = data(n, d, head);
      const w = intWeights(n);
      const N = w.reduce((a, v) => a + v, 0); // 150 = 37·4 + 2 rows: 37·6 + 1 + 2 = 225
      expect(N).toBe(225);
      const r = repeat(X, y, d, w);
      const b = backend(e);
      const c = mlpConfig(n, d, y, head, [11, 6], 'relu', { alpha: 0 });
      const cr = mlpConfig(N, d, r.y, head, [11, 6], 'relu', { alpha: 0 });
      const p = theta(5 * 11 + 11 + 11 * 6 + 6 + 6 * c.outputs + c.outputs);
      const wt = b.gradient(stored(e, X, y, d), c, p, w), dup = b.gradient(stored(e, r.X, r.y, d), cr, p, null);
      // (1/n)·Σcᵢℓᵢ = (N/n)·(1/N)·Σ over the repeated rows.
      expect(relErr(wt.value, (N / n) * dup.value)).toBeLessThan(1e-12);
      const scale = Math.max(...dup.gradient.map(Math.abs)) * (N / n);
      for (let j = 0; j < p.length; j++) expect(Math.abs(wt.gradient[j]! - (N / n) * dup.gradient[j]!) / scale).toBeLessThan(1e-12);
    });
  }

  it('integer weights summing to 2n = the rows repeated, full batch with momentum: lr·2 and α/2 on the repeated rows give the same fit to 1e-12', async () => {
    const e = await create();
    const n = 40, d = 3;
    const { X, y } = data(n, d, 'logistic');
    // Weights 1, 3, 2, 2, … : sum 2n, so Jw = 2·J_repeated; with η' = 2η and α' = α/2 on the repeated rows the
    // step η'·(∇J_rep + α'W) = η·(2∇J_rep + αW) = η·∇Jw (every scaling a power of 2, exact).
    const w = Float64Array.from({ length: n }, (_, i) => [1, 3, 2, 2][i % 4]!);
    const r = repeat(X, y, d, w);
    expect(r.y.length).toBe(2 * n);
    const o = { model: 'mlpClassifier', hidden: [6], activation: 'tanh', lr: 0.25, momentum: 0.9, alpha: 1e-3, maxIterations: 200, seed: 2 } as const;
    const a = e.fit(e.dataset({ data: X, rows: n, cols: d }, y), { ...o, sampleWeight: w });
    const b = e.fit(e.dataset({ data: r.X, rows: 2 * n, cols: d }, r.y), { ...o, lr: 0.5, alpha: 5e-4 });
    expect(a.iterations).toBe(200);
    a.coefs.forEach((W, l) => W.forEach((v, k) => expect(relErr(v, b.coefs[l]![k]!)).toBeLessThan(1e-12)));
    a.intercepts.forEach((B, l) => B.forEach((v, k) => expect(relErr(v, b.intercepts[l]![k]!)).toBeLessThan(1e-12)));
    // J_w = 2·J_rep,data + (α/2)‖W‖² = 2·(J_rep,data + (α'/2)‖W‖²): every recorded loss is twice the repeated fit's.
    expect(b.loss.length).toBe(200);
    a.loss.forEach((v, k) => expect(relErr(v, 2 * b.loss[k]!)).toBeLessThan(1e-12));
    // It learned: the weighted loss fell well below log 2.
    expect(a.loss[199]!).toBeLessThan(0.5 * a.loss[0]!);
  });

  it("classWeight 'balanced' = sampleWeight n/(K·countₖ) (scikit-learn's formula, written out), bit for bit; a map = its sampleWeight", async () => {
    const e = await create();
    const n = 90, d = 4;
    const { X, y } = data(n, d, 'softmax', 3, 11);
    const count = [0, 0, 0];
    for (const v of y) count[v]!++;
    expect(count.every((k) => k > 0)).toBe(true);
    const balanced = Float64Array.from(y, (v) => n / (3 * count[v]!));
    const ds = e.dataset({ data: X, rows: n, cols: d }, y);
    const o: MlpFitOptions = { model: 'mlpClassifier', hidden: [5], lr: 0.1, momentum: 0.9, batchSize: 16, maxEpochs: 4, validationFraction: 0.2, seed: 3 };
    const a = e.fit(ds, { ...o, classWeight: 'balanced' }), b = e.fit(ds, { ...o, sampleWeight: balanced });
    expect(same(bits(a), bits(b))).toBe(true);
    const c = e.fit(ds, { ...o, classWeight: { 2: 3 } }), dd = e.fit(ds, { ...o, sampleWeight: Float64Array.from(y, (v) => (v === 2 ? 3 : 1)) });
    expect(same(bits(c), bits(dd))).toBe(true);
    // The weights matter: not the unweighted fit.
    expect(same(bits(a), bits(e.fit(ds, o)))).toBe(false);
    // Weights all 1 = no weights (the host drops them): the unweighted doubles.
    expect(same(bits(e.fit(ds, { ...o, sampleWeight: new Float64Array(n).fill(1) })), bits(e.fit(ds, o)))).toBe(true);
  });

  it('weighted least squares: a one-identity-layer regressor (α = 0) converges to the predictions of XᵀCXβ = XᵀCy', async () => {
    const e = await create();
    const n = 30, d = 2;
    const X = Array.from({ length: n }, (_, i) => [Math.sin(i + 1), Math.cos(2 * i) * 0.8]);
    const y = X.map((x, i) => 1.5 * x[0]! - 0.5 * x[1]! + 0.3 + 0.4 * Math.sin(7 * i));
    const c = Array.from({ length: n }, (_, i) => [0.5, 3, 1][i % 3]!);
    // Normal equations of [x, 1] with weights c (3 × 3), solved by Cramer's rule.
    const A = [[0, 0, 0], [0, 0, 0], [0, 0, 0]], rhs = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const a = [X[i]![0]!, X[i]![1]!, 1];
      for (let j = 0; j < 3; j++) {
        rhs[j]! += c[i]! * a[j]! * y[i]!;
        for (let k = 0; k < 3; k++) A[j]![k]! += c[i]! * a[j]! * a[k]!;
      }
    }
    const det = (M: number[][]) => M[0]![0]! * (M[1]![1]! * M[2]![2]! - M[1]![2]! * M[2]![1]!) - M[0]![1]! * (M[1]![0]! * M[2]![2]! - M[1]![2]! * M[2]![0]!) + M[0]![2]! * (M[1]![0]! * M[2]![1]! - M[1]![1]! * M[2]![0]!);
    const beta = [0, 1, 2].map((j) => det(A.map((row, r) => row.map((v, k) => (k === j ? rhs[r]! : v)))) / det(A));
    const r = e.fit(e.dataset(X, y), {
      model: 'mlpRegressor', hidden: [2], activation: 'identity', alpha: 0, lr: 0.05, momentum: 0.9, sampleWeight: c,
      maxIterations: 20000, tol: 1e-12, seed: 1,
    });
    const pred = r.predict(X);
    for (let i = 0; i < n; i++) expect(Math.abs(pred[i]! - (beta[0]! * X[i]![0]! + beta[1]! * X[i]![1]! + beta[2]!))).toBeLessThan(1e-8);
    // The unweighted least squares is another fit: the weights moved it.
    expect(Math.abs(e.fit(e.dataset(X, y), { model: 'mlpRegressor', hidden: [2], activation: 'identity', alpha: 0, lr: 0.05, momentum: 0.9, maxIterations: 20000, tol: 1e-12, seed: 1 }).predict(X)[0]! - pred[0]!)).toBeGreaterThan(1e-4);
  });
});

describe('weighted network parity across backends', () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const b of BACKENDS) engines.push(await b.create());
  });
  const OPTS: [string, MlpFitOptions][] = [
    ['regressor, Adam, shuffled batches, hold-out', { model: 'mlpRegressor', hidden: [9, 3], activation: 'tanh', optimizer: 'adam', lr: 0.01, batchSize: 20, maxEpochs: 3, validationFraction: 0.2, seed: 4 }],
    ['two classes, Nesterov, full batch', { model: 'mlpClassifier', hidden: [10], activation: 'relu', lr: 0.2, momentum: 0.9, nesterov: true, maxIterations: 30, seed: 4 }],
    ['three classes, balanced, batches of 32, hold-out', { model: 'mlpClassifier', hidden: [9, 4], activation: 'sigmoid', lr: 0.3, momentum: 0.5, batchSize: 32, maxEpochs: 3, validationFraction: 0.2, classWeight: 'balanced', seed: 4 }],
  ];
  it.each(OPTS)('%s: every double identical', (_label, o) => {
    const n = 150, d = 5;
    const head = o.model === 'mlpRegressor' ? 'squared' : o.hidden!.length === 1 ? 'logistic' : 'softmax';
    const { X, y } = data(n, d, head);
    const w = Float64Array.from({ length: n }, (_, i) => 0.5 + ((i * 13) % 7) / 3);
    const runs = engines.map((e) => bits(e.fit(e.dataset({ data: X, rows: n, cols: d }, y, { sampleWeight: w }), o)));
    for (const r of runs.slice(1)) expect(same(r, runs[0]!)).toBe(true);
    expect(runs[0]!.every(Number.isFinite)).toBe(true);
  });
});
