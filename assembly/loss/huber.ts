// The Huber loss (scikit-learn's 'huber', Huber of sklearn/linear_model/_sgd_fast.pyx.tp with c = ε): residual
// r = z − y, loss ½r² for |r| ≤ ε, else ε|r| − ½ε²; ∂ℓ/∂z = r for |r| ≤ ε, else ±ε (continuous: C¹); data term
// Σloss/n; ε from assembly/loss/param.ts. Only + − · |·| and selects: bitwise equal to src/js/loss/huber.ts in any
// build. Branches are selects (both arms
// computed, no jump: residuals near a kink would mispredict). Pointwise value only; the pass is assembly/loss/pass.ts.
import { lossEpsilon } from './param';

/** Huber loss. Traits: rows in order, sums (l0 + l1) + (l2 + l3), two rows per f64x2 in the pass. */
@unmanaged
export class Huber {
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

  /** r for |r| ≤ ε, ε for r > ε, −ε below −ε. */
  // @ts-ignore: decorator
  @inline residual(z: f64, y: f64, out: usize): f64 {
    const e = lossEpsilon();
    const r = z - y;
    return select<f64>(r, select<f64>(e, -e, r > 0), Math.abs(r) <= e);
  }

  /** (½r)·r for |r| ≤ ε, else ε·|r| − (½ε)·ε. */
  // @ts-ignore: decorator
  @inline value(z: f64, y: f64, r: f64, out: usize): f64 {
    const e = lossEpsilon();
    const d = z - y;
    const a = Math.abs(d);
    return select<f64>((0.5 * d) * d, e * a - (0.5 * e) * e, a <= e);
  }

  /** residual() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline residualPair(Z: v128, Y: v128, out: usize): v128 {
    const E = f64x2.splat(lossEpsilon());
    const D = f64x2.sub(Z, Y);
    const outer = v128.bitselect(E, f64x2.neg(E), f64x2.gt(D, f64x2.splat(0.0)));
    return v128.bitselect(D, outer, f64x2.le(f64x2.abs(D), E));
  }

  /** value() of two rows, lane by lane. */
  // @ts-ignore: decorator
  @inline valuePair(Z: v128, Y: v128, R: v128, out: usize): v128 {
    const E = f64x2.splat(lossEpsilon());
    const D = f64x2.sub(Z, Y);
    const A = f64x2.abs(D);
    const inner = f64x2.mul(f64x2.mul(f64x2.splat(0.5), D), D);
    const outer = f64x2.sub(f64x2.mul(E, A), f64x2.mul(f64x2.mul(f64x2.splat(0.5), E), E));
    return v128.bitselect(inner, outer, f64x2.le(A, E));
  }

  /** Σloss/n. */
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / n; }
}
