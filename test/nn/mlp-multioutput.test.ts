// Multi-output regression (issue 16): mlpRegressor with m targets per row, the squared head over m outputs with
// J = (1/n)·Σᵢ cᵢ·½‖zᵢ − yᵢ‖² + (α/2)·Σ‖W_l‖² (scikit-learn's MLPRegressor gradient: deltas = z − y, summed over the
// outputs, divided by n). References computed here: the objective by a forward pass written in the test, central
// differences of it, least squares per output from the normal equations solved in the test, R² per output by its
// formula, the objective of the rows of an ordered batch at the parameters after one update; bitwise parity.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MlpModel, createEngine, createWorkerEngine, type Engine, type MlpFitOptions, type NetworkFitResult } from '../../src/index.js';
import { loopbackWorker } from '../loopback-worker.js';
import { BACKENDS, relErr } from '../backends.js';
import { ACTIVATIONS, backend, mlpConfig, worstCentralDifference } from './helpers.js';
import type { StoredData } from '../../src/backend.js';
import { createRandom } from '../../src/random.js';

/** n rows × d features in [−1, 1) and m targets per row, smooth functions of the features plus noise. */
function problem(n: number, d: number, m: number, seed = 5): { X: Float64Array; Y: Float64Array } {
  const r = createRandom(seed);
  const X = new Float64Array(n * d), Y = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X[i * d + j] = 2 * r.uniform() - 1;
    for (let k = 0; k < m; k++) {
      let s = 0.2 * k;
      for (let j = 0; j < d; j++) s += X[i * d + j]! * Math.cos(1 + j + 2 * k);
      Y[i * m + k] = s + 0.5 * Math.sin(3 * X[i * d]! + k) + 0.1 * (r.uniform() - 0.5);
    }
  }
  return { X, Y };
}

function storedM(e: Engine, X: Float64Array, Y: Float64Array, d: number, m: number): StoredData {
  const n = X.length / d;
  return (e.dataset({ data: X, rows: n, cols: d }, { data: Y, rows: n, cols: m }) as unknown as { data(): StoredData }).data();
}

function act(name: string, z: number): number {
  return name === 'relu' ? Math.max(z, 0) : name === 'tanh' ? Math.tanh(z) : name === 'sigmoid' ? 1 / (1 + Math.exp(-z)) : z;
}

/** (1/n)·Σᵢ cᵢ·½Σₖ(zᵢₖ − yᵢₖ)² + (α/2)·Σ‖W‖², the forward pass written here (θ = [W₁ | b₁ | …], W in × out row-major). */
function objective(p: Float64Array, widths: number[], activation: string, X: Float64Array, Y: Float64Array, alpha: number, c?: Float64Array): number {
  const d = widths[0]!, m = widths[widths.length - 1]!, n = X.length / d;
  let J = 0, pen = 0;
  for (let i = 0; i < n; i++) {
    let h = Array.from(X.subarray(i * d, i * d + d));
    let at = 0;
    for (let l = 1; l < widths.length; l++) {
      const nIn = widths[l - 1]!, nOut = widths[l]!;
      const z = Array.from({ length: nOut }, (_, o) => {
        let s = p[at + nIn * nOut + o]!;
        for (let q = 0; q < nIn; q++) s += h[q]! * p[at + q * nOut + o]!;
        return s;
      });
      at += nIn * nOut + nOut;
      h = l === widths.length - 1 ? z : z.map((v) => act(activation, v));
    }
    let row = 0;
    for (let k = 0; k < m; k++) row += (h[k]! - Y[i * m + k]!) ** 2 / 2;
    J += (c ? c[i]! : 1) * row;
  }
  let at = 0;
  for (let l = 1; l < widths.length; l++) {
    for (let q = 0; q < widths[l - 1]! * widths[l]!; q++) pen += p[at + q]! ** 2;
    at += widths[l - 1]! * widths[l]! + widths[l]!;
  }
  return J / n + (alpha / 2) * pen;
}

function theta(p: number): Float64Array {
  return Float64Array.from({ length: p }, (_, k) => Math.sin(1.3 * k + 0.2) * 0.5);
}

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.prototype.every.call(a, (v: number, k: number) => Object.is(v, b[k]));
}

function bits(r: NetworkFitResult): number[] {
  return [...r.coefs.flatMap((w) => [...w]), ...r.intercepts.flatMap((b) => [...b]), ...r.loss, ...r.epochLoss, r.finalLoss];
}

/** [W₁ | b₁ | W₂ | b₂ | …] of a fitted network. */
function params(r: NetworkFitResult): number[] {
  return r.coefs.flatMap((w, l) => [...w, ...r.intercepts[l]!]);
}

describe.each(BACKENDS)('multi-output network, $name', ({ create }) => {
  for (const a of ACTIVATIONS) {
    it(`${a} hidden layers, m = 3 targets: J = the test's forward pass (1e-13), ∇J = central differences (1e-6), with and without weights`, async () => {
      const e = await create();
      const n = 150, d = 5, m = 3, hidden = [11, 6];
      const { X, Y } = problem(n, d, m);
      const b = backend(e), s = storedM(e, X, Y, d, m);
      const c = mlpConfig(n, d, Y.subarray(0, n), 'squared', hidden, a, { alpha: 0.01 });
      c.outputs = m;
      const widths = [d, ...hidden, m];
      const p = theta(5 * 11 + 11 + 11 * 6 + 6 + 6 * m + m);
      const w = Float64Array.from({ length: n }, (_, i) => (i % 5 === 2 ? 0 : 0.5 + (i % 3)));
      for (const weights of [null, w]) {
        const { value, gradient } = b.gradient(s, c, p, weights);
        expect(relErr(value, objective(p, widths, a, X, Y, 0.01, weights ?? undefined))).toBeLessThan(1e-13);
        expect(worstCentralDifference((q) => b.objective(s, c, q, c.alpha, weights), p, gradient)).toBeLessThan(1e-6);
      }
    });
  }

  it('an identity hidden layer (α = 0), full batch with momentum, converges to the least-squares predictions of each output (normal equations)', async () => {
    const e = await create();
    const n = 40, d = 3, m = 3;
    const { X, Y } = problem(n, d, m, 9);
    // Per output k: β = (AᵀA)⁻¹Aᵀyₖ, A = [X | 1], by Gaussian elimination here. A hidden layer of 4 ≥ min(d, m)
    // identity units can represent any d × m linear map, so the network's optimum is these predictions.
    const A = Array.from({ length: n }, (_, i) => [...X.subarray(i * d, i * d + d), 1]);
    const pred: number[] = [];
    const betas = Array.from({ length: m }, (_, k) => {
      const M = Array.from({ length: d + 1 }, (_, r) => [
        ...Array.from({ length: d + 1 }, (_, q) => A.reduce((s, row) => s + row[r]! * row[q]!, 0)),
        A.reduce((s, row, i) => s + row[r]! * Y[i * m + k]!, 0),
      ]);
      for (let col = 0; col <= d; col++) {
        let piv = col;
        for (let r = col + 1; r <= d; r++) if (Math.abs(M[r]![col]!) > Math.abs(M[piv]![col]!)) piv = r;
        [M[col], M[piv]] = [M[piv]!, M[col]!];
        for (let r = 0; r <= d; r++) {
          if (r === col) continue;
          const f = M[r]![col]! / M[col]![col]!;
          for (let q = col; q <= d + 1; q++) M[r]![q]! -= f * M[col]![q]!;
        }
      }
      return M.map((row, r) => row[d + 1]! / row[r]!);
    });
    for (let i = 0; i < n; i++) for (let k = 0; k < m; k++) pred.push(A[i]!.reduce((s, v, j) => s + v * betas[k]![j]!, 0));
    const r = e.fit(e.dataset({ data: X, rows: n, cols: d }, { data: Y, rows: n, cols: m }), {
      model: 'mlpRegressor', hidden: [4], activation: 'identity', alpha: 0, lr: 0.05, momentum: 0.9, maxIterations: 20000, tol: 1e-12, seed: 2,
    });
    const got = r.predict({ data: X, rows: n, cols: d });
    expect(got.length).toBe(n * m);
    for (let q = 0; q < n * m; q++) expect(Math.abs(got[q]! - pred[q]!)).toBeLessThan(1e-8);
  });

  it('ordered mini-batches read each batch\'s own m targets: loss[1] = J of rows 10 … 19 at the parameters after update 1', async () => {
    const e = await create();
    const n = 40, d = 3, m = 3;
    const { X, Y } = problem(n, d, m, 3);
    const data = e.dataset({ data: X, rows: n, cols: d }, { data: Y, rows: n, cols: m });
    const o: MlpFitOptions = { model: 'mlpRegressor', hidden: [5], activation: 'tanh', alpha: 0.01, lr: 0.1, batchSize: 10, shuffle: false, seed: 1 };
    const one = e.fit(data, { ...o, maxIterations: 1 }), two = e.fit(data, { ...o, maxIterations: 2 });
    const p1 = Float64Array.from(params(one));
    // Batch 2 is rows 10 … 19: its targets are Y[30 … 59].
    const J = objective(p1, [d, 5, m], 'tanh', X.subarray(30, 60), Y.subarray(30, 60), 0.01);
    expect(relErr(two.loss[1]!, J)).toBeLessThan(1e-13);
    expect(relErr(two.loss[0]!, objective(Float64Array.from(params(e.fit(data, { ...o, lr: 1e-300, maxIterations: 1 }))), [d, 5, m], 'tanh', X.subarray(0, 30), Y.subarray(0, 30), 0.01))).toBeLessThan(1e-13);
  });

  it('a 1-D y and n rows of one target are the same fit, bit for bit; score is the mean of the outputs\' R²; JSON keeps m', async () => {
    const e = await create();
    const n = 60, d = 4, m = 2;
    const { X, Y } = problem(n, d, m, 4);
    const Xs = { data: X, rows: n, cols: d };
    const col0 = Y.filter((_, q) => q % m === 0);
    const o: MlpFitOptions = { model: 'mlpRegressor', hidden: [6], activation: 'relu', lr: 0.05, momentum: 0.9, batchSize: 16, maxEpochs: 5, validationFraction: 0.2, seed: 7 };
    const flat = e.fit(e.dataset(Xs, col0), o), rows = e.fit(e.dataset(Xs, Array.from(col0, (v) => [v])), o);
    expect(same(bits(flat), bits(rows))).toBe(true);
    const r = e.fit(e.dataset(Xs, Array.from({ length: n }, (_, i) => [Y[2 * i]!, Y[2 * i + 1]!])), { ...o, maxEpochs: 50 });
    expect(r.outputs).toBe(2);
    const pred = r.predict(Xs);
    // R²ₖ = 1 − Σᵢ(yᵢₖ − ŷᵢₖ)² / Σᵢ(yᵢₖ − ȳₖ)², averaged over k.
    let mean = 0;
    for (let k = 0; k < m; k++) {
      let ybar = 0;
      for (let i = 0; i < n; i++) ybar += Y[i * m + k]! / n;
      let res = 0, tot = 0;
      for (let i = 0; i < n; i++) {
        res += (Y[i * m + k]! - pred[i * m + k]!) ** 2;
        tot += (Y[i * m + k]! - ybar) ** 2;
      }
      mean += (1 - res / tot) / m;
    }
    const score = r.score(Xs, { data: Y, rows: n, cols: m });
    expect(relErr(score, mean)).toBeLessThan(1e-12);
    expect(score).toBeGreaterThan(0.5);
    const again = MlpModel.fromJSON(JSON.stringify(r));
    expect(again.outputs).toBe(2);
    expect(again.toJSON().targets).toBe(2);
    expect(same(again.predict(Xs), pred)).toBe(true);
    // A one-output regressor's JSON is as before (no targets field).
    expect('targets' in flat.toJSON()).toBe(false);
  });
});

describe('multi-output parity across backends', () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const b of BACKENDS) engines.push(await b.create());
  });
  const OPTS: [string, number, MlpFitOptions, boolean][] = [
    ['m = 3, SGD Nesterov, ordered batches of 16', 3, { model: 'mlpRegressor', hidden: [9, 4], activation: 'tanh', lr: 0.05, momentum: 0.9, nesterov: true, batchSize: 16, shuffle: false, maxEpochs: 3 }, false],
    ['m = 2, Adam, shuffled batches, hold-out, weighted', 2, { model: 'mlpRegressor', hidden: [10], activation: 'relu', optimizer: 'adam', lr: 0.01, batchSize: 20, maxEpochs: 3, validationFraction: 0.2, seed: 3 }, true],
    ['m = 5, full batch, sigmoid', 5, { model: 'mlpRegressor', hidden: [8], activation: 'sigmoid', lr: 0.2, momentum: 0.5, maxIterations: 25 }, false],
  ];
  it.each(OPTS)('%s: every double identical', (_label, m, o, weighted) => {
    const n = 150, d = 5;
    const { X, Y } = problem(n, d, m);
    const w = Float64Array.from({ length: n }, (_, i) => 0.5 + ((i * 13) % 7) / 3);
    const runs = engines.map((e) => bits(e.fit(e.dataset({ data: X, rows: n, cols: d }, { data: Y, rows: n, cols: m }, weighted ? { sampleWeight: w } : {}), o)));
    for (const r of runs.slice(1)) expect(same(r, runs[0]!)).toBe(true);
    expect(runs[0]!.every(Number.isFinite)).toBe(true);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

it('through the worker engine (loopback, structured clones): a weighted m = 3 network fit equals the page engine\'s, bit for bit', async () => {
  const n = 50, d = 3, m = 3;
  const { X, Y } = problem(n, d, m, 8);
  const rows = Array.from({ length: n }, (_, i) => Array.from(Y.subarray(i * m, i * m + m)));
  const w = Array.from({ length: n }, (_, i) => 1 + (i % 3));
  const o: MlpFitOptions = { model: 'mlpRegressor', hidden: [4], activation: 'tanh', lr: 0.1, momentum: 0.9, batchSize: 10, maxEpochs: 4, seed: 2 };
  const page = await createEngine({ backend: 'js' });
  const here = page.fit(page.dataset({ data: X, rows: n, cols: d }, rows), { ...o, sampleWeight: w });
  const worker = await createWorkerEngine({ worker: await loopbackWorker(), backend: 'js' });
  const there = await worker.fit(await worker.dataset({ data: X.slice(), rows: n, cols: d }, { data: Y.slice(), rows: n, cols: m }, { transfer: true }), { ...o, sampleWeight: w });
  expect(there.outputs).toBe(3);
  expect(same(bits(there), bits(here))).toBe(true);
});
