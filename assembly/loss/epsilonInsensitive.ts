// The ε-insensitive loss (scikit-learn's 'epsilon_insensitive', EpsilonInsensitive of
// sklearn/linear_model/_sgd_fast.pyx.tp; the linear SVR's loss): r = z − y, loss max(0, |r| − ε), residual 1 for
// r > ε, −1 for r < −ε, 0 between (and at the kinks |r| = ε, as scikit-learn); data term Σloss/n; ε from
// assembly/loss/param.ts. Only + − |·| max and selects: bitwise equal to src/js/loss/epsilonInsensitive.ts in any
// build. Branches are selects (both arms
// computed, no jump: residuals near a kink would mispredict). Pointwise value only; the pass is assembly/loss/pass.ts.
import { lossEpsilon } from './param';

/** ε-insensitive loss. Traits: rows in order, sums (l0 + l1) + (l2 + l3), two rows per f64x2 in the pass. */
@unmanaged
export class EpsilonInsensitive {
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

  /** 1 for r > ε, −1 for −r > ε, else 0. */
  // @ts-ignore: decorator
  @inline residual(z: f64, y: f64, out: usize): f64 {
    const e = lossEpsilon();
    const r = z - y;
    return select<f64>(1.0, select<f64>(-1.0, 0.0, -r > e), r > e);
  }

  /** max(|r| − ε, 0). */
  // @ts-ignore: decorator
  @inline value(z: f64, y: f64, r: f64, out: usize): f64 {
    return Math.max(Math.abs(z - y) - lossEpsilon(), 0.0);
  }

  /** residual() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline residualPair(Z: v128, Y: v128, out: usize): v128 {
    const E = f64x2.splat(lossEpsilon());
    const D = f64x2.sub(Z, Y);
    const low = v128.bitselect(f64x2.splat(-1.0), f64x2.splat(0.0), f64x2.gt(f64x2.neg(D), E));
    return v128.bitselect(f64x2.splat(1.0), low, f64x2.gt(D, E));
  }

  /** value() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline valuePair(Z: v128, Y: v128, R: v128, out: usize): v128 {
    return f64x2.max(f64x2.sub(f64x2.abs(f64x2.sub(Z, Y)), f64x2.splat(lossEpsilon())), f64x2.splat(0.0));
  }

  /** Σloss/n. */
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / n; }
}
