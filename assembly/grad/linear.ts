// Linear least squares, one fused pass over X: for each row the residual r = (x·w + b) − y and its contribution
// to the gradient, four rows per gradient update. Same operation order as src/js/kernels.ts: gradLinear.
import { dot, axpy4, axpy1, zero } from '../reduce';

/**
 * Raw sums of the linear model over n rows of X (row-major, d columns) and y:
 * writes g[j] = Σᵢ rᵢ·xᵢⱼ (j < d) and g[d] = Σᵢ rᵢ, returns Σᵢ rᵢ², where rᵢ = (xᵢ·w + b) − yᵢ.
 * Rows are taken in blocks of four: the four residuals, then (r0²+r1²)+(r2²+r3²), (r0+r1)+(r2+r3), and one
 * axpy4 pass; remaining rows one at a time.
 */
export function gradLinear(xPtr: usize, yPtr: usize, n: i32, d: i32, wPtr: usize, b: f64, gPtr: usize): f64 {
  zero(gPtr, d + 1);
  const rowBytes = <usize>d << 3;
  let sq = 0.0, sr = 0.0;
  let i = 0;
  let x0 = xPtr;
  for (; i + 4 <= n; i += 4) {
    const x1 = x0 + rowBytes, x2 = x1 + rowBytes, x3 = x2 + rowBytes;
    const yp = yPtr + (<usize>i << 3);
    const r0 = (dot(x0, wPtr, d) + b) - load<f64>(yp);
    const r1 = (dot(x1, wPtr, d) + b) - load<f64>(yp, 8);
    const r2 = (dot(x2, wPtr, d) + b) - load<f64>(yp, 16);
    const r3 = (dot(x3, wPtr, d) + b) - load<f64>(yp, 24);
    sq += (r0 * r0 + r1 * r1) + (r2 * r2 + r3 * r3);
    sr += (r0 + r1) + (r2 + r3);
    axpy4(gPtr, d, r0, x0, r1, x1, r2, x2, r3, x3);
    x0 = x3 + rowBytes;
  }
  for (; i < n; i++) {
    const r = (dot(x0, wPtr, d) + b) - load<f64>(yPtr + (<usize>i << 3));
    sq += r * r;
    sr += r;
    axpy1(gPtr, d, r, x0);
    x0 += rowBytes;
  }
  store<f64>(gPtr + rowBytes, sr);
  return sq;
}

