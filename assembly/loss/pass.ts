// The fused pass over a batch's rows, written once and generic over the loss L (a class of assembly/loss/: its
// traits are @inline methods returning constants, so each instance folds to the kernel of that loss) and over the
// row access R (Contiguous / Indexed, assembly/reduce.ts). For each row its K scores zₖ = x·Wₖ + bₖ, the loss and
// its residuals ∂ℓ/∂zₖ, and the residuals' share of the gradient, four rows per gradient update (PERF-NOTES:
// one fused pass, several rows per update). Same operation order as src/js/loss/pass.ts.
//
// The traits a loss picks (each a compile-time constant):
// - pointwise(): one score per row: residual(z, y, out) = ∂ℓ/∂z and value(z, y, r, out) = ℓ, called in that order
//   for a row with the same 8-byte slot out (where residual may keep what value needs again, e.g. e^−|z|), and
//   residualPair / valuePair, their operations lane by lane on two rows (16-byte slot); false: a row loss
//   row(rPtr, K, y) over the K scores at rPtr, overwritten with the K residuals.
// - twoStreams(): the block's rows are 2k, 2k + 1 of the first half and 2q + 2k, 2q + 2k + 1 of the second
//   (q = ⌊n/4⌋: X read as two streams); false: rows 4k … 4k + 3.
// - twoLanes(): loss and residual sums in two lanes, s0 += l0 + l2, s1 += l1 + l3, s0 + s1 after the blocks;
//   false: s += (l0 + l1) + (l2 + l3).
// - costly(): its value calls exp or log: the generic pass evaluates it two rows per f64x2 by the pair forms (SIMD
//   build; the fast paths always take the pair forms); the JS mirror evaluates it out of line (src/js/loss/pass.ts).
// - rowsInLanes(): d = 1 takes the squared loss's one-feature path (assembly/loss/fast.ts), whose association differs.
// A new loss takes rows in order, (l0 + l1) + (l2 + l3), costly() if its value calls exp or log, no rowsInLanes; the
// other orders exist because today's doubles of linear, ridge and hinge were recorded in them (test/golden).
// The weights W (Unweighted / Weighted, a compile-time choice like the traits): a weighted pass reads the row weight
// cᵢ (at swPtr, indexed like y) and multiplies the row's loss and its residuals by it after they are computed
// (ℓᵢ ← cᵢ·ℓᵢ, rᵢₖ ← cᵢ·rᵢₖ), then sums in the loss's order: with every cᵢ = 1 the unweighted pass's doubles.
import { dot, rowDot, rowAxpy4, rowAxpy1, rowAt, labelAt, labelPair } from '../reduce';

/** No row weights: the pass as it was (every weight test folds away). */
@unmanaged
export class Unweighted {
  // @ts-ignore: decorator
  @inline on(): bool { return false; }
}

/** Row weights cᵢ at swPtr (one f64 per row, indexed like y). */
@unmanaged
export class Weighted {
  // @ts-ignore: decorator
  @inline on(): bool { return true; }
}

/**
 * The raw sums of loss L over n rows (positions 0 … n − 1; with a row order, rows[position]) of X (row-major, d
 * columns) and y, at params W (K rows of d) and b (K): writes g = [Σᵢ rᵢₖ·xᵢ for each output k (K·d) | Σᵢ rᵢₖ (K)]
 * and returns Σᵢ ℓᵢ (not yet L.mean). Blocks of four rows in L's row order: per block the four rows' scores and
 * losses, one axpy4 per output, sums in L's lanes; then the remaining rows 4⌊n/4⌋ … n − 1 one at a time in order.
 * K = 1 for a pointwise loss. scratch: 4·K f64 (a row loss's scores and residuals; a pointwise loss's slots).
 * With W = Weighted, row i's loss and residuals are multiplied by its weight at swPtr (indexed like y; ignored
 * when W = Unweighted): g = [Σᵢ cᵢ·rᵢₖ·xᵢ | Σᵢ cᵢ·rᵢₖ], returns Σᵢ cᵢ·ℓᵢ.
 */
// @ts-ignore: decorator
@inline
export function fusedPass<L, R, W>(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize, gPtr: usize,
  scratch: usize, swPtr: usize,
): f64 {
  const loss = changetype<L>(0);
  const weights = changetype<W>(0);
  const outs = loss.pointwise() ? 1 : K;
  const rowBytes = <usize>d << 3;
  const kb = <usize>outs << 3;
  const gbPtr = gPtr + <usize>outs * rowBytes;
  memory.fill(gPtr, 0, <usize>(outs * d + outs) << 3);
  const b = loss.pointwise() ? load<f64>(bPtr) : 0.0;
  let s0 = 0.0, s1 = 0.0, t0 = 0.0, t1 = 0.0; // loss and residual sums (t: pointwise only; lane 1: twoLanes only)
  let i = 0;
  const half = (n >> 2) << 1;
  for (; i + 4 <= n; i += 4) {
    // The block's rows: positions p, p + 1 and q, q + 1.
    const p = loss.twoStreams() ? i >> 1 : i;
    const q = loss.twoStreams() ? half + p : i + 2;
    const x0 = rowAt<R>(xPtr, rowsPtr, p, rowBytes), x1 = rowAt<R>(xPtr, rowsPtr, p + 1, rowBytes);
    const x2 = rowAt<R>(xPtr, rowsPtr, q, rowBytes), x3 = rowAt<R>(xPtr, rowsPtr, q + 1, rowBytes);
    let l0: f64, l1: f64, l2: f64, l3: f64;
    let r0 = 0.0, r1 = 0.0, r2 = 0.0, r3 = 0.0; // pointwise: the residuals
    if (loss.pointwise()) {
      if (ASC_FEATURE_SIMD && loss.costly()) {
        const z0 = rowDot<R>(x0, wPtr, d) + b, z1 = rowDot<R>(x1, wPtr, d) + b, z2 = rowDot<R>(x2, wPtr, d) + b, z3 = rowDot<R>(x3, wPtr, d) + b;
        const Z01 = f64x2.replace_lane(f64x2.splat(z0), 1, z1), Z23 = f64x2.replace_lane(f64x2.splat(z2), 1, z3);
        const Y01 = labelPair<R>(yPtr, rowsPtr, p), Y23 = labelPair<R>(yPtr, rowsPtr, q);
        const R01 = loss.residualPair(Z01, Y01, scratch), R23 = loss.residualPair(Z23, Y23, scratch + 16);
        const L01 = loss.valuePair(Z01, Y01, R01, scratch), L23 = loss.valuePair(Z23, Y23, R23, scratch + 16);
        r0 = f64x2.extract_lane(R01, 0); r1 = f64x2.extract_lane(R01, 1);
        r2 = f64x2.extract_lane(R23, 0); r3 = f64x2.extract_lane(R23, 1);
        l0 = f64x2.extract_lane(L01, 0); l1 = f64x2.extract_lane(L01, 1);
        l2 = f64x2.extract_lane(L23, 0); l3 = f64x2.extract_lane(L23, 1);
      } else if (loss.costly()) {
        // Scalar build: exp and log are calls. Each row's residual (its exp) right after its score, the values (their
        // log1p) after the four: fewer values live across the calls than with the four scores first (logistic,
        // 1 000 × 10: 0.88× the time of that order, 0.85× the code before the refactor; bench/AB-13.md).
        const y0 = labelAt<R>(yPtr, rowsPtr, p), y1 = labelAt<R>(yPtr, rowsPtr, p + 1);
        const y2 = labelAt<R>(yPtr, rowsPtr, q), y3 = labelAt<R>(yPtr, rowsPtr, q + 1);
        const z0 = rowDot<R>(x0, wPtr, d) + b;
        r0 = loss.residual(z0, y0, scratch);
        const z1 = rowDot<R>(x1, wPtr, d) + b;
        r1 = loss.residual(z1, y1, scratch + 8);
        const z2 = rowDot<R>(x2, wPtr, d) + b;
        r2 = loss.residual(z2, y2, scratch + 16);
        const z3 = rowDot<R>(x3, wPtr, d) + b;
        r3 = loss.residual(z3, y3, scratch + 24);
        l0 = loss.value(z0, y0, r0, scratch); l1 = loss.value(z1, y1, r1, scratch + 8);
        l2 = loss.value(z2, y2, r2, scratch + 16); l3 = loss.value(z3, y3, r3, scratch + 24);
      } else {
        const z0 = rowDot<R>(x0, wPtr, d) + b, z1 = rowDot<R>(x1, wPtr, d) + b, z2 = rowDot<R>(x2, wPtr, d) + b, z3 = rowDot<R>(x3, wPtr, d) + b;
        const y0 = labelAt<R>(yPtr, rowsPtr, p), y1 = labelAt<R>(yPtr, rowsPtr, p + 1);
        const y2 = labelAt<R>(yPtr, rowsPtr, q), y3 = labelAt<R>(yPtr, rowsPtr, q + 1);
        r0 = loss.residual(z0, y0, scratch); l0 = loss.value(z0, y0, r0, scratch);
        r1 = loss.residual(z1, y1, scratch + 8); l1 = loss.value(z1, y1, r1, scratch + 8);
        r2 = loss.residual(z2, y2, scratch + 16); l2 = loss.value(z2, y2, r2, scratch + 16);
        r3 = loss.residual(z3, y3, scratch + 24); l3 = loss.value(z3, y3, r3, scratch + 24);
      }
    } else {
      scores(x0, d, K, wPtr, bPtr, scratch);
      l0 = loss.row(scratch, K, <i32>labelAt<R>(yPtr, rowsPtr, p));
      scores(x1, d, K, wPtr, bPtr, scratch + kb);
      l1 = loss.row(scratch + kb, K, <i32>labelAt<R>(yPtr, rowsPtr, p + 1));
      scores(x2, d, K, wPtr, bPtr, scratch + 2 * kb);
      l2 = loss.row(scratch + 2 * kb, K, <i32>labelAt<R>(yPtr, rowsPtr, q));
      scores(x3, d, K, wPtr, bPtr, scratch + 3 * kb);
      l3 = loss.row(scratch + 3 * kb, K, <i32>labelAt<R>(yPtr, rowsPtr, q + 1));
    }
    let c0 = 1.0, c1 = 1.0, c2 = 1.0, c3 = 1.0; // the rows' weights (Weighted only)
    if (weights.on()) {
      c0 = labelAt<R>(swPtr, rowsPtr, p); c1 = labelAt<R>(swPtr, rowsPtr, p + 1);
      c2 = labelAt<R>(swPtr, rowsPtr, q); c3 = labelAt<R>(swPtr, rowsPtr, q + 1);
      l0 = l0 * c0; l1 = l1 * c1; l2 = l2 * c2; l3 = l3 * c3;
      if (loss.pointwise()) {
        r0 = r0 * c0; r1 = r1 * c1; r2 = r2 * c2; r3 = r3 * c3;
      }
    }
    if (loss.twoLanes()) {
      s0 += l0 + l2;
      s1 += l1 + l3;
    } else {
      s0 += (l0 + l1) + (l2 + l3);
    }
    if (loss.pointwise()) {
      if (loss.twoLanes()) {
        t0 += r0 + r2;
        t1 += r1 + r3;
      } else {
        t0 += (r0 + r1) + (r2 + r3);
      }
      rowAxpy4<R>(gPtr, d, r0, x0, r1, x1, r2, x2, r3, x3);
    } else if (weights.on()) {
      for (let k = 0; k < K; k++) {
        const o = <usize>k << 3;
        const r0 = load<f64>(scratch + o) * c0, r1 = load<f64>(scratch + kb + o) * c1;
        const r2 = load<f64>(scratch + 2 * kb + o) * c2, r3 = load<f64>(scratch + 3 * kb + o) * c3;
        rowAxpy4<R>(gPtr + <usize>k * rowBytes, d, r0, x0, r1, x1, r2, x2, r3, x3);
        store<f64>(gbPtr + o, load<f64>(gbPtr + o) + ((r0 + r1) + (r2 + r3)));
      }
    } else {
      for (let k = 0; k < K; k++) {
        const o = <usize>k << 3;
        const r0 = load<f64>(scratch + o), r1 = load<f64>(scratch + kb + o);
        const r2 = load<f64>(scratch + 2 * kb + o), r3 = load<f64>(scratch + 3 * kb + o);
        rowAxpy4<R>(gPtr + <usize>k * rowBytes, d, r0, x0, r1, x1, r2, x2, r3, x3);
        store<f64>(gbPtr + o, load<f64>(gbPtr + o) + ((r0 + r1) + (r2 + r3)));
      }
    }
  }
  if (loss.twoLanes()) {
    s0 = s0 + s1;
    t0 = t0 + t1;
  }
  return fusedTail<L, R, W>(xPtr, yPtr, rowsPtr, i, n, d, K, wPtr, bPtr, gPtr, scratch, s0, t0, swPtr);
}

/**
 * The rows i … n − 1 after the blocks, one at a time in order, onto the sums s (loss) and t (residuals, pointwise);
 * stores Σr (pointwise) and returns Σℓ. Shared by the generic pass and the fast paths (those Unweighted only);
 * weighted as fusedPass.
 */
// @ts-ignore: decorator
@inline
export function fusedTail<L, R, W>(
  xPtr: usize, yPtr: usize, rowsPtr: usize, i: i32, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize, gPtr: usize,
  scratch: usize, s: f64, t: f64, swPtr: usize,
): f64 {
  const loss = changetype<L>(0);
  const weights = changetype<W>(0);
  const outs = loss.pointwise() ? 1 : K;
  const rowBytes = <usize>d << 3;
  const gbPtr = gPtr + <usize>outs * rowBytes;
  const b = loss.pointwise() ? load<f64>(bPtr) : 0.0;
  for (; i < n; i++) {
    const x0 = rowAt<R>(xPtr, rowsPtr, i, rowBytes);
    if (loss.pointwise() && weights.on()) {
      const z = rowDot<R>(x0, wPtr, d) + b, y = labelAt<R>(yPtr, rowsPtr, i), c = labelAt<R>(swPtr, rowsPtr, i);
      const r0 = loss.residual(z, y, scratch);
      s += loss.value(z, y, r0, scratch) * c;
      const r = r0 * c;
      t += r;
      rowAxpy1<R>(gPtr, d, r, x0);
    } else if (loss.pointwise()) {
      const z = rowDot<R>(x0, wPtr, d) + b, y = labelAt<R>(yPtr, rowsPtr, i);
      const r = loss.residual(z, y, scratch);
      s += loss.value(z, y, r, scratch);
      t += r;
      rowAxpy1<R>(gPtr, d, r, x0);
    } else if (weights.on()) {
      scores(x0, d, K, wPtr, bPtr, scratch);
      const c = labelAt<R>(swPtr, rowsPtr, i);
      s += loss.row(scratch, K, <i32>labelAt<R>(yPtr, rowsPtr, i)) * c;
      for (let k = 0; k < K; k++) {
        const o = <usize>k << 3;
        const r = load<f64>(scratch + o) * c;
        rowAxpy1<R>(gPtr + <usize>k * rowBytes, d, r, x0);
        store<f64>(gbPtr + o, load<f64>(gbPtr + o) + r);
      }
    } else {
      scores(x0, d, K, wPtr, bPtr, scratch);
      s += loss.row(scratch, K, <i32>labelAt<R>(yPtr, rowsPtr, i));
      for (let k = 0; k < K; k++) {
        const o = <usize>k << 3;
        const r = load<f64>(scratch + o);
        rowAxpy1<R>(gPtr + <usize>k * rowBytes, d, r, x0);
        store<f64>(gbPtr + o, load<f64>(gbPtr + o) + r);
      }
    }
  }
  if (loss.pointwise()) store<f64>(gbPtr, t);
  return s;
}

/** The K scores x·Wₖ + bₖ of the row at xPtr into rPtr. */
// @ts-ignore: decorator
@inline
function scores(xPtr: usize, d: i32, K: i32, wPtr: usize, bPtr: usize, rPtr: usize): void {
  const rowBytes = <usize>d << 3;
  for (let k = 0; k < K; k++) {
    store<f64>(rPtr + (<usize>k << 3), dot(xPtr, wPtr + <usize>k * rowBytes, d) + load<f64>(bPtr + (<usize>k << 3)));
  }
}
