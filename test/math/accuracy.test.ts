// Accuracy of exp, expm1, log, log1p and tanh (src/js/math.ts, the JS mirror of assembly/math.ts; the WASM builds
// are held bitwise equal to it in parity.test.ts) against a high-precision reference: BigInt series checked against
// decimal.js (reference.ts), on POINTS seeded points per function over the whole domain and its hard regions
// (points.ts). The maximum error in ulps of the exact value is in each test's name. Claims: under 1 ulp (faithful
// rounding) for exp, expm1, log, log1p; under 2 ulps for tanh. Results whose exact value overflows must be +∞.
import { describe, expect, it } from 'vitest';
import * as M from '../../src/js/math.js';
import { bigRef, decimalRef, overflows, relDiff, ulpError, type MathName } from './reference.js';
import { POINTS, domainPoints } from './points.js';

const BOUND: Record<MathName, number> = { exp: 1, expm1: 1, log: 1, log1p: 1, tanh: 2 };
const NAMES = Object.keys(BOUND) as MathName[];

interface Measured { max: number; worst: number; overflowWrong: number[] }

function measure(fn: MathName, xs: Float64Array): Measured {
  const f = M[fn];
  let max = 0, worst = NaN;
  const overflowWrong: number[] = [];
  for (const x of xs) {
    const v = bigRef(fn, x);
    const y = f(x);
    if (overflows(v)) {
      if (y !== Infinity) overflowWrong.push(x);
      continue;
    }
    const e = ulpError(y, v);
    if (!(e <= max)) {
      max = e;
      worst = x;
    }
  }
  return { max, worst, overflowWrong };
}

describe('BigInt reference = decimal.js', () => {
  // The fast reference against the library on a sample of each function's points: agreement to 1e-25 relative is
  // far below the 2⁻⁵³ ≈ 1.1e-16 of an ulp, so the ulp errors below do not depend on which reference is used.
  it.each(NAMES)('%s', (fn) => {
    const xs = domainPoints(fn, 60, 7);
    for (const x of xs) {
      const v = bigRef(fn, x);
      if (overflows(v)) continue;
      expect(relDiff(v, decimalRef(fn, x)), `x = ${x}`).toBeLessThan(1e-25);
    }
  });
});

describe(`accuracy over ${POINTS} points per function (ulps of the exact value)`, () => {
  for (const fn of NAMES) {
    const r = measure(fn, domainPoints(fn, POINTS, 1000 + fn.length));
    it(`${fn}: max ${r.max.toFixed(3)} ulp (at x = ${r.worst}), bound ${BOUND[fn]}`, () => {
      expect(r.overflowWrong).toEqual([]);
      expect(r.max).toBeLessThan(BOUND[fn]);
    });
  }
});
