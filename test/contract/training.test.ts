// Training options on every backend: learning-rate schedules and the other optimizers against hand-worked steps,
// mini-batches and their seeded shuffle, stopping rules, progress and abort.
import { describe, expect, it } from 'vitest';
import { BACKENDS, expectNear } from '../backends.js';
import { makeRegression } from '../reference/solve.js';
import type { Engine, FitOptions } from '../../src/index.js';

/**
 * One row x = 0, y = −1 with an intercept: J = ½(b + 1)², ∇b = b + 1 (the weight never moves: x = 0), so the
 * intercept after each step is the hand-worked trajectory of the optimizer on g(b) = b + 1, one step per epoch.
 */
async function interceptPath(engine: Engine, options: FitOptions, steps: number): Promise<number[]> {
  const data = engine.dataset([[0]], [-1]);
  const out: number[] = [];
  for (let k = 1; k <= steps; k++) out.push(engine.fit(data, { ...options, maxIterations: k }).intercept);
  return out;
}

describe.each(BACKENDS)('training [$name]', ({ create }) => {
  it('step decay: ηₑ = η₀·γ^⌊e/s⌋, exact binary arithmetic', async () => {
    // η = 0.5, 0.25, 0.125: b1 = 0 − 0.5·1 = −0.5; b2 = −0.5 − 0.25·0.5 = −0.625; b3 = −0.625 − 0.125·0.375 = −0.671875
    const path = await interceptPath(await create(), { lr: 0.5, schedule: { type: 'step', stepSize: 1, gamma: 0.5 } }, 3);
    expect(path).toEqual([-0.5, -0.625, -0.671875]);
  });

  it('a changing η multiplies the whole momentum buffer (PyTorch semantics)', async () => {
    // β = 0.5, η = 0.5 then 0.25: v1 = g1 = 1, b1 = −0.5; g2 = 0.5, v2 = 0.5·1 + 0.5 = 1, b2 = −0.5 − 0.25·1 = −0.75.
    // (Keras' v ← β·v − η·g would give b2 = −0.5 + (0.5·(−0.5) − 0.25·0.5) = −0.875.)
    const path = await interceptPath(await create(), { lr: 0.5, momentum: 0.5, schedule: { type: 'step', stepSize: 1, gamma: 0.5 } }, 2);
    expect(path).toEqual([-0.5, -0.75]);
  });

  it('exponential, inverse scaling, cosine and function schedules', async () => {
    const engine = await create();
    // exponential γ = 0.5 is the step schedule above
    expect(await interceptPath(engine, { lr: 0.5, schedule: { type: 'exponential', gamma: 0.5 } }, 3)).toEqual([-0.5, -0.625, -0.671875]);
    // invscaling, power 1: η = 0.5/(e + 1) = 0.5, 0.25 → the same first two steps
    expect(await interceptPath(engine, { lr: 0.5, schedule: { type: 'invscaling', power: 1 } }, 2)).toEqual([-0.5, -0.625]);
    // cosine, tMax 2, ηmin 0.125: η = 0.125 + 0.375·(1 + cos(πe/2))/2 = 0.5, 0.3125, 0.125
    // b1 = −0.5; b2 = −0.5 − 0.3125·0.5 = −0.65625; b3 = −0.65625 − 0.125·0.34375 = −0.6992187…
    const cos = await interceptPath(engine, { lr: 0.5, schedule: { type: 'cosine', tMax: 2, etaMin: 0.125 } }, 3);
    expect(cos[0]).toBe(-0.5);
    expectNear(cos[1]!, -0.65625, 4);
    expectNear(cos[2]!, -0.65625 - 0.125 * 0.34375, 8);
    // a function of the epoch
    expect(await interceptPath(engine, { lr: 0.5, schedule: (e, lr) => lr / 2 ** e }, 3)).toEqual([-0.5, -0.625, -0.671875]);
    const data = engine.dataset([[0]], [-1]);
    expect(() => engine.fit(data, { lr: 0.5, schedule: () => -1 })).toThrow(new RangeError('schedule must give a finite learning rate ≥ 0 for every epoch, got -1 at epoch 0'));
    expect(() => engine.fit(data, { lr: 0.5, schedule: 'linear' as never })).toThrow(TypeError);
  });

  it('Adam: the first steps move by ≈ η·sign(g) (bias correction), AdamW decays θ by (1 − ηλ)', async () => {
    const engine = await create();
    // g ≡ 1: m̂ₜ = 1, v̂ₜ = 1 → θₜ = −t·η up to ε (1e-300 here) and the rounding of the bias corrections (~4ε).
    const opt = engine.optimizer([0], { optimizer: 'adam', lr: 0.1, eps: 1e-300 });
    opt.step([1]);
    expectNear(opt.params[0]!, -0.1, 8);
    opt.step([1]);
    // Step 2's bias corrections 1 − β₁² = 0.19 and 1 − β₂² ≈ 0.002 divide roundings of order ε: ~20 ε relative.
    expectNear(opt.params[0]!, -0.2, 64);
    // AdamW, g ≡ 0, θ0 = 1, λ = 0.1, η = 0.1: θ ← θ·(1 − 0.01) and the Adam part is 0/(0 + ε) = 0 → 0.99, 0.9801
    const w = engine.optimizer([1], { optimizer: 'adamw', lr: 0.1, weightDecay: 0.1 });
    w.step([0]);
    expectNear(w.params[0]!, 0.99, 4);
    w.step([0]);
    expectNear(w.params[0]!, 0.9801, 8);
    expect(Object.keys(w.state().buffers!)).toEqual(['expAvg', 'expAvgSq']);
  });

  it('RMSprop and Adagrad take their hand-worked steps', async () => {
    const engine = await create();
    // RMSprop ρ = 0.99, η = 0.01, g ≡ 1: s1 = 0.01 → θ1 = −0.01/√0.01 = −0.1; s2 = 0.0099 + 0.01 = 0.0199 → θ2 = θ1 − 0.01/√0.0199
    const r = engine.optimizer([0], { optimizer: 'rmsprop', lr: 0.01, eps: 1e-300 });
    r.step([1]);
    expectNear(r.params[0]!, -0.1, 4);
    r.step([1]);
    expectNear(r.params[0]!, -0.1 - 0.01 / Math.sqrt(0.0199), 8);
    // with momentum μ = 0.5: b1 = 10 → θ1 = −0.1; b2 = 5 + 1/√0.0199 → θ2 = −0.1 − 0.01·(5 + 1/√0.0199)
    const rm = engine.optimizer([0], { optimizer: 'rmsprop', lr: 0.01, eps: 1e-300, momentum: 0.5 });
    rm.step([1]);
    rm.step([1]);
    expectNear(rm.params[0]!, -0.1 - 0.01 * (5 + 1 / Math.sqrt(0.0199)), 8);
    // Adagrad η = 0.1, g ≡ 1: S = 1, 2 → θ1 = −0.1, θ2 = −0.1 − 0.1/√2
    const a = engine.optimizer([0], { optimizer: 'adagrad', lr: 0.1, eps: 1e-300 });
    a.step([1]);
    a.step([1]);
    expectNear(a.params[0]!, -0.1 - 0.1 / Math.SQRT2, 8);
    expect(() => engine.optimizer([0], { optimizer: 'adam', lr: 0.1, momentum: 0.9 } as never)).toThrow(new RangeError("momentum applies to optimizer 'sgd' or 'rmsprop', not 'adam'"));
  });

  it('fits with every optimizer reach the least-squares optimum', async () => {
    const engine = await create();
    const { X, y } = makeRegression(40, 3, 8, 0);
    const data = engine.dataset(X, y);
    for (const opts of [
      { optimizer: 'adam' as const, lr: 0.05 }, { optimizer: 'rmsprop' as const, lr: 0.01, momentum: 0.5 },
      { optimizer: 'adagrad' as const, lr: 0.5 }, { optimizer: 'adamw' as const, lr: 0.05, weightDecay: 0 },
    ]) {
      const fit = engine.fit(data, { ...opts, maxIterations: 4000 });
      // noise-free data: the optimum has J = 0
      expect(fit.finalLoss).toBeLessThan(1e-6);
    }
  });

  it('mini-batches: an epoch is one pass; the seed fixes the shuffle; batchSize = n is the full batch', async () => {
    const engine = await create();
    const { X, y } = makeRegression(50, 3, 4);
    const data = engine.dataset(X, y);
    const opts = { lr: 0.05, momentum: 0.9, batchSize: 8, maxEpochs: 6, maxIterations: 10_000 };
    const a = engine.fit(data, { ...opts, seed: 1 });
    const b = engine.fit(data, { ...opts, seed: 1 });
    const c = engine.fit(data, { ...opts, seed: 2 });
    expect(a.epochs).toBe(6);
    expect(a.iterations).toBe(6 * Math.ceil(50 / 8));
    expect(a.loss.length).toBe(a.iterations);
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
    expect(Array.from(b.loss)).toEqual(Array.from(a.loss));
    expect(Array.from(c.weights)).not.toEqual(Array.from(a.weights));
    const full = engine.fit(data, { lr: 0.05, momentum: 0.9, maxIterations: 30 });
    const same = engine.fit(data, { lr: 0.05, momentum: 0.9, maxIterations: 30, batchSize: 50 });
    expect(Array.from(same.weights)).toEqual(Array.from(full.weights));
    // Without shuffling the batches are rows 0–7, 8–15, …: the first batch objective is that of rows 0–7 at θ = 0
    const ordered = engine.fit(data, { lr: 0.05, batchSize: 8, shuffle: false, maxIterations: 1 });
    const first = y.slice(0, 8).reduce((s, v) => s + v * v, 0) / 16;
    expect(Math.abs(ordered.loss[0]! - first)).toBeLessThanOrEqual(8 * Number.EPSILON * first);
    expect(() => engine.fit(data, { lr: 0.1, batchSize: 51 })).toThrow(new RangeError('batchSize must be ≤ the 50 training rows, got 51'));
  });

  it('stops early on a validation split and reports the validation objective per epoch', async () => {
    const engine = await create();
    const { X, y } = makeRegression(100, 3, 6, 0.3);
    const data = engine.dataset(X, y);
    const fit = engine.fit(data, { lr: 0.1, momentum: 0.9, validationFraction: 0.2, tol: 1e-6, nIterNoChange: 10, maxIterations: 100_000 });
    // The held-out objective stopped improving: scikit-learn's rule, reported as such (not a stationarity test).
    expect(fit.status).toBe('noImprovement');
    expect(fit.epochLoss.length).toBe(fit.epochs);
    const again = engine.fit(data, { lr: 0.1, momentum: 0.9, validationFraction: 0.2, tol: 1e-6, nIterNoChange: 10, maxIterations: 100_000 });
    expect(Array.from(again.weights)).toEqual(Array.from(fit.weights));
    expect(() => engine.fit(data, { lr: 0.1, validationFraction: 1 })).toThrow(RangeError);
  });

  it('keeps the whole history of a fit longer than the engine’s loss rings (2¹⁶ updates)', async () => {
    // One row x = 1, y = 1, no intercept, η = 1e-5: J = ½(w − 1)² shrinks by (1 − η)² per update, so the history is
    // strictly decreasing and J(wₜ) = ½(1 − η)^(2t) to rounding.
    const engine = await create();
    const data = engine.dataset([[1]], [1]);
    const fit = engine.fit(data, { lr: 1e-5, fitIntercept: false, maxIterations: 150_000 });
    expect(fit.loss.length).toBe(150_000);
    expect(fit.epochLoss.length).toBe(150_000);
    for (let t = 1; t < fit.loss.length; t++) if (!(fit.loss[t]! < fit.loss[t - 1]!)) throw new Error(`loss not decreasing at ${t}`);
    for (const t of [0, 65_535, 65_536, 131_072, 149_999]) {
      expect(Math.abs(fit.loss[t]! / (0.5 * (1 - 1e-5) ** (2 * t)) - 1)).toBeLessThan(1e-9);
    }
  });

  it('reports the epochs that end a fit once, at whatever epoch the fit stops', async () => {
    const engine = await create();
    const { X, y } = makeRegression(30, 2, 2);
    const data = engine.dataset(X, y);
    const seen: number[] = [];
    engine.fit(data, { lr: 0.1, maxIterations: 22, progressEvery: 5, onProgress: (p) => { seen.push(p.epoch); } });
    expect(seen).toEqual([5, 10, 15, 20, 22]);
    const every: number[] = [];
    const fit = await engine.fitAsync(data, { lr: 0.1, maxIterations: 7, onProgress: (p) => { every.push(p.epoch); } });
    expect(every).toEqual([1, 2, 3, 4, 5, 6, 7]); // progressEvery defaults to 1 in fitAsync too
    expect(fit.epochs).toBe(7);
  });

  it('calls onProgress every k epochs and stops cleanly when it returns false or the signal aborts', async () => {
    const engine = await create();
    const { X, y } = makeRegression(30, 2, 2);
    const data = engine.dataset(X, y);
    const seen: number[] = [];
    const fit = engine.fit(data, { lr: 0.1, maxIterations: 20, progressEvery: 5, onProgress: (p) => { seen.push(p.epoch); expect(Number.isFinite(p.loss)).toBe(true); } });
    expect(seen).toEqual([5, 10, 15, 20]); // the epoch that ends the fit is reported too
    expect(fit.status).toBe('maxIterations');
    const stopped = engine.fit(data, { lr: 0.1, maxIterations: 100, progressEvery: 3, onProgress: (p) => p.epoch < 6 });
    expect(stopped.status).toBe('aborted');
    expect(stopped.iterations).toBe(6);
    const full = engine.fit(data, { lr: 0.1, maxIterations: 6 });
    expect(Array.from(stopped.weights)).toEqual(Array.from(full.weights));
    const controller = new AbortController();
    controller.abort();
    const none = engine.fit(data, { lr: 0.1, signal: controller.signal });
    expect(none.status).toBe('aborted');
    expect(none.iterations).toBe(0);
    // fitAsync yields between chunks, so an abort from a timer lands
    const c2 = new AbortController();
    setTimeout(() => c2.abort(), 20);
    const big = engine.dataset(makeRegression(2000, 20, 3).X, makeRegression(2000, 20, 3).y);
    const res = await engine.fitAsync(big, { lr: 0.01, maxIterations: 2 ** 27, signal: c2.signal });
    expect(res.status).toBe('aborted');
    expect(res.iterations).toBeGreaterThan(0);
    expect(res.weights.every(Number.isFinite)).toBe(true);
  });
});
