/**
 * JS mirror of assembly/loss/pass.ts: the fused pass over a batch's rows, written once and generic over the loss
 * (an object of src/js/loss/ with the traits as fields, read once per pass), four rows per gradient update, in the
 * loss's row order and lanes. Same operation order as the WASM pass, so the doubles are bitwise equal.
 */
import { axpy1, axpy4, dot, labelAt, rowAt, type XArray } from '../reduce.js';

/**
 * The traits a loss picks (assembly/loss/pass.ts has the same list): the row order of a block of four
 * (`twoStreams`: rows 2k, 2k + 1 of the first half and 2q + 2k, 2q + 2k + 1 of the second; else 4k … 4k + 3), the
 * lanes of the sums (`twoLanes`: s0 += ℓ0 + ℓ2, s1 += ℓ1 + ℓ3, s0 + s1 after the blocks; else s += (ℓ0 + ℓ1) + (ℓ2 + ℓ3)),
 * and `rowsInLanes` (d = 1 takes the one-feature path of src/js/loss/fast.ts, whose association differs). A new
 * loss takes rows in order, (ℓ0 + ℓ1) + (ℓ2 + ℓ3), rowsInLanes false.
 */
export interface LossTraits {
  /**
   * Its value calls exp or log (assembly: costly). A costly loss is evaluated out of line, rows in arrays
   * (applyRows); a cheap one by calls in the pass, row by row. The pass is one function for every loss, so its call
   * sites are polymorphic, and V8 inlines those only within a budget (~920 bytecode bytes per optimized function):
   * with every loss at the same sites the logistic loss's inlined exp and log1p used it up, the squared loss's calls
   * stayed calls and its doubles were boxed, 1.8–2.8× slower once a logistic fit had run in the same process.
   */
  readonly costly: boolean;
  readonly twoStreams: boolean;
  readonly twoLanes: boolean;
  readonly rowsInLanes: boolean;
  /** The data term from the sum of the rows' losses (Σℓ/n; Σr²/(2n) for the squared loss). */
  mean(sum: number, n: number): number;
}

/** A loss with one score per row. */
export interface PointwiseLoss extends LossTraits {
  readonly pointwise: true;
  /** The residual ∂ℓ/∂z; may keep what value() needs again at out[k] (the row's slot). */
  residual(z: number, y: number, out: Float64Array, k: number): number;
  /** ℓ(z, y), given the residual r of the same row (called after residual, with the same slot). */
  value(z: number, y: number, r: number, out: Float64Array, k: number): number;
  /**
   * Optional, costly losses: {@link applyRows} as the loss's own method (its loop calls only this loss's residual and
   * value, so they inline however many losses have run). The losses added after the first four take this way: with
   * them at the pass's call sites those sites went megamorphic and the squared loss's JS fits took 2× the time once
   * they had run in the process (20 000 × 10: 9.3 → 18.6 ms).
   */
  applyRows?(Z: Float64Array, Y: Float64Array, R: Float64Array, L: Float64Array, count: number): void;
}

/** A loss over the K scores of a row. */
export interface RowLoss extends LossTraits {
  readonly pointwise: false;
  /** r[off … off + K) holds the scores; overwrites them with the residuals ∂ℓ/∂zₖ; returns ℓ(z, y). */
  row(r: Float64Array, off: number, K: number, y: number): number;
}

export type Loss = PointwiseLoss | RowLoss;

/**
 * assembly/loss/pass.ts: fusedPass. Writes g[gOff …] = [Σᵢ rᵢₖ·xᵢ per output (K·d) | Σᵢ rᵢₖ (K)], returns Σᵢ ℓᵢ.
 * W at P[wOff …] (K rows of d), b at P[bOff …] (K); K = 1 for a pointwise loss; scratch: 4·K values.
 */
export function fusedPass(
  loss: Loss, X: XArray, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number,
  n: number, d: number, K: number, P: Float64Array, wOff: number, bOff: number, g: Float64Array, gOff: number,
  scratch: Float64Array,
): number {
  if (!loss.pointwise) return rowPass(loss, X, xOff, y, yOff, rows, rOff, n, d, K, P, wOff, bOff, g, gOff, scratch);
  g.fill(0, gOff, gOff + d + 1);
  const b = P[bOff]!;
  const streams = loss.twoStreams, lanes = loss.twoLanes, costly = loss.costly;
  let s0 = 0, s1 = 0, t0 = 0, t1 = 0;
  let i = 0;
  const half = (n >> 2) << 1;
  for (; i + 4 <= n; i += 4) {
    const p = streams ? i >> 1 : i;
    const q = streams ? half + p : i + 2;
    const x0 = rowAt(xOff, rows, rOff, p, d), x1 = rowAt(xOff, rows, rOff, p + 1, d);
    const x2 = rowAt(xOff, rows, rOff, q, d), x3 = rowAt(xOff, rows, rOff, q + 1, d);
    const z0 = dot(X, x0, P, wOff, d) + b, z1 = dot(X, x1, P, wOff, d) + b;
    const z2 = dot(X, x2, P, wOff, d) + b, z3 = dot(X, x3, P, wOff, d) + b;
    const y0 = labelAt(y, yOff, rows, rOff, p), y1 = labelAt(y, yOff, rows, rOff, p + 1);
    const y2 = labelAt(y, yOff, rows, rOff, q), y3 = labelAt(y, yOff, rows, rOff, q + 1);
    let r0: number, r1: number, r2: number, r3: number, l0: number, l1: number, l2: number, l3: number;
    if (costly) {
      Z4[0] = z0; Z4[1] = z1; Z4[2] = z2; Z4[3] = z3; Y4[0] = y0; Y4[1] = y1; Y4[2] = y2; Y4[3] = y3;
      applyRows(loss, Z4, Y4, R4, L4, 4);
      r0 = R4[0]!; r1 = R4[1]!; r2 = R4[2]!; r3 = R4[3]!; l0 = L4[0]!; l1 = L4[1]!; l2 = L4[2]!; l3 = L4[3]!;
    } else {
      r0 = loss.residual(z0, y0, scratch, 0); l0 = loss.value(z0, y0, r0, scratch, 0);
      r1 = loss.residual(z1, y1, scratch, 1); l1 = loss.value(z1, y1, r1, scratch, 1);
      r2 = loss.residual(z2, y2, scratch, 2); l2 = loss.value(z2, y2, r2, scratch, 2);
      r3 = loss.residual(z3, y3, scratch, 3); l3 = loss.value(z3, y3, r3, scratch, 3);
    }
    if (lanes) {
      s0 += l0 + l2; s1 += l1 + l3;
      t0 += r0 + r2; t1 += r1 + r3;
    } else {
      s0 += (l0 + l1) + (l2 + l3);
      t0 += (r0 + r1) + (r2 + r3);
    }
    axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
  }
  if (lanes) {
    s0 = s0 + s1;
    t0 = t0 + t1;
  }
  return pointTail(loss, X, xOff, y, yOff, rows, rOff, i, n, d, P, wOff, b, g, gOff, scratch, s0, t0);
}

/** A block's scores, labels, residuals and losses for applyRows. */
const Z4 = new Float64Array(4), Y4 = new Float64Array(4), R4 = new Float64Array(4), L4 = new Float64Array(4);
/** The rows' slots of applyRows (value() may read what residual() kept there). */
export const SLOTS = new Float64Array(64);

/**
 * The residuals and losses of rows k < count (≤ 64) of a costly loss: R[k] = residual(Z[k], Y[k]), L[k] = value(…),
 * each row with its own slot. Out of line (its call sites see only the costly losses), called once per block or
 * per chunk of blocks.
 */
export function applyRows(loss: PointwiseLoss, Z: Float64Array, Y: Float64Array, R: Float64Array, L: Float64Array, count: number): void {
  if (loss.applyRows !== undefined) {
    loss.applyRows(Z, Y, R, L, count);
    return;
  }
  for (let k = 0; k < count; k++) {
    const z = Z[k]!, yk = Y[k]!;
    const r = loss.residual(z, yk, SLOTS, k);
    R[k] = r;
    L[k] = loss.value(z, yk, r, SLOTS, k);
  }
}

/**
 * assembly/loss/pass.ts: fusedTail of a pointwise loss. Rows i … n − 1 (those after the four-row blocks) one at a
 * time onto the sums s (loss) and t (residuals); stores Σr at g[gOff + d], returns Σℓ. The one tail of every
 * pointwise path: the generic pass, short rows and one feature (src/js/loss/fast.ts) all end here.
 */
export function pointTail(
  loss: PointwiseLoss, X: XArray, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null,
  rOff: number, i: number, n: number, d: number, P: Float64Array, wOff: number, b: number, g: Float64Array,
  gOff: number, scratch: Float64Array, s: number, t: number,
): number {
  for (; i < n; i++) {
    const x0 = rowAt(xOff, rows, rOff, i, d);
    const z = dot(X, x0, P, wOff, d) + b, yi = labelAt(y, yOff, rows, rOff, i);
    let r: number;
    if (loss.costly) {
      Z4[0] = z; Y4[0] = yi;
      applyRows(loss, Z4, Y4, R4, L4, 1);
      r = R4[0]!;
      s += L4[0]!;
    } else {
      r = loss.residual(z, yi, scratch, 0);
      s += loss.value(z, yi, r, scratch, 0);
    }
    t += r;
    axpy1(g, gOff, d, r, X, x0);
  }
  g[gOff + d] = t;
  return s;
}

/** The K scores of the row at x into r[off …] (`scores`, or the short-row path's `rowScores`: the same doubles). */
export type RowScores = (X: XArray, x: number, d: number, K: number, P: Float64Array, wOff: number, bOff: number, r: Float64Array, off: number) => void;

/**
 * fusedPass of a row loss (K outputs): each row's scores into scratch by `rowScores` (default: `scores`), then
 * loss.row. The short-row fast path (src/js/loss/fast.ts: shortRowLoss) is this pass with its own scores.
 */
export function rowPass(
  loss: RowLoss, X: XArray, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number,
  n: number, d: number, K: number, P: Float64Array, wOff: number, bOff: number, g: Float64Array, gOff: number,
  scratch: Float64Array, rowScores: RowScores = scores,
): number {
  g.fill(0, gOff, gOff + K * d + K);
  const gb = gOff + K * d;
  const streams = loss.twoStreams, lanes = loss.twoLanes;
  let s0 = 0, s1 = 0;
  let i = 0;
  const half = (n >> 2) << 1;
  for (; i + 4 <= n; i += 4) {
    const p = streams ? i >> 1 : i;
    const q = streams ? half + p : i + 2;
    const x0 = rowAt(xOff, rows, rOff, p, d), x1 = rowAt(xOff, rows, rOff, p + 1, d);
    const x2 = rowAt(xOff, rows, rOff, q, d), x3 = rowAt(xOff, rows, rOff, q + 1, d);
    rowScores(X, x0, d, K, P, wOff, bOff, scratch, 0);
    const l0 = loss.row(scratch, 0, K, labelAt(y, yOff, rows, rOff, p) | 0);
    rowScores(X, x1, d, K, P, wOff, bOff, scratch, K);
    const l1 = loss.row(scratch, K, K, labelAt(y, yOff, rows, rOff, p + 1) | 0);
    rowScores(X, x2, d, K, P, wOff, bOff, scratch, 2 * K);
    const l2 = loss.row(scratch, 2 * K, K, labelAt(y, yOff, rows, rOff, q) | 0);
    rowScores(X, x3, d, K, P, wOff, bOff, scratch, 3 * K);
    const l3 = loss.row(scratch, 3 * K, K, labelAt(y, yOff, rows, rOff, q + 1) | 0);
    if (lanes) {
      s0 += l0 + l2; s1 += l1 + l3;
    } else {
      s0 += (l0 + l1) + (l2 + l3);
    }
    for (let k = 0; k < K; k++) {
      const r0 = scratch[k]!, r1 = scratch[K + k]!, r2 = scratch[2 * K + k]!, r3 = scratch[3 * K + k]!;
      axpy4(g, gOff + k * d, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
      g[gb + k] = g[gb + k]! + ((r0 + r1) + (r2 + r3));
    }
  }
  if (lanes) s0 = s0 + s1;
  for (; i < n; i++) {
    const x0 = rowAt(xOff, rows, rOff, i, d);
    rowScores(X, x0, d, K, P, wOff, bOff, scratch, 0);
    s0 += loss.row(scratch, 0, K, labelAt(y, yOff, rows, rOff, i) | 0);
    for (let k = 0; k < K; k++) {
      const r = scratch[k]!;
      axpy1(g, gOff + k * d, d, r, X, x0);
      g[gb + k] = g[gb + k]! + r;
    }
  }
  return s0;
}

/** The K scores x·Wₖ + bₖ of the row at X[x …] into r[off …]. */
function scores(X: XArray, x: number, d: number, K: number, P: Float64Array, wOff: number, bOff: number, r: Float64Array, off: number): void {
  for (let k = 0; k < K; k++) r[off + k] = dot(X, x, P, wOff + k * d, d) + P[bOff + k]!;
}

/**
 * assembly/loss/pass.ts: fusedPass with W = Weighted. The generic pass with row weights c (indexed like y: c[yOff + i],
 * or through rows): each row's loss and residuals are multiplied by its weight after they are computed (ℓᵢ ← cᵢ·ℓᵢ,
 * rᵢₖ ← cᵢ·rᵢₖ), then summed in the loss's order; writes [Σᵢ cᵢ·rᵢₖ·xᵢ | Σᵢ cᵢ·rᵢₖ], returns Σᵢ cᵢ·ℓᵢ. Every cᵢ = 1 gives
 * fusedPass's doubles. A function of its own, so that the unweighted passes and their call sites stay as they were.
 */
export function weightedPass(
  loss: Loss, X: XArray, xOff: number, y: Float64Array, yOff: number, c: Float64Array, rows: Uint32Array | null,
  rOff: number, n: number, d: number, K: number, P: Float64Array, wOff: number, bOff: number, g: Float64Array, gOff: number,
  scratch: Float64Array,
): number {
  const outs = loss.pointwise ? 1 : K;
  g.fill(0, gOff, gOff + outs * d + outs);
  const gb = gOff + outs * d;
  const b = loss.pointwise ? P[bOff]! : 0;
  const streams = loss.twoStreams, lanes = loss.twoLanes;
  let s0 = 0, s1 = 0, t0 = 0, t1 = 0;
  let i = 0;
  const half = (n >> 2) << 1;
  for (; i + 4 <= n; i += 4) {
    const p = streams ? i >> 1 : i;
    const q = streams ? half + p : i + 2;
    const x0 = rowAt(xOff, rows, rOff, p, d), x1 = rowAt(xOff, rows, rOff, p + 1, d);
    const x2 = rowAt(xOff, rows, rOff, q, d), x3 = rowAt(xOff, rows, rOff, q + 1, d);
    let r0 = 0, r1 = 0, r2 = 0, r3 = 0, l0: number, l1: number, l2: number, l3: number;
    if (loss.pointwise) {
      const z0 = dot(X, x0, P, wOff, d) + b, z1 = dot(X, x1, P, wOff, d) + b;
      const z2 = dot(X, x2, P, wOff, d) + b, z3 = dot(X, x3, P, wOff, d) + b;
      const y0 = labelAt(y, yOff, rows, rOff, p), y1 = labelAt(y, yOff, rows, rOff, p + 1);
      const y2 = labelAt(y, yOff, rows, rOff, q), y3 = labelAt(y, yOff, rows, rOff, q + 1);
      if (loss.costly) {
        Z4[0] = z0; Z4[1] = z1; Z4[2] = z2; Z4[3] = z3; Y4[0] = y0; Y4[1] = y1; Y4[2] = y2; Y4[3] = y3;
        applyRows(loss, Z4, Y4, R4, L4, 4);
        r0 = R4[0]!; r1 = R4[1]!; r2 = R4[2]!; r3 = R4[3]!; l0 = L4[0]!; l1 = L4[1]!; l2 = L4[2]!; l3 = L4[3]!;
      } else {
        r0 = loss.residual(z0, y0, scratch, 0); l0 = loss.value(z0, y0, r0, scratch, 0);
        r1 = loss.residual(z1, y1, scratch, 1); l1 = loss.value(z1, y1, r1, scratch, 1);
        r2 = loss.residual(z2, y2, scratch, 2); l2 = loss.value(z2, y2, r2, scratch, 2);
        r3 = loss.residual(z3, y3, scratch, 3); l3 = loss.value(z3, y3, r3, scratch, 3);
      }
    } else {
      scores(X, x0, d, K, P, wOff, bOff, scratch, 0);
      l0 = loss.row(scratch, 0, K, labelAt(y, yOff, rows, rOff, p) | 0);
      scores(X, x1, d, K, P, wOff, bOff, scratch, K);
      l1 = loss.row(scratch, K, K, labelAt(y, yOff, rows, rOff, p + 1) | 0);
      scores(X, x2, d, K, P, wOff, bOff, scratch, 2 * K);
      l2 = loss.row(scratch, 2 * K, K, labelAt(y, yOff, rows, rOff, q) | 0);
      scores(X, x3, d, K, P, wOff, bOff, scratch, 3 * K);
      l3 = loss.row(scratch, 3 * K, K, labelAt(y, yOff, rows, rOff, q + 1) | 0);
    }
    const c0 = labelAt(c, yOff, rows, rOff, p), c1 = labelAt(c, yOff, rows, rOff, p + 1);
    const c2 = labelAt(c, yOff, rows, rOff, q), c3 = labelAt(c, yOff, rows, rOff, q + 1);
    l0 = l0 * c0; l1 = l1 * c1; l2 = l2 * c2; l3 = l3 * c3;
    if (lanes) {
      s0 += l0 + l2; s1 += l1 + l3;
    } else {
      s0 += (l0 + l1) + (l2 + l3);
    }
    if (loss.pointwise) {
      r0 = r0 * c0; r1 = r1 * c1; r2 = r2 * c2; r3 = r3 * c3;
      if (lanes) {
        t0 += r0 + r2; t1 += r1 + r3;
      } else {
        t0 += (r0 + r1) + (r2 + r3);
      }
      axpy4(g, gOff, d, X, r0, x0, r1, x1, r2, x2, r3, x3);
    } else {
      for (let k = 0; k < K; k++) {
        const q0 = scratch[k]! * c0, q1 = scratch[K + k]! * c1, q2 = scratch[2 * K + k]! * c2, q3 = scratch[3 * K + k]! * c3;
        axpy4(g, gOff + k * d, d, X, q0, x0, q1, x1, q2, x2, q3, x3);
        g[gb + k] = g[gb + k]! + ((q0 + q1) + (q2 + q3));
      }
    }
  }
  if (lanes) {
    s0 = s0 + s1;
    t0 = t0 + t1;
  }
  for (; i < n; i++) {
    const x0 = rowAt(xOff, rows, rOff, i, d);
    const ci = labelAt(c, yOff, rows, rOff, i);
    if (loss.pointwise) {
      const z = dot(X, x0, P, wOff, d) + b, yi = labelAt(y, yOff, rows, rOff, i);
      let r: number, l: number;
      if (loss.costly) {
        // applyRows' call sites see only the costly losses (LossTraits.costly).
        Z4[0] = z; Y4[0] = yi;
        applyRows(loss, Z4, Y4, R4, L4, 1);
        r = R4[0]!;
        l = L4[0]!;
      } else {
        r = loss.residual(z, yi, scratch, 0);
        l = loss.value(z, yi, r, scratch, 0);
      }
      s0 += l * ci;
      r = r * ci;
      t0 += r;
      axpy1(g, gOff, d, r, X, x0);
    } else {
      scores(X, x0, d, K, P, wOff, bOff, scratch, 0);
      s0 += loss.row(scratch, 0, K, labelAt(y, yOff, rows, rOff, i) | 0) * ci;
      for (let k = 0; k < K; k++) {
        const r = scratch[k]! * ci;
        axpy1(g, gOff + k * d, d, r, X, x0);
        g[gb + k] = g[gb + k]! + r;
      }
    }
  }
  if (loss.pointwise) g[gb] = t0;
  return s0;
}
