// Ablation kernels for `npm run bench:ablation` (AssemblyScript, compiled at run time). Each reads X in the
// engine's layout with the engine's own code (assembly/reduce.ts, assembly/loss/) and does part of
// the fused pass, so the time of each part, in cache and from DRAM, is measured rather than inferred.
import { dot, axpy4 } from '../../../assembly/reduce';
import { lossGrad } from '../../../assembly/loss/registry';
import { LOSS_SQUARED } from '../../../src/abi/layout';

/** The intercept (8 bytes) and the loss's scratch (4 f64) of `full`. */
const B_AND_SCRATCH = memory.data(48, 16);

/** The whole fused pass: the engine's linear kernel (the squared loss through the registry), contiguous rows. */
export function full(xPtr: usize, yPtr: usize, n: i32, d: i32, wPtr: usize, b: f64, gPtr: usize): f64 {
  store<f64>(B_AND_SCRATCH, b);
  return lossGrad(LOSS_SQUARED, xPtr, yPtr, 0, n, d, 1, wPtr, B_AND_SCRATCH, gPtr, B_AND_SCRATCH + 16, 0.0);
}

/** The read and the first half: each row's residual by the engine's dot, Σ r²; no gradient. */
export function dotHalf(xPtr: usize, yPtr: usize, n: i32, d: i32, wPtr: usize, b: f64): f64 {
  const rowBytes = <usize>d << 3;
  let sq = 0.0;
  for (let i = 0; i < n; i++) {
    const r = (dot(xPtr + <usize>i * rowBytes, wPtr, d) + b) - load<f64>(yPtr + (<usize>i << 3));
    sq += r * r;
  }
  return sq;
}

/**
 * The read and the second half: per block of four rows, each row summed in sequence (read as the dots read it,
 * one load per 16 bytes and an add), then g += rᵢ·xᵢ for the four by the engine's axpy4 from L1, with
 * rᵢ = yᵢ + 0·Σxᵢ (so the update waits for the row's read, as it waits for the dot in the full pass).
 */
export function axpyHalf(xPtr: usize, yPtr: usize, n: i32, d: i32, gPtr: usize): f64 {
  const rowBytes = <usize>d << 3;
  memory.fill(gPtr, 0, rowBytes);
  for (let i = 0; i + 4 <= n; i += 4) {
    const x0 = xPtr + <usize>i * rowBytes, yp = yPtr + (<usize>i << 3);
    const r0 = load<f64>(yp) + 0 * rowSum(x0, d), r1 = load<f64>(yp, 8) + 0 * rowSum(x0 + rowBytes, d);
    const r2 = load<f64>(yp, 16) + 0 * rowSum(x0 + 2 * rowBytes, d);
    const r3 = load<f64>(yp, 24) + 0 * rowSum(x0 + 3 * rowBytes, d);
    axpy4(gPtr, d, r0, x0, r1, x0 + rowBytes, r2, x0 + 2 * rowBytes, r3, x0 + 3 * rowBytes);
  }
  return load<f64>(gPtr);
}

/** Σ of d elements at xPtr, four f64x2 accumulators, pairs and a tail. */
// @ts-ignore: decorator
@inline
function rowSum(xPtr: usize, d: i32): f64 {
  let A0 = f64x2.splat(0), A1 = f64x2.splat(0), A2 = f64x2.splat(0), A3 = f64x2.splat(0);
  let j = 0;
  for (; j + 8 <= d; j += 8) {
    const p = xPtr + (<usize>j << 3);
    A0 = f64x2.add(A0, v128.load(p));
    A1 = f64x2.add(A1, v128.load(p, 16));
    A2 = f64x2.add(A2, v128.load(p, 32));
    A3 = f64x2.add(A3, v128.load(p, 48));
  }
  for (; j + 2 <= d; j += 2) A0 = f64x2.add(A0, v128.load(xPtr + (<usize>j << 3)));
  const S = f64x2.add(f64x2.add(A0, A1), f64x2.add(A2, A3));
  let s = f64x2.extract_lane(S, 0) + f64x2.extract_lane(S, 1);
  if (j < d) s += load<f64>(xPtr + (<usize>j << 3));
  return s;
}

/** The read alone: Σ of every element of X with four f64x2 accumulators (the bandwidth probe over X itself). */
export function readOnly(xPtr: usize, n: i32, d: i32): f64 {
  const end = xPtr + (<usize>n * <usize>d << 3);
  let A0 = f64x2.splat(0), A1 = f64x2.splat(0), A2 = f64x2.splat(0), A3 = f64x2.splat(0);
  let p = xPtr;
  for (; p + 64 <= end; p += 64) {
    A0 = f64x2.add(A0, v128.load(p));
    A1 = f64x2.add(A1, v128.load(p, 16));
    A2 = f64x2.add(A2, v128.load(p, 32));
    A3 = f64x2.add(A3, v128.load(p, 48));
  }
  const S = f64x2.add(f64x2.add(A0, A1), f64x2.add(A2, A3));
  let s = f64x2.extract_lane(S, 0) + f64x2.extract_lane(S, 1);
  for (; p < end; p += 8) s += load<f64>(p);
  return s;
}
