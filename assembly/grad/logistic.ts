// Logistic regression, one fused pass: zᵢ = xᵢ·w + b, loss log(1 + e^z) − y·z computed stably as
// max(z, 0) − y·z + log1p(e^−|z|), residual σ(z) − y, gradient accumulated four rows at a time. The SIMD build
// takes the loss of two rows per f64x2 (expV, log1pV: the scalar functions' operations lane by lane), so every
// build and the JS mirror round alike. Same operation order as src/js/grad/logistic.ts.
import { dot, axpy4, axpy1, zero, rowAt, labelAt, labelPair, Contiguous, Indexed } from '../reduce';
import { exp, log1p, expV, log1pV } from '../math';

// @ts-ignore: decorator
@inline
function lossAndResidual(z: f64, y: f64, out: usize): f64 {
  const e = exp(-Math.abs(z));
  const p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
  store<f64>(out, p - y);
  return (Math.max(z, 0.0) - y * z) + log1p(e);
}

/** lossAndResidual of two rows (lanes of Z and Y): writes the residuals at out, returns the losses. */
// @ts-ignore: decorator
@inline
function lossAndResidualV(Z: v128, Y: v128, out: usize): v128 {
  const ONE = f64x2.splat(1.0);
  const E = expV(f64x2.neg(f64x2.abs(Z)));
  const P = f64x2.div(v128.bitselect(ONE, E, f64x2.ge(Z, f64x2.splat(0.0))), f64x2.add(ONE, E));
  v128.store(out, f64x2.sub(P, Y));
  return f64x2.add(f64x2.sub(f64x2.max(Z, f64x2.splat(0.0)), f64x2.mul(Y, Z)), log1pV(E));
}

/** g[j] = Σ (σ(zᵢ) − yᵢ)·xᵢⱼ, g[d] = Σ (σ(zᵢ) − yᵢ); returns Σ logloss(zᵢ, yᵢ). scratch: 4 f64. */
export function gradLogistic(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, wPtr: usize, b: f64, gPtr: usize, scratch: usize,
): f64 {
  return rowsPtr == 0
    ? gradLogisticRows<Contiguous>(xPtr, yPtr, rowsPtr, n, d, wPtr, b, gPtr, scratch)
    : gradLogisticRows<Indexed>(xPtr, yPtr, rowsPtr, n, d, wPtr, b, gPtr, scratch);
}

// @ts-ignore: decorator
@inline
function gradLogisticRows<R>(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, wPtr: usize, b: f64, gPtr: usize, scratch: usize,
): f64 {
  zero(gPtr, d + 1);
  const rowBytes = <usize>d << 3;
  let sl = 0.0, sr = 0.0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = rowAt<R>(xPtr, rowsPtr, i, rowBytes), x1 = rowAt<R>(xPtr, rowsPtr, i + 1, rowBytes);
    const x2 = rowAt<R>(xPtr, rowsPtr, i + 2, rowBytes), x3 = rowAt<R>(xPtr, rowsPtr, i + 3, rowBytes);
    let l0: f64, l1: f64, l2: f64, l3: f64;
    if (ASC_FEATURE_SIMD) {
      const Z01 = f64x2.replace_lane(f64x2.splat(dot(x0, wPtr, d) + b), 1, dot(x1, wPtr, d) + b);
      const Z23 = f64x2.replace_lane(f64x2.splat(dot(x2, wPtr, d) + b), 1, dot(x3, wPtr, d) + b);
      const L01 = lossAndResidualV(Z01, labelPair<R>(yPtr, rowsPtr, i), scratch);
      const L23 = lossAndResidualV(Z23, labelPair<R>(yPtr, rowsPtr, i + 2), scratch + 16);
      l0 = f64x2.extract_lane(L01, 0); l1 = f64x2.extract_lane(L01, 1);
      l2 = f64x2.extract_lane(L23, 0); l3 = f64x2.extract_lane(L23, 1);
    } else {
      l0 = lossAndResidual(dot(x0, wPtr, d) + b, labelAt<R>(yPtr, rowsPtr, i), scratch);
      l1 = lossAndResidual(dot(x1, wPtr, d) + b, labelAt<R>(yPtr, rowsPtr, i + 1), scratch + 8);
      l2 = lossAndResidual(dot(x2, wPtr, d) + b, labelAt<R>(yPtr, rowsPtr, i + 2), scratch + 16);
      l3 = lossAndResidual(dot(x3, wPtr, d) + b, labelAt<R>(yPtr, rowsPtr, i + 3), scratch + 24);
    }
    const r0 = load<f64>(scratch), r1 = load<f64>(scratch, 8), r2 = load<f64>(scratch, 16), r3 = load<f64>(scratch, 24);
    sl += (l0 + l1) + (l2 + l3);
    sr += (r0 + r1) + (r2 + r3);
    axpy4(gPtr, d, r0, x0, r1, x1, r2, x2, r3, x3);
  }
  for (; i < n; i++) {
    const x0 = rowAt<R>(xPtr, rowsPtr, i, rowBytes);
    const l = lossAndResidual(dot(x0, wPtr, d) + b, labelAt<R>(yPtr, rowsPtr, i), scratch);
    const r = load<f64>(scratch);
    sl += l;
    sr += r;
    axpy1(gPtr, d, r, x0);
  }
  store<f64>(gPtr + rowBytes, sr);
  return sl;
}
