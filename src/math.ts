/**
 * `momentum-gd/math`: elementary functions that give the same double in every JavaScript engine and in the WASM
 * core (assembly/math.ts runs the same operations), so results built on them reproduce across Node, browsers and
 * backends bit for bit. `Math.exp` and friends are only specified to be "implementation-approximated": V8 versions,
 * SpiderMonkey and JavaScriptCore round them differently on a fraction of inputs.
 *
 * Built from `+ − × ÷`, comparisons, exact power-of-two scaling and tables of exact constants (no FMA, no host
 * `Math` call; the tables' entries are the same doubles in every engine, so a lookup cannot differ): `exp` and `log`
 * after ARM's optimized-routines (Tang's table-driven methods), the others after fdlibm 5.3 (Sun Microsystems, 1993). Accuracy, measured against a 160-bit reference checked with
 * decimal.js over 10⁵ points per function (test/math/accuracy.test.ts): exp, expm1, log, log1p within 1 ulp (faithful
 * rounding: the result is one of the two doubles around the exact value); tanh within 2 ulps. IEEE special values
 * as `Math` has them: NaN → NaN, ±0 and the signs of zero results, ±∞, subnormal inputs and results, overflow to +∞
 * and underflow to 0 at the same thresholds.
 *
 * @example
 * ```ts
 * import { exp, log1p, sigmoid } from 'momentum-gd/math';
 * exp(1);          // 2.718281828459045
 * log1p(1e-20);    // 1e-20
 * sigmoid(0);      // 0.5
 * ```
 * @module momentum-gd/math
 */
import * as m from './elementary.js';

/**
 * eˣ. Tang's table-driven method (ACM TOMS 15(2), 1989) in the form of ARM optimized-routines' exp.c (Szabolcs Nagy,
 * 2018; musl's exp.c): x = (k + j/128)·ln 2 + r with k·128 + j = round(x·128/ln 2) and |r| ≤ ln 2/256 (ln 2/128 in two
 * parts), then eˣ = s + s·tmp with s = 2ᵏ·2^(j/128) (a table of 128 exact doubles and their rounding errors, the
 * power of two through the exponent bits) and tmp = tail_j + r + r²·(C2 + r·C3) + r⁴·(C4 + r·C5), ARM's degree-5
 * minimax polynomial; no division. Faithfully rounded (measured max 0.506 ulp for normal results, 0.75 ulp for
 * subnormal ones). exp(1) is Math.E. +∞ above 709.782712893384, 0 below −745.1332191019411; subnormal results between.
 * @param x any double.
 * @returns eˣ; NaN for NaN.
 */
export function exp(x: number): number {
  return m.exp(x);
}

/**
 * eˣ − 1, accurate near 0 where `exp(x) − 1` cancels. fdlibm s_expm1.c: the reduction of {@link exp} with its
 * rounding error carried as a correction term, a degree-5 minimax polynomial in r²/2, and a recombination per
 * range of k. Faithfully rounded (measured max 0.74 ulp). −1 below −38.8; x itself for |x| < 2⁻⁵⁴ (so ±0 → ±0).
 * @param x any double.
 * @returns eˣ − 1; NaN for NaN.
 */
export function expm1(x: number): number {
  return m.expm1(x);
}

/**
 * ln x. ARM optimized-routines' log.c (Szabolcs Nagy, 2018; musl's log.c), its form without FMA: x = 2ᵏ·z with z in
 * [0.6875, 1.375) from the exponent bits (subnormals scaled by 2⁵² first), z in one of 128 subintervals whose table
 * entry holds 1/c, log c and c in two parts; r = ((z − chi) − clo)·(1/c) and ln x = k·ln 2 + log c + r + r²·A(r)
 * (degree-6 minimax). For x in [0.9375, 1.0647) a degree-11 polynomial in x − 1 with its leading terms in two parts.
 * No division. Faithfully rounded (measured max 0.509 ulp).
 * @param x any double.
 * @returns ln x; −∞ for ±0, NaN for x < 0 and NaN, +∞ for +∞.
 */
export function log(x: number): number {
  return m.log(x);
}

/**
 * ln(1 + x), accurate near 0 where `log(1 + x)` loses x. fdlibm s_log1p.c: f = x directly for −0.29 < x < 0.41,
 * otherwise 1 + x reduced as in {@link log} with the correction c = (x − ((1 + x) − 1))/(1 + x) for what the addition
 * rounded away. Faithfully rounded (measured max 0.79 ulp), including near −1.
 * @param x any double.
 * @returns ln(1 + x); −∞ for −1, NaN below −1 and for NaN, x itself for |x| < 2⁻⁵³ (so ±0 → ±0).
 */
export function log1p(x: number): number {
  return m.log1p(x);
}

/**
 * tanh x. fdlibm s_tanh.c from |x| ≥ ½: 1 − 2/(t + 2) for |x| ≥ 1 and t/(t + 2) below, with t = expm1(2|x|); ±1 from
 * |x| ≥ 22. Below ½, its Taylor series to x³⁷ (coefficients from the Bernoulli numbers; truncation < 2⁻⁶²), because
 * the quotient's roundings exceed 2 ulps there. Within 2 ulps (measured max 1.32 ulp).
 * @param x any double.
 * @returns tanh x in [−1, 1]; ±0 for ±0, NaN for NaN.
 */
export function tanh(x: number): number {
  return m.tanh(x);
}

/**
 * The logistic function σ(x) = 1/(1 + e⁻ˣ), as the logistic loss computes it: e = exp(−|x|), then 1/(1 + e) for
 * x ≥ 0 and e/(1 + e) below (no overflow for any x; σ(x) → 0 continuously through the subnormals).
 * @param x any double.
 * @returns σ(x) in [0, 1]; NaN for NaN.
 */
export function sigmoid(x: number): number {
  return m.sigmoid(x);
}

/**
 * softplus(x) = ln(1 + eˣ) = max(x, 0) + log1p(exp(−|x|)), as the logistic loss computes it (the loss of a
 * positive label is softplus(−z)): no overflow for large x, full relative accuracy for very negative x.
 * @param x any double.
 * @returns ln(1 + eˣ) ≥ 0; +∞ for +∞, NaN for NaN.
 */
export function softplus(x: number): number {
  return m.softplus(x);
}
