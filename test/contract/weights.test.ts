// Sample and class weights (issue 15): the objective (1/n)·Σ cᵢ·ℓᵢ + α·R(w), cᵢ = sampleWeightᵢ·classWeight[yᵢ], as
// scikit-learn's SGD (update *= class_weight * sample_weight, the mean over n). Against references computed here:
// the weighted normal equations solved in the test, the objective of the data with rows repeated, scikit-learn's
// 'balanced' formula written out, the weighted validation objective evaluated in the test at the returned
// parameters, λmax(AᵀCA/n) by a long power iteration in the test; bitwise parity of every backend for every model.
import { beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, relErr } from '../backends.js';
import { mulberry32 } from '../prng.js';
import { Estimator, createEngine, fit as fitCall, type Engine, type FitOptions, type FitResult, type ModelName } from '../../src/index.js';
import { splitRows } from '../../src/engine.js';

// The same draws in every test whatever ran before (each backend fits the same data).
let rnd = mulberry32(2026);
beforeEach(() => {
  rnd = mulberry32(2026);
});

function problem(n: number, d: number, kind: 'real' | 'binary' | 'classes', K = 3): { X: number[][]; y: number[] } {
  const w = Array.from({ length: d }, () => 2 * rnd() - 1);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * rnd() - 1));
  const y = X.map((row) => {
    const z = row.reduce((s, v, j) => s + v * w[j]!, 0.3) + 0.3 * (rnd() - 0.5);
    if (kind === 'real') return z;
    if (kind === 'binary') return z > 0.1 ? 1 : 0;
    return Math.min(K - 1, Math.max(0, Math.floor((z + 1.5) * K / 3)));
  });
  return { X, y };
}

/** Every double of a fit: weights, intercepts, per-update and per-epoch objectives. */
function bits(r: FitResult): number[] {
  return [...r.weights, ...r.intercepts, ...r.loss, ...r.epochLoss, r.iterations];
}

function sameBits(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/** x solving A·x = b (Gaussian elimination with partial pivoting), A row-major p × p. */
function solve(A: number[][], b: number[]): number[] {
  const p = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[piv]![c]!)) piv = r;
    [M[c], M[piv]] = [M[piv]!, M[c]!];
    for (let r = c + 1; r < p; r++) {
      const f = M[r]![c]! / M[c]![c]!;
      for (let k = c; k <= p; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(p).fill(0);
  for (let r = p - 1; r >= 0; r--) {
    let s = M[r]![p]!;
    for (let k = r + 1; k < p; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}

describe.each(BACKENDS)('weights [$name]', ({ create }) => {
  it('weighted ridge lands on the weighted normal equations (XᵀCX/n + αI)w = XᵀCy/n, intercept augmented, to 1e-10', async () => {
    const e = await create();
    const { X, y } = problem(40, 3, 'real');
    const c = X.map(() => rnd() < 0.2 ? 0 : 3 * rnd());
    const alpha = 0.1, n = X.length, d = 3;
    // A = [X | 1]; the penalty on w only: (AᵀCA/n + α·diag(1, 1, 1, 0))·θ = AᵀCy/n.
    const A = X.map((r) => [...r, 1]);
    const H = Array.from({ length: d + 1 }, (_, j) => Array.from({ length: d + 1 }, (_, k) =>
      A.reduce((s, a, i) => s + c[i]! * a[j]! * a[k]!, 0) / n + (j === k && j < d ? alpha : 0)));
    const rhs = Array.from({ length: d + 1 }, (_, j) => A.reduce((s, a, i) => s + c[i]! * a[j]! * y[i]!, 0) / n);
    const theta = solve(H, rhs);
    const r = e.fit(e.dataset(X, y), { model: 'ridge', alpha, lr: 'auto', momentum: 'auto', maxIterations: 20000, tol: 1e-14, sampleWeight: c });
    expect(r.status).toBe('converged');
    const got = [...r.weights, r.intercepts[0]!];
    for (let j = 0; j <= d; j++) expect(Math.abs(got[j]! - theta[j]!)).toBeLessThanOrEqual(1e-10);
    // The unweighted optimum is elsewhere: the test can fail.
    const plain = e.fit(e.dataset(X, y), { model: 'ridge', alpha, lr: 'auto', momentum: 'auto', maxIterations: 20000, tol: 1e-14 });
    expect(Math.max(...[...plain.weights].map((v, j) => Math.abs(v - theta[j]!)))).toBeGreaterThan(1e-3);
  });

  it('integer weights give the objective and optimum of the data with rows repeated (Σc = n: the same mean)', async () => {
    const e = await create();
    const { X, y } = problem(30, 4, 'binary');
    // Weights 0, 1, 2 with Σ = n, so (1/n)·Σcᵢℓᵢ is the mean over the repeated rows exactly.
    const c = X.map((_, i) => [0, 1, 2][i % 3]!);
    expect(c.reduce((s, v) => s + v, 0)).toBe(X.length);
    const Xr: number[][] = [], yr: number[] = [];
    X.forEach((row, i) => { for (let k = 0; k < c[i]!; k++) { Xr.push(row); yr.push(y[i]!); } });
    const opts = { model: 'logistic', alpha: 0.01, lr: 'auto', maxIterations: 20000, tol: 1e-12 } as const;
    const start = { initialWeights: [0.3, -0.2, 0.5, 0.1], initialIntercept: 0.2, maxIterations: 1, lr: 0.1 } as const;
    const weighted = e.dataset(X, y), repeated = e.dataset(Xr, yr);
    // The objective's value at one point: J(θ₀) of both fits (rounding apart: other sums).
    const j0 = e.fit(weighted, { ...opts, ...start, sampleWeight: c }).loss[0]!;
    const j1 = e.fit(repeated, { ...opts, ...start }).loss[0]!;
    expect(relErr(j0, j1)).toBeLessThan(1e-14);
    // The optimum.
    const a = e.fit(weighted, { ...opts, sampleWeight: c }), b = e.fit(repeated, opts);
    expect([a.status, b.status]).toEqual(['converged', 'converged']);
    for (let j = 0; j < 4; j++) expect(Math.abs(a.weights[j]! - b.weights[j]!)).toBeLessThan(1e-8);
    expect(relErr(a.finalLoss, b.finalLoss)).toBeLessThan(1e-12);
  });

  it("classWeight 'balanced' is the fit with sampleWeight n/(K·count_yᵢ), bit for bit (logistic, softmax, mini-batches)", async () => {
    const e = await create();
    for (const [model, kind] of [['logistic', 'binary'], ['softmax', 'classes'], ['hinge', 'binary']] as const) {
      const { X, y } = problem(53, 5, kind);
      // scikit-learn's compute_class_weight('balanced'): n_samples / (n_classes · bincount(y)).
      const classes = [...new Set(y)];
      const count = (k: number) => y.filter((v) => v === k).length;
      const sw = y.map((v) => y.length / (classes.length * count(v)));
      const data = e.dataset(X, y);
      for (const extra of [{}, { batchSize: 8, seed: 5 }] as const) {
        // softmax over 4 classes, one absent from y: K in the formula is the classes present (3).
        const opts = { model, lr: 0.2, momentum: 0.9, maxIterations: 60, ...(model === 'softmax' ? { classes: 4 } : {}), ...extra } as FitOptions;
        const balanced = e.fit(data, { ...opts, classWeight: 'balanced' });
        const asSample = e.fit(data, { ...opts, sampleWeight: sw });
        expect(sameBits(bits(balanced), bits(asSample))).toBe(true);
        expect(sameBits(bits(balanced), bits(e.fit(data, opts)))).toBe(false);
      }
    }
  });

  it('weights of 1 give exactly the unweighted doubles (sampleWeight, classWeight, both)', async () => {
    const e = await create();
    for (const [model, kind, d] of [['linear', 'real', 1], ['ridge', 'real', 7], ['logistic', 'binary', 40], ['softmax', 'classes', 5]] as const) {
      const { X, y } = problem(37, d, kind);
      const data = e.dataset(X, y);
      const opts = { model, lr: 0.05, momentum: 0.9, maxIterations: 40, batchSize: 9, seed: 2 } as FitOptions;
      const plain = bits(e.fit(data, opts));
      expect(sameBits(bits(e.fit(data, { ...opts, sampleWeight: new Float64Array(37).fill(1) })), plain)).toBe(true);
      if (kind !== 'real') {
        expect(sameBits(bits(e.fit(data, { ...opts, classWeight: kind === 'binary' ? { 0: 1, 1: 1 } : [1, 1, 1] })), plain)).toBe(true);
      }
      const ones = e.dataset(X, y, { sampleWeight: y.map(() => 1) });
      expect(sameBits(bits(e.fit(ones, opts)), plain)).toBe(true);
    }
  });

  it('dataset-level sampleWeight = the fit option; both at once is a RangeError', async () => {
    const e = await create();
    const { X, y } = problem(25, 3, 'binary');
    const sw = y.map(() => 0.5 + rnd());
    const opts = { model: 'logistic', lr: 0.3, maxIterations: 30 } as const;
    const a = e.fit(e.dataset(X, y, { sampleWeight: sw }), opts);
    const b = e.fit(e.dataset(X, y), { ...opts, sampleWeight: sw });
    expect(sameBits(bits(a), bits(b))).toBe(true);
    expect(a.finalLoss).toBe(b.finalLoss);
    expect(() => e.fit(e.dataset(X, y, { sampleWeight: sw }), { ...opts, sampleWeight: sw })).toThrow(
      new RangeError("sampleWeight was given twice: with the dataset (engine.dataset(X, y, { sampleWeight })) and in the fit options; give it in one place (a dataset without sampleWeight takes the fit's)"),
    );
  });

  it('never mutates the caller\'s weight arrays', async () => {
    const e = await create();
    const { X, y } = problem(20, 2, 'binary');
    const sw = new Float64Array(y.map(() => rnd() * 2));
    const cw = [2, 0.5];
    const copy = sw.slice(), cwCopy = [...cw];
    e.fit(e.dataset(X, y, { sampleWeight: sw }), { model: 'logistic', lr: 0.1, maxIterations: 10, classWeight: cw, validationFraction: 0.25 });
    e.fit(e.dataset(X, y), { model: 'logistic', lr: 0.1, maxIterations: 10, sampleWeight: sw, batchSize: 3 });
    expect(sw).toEqual(copy);
    expect(cw).toEqual(cwCopy);
  });

  it('the hold-out keeps its rows\' weights: the epoch objective is (1/n_val)·Σ cᵢ·ℓᵢ + penalty at the epoch\'s parameters', async () => {
    const e = await create();
    const { X, y } = problem(40, 3, 'binary');
    const sw = y.map((v) => (v ? 3 : 0.5) * (0.5 + rnd()));
    const alpha = 0.01;
    const opts = { model: 'logistic', alpha, lr: 0.5, maxEpochs: 1, maxIterations: 100, validationFraction: 0.25, seed: 9 } as const;
    const r = e.fit(e.dataset(X, y), { ...opts, sampleWeight: sw });
    // One full-batch epoch: the parameters after it are the result; the validation rows by the driver's split.
    const { valRows } = splitRows(Float64Array.from(y), { seed: 9, model: 'logistic', validationFraction: 0.25 });
    const w = [...r.weights], b = r.intercepts[0]!;
    const loss = (i: number) => {
      const z = X[i]!.reduce((s, v, j) => s + v * w[j]!, b);
      return Math.max(z, 0) - y[i]! * z + Math.log1p(Math.exp(-Math.abs(z)));
    };
    const pen = (alpha / 2) * w.reduce((s, v) => s + v * v, 0);
    const weighted = [...valRows].reduce((s, i) => s + sw[i]! * loss(i), 0) / valRows.length + pen;
    const plain = [...valRows].reduce((s, i) => s + loss(i), 0) / valRows.length + pen;
    expect(r.epochLoss.length).toBe(1);
    expect(relErr(r.epochLoss[0]!, weighted)).toBeLessThan(1e-13);
    expect(relErr(r.epochLoss[0]!, plain)).toBeGreaterThan(1e-3);
  });

  it('the gradient rule stops on the weighted objective: ‖∇J_c(θ)‖∞ ≤ tol·‖∇J_c(θ₀)‖∞ computed here', async () => {
    const e = await create();
    const { X, y } = problem(30, 2, 'real');
    const sw = y.map(() => 4 * rnd());
    const n = X.length, tol = 1e-6;
    for (const batch of [{}, { batchSize: 30 }, { batchSize: 10, seed: 1 }] as const) {
      const r = e.fit(e.dataset(X, y), { model: 'linear', lr: 0.2, momentum: 0.5, maxIterations: 5000, tol, sampleWeight: sw, ...batch });
      if (!('seed' in batch)) expect(r.status).toBe('converged');
      if (r.status !== 'converged') continue;
      const grad = (w: number[], b: number) => {
        const g = [0, 0, 0];
        X.forEach((x, i) => {
          const res = sw[i]! * (x[0]! * w[0]! + x[1]! * w[1]! + b - y[i]!);
          g[0]! += res * x[0]! / n; g[1]! += res * x[1]! / n; g[2]! += res / n;
        });
        return Math.max(...g.map(Math.abs));
      };
      expect(grad([...r.weights], r.intercepts[0]!)).toBeLessThanOrEqual(tol * grad([0, 0], 0) * (1 + 1e-9));
    }
  });

  it("the 'sklearn' rule reads the weighted epoch objective: epochLoss[0] = J_c(θ₀) on a full batch", async () => {
    const e = await create();
    const { X, y } = problem(12, 2, 'real');
    const sw = y.map(() => 2 * rnd());
    const r = e.fit(e.dataset(X, y), { model: 'linear', lr: 0.1, maxIterations: 50, stoppingRule: 'sklearn', tol: 1e-3, sampleWeight: sw });
    const j0 = y.reduce((s, v, i) => s + sw[i]! * v * v, 0) / (2 * y.length);
    expect(relErr(r.epochLoss[0]!, j0)).toBeLessThan(1e-14);
    expect(relErr(r.loss[0]!, j0)).toBeLessThan(1e-14);
  });

  it("lr 'auto' estimates L on λmax(AᵀCA/n): the report's λ̂ against a long power iteration here", async () => {
    const e = await create();
    const { X, y } = problem(50, 3, 'binary');
    const sw = y.map((v) => (v ? 5 : 1) * rnd());
    const r = e.fit(e.dataset(X, y), { model: 'logistic', lr: 'auto', maxIterations: 3000, tol: 1e-8, sampleWeight: sw });
    const A = X.map((row) => [...row, 1]);
    const lam = (c: number[]) => {
      let v = [1, 1, 1, 1], q = 0;
      for (let it = 0; it < 2000; it++) {
        const w = [0, 0, 0, 0];
        A.forEach((a, i) => { const u = c[i]! * a.reduce((s, x, j) => s + x * v[j]!, 0); a.forEach((x, j) => { w[j]! += u * x / A.length; }); });
        q = w.reduce((s, x, j) => s + x * v[j]!, 0) / v.reduce((s, x) => s + x * x, 0);
        const nrm = Math.hypot(...w);
        v = w.map((x) => x / nrm);
      }
      return q;
    };
    const exact = lam(sw), plain = lam(sw.map(() => 1));
    expect(r.status).toBe('converged');
    expect(r.auto!.lambdaMax).toBeLessThanOrEqual(exact * (1 + 1e-12));
    expect(relErr(r.auto!.lambdaMax, exact)).toBeLessThan(1e-2);
    expect(relErr(exact, plain)).toBeGreaterThan(0.1);
  });
});

describe('weights: parity of every backend, every model, full batch and shuffled mini-batches', () => {
  const models: [ModelName, 'real' | 'binary' | 'classes'][] = [
    ['linear', 'real'], ['ridge', 'real'], ['logistic', 'binary'], ['hinge', 'binary'], ['softmax', 'classes'],
  ];
  it.each(models)('%s: Object.is on WASM SIMD, WASM scalar and JS', async (model, kind) => {
    const engines: Engine[] = [];
    for (const b of BACKENDS) engines.push(await b.create());
    // d = 1 (the one-feature path unweighted), 5 and 17 (short rows), 40 (long rows); n with a tail after the blocks.
    for (const d of [1, 5, 17, 40]) {
      const { X, y } = problem(43, d, kind);
      const sw = y.map(() => rnd() < 0.15 ? 0 : 3 * rnd());
      const classWeight = kind === 'real' ? undefined : 'balanced' as const;
      for (const extra of [{}, { batchSize: 7, seed: 11 }, { validationFraction: 0.2, batchSize: 5, seed: 4 }] as const) {
        const opts = { model, lr: 0.05, momentum: 0.9, maxIterations: 50, sampleWeight: sw, classWeight, ...extra } as FitOptions;
        const results = engines.map((e) => e.fit(e.dataset(X, y), opts));
        const ref = [...bits(results[0]!), results[0]!.finalLoss];
        for (const r of results.slice(1)) expect(sameBits([...bits(r), r.finalLoss], ref)).toBe(true);
        expect(ref.every(Number.isFinite)).toBe(true);
      }
    }
  });
});

describe('weights: the one-call fit, the Estimator and columnar input', () => {
  it('fit(X, y, { sampleWeight, classWeight }) and Estimator.fit(X, y, { sampleWeight }) give the engine\'s doubles', async () => {
    const { X, y } = problem(30, 3, 'binary');
    const sw = y.map(() => rnd() + 0.1);
    const opts = { model: 'logistic', lr: 0.2, maxIterations: 40, backend: 'js' } as const;
    const e = await createEngine({ backend: 'js' });
    const ref = e.fit(e.dataset(X, y), { model: 'logistic', lr: 0.2, maxIterations: 40, sampleWeight: sw, classWeight: { 1: 2 } });
    const one = await fitCall(X, y, { ...opts, sampleWeight: sw, classWeight: { 1: 2 } });
    expect(sameBits(bits(one), bits(ref))).toBe(true);
    const est = await new Estimator({ ...opts, classWeight: { 1: 2 } }).fit(X, y, { sampleWeight: sw });
    expect(sameBits(bits(est.result!), bits(ref))).toBe(true);
    await expect(new Estimator({ ...opts, sampleWeight: sw }).fit(X, y, { sampleWeight: sw })).rejects.toThrow(
      new RangeError("sampleWeight was given twice: to the Estimator's constructor and to fit; give it in one place"),
    );
  });

  it('a table\'s weight column by name: not a feature, the same fit as the array', async () => {
    const e = await createEngine({ backend: 'js' });
    const { X, y } = problem(20, 2, 'binary');
    const sw = y.map(() => rnd() + 0.1);
    const table = { a: X.map((r) => r[0]!), w: sw, b: X.map((r) => r[1]!), label: y };
    const byName = e.dataset(table, 'label', { sampleWeight: 'w' });
    expect(byName.cols).toBe(2);
    const opts = { model: 'logistic', lr: 0.2, maxIterations: 20 } as const;
    const ref = e.fit(e.dataset(X, y), { ...opts, sampleWeight: sw });
    expect(sameBits(bits(e.fit(byName, opts)), bits(ref))).toBe(true);
    expect(() => e.dataset(table, 'label', { sampleWeight: 'weight' })).toThrow(
      new RangeError('sampleWeight: no column "weight"; the columns are "a", "w", "b", "label"'),
    );
    expect(() => e.dataset(table, { label: 'label', features: ['a', 'w'] }, { sampleWeight: 'w' })).toThrow(
      new RangeError('features: column "w" is the sampleWeight column'),
    );
  });
});
