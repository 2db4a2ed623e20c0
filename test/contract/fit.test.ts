// Full-batch fits of the linear model on every backend: hand-worked iterations, convergence to the closed form,
// stopping rules, divergence, inputs never mutated, results never views into engine memory.
import { describe, expect, it } from 'vitest';
import { BACKENDS, expectNear, relErr } from '../backends.js';
import { makeRegression, ridgeSolution } from '../reference/solve.js';

describe.each(BACKENDS)('linear fit [$name]', ({ create }) => {
  it('takes the hand-worked first iterations', async () => {
    // X = [[1], [2]], y = [1, 3], θ0 = 0, η = 0.1, β = 0.9.
    // k = 0: r = (−1, −3), J0 = (1 + 9)/(2·2) = 2.5, ∇w = (−1·1 − 3·2)/2 = −3.5, ∇b = (−1 − 3)/2 = −2
    //        v = ∇ → w1 = 0.35, b1 = 0.2
    // k = 1: r = (0.55 − 1, 0.9 − 3) = (−0.45, −2.1), J1 = (0.2025 + 4.41)/4 = 1.153125,
    //        ∇w = (−0.45 − 4.2)/2 = −2.325, ∇b = −2.55/2 = −1.275
    //        v = 0.9·(−3.5, −2) + (−2.325, −1.275) = (−5.475, −3.075) → w2 = 0.8975, b2 = 0.5075
    const engine = await create();
    const fit = engine.fit(engine.dataset([[1], [2]], [1, 3]), { lr: 0.1, momentum: 0.9, maxIterations: 2 });
    expect(fit.iterations).toBe(2);
    expect(fit.status).toBe('maxIterations');
    expect(fit.loss.length).toBe(2);
    expect(fit.loss[0]).toBe(2.5);
    expectNear(fit.loss[1]!, 1.153125, 8);
    expectNear(fit.weights[0]!, 0.8975, 8);
    expectNear(fit.intercept, 0.5075, 8);
    // J at θ2: r = (0.8975 + 0.5075 − 1, 1.795 + 0.5075 − 3) = (0.405, −0.6975) → (0.164025 + 0.48650625)/4
    expectNear(fit.finalLoss, (0.164025 + 0.48650625) / 4, 16);
    expectNear(fit.mse, (0.164025 + 0.48650625) / 2, 16);
  });

  it('converges to the least-squares solution of the normal equations (1e-10 relative)', async () => {
    const { X, y } = makeRegression(61, 5, 7);
    const ref = ridgeSolution(X, y);
    const engine = await create();
    for (const opts of [{ momentum: 0.9 }, { momentum: 0.9, nesterov: true }, { momentum: 0.5, dampening: 0.3 }]) {
      const fit = engine.fit(engine.dataset(X, y), { lr: 0.3, maxIterations: 3000, ...opts });
      const got = [...fit.weights, fit.intercept];
      for (let j = 0; j < ref.length; j++) expect(relErr(got[j]!, ref[j]!)).toBeLessThan(1e-10);
    }
  });

  it('fits through the origin without an intercept', async () => {
    // argmin Σ(w·x − y)²: w = Σxy / Σx² = (1·2 + 2·3 + 3·7)/(1 + 4 + 9) = 29/14
    const engine = await create();
    const fit = engine.fit(engine.dataset([[1], [2], [3]], [2, 3, 7]), {
      lr: 0.2, momentum: 0.8, maxIterations: 500, fitIntercept: false,
    });
    expect(fit.intercept).toBe(0);
    expectNear(fit.weights[0]!, 29 / 14, 8);
  });

  it('with weight decay converges to the ridge solution (intercept not decayed)', async () => {
    const { X, y } = makeRegression(40, 3, 11);
    const lambda = 0.3;
    const ref = ridgeSolution(X, y, lambda);
    const engine = await create();
    const fit = engine.fit(engine.dataset(X, y), { lr: 0.3, momentum: 0.9, weightDecay: lambda, maxIterations: 2000 });
    const got = [...fit.weights, fit.intercept];
    for (let j = 0; j < ref.length; j++) expect(relErr(got[j]!, ref[j]!)).toBeLessThan(1e-10);
  });

  it('records the objective before each update, starting at J(θ0)', async () => {
    // θ0 = 0 → J0 = Σy²/(2n) = (1 + 4 + 16)/6 = 3.5; with initial weights w = 1, b = 0.5: residuals
    // (1.5 − 1, 2.5 − 2, 3.5 − 4) = (0.5, 0.5, −0.5) → J0 = 0.75/6 = 0.125
    const engine = await create();
    const data = engine.dataset([[1], [2], [3]], [1, 2, 4]);
    expect(engine.fit(data, { lr: 0.1, maxIterations: 3 }).loss[0]).toBe(3.5);
    const init = [1];
    const fit = engine.fit(data, { lr: 0.1, maxIterations: 3, initialWeights: init, initialIntercept: 0.5 });
    expect(fit.loss[0]).toBe(0.125);
    expect(init).toEqual([1]);
  });

  it("stops by the gradient rule with status 'converged' where ‖∇J‖∞ ≤ tol·‖∇J(θ₀)‖∞", async () => {
    const { X, y } = makeRegression(50, 2, 3);
    const engine = await create();
    const fit = engine.fit(engine.dataset(X, y), { lr: 0.3, momentum: 0.9, tol: 1e-6, maxIterations: 100000 });
    expect(fit.status).toBe('converged');
    expect(fit.iterations).toBeLessThan(100000);
    expect(fit.loss.length).toBe(fit.iterations);
    // ∇J = (1/n)·Aᵀ(Aθ − y), A = [X 1], measured here at θ₀ = 0 and at the returned θ.
    const grad = (w: ArrayLike<number>, b: number) => {
      const g = [0, 0, 0];
      X.forEach((x, i) => { const r = x[0]! * w[0]! + x[1]! * w[1]! + b - y[i]!; g[0] += r * x[0]! / 50; g[1] += r * x[1]! / 50; g[2] += r / 50; });
      return Math.max(...g.map(Math.abs));
    };
    expect(grad(fit.weights, fit.intercept)).toBeLessThanOrEqual(1e-6 * grad([0, 0], 0) * 1.001);
  });

  it("stops by scikit-learn's rule, asked for by name, with status 'noImprovement'", async () => {
    const { X, y } = makeRegression(50, 2, 3);
    const engine = await create();
    const fit = engine.fit(engine.dataset(X, y), { lr: 0.3, momentum: 0.9, tol: 1e-12, stoppingRule: 'sklearn', nIterNoChange: 3, maxIterations: 100000 });
    expect(fit.status).toBe('noImprovement');
    expect(fit.iterations).toBeLessThan(100000);
    expect(fit.loss.length).toBe(fit.iterations);
    // The last nIterNoChange objectives failed to beat the best before them by tol.
    const L = fit.loss, k = L.length;
    const best = Math.min(...Array.from(L.subarray(0, k - 3)));
    for (let i = k - 3; i < k; i++) expect(L[i]!).toBeGreaterThan(best - 1e-12);
  });

  it('stops a diverging fit with the last finite parameters', async () => {
    const engine = await create();
    const { X, y } = makeRegression(20, 2, 5);
    const fit = engine.fit(engine.dataset(X, y), { lr: 50, momentum: 0.9, maxIterations: 100000 });
    expect(fit.status).toBe('diverged');
    expect(fit.iterations).toBeLessThan(100000);
    for (const w of fit.weights) expect(Number.isFinite(w)).toBe(true);
    expect(Number.isFinite(fit.intercept)).toBe(true);
    // The objective grew before it overflowed: divergence, not a false alarm.
    expect(fit.loss[fit.iterations - 1]!).toBeGreaterThan(1e100);
  });

  it('maximize climbs the objective', async () => {
    const engine = await create();
    const fit = engine.fit(engine.dataset([[1], [2]], [1, 3]), { lr: 0.1, maximize: true, maxIterations: 3 });
    expect(fit.loss[1]!).toBeGreaterThan(fit.loss[0]!);
    expect(fit.loss[2]!).toBeGreaterThan(fit.loss[1]!);
  });

  it('accepts number[][], Float64Array and Float32Array matrices alike', async () => {
    // Values chosen exactly representable in f32, so all three inputs hold the same doubles.
    const rows = [[0.5, -1], [1.5, 2], [-0.25, 0.75], [2, 0.125], [1, 1]];
    const y = [1, -2, 0.5, 3, 0];
    const flat = rows.flat();
    const engine = await create();
    const opts = { lr: 0.1, momentum: 0.9, maxIterations: 50 };
    const a = engine.fit(engine.dataset(rows, y), opts);
    const b = engine.fit(engine.dataset({ data: new Float64Array(flat), rows: 5, cols: 2 }, new Float64Array(y)), opts);
    const c = engine.fit(engine.dataset({ data: new Float32Array(flat), rows: 5, cols: 2 }, new Float32Array(y)), opts);
    expect(Array.from(b.weights)).toEqual(Array.from(a.weights));
    expect(Array.from(c.weights)).toEqual(Array.from(a.weights));
    expect(Array.from(c.loss)).toEqual(Array.from(a.loss));
  });

  it('never mutates the caller’s arrays', async () => {
    const { X, y } = makeRegression(30, 3, 9);
    const Xc = X.map((r) => [...r]), yc = [...y];
    const flat = new Float64Array(X.flat()), flatCopy = flat.slice();
    const init = new Float64Array([0.1, 0.2, 0.3]);
    const engine = await create();
    engine.fit(engine.dataset(X, y), { lr: 0.1, momentum: 0.9, maxIterations: 20, initialWeights: init });
    engine.fit(engine.dataset({ data: flat, rows: 30, cols: 3 }, y), { lr: 0.1, maxIterations: 20 });
    expect(X).toEqual(Xc);
    expect(y).toEqual(yc);
    expect(flat).toEqual(flatCopy);
    expect(Array.from(init)).toEqual([0.1, 0.2, 0.3]);
  });

  it('keeps results intact when engine memory grows afterwards', async () => {
    const engine = await create();
    const { X, y } = makeRegression(64, 4, 13);
    const data = engine.dataset(X, y);
    const fit = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 100 });
    const saved = { w: Array.from(fit.weights), loss: Array.from(fit.loss) };
    const mem = (engine as unknown as { internals: { mem?: { byteLength: number } } }).internals.mem;
    const before = mem?.byteLength ?? 0;
    // 2M × 4 doubles = 64 MiB: forces memory.grow on the WASM backend.
    const big = engine.dataset({ data: new Float64Array(8_000_000), rows: 2_000_000, cols: 4 }, new Float64Array(2_000_000));
    if (mem) expect(mem.byteLength).toBeGreaterThan(before);
    expect(fit.weights.length).toBe(4);
    expect(Array.from(fit.weights)).toEqual(saved.w);
    expect(Array.from(fit.loss)).toEqual(saved.loss);
    // And the engine still computes the same after the growth.
    const again = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 100 });
    expect(Array.from(again.weights)).toEqual(saved.w);
    big.dispose();
  });

  it('evaluates finalLoss on first use, and before the dataset is disposed', async () => {
    const engine = await create();
    const { X, y } = makeRegression(40, 3, 23);
    const data = engine.dataset(X, y);
    const a = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 30 });
    const b = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 30 });
    const c = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 30 });
    const beforeDispose = a.finalLoss;
    data.dispose(); // b's objective is evaluated here, before the memory goes
    // The reference: J at the returned parameters is loss[0] of a fit that starts there.
    const check = engine.dataset(X, y);
    const ref = engine.fit(check, { lr: 0.1, maxIterations: 1, initialWeights: a.weights, initialIntercept: a.intercept }).loss[0]!;
    expect(beforeDispose).toBe(ref);
    expect(b.finalLoss).toBe(ref);
    expect(c.mse).toBe(2 * ref);
    expect(JSON.parse(JSON.stringify({ f: c.finalLoss })).f).toBe(ref);
    // Only the 8 most recent unread fits are evaluated at dispose (bounded memory); an older one says so.
    const data2 = engine.dataset(X, y);
    const fits = Array.from({ length: 9 }, () => engine.fit(data2, { lr: 0.1, maxIterations: 3 }));
    data2.dispose();
    expect(fits[8]!.finalLoss).toBe(fits[1]!.finalLoss);
    expect(() => fits[0]!.finalLoss).toThrow(TypeError);
    expect(() => fits[0]!.mse).toThrow(/read it before data\.dispose\(\)/);
  });

  it('reuses the memory of disposed datasets and rejects their use', async () => {
    const engine = await create();
    const mem = (engine as unknown as { internals: { mem?: { byteLength: number; highWater: number } } }).internals.mem;
    const { X, y } = makeRegression(1000, 10, 17);
    const first = engine.dataset(X, y);
    engine.fit(first, { lr: 0.1, maxIterations: 2 });
    first.dispose();
    const high = mem?.highWater; // one dataset and one fit workspace: every later cycle fits in the freed blocks
    for (let k = 0; k < 50; k++) {
      const d = engine.dataset(X, y);
      engine.fit(d, { lr: 0.1, maxIterations: 2 });
      d.dispose();
    }
    if (mem) expect(mem.highWater).toBe(high);
    expect(first.disposed).toBe(true);
    expect(() => engine.fit(first, { lr: 0.1 })).toThrow(
      new TypeError('data: this Dataset was disposed; create a new one with engine.dataset(X, y)'),
    );
    expect(() => first.rows).toThrow(TypeError);
  });
});
