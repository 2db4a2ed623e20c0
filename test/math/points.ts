/**
 * Test points for the elementary functions: each function's whole domain (uniform, and log-uniform in |x| down to
 * the subnormals) plus the regions where such algorithms break: near 0, the overflow/underflow thresholds, the
 * reduction boundaries (x ≈ (j + ½)·ln 2 for exp, 1 + x ≈ √2·2ʲ for log/log1p), near −1 for log1p, subnormal
 * inputs, large |x| for tanh, and IEEE specials. Seeded, so a failure names a reproducible point.
 */
import type { MathName } from './reference.js';
import { mulberry32 } from '../prng.js';

/** Points per function: 10⁵ by default; MOMENTUM_MATH_POINTS=1000000 for a long run. */
export const POINTS = Number(process.env.MOMENTUM_MATH_POINTS ?? 100_000);


const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The double n ulps away from x (n may be negative), through the bits. */
export function ulpStep(x: number, n: number): number {
  F64[0] = x;
  const lo = U32[1 - HI]!, hi = U32[HI]!;
  let v = BigInt(hi) * 4294967296n + BigInt(lo);
  const neg = v >= 1n << 63n;
  if (neg) v -= 1n << 63n;
  // Moving a positive magnitude by n; for negative x, n moves toward −∞ when positive.
  let m = neg ? -v + BigInt(-n) : v + BigInt(n);
  const sign = m < 0n;
  if (sign) m = -m;
  U32[HI] = Number(m >> 32n) + (sign ? 0x80000000 : 0);
  U32[1 - HI] = Number(m & 0xffffffffn);
  return F64[0]!;
}

/** A random double with |x| log-uniform in [2^lo, 2^hi) (a random exponent and a random significand). */
function logUniform(rnd: () => number, lo: number, hi: number): number {
  const e = lo + Math.floor(rnd() * (hi - lo));
  return (1 + rnd()) * 2 ** e;
}

const LN2 = Math.LN2;

/** Finite points inside f's domain (its real value may still overflow: exp near 709.78). */
export function domainPoints(fn: MathName, n: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  const out = new Float64Array(n);
  const sign = () => (rnd() < 0.5 ? -1 : 1);
  const near = (x: number, ulps: number) => ulpStep(x, Math.round((rnd() * 2 - 1) * ulps));
  for (let i = 0; i < n; i++) {
    const u = rnd();
    let x: number;
    switch (fn) {
      case 'exp':
        if (u < 0.35) x = -745.2 + 1455 * rnd();
        else if (u < 0.6) x = sign() * logUniform(rnd, -1074, 10);
        else if (u < 0.7) x = sign() * 1e-5 * rnd();
        else if (u < 0.8) x = near((Math.floor(rnd() * 2100) - 1075.5) * LN2, 64);
        else if (u < 0.87) x = near(709.782712893384, 2000); // overflow
        else if (u < 0.94) x = near(-745.1332191019412, 2000); // underflow to 0 / 2⁻¹⁰⁷⁴
        else x = near(-708.3964185322641, 5000); // results become subnormal
        x = Math.min(Math.max(x, -746), 710);
        break;
      case 'expm1':
        if (u < 0.3) x = -40 + 750 * rnd();
        else if (u < 0.6) x = sign() * logUniform(rnd, -1074, 10);
        else if (u < 0.7) x = sign() * 1e-3 * rnd();
        else if (u < 0.85) x = near((Math.floor(rnd() * 120) - 60.5) * LN2, 64);
        else if (u < 0.92) x = near(709.782712893384, 2000);
        else x = near(-38.816242111356935, 1e6);
        x = Math.min(x, 710);
        break;
      case 'log':
        if (u < 0.4) x = logUniform(rnd, -1074, 1024);
        else if (u < 0.55) x = 1 + sign() * logUniform(rnd, -60, -1);
        else if (u < 0.7) x = near(Math.SQRT2 * 2 ** (Math.floor(rnd() * 2000) - 1000), 1e6);
        else if (u < 0.8) x = rnd() * 2.2250738585072014e-308; // subnormals
        else if (u < 0.9) x = 1e-300 + 1e300 * rnd();
        else x = near(1.7976931348623157e308, 1e9);
        if (!(x > 0) || !Number.isFinite(x)) x = 0.5;
        break;
      case 'log1p':
        if (u < 0.2) x = -1 + logUniform(rnd, -53, 0); // near −1
        else if (u < 0.4) x = sign() * logUniform(rnd, -1074, -1); // near 0, subnormals included
        else if (u < 0.55) x = logUniform(rnd, -1, 1024);
        else if (u < 0.65) x = -rnd();
        else if (u < 0.75) x = near(rnd() < 0.5 ? -0.2928932188134524 : 0.41421356237309503, 1e5);
        else if (u < 0.85) x = near(Math.SQRT2 * 2 ** Math.floor(rnd() * 60) - 1, 1e5);
        else x = 3 * rnd() - 0.9;
        if (!(x > -1) || !Number.isFinite(x)) x = 0.5;
        break;
      case 'tanh':
        if (u < 0.3) x = sign() * logUniform(rnd, -1074, 10);
        else if (u < 0.55) x = 2 * rnd() - 1;
        else if (u < 0.75) x = 44 * rnd() - 22;
        else if (u < 0.85) x = sign() * near(rnd() < 0.5 ? 1 : 22, 1e6);
        else if (u < 0.9) x = sign() * (22 + 1000 * rnd());
        else x = sign() * 1e-7 * rnd();
        break;
    }
    out[i] = x;
  }
  return out;
}

/** IEEE special inputs (and their neighbours) that every function must handle as Math does. */
export const SPECIALS: number[] = [
  NaN, Infinity, -Infinity, 0, -0, 5e-324, -5e-324, 2.2250738585072014e-308, -2.2250738585072014e-308,
  2.225073858507201e-308, 1.7976931348623157e308, -1.7976931348623157e308, 1, -1, 0.5, -0.5, 2, -2, 22, -22,
  709.782712893384, 709.7827128933841, -745.1332191019411, -745.1332191019412, -708.3964185322641, 710, -746,
  -38.816242111356935, 1e-300, -1e-300, 1.1102230246251565e-16, -1.1102230246251565e-16, 5.551115123125783e-17,
  2.7755575615628914e-17, -0.9999999999999999, -1.0000000000000002, 1e308, -1e308,
];
