// The largest eigenvalue of AᵀA/n by power iteration, A = X (n × d, row-major) or [X | 1] with the intercept's column
// of ones: the smoothness constant L of the squared loss (¼ of it bounds the logistic loss's Hessian, ½ the softmax
// one's; src/options/auto.ts). One pass over X per iteration: uᵢ = aᵢ·v, w += Σ uᵢ·aᵢ, four rows at a time (axpy4),
// then w/n; with row weights cᵢ, λmax(AᵀCA/n): w += Σ cᵢ·uᵢ·aᵢ (uᵢ ← cᵢ·uᵢ before it is added). The Rayleigh
// quotient vᵀw of the unit v never exceeds λmax and converges to it. Same operation order as
// src/js/lipschitz.ts; the sums over the p entries of v and w are sequential, the same in both builds.
import { dot, axpy4, axpy1, zero, setXTile, tileRow, xTile } from './reduce';

/** Row i of X, or with float32 storage its f64 copy (reduce.ts tileRow). */
// @ts-ignore: decorator
@inline
function row(xPtr: usize, i: i32, rowBytes: usize): usize {
  return xTile != 0 ? tileRow(xPtr, 0, i, rowBytes) : xPtr + <usize>i * rowBytes;
}

/**
 * λmax(AᵀA/n) estimated from the start vector at vPtr (p = d + 1 entries with the intercept, else d; overwritten by
 * the last iterate) with w at wPtr as scratch (p f64): at most maxIter passes, stopping once the Rayleigh quotient
 * changes by at most tol·itself. Returns 0 when A·v is 0 (X = 0 without an intercept) and writes the number of passes
 * made at itersPtr (one f64). swPtr: the rows' weights cᵢ (n f64) for λmax(AᵀCA/n), C = diag(c), or 0. tilePtr:
 * float32 storage, four f64 row slots of ⌈8·d/16⌉·16 bytes (X holds f32, promoted row by row: reduce.ts rowAt), or 0.
 */
export function powerIteration(
  xPtr: usize, swPtr: usize, n: i32, d: i32, intercept: bool, vPtr: usize, wPtr: usize, maxIter: i32, tol: f64, itersPtr: usize,
  tilePtr: usize,
): f64 {
  setXTile(tilePtr, n);
  const lambda = powerIterationOf(xPtr, swPtr, n, d, intercept, vPtr, wPtr, maxIter, tol, itersPtr);
  setXTile(0);
  return lambda;
}

function powerIterationOf(
  xPtr: usize, swPtr: usize, n: i32, d: i32, intercept: bool, vPtr: usize, wPtr: usize, maxIter: i32, tol: f64, itersPtr: usize,
): f64 {
  const p = intercept ? d + 1 : d;
  const rowBytes = <usize>d << 3;
  const nf = <f64>n;
  const icpt = vPtr + rowBytes, wIcpt = wPtr + rowBytes;
  // v ← v/‖v‖.
  let ss = 0.0;
  for (let j = 0; j < p; j++) {
    const a = load<f64>(vPtr + (<usize>j << 3));
    ss += a * a;
  }
  let r = Math.sqrt(ss);
  for (let j = 0; j < p; j++) store<f64>(vPtr + (<usize>j << 3), load<f64>(vPtr + (<usize>j << 3)) / r);
  let lambda = 0.0;
  let it = 0;
  while (it < maxIter) {
    it++;
    zero(wPtr, p);
    const b = intercept ? load<f64>(icpt) : 0.0;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      const x0 = row(xPtr, i, rowBytes), x1 = row(xPtr, i + 1, rowBytes);
      const x2 = row(xPtr, i + 2, rowBytes), x3 = row(xPtr, i + 3, rowBytes);
      let u0 = dot(x0, vPtr, d), u1 = dot(x1, vPtr, d), u2 = dot(x2, vPtr, d), u3 = dot(x3, vPtr, d);
      if (intercept) {
        u0 = u0 + b;
        u1 = u1 + b;
        u2 = u2 + b;
        u3 = u3 + b;
      }
      if (swPtr != 0) {
        const c = swPtr + (<usize>i << 3);
        u0 = u0 * load<f64>(c);
        u1 = u1 * load<f64>(c, 8);
        u2 = u2 * load<f64>(c, 16);
        u3 = u3 * load<f64>(c, 24);
      }
      if (intercept) store<f64>(wIcpt, load<f64>(wIcpt) + ((u0 + u1) + (u2 + u3)));
      axpy4(wPtr, d, u0, x0, u1, x1, u2, x2, u3, x3);
    }
    for (; i < n; i++) {
      const x0 = row(xPtr, i, rowBytes);
      let u0 = dot(x0, vPtr, d);
      if (intercept) u0 = u0 + b;
      if (swPtr != 0) u0 = u0 * load<f64>(swPtr + (<usize>i << 3));
      if (intercept) store<f64>(wIcpt, load<f64>(wIcpt) + u0);
      axpy1(wPtr, d, u0, x0);
    }
    let q = 0.0;
    ss = 0.0;
    for (let j = 0; j < p; j++) {
      const o = <usize>j << 3;
      const w = load<f64>(wPtr + o) / nf;
      q += load<f64>(vPtr + o) * w;
      ss += w * w;
    }
    r = Math.sqrt(ss);
    if (r == 0) { lambda = 0; break; }
    for (let j = 0; j < p; j++) {
      const o = <usize>j << 3;
      store<f64>(vPtr + o, (load<f64>(wPtr + o) / nf) / r);
    }
    const done = Math.abs(q - lambda) <= tol * q;
    lambda = q;
    if (done) break;
  }
  store<f64>(itersPtr, <f64>it);
  return lambda;
}
