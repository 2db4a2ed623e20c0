/** JS mirror of assembly/grad/linear.ts: g[j] = Σ rᵢ·xᵢⱼ, g[d] = Σ rᵢ; returns Σ rᵢ², rᵢ = (xᵢ·w + b) − yᵢ. */
import { SHORT_ROW, axpy1, axpy4, dot, labelAt, rowAt } from '../reduce.js';

export function gradLinear(
  X: Float64Array, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number, n: number,
  d: number, w: Float64Array, wOff: number, b: number, g: Float64Array, gOff: number,
): number {
  if (d === 1) return gradLinear1(X, xOff, y, yOff, rows, rOff, n, w[wOff]!, b, g, gOff);
  g.fill(0, gOff, gOff + d + 1);
  // Residual sums in two lanes per block of four, as gradLinear1 keeps them; combined after the blocks.
  let sq0 = 0, sq1 = 0, sr0 = 0, sr1 = 0;
  let i = 0;
  // Block k = i/4: rows a = 2k, a + 1 of the first half and c = 2q + 2k, c + 1 of the second (assembly: gradLinear).
  const half = (n >> 2) << 1;
  if (d < SHORT_ROW) {
    // Short rows: the four rows' dotShort inline, side by side (assembly/grad/linear.ts does the same in SIMD);
    // lanes and combination per row as in dotShort, so the roundings are those of four dotShort calls.
    for (; i + 4 <= n; i += 4) {
      const a = i >> 1, c = half + a;
      const x0 = rowAt(xOff, rows, rOff, a, d), x1 = rowAt(xOff, rows, rOff, a + 1, d);
      const x2 = rowAt(xOff, rows, rOff, c, d), x3 = rowAt(xOff, rows, rOff, c + 1, d);
      let p0 = -0, p1 = -0, p2 = -0, p3 = -0, q0 = -0, q1 = -0, q2 = -0, q3 = -0;
      let u0 = -0, u1 = -0, u2 = -0, u3 = -0, t0 = -0, t1 = -0, t2 = -0, t3 = -0;
      let j = 0;
      for (; j + 4 <= d; j += 4) {
        const w0 = w[wOff + j]!, w1 = w[wOff + j + 1]!, w2 = w[wOff + j + 2]!, w3 = w[wOff + j + 3]!;
        p0 += X[x0 + j]! * w0; p1 += X[x0 + j + 1]! * w1; p2 += X[x0 + j + 2]! * w2; p3 += X[x0 + j + 3]! * w3;
        q0 += X[x1 + j]! * w0; q1 += X[x1 + j + 1]! * w1; q2 += X[x1 + j + 2]! * w2; q3 += X[x1 + j + 3]! * w3;
        u0 += X[x2 + j]! * w0; u1 += X[x2 + j + 1]! * w1; u2 += X[x2 + j + 2]! * w2; u3 += X[x2 + j + 3]! * w3;
        t0 += X[x3 + j]! * w0; t1 += X[x3 + j + 1]! * w1; t2 += X[x3 + j + 2]! * w2; t3 += X[x3 + j + 3]! * w3;
      }
      if (j + 2 <= d) {
        const w0 = w[wOff + j]!, w1 = w[wOff + j + 1]!;
        p0 += X[x0 + j]! * w0; p1 += X[x0 + j + 1]! * w1;
        q0 += X[x1 + j]! * w0; q1 += X[x1 + j + 1]! * w1;
        u0 += X[x2 + j]! * w0; u1 += X[x2 + j + 1]! * w1;
        t0 += X[x3 + j]! * w0; t1 += X[x3 + j + 1]! * w1;
        j += 2;
      }
      let z0 = (p0 + p2) + (p1 + p3), z1 = (q0 + q2) + (q1 + q3);
      let z2 = (u0 + u2) + (u1 + u3), z3 = (t0 + t2) + (t1 + t3);
      if (j < d) {
        const wj = w[wOff + j]!;
        z0 += X[x0 + j]! * wj; z1 += X[x1 + j]! * wj; z2 += X[x2 + j]! * wj; z3 += X[x3 + j]! * wj;
      }
      const r0 = (z0 + b) - labelAt(y, yOff, rows, rOff, a);
      const r1 = (z1 + b) - labelAt(y, yOff, rows, rOff, a + 1);
      const r2 = (z2 + b) - labelAt(y, yOff, rows, rOff, c);
      const r3 = (z3 + b) - labelAt(y, yOff, rows, rOff, c + 1);
      sq0 += r0 * r0 + r2 * r2;
      sq1 += r1 * r1 + r3 * r3;
      sr0 += r0 + r2;
      sr1 += r1 + r3;
      axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
    }
  }
  for (; i + 4 <= n; i += 4) {
    const a = i >> 1, c = half + a;
    const x0 = rowAt(xOff, rows, rOff, a, d), x1 = rowAt(xOff, rows, rOff, a + 1, d);
    const x2 = rowAt(xOff, rows, rOff, c, d), x3 = rowAt(xOff, rows, rOff, c + 1, d);
    const r0 = (dot(X, x0, w, wOff, d) + b) - labelAt(y, yOff, rows, rOff, a);
    const r1 = (dot(X, x1, w, wOff, d) + b) - labelAt(y, yOff, rows, rOff, a + 1);
    const r2 = (dot(X, x2, w, wOff, d) + b) - labelAt(y, yOff, rows, rOff, c);
    const r3 = (dot(X, x3, w, wOff, d) + b) - labelAt(y, yOff, rows, rOff, c + 1);
    sq0 += r0 * r0 + r2 * r2;
    sq1 += r1 * r1 + r3 * r3;
    sr0 += r0 + r2;
    sr1 += r1 + r3;
    axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
  }
  let sq = sq0 + sq1, sr = sr0 + sr1;
  for (; i < n; i++) {
    const x0 = rowAt(xOff, rows, rOff, i, d);
    const r = (dot(X, x0, w, wOff, d) + b) - labelAt(y, yOff, rows, rOff, i);
    sq += r * r;
    sr += r;
    axpy1(g, gOff, d, r, X, x0);
  }
  g[gOff + d] = sr;
  return sq;
}

/** assembly/grad/linear.ts: gradLinear1. One feature, rows in two lanes: (r0, r1), (r2, r3) per block of four. */
function gradLinear1(
  X: Float64Array, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number, n: number,
  w: number, b: number, g: Float64Array, gOff: number,
): number {
  let sq0 = 0.0, sq1 = 0.0, sr0 = 0.0, sr1 = 0.0, g0 = 0.0, g1 = 0.0;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const x0 = X[rowAt(xOff, rows, rOff, i, 1)]!, x1 = X[rowAt(xOff, rows, rOff, i + 1, 1)]!;
    const x2 = X[rowAt(xOff, rows, rOff, i + 2, 1)]!, x3 = X[rowAt(xOff, rows, rOff, i + 3, 1)]!;
    const r0 = (x0 * w + b) - labelAt(y, yOff, rows, rOff, i), r1 = (x1 * w + b) - labelAt(y, yOff, rows, rOff, i + 1);
    const r2 = (x2 * w + b) - labelAt(y, yOff, rows, rOff, i + 2), r3 = (x3 * w + b) - labelAt(y, yOff, rows, rOff, i + 3);
    sq0 += r0 * r0 + r2 * r2;
    sq1 += r1 * r1 + r3 * r3;
    sr0 += r0 + r2;
    sr1 += r1 + r3;
    g0 += r0 * x0 + r2 * x2;
    g1 += r1 * x1 + r3 * x3;
  }
  let sq = sq0 + sq1, sr = sr0 + sr1, gs = g0 + g1;
  for (; i < n; i++) {
    const x = X[rowAt(xOff, rows, rOff, i, 1)]!;
    const r = (x * w + b) - labelAt(y, yOff, rows, rOff, i);
    sq += r * r;
    sr += r;
    gs += r * x;
  }
  g[gOff] = gs;
  g[gOff + 1] = sr;
  return sq;
}
