/**
 * JS mirror of assembly/grad/logistic.ts: loss max(z, 0) − y·z + log1p(e^−|z|), residual σ(z) − y, four rows per
 * gradient update. exp and log1p are our own (src/js/math.ts = assembly/math.ts).
 */
import { axpy1, axpy4, dot, labelAt, rowAt } from '../reduce.js';
import { exp, log1p } from '../math.js';

function lossAndResidual(z: number, y: number, out: Float64Array, k: number): number {
  const e = exp(-Math.abs(z));
  const p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
  out[k] = p - y;
  return (Math.max(z, 0.0) - y * z) + log1p(e);
}

export function gradLogistic(
  X: Float64Array, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number, n: number,
  d: number, w: Float64Array, wOff: number, b: number, g: Float64Array, gOff: number, scratch: Float64Array,
): number {
  g.fill(0, gOff, gOff + d + 1);
  let sl = 0, sr = 0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = rowAt(xOff, rows, rOff, i, d), x1 = rowAt(xOff, rows, rOff, i + 1, d);
    const x2 = rowAt(xOff, rows, rOff, i + 2, d), x3 = rowAt(xOff, rows, rOff, i + 3, d);
    const l0 = lossAndResidual(dot(X, x0, w, wOff, d) + b, labelAt(y, yOff, rows, rOff, i), scratch, 0);
    const l1 = lossAndResidual(dot(X, x1, w, wOff, d) + b, labelAt(y, yOff, rows, rOff, i + 1), scratch, 1);
    const l2 = lossAndResidual(dot(X, x2, w, wOff, d) + b, labelAt(y, yOff, rows, rOff, i + 2), scratch, 2);
    const l3 = lossAndResidual(dot(X, x3, w, wOff, d) + b, labelAt(y, yOff, rows, rOff, i + 3), scratch, 3);
    const r0 = scratch[0]!, r1 = scratch[1]!, r2 = scratch[2]!, r3 = scratch[3]!;
    sl += (l0 + l1) + (l2 + l3);
    sr += (r0 + r1) + (r2 + r3);
    axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
  }
  for (; i < n; i++) {
    const x0 = rowAt(xOff, rows, rOff, i, d);
    const l = lossAndResidual(dot(X, x0, w, wOff, d) + b, labelAt(y, yOff, rows, rOff, i), scratch, 0);
    const r = scratch[0]!;
    sl += l;
    sr += r;
    axpy1(g, gOff, d, r, X, x0);
  }
  g[gOff + d] = sr;
  return sl;
}
