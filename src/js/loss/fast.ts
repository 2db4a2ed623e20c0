/**
 * JS mirror of assembly/loss/fast.ts: the fast paths of the fused pass. Short rows, pointwise losses: the four rows'
 * dotShort inline, side by side (lanes and combination per row as in dotShort, so the roundings are those of the
 * generic pass); short rows, row losses: each row's K dot products inline in dotShort's order; one feature: rows in
 * two lanes (its own association, see assembly/loss/fast.ts: oneFeature).
 */
import { axpy4, labelAt, rowAt, type XArray } from '../reduce.js';
import { applyRows, pointTail, rowPass, type PointwiseLoss, type RowLoss } from './pass.js';

/**
 * Rows per chunk in the fast paths: the scores of a chunk's blocks first (and a costly loss's residuals, one
 * applyRows call), then block after block the sums and the gradient update: the same operations in the same order
 * as one block at a time, with the out-of-line call made once per chunk.
 */
const CHUNK = 64;
const ZC = new Float64Array(CHUNK), YC = new Float64Array(CHUNK), RC = new Float64Array(CHUNK), LC = new Float64Array(CHUNK);

/** Rows of d < SHORT_ROW features: fusedPass with the dot products inline. Returns Σℓ; Σr at g[gOff + d]. */
export function shortRows(
  loss: PointwiseLoss, X: XArray, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null,
  rOff: number, n: number, d: number, P: Float64Array, wOff: number, bOff: number, g: Float64Array, gOff: number,
  scratch: Float64Array,
): number {
  g.fill(0, gOff, gOff + d + 1);
  const b = P[bOff]!;
  const streams = loss.twoStreams, lanes = loss.twoLanes, costly = loss.costly;
  let s0 = 0, s1 = 0, t0 = 0, t1 = 0;
  let i = 0;
  const half = (n >> 2) << 1;
  while (i + 4 <= n) {
    // A chunk of up to CHUNK / 4 blocks. A cheap loss: block after block the scores, residuals, sums and gradient
    // update. A costly loss: the scores of the chunk's rows, one applyRows, then the blocks' sums and updates.
    const blocks = Math.min(CHUNK >> 2, (n - i) >> 2);
    for (let k = 0; k < blocks; k++) {
      const ib = i + 4 * k;
      const a = streams ? ib >> 1 : ib;
      const c = streams ? half + a : ib + 2;
      const x0 = rowAt(xOff, rows, rOff, a, d), x1 = rowAt(xOff, rows, rOff, a + 1, d);
      const x2 = rowAt(xOff, rows, rOff, c, d), x3 = rowAt(xOff, rows, rOff, c + 1, d);
      let p0 = -0, p1 = -0, p2 = -0, p3 = -0, q0 = -0, q1 = -0, q2 = -0, q3 = -0;
      let u0 = -0, u1 = -0, u2 = -0, u3 = -0, v0 = -0, v1 = -0, v2 = -0, v3 = -0;
      let j = 0;
      for (; j + 4 <= d; j += 4) {
        const w0 = P[wOff + j]!, w1 = P[wOff + j + 1]!, w2 = P[wOff + j + 2]!, w3 = P[wOff + j + 3]!;
        p0 += X[x0 + j]! * w0; p1 += X[x0 + j + 1]! * w1; p2 += X[x0 + j + 2]! * w2; p3 += X[x0 + j + 3]! * w3;
        q0 += X[x1 + j]! * w0; q1 += X[x1 + j + 1]! * w1; q2 += X[x1 + j + 2]! * w2; q3 += X[x1 + j + 3]! * w3;
        u0 += X[x2 + j]! * w0; u1 += X[x2 + j + 1]! * w1; u2 += X[x2 + j + 2]! * w2; u3 += X[x2 + j + 3]! * w3;
        v0 += X[x3 + j]! * w0; v1 += X[x3 + j + 1]! * w1; v2 += X[x3 + j + 2]! * w2; v3 += X[x3 + j + 3]! * w3;
      }
      if (j + 2 <= d) {
        const w0 = P[wOff + j]!, w1 = P[wOff + j + 1]!;
        p0 += X[x0 + j]! * w0; p1 += X[x0 + j + 1]! * w1;
        q0 += X[x1 + j]! * w0; q1 += X[x1 + j + 1]! * w1;
        u0 += X[x2 + j]! * w0; u1 += X[x2 + j + 1]! * w1;
        v0 += X[x3 + j]! * w0; v1 += X[x3 + j + 1]! * w1;
        j += 2;
      }
      let z0 = (p0 + p2) + (p1 + p3), z1 = (q0 + q2) + (q1 + q3);
      let z2 = (u0 + u2) + (u1 + u3), z3 = (v0 + v2) + (v1 + v3);
      if (j < d) {
        const wj = P[wOff + j]!;
        z0 += X[x0 + j]! * wj; z1 += X[x1 + j]! * wj; z2 += X[x2 + j]! * wj; z3 += X[x3 + j]! * wj;
      }
      z0 += b; z1 += b; z2 += b; z3 += b;
      const y0 = labelAt(y, yOff, rows, rOff, a), y1 = labelAt(y, yOff, rows, rOff, a + 1);
      const y2 = labelAt(y, yOff, rows, rOff, c), y3 = labelAt(y, yOff, rows, rOff, c + 1);
      if (costly) {
        const o = 4 * k;
        ZC[o] = z0; ZC[o + 1] = z1; ZC[o + 2] = z2; ZC[o + 3] = z3;
        YC[o] = y0; YC[o + 1] = y1; YC[o + 2] = y2; YC[o + 3] = y3;
        continue;
      }
      const r0 = loss.residual(z0, y0, scratch, 0), l0 = loss.value(z0, y0, r0, scratch, 0);
      const r1 = loss.residual(z1, y1, scratch, 1), l1 = loss.value(z1, y1, r1, scratch, 1);
      const r2 = loss.residual(z2, y2, scratch, 2), l2 = loss.value(z2, y2, r2, scratch, 2);
      const r3 = loss.residual(z3, y3, scratch, 3), l3 = loss.value(z3, y3, r3, scratch, 3);
      if (lanes) {
        s0 += l0 + l2; s1 += l1 + l3;
        t0 += r0 + r2; t1 += r1 + r3;
      } else {
        s0 += (l0 + l1) + (l2 + l3);
        t0 += (r0 + r1) + (r2 + r3);
      }
      axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
    }
    // A costly loss: its residuals out of line, then the blocks' sums and updates in order.
    if (costly) applyRows(loss, ZC, YC, RC, LC, 4 * blocks);
    for (let k = 0; costly && k < blocks; k++) {
      const ib = i + 4 * k;
      const a = streams ? ib >> 1 : ib;
      const c = streams ? half + a : ib + 2;
      const x0 = rowAt(xOff, rows, rOff, a, d), x1 = rowAt(xOff, rows, rOff, a + 1, d);
      const x2 = rowAt(xOff, rows, rOff, c, d), x3 = rowAt(xOff, rows, rOff, c + 1, d);
      const o = 4 * k;
      const r0 = RC[o]!, r1 = RC[o + 1]!, r2 = RC[o + 2]!, r3 = RC[o + 3]!;
      const l0 = LC[o]!, l1 = LC[o + 1]!, l2 = LC[o + 2]!, l3 = LC[o + 3]!;
      if (lanes) {
        s0 += l0 + l2; s1 += l1 + l3;
        t0 += r0 + r2; t1 += r1 + r3;
      } else {
        s0 += (l0 + l1) + (l2 + l3);
        t0 += (r0 + r1) + (r2 + r3);
      }
      axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
    }
    i += 4 * blocks;
  }
  if (lanes) {
    s0 = s0 + s1;
    t0 = t0 + t1;
  }
  return pointTail(loss, X, xOff, y, yOff, rows, rOff, i, n, d, P, wOff, b, g, gOff, scratch, s0, t0);
}

/** assembly/loss/fast.ts: oneFeature. d = 1, rows i … i + 3 in two lanes: (ℓ0, ℓ1) and (ℓ2, ℓ3) per block. */
export function oneFeature(
  loss: PointwiseLoss, X: XArray, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null,
  rOff: number, n: number, P: Float64Array, wOff: number, bOff: number, g: Float64Array, gOff: number,
  scratch: Float64Array,
): number {
  const w = P[wOff]!, b = P[bOff]!, costly = loss.costly;
  let s0 = 0.0, s1 = 0.0, t0 = 0.0, t1 = 0.0, g0 = 0.0, g1 = 0.0;
  let i = 0;
  while (i + 4 <= n) {
    const count = Math.min(CHUNK, (n - i) & ~3); // whole blocks, as shortRows takes them
    if (costly) {
      for (let k = 0; k < count; k++) {
        ZC[k] = X[rowAt(xOff, rows, rOff, i + k, 1)]! * w + b;
        YC[k] = labelAt(y, yOff, rows, rOff, i + k);
      }
      applyRows(loss, ZC, YC, RC, LC, count);
    }
    for (let k = 0; k < count; k += 4) {
      const x0 = X[rowAt(xOff, rows, rOff, i + k, 1)]!, x1 = X[rowAt(xOff, rows, rOff, i + k + 1, 1)]!;
      const x2 = X[rowAt(xOff, rows, rOff, i + k + 2, 1)]!, x3 = X[rowAt(xOff, rows, rOff, i + k + 3, 1)]!;
      let r0: number, r1: number, r2: number, r3: number, l0: number, l1: number, l2: number, l3: number;
      if (costly) {
        r0 = RC[k]!; r1 = RC[k + 1]!; r2 = RC[k + 2]!; r3 = RC[k + 3]!;
        l0 = LC[k]!; l1 = LC[k + 1]!; l2 = LC[k + 2]!; l3 = LC[k + 3]!;
      } else {
        const z0 = x0 * w + b, z1 = x1 * w + b, z2 = x2 * w + b, z3 = x3 * w + b;
        const y0 = labelAt(y, yOff, rows, rOff, i + k), y1 = labelAt(y, yOff, rows, rOff, i + k + 1);
        const y2 = labelAt(y, yOff, rows, rOff, i + k + 2), y3 = labelAt(y, yOff, rows, rOff, i + k + 3);
        r0 = loss.residual(z0, y0, scratch, 0); l0 = loss.value(z0, y0, r0, scratch, 0);
        r1 = loss.residual(z1, y1, scratch, 1); l1 = loss.value(z1, y1, r1, scratch, 1);
        r2 = loss.residual(z2, y2, scratch, 2); l2 = loss.value(z2, y2, r2, scratch, 2);
        r3 = loss.residual(z3, y3, scratch, 3); l3 = loss.value(z3, y3, r3, scratch, 3);
      }
      s0 += l0 + l2;
      s1 += l1 + l3;
      t0 += r0 + r2;
      t1 += r1 + r3;
      g0 += r0 * x0 + r2 * x2;
      g1 += r1 * x1 + r3 * x3;
    }
    i += count;
  }
  // The rows after the blocks as the other passes take them (pointTail, d = 1: the dot product of one feature is
  // −0 + x·w = x·w exactly, so z = x·w + b as above), onto the lanes' sums and Σr·x stored at g[gOff].
  g[gOff] = g0 + g1;
  return pointTail(loss, X, xOff, y, yOff, rows, rOff, i, n, 1, P, wOff, b, g, gOff, scratch, s0 + s1, t0 + t1);
}

/**
 * assembly/loss/fast.ts: shortRowLoss. Rows of d < SHORT_ROW features, a row loss (K outputs): the generic pass
 * (src/js/loss/pass.ts: rowPass) with each row's K scores by rowScores (dotShort inline). Returns Σℓ; the raw sums
 * [Σ rₖ·x (K·d) | Σ rₖ (K)] at g[gOff …].
 */
export function shortRowLoss(
  loss: RowLoss, X: XArray, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number,
  n: number, d: number, K: number, P: Float64Array, wOff: number, bOff: number, g: Float64Array, gOff: number,
  scratch: Float64Array,
): number {
  return rowPass(loss, X, xOff, y, yOff, rows, rOff, n, d, K, P, wOff, bOff, g, gOff, scratch, rowScores);
}

/** The K scores x·Wₖ + bₖ of the row at X[x …] (d < SHORT_ROW) into r[off …], each dot in dotShort's order. */
function rowScores(X: XArray, x: number, d: number, K: number, P: Float64Array, wOff: number, bOff: number, r: Float64Array, off: number): void {
  for (let k = 0, w = wOff; k < K; k++, w += d) {
    let b0 = -0, b1 = -0, b2 = -0, b3 = -0;
    let j = 0;
    for (; j + 4 <= d; j += 4) {
      b0 += X[x + j]! * P[w + j]!;
      b1 += X[x + j + 1]! * P[w + j + 1]!;
      b2 += X[x + j + 2]! * P[w + j + 2]!;
      b3 += X[x + j + 3]! * P[w + j + 3]!;
    }
    if (j + 2 <= d) {
      b0 += X[x + j]! * P[w + j]!;
      b1 += X[x + j + 1]! * P[w + j + 1]!;
      j += 2;
    }
    let s = (b0 + b2) + (b1 + b3);
    if (j < d) s += X[x + j]! * P[w + j]!;
    r[off + k] = s + P[bOff + k]!;
  }
}
