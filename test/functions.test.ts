/**
 * The 2-D test functions of src/functions.ts: values and gradients at hand-worked points (arithmetic in the
 * comments), minima where f takes its known value and ∇f = 0, and gradients against finite differences.
 */
import { describe, expect, it } from 'vitest';
import {
  beale,
  booth,
  himmelblau,
  monkeySaddle,
  plateau,
  quadratic,
  quadratic10,
  rastrigin,
  rosenbrock,
  saddle,
  testFunctions,
  type TestFunction,
} from '../src/functions.js';
import { mulberry32 } from './prng.js';

const EPS = Number.EPSILON;

/** |a − e| ≤ k·ε·max(1, |e|) for each element; k = 0 demands the exact double (with −0 equal to 0). */
function expectNear(actual: readonly number[], expected: readonly number[], k: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    const bound = k * EPS * Math.max(1, Math.abs(e));
    if (!(Math.abs(a - e) <= bound)) {
      throw new Error(`element ${i}: got ${a}, expected ${e} within ${bound}`);
    }
  });
}

/** Evaluates [f, ∂f/∂x, ∂f/∂y] at a point. */
const at = (fn: TestFunction, x: number, y: number): number[] => [fn.f(x, y), ...fn.grad(x, y)];

describe('hand-worked values and gradients', () => {
  it('rosenbrock', () => {
    // (0, 0): f = (1 − 0)² + 100·(0 − 0)² = 1; ∇f = (−2·1 − 400·0·0, 200·0) = (−2, 0)
    expectNear(at(rosenbrock, 0, 0), [1, -2, 0], 0);
    // (−1, 1): y − x² = 0, f = (1 + 1)² = 4; ∇f = (−2·2, 0) = (−4, 0)
    expectNear(at(rosenbrock, -1, 1), [4, -4, 0], 0);
    // (0.5, 0.5): r = y − x² = 0.25, f = 0.5² + 100·0.0625 = 6.5; ∇f = (−2·0.5 − 400·0.5·0.25, 200·0.25) = (−51, 50)
    expectNear(at(rosenbrock, 0.5, 0.5), [6.5, -51, 50], 0);
  });

  it('beale', () => {
    // (0, 0): t = (1.5, 2.25, 2.625), f = 2.25 + 5.0625 + 6.890625 = 14.203125;
    // ∂f/∂x = Σ 2tᵢ·(0 − 1) = −(3 + 4.5 + 5.25) = −12.75; ∂f/∂y = Σ 2tᵢ·i·0 = 0
    expectNear(at(beale, 0, 0), [14.203125, -12.75, 0], 0);
    // (1, 1.5): y² = 2.25, y³ = 3.375, t = (1.5 − 1 + 1.5, 2.25 − 1 + 2.25, 2.625 − 1 + 3.375) = (2, 3.5, 5);
    // f = 4 + 12.25 + 25 = 41.25; ∂f/∂x = 2·2·0.5 + 2·3.5·1.25 + 2·5·2.375 = 2 + 8.75 + 23.75 = 34.5;
    // ∂f/∂y = 2·2·1 + 4·3.5·1·1.5 + 6·5·1·2.25 = 4 + 21 + 67.5 = 92.5
    expectNear(at(beale, 1, 1.5), [41.25, 34.5, 92.5], 0);
  });

  it('himmelblau', () => {
    // (0, 0): a = x² + y − 11 = −11, b = x + y² − 7 = −7; f = 121 + 49 = 170;
    // ∇f = (4·0·a + 2·(−7), 2·(−11) + 4·0·b) = (−14, −22)
    expectNear(at(himmelblau, 0, 0), [170, -14, -22], 0);
    // (1, 2): a = 1 + 2 − 11 = −8, b = 1 + 4 − 7 = −2; f = 64 + 4 = 68; ∇f = (4·1·(−8) + 2·(−2), 2·(−8) + 4·2·(−2)) = (−36, −32)
    expectNear(at(himmelblau, 1, 2), [68, -36, -32], 0);
  });

  it('booth', () => {
    // (0, 0): a = x + 2y − 7 = −7, b = 2x + y − 5 = −5; f = 49 + 25 = 74; ∇f = (2a + 4b, 4a + 2b) = (−34, −38)
    expectNear(at(booth, 0, 0), [74, -34, -38], 0);
  });

  it('saddle and monkey saddle', () => {
    // x² − y² at (1, 2): f = 1 − 4 = −3; ∇f = (2, −4)
    expectNear(at(saddle, 1, 2), [-3, 2, -4], 0);
    // x³ − 3xy² at (2, 1): f = 8 − 6 = 2; ∇f = (3·4 − 3·1, −6·2·1) = (9, −12)
    expectNear(at(monkeySaddle, 2, 1), [2, 9, -12], 0);
    // at (1, 1): f = 1 − 3 = −2; ∇f = (3 − 3, −6) = (0, −6): the gradient along a valley's edge has no x part
    expectNear(at(monkeySaddle, 1, 1), [-2, 0, -6], 0);
  });

  it('rastrigin', () => {
    // (1, 1): cos 2π = 1, f = 20 + 2·(1 − 10) = 2; ∂f/∂x = 2 + 20π·sin 2π. sin(2π) in f64 is −2.4e−16 (2π is
    // rounded), so the gradient is 2 − 1.5e−14: allow 100 ε.
    expectNear(at(rastrigin, 1, 1), [2, 2, 2], 100);
    // (0.25, 0): sin(π/2) = 1, cos(π/2) = 6e−17 in f64; f = 20 + (0.0625 − 10·cos(π/2)) + (0 − 10) = 10.0625 − 6e−16;
    // ∂f/∂x = 0.5 + 20π, ∂f/∂y = 0
    expectNear(at(rastrigin, 0.25, 0), [10.0625, 0.5 + 20 * Math.PI, 0], 8);
  });

  it('quadratic', () => {
    // ½(x² + 10y²) at (1, 1): f = ½·11 = 5.5; ∇f = (1, 10)
    expectNear(at(quadratic10, 1, 1), [5.5, 1, 10], 0);
    // κ = 100 at (2, −1): f = ½(4 + 100) = 52; ∇f = (2, −100)
    expectNear(at(quadratic(100), 2, -1), [52, 2, -100], 0);
  });

  it('quadratic rejects κ < 1 by message', () => {
    expect(() => quadratic(0.5)).toThrow(new RangeError('quadratic: kappa must be a finite number >= 1, got 0.5'));
    expect(() => quadratic(Number.NaN)).toThrow(RangeError);
  });

  it('plateau', () => {
    // (1, 1): r² = 2, f = 1 − e⁻¹ + 0.01·2/2 = 1.01 − e⁻¹; ∇f = (e⁻¹ + 0.01)·(1, 1). A few ε for exp/expm1 rounding.
    const e1 = Math.exp(-1);
    expectNear(at(plateau, 1, 1), [1.01 - e1, e1 + 0.01, e1 + 0.01], 4);
    // far out, (6, 0): exp(−18) = 1.5e−8 is negligible next to the tilt, so ∇f ≈ (0.01·6, 0) = (0.06, 0):
    // nearly but not exactly flat.
    const [gx, gy] = plateau.grad(6, 0);
    expect(gx).toBeGreaterThan(0.06);
    expect(gx - 0.06).toBeLessThan(1e-7);
    expect(gy).toBe(0);
  });
});

describe.each(Object.values(testFunctions))('$name', (fn) => {
  it('has a consistent record', () => {
    expect(testFunctions[fn.name]).toBe(fn);
    const { x, y } = fn.domain;
    expect(x[0]).toBeLessThan(x[1]);
    expect(y[0]).toBeLessThan(y[1]);
    for (const [px, py] of [...fn.minima, ...fn.saddles, fn.start]) {
      expect(px >= x[0] && px <= x[1] && py >= y[0] && py <= y[1]).toBe(true);
    }
  });

  it('takes its known value with zero gradient at every listed minimum and saddle', () => {
    for (const [x, y] of [...fn.minima, ...fn.saddles]) {
      // The Himmelblau roots are the f64 roundings of irrational points: |∇f(x̂)| ≤ ‖H‖·|x̂ − x*| + rounding of
      // terms of size ~100, i.e. about 100·ε·100 ≈ 2e−12; 1e−11 leaves a margin. Elsewhere the values are exact.
      const [gx, gy] = fn.grad(x, y);
      expect(Math.hypot(gx, gy)).toBeLessThanOrEqual(1e-11);
    }
    for (const [x, y] of fn.minima) {
      // f grows quadratically away from a minimum, so a rounding of ε in the point gives ~ε² in f.
      expect(Math.abs(fn.f(x, y) - fn.minValue)).toBeLessThanOrEqual(1e-24);
    }
  });

  it('has a gradient that matches 4th-order central differences at random points', () => {
    const rand = mulberry32(0x5eed + fn.name.length);
    for (let i = 0; i < 50; i++) {
      const x = lerp(fn.domain.x, rand());
      const y = lerp(fn.domain.y, rand());
      const [gx, gy] = fn.grad(x, y);
      const fx = (t: number) => fn.f(x + t, y);
      const fy = (t: number) => fn.f(x, y + t);
      // Stencil f'(0) ≈ (8(f(h) − f(−h)) − (f(2h) − f(−2h))) / 12h. Truncation h⁴·|f⁽⁵⁾|/30 ≤ 1e−16·1e5/30
      // (Rastrigin's f⁽⁵⁾ = 20π·(2π)⁴ ≈ 1e5 is the largest here); rounding ≈ 18·ε·|f|/(12h) ≈ 3e−12·|f|.
      // So a bound of 1e−9·(1 + |f| + |g|) holds with a margin of 100 and still catches any wrong term.
      const h = 1e-4;
      const bound = 1e-9 * (1 + Math.abs(fn.f(x, y)) + Math.hypot(gx, gy));
      expect(Math.abs(stencil(fx, h) - gx)).toBeLessThanOrEqual(bound);
      expect(Math.abs(stencil(fy, h) - gy)).toBeLessThanOrEqual(bound);
    }
  });
});

function stencil(f: (t: number) => number, h: number): number {
  return (8 * (f(h) - f(-h)) - (f(2 * h) - f(-2 * h))) / (12 * h);
}

function lerp([lo, hi]: readonly [number, number], t: number): number {
  return lo + (hi - lo) * t;
}

