// log1pUnit, the logistic loss's ln(1 + x) for x in [0, 1] (its softplus term log1p(e^−|z|); src/elementary.ts,
// assembly/math.ts): faithfully rounded on its domain against the BigInt reference (itself checked against
// decimal.js, accuracy.test.ts) on 10⁵ seeded points plus its hard regions (0, subnormals, the table's boundaries
// x ≈ (j ± ½)/128, the end of the c = 1 entries at 2.5/128, 1); the same double from the JS mirror, the scalar
// function of both WASM builds and the f64x2 form (mixed lanes, an odd count); its table against decimal.js.
import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import * as M from '../../src/js/math.js';
import { LOG1P_UNIT_TABLE } from '../../src/elementary.js';
import { mulberry32 } from '../prng.js';
import { POINTS, ulpStep } from './points.js';
import { bigRef, dec, decimalRef, relDiff, ulpError } from './reference.js';
import { wasmMapId } from './wasm.js';

const MATH_LOG1P_UNIT = 5; // assembly/math.ts

/** Seeded points of [0, 1]: uniform, log-uniform down to the subnormals, and each table boundary's neighbours. */
function unitPoints(n: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  const out: number[] = [0, 1, 5e-324, 2 ** -1074 * 3, 2 ** -1022, 2 ** -53, 2 ** -52, 1e-300, 2.5 / 128, 0.5, 0.75];
  for (let i = 0; i < n / 2; i++) out.push(rnd());
  for (let i = 0; i < n / 4; i++) out.push(2 ** (-1074 * rnd() ** 3));
  for (let i = 0; i < n / 8; i++) out.push(rnd() * (4 / 128));
  for (let j = 0; j <= 128; j++) {
    for (const b of [(j - 0.5) / 128, (j + 0.5) / 128, j / 128]) {
      for (let k = -8; k <= 8; k++) {
        const x = b > 0 ? ulpStep(b, k) : Math.abs(k) * 5e-324;
        if (x >= 0 && x <= 1) out.push(x);
      }
    }
  }
  return Float64Array.from(out);
}

function wasmUnit(simd: boolean, xs: Float64Array, vectors: boolean): Float64Array {
  return wasmMapId(simd, MATH_LOG1P_UNIT, xs, vectors);
}

const xs = unitPoints(POINTS, 2024);
let max = 0, worst = NaN, differ = 0;
for (const x of xs) {
  const y = M.log1pUnit(x);
  const e = ulpError(y, bigRef('log1p', x));
  if (!(e <= max)) {
    max = e;
    worst = x;
  }
  if (!Object.is(y, M.log1p(x))) differ++;
}

describe('log1pUnit: ln(1 + x) on [0, 1] without division', () => {
  it(`faithful over ${xs.length} points: max ${max.toFixed(3)} ulp (at x = ${worst}); ${differ} differ from log1p`, () => {
    // The design bound: 0.5 (the last addition) + |r|/ln(1 + x) ≤ 0.2 (rounding r, from j = 3 on) + the polynomial.
    expect(max).toBeLessThan(0.75);
    expect(Object.is(M.log1pUnit(0), 0)).toBe(true);
    expect(M.log1pUnit(1)).toBe(M.log(2)); // ln 2 rounded: both faithful, and ln 2 is far from a midpoint
    expect(M.log1pUnit(5e-324)).toBe(5e-324);
    expect(M.log1pUnit(NaN)).toBeNaN();
  });

  it('the BigInt reference = decimal.js on a sample of these points', () => {
    for (const x of xs.subarray(0, 60)) expect(relDiff(bigRef('log1p', x), decimalRef('log1p', x)), `x = ${x}`).toBeLessThan(1e-25);
  });

  it('JS = WASM scalar (both builds) = WASM f64x2 (Object.is), mixed lanes and an odd count', () => {
    const mixed = Float64Array.from([...xs.subarray(0, 5000), NaN, 0.3, 1, NaN, 0, 5e-324]);
    const js = mixed.map((x) => M.log1pUnit(x));
    for (const [simd, vectors] of [[false, false], [true, false], [true, true]] as const) {
      const got = wasmUnit(simd, mixed, vectors);
      const bad = Array.from(mixed).filter((x, i) => !Object.is(js[i], got[i])).slice(0, 5);
      expect(bad, `simd ${simd}, vectors ${vectors}`).toEqual([]);
    }
    const odd = mixed.subarray(0, 1001);
    expect(Array.from(wasmUnit(true, odd, true)).every((y, i) => Object.is(y, js[i]))).toBe(true);
  });

  it('its table: 1/c_j and ln c_j rounded to nearest, ln c_j − hi rounded, c_j − 1 = j/128 (decimal.js, 40 digits)', () => {
    const D = Decimal.clone({ precision: 40 });
    const t = new Float64Array(LOG1P_UNIT_TABLE.buffer);
    expect(t.length).toBe(4 * 129);
    const ulp = (x: number): number => 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52);
    const bad: string[] = [];
    for (let j = 0; j <= 128; j++) {
      const [invc, off, hi, lo] = [t[4 * j]!, t[4 * j + 1]!, t[4 * j + 2]!, t[4 * j + 3]!];
      if (j <= 2) {
        if (!(invc === 1 && off === 0 && hi === 0 && lo === 0)) bad.push(`${j}: not 1, 0, 0, 0`);
        continue;
      }
      const c = new D(1).plus(new D(j).div(128));
      if (off !== j / 128) bad.push(`${j}: offset`);
      if (!(dec(invc).minus(new D(1).div(c)).abs().toNumber() <= ulp(invc) / 2)) bad.push(`${j}: 1/c`);
      const L = c.ln();
      if (!(dec(hi).minus(L).abs().toNumber() <= ulp(hi) / 2)) bad.push(`${j}: ln c`);
      if (!(dec(lo).minus(L.minus(dec(hi))).abs().toNumber() <= ulp(lo) / 2)) bad.push(`${j}: ln c − hi`);
    }
    expect(bad).toEqual([]);
  });
});
