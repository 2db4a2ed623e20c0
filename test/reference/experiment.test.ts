// The reference experiment against independent references: the normal equations solved here in closed form
// (1-D: slope = cov(x, y)/var(x)), and the claims the README makes about momentum.
import { describe, expect, it } from 'vitest';
import { BACKENDS, relErr } from '../backends.js';
import { referenceData, referenceExperiment } from '../../src/experiment.js';

describe('reference data', () => {
  it('is 100 points with x in [0, 1) and y near 2 + 3x, reproducible from the seed', () => {
    const a = referenceData(42), b = referenceData(42), c = referenceData(7);
    expect(a.X.length).toBe(100);
    expect(a.X).toEqual(b.X);
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(c.X).not.toEqual(a.X);
    for (const [x] of a.X) expect(x! >= 0 && x! < 1).toBe(true);
    // Residual noise has mean ≈ 0 and variance ≈ 1 (N(0, 1)): loose bounds for 100 draws (±4 standard errors).
    const r = a.X.map(([x], i) => a.y[i]! - (2 + 3 * x!));
    const mean = r.reduce((s, v) => s + v, 0) / 100;
    const varr = r.reduce((s, v) => s + (v - mean) ** 2, 0) / 99;
    expect(Math.abs(mean)).toBeLessThan(0.4);
    expect(varr).toBeGreaterThan(0.55);
    expect(varr).toBeLessThan(1.6);
  });
});

describe.each(BACKENDS)('reference experiment [$name]', ({ create }) => {
  it('momentum reaches the least-squares optimum several times sooner than plain GD', async () => {
    const r = referenceExperiment(await create());
    // Independent closed form for one feature.
    const xs = r.X.map(([x]) => x!), n = xs.length;
    const mx = xs.reduce((s, v) => s + v, 0) / n, my = r.y.reduce((s, v) => s + v, 0) / n;
    let sxy = 0, sxx = 0;
    for (let i = 0; i < n; i++) { sxy += (xs[i]! - mx) * (r.y[i]! - my); sxx += (xs[i]! - mx) ** 2; }
    const slope = sxy / sxx, icpt = my - slope * mx;
    expect(relErr(r.optimum.weights[0]!, slope)).toBeLessThan(1e-12);
    expect(relErr(r.optimum.intercept, icpt)).toBeLessThan(1e-12);

    const [gd, mom] = r.runs;
    expect(gd!.momentum).toBe(0);
    expect(mom!.momentum).toBe(0.9);
    // The two runs differ (the NumPy version's shape bug made them identical) from the third iteration on.
    expect(gd!.mse[0]).toBe(mom!.mse[0]);
    expect(gd!.mse[2]).not.toBe(mom!.mse[2]);
    // Momentum ends (100 iterations) much closer to the optimum, and gets within 1e-6 several times sooner.
    expect(relErr(mom!.fit.mse, r.optimum.mse)).toBeLessThan(1e-3);
    expect(relErr(gd!.fit.mse, r.optimum.mse)).toBeGreaterThan(1e-2);
    expect(mom!.iterationsToOptimum).not.toBeNull();
    expect(gd!.iterationsToOptimum).not.toBeNull();
    expect(gd!.iterationsToOptimum! / mom!.iterationsToOptimum!).toBeGreaterThan(3);
    // lr and momentum 'auto' (issue 18): η₀ = 1/L with L = 1.05·λmax of [x 1]ᵀ[x 1]/n (computed here), and the
    // optimum's MSE (closed form) sooner than the hand-tuned β = 0.9.
    const sx2 = xs.reduce((s, v) => s + v * v, 0) / n;
    const lmax = (sx2 + 1) / 2 + Math.sqrt(((sx2 - 1) / 2) ** 2 + mx * mx);
    expect(relErr(r.auto.fit.auto!.lambdaMax, lmax)).toBeLessThan(1e-3);
    expect(r.auto.fit.auto!.lr).toBe(1 / r.auto.fit.auto!.lipschitz);
    expect(relErr(r.auto.fit.mse, r.optimum.mse)).toBeLessThan(1e-6);
    expect(r.auto.iterationsToOptimum).not.toBeNull();
    expect(r.auto.iterationsToOptimum!).toBeLessThan(mom!.iterationsToOptimum!);
  });
});
