/** JS mirror of assembly/grad/hinge.ts: s = 2y − 1, m = 1 − s·z, loss max(0, m), residual −s where m > 0. */
import { axpy1, axpy4, dot, labelAt, rowAt } from '../reduce.js';

export function gradHinge(
  X: Float64Array, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number, n: number,
  d: number, w: Float64Array, wOff: number, b: number, g: Float64Array, gOff: number,
): number {
  g.fill(0, gOff, gOff + d + 1);
  let sl = 0, sr = 0;
  let i = 0;
  const half = (n >> 2) << 1; // block i/4: rows a, a + 1 and half + a, half + a + 1 (assembly/grad/hinge.ts)
  for (; i + 4 <= n; i += 4) {
    const a = i >> 1, c = half + a;
    const x0 = rowAt(xOff, rows, rOff, a, d), x1 = rowAt(xOff, rows, rOff, a + 1, d);
    const x2 = rowAt(xOff, rows, rOff, c, d), x3 = rowAt(xOff, rows, rOff, c + 1, d);
    const s0 = 2.0 * labelAt(y, yOff, rows, rOff, a) - 1.0, s1 = 2.0 * labelAt(y, yOff, rows, rOff, a + 1) - 1.0;
    const s2 = 2.0 * labelAt(y, yOff, rows, rOff, c) - 1.0, s3 = 2.0 * labelAt(y, yOff, rows, rOff, c + 1) - 1.0;
    const m0 = 1.0 - s0 * (dot(X, x0, w, wOff, d) + b), m1 = 1.0 - s1 * (dot(X, x1, w, wOff, d) + b);
    const m2 = 1.0 - s2 * (dot(X, x2, w, wOff, d) + b), m3 = 1.0 - s3 * (dot(X, x3, w, wOff, d) + b);
    const r0 = m0 > 0 ? -s0 : 0.0, r1 = m1 > 0 ? -s1 : 0.0, r2 = m2 > 0 ? -s2 : 0.0, r3 = m3 > 0 ? -s3 : 0.0;
    sl += (Math.max(m0, 0.0) + Math.max(m1, 0.0)) + (Math.max(m2, 0.0) + Math.max(m3, 0.0));
    sr += (r0 + r1) + (r2 + r3);
    axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
  }
  for (; i < n; i++) {
    const x0 = rowAt(xOff, rows, rOff, i, d);
    const s = 2.0 * labelAt(y, yOff, rows, rOff, i) - 1.0;
    const m = 1.0 - s * (dot(X, x0, w, wOff, d) + b);
    const r = m > 0 ? -s : 0.0;
    sl += Math.max(m, 0.0);
    sr += r;
    axpy1(g, gOff, d, r, X, x0);
  }
  g[gOff + d] = sr;
  return sl;
}
