// The squared hinge loss (scikit-learn's 'squared_hinge', SquaredHinge of sklearn/linear_model/_sgd_fast.pyx.tp with
// threshold 1): sign s = 2y − 1 ∈ {−1, +1}, margin m = 1 − s·z, loss max(0, m)², residual ∂ℓ/∂z = −2s·m where m > 0
// and 0 elsewhere (continuous: no kink), data term Σloss/n. Only + − · max and selects: bitwise equal to
// src/js/loss/squaredHinge.ts in any build. Branches are selects (both arms
// computed, no jump: residuals near a kink would mispredict). Pointwise value only; the pass is assembly/loss/pass.ts.

/** Squared hinge loss. Traits: rows in order, sums (l0 + l1) + (l2 + l3), two rows per f64x2 in the pass. */
@unmanaged
export class SquaredHinge {
  // @ts-ignore: decorator
  @inline pointwise(): bool { return true; }
  // @ts-ignore: decorator
  @inline twoStreams(): bool { return false; }
  // @ts-ignore: decorator
  @inline twoLanes(): bool { return false; }
  /**
   * Not exp or log, but the SIMD build's generic pass evaluates it two rows per f64x2 (the pair forms) all the same:
   * huber and the ε-insensitive losses took 1.9× the squared loss's time per row at 100 000 × 100 by the scalar
   * forms, 0.9× by the pairs (CPU time, lossGrad alone). The same doubles either way (test/architecture/loss-parity).
   */
  // @ts-ignore: decorator
  @inline costly(): bool { return true; }
  // @ts-ignore: decorator
  @inline rowsInLanes(): bool { return false; }

  /** (−2s)·m where m = 1 − s·z > 0, else 0. */
  // @ts-ignore: decorator
  @inline residual(z: f64, y: f64, out: usize): f64 {
    const s = 2.0 * y - 1.0;
    const m = 1.0 - s * z;
    return select<f64>((-2.0 * s) * m, 0.0, m > 0);
  }

  /** t·t, t = max(m, 0). */
  // @ts-ignore: decorator
  @inline value(z: f64, y: f64, r: f64, out: usize): f64 {
    const t = Math.max(1.0 - (2.0 * y - 1.0) * z, 0.0);
    return t * t;
  }

  /** residual() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline residualPair(Z: v128, Y: v128, out: usize): v128 {
    const S = f64x2.sub(f64x2.mul(f64x2.splat(2.0), Y), f64x2.splat(1.0));
    const M = f64x2.sub(f64x2.splat(1.0), f64x2.mul(S, Z));
    return v128.bitselect(f64x2.mul(f64x2.mul(f64x2.splat(-2.0), S), M), f64x2.splat(0.0), f64x2.gt(M, f64x2.splat(0.0)));
  }

  /** value() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline valuePair(Z: v128, Y: v128, R: v128, out: usize): v128 {
    const S = f64x2.sub(f64x2.mul(f64x2.splat(2.0), Y), f64x2.splat(1.0));
    const T = f64x2.max(f64x2.sub(f64x2.splat(1.0), f64x2.mul(S, Z)), f64x2.splat(0.0));
    return f64x2.mul(T, T);
  }

  /** Σloss/n. */
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / n; }
}
