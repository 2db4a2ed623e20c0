/** JS mirror of assembly/grad/hinge.ts: s = 2y − 1, m = 1 − s·z, loss max(0, m), residual −s where m > 0. */
import { axpy1, axpy4, dot } from '../reduce.js';

export function gradHinge(
  X: Float64Array, xOff: number, y: Float64Array, yOff: number, n: number, d: number,
  w: Float64Array, wOff: number, b: number, g: Float64Array, gOff: number,
): number {
  g.fill(0, gOff, gOff + d + 1);
  let sl = 0, sr = 0;
  let i = 0;
  let x0 = xOff;
  for (; i + 4 <= n; i += 4) {
    const x1 = x0 + d, x2 = x1 + d, x3 = x2 + d;
    const yp = yOff + i;
    const s0 = 2.0 * y[yp]! - 1.0, s1 = 2.0 * y[yp + 1]! - 1.0;
    const s2 = 2.0 * y[yp + 2]! - 1.0, s3 = 2.0 * y[yp + 3]! - 1.0;
    const m0 = 1.0 - s0 * (dot(X, x0, w, wOff, d) + b), m1 = 1.0 - s1 * (dot(X, x1, w, wOff, d) + b);
    const m2 = 1.0 - s2 * (dot(X, x2, w, wOff, d) + b), m3 = 1.0 - s3 * (dot(X, x3, w, wOff, d) + b);
    const r0 = m0 > 0 ? -s0 : 0.0, r1 = m1 > 0 ? -s1 : 0.0, r2 = m2 > 0 ? -s2 : 0.0, r3 = m3 > 0 ? -s3 : 0.0;
    sl += (Math.max(m0, 0.0) + Math.max(m1, 0.0)) + (Math.max(m2, 0.0) + Math.max(m3, 0.0));
    sr += (r0 + r1) + (r2 + r3);
    axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
    x0 = x3 + d;
  }
  for (; i < n; i++) {
    const s = 2.0 * y[yOff + i]! - 1.0;
    const m = 1.0 - s * (dot(X, x0, w, wOff, d) + b);
    const r = m > 0 ? -s : 0.0;
    sl += Math.max(m, 0.0);
    sr += r;
    axpy1(g, gOff, d, r, X, x0);
    x0 += d;
  }
  g[gOff + d] = sr;
  return sl;
}
