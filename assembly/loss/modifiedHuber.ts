// The modified Huber loss (scikit-learn's 'modified_huber', ModifiedHuber of sklearn/linear_model/_sgd_fast.pyx.tp;
// T. Zhang, ICML 2004): s = 2y − 1, u = s·z; loss 0 for u ≥ 1, (1 − u)² for −1 ≤ u < 1, −4u below; residual 0,
// (−2s)·(1 − u), −4s (continuous at both joins: C¹), data term Σloss/n. Only + − · and selects: bitwise equal to
// src/js/loss/modifiedHuber.ts in any build. Branches are selects (both arms
// computed, no jump: residuals near a kink would mispredict). Pointwise value only; the pass is assembly/loss/pass.ts.

/** Modified Huber loss. Traits: rows in order, sums (l0 + l1) + (l2 + l3), two rows per f64x2 in the pass. */
@unmanaged
export class ModifiedHuber {
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

  /** 0 for u ≥ 1, (−2s)·(1 − u) for u ≥ −1, else −4s. */
  // @ts-ignore: decorator
  @inline residual(z: f64, y: f64, out: usize): f64 {
    const s = 2.0 * y - 1.0;
    const u = s * z;
    return select<f64>(0.0, select<f64>((-2.0 * s) * (1.0 - u), -4.0 * s, u >= -1.0), u >= 1.0);
  }

  /** 0 for u ≥ 1, (1 − u)² for u ≥ −1, else −4u. */
  // @ts-ignore: decorator
  @inline value(z: f64, y: f64, r: f64, out: usize): f64 {
    const u = (2.0 * y - 1.0) * z;
    const m = 1.0 - u;
    return select<f64>(0.0, select<f64>(m * m, -4.0 * u, u >= -1.0), u >= 1.0);
  }

  /** residual() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline residualPair(Z: v128, Y: v128, out: usize): v128 {
    const S = f64x2.sub(f64x2.mul(f64x2.splat(2.0), Y), f64x2.splat(1.0));
    const U = f64x2.mul(S, Z);
    const mid = f64x2.mul(f64x2.mul(f64x2.splat(-2.0), S), f64x2.sub(f64x2.splat(1.0), U));
    const low = f64x2.mul(f64x2.splat(-4.0), S);
    const R = v128.bitselect(mid, low, f64x2.ge(U, f64x2.splat(-1.0)));
    return v128.bitselect(f64x2.splat(0.0), R, f64x2.ge(U, f64x2.splat(1.0)));
  }

  /** value() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline valuePair(Z: v128, Y: v128, R: v128, out: usize): v128 {
    const U = f64x2.mul(f64x2.sub(f64x2.mul(f64x2.splat(2.0), Y), f64x2.splat(1.0)), Z);
    const M = f64x2.sub(f64x2.splat(1.0), U);
    const V = v128.bitselect(f64x2.mul(M, M), f64x2.mul(f64x2.splat(-4.0), U), f64x2.ge(U, f64x2.splat(-1.0)));
    return v128.bitselect(f64x2.splat(0.0), V, f64x2.ge(U, f64x2.splat(1.0)));
  }

  /** Σloss/n. */
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / n; }
}
