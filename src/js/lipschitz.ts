/**
 * JS mirror of assembly/lipschitz.ts: λmax(AᵀA/n) by power iteration, A = X or [X | 1], the same operations in the
 * same order (dot's lanes, axpy4 over four rows, sequential sums over the p entries), so the estimate is the WASM
 * build's double.
 */
import { axpy1, axpy4, dot, type XArray } from './reduce.js';

/**
 * assembly/lipschitz.ts: powerIteration. `v` (p = d + 1 entries with the intercept, else d) is the start vector,
 * overwritten by the last iterate; `w` is scratch of p entries; `iters[0]` receives the number of passes; `c`: the
 * rows' weights for λmax(AᵀCA/n), or null.
 */
export function powerIteration(
  X: XArray, c: Float64Array | null, n: number, d: number, intercept: boolean, v: Float64Array, w: Float64Array, maxIter: number, tol: number,
  iters: Float64Array,
): number {
  const p = intercept ? d + 1 : d;
  const nf = n;
  let ss = 0.0;
  for (let j = 0; j < p; j++) {
    const a = v[j]!;
    ss += a * a;
  }
  let r = Math.sqrt(ss);
  for (let j = 0; j < p; j++) v[j] = v[j]! / r;
  let lambda = 0.0;
  let it = 0;
  while (it < maxIter) {
    it++;
    w.fill(0, 0, p);
    const b = intercept ? v[d]! : 0.0;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const x0 = i * d, x1 = x0 + d, x2 = x1 + d, x3 = x2 + d;
      let u0 = dot(X, x0, v, 0, d), u1 = dot(X, x1, v, 0, d), u2 = dot(X, x2, v, 0, d), u3 = dot(X, x3, v, 0, d);
      if (intercept) {
        u0 = u0 + b;
        u1 = u1 + b;
        u2 = u2 + b;
        u3 = u3 + b;
      }
      if (c !== null) {
        u0 = u0 * c[i]!;
        u1 = u1 * c[i + 1]!;
        u2 = u2 * c[i + 2]!;
        u3 = u3 * c[i + 3]!;
      }
      if (intercept) w[d] = w[d]! + ((u0 + u1) + (u2 + u3));
      axpy4(w, 0, d, X, u0, x0, u1, x1, u2, x2, u3, x3);
    }
    for (; i < n; i++) {
      const x0 = i * d;
      let u0 = dot(X, x0, v, 0, d);
      if (intercept) u0 = u0 + b;
      if (c !== null) u0 = u0 * c[i]!;
      if (intercept) w[d] = w[d]! + u0;
      axpy1(w, 0, d, u0, X, x0);
    }
    let q = 0.0;
    ss = 0.0;
    for (let j = 0; j < p; j++) {
      const wj = w[j]! / nf;
      q += v[j]! * wj;
      ss += wj * wj;
    }
    r = Math.sqrt(ss);
    if (r === 0) { lambda = 0; break; }
    for (let j = 0; j < p; j++) v[j] = (w[j]! / nf) / r;
    const done = Math.abs(q - lambda) <= tol * q;
    lambda = q;
    if (done) break;
  }
  iters[0] = it;
  return lambda;
}
