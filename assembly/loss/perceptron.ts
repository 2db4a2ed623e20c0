// The perceptron loss (scikit-learn's 'perceptron': Hinge of sklearn/linear_model/_sgd_fast.pyx.tp with threshold 0):
// s = 2y − 1, u = s·z, loss max(0, −u), residual −s where u ≤ 0 (scikit-learn's subgradient at the kink, so a fit
// from θ = 0 moves) and 0 elsewhere, data term Σloss/n. Only + − · max and selects: bitwise equal to
// src/js/loss/perceptron.ts in any build. Branches are selects (both arms
// computed, no jump: residuals near a kink would mispredict). Pointwise value only; the pass is assembly/loss/pass.ts.

/** Perceptron loss. Traits: rows in order, sums (l0 + l1) + (l2 + l3), two rows per f64x2 in the pass. */
@unmanaged
export class Perceptron {
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

  /** −s where u = s·z ≤ 0, else 0. */
  // @ts-ignore: decorator
  @inline residual(z: f64, y: f64, out: usize): f64 {
    const s = 2.0 * y - 1.0;
    return select<f64>(-s, 0.0, s * z <= 0);
  }

  /** max(−u, 0). */
  // @ts-ignore: decorator
  @inline value(z: f64, y: f64, r: f64, out: usize): f64 {
    return Math.max(-((2.0 * y - 1.0) * z), 0.0);
  }

  /** residual() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline residualPair(Z: v128, Y: v128, out: usize): v128 {
    const S = f64x2.sub(f64x2.mul(f64x2.splat(2.0), Y), f64x2.splat(1.0));
    return v128.bitselect(f64x2.neg(S), f64x2.splat(0.0), f64x2.le(f64x2.mul(S, Z), f64x2.splat(0.0)));
  }

  /** value() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline valuePair(Z: v128, Y: v128, R: v128, out: usize): v128 {
    const S = f64x2.sub(f64x2.mul(f64x2.splat(2.0), Y), f64x2.splat(1.0));
    return f64x2.max(f64x2.neg(f64x2.mul(S, Z)), f64x2.splat(0.0));
  }

  /** Σloss/n. */
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / n; }
}
