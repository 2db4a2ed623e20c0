// Multinomial logistic (softmax) regression, one pass over X: for each row the K scores zₖ = x·Wₖ + bₖ, the
// stable log-sum-exp m + log Σ e^(zₖ−m), loss lse − z_y, and residuals pₖ − [k = y], accumulated four rows at a
// time per class. Params are W (K rows of d) then b (K). The SIMD build takes the exponentials and the residuals
// of two classes per f64x2 (expV: exp's operations lane by lane; the sum in class order), so every build rounds
// alike. Same operation order as src/js/grad/softmax.ts.
import { dot, axpy4, axpy1, rowAt, labelAt, Contiguous, Indexed } from '../reduce';
import { exp, log, expV } from '../math';

/** Row loss; writes the K residuals pₖ − [k = y] at rPtr. */
// @ts-ignore: decorator
@inline
function rowSoftmax(xPtr: usize, d: i32, K: i32, wPtr: usize, bPtr: usize, y: i32, rPtr: usize): f64 {
  const rowBytes = <usize>d << 3;
  let m = -Infinity;
  for (let k = 0; k < K; k++) {
    const z = dot(xPtr, wPtr + <usize>k * rowBytes, d) + load<f64>(bPtr + (<usize>k << 3));
    store<f64>(rPtr + (<usize>k << 3), z);
    m = Math.max(m, z);
  }
  const zy = load<f64>(rPtr + (<usize>y << 3));
  let s = 0.0;
  let k = 0;
  if (ASC_FEATURE_SIMD) {
    // Two classes per vector; the sum keeps the class order.
    const M = f64x2.splat(m);
    for (; k + 2 <= K; k += 2) {
      const o = rPtr + (<usize>k << 3);
      const E = expV(f64x2.sub(v128.load(o), M));
      v128.store(o, E);
      s += f64x2.extract_lane(E, 0);
      s += f64x2.extract_lane(E, 1);
    }
  }
  for (; k < K; k++) {
    const o = rPtr + (<usize>k << 3);
    const e = exp(load<f64>(o) - m);
    store<f64>(o, e);
    s += e;
  }
  k = 0;
  if (ASC_FEATURE_SIMD) {
    const S = f64x2.splat(s);
    for (; k + 2 <= K; k += 2) {
      const o = rPtr + (<usize>k << 3);
      const I = f64x2.replace_lane(f64x2.splat(k == y ? 1.0 : 0.0), 1, k + 1 == y ? 1.0 : 0.0);
      v128.store(o, f64x2.sub(f64x2.div(v128.load(o), S), I));
    }
  }
  for (; k < K; k++) {
    const o = rPtr + (<usize>k << 3);
    store<f64>(o, load<f64>(o) / s - (k == y ? 1.0 : 0.0));
  }
  return (m + log(s)) - zy;
}

/**
 * g = [Σ rᵢₖ·xᵢ for each class k (K·d) | Σ rᵢₖ (K)]; returns Σ (lseᵢ − zᵢ,yᵢ). bPtr: the K intercepts (zeros
 * without an intercept). scratch: 4·K f64.
 */
export function gradSoftmax(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize, gPtr: usize,
  scratch: usize,
): f64 {
  return rowsPtr == 0
    ? gradSoftmaxRows<Contiguous>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch)
    : gradSoftmaxRows<Indexed>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch);
}

// @ts-ignore: decorator
@inline
function gradSoftmaxRows<R>(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize, gPtr: usize,
  scratch: usize,
): f64 {
  memory.fill(gPtr, 0, <usize>(K * d + K) << 3);
  const rowBytes = <usize>d << 3;
  const kb = <usize>K << 3;
  const gbPtr = gPtr + <usize>K * rowBytes;
  let sl = 0.0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = rowAt<R>(xPtr, rowsPtr, i, rowBytes), x1 = rowAt<R>(xPtr, rowsPtr, i + 1, rowBytes);
    const x2 = rowAt<R>(xPtr, rowsPtr, i + 2, rowBytes), x3 = rowAt<R>(xPtr, rowsPtr, i + 3, rowBytes);
    const l0 = rowSoftmax(x0, d, K, wPtr, bPtr, <i32>labelAt<R>(yPtr, rowsPtr, i), scratch);
    const l1 = rowSoftmax(x1, d, K, wPtr, bPtr, <i32>labelAt<R>(yPtr, rowsPtr, i + 1), scratch + kb);
    const l2 = rowSoftmax(x2, d, K, wPtr, bPtr, <i32>labelAt<R>(yPtr, rowsPtr, i + 2), scratch + 2 * kb);
    const l3 = rowSoftmax(x3, d, K, wPtr, bPtr, <i32>labelAt<R>(yPtr, rowsPtr, i + 3), scratch + 3 * kb);
    sl += (l0 + l1) + (l2 + l3);
    for (let k = 0; k < K; k++) {
      const o = <usize>k << 3;
      const r0 = load<f64>(scratch + o), r1 = load<f64>(scratch + kb + o);
      const r2 = load<f64>(scratch + 2 * kb + o), r3 = load<f64>(scratch + 3 * kb + o);
      axpy4(gPtr + <usize>k * rowBytes, d, r0, x0, r1, x1, r2, x2, r3, x3);
      store<f64>(gbPtr + o, load<f64>(gbPtr + o) + ((r0 + r1) + (r2 + r3)));
    }
  }
  for (; i < n; i++) {
    const x0 = rowAt<R>(xPtr, rowsPtr, i, rowBytes);
    sl += rowSoftmax(x0, d, K, wPtr, bPtr, <i32>labelAt<R>(yPtr, rowsPtr, i), scratch);
    for (let k = 0; k < K; k++) {
      const o = <usize>k << 3;
      const r = load<f64>(scratch + o);
      axpy1(gPtr + <usize>k * rowBytes, d, r, x0);
      store<f64>(gbPtr + o, load<f64>(gbPtr + o) + r);
    }
  }
  return sl;
}
