// Network fits through engine.fit (issue 16): a hand-worked step, the result model (predict, predictProba,
// decisionFunction, score, JSON), seeded initialisation, XOR, the digits, and every bad option rejected.
import { describe, expect, it } from 'vitest';
import { MlpModel } from '../../src/index.js';
import type { Engine, MlpFitOptions } from '../../src/index.js';
import { prepareDigits } from '../../examples/digits.js';
import { BACKENDS } from '../backends.js';

describe.each(BACKENDS)('network fits, $name', ({ create }) => {
  it('a 2-2-1 relu network, squared head: one SGD step by hand', async () => {
    const e = await create();
    // x = [1, 2], y = 1. θ₀ = [W₁ | b₁ | W₂ | b₂] with W₁ = [[0.5, −0.25], [0.25, 0.5]] (rows: inputs), b₁ = [0, 0.5],
    // W₂ = [0.5, −1] (one output), b₂ = 0.25.
    // Forward: z₁ = x·W₁ + b₁ = [1·0.5 + 2·0.25 + 0, 1·(−0.25) + 2·0.5 + 0.5] = [1, 1.25]; relu keeps both: h = [1, 1.25].
    //   z = h·W₂ + b₂ = 0.5 − 1.25 + 0.25 = −0.5; r = z − y = −1.5; J = r²/2 = 1.125.
    // Backward (n = 1): ∂W₂ = h·r = [−1.5, −1.875], ∂b₂ = −1.5; δ₁ = r·W₂ (relu' = 1 on both) = [−0.75, 1.5];
    //   ∂W₁ = xᵀδ₁ = [[−0.75, 1.5], [−1.5, 3]], ∂b₁ = δ₁.
    // Step η = 0.5: W₁ = [[0.875, −1], [1, −1]], b₁ = [0.375, −0.25], W₂ = [1.25, −0.0625], b₂ = 1 (all exact).
    const r = e.fit(e.dataset([[1, 2]], [1]), {
      model: 'mlpRegressor', hidden: [2], activation: 'relu', alpha: 0, lr: 0.5, maxIterations: 1,
      initialWeights: [0.5, -0.25, 0.25, 0.5, 0, 0.5, 0.5, -1, 0.25],
    });
    expect(r.loss).toEqual(Float64Array.of(1.125));
    expect(r.coefs).toEqual([Float64Array.of(0.875, -1, 1, -1), Float64Array.of(1.25, -0.0625)]);
    expect(r.intercepts).toEqual([Float64Array.of(0.375, -0.25), Float64Array.of(1)]);
    // After the step: h = [1·0.875 + 2·1 + 0.375, 0 (relu of 1·(−1) + 2·(−1) − 0.25)] = [3.25, 0]; z = 3.25·1.25 + 1 = 5.0625.
    expect(r.predict([[1, 2]])).toEqual(Float64Array.of(5.0625));
    expect(r.finalLoss).toBe((5.0625 - 1) ** 2 / 2);
  });

  it('the L2 penalty moves the weights, never the biases: one step with α against the same step without', async () => {
    const e = await create();
    const theta = [0.5, -0.25, 0.25, 0.5, 0.125, 0.5, 0.5, -1, 0.25];
    const fit = (alpha: number) => e.fit(e.dataset([[1, 2]], [1]), {
      model: 'mlpRegressor', hidden: [2], alpha, lr: 0.5, maxIterations: 1, initialWeights: theta,
    });
    const a = fit(0.25), b = fit(0);
    // W ← W − η·(∂W + α·W): the difference is −η·α·W₀ = −0.125·W₀; b is the same.
    const w0 = [theta.slice(0, 4), theta.slice(6, 8)];
    a.coefs.forEach((w, l) => w.forEach((v, k) => expect(v - b.coefs[l]![k]!).toBeCloseTo(-0.125 * w0[l]![k]!, 15)));
    expect(a.intercepts).toEqual(b.intercepts);
    expect(a.loss[0]).toBe(b.loss[0]! + 0.125 * theta.filter((_, k) => k < 4 || k === 6 || k === 7).reduce((s, v) => s + v * v, 0));
  });

  it('XOR (4 points) is learned by a 2-2-1 tanh network with Nesterov momentum', async () => {
    const e = await create();
    const X = [[0, 0], [0, 1], [1, 0], [1, 1]], y = [0, 1, 1, 0];
    const r = e.fit(e.dataset(X, y), {
      model: 'mlpClassifier', hidden: [2], activation: 'tanh', alpha: 0, lr: 0.5, momentum: 0.9, nesterov: true, maxIterations: 2000, seed: 1,
    });
    expect(r.status).toBe('maxIterations');
    expect(r.score(X, y)).toBe(1);
    expect(r.finalLoss).toBeLessThan(0.05);
    const p = r.predictProba(X);
    for (let i = 0; i < 4; i++) expect(p[2 * i]! + p[2 * i + 1]!).toBeCloseTo(1, 15);
  });

  it('fitAsync, onProgress, the stopping rules and divergence work as for the linear models', async () => {
    const e = await create();
    const X = Array.from({ length: 60 }, (_, i) => [Math.sin(i), Math.cos(i), (i % 5) / 5]);
    const y = X.map((x) => (x[0]! > x[1]! ? 1 : 0));
    const data = e.dataset(X, y);
    const o: MlpFitOptions = { model: 'mlpClassifier', hidden: [7], activation: 'tanh', lr: 0.2, momentum: 0.9, batchSize: 10, maxEpochs: 15, seed: 4 };
    const sync = e.fit(data, o);
    const seen: number[] = [];
    const async = await e.fitAsync(data, { ...o, onProgress: (p) => { seen.push(p.epoch); } });
    expect(async.coefs).toEqual(sync.coefs);
    expect(async.loss).toEqual(sync.loss);
    expect(seen).toEqual(Array.from({ length: 15 }, (_, k) => k + 1));
    // The gradient rule on full batches: ‖∇J‖∞ ≤ 1e-3·‖∇J(θ₀)‖∞.
    const conv = e.fit(data, { model: 'mlpRegressor', hidden: [3], activation: 'identity', alpha: 0.1, lr: 0.1, momentum: 0.5, tol: 1e-3, maxIterations: 20000, seed: 1 });
    expect(conv.status).toBe('converged');
    // scikit-learn's rule on a hold-out.
    const held = e.fit(data, { ...o, maxEpochs: 5000, validationFraction: 0.2, tol: 1e-4, nIterNoChange: 3 });
    expect(held.status).toBe('noImprovement');
    expect(held.epochs).toBeLessThan(5000);
    // A step far too large: 'diverged', the last finite parameters kept.
    const div = e.fit(e.dataset(X, X.map((x) => 1e3 * x[0]!)), { model: 'mlpRegressor', hidden: [4], activation: 'identity', lr: 10, maxIterations: 500, seed: 1 });
    expect(div.status).toBe('diverged');
    expect(div.coefs.every((w) => w.every(Number.isFinite))).toBe(true);
  });

  it('initialisation from the seed: the same seed the same doubles, another seed others; He-uniform bounds for relu', async () => {
    const e = await create();
    const X = [[0, 1, 2], [1, 0, 3], [2, 2, 1]], y = [0, 1, 2];
    const o: MlpFitOptions = { model: 'mlpClassifier', hidden: [40], lr: 1e-12, maxIterations: 1, seed: 5 };
    const a = e.fit(e.dataset(X, y), o), b = e.fit(e.dataset(X, y), o), c = e.fit(e.dataset(X, y), { ...o, seed: 6 });
    expect(a.coefs).toEqual(b.coefs);
    expect(a.coefs[0]).not.toEqual(c.coefs[0]);
    // W₁ ∈ [−√(6/3), √(6/3)) (fan-in 3), its spread close to the bound; W₂ within √(6/40).
    const w1 = a.coefs[0]!, bound1 = Math.sqrt(2);
    expect(Math.max(...w1.map(Math.abs))).toBeLessThanOrEqual(bound1);
    expect(Math.max(...w1.map(Math.abs))).toBeGreaterThan(0.9 * bound1);
    expect(Math.max(...a.coefs[1]!.map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 40));
  });
});

describe('network results', () => {
  let engine: Engine;
  const make = async () => (engine ??= await BACKENDS[0]!.create());

  it('digits (1437 × 64 → 64 relu → 10), batch 32, Nesterov 0.9: test accuracy ≥ 0.96, every backend the same doubles for 3 epochs', async () => {
    const p = await prepareDigits();
    const o: MlpFitOptions = {
      model: 'mlpClassifier', hidden: [64], activation: 'relu', lr: 0.01, momentum: 0.9, nesterov: true, batchSize: 32,
      maxEpochs: 30, maxIterations: 1e6, seed: 1,
    };
    const e = await make();
    const r = e.fit(e.dataset(p.XTrain, p.yTrain), o);
    expect(r.epochs).toBe(30);
    expect(r.score(p.XTest, p.yTest)).toBeGreaterThanOrEqual(0.96);
    expect(r.epochLoss[29]!).toBeLessThan(0.1 * r.epochLoss[0]!);
    const short = await Promise.all(BACKENDS.map(async (b) => {
      const eb = await b.create();
      return eb.fit(eb.dataset(p.XTrain, p.yTrain), { ...o, maxEpochs: 3 });
    }));
    for (const s of short.slice(1)) {
      expect(s.loss.every((v, k) => Object.is(v, short[0]!.loss[k]))).toBe(true);
      s.coefs.forEach((w, l) => expect(w.every((v, k) => Object.is(v, short[0]!.coefs[l]![k]))).toBe(true));
    }
  }, 60_000);

  it('JSON round trip, predict/decisionFunction/predictProba shapes; decisionFunction is the fit\'s own forward pass', async () => {
    const e = await make();
    const X = Array.from({ length: 30 }, (_, i) => [Math.sin(i), Math.cos(3 * i), (i % 7) / 7]);
    const y = X.map((x) => (x[0]! + x[1]! > 0.3 ? 2 : x[2]! > 0.5 ? 1 : 0));
    const r = e.fit(e.dataset(X, y), { model: 'mlpClassifier', hidden: [5, 4], activation: 'sigmoid', lr: 0.3, maxIterations: 50, alpha: 0 });
    const again = MlpModel.fromJSON(JSON.stringify(r));
    expect(again.predict(X)).toEqual(r.predict(X));
    expect(again.decisionFunction(X)).toEqual(r.decisionFunction(X));
    expect(r.decisionFunction(X).length).toBe(30 * 3);
    expect(r.predictProba(X).length).toBe(30 * 3);
    expect(again.toJSON()).toEqual(r.toJSON());
    // The softmax cross-entropy of decisionFunction's scores, summed in row order, is the fit's finalLoss (α = 0).
    const z = r.decisionFunction(X);
    let s = 0;
    for (let i = 0; i < 30; i++) {
      const zi = z.subarray(3 * i, 3 * i + 3), m = Math.max(...zi);
      s += m + Math.log(zi.reduce((a, v) => a + Math.exp(v - m), 0)) - zi[y[i]!]!;
    }
    expect(r.finalLoss).toBeCloseTo(s / 30, 14);
    const reg = e.fit(e.dataset(X, X.map((x) => x[0]! - x[1]!)), { model: 'mlpRegressor', hidden: [8], activation: 'tanh', lr: 0.1, maxIterations: 200, alpha: 0 });
    const zr = reg.decisionFunction(X);
    let q = 0;
    for (let i = 0; i < 30; i++) q += (zr[i]! - (X[i]![0]! - X[i]![1]!)) ** 2;
    expect(reg.finalLoss).toBe(q / 60);
    expect(() => reg.predictProba(X)).toThrow(TypeError);
    expect(() => MlpModel.fromJSON({ ...r.toJSON(), coefs: [[1]] })).toThrow(RangeError);
    expect(() => MlpModel.fromJSON({ ...r.toJSON(), format: 'x' })).toThrow(TypeError);
  });

  it('every bad option is rejected with an error naming it', async () => {
    const e = await make();
    const data = e.dataset([[0, 1], [1, 0], [1, 1]], [0, 1, 2]);
    const real = e.dataset([[0, 1], [1, 0], [1, 1]], [0.5, 1, 2]);
    const base = { model: 'mlpClassifier', lr: 0.1 } as const;
    const bad = (o: Record<string, unknown>, d = data) => () => e.fit(d, { ...base, ...o } as unknown as MlpFitOptions);
    expect(bad({ hidden: [] })).toThrow(new TypeError('hidden must be a non-empty array of layer widths (e.g. [64, 32]), got an array of length 0'));
    expect(bad({ hidden: 3 })).toThrow(TypeError);
    expect(bad({ hidden: [4, 0] })).toThrow(new RangeError('hidden[1] must be an integer number of units in [1, 65536], got 0'));
    expect(bad({ hidden: [2.5] })).toThrow(/hidden\[0\] must be an integer/);
    expect(bad({ activation: 'rleu' })).toThrow(`activation must be 'relu', 'tanh', 'sigmoid' or 'identity', got "rleu" (string) (did you mean 'relu'?)`);
    expect(bad({}, real)).toThrow(/y must hold class indices 0…K−1 for model 'mlpClassifier': y\[0\]/);
    expect(bad({ fitIntercept: false })).toThrow(/fitIntercept does not apply to model 'mlpClassifier'/);
    expect(bad({ initialIntercept: 1 })).toThrow(/initialIntercept does not apply/);
    expect(bad({ sampleWeight: [1, -1, 1] })).toThrow(new RangeError('sampleWeight[1] must be a finite number ≥ 0, got -1'));
    expect(bad({ model: 'mlpRegressor', classWeight: 'balanced' })).toThrow(new RangeError("classWeight applies to model 'mlpClassifier', not 'mlpRegressor'; weight a regression network's rows with sampleWeight"));
    expect(bad({ penalty: 'l1' })).toThrow(/penalty must be 'l2' or 'none' for model 'mlpClassifier'/);
    expect(bad({ lr: 'auto' })).toThrow(/lr and momentum 'auto' do not apply to model 'mlpClassifier'/);
    expect(bad({ model: 'mlpRegressor', classes: 3 })).toThrow(/classes applies to model 'mlpClassifier', not 'mlpRegressor'/);
    expect(bad({ initialWeights: [1, 2] })).toThrow(/initialWeights/);
    expect(bad({ hidden: [70000] })).toThrow(RangeError);
    expect(bad({ hidden: [4096, 4096, 4096] })).toThrow(/hidden is too large/);
    expect(bad({ hiden: [3] })).toThrow('did you mean "hidden"');
    expect(() => e.fit(data, { model: 'softmax', lr: 0.1, hidden: [3] } as never)).toThrow(new RangeError("hidden applies to model 'mlpClassifier' or 'mlpRegressor' only, not 'softmax'"));
    expect(() => e.fit(data, { model: 'softmax', lr: 0.1, activation: 'tanh' } as never)).toThrow(/activation applies to model 'mlpClassifier' or 'mlpRegressor' only/);
    const weighted = e.dataset([[0, 1], [1, 0], [1, 1]], [0, 1, 2], { sampleWeight: [1, 2, 1] });
    expect(() => e.fit(weighted, { ...base, sampleWeight: [1, 1, 1] })).toThrow(/^sampleWeight was given twice/);
  });
});
