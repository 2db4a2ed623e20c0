/**
 * Elementary functions of our own: exp, expm1, log, log1p, tanh, and the sigmoid and softplus of the losses. Only
 * + − × ÷, comparisons, exponent bits and exact powers of two: the same doubles in every JS engine and in WASM. Same operation order, constants and branches as assembly/math.ts (scalar), whose f64x2 forms repeat
 * the scalar operations lane by lane. Reductions and minimax polynomials of fdlibm 5.3 (Sun Microsystems, 1993:
 * e_exp.c, s_expm1.c, e_log.c, s_log1p.c, s_tanh.c), with one change: k = round(x/ln 2) by the 1.5·2⁵² shift for
 * every x (fdlibm branches on |x| ≶ ½ln 2, 1½ln 2), so the SIMD lanes need no branch.
 */

// One 8-byte scratch seen as a double and as its two 32-bit words: the exact way to read and set exponent bits in
// JS for log and log1p (a DataView is slower in V8, BigInt much slower). HI indexes the word holding sign, exponent and the top 20
// bits of the fraction.
const F64 = new Float64Array(1);
const I32 = new Int32Array(F64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** 1.5·2⁵²: x + SHIFT − SHIFT rounds |x| < 2⁵¹ to the nearest integer (ties to even), exactly. */
const SHIFT = 6755399441055744.0;
const INV_LN2 = 1.44269504088896338700e+00;
/** ln 2 = LN2_HI + LN2_LO; LN2_HI has 32 significant bits, so k·LN2_HI is exact for |k| < 2²¹. */
const LN2_HI = 6.93147180369123816490e-01;
const LN2_LO = 1.90821492927058770002e-10;

/**
 * 2ᵏ for k = −1022 … 1023 at POW2[k + 1022], made by exact doublings and halvings of 1 (no Math.pow, which is
 * implementation-approximated): every entry is the exact power of two, the double that assembly/math.ts builds from
 * the exponent bits, so the lookup cannot differ between engines. It is faster in V8 than setting the bits through
 * the scratch (exp: ~14 against ~20 ns a call, measured in Node 20).
 */
const POW2 = new Float64Array(2046);
POW2[1022] = 1.0;
for (let i = 1023; i < 2046; i++) POW2[i] = POW2[i - 1]! * 2.0;
for (let i = 1021; i >= 0; i--) POW2[i] = POW2[i + 1]! * 0.5;

/** 2ᵏ for an integer −1022 ≤ k ≤ 1023 (assembly/math.ts: from the exponent bits). */
function pow2(k: number): number {
  return POW2[k + 1022]!;
}

/** y·2ᵏ for −1075 ≤ k ≤ 1024 with one rounding at most (the last product; the others are exact). */
function scale(y: number, k: number): number {
  if (k > 1023) return (y * 2.0) * pow2(1023);
  if (k < -1021) return (y * pow2(k + 1000)) * pow2(-1000);
  return y * pow2(k);
}

// exp: fdlibm e_exp.c's rational form on |r| ≤ ½ln 2 (P1…P5: a Remez fit of R(r²) with error < 2⁻⁵⁹).
const P1 = 1.66666666666666019037e-01;
const P2 = -2.77777777770155933842e-03;
const P3 = 6.61375632143793436117e-05;
const P4 = -1.65339022054652515390e-06;
const P5 = 4.13813679705723846039e-08;
/** Above this, eˣ overflows (ln of the largest double, rounded down). */
const EXP_OVER = 7.09782712893383973096e+02;
/** e rounded to nearest (Math.E). */
const E = 2.718281828459045;
/** Below this, eˣ < 2⁻¹⁰⁷⁵ rounds to 0. */
const EXP_UNDER = -7.45133219101941108420e+02;

/**
 * eˣ (see src/math.ts for the contract). x = k·ln 2 + r with k = round(x/ln 2), r = hi − lo;
 * c = r − r²·(P1 + r²·(P2 + …)); eʳ = 1 − ((lo − r·c/(2 − c)) − hi); eˣ = 2ᵏ·eʳ (fdlibm e_exp.c).
 */
export function exp(x: number): number {
  if (!(x <= EXP_OVER)) return x > 0 ? Infinity : x; // +∞ and overflow; NaN
  if (x < EXP_UNDER) return 0.0;
  if (x === 1.0) return E; // as V8's fdlibm port: exp(1) = Math.E, where the formula gives 1 ulp above
  const kf = (x * INV_LN2 + SHIFT) - SHIFT;
  const hi = x - kf * LN2_HI;
  const lo = kf * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  return scale(y, kf | 0);
}

// expm1: fdlibm s_expm1.c's scaled polynomial (Q1…Q5) for the rational approximation on |r| ≤ ½ln 2.
const Q1 = -3.33333333333331316428e-02;
const Q2 = 1.58730158725481460165e-03;
const Q3 = -7.93650757867487942473e-05;
const Q4 = 4.00821782732936239552e-06;
const Q5 = -2.01099218183624371326e-07;
/** −56·ln 2: below it, eˣ − 1 rounds to −1. */
const EXPM1_MINUS_ONE = -3.88162421113569373274e+01;
/** 2⁻⁵⁴: below it in magnitude, eˣ − 1 rounds to x. */
const EXPM1_TINY = 5.55111512312578270212e-17;

/**
 * eˣ − 1 (see src/math.ts). Reduction x = k·ln 2 + (hi − lo) with the correction c = (hi − r) − lo, then fdlibm
 * s_expm1.c's rational form and its recombination for each range of k.
 */
export function expm1(x: number): number {
  if (!(x <= EXP_OVER)) return x > 0 ? Infinity : x;
  if (x < EXPM1_MINUS_ONE) return -1.0;
  if (Math.abs(x) < EXPM1_TINY) return x;
  const kf = (x * INV_LN2 + SHIFT) - SHIFT;
  const k = kf | 0;
  const hi = x - kf * LN2_HI;
  const lo = kf * LN2_LO;
  const r = hi - lo;
  const c = (hi - r) - lo;
  const hfx = 0.5 * r;
  const hxs = r * hfx;
  const r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - r * t));
  if (k === 0) return r - (r * e - hxs);
  e = (r * (e - c) - c) - hxs;
  if (k === -1) return 0.5 * (r - e) - 0.5;
  if (k === 1) return r < -0.25 ? -2.0 * (e - (r + 0.5)) : 1.0 + 2.0 * (r - e);
  if (k <= -2 || k > 56) return scale(1.0 - (e - r), k) - 1.0;
  if (k < 20) return (1.0 - pow2(-k) - (e - r)) * pow2(k);
  return ((r - (e + pow2(-k))) + 1.0) * pow2(k);
}

// log and log1p: fdlibm e_log.c / s_log1p.c. With s = f/(2 + f), log(1 + f) = 2s + s·R(s²), R a Remez polynomial
// of degree 14 in s (Lg1…Lg7) with error < 2⁻⁵⁸·⁴⁵ on [0, 0.1716].
const LG1 = 6.666666666666735130e-01;
const LG2 = 3.999999999940941908e-01;
const LG3 = 2.857142874366239149e-01;
const LG4 = 2.222219843214978396e-01;
const LG5 = 1.818357216161805012e-01;
const LG6 = 1.531383769920937332e-01;
const LG7 = 1.479819860511658591e-01;
/** 2⁵⁴, to bring a subnormal into the normal range. */
const TWO54 = 1.8014398509481984e16;
/** Adding this to the high word moves [√2/2, √2) onto one binade, so the exponent field gives k (fdlibm). */
const SQRT_HALF_HI = 0x3fe6a09e;
/** log1p takes f = x itself (k = 0) for SQRT_HALF − 1 < x < SQRT2 − 1 (fdlibm's 0xbfd2bec4 and 0x3fda827a). */
const LOG1P_F_MIN = -0.2928932188134524;
const LOG1P_F_MAX = 0.41421356237309503;

/** log(1 + f) + k·ln 2 + c from the reduced f (fdlibm: s·(hfsq + R) + (k·ln2_lo + c) − hfsq + f + k·ln2_hi). */
function logReduced(f: number, dk: number, c: number): number {
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  return s * (hfsq + R) + (dk * LN2_LO + c) - hfsq + f + dk * LN2_HI;
}

/**
 * ln x (see src/math.ts). x = 2ᵏ·(1 + f) with 1 + f in [√2/2, √2) from the exponent bits (subnormals scaled by 2⁵⁴
 * first), then the fdlibm e_log.c polynomial in s = f/(2 + f).
 */
export function log(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN; // ±0, negatives, NaN
  if (x === Infinity) return x;
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    x *= TWO54;
    k = -54;
  }
  F64[0] = x;
  const hx = I32[HI]! + (0x3ff00000 - SQRT_HALF_HI);
  k += (hx >> 20) - 0x3ff;
  I32[HI] = (hx & 0x000fffff) + SQRT_HALF_HI;
  const f = F64[0]! - 1.0;
  return logReduced(f, k, 0.0);
}

/** 2⁻⁵³: below it in magnitude, log(1 + x) rounds to x. */
const LOG1P_TINY = 1.1102230246251565e-16;

/**
 * ln(1 + x) (see src/math.ts). For SQRT_HALF − 1 < x < √2 − 1, f = x exactly; otherwise u = 1 + x is reduced as in
 * log, and c = (x − (u − 1))/u (or (1 − (u − x))/u for k ≥ 2) restores what rounding 1 + x lost (fdlibm s_log1p.c).
 */
export function log1p(x: number): number {
  if (!(x > -1.0)) return x === -1.0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  if (Math.abs(x) < LOG1P_TINY) return x;
  if (x > LOG1P_F_MIN && x < LOG1P_F_MAX) return logReduced(x, 0.0, 0.0);
  const u = 1.0 + x;
  F64[0] = u;
  const hu = I32[HI]! + (0x3ff00000 - SQRT_HALF_HI);
  const k = (hu >> 20) - 0x3ff;
  let c = 0.0;
  if (k < 54) c = (k >= 2 ? 1.0 - (u - x) : x - (u - 1.0)) / u;
  I32[HI] = (hu & 0x000fffff) + SQRT_HALF_HI;
  return logReduced(F64[0]! - 1.0, k, c);
}

/** Taylor coefficients of tanh (2²ⁿ(2²ⁿ − 1)B₂ₙ/(2n)!, Bernoulli B₂ₙ), rounded to doubles: x³ … x³⁷. */
const T3 = -0.3333333333333333;
const T5 = 0.13333333333333333;
const T7 = -0.05396825396825397;
const T9 = 0.021869488536155203;
const T11 = -0.008863235529902197;
const T13 = 0.003592128036572481;
const T15 = -0.0014558343870513183;
const T17 = 0.000590027440945586;
const T19 = -0.00023912911424355248;
const T21 = 9.691537956929451e-05;
const T23 = -3.927832388331683e-05;
const T25 = 1.5918905069328964e-05;
const T27 = -6.451689215655431e-06;
const T29 = 2.6147711512907546e-06;
const T31 = -1.0597268320104654e-06;
const T33 = 4.294911078273806e-07;
const T35 = -1.7406618963571648e-07;
const T37 = 7.054636946400968e-08;
/** 2⁻⁵⁵: below it in magnitude, tanh x rounds to x. */
const TANH_TINY = 2.7755575615628914e-17;

/**
 * tanh x (see src/math.ts). fdlibm s_tanh.c: for |x| ≥ 22, ±1; for 1 ≤ |x| < 22, 1 − 2/(t + 2) with
 * t = expm1(2|x|); for ½ ≤ |x| < 1, t/(t + 2) with the same t (fdlibm: −t/(t + 2) with t = expm1(−2|x|), whose
 * error reaches 2.02 ulps; the positive t propagates less); the sign restored last. Below ½, where the quotient's
 * three roundings come to 2.15 ulps (1.94 up to ½), the Taylor series x + x·(x²·(T3 + x²·(… + x²·T37)))
 * (truncation < 2⁻⁶² relative), within about ½ ulp.
 */
export function tanh(x: number): number {
  const a = Math.abs(x);
  if (!(a < 22.0)) return a === a ? (x > 0 ? 1.0 : -1.0) : x; // |x| ≥ 22 and ±∞; NaN
  if (a < TANH_TINY) return x;
  if (a < 0.5) {
    const w = x * x;
    return x + x * (w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * (T11 + w * (T13 + w * (T15 + w * (T17 + w * (
      T19 + w * (T21 + w * (T23 + w * (T25 + w * (T27 + w * (T29 + w * (T31 + w * (T33 + w * (T35 + w * (T37)))))))))))))))))));
  }
  let z: number;
  if (a >= 1.0) {
    z = 1.0 - 2.0 / (expm1(2.0 * a) + 2.0);
  } else {
    const t = expm1(2.0 * a);
    z = t / (t + 2.0);
  }
  return x > 0 ? z : -z;
}

/**
 * σ(x) = 1/(1 + e⁻ˣ) as the logistic loss computes it: e = exp(−|x|), then 1/(1 + e) for x ≥ 0 and e/(1 + e) below.
 */
export function sigmoid(x: number): number {
  const e = exp(-Math.abs(x));
  return x >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
}

/** softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(exp(−|x|)), as the logistic loss computes it. */
export function softplus(x: number): number {
  return Math.max(x, 0.0) + log1p(exp(-Math.abs(x)));
}
