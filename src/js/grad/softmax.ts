/**
 * JS mirror of assembly/grad/softmax.ts: scores zₖ = x·Wₖ + bₖ, stable log-sum-exp, residuals pₖ − [k = y],
 * four rows per gradient update per class. Params [W (K·d) | b (K)] at wOff; b at bOff.
 */
import { axpy1, axpy4, dot, labelAt, rowAt } from '../reduce.js';
import { exp, log } from '../math.js';

function rowSoftmax(
  X: Float64Array, x: number, d: number, K: number, P: Float64Array, wOff: number, bOff: number, y: number,
  r: Float64Array, rOff: number,
): number {
  let m = -Infinity;
  for (let k = 0; k < K; k++) {
    const z = dot(X, x, P, wOff + k * d, d) + P[bOff + k]!;
    r[rOff + k] = z;
    m = Math.max(m, z);
  }
  const zy = r[rOff + y]!;
  let s = 0.0;
  for (let k = 0; k < K; k++) {
    const e = exp(r[rOff + k]! - m);
    r[rOff + k] = e;
    s += e;
  }
  for (let k = 0; k < K; k++) r[rOff + k] = r[rOff + k]! / s - (k === y ? 1.0 : 0.0);
  return (m + log(s)) - zy;
}

export function gradSoftmax(
  X: Float64Array, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number, n: number,
  d: number, K: number, P: Float64Array, wOff: number, bOff: number, g: Float64Array, gOff: number,
  scratch: Float64Array,
): number {
  g.fill(0, gOff, gOff + K * d + K);
  const gb = gOff + K * d;
  let sl = 0.0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = rowAt(xOff, rows, rOff, i, d), x1 = rowAt(xOff, rows, rOff, i + 1, d);
    const x2 = rowAt(xOff, rows, rOff, i + 2, d), x3 = rowAt(xOff, rows, rOff, i + 3, d);
    const l0 = rowSoftmax(X, x0, d, K, P, wOff, bOff, labelAt(y, yOff, rows, rOff, i) | 0, scratch, 0);
    const l1 = rowSoftmax(X, x1, d, K, P, wOff, bOff, labelAt(y, yOff, rows, rOff, i + 1) | 0, scratch, K);
    const l2 = rowSoftmax(X, x2, d, K, P, wOff, bOff, labelAt(y, yOff, rows, rOff, i + 2) | 0, scratch, 2 * K);
    const l3 = rowSoftmax(X, x3, d, K, P, wOff, bOff, labelAt(y, yOff, rows, rOff, i + 3) | 0, scratch, 3 * K);
    sl += (l0 + l1) + (l2 + l3);
    for (let k = 0; k < K; k++) {
      const r0 = scratch[k]!, r1 = scratch[K + k]!, r2 = scratch[2 * K + k]!, r3 = scratch[3 * K + k]!;
      axpy4(g, gOff + k * d, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
      g[gb + k] = g[gb + k]! + ((r0 + r1) + (r2 + r3));
    }
  }
  for (; i < n; i++) {
    const x0 = rowAt(xOff, rows, rOff, i, d);
    sl += rowSoftmax(X, x0, d, K, P, wOff, bOff, labelAt(y, yOff, rows, rOff, i) | 0, scratch, 0);
    for (let k = 0; k < K; k++) {
      const r = scratch[k]!;
      axpy1(g, gOff + k * d, d, r, X, x0);
      g[gb + k] = g[gb + k]! + r;
    }
  }
  return sl;
}
