// The same doubles from every implementation of the elementary functions: the JS mirror (src/js/math.ts), the
// scalar functions of both WASM builds, and the f64x2 forms of the SIMD build (two lanes per vector, their scalar
// fallback for lanes out of the vector range, mixed lanes included), compared with Object.is on each function's
// test points and on the IEEE specials, whose values must also be Math's (NaN, ±∞, ±0, −1, ±1, overflow, underflow).
import { describe, expect, it } from 'vitest';
import * as M from '../../src/js/math.js';
import { POINTS, SPECIALS, domainPoints } from './points.js';
import { wasmMap } from './wasm.js';
import type { MathName } from './reference.js';

const NAMES: MathName[] = ['exp', 'expm1', 'log', 'log1p', 'tanh'];

/** Indices where a and b differ (Object.is), at most 5. */
function mismatches(xs: Float64Array, a: Float64Array, b: Float64Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < xs.length && out.length < 5; i++) {
    if (!Object.is(a[i], b[i])) out.push(`x = ${xs[i]}: ${a[i]} vs ${b[i]}`);
  }
  return out;
}

/** Domain points, then every special paired with every other (each lane order) so that vectors mix lanes. */
function pointsFor(fn: MathName): Float64Array {
  const domain = domainPoints(fn, Math.min(POINTS, 50_000), 77 + fn.length);
  const mixed: number[] = [];
  const some = Array.from(domain.subarray(0, 40));
  for (const s of SPECIALS) for (const t of [...SPECIALS, ...some]) mixed.push(s, t, t, s);
  const xs = new Float64Array(domain.length + mixed.length);
  xs.set(domain);
  xs.set(mixed, domain.length);
  return xs;
}

describe('elementary functions: JS = WASM scalar = WASM f64x2 (Object.is)', () => {
  it.each(NAMES)('%s', (fn) => {
    const xs = pointsFor(fn);
    const js = xs.map((x) => M[fn](x));
    expect(mismatches(xs, js, wasmMap(false, fn, xs, false))).toEqual([]);
    expect(mismatches(xs, js, wasmMap(true, fn, xs, false))).toEqual([]);
    expect(mismatches(xs, js, wasmMap(true, fn, xs, true))).toEqual([]);
    // An odd count: the last element takes the scalar tail after the pairs.
    const odd = xs.subarray(0, 1001);
    expect(mismatches(odd, js.subarray(0, 1001), wasmMap(true, fn, odd, true))).toEqual([]);
  });
});

describe('IEEE special cases as Math has them', () => {
  // Values every IEEE implementation shares (exact or a limit), so Math's result is the reference here.
  const exact = (fn: MathName, y: number) =>
    Number.isNaN(y) || !Number.isFinite(y) || y === 0 || Math.abs(y) === 1 || (fn !== 'exp' && Math.abs(y) < 1e-300);
  it.each(NAMES)('%s', (fn) => {
    for (const x of SPECIALS) {
      const expected = Math[fn](x);
      if (exact(fn, expected)) expect(Object.is(M[fn](x), expected), `${fn}(${x}) = ${M[fn](x)}, Math: ${expected}`).toBe(true);
    }
  });
  it('signed zeros and the thresholds', () => {
    expect(Object.is(M.expm1(-0), -0)).toBe(true);
    expect(Object.is(M.log1p(-0), -0)).toBe(true);
    expect(Object.is(M.tanh(-0), -0)).toBe(true);
    expect(Object.is(M.log(0), -Infinity)).toBe(true);
    expect(Object.is(M.log(-0), -Infinity)).toBe(true);
    expect(Object.is(M.log1p(-1), -Infinity)).toBe(true);
    expect(M.log1p(-1.0000000000000002)).toBeNaN();
    expect(M.log(-5e-324)).toBeNaN();
    // e^709.782712893384 = 1.7976931348622…e308 (finite), the next double overflows; 2⁻¹⁰⁷⁴ = 5e-324 is the smallest
    // result of exp (e^−745.1332191019411 ≈ 4.94e-324·1.0000…), e^−745.1332191019412 < 2⁻¹⁰⁷⁵ rounds to 0.
    expect(Number.isFinite(M.exp(709.782712893384))).toBe(true);
    expect(M.exp(709.7827128933841)).toBe(Infinity);
    expect(M.exp(-745.1332191019411)).toBe(5e-324);
    expect(M.exp(-745.1332191019412)).toBe(0);
    expect(M.expm1(-40)).toBe(-1);
    expect(M.tanh(22)).toBe(1);
    expect(M.tanh(-1e300)).toBe(-1);
    expect(M.exp(5e-324)).toBe(1);
    expect(M.log1p(5e-324)).toBe(5e-324);
    expect(M.tanh(-5e-324)).toBe(-5e-324);
    expect(M.log(5e-324)).toBe(-744.4400719213812); // ln 2⁻¹⁰⁷⁴ = −1074·ln 2 = −744.44007192138126…
  });
});
