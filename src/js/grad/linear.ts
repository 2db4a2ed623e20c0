/** JS mirror of assembly/grad/linear.ts: g[j] = Σ rᵢ·xᵢⱼ, g[d] = Σ rᵢ; returns Σ rᵢ², rᵢ = (xᵢ·w + b) − yᵢ. */
import { axpy1, axpy4, dot } from '../reduce.js';

export function gradLinear(
  X: Float64Array, xOff: number, y: Float64Array, yOff: number, n: number, d: number,
  w: Float64Array, wOff: number, b: number, g: Float64Array, gOff: number,
): number {
  if (d === 1) return gradLinear1(X, xOff, y, yOff, n, w[wOff]!, b, g, gOff);
  g.fill(0, gOff, gOff + d + 1);
  let sq = 0, sr = 0;
  let i = 0;
  let x0 = xOff;
  for (; i + 4 <= n; i += 4) {
    const x1 = x0 + d, x2 = x1 + d, x3 = x2 + d;
    const yp = yOff + i;
    const r0 = (dot(X, x0, w, wOff, d) + b) - y[yp]!;
    const r1 = (dot(X, x1, w, wOff, d) + b) - y[yp + 1]!;
    const r2 = (dot(X, x2, w, wOff, d) + b) - y[yp + 2]!;
    const r3 = (dot(X, x3, w, wOff, d) + b) - y[yp + 3]!;
    sq += (r0 * r0 + r1 * r1) + (r2 * r2 + r3 * r3);
    sr += (r0 + r1) + (r2 + r3);
    axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
    x0 = x3 + d;
  }
  for (; i < n; i++) {
    const r = (dot(X, x0, w, wOff, d) + b) - y[yOff + i]!;
    sq += r * r;
    sr += r;
    axpy1(g, gOff, d, r, X, x0);
    x0 += d;
  }
  g[gOff + d] = sr;
  return sq;
}

/** assembly/grad/linear.ts: gradLinear1. One feature, rows in two lanes: (r0, r1), (r2, r3) per block of four. */
function gradLinear1(X: Float64Array, xOff: number, y: Float64Array, yOff: number, n: number, w: number, b: number, g: Float64Array, gOff: number): number {
  let sq0 = 0.0, sq1 = 0.0, sr0 = 0.0, sr1 = 0.0, g0 = 0.0, g1 = 0.0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = X[xOff + i]!, x1 = X[xOff + i + 1]!, x2 = X[xOff + i + 2]!, x3 = X[xOff + i + 3]!;
    const r0 = (x0 * w + b) - y[yOff + i]!, r1 = (x1 * w + b) - y[yOff + i + 1]!;
    const r2 = (x2 * w + b) - y[yOff + i + 2]!, r3 = (x3 * w + b) - y[yOff + i + 3]!;
    sq0 += r0 * r0 + r2 * r2;
    sq1 += r1 * r1 + r3 * r3;
    sr0 += r0 + r2;
    sr1 += r1 + r3;
    g0 += r0 * x0 + r2 * x2;
    g1 += r1 * x1 + r3 * x3;
  }
  let sq = sq0 + sq1, sr = sr0 + sr1, gs = g0 + g1;
  for (; i < n; i++) {
    const x = X[xOff + i]!;
    const r = (x * w + b) - y[yOff + i]!;
    sq += r * r;
    sr += r;
    gs += r * x;
  }
  g[gOff] = gs;
  g[gOff + 1] = sr;
  return sq;
}
