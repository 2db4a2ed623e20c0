// Elementary functions of our own, so that the WASM core imports nothing and gives the same doubles as the JS
// fallback in every engine: exp, expm1, log, log1p, tanh. Only + − × ÷, comparisons and exact power-of-two scaling
// through the exponent bits. fdlibm 5.3's reductions and minimax polynomials (e_exp.c, s_expm1.c, e_log.c,
// s_log1p.c, s_tanh.c), with k = round(x/ln 2) by the 1.5·2⁵² shift. Same constants, branches and operation order
// as src/js/math.ts (documented there and in src/math.ts). The f64x2 forms (expV, logV, log1pV; SIMD build) repeat
// the scalar operations lane by lane, choosing between the scalar's branches with exact bit selects, and hand a
// vector with a lane outside their range (overflow, subnormal, NaN, …) to the scalar function lane by lane: the same
// double in every lane as the scalar function.

const SHIFT: f64 = 6755399441055744.0;
const INV_LN2: f64 = 1.44269504088896338700e+00;
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;

/** 2ᵏ for an integer −1022 ≤ k ≤ 1023. */
// @ts-ignore: decorator
@inline
function pow2(k: i32): f64 {
  return reinterpret<f64>(<i64>(k + 1023) << 52);
}

/** y·2ᵏ for −1075 ≤ k ≤ 1024 with one rounding at most. */
// @ts-ignore: decorator
@inline
function scale(y: f64, k: i32): f64 {
  if (k > 1023) return (y * 2.0) * pow2(1023);
  if (k < -1021) return (y * pow2(k + 1000)) * pow2(-1000);
  return y * pow2(k);
}

const P1: f64 = 1.66666666666666019037e-01;
const P2: f64 = -2.77777777770155933842e-03;
const P3: f64 = 6.61375632143793436117e-05;
const P4: f64 = -1.65339022054652515390e-06;
const P5: f64 = 4.13813679705723846039e-08;
const EXP_OVER: f64 = 7.09782712893383973096e+02;
const E: f64 = 2.718281828459045;
const EXP_UNDER: f64 = -7.45133219101941108420e+02;

/** eˣ (fdlibm e_exp.c; src/js/math.ts: exp). */
export function exp(x: f64): f64 {
  if (!(x <= EXP_OVER)) return x > 0 ? Infinity : x;
  if (x < EXP_UNDER) return 0.0;
  if (x == 1.0) return E;
  const kf = (x * INV_LN2 + SHIFT) - SHIFT;
  const hi = x - kf * LN2_HI;
  const lo = kf * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
  return scale(y, <i32>kf);
}

const Q1: f64 = -3.33333333333331316428e-02;
const Q2: f64 = 1.58730158725481460165e-03;
const Q3: f64 = -7.93650757867487942473e-05;
const Q4: f64 = 4.00821782732936239552e-06;
const Q5: f64 = -2.01099218183624371326e-07;
const EXPM1_MINUS_ONE: f64 = -3.88162421113569373274e+01;
const EXPM1_TINY: f64 = 5.55111512312578270212e-17;

/** eˣ − 1 (fdlibm s_expm1.c; src/js/math.ts: expm1). */
export function expm1(x: f64): f64 {
  if (!(x <= EXP_OVER)) return x > 0 ? Infinity : x;
  if (x < EXPM1_MINUS_ONE) return -1.0;
  if (Math.abs(x) < EXPM1_TINY) return x;
  const kf = (x * INV_LN2 + SHIFT) - SHIFT;
  const k = <i32>kf;
  const hi = x - kf * LN2_HI;
  const lo = kf * LN2_LO;
  const r = hi - lo;
  const c = (hi - r) - lo;
  const hfx = 0.5 * r;
  const hxs = r * hfx;
  const r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  const t = 3.0 - r1 * hfx;
  let e = hxs * ((r1 - t) / (6.0 - r * t));
  if (k == 0) return r - (r * e - hxs);
  e = (r * (e - c) - c) - hxs;
  if (k == -1) return 0.5 * (r - e) - 0.5;
  if (k == 1) return r < -0.25 ? -2.0 * (e - (r + 0.5)) : 1.0 + 2.0 * (r - e);
  if (k <= -2 || k > 56) return scale(1.0 - (e - r), k) - 1.0;
  if (k < 20) return (1.0 - pow2(-k) - (e - r)) * pow2(k);
  return ((r - (e + pow2(-k))) + 1.0) * pow2(k);
}

const LG1: f64 = 6.666666666666735130e-01;
const LG2: f64 = 3.999999999940941908e-01;
const LG3: f64 = 2.857142874366239149e-01;
const LG4: f64 = 2.222219843214978396e-01;
const LG5: f64 = 1.818357216161805012e-01;
const LG6: f64 = 1.531383769920937332e-01;
const LG7: f64 = 1.479819860511658591e-01;
const TWO54: f64 = 1.8014398509481984e16;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;
const SQRT_HALF_HI: i32 = 0x3fe6a09e;
const LOG1P_F_MIN: f64 = -0.2928932188134524;
const LOG1P_F_MAX: f64 = 0.41421356237309503;
const LOG1P_TINY: f64 = 1.1102230246251565e-16;

// @ts-ignore: decorator
@inline
function logReduced(f: f64, dk: f64, c: f64): f64 {
  const hfsq = 0.5 * f * f;
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  return s * (hfsq + R) + (dk * LN2_LO + c) - hfsq + f + dk * LN2_HI;
}

/** ln x (fdlibm e_log.c; src/js/math.ts: log). */
export function log(x: f64): f64 {
  if (!(x > 0)) return x == 0 ? -Infinity : NaN;
  if (x == Infinity) return x;
  let k = 0;
  if (x < MIN_NORMAL) {
    x *= TWO54;
    k = -54;
  }
  const bits = reinterpret<i64>(x);
  const hx = <i32>(bits >> 32) + (0x3ff00000 - SQRT_HALF_HI);
  k += (hx >> 20) - 0x3ff;
  const f = reinterpret<f64>((<i64>((hx & 0x000fffff) + SQRT_HALF_HI) << 32) | (bits & 0xffffffff)) - 1.0;
  return logReduced(f, <f64>k, 0.0);
}

/** ln(1 + x) (fdlibm s_log1p.c; src/js/math.ts: log1p). */
export function log1p(x: f64): f64 {
  if (!(x > -1.0)) return x == -1.0 ? -Infinity : NaN;
  if (x == Infinity) return x;
  if (Math.abs(x) < LOG1P_TINY) return x;
  if (x > LOG1P_F_MIN && x < LOG1P_F_MAX) return logReduced(x, 0.0, 0.0);
  const u = 1.0 + x;
  const bits = reinterpret<i64>(u);
  const hu = <i32>(bits >> 32) + (0x3ff00000 - SQRT_HALF_HI);
  const k = (hu >> 20) - 0x3ff;
  let c = 0.0;
  if (k < 54) c = (k >= 2 ? 1.0 - (u - x) : x - (u - 1.0)) / u;
  const f = reinterpret<f64>((<i64>((hu & 0x000fffff) + SQRT_HALF_HI) << 32) | (bits & 0xffffffff)) - 1.0;
  return logReduced(f, <f64>k, c);
}

// Taylor coefficients of tanh for |x| < 1/2 (src/js/math.ts).
const T3: f64 = -0.3333333333333333;
const T5: f64 = 0.13333333333333333;
const T7: f64 = -0.05396825396825397;
const T9: f64 = 0.021869488536155203;
const T11: f64 = -0.008863235529902197;
const T13: f64 = 0.003592128036572481;
const T15: f64 = -0.0014558343870513183;
const T17: f64 = 0.000590027440945586;
const T19: f64 = -0.00023912911424355248;
const T21: f64 = 9.691537956929451e-05;
const T23: f64 = -3.927832388331683e-05;
const T25: f64 = 1.5918905069328964e-05;
const T27: f64 = -6.451689215655431e-06;
const T29: f64 = 2.6147711512907546e-06;
const T31: f64 = -1.0597268320104654e-06;
const T33: f64 = 4.294911078273806e-07;
const T35: f64 = -1.7406618963571648e-07;
const T37: f64 = 7.054636946400968e-08;
const TANH_TINY: f64 = 2.7755575615628914e-17;

/** tanh x (fdlibm s_tanh.c, t/(t + 2) below 1; src/js/math.ts: tanh). */
export function tanh(x: f64): f64 {
  const a = Math.abs(x);
  if (!(a < 22.0)) return a == a ? (x > 0 ? 1.0 : -1.0) : x;
  if (a < TANH_TINY) return x;
  if (a < 0.5) {
    const w = x * x;
    return x + x * (w * (T3 + w * (T5 + w * (T7 + w * (T9 + w * (T11 + w * (T13 + w * (T15 + w * (T17 + w * (
      T19 + w * (T21 + w * (T23 + w * (T25 + w * (T27 + w * (T29 + w * (T31 + w * (T33 + w * (T35 + w * (T37)))))))))))))))))));
  }
  let z: f64;
  if (a >= 1.0) {
    z = 1.0 - 2.0 / (expm1(2.0 * a) + 2.0);
  } else {
    const t = expm1(2.0 * a);
    z = t / (t + 2.0);
  }
  return x > 0 ? z : -z;
}

// ---------------------------------------------------------------- f64x2 (SIMD build only)

/** f applied to each lane by the scalar function (out of line: the rare path stays out of the kernels' loops). */
function lanes(X: v128, fn: i32): v128 {
  const a = f64x2.extract_lane(X, 0), b = f64x2.extract_lane(X, 1);
  return f64x2.replace_lane(f64x2.splat(scalarOf(fn, a)), 1, scalarOf(fn, b));
}

/** eˣ in each lane, bitwise as exp. Lanes in [−708, 709] (2ᵏ normal, one product) take the vector path. */
// @ts-ignore: decorator
@inline
export function expV(X: v128): v128 {
  if (!v128.all_true<i64>(v128.and(f64x2.ge(X, f64x2.splat(-708.0)), f64x2.le(X, f64x2.splat(709.0))))) {
    return lanes(X, MATH_EXP);
  }
  const SH = f64x2.splat(SHIFT);
  const T = f64x2.add(f64x2.mul(X, f64x2.splat(INV_LN2)), SH);
  const kf = f64x2.sub(T, SH);
  const hi = f64x2.sub(X, f64x2.mul(kf, f64x2.splat(LN2_HI)));
  const lo = f64x2.mul(kf, f64x2.splat(LN2_LO));
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  let p = f64x2.add(f64x2.splat(P4), f64x2.mul(t, f64x2.splat(P5)));
  p = f64x2.add(f64x2.splat(P3), f64x2.mul(t, p));
  p = f64x2.add(f64x2.splat(P2), f64x2.mul(t, p));
  p = f64x2.add(f64x2.splat(P1), f64x2.mul(t, p));
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(f64x2.splat(2.0), c));
  const y = f64x2.sub(f64x2.splat(1.0), f64x2.sub(f64x2.sub(lo, q), hi));
  // T = 1.5·2⁵² + k exactly, so its low bits are k (mod 2¹²): (T + 1023) << 52 are the bits of 2ᵏ.
  const V = f64x2.mul(y, i64x2.shl(i64x2.add(T, i64x2.splat(1023)), 52));
  return v128.bitselect(f64x2.splat(E), V, f64x2.eq(X, f64x2.splat(1.0)));
}

/** log(1 + f) + k·ln 2 + c, lane-wise as logReduced. */
// @ts-ignore: decorator
@inline
function logReducedV(f: v128, dk: v128, c: v128): v128 {
  const hfsq = f64x2.mul(f64x2.mul(f64x2.splat(0.5), f), f);
  const s = f64x2.div(f, f64x2.add(f64x2.splat(2.0), f));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const t1 = f64x2.mul(w, f64x2.add(f64x2.splat(LG2), f64x2.mul(w, f64x2.add(f64x2.splat(LG4), f64x2.mul(w, f64x2.splat(LG6))))));
  const t2 = f64x2.mul(z, f64x2.add(f64x2.splat(LG1), f64x2.mul(w,
    f64x2.add(f64x2.splat(LG3), f64x2.mul(w, f64x2.add(f64x2.splat(LG5), f64x2.mul(w, f64x2.splat(LG7))))))));
  const R = f64x2.add(t2, t1);
  let v = f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.add(f64x2.mul(dk, f64x2.splat(LN2_LO)), c));
  v = f64x2.add(f64x2.sub(v, hfsq), f);
  return f64x2.add(v, f64x2.mul(dk, f64x2.splat(LN2_HI)));
}

/** Bits of positive normal lanes u moved so that the exponent field is k of u = 2ᵏ·(1 + f), 1 + f in [√2/2, √2). */
// @ts-ignore: decorator
@inline
function shiftedBits(U: v128): v128 {
  return i64x2.add(U, i64x2.splat(<i64>(0x3ff00000 - SQRT_HALF_HI) << 32));
}
/** k from shiftedBits, as i64 lanes. */
// @ts-ignore: decorator
@inline
function exponentOf(B: v128): v128 {
  // B is positive (u > 0): the logical shift is the arithmetic one, and x64 has no 64-bit arithmetic shift in SSE.
  return i64x2.sub(i64x2.shr_u(B, 52), i64x2.splat(0x3ff));
}
/** f from shiftedBits. */
// @ts-ignore: decorator
@inline
function fractionOf(B: v128): v128 {
  return f64x2.sub(i64x2.add(v128.and(B, i64x2.splat(0x000fffffffffffff)), i64x2.splat(<i64>SQRT_HALF_HI << 32)), f64x2.splat(1.0));
}
/** i64 lanes k (|k| < 2⁵¹) as doubles: the bits of 1.5·2⁵² + k, minus 1.5·2⁵², exactly. */
// @ts-ignore: decorator
@inline
function toF64(K: v128): v128 {
  return f64x2.sub(i64x2.add(K, i64x2.splat(reinterpret<i64>(SHIFT))), f64x2.splat(SHIFT));
}

/** ln x in each lane, bitwise as log. Positive normal finite lanes take the vector path. */
// @ts-ignore: decorator
@inline
export function logV(X: v128): v128 {
  if (!v128.all_true<i64>(v128.and(f64x2.ge(X, f64x2.splat(MIN_NORMAL)), f64x2.lt(X, f64x2.splat(Infinity))))) {
    return lanes(X, MATH_LOG);
  }
  const B = shiftedBits(X);
  return logReducedV(fractionOf(B), toF64(exponentOf(B)), f64x2.splat(0.0));
}

/** ln(1 + x) in each lane, bitwise as log1p. Lanes in (−1, ∞) take the vector path. */
// @ts-ignore: decorator
@inline
export function log1pV(X: v128): v128 {
  if (!v128.all_true<i64>(v128.and(f64x2.gt(X, f64x2.splat(-1.0)), f64x2.lt(X, f64x2.splat(Infinity))))) {
    return lanes(X, MATH_LOG1P);
  }
  const ONE = f64x2.splat(1.0), ZERO = f64x2.splat(0.0);
  const TINY = f64x2.lt(f64x2.abs(X), f64x2.splat(LOG1P_TINY));
  // SQRT_HALF − 1 < x < √2 − 1: f = x, k = 0, c = 0; otherwise the reduction of 1 + x. Both are computed and
  // selected: a branch skipping the reduction when both lanes are direct made the logistic kernel slower (measured:
  // 17.5 against 25 ns a row at 1 000 000 × 10).
  const direct = v128.and(f64x2.gt(X, f64x2.splat(LOG1P_F_MIN)), f64x2.lt(X, f64x2.splat(LOG1P_F_MAX)));
  const U = f64x2.add(ONE, X);
  const B = shiftedBits(U);
  const DKR = toF64(exponentOf(B));
  // c = (k ≥ 2 ? 1 − (u − x) : x − (u − 1))/u for k < 54, else 0 (k compared as the exact double it is).
  const cHi = f64x2.sub(ONE, f64x2.sub(U, X)), cLo = f64x2.sub(X, f64x2.sub(U, ONE));
  let C = f64x2.div(v128.bitselect(cHi, cLo, f64x2.ge(DKR, f64x2.splat(2.0))), U);
  C = v128.bitselect(C, ZERO, f64x2.lt(DKR, f64x2.splat(54.0)));
  const F = v128.bitselect(X, fractionOf(B), direct);
  const DK = v128.bitselect(ZERO, DKR, direct);
  C = v128.bitselect(ZERO, C, direct);
  const V = logReducedV(F, DK, C);
  return v128.bitselect(X, V, TINY);
}

// ---------------------------------------------------------------- batches (tests)

export const MATH_EXP = 0;
export const MATH_EXPM1 = 1;
export const MATH_LOG = 2;
export const MATH_LOG1P = 3;
export const MATH_TANH = 4;

// @ts-ignore: decorator
@inline
function scalarOf(fn: i32, x: f64): f64 {
  switch (fn) {
    case MATH_EXP: return exp(x);
    case MATH_EXPM1: return expm1(x);
    case MATH_LOG: return log(x);
    case MATH_LOG1P: return log1p(x);
    default: return tanh(x);
  }
}

/**
 * out[i] = f(x[i]) for i < n, f = exp, expm1, log, log1p, tanh (fn = 0…4): by the scalar functions, or with vectors
 * = 1 in the SIMD build by the f64x2 forms on pairs (expm1 and tanh lane by lane). For the tests: the vector forms
 * against the scalar ones and against the JS mirror.
 */
export function mathMap(fn: i32, xPtr: usize, outPtr: usize, n: i32, vectors: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD && vectors != 0) {
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const X = v128.load(xPtr + o);
      let Y: v128;
      if (fn == MATH_EXP) Y = expV(X);
      else if (fn == MATH_LOG) Y = logV(X);
      else if (fn == MATH_LOG1P) Y = log1pV(X);
      else Y = lanes(X, fn);
      v128.store(outPtr + o, Y);
    }
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(outPtr + o, scalarOf(fn, load<f64>(xPtr + o)));
  }
}
