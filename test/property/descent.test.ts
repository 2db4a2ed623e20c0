// Plain full-batch gradient descent (sgd, momentum 0) on linear and ridge with η ≤ 1/L̂ never increases the
// objective, where L̂ is the largest eigenvalue of AᵀA/n + α·I (A = [X 1] with an intercept, else X) found by
// power iteration in this file, independently of the library.
// Why it must hold: J is a convex quadratic with Hessian H = AᵀA/n + α·diag(1…1, 0) ⪯ AᵀA/n + α·I, so J is
// L-smooth with L ≤ λmax(AᵀA/n + α·I), and one step θ⁺ = θ − η∇J gives J(θ⁺) = J(θ) − η(1 − ηL/2)‖∇J‖² ≤ J(θ)
// for every η ≤ 2/L. Power iteration approaches λmax from below, so an underestimate by up to 2× still
// leaves η ≤ 1/L̂ ≤ 2/L: the margin covers it.
// Rounding slack: each recorded J is computed, not exact, and near a minimum the true decrease falls below one
// rounding. At parameters θ = (w, b), each residual rᵢ = xᵢ·w + b − yᵢ takes d + 2 roundings, so its absolute
// error is δᵢ ≤ (d + 2)·ε·(Σⱼ|xᵢⱼwⱼ| + |b| + |yᵢ|) ≤ δ (the max over rows); then
// |J̃ − J| ≤ (1/n)Σ|rᵢ|δ + δ²/2 + 4ε·J ≤ √(2J)·δ + δ² + 4ε·J  (Cauchy–Schwarz: (1/n)Σ|rᵢ| ≤ √(2J); the 4ε·J
// covers the sum of non-negative squares, the 1/2n scaling and the ridge term). J_k ≤ J_{k−1} + e(θ_{k−1}) + e(θ_k),
// plus the smallest subnormal for tiny data whose J lies where rounding is absolute. This matters only for
// interpolating fits (n ≤ d + 1), where J falls to ~ε²·y² and cancellation in rᵢ dominates.
// The parameters θ_k of every update come from re-running the fit with maxIterations = k (the JS backend; the
// histories of all backends are checked bitwise equal here too).
// Seed, run count and replay: see test/property/gen.ts.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine, FitOptions } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import { RUNS, check, dataSpec, makeData, sameArray } from './gen.js';

let engines: Engine[] = [];
beforeAll(async () => {
  engines = await Promise.all(BACKENDS.map((b) => b.create()));
});

/**
 * λmax(AᵀA/n + α·I) by power iteration, A = [X 1] (or X). Works on A/s with s = max|A| so that 1e150 data do not
 * overflow AᵀA; returns s²·λ' + α.
 */
export function largestEigenvalue(flat: Float64Array, n: number, d: number, intercept: boolean, alpha: number): number {
  const p = d + (intercept ? 1 : 0);
  let s = intercept ? 1 : 0;
  for (const v of flat) s = Math.max(s, Math.abs(v));
  if (s === 0) return alpha;
  const a = (i: number, j: number) => (j < d ? flat[i * d + j]! : 1) / s;
  let v = Array.from({ length: p }, (_, j) => 1 + j / p);
  let lambda = 0;
  for (let it = 0; it < 300; it++) {
    const av = new Float64Array(n);
    for (let i = 0; i < n; i++) { let t = 0; for (let j = 0; j < p; j++) t += a(i, j) * v[j]!; av[i] = t; }
    const w = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) w[j] += (a(i, j) * av[i]!) / n;
    const norm = Math.hypot(...w);
    if (norm === 0) return alpha;
    lambda = norm / Math.hypot(...v);
    v = w.map((x) => x / norm);
  }
  return s * s * lambda + alpha;
}

describe('objective history of plain gradient descent', () => {
  it(`is non-increasing for η ≤ 1/L on linear and ridge (${RUNS} runs)`, () => {
    const cases = fc.record({
      spec: dataSpec,
      model: fc.constantFrom('linear' as const, 'ridge' as const),
      alpha: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 2, noNaN: true })),
      fraction: fc.double({ min: 0.05, max: 1, noNaN: true }),
      fitIntercept: fc.boolean(),
      maxIterations: fc.integer({ min: 1, max: 25 }),
    });
    check(fc.property(cases, ({ spec, model, alpha, fraction, fitIntercept, maxIterations }) => {
      const { X, y, flat, yNum, rows, cols } = makeData(spec, model);
      const a = model === 'ridge' ? alpha : 0;
      const L = largestEigenvalue(flat, rows, cols, fitIntercept, a);
      fc.pre(L > 0 && Number.isFinite(1 / L));
      const lr = Math.min(1 / L, Number.MAX_VALUE) * fraction;
      fc.pre(lr > 0 && Number.isFinite(lr));
      const opts = { model, lr, fitIntercept, ...(model === 'ridge' ? { alpha: a } : {}) } as FitOptions;
      const fits = engines.map((engine) => {
        const data = engine.dataset(X, y);
        const f = engine.fit(data, { ...opts, maxIterations });
        data.dispose();
        return f;
      });
      for (const f of fits.slice(1)) expect(sameArray(f.loss, fits[0]!.loss)).toBe(true);
      const f = fits[0]!;
      // θ_k for k = 0 … iterations (θ_0 = 0): from fits stopped after k updates.
      const js = engines[engines.length - 1]!, data = js.dataset(X, y);
      const thetas: { w: ArrayLike<number>; b: number }[] = [{ w: new Float64Array(cols), b: 0 }];
      for (let k = 1; k <= f.iterations; k++) {
        const g = js.fit(data, { ...opts, maxIterations: k });
        thetas.push({ w: g.weights, b: g.intercept });
      }
      data.dispose();
      const err = (k: number, J: number) => {
        const { w, b } = thetas[k]!;
        let S = 0;
        for (let i = 0; i < rows; i++) {
          let t = Math.abs(b) + Math.abs(yNum[i]!);
          for (let j = 0; j < cols; j++) t += Math.abs(flat[i * cols + j]! * w[j]!);
          S = Math.max(S, t);
        }
        const delta = (cols + 2) * Number.EPSILON * S;
        return Math.sqrt(2 * Math.abs(J)) * delta + delta * delta + 4 * Number.EPSILON * Math.abs(J);
      };
      for (let k = 1; k < f.loss.length; k++) {
        const prev = f.loss[k - 1]!, cur = f.loss[k]!;
        const slack = err(k - 1, prev) + err(k, cur) + Number.MIN_VALUE;
        if (!(cur <= prev + slack)) {
          throw new Error(`J rose at update ${k}: ${prev} → ${cur} (slack ${slack}), lr ${lr}, L̂ ${L}`);
        }
      }
      // J at the returned parameters is no worse than the last recorded one (one more step of descent).
      if (f.status !== 'diverged' && f.loss.length) {
        const last = f.loss.length - 1, J = f.loss[last]!;
        expect(f.finalLoss).toBeLessThanOrEqual(J + err(last, J) + err(last + 1, f.finalLoss) + Number.MIN_VALUE);
      }
    }));
  });
});
