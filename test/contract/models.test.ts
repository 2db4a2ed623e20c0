// The models on every backend: objectives and gradients against hand-worked values at θ = 0 and against central
// finite differences at random points; ridge against its closed form; label checks; the Model API.
import { describe, expect, it } from 'vitest';
import { BACKENDS, relErr } from '../backends.js';
import { lcg, makeRegression, ridgeSolution } from '../reference/solve.js';
import { LinearModel } from '../../src/index.js';
import type { Engine, FitOptions, ModelName } from '../../src/index.js';

/** Labels for each model from a linear score with noise: real, 0/1, or 0…K−1. */
function problem(model: ModelName, n: number, d: number, seed: number, K = 3) {
  const u = lcg(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * u() - 1));
  const y = X.map((row) => {
    const z = row.reduce((s, x, j) => s + x * (j + 1) * (j % 2 ? -1 : 1), 0.3) + 0.5 * (u() - 0.5);
    if (model === 'logistic' || model === 'hinge') return z > 0 ? 1 : 0;
    if (model === 'softmax') return Math.min(K - 1, Math.floor(u() * K));
    return z;
  });
  return { X, y };
}

/** J(θ) via a one-iteration fit (loss[0] is measured before the update), and ∇J(θ) = (θ − θ₁)/η with η = 1. */
function objectiveAndGradient(engine: Engine, data: ReturnType<Engine['dataset']>, model: ModelName, theta: number[], K: number, d: number, alpha: number) {
  const w = theta.slice(0, K * d), b = theta.slice(K * d);
  // The API takes one initial intercept; for these checks every class starts from the same one.
  const fit = engine.fit(data, { model, alpha, lr: 1, maxIterations: 1, initialWeights: w, initialIntercept: b[0]! } as FitOptions);
  const after = [...fit.weights, ...fit.intercepts];
  const start = [...w, ...new Array(K).fill(b[0]!)];
  return { J: fit.loss[0]!, grad: after.map((v, i) => start[i]! - v) };
}

const MODELS: [ModelName, number][] = [['linear', 0], ['ridge', 0.3], ['logistic', 0.1], ['hinge', 0.05], ['softmax', 0.2]];

describe.each(BACKENDS)('models [$name]', ({ create }) => {
  it('logistic at θ = 0: J = log 2, ∇w = (1/n)·Σ(½ − y)·x, ∇b = mean(½ − y)', async () => {
    // X = [[1], [3]], y = [1, 0]: ∇w = ((½ − 1)·1 + (½ − 0)·3)/2 = (−0.5 + 1.5)/2 = 0.5, ∇b = (−0.5 + 0.5)/2 = 0
    const engine = await create();
    const fit = engine.fit(engine.dataset([[1], [3]], [1, 0]), { model: 'logistic', alpha: 0, lr: 1, maxIterations: 1 });
    expect(fit.loss[0]).toBe(Math.log1p(1));
    expect(fit.weights[0]).toBe(-0.5);
    expect(fit.intercept).toBe(0);
  });

  it('hinge at θ = 0: J = 1, ∇ = −(1/n)·Σ s·x with s = 2y − 1', async () => {
    // X = [[2], [1], [4]], y = [1, 0, 1] → s = (1, −1, 1): ∇w = −(2 − 1 + 4)/3 = −5/3, ∇b = −(1 − 1 + 1)/3 = −1/3
    const engine = await create();
    const fit = engine.fit(engine.dataset([[2], [1], [4]], [1, 0, 1]), { model: 'hinge', alpha: 0, lr: 1, maxIterations: 1 });
    expect(fit.loss[0]).toBe(1);
    expect(fit.weights[0]).toBe(5 / 3);
    expect(fit.intercept).toBe(1 / 3);
  });

  it('softmax at θ = 0: J = log K, ∇Wₖ = (1/n)·Σ(1/K − [y = k])·x', async () => {
    // K = 4 (labels 0…3), X = [[1], [2]], y = [0, 3]: ∇W₀ = ((¼ − 1)·1 + ¼·2)/2 = −0.125, ∇W₁ = ∇W₂ = (¼ + ½)/2 = 0.375,
    // ∇W₃ = (¼·1 + (¼ − 1)·2)/2 = −0.625; ∇b = ((¼ − 1) + ¼)/2 = −0.25 for classes 0 and 3, ¼ for 1 and 2
    const engine = await create();
    const fit = engine.fit(engine.dataset([[1], [2]], [0, 3]), { model: 'softmax', alpha: 0, lr: 1, maxIterations: 1 });
    expect(fit.classes).toBe(4);
    expect(fit.loss[0]).toBe(Math.log(4));
    expect(Array.from(fit.weights)).toEqual([0.125, -0.375, -0.375, 0.625]);
    expect(Array.from(fit.intercepts)).toEqual([0.25, -0.25, -0.25, 0.25]);
  });

  it.each(MODELS)('%s: the gradient matches central finite differences at random points', async (model, alpha) => {
    const engine = await create();
    const d = 3, K = model === 'softmax' ? 3 : 1;
    const { X, y } = problem(model, 23, d, 5, K);
    const data = engine.dataset(X, y);
    const u = lcg(99);
    for (let trial = 0; trial < 3; trial++) {
      const theta = [...Array.from({ length: K * d }, () => 2 * u() - 1), 0.3 * u()];
      const { grad } = objectiveAndGradient(engine, data, model, theta, K, d, alpha);
      // Central differences on the weights: error O(h²·J''') + O(ε·J/h); h = 1e-5 gives ~1e-10 here, so 1e-6
      // relative (or 1e-8 absolute near 0) leaves room. The hinge is piecewise linear: exact away from kinks.
      const h = 1e-5;
      for (let j = 0; j < K * d; j++) {
        const plus = [...theta], minus = [...theta];
        plus[j] = plus[j]! + h;
        minus[j] = minus[j]! - h;
        const fd = (objectiveAndGradient(engine, data, model, plus, K, d, alpha).J - objectiveAndGradient(engine, data, model, minus, K, d, alpha).J) / (2 * h);
        expect(Math.abs(grad[j]! - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
      }
    }
  });

  it('ridge converges to its closed form (normal equations with the penalty) to 1e-9 relative', async () => {
    const { X, y } = makeRegression(80, 4, 21);
    const alpha = 0.2;
    const ref = ridgeSolution(X, y, alpha);
    const engine = await create();
    const fit = engine.fit(engine.dataset(X, y), { model: 'ridge', alpha, lr: 0.3, momentum: 0.9, maxIterations: 3000 });
    const got = [...fit.weights, fit.intercept];
    for (let j = 0; j < ref.length; j++) expect(relErr(got[j]!, ref[j]!)).toBeLessThan(1e-9);
    // mse is the data term alone: 2·(J − (α/2)·‖w‖²)
    const w2 = fit.weights.reduce((s, w) => s + w * w, 0);
    expect(relErr(fit.mse, 2 * (fit.finalLoss - 0.5 * alpha * w2))).toBeLessThan(1e-12);
  });

  it('rejects labels outside the model’s set, naming the offending value', async () => {
    const engine = await create();
    const data = engine.dataset([[1], [2], [3]], [0, 2, 1]);
    // 0/1 models take class indices too (one-vs-rest, test/contract/ovr.test.ts), nothing else.
    const frac = engine.dataset([[1], [2]], [0, 1.5]);
    expect(() => engine.fit(frac, { model: 'logistic', lr: 0.1 })).toThrow(new RangeError("y must hold 0/1 labels (or booleans), or class indices 0…K−1 for a one-vs-rest fit, for model 'logistic': y[1] is not a non-negative integer"));
    expect(() => engine.fit(frac, { model: 'hinge', lr: 0.1 })).toThrow(RangeError);
    expect(() => engine.fit(frac, { model: 'softmax', lr: 0.1 })).toThrow(new RangeError("y must hold class indices 0…K−1 for model 'softmax': y[1] is not a non-negative integer"));
    expect(() => engine.fit(data, { model: 'softmax', classes: 2, lr: 0.1 })).toThrow(new RangeError('classes must exceed every label: got 2 classes and a label 2'));
    expect(() => engine.fit(data, { lr: 0.1, alpha: 0.1 } as never)).toThrow(RangeError);
    // booleans are 0/1
    const fit = engine.fit(engine.dataset([[1], [-1]], [true, false]), { model: 'logistic', lr: 1, maxIterations: 50 });
    expect(fit.score([[1], [-1]], [true, false])).toBe(1);
  });

  it('predicts, scores and round-trips through JSON', async () => {
    const engine = await create();
    const { X, y } = problem('softmax', 60, 2, 3, 3);
    const fit = engine.fit(engine.dataset(X, y), { model: 'softmax', alpha: 0.01, lr: 0.5, momentum: 0.9, maxIterations: 200 });
    const proba = fit.predictProba(X);
    for (let i = 0; i < 60; i++) expect(Math.abs(proba[3 * i]! + proba[3 * i + 1]! + proba[3 * i + 2]! - 1)).toBeLessThan(4 * Number.EPSILON);
    const pred = fit.predict(X);
    // predict = argmax of the probabilities
    for (let i = 0; i < 60; i++) {
      const p = [proba[3 * i]!, proba[3 * i + 1]!, proba[3 * i + 2]!];
      expect(pred[i]).toBe(p.indexOf(Math.max(...p)));
    }
    const acc = fit.score(X, y);
    expect(acc).toBe(pred.reduce((s, p, i) => s + (p === y[i] ? 1 : 0), 0) / 60);
    const copy = LinearModel.fromJSON(JSON.parse(JSON.stringify(fit)));
    expect(Array.from(copy.predict(X))).toEqual(Array.from(pred));
    expect(() => LinearModel.fromJSON({ format: 'other' })).toThrow(TypeError);
    // Regression: R² = 1 − SSres/SStot on a perfect line
    const lin = engine.fit(engine.dataset([[0], [1], [2]], [1, 3, 5]), { lr: 0.3, momentum: 0.9, maxIterations: 2000 });
    expect(lin.score([[0], [1], [2]], [1, 3, 5])).toBeGreaterThan(1 - 1e-12);
    expect(() => lin.predictProba([[0]])).toThrow(TypeError);
  });
});
