// Finite inputs up to ±1.8e308 across the public API (issue 19): no intermediate may overflow into NaN, a wrong
// Infinity or a non-finite state. Each public function is either exact (the true value, rounded; ±Infinity only
// where the true value is beyond ±1.8e308) or refuses with a RangeError naming the user's argument. The references
// are independent: BigInt arithmetic on the inputs (every double ≥ 2⁵³ is an integer), scale invariance (R², the
// standardizer), the state before a refused step. Seed and runs: test/property/gen.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LinearModel, leastSquares, meanSquaredError, minimize, r2Score, standardize, testFunctions,
  type OptimizerName,
} from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import { RUNS, check } from './gen.js';

const MAX = Number.MAX_VALUE;
/** Doubles of every magnitude up to ±MAX, both signs, 0 and the ordinary ones included. */
const anyFinite = fc.oneof(
  fc.double({ min: -MAX, max: MAX, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 1, -1, 1e154, -1e154, 1e200, -1e200, 1e308, -1e308, MAX, -MAX),
  fc.double({ min: -10, max: 10, noNaN: true }),
);
/** Integers, huge ones included: BigInt(x) is exact for them. */
const bigInteger = fc.oneof(
  fc.double({ min: 2 ** 53, max: MAX, noNaN: true }).map((v) => Math.round(v)),
  fc.double({ min: -MAX, max: -(2 ** 53), noNaN: true }).map((v) => Math.round(v)),
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(1e308, -1e308, MAX, -MAX),
);

describe.each(BACKENDS)('optimizer steps with gradients up to ±1.8e308 [$name]', ({ create }) => {
  it(`every optimizer: a step is taken with a finite, JSON-safe state, or refused leaving the state as it was (${RUNS} runs)`, async () => {
    const engine = await create();
    const names: OptimizerName[] = ['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad'];
    check(fc.property(fc.constantFrom(...names), fc.array(anyFinite, { minLength: 1, maxLength: 12 }), fc.array(fc.array(anyFinite, { minLength: 12, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
      fc.constantFrom(1e-3, 0.5, 1e300), (name, p, grads, lr) => {
        const opt = engine.optimizer(p, name === 'sgd' ? { lr, momentum: 0.9 } : name === 'rmsprop' ? { optimizer: name, lr, momentum: 0.5 } : { optimizer: name, lr });
        try {
          for (const g of grads) {
            const before = JSON.stringify(opt.state());
            try {
              opt.step(g.slice(0, p.length));
            } catch (e) {
              expect(e).toBeInstanceOf(RangeError);
              expect(String(e)).toMatch(/^RangeError: step diverged: this grad would make params/);
              expect(JSON.stringify(opt.state())).toBe(before);
              continue;
            }
            const st = opt.state();
            const numbers = [...st.params, ...(st.velocity ?? []), ...Object.values(st.buffers ?? {}).flat()];
            expect(numbers.every(Number.isFinite)).toBe(true);
            // JSON-safe (all finite: nothing becomes null): the optimizer's own state, through JSON, loads.
            opt.loadState(JSON.parse(JSON.stringify(st)));
          }
        } finally {
          opt.dispose();
        }
      }));
  });
});

describe('models on inputs and weights up to ±1.8e308', () => {
  it(`decision values are never NaN; probabilities are distributions; predict is their argmax (${RUNS} runs)`, () => {
    check(fc.property(fc.constantFrom('logistic', 'softmax', 'linear'), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 4 }),
      fc.array(anyFinite, { minLength: 12, maxLength: 12 }), fc.array(anyFinite, { minLength: 4, maxLength: 4 }), fc.array(anyFinite, { minLength: 3, maxLength: 3 }),
      (model, d, K0, w, b, x) => {
        const K = model === 'softmax' ? K0 : 1;
        const m = LinearModel.fromJSON({ format: 'momentum-gd/model@1', model, cols: d, classes: model === 'softmax' ? K : model === 'logistic' ? 2 : 1,
          weights: w.slice(0, K * d), intercepts: b.slice(0, K) });
        const X = [x.slice(0, d)];
        const z = m.decisionFunction(X);
        expect(z.some(Number.isNaN)).toBe(false);
        // The sign of each score is the sign of the true x·w + b, computed here without overflow: the terms are
        // exact dyadics, so compare in BigInt after scaling every value to an integer (× 2¹⁰⁷⁴).
        for (let k = 0; k < K; k++) {
          let t = exactInt(b[k]!) * 2n ** 1074n;
          for (let j = 0; j < d; j++) t += exactInt(x[j]!) * exactInt(w[k * d + j]!);
          // An infinite score is a true value beyond ±1.8e308 of that sign (finite scores carry f64 rounding only).
          if (!Number.isFinite(z[k]!)) {
            expect(z[k]! > 0 ? t > 0n : t < 0n).toBe(true);
            expect((t < 0n ? -t : t) > BigInt(MAX) * 2n ** 1074n * 2n ** 1074n / 2n).toBe(true);
          }
        }
        if (model === 'linear') return;
        const p = Array.from(m.predictProba(X));
        expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
        if (model === 'softmax') {
          expect(Math.abs(p.reduce((a, v) => a + v, 0) - 1)).toBeLessThanOrEqual(K * Number.EPSILON);
          const top = Math.max(...z);
          expect(p[m.predict(X)[0]!]).toBe(Math.max(...p));
          expect(z[m.predict(X)[0]!]).toBe(top);
        }
      }));
  });
});

/** v·2¹⁰⁷⁴ as an exact BigInt (every finite double is an integer multiple of 2⁻¹⁰⁷⁴). */
function exactInt(v: number): bigint {
  if (v === 0) return 0n;
  // v·2ᵃ is an integer (≤ 2⁵³ in size when a > 0) for a = 52 − ⌊log₂|v|⌋, at most 1074; two exact multiplications.
  const a = Math.max(0, Math.min(1074, 52 - Math.floor(Math.log2(Math.abs(v))) + 1));
  return BigInt(v * 2 ** Math.min(a, 1000) * 2 ** (a - Math.min(a, 1000))) * 2n ** BigInt(1074 - a);
}

describe('metrics and preprocessing on values up to ±1.8e308', () => {
  it(`meanSquaredError is finite or a RangeError; R² is scale-free and never NaN (${RUNS} runs)`, () => {
    check(fc.property(fc.array(fc.tuple(anyFinite, anyFinite), { minLength: 1, maxLength: 8 }), fc.integer({ min: -60, max: 60 }), (pairs, k) => {
      const t = pairs.map((q) => q[0]), p = pairs.map((q) => q[1]);
      try {
        const mse = meanSquaredError(t, p);
        expect(Number.isFinite(mse) && mse >= 0).toBe(true);
      } catch (e) {
        expect(String(e)).toMatch(/^RangeError: meanSquaredError of yTrue and yPred exceeds the largest double/);
      }
      const r = r2Score(t, p);
      expect(Number.isNaN(r)).toBe(false);
      // R² of (2ᵏ·t, 2ᵏ·p) is R² of (t, p) whenever the scaling is exact both ways (no overflow, no underflow).
      const s = 2 ** k;
      const ts = t.map((v) => v * s), ps = p.map((v) => v * s);
      // (Values below 1e-140 are left out: their squares underflow, which is rounding, not overflow.)
      const exact = [...ts, ...ps].every((v, i) => Number.isFinite(v) && v / s === [...t, ...p][i]) &&
        [...t, ...p, ...ts, ...ps].every((v) => v === 0 || Math.abs(v) > 1e-140);
      if (exact) expect(r2Score(ts, ps)).toBeCloseTo(r, 12);
    }));
  });
  it(`standardize gives finite means and positive scales; transform is finite or a RangeError naming X[i][j] (${RUNS} runs)`, () => {
    check(fc.property(fc.array(fc.array(anyFinite, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), (X) => {
      const s = standardize(X);
      expect(s.mean.every(Number.isFinite)).toBe(true);
      expect(s.scale.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
      for (let j = 0; j < 2; j++) {
        const col = X.map((r) => r[j]!);
        expect(s.mean[j]!).toBeGreaterThanOrEqual(Math.min(...col));
        expect(s.mean[j]!).toBeLessThanOrEqual(Math.max(...col));
      }
      try {
        const Z = s.transform(X);
        expect(Z.flat().every(Number.isFinite)).toBe(true);
      } catch (e) {
        expect(String(e)).toMatch(/^RangeError: X\[\d+\]\[\d+\] = .* standardizes to beyond ±1\.8e308/);
      }
    }));
  });
});

describe('leastSquares on data up to ±1.8e308', () => {
  it(`is scale-equivariant: X·2ᵃ, y·2ᵇ give w·2^(b−a) and b·2ᵇ (to 1e-9), never NaN (${RUNS} runs)`, () => {
    // A well-conditioned 6 × 2 design (columns 1, i, i² − 6 on i = 0…5) and y = 3 + 2x₁ − x₂ + small noise.
    const X0 = [0, 1, 2, 3, 4, 5].map((i) => [i, i * i - 6]);
    const y0 = X0.map(([a, b], i) => 3 + 2 * a! - b! + 0.01 * Math.sin(i));
    const ref = leastSquares(X0, y0);
    check(fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (a, b) => {
      const sa = (v: number) => v * 2 ** (a / 2) * 2 ** (a / 2), sb = (v: number) => v * 2 ** (b / 2) * 2 ** (b / 2);
      const X = X0.map((r) => r.map(sa)), y = y0.map(sb);
      if (!X.flat().every((v, k) => Number.isFinite(v) && v / 2 ** (a / 2) / 2 ** (a / 2) === X0.flat()[k]) ||
        !y.every((v, i) => Number.isFinite(v) && v / 2 ** (b / 2) / 2 ** (b / 2) === y0[i])) return; // not exactly scaled
      let sol: ReturnType<typeof leastSquares>;
      try {
        sol = leastSquares(X, y);
      } catch (e) {
        // Only a solution beyond ±1.8e308 may be refused: |w|·2^(b−a) ≥ 1.8e308.
        expect(String(e)).toMatch(/^RangeError: leastSquares: the solution exceeds/);
        expect(Math.max(...Array.from(ref.weights, Math.abs)) * 2 ** (b - a)).toBeGreaterThan(1e300);
        return;
      }
      const expectW = Array.from(ref.weights, (w) => w * 2 ** ((b - a) / 2) * 2 ** ((b - a) / 2));
      sol.weights.forEach((w, j) => {
        if (Number.isFinite(expectW[j]!) && Math.abs(expectW[j]!) > 1e-300) expect(Math.abs(w / expectW[j]! - 1)).toBeLessThan(1e-9);
      });
      const expectB = ref.intercept * 2 ** (b / 2) * 2 ** (b / 2);
      if (Number.isFinite(expectB) && Math.abs(expectB) > 1e-300) expect(Math.abs(sol.intercept / expectB - 1)).toBeLessThan(1e-9);
      else expect(Number.isNaN(sol.intercept)).toBe(false);
    }));
  });
});

/** The polynomial test functions over BigInt, scaled to integers (Beale's constants are eighths: ×8 per term). */
const EXACT: Record<string, { f: (x: bigint, y: bigint) => [bigint, bigint]; g: (x: bigint, y: bigint) => [bigint, bigint][] }> = {
  // [numerator, denominator] pairs
  rosenbrock: {
    f: (x, y) => [(1n - x) ** 2n + 100n * (y - x * x) ** 2n, 1n],
    g: (x, y) => [[-2n * (1n - x) - 400n * x * (y - x * x), 1n], [200n * (y - x * x), 1n]],
  },
  beale: {
    f: (x, y) => [(12n - 8n * x + 8n * x * y) ** 2n + (18n - 8n * x + 8n * x * y * y) ** 2n + (21n - 8n * x + 8n * x * y ** 3n) ** 2n, 64n],
    g: (x, y) => {
      const t1 = 12n - 8n * x + 8n * x * y, t2 = 18n - 8n * x + 8n * x * y * y, t3 = 21n - 8n * x + 8n * x * y ** 3n;
      return [[2n * t1 * (y - 1n) + 2n * t2 * (y * y - 1n) + 2n * t3 * (y ** 3n - 1n), 8n], [2n * t1 * x + 4n * t2 * x * y + 6n * t3 * x * y * y, 8n]];
    },
  },
  himmelblau: {
    f: (x, y) => [(x * x + y - 11n) ** 2n + (x + y * y - 7n) ** 2n, 1n],
    g: (x, y) => [[4n * x * (x * x + y - 11n) + 2n * (x + y * y - 7n), 1n], [2n * (x * x + y - 11n) + 4n * y * (x + y * y - 7n), 1n]],
  },
  booth: {
    f: (x, y) => [(x + 2n * y - 7n) ** 2n + (2n * x + y - 5n) ** 2n, 1n],
    g: (x, y) => [[2n * (x + 2n * y - 7n) + 4n * (2n * x + y - 5n), 1n], [4n * (x + 2n * y - 7n) + 2n * (2n * x + y - 5n), 1n]],
  },
  saddle: { f: (x, y) => [x * x - y * y, 1n], g: (x, y) => [[2n * x, 1n], [-2n * y, 1n]] },
  monkeySaddle: { f: (x, y) => [x ** 3n - 3n * x * y * y, 1n], g: (x, y) => [[3n * x * x - 3n * y * y, 1n], [-6n * x * y, 1n]] },
};

/**
 * What a double may be for the true value num/den: never NaN; ±Infinity only for a true value beyond the largest
 * double's rounding boundary, of that sign. (The converse is not asked: a finite plain evaluation may still lose a
 * huge value to cancellation, f64 rounding rather than overflow.)
 */
function expectValue(v: number, [num, den]: [bigint, bigint], where: string): void {
  expect(Number.isNaN(v), where).toBe(false);
  const limit = BigInt(MAX) + 2n ** 970n; // values from here on round to ±Infinity
  if (!Number.isFinite(v)) {
    expect((num < 0n ? -num : num) >= limit * den, where).toBe(true);
    expect(v, where).toBe(num < 0n ? -Infinity : Infinity);
  }
}

describe('test functions at integer points up to ±1.8e308', () => {
  it(`f and ∇f are never NaN, and ±Infinity only where the true value is beyond ±1.8e308 (${RUNS} runs)`, () => {
    check(fc.property(fc.constantFrom(...Object.keys(EXACT)), bigInteger, bigInteger, (name, x, y) => {
      const fn = testFunctions[name]!, ref = EXACT[name]!;
      const X = BigInt(x), Y = BigInt(y);
      expectValue(fn.f(x, y), ref.f(X, Y), `${name}.f(${x}, ${y})`);
      const g = fn.grad(x, y), rg = ref.g(X, Y);
      expectValue(g[0], rg[0]!, `${name}.grad(${x}, ${y})[0]`);
      expectValue(g[1], rg[1]!, `${name}.grad(${x}, ${y})[1]`);
    }));
  });
  it('hand-worked points where the plain formula overflows to NaN but the true value is finite or signed', () => {
    // x² − y² at x = y = 1e200: 0. Booth's ∂f/∂x = 10x + 8y − 34 at (1e308, −1.2e308): plain 2y overflows; the true
    // value is 10·1e308 − 9.6e308 − 34, rounded once: compare with BigInt on the same doubles.
    expect(testFunctions.saddle!.f(1e200, 1e200)).toBe(0);
    expect(testFunctions.booth!.grad(1e308, -1.2e308)[0]).toBe(Number(10n * BigInt(1e308) + 8n * BigInt(-1.2e308) - 34n));
    // Monkey saddle x³ − 3xy² at x = 1e103, y = 1e103/√3·(1 + …): both terms overflow, their difference need not.
    expect(Number.isNaN(testFunctions.monkeySaddle!.f(1e103, 5.773502691896257e102))).toBe(false);
    expect(testFunctions.himmelblau!.grad(1e200, -1e200).every((v) => !Number.isNaN(v))).toBe(true);
  });
  it('rastrigin: cos 2πx = 1 and sin 2πx = 0 at integers beyond 2⁵², never NaN', () => {
    expect(testFunctions.rastrigin!.f(2 ** 60, 0)).toBe(20 + (2 ** 120 - 10) + (0 - 10));
    expect(testFunctions.rastrigin!.grad(1e308, -1e308)).toEqual([Infinity, -Infinity]);
    expect(testFunctions.rastrigin!.f(1e308, 1)).toBe(Infinity);
  });
  it('minimize from a start near ±1.8e308: every recorded value finite, diverged or not', () => {
    for (const name of Object.keys(testFunctions)) {
      const run = minimize(testFunctions[name]!, [1e300, -1e300], { lr: 0.01, momentum: 0.9, maxIterations: 50 });
      expect(run.values.every(Number.isFinite) && run.points.every(Number.isFinite), name).toBe(true);
    }
  });
});
