// The hinge loss (linear SVM): sign s = 2y − 1 ∈ {−1, +1}, margin m = 1 − s·z, loss max(0, m), subgradient residual
// −s where m > 0 and 0 elsewhere, data term Σloss/n. Only + − · max: bitwise equal to src/js/loss/hinge.ts in any
// build. Pointwise value only; the pass is assembly/loss/pass.ts.

/** Hinge loss. Traits: two streams (as the linear kernel), sums (l0 + l1) + (l2 + l3), scalar value in the pass. */
@unmanaged
export class Hinge {
  // @ts-ignore: decorator
  @inline pointwise(): bool { return true; }
  // @ts-ignore: decorator
  @inline twoStreams(): bool { return true; }
  // @ts-ignore: decorator
  @inline twoLanes(): bool { return false; }
  // @ts-ignore: decorator
  @inline costly(): bool { return false; }
  // @ts-ignore: decorator
  @inline rowsInLanes(): bool { return false; }

  /** −s where m = 1 − s·z > 0, else 0. */
  // @ts-ignore: decorator
  @inline residual(z: f64, y: f64, out: usize): f64 {
    const s = 2.0 * y - 1.0;
    return 1.0 - s * z > 0 ? -s : 0.0;
  }

  /** max(m, 0). */
  // @ts-ignore: decorator
  @inline value(z: f64, y: f64, r: f64, out: usize): f64 {
    return Math.max(1.0 - (2.0 * y - 1.0) * z, 0.0);
  }

  /** residual() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline residualPair(Z: v128, Y: v128, out: usize): v128 {
    const S = f64x2.sub(f64x2.mul(f64x2.splat(2.0), Y), f64x2.splat(1.0));
    const M = f64x2.sub(f64x2.splat(1.0), f64x2.mul(S, Z));
    return v128.bitselect(f64x2.neg(S), f64x2.splat(0.0), f64x2.gt(M, f64x2.splat(0.0)));
  }

  /** value() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline valuePair(Z: v128, Y: v128, R: v128, out: usize): v128 {
    const S = f64x2.sub(f64x2.mul(f64x2.splat(2.0), Y), f64x2.splat(1.0));
    return f64x2.max(f64x2.sub(f64x2.splat(1.0), f64x2.mul(S, Z)), f64x2.splat(0.0));
  }

  /** Σloss/n. */
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / n; }
}
