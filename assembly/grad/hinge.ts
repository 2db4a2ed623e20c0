// Linear SVM (hinge loss), one fused pass: sᵢ = 2yᵢ − 1 ∈ {−1, +1}, mᵢ = 1 − sᵢ·zᵢ, loss max(0, mᵢ), subgradient
// residual −sᵢ where mᵢ > 0 and 0 elsewhere. Only + − · max: bitwise equal to src/js/grad/hinge.ts.
import { dot, axpy4, axpy1, zero, rowAt, labelAt, Contiguous, Indexed } from '../reduce';

/** g[j] = Σ rᵢ·xᵢⱼ, g[d] = Σ rᵢ with rᵢ = −sᵢ·[mᵢ > 0]; returns Σ max(0, mᵢ). */
export function gradHinge(xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, wPtr: usize, b: f64, gPtr: usize): f64 {
  return rowsPtr == 0
    ? gradHingeRows<Contiguous>(xPtr, yPtr, rowsPtr, n, d, wPtr, b, gPtr)
    : gradHingeRows<Indexed>(xPtr, yPtr, rowsPtr, n, d, wPtr, b, gPtr);
}

// @ts-ignore: decorator
@inline
function gradHingeRows<R>(xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, wPtr: usize, b: f64, gPtr: usize): f64 {
  zero(gPtr, d + 1);
  const rowBytes = <usize>d << 3;
  let sl = 0.0, sr = 0.0;
  let i = 0;
  // Blocks as the linear kernel takes them: rows a, a + 1 of the first half and c, c + 1 of the second (two streams).
  const half = (n >> 2) << 1;
  for (; i + 4 <= n; i += 4) {
    const a = i >> 1, c = half + a;
    const x0 = rowAt<R>(xPtr, rowsPtr, a, rowBytes), x1 = rowAt<R>(xPtr, rowsPtr, a + 1, rowBytes);
    const x2 = rowAt<R>(xPtr, rowsPtr, c, rowBytes), x3 = rowAt<R>(xPtr, rowsPtr, c + 1, rowBytes);
    const s0 = 2.0 * labelAt<R>(yPtr, rowsPtr, a) - 1.0, s1 = 2.0 * labelAt<R>(yPtr, rowsPtr, a + 1) - 1.0;
    const s2 = 2.0 * labelAt<R>(yPtr, rowsPtr, c) - 1.0, s3 = 2.0 * labelAt<R>(yPtr, rowsPtr, c + 1) - 1.0;
    const m0 = 1.0 - s0 * (dot(x0, wPtr, d) + b), m1 = 1.0 - s1 * (dot(x1, wPtr, d) + b);
    const m2 = 1.0 - s2 * (dot(x2, wPtr, d) + b), m3 = 1.0 - s3 * (dot(x3, wPtr, d) + b);
    const r0 = m0 > 0 ? -s0 : 0.0, r1 = m1 > 0 ? -s1 : 0.0, r2 = m2 > 0 ? -s2 : 0.0, r3 = m3 > 0 ? -s3 : 0.0;
    sl += (Math.max(m0, 0.0) + Math.max(m1, 0.0)) + (Math.max(m2, 0.0) + Math.max(m3, 0.0));
    sr += (r0 + r1) + (r2 + r3);
    axpy4(gPtr, d, r0, x0, r1, x1, r2, x2, r3, x3);
  }
  for (; i < n; i++) {
    const x0 = rowAt<R>(xPtr, rowsPtr, i, rowBytes);
    const s = 2.0 * labelAt<R>(yPtr, rowsPtr, i) - 1.0;
    const m = 1.0 - s * (dot(x0, wPtr, d) + b);
    const r = m > 0 ? -s : 0.0;
    sl += Math.max(m, 0.0);
    sr += r;
    axpy1(gPtr, d, r, x0);
  }
  store<f64>(gPtr + rowBytes, sr);
  return sl;
}
