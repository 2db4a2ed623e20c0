/**
 * High-precision references for the accuracy tests of src/js/math.ts and assembly/math.ts.
 *
 * Two independent references, neither sharing anything with the code under test:
 * - decimal.js (an arbitrary-precision library, used only in tests): every double converted exactly, each function
 *   evaluated to 40 significant digits. About 0.5 ms a point, so it checks the fast reference below on a sample.
 * - BigInt series (~10 µs a point, used for the 10⁵ points): values m·2ᵉ with 160-bit fixed-point Taylor / atanh
 *   series, ln 2 taken from decimal.js to 60 digits. Its absolute error is below 2⁻¹⁵⁰ on the reduced argument,
 *   relative where the result is small (series in x for |x| < ¼), so every ulp error below is exact to ~2⁻⁹⁰.
 */
import Decimal from 'decimal.js';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -9e15, toExpPos: 9e15, minE: -9e15, maxE: 9e15 });
export type Dec = InstanceType<typeof D>;

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** A finite double as m·2ᵉ exactly (m a signed integer). */
export function parts(x: number): [bigint, number] {
  F64[0] = x;
  const bits = U64[0]!;
  const be = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  let e = -1074;
  if (be !== 0) {
    m |= 1n << 52n;
    e = be - 1075;
  }
  return [bits >> 63n === 1n ? -m : m, e];
}

// ---------------------------------------------------------------- decimal.js

const pow2Cache = new Map<number, Dec>();
function pow2Dec(e: number): Dec {
  let p = pow2Cache.get(e);
  if (!p) pow2Cache.set(e, (p = new D(2).pow(e)));
  return p;
}

/** The exact value of a finite double, as a decimal.js number (40 digits). */
export function dec(x: number): Dec {
  const [m, e] = parts(x);
  return new D(m.toString()).times(pow2Dec(e));
}

const W = D.clone({ precision: 200 });

/** f(x) by decimal.js, 40 digits: exp, expm1, ln, ln(1 + x), tanh (1 + x is formed exactly first). */
export function decimalRef(fn: MathName, x: number): Dec {
  const v = dec(x);
  switch (fn) {
    case 'exp': return v.exp();
    case 'expm1': return Math.abs(x) < 1e-10 ? v.plus(v.times(v).div(2)).plus(v.pow(3).div(6)) : v.exp().minus(1);
    case 'log': return v.ln();
    case 'log1p': {
      if (Math.abs(x) < 1e-10) return v.minus(v.times(v).div(2)).plus(v.pow(3).div(3));
      // 1 + x exactly, then 50 digits of it: for |x| ≥ 1e-10 that keeps x to 1e-40 relative.
      return new D(new W(1).plus(new W(v)).toSignificantDigits(50)).ln();
    }
    case 'tanh': return Math.abs(x) < 1e-10 ? v.minus(v.pow(3).div(3)) : v.tanh();
  }
}

// ---------------------------------------------------------------- BigInt series

/** A real m·2ᵉ. */
export interface Big { m: bigint; e: number }

const P = 160;
const PB = 160n;
const ONE = 1n << PB;
/** ln 2·2¹⁶⁰, from decimal.js at 60 digits. */
const D60 = Decimal.clone({ precision: 60 });
const LN2 = BigInt(D60.ln(2).times(D60.pow(2, P)).toFixed(0));

function shift(m: bigint, s: number): bigint {
  return s >= 0 ? m << BigInt(s) : m >> BigInt(-s);
}
/** A double in 2⁻¹⁶⁰ fixed point (rounded toward −∞ below 2⁻¹⁶⁰). */
function fixed(x: number): bigint {
  const [m, e] = parts(x);
  return shift(m, e + P);
}
function bitLength(m: bigint): number {
  return m === 0n ? 0 : (m < 0n ? -m : m).toString(2).length;
}

/** e^r·2¹⁶⁰ for a fixed-point |r| ≤ 1: Taylor series to below 2⁻¹⁶⁰. */
function expFixed(r: bigint): bigint {
  let sum = ONE, term = ONE;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * r >> PB) / n;
    sum += term;
  }
  return sum;
}
/** (eˣ − 1)/x·2¹⁶⁰ = Σ xⁿ/(n + 1)! for a fixed-point |x| ≤ 1. */
function expm1OverX(x: bigint): bigint {
  let sum = ONE, term = ONE;
  for (let n = 2n; term !== 0n; n++) {
    term = (term * x >> PB) / n;
    sum += term;
  }
  return sum;
}
/** atanh(s)/s·2¹⁶⁰ = Σ s²ⁿ/(2n + 1) for a fixed-point |s| ≤ ½. */
function atanhOverS(s: bigint): bigint {
  const s2 = s * s >> PB;
  let sum = ONE, p = ONE;
  for (let n = 3n; p !== 0n; n += 2n) {
    p = p * s2 >> PB;
    sum += p / n;
  }
  return sum;
}

function bigExp(x: number): Big {
  const k = Math.round(x / Math.LN2);
  return { m: expFixed(fixed(x) - BigInt(k) * LN2), e: k - P };
}
function bigExpm1(x: number): Big {
  if (Math.abs(x) < 0.25) {
    const [m, e] = parts(x);
    return { m: m * expm1OverX(fixed(x)), e: e - P };
  }
  const { m, e } = bigExp(x);
  return e >= 0 ? { m: (m << BigInt(e)) - 1n, e: 0 } : { m: m - (1n << BigInt(-e)), e };
}
/** ln(m·2ᵉ) for m > 0. */
function bigLogOf(m: bigint, e: number): Big {
  const b = bitLength(m);
  // m = 2^(b−1)·t with t in [1, 2); take t/2 above 1.5 so that s = (t − 1)/(t + 1) stays in [−⅕, ⅕].
  let h = 1n << BigInt(b - 1);
  let E = e + b - 1;
  if (m * 2n > 3n * h) {
    h <<= 1n;
    E += 1;
  }
  const s = ((m - h) << PB) / (m + h);
  return { m: 2n * (s * atanhOverS(s) >> PB) + BigInt(E) * LN2, e: -P };
}
function bigLog(x: number): Big {
  const [m, e] = parts(x);
  return bigLogOf(m, e);
}
function bigLog1p(x: number): Big {
  const [m, e] = parts(x);
  if (Math.abs(x) < 0.25) {
    // ln(1 + x) = 2·atanh(s), s = x/(2 + x), relative to x: 2·m·2ᵉ·inv·atanh(s)/s with inv = 1/(2 + x).
    const inv = (ONE << PB) / (2n * ONE + fixed(x));
    const s = fixed(x) * inv >> PB;
    return { m: 2n * m * inv * atanhOverS(s) >> PB, e: e - P };
  }
  // 1 + x exactly: |x| ≥ ¼ has e ≥ −54.
  return e >= 0 ? bigLogOf((m << BigInt(e)) + 1n, 0) : bigLogOf(m + (1n << BigInt(-e)), e);
}
function bigTanh(x: number): Big {
  const a = Math.abs(x);
  const sign = x < 0 ? -1n : 1n;
  if (a < 0.25) {
    // tanh a = u/(u + 2), u = e^(2a) − 1 (relative to a).
    const u = bigExpm1(2 * a);
    const uFixed = shift(u.m, u.e + P);
    return { m: sign * (u.m * ((ONE << PB) / (uFixed + 2n * ONE)) >> PB), e: u.e };
  }
  // tanh a = (1 − E)/(1 + E), E = e^(−2a) ≤ e^(−½).
  const E = bigExp(-2 * a);
  const Ef = shift(E.m, E.e + P);
  return { m: sign * (((ONE - Ef) << PB) / (ONE + Ef)), e: -P };
}

export type MathName = 'exp' | 'expm1' | 'log' | 'log1p' | 'tanh';

/** f(x) as m·2ᵉ by the BigInt series (finite x inside the function's domain, result finite). */
export function bigRef(fn: MathName, x: number): Big {
  switch (fn) {
    case 'exp': return bigExp(x);
    case 'expm1': return bigExpm1(x);
    case 'log': return bigLog(x);
    case 'log1p': return bigLog1p(x);
    case 'tanh': return bigTanh(x);
  }
}

/** |y − v| in ulps of v (binary64 ulps: 2^(max(⌊log₂|v|⌋, −1022) − 52)); an infinite y counts as ∞. */
export function ulpError(y: number, v: Big): number {
  if (!Number.isFinite(y)) return Infinity;
  if (v.m === 0n) return y === 0 ? 0 : Infinity;
  const [my, ey] = parts(y);
  const c = Math.min(ey, v.e);
  const diff = shift(my, ey - c) - shift(v.m, v.e - c);
  const u = Math.max(bitLength(v.m) - 1 + v.e, -1022) - 52;
  const ad = diff < 0n ? -diff : diff;
  // Keep 64 significant bits of the difference before converting, so that Number() never overflows.
  const extra = Math.max(bitLength(ad) - 64, 0);
  return Number(ad >> BigInt(extra)) * 2 ** (c + extra - u);
}

/** True when the real v, rounded to nearest, is +∞ in binary64 (v ≥ (2 − 2⁻⁵³)·2¹⁰²³). */
export function overflows(v: Big): boolean {
  const limit: Big = { m: (1n << 54n) - 1n, e: 1024 - 54 };
  const c = Math.min(v.e, limit.e);
  return shift(v.m, v.e - c) >= shift(limit.m, limit.e - c);
}

/** |v − w|/|w| between a BigInt reference and a decimal.js one. */
export function relDiff(v: Big, w: Dec): number {
  const vd = new D(v.m.toString()).times(pow2Dec(v.e));
  if (w.isZero()) return vd.abs().toNumber();
  return vd.minus(w).div(w).abs().toNumber();
}
