// momentum-gd/math: the documented example, and each export is the kernels' function (the same double).
import { describe, expect, it } from 'vitest';
import * as pub from 'momentum-gd/math';
import * as M from '../../src/js/math.js';
import { domainPoints } from './points.js';

describe('momentum-gd/math', () => {
  it('runs the documented example', () => {
    // e = 2.71828182845904523536…, whose nearest double prints as 2.718281828459045; ln(1 + 1e-20) = 1e-20 − 5e-41…
    expect(pub.exp(1)).toBe(2.718281828459045);
    expect(pub.log1p(1e-20)).toBe(1e-20);
    expect(pub.sigmoid(0)).toBe(0.5);
  });

  it('exports the functions the kernels use', () => {
    for (const fn of ['exp', 'expm1', 'log', 'log1p', 'tanh'] as const) {
      for (const x of domainPoints(fn, 200, 5)) expect(Object.is(pub[fn](x), M[fn](x))).toBe(true);
    }
  });

  it('sigmoid and softplus: symmetric forms, limits, no overflow', () => {
    for (const x of [0.1, 1, 5, 30, 700, 800]) {
      // σ(−x) = 1 − σ(x) and softplus(x) − softplus(−x) = x, each within a few roundings.
      expect(Math.abs(pub.sigmoid(-x) - (1 - pub.sigmoid(x)))).toBeLessThanOrEqual(2 * Number.EPSILON);
      expect(Math.abs(pub.softplus(x) - pub.softplus(-x) - x)).toBeLessThanOrEqual(4 * Number.EPSILON * x);
    }
    expect(pub.sigmoid(800)).toBe(1);
    expect(pub.sigmoid(-800)).toBe(0);
    expect(pub.softplus(1000)).toBe(1000);
    expect(pub.softplus(-800)).toBe(0);
    // softplus(−40) = ln(1 + e⁻⁴⁰) = e⁻⁴⁰ − e⁻⁸⁰/2 = 4.248354255291589e-18 (to 16 digits).
    expect(Math.abs(pub.softplus(-40) / 4.248354255291589e-18 - 1)).toBeLessThan(4 * Number.EPSILON);
    expect(pub.sigmoid(NaN)).toBeNaN();
    expect(pub.softplus(NaN)).toBeNaN();
  });
});
