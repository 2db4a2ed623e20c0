// The logistic loss (binary logistic regression): for a score z and a label y ∈ {0, 1}, log(1 + e^z) − y·z computed
// stably as max(z, 0) − y·z + log1p(e^−|z|), residual σ(z) − y, data term Σloss/n. log1p of e^−|z| ∈ [0, 1] by
// log1pUnit (faithful on that domain only, no division: bench/LIMITS-classifiers.md). The two-lane form takes the
// operations of the scalar one lane by lane (expV, log1pUnitV), so every build rounds alike. Pointwise value only; the
// pass is assembly/loss/pass.ts. Mirror: src/js/loss/logistic.ts.
import { exp, log1pUnit, expLowV, negAbsV, log1pUnitV } from '../math';


/** Logistic loss (cross-entropy of σ(z)). Traits: rows i … i + 3 in order, sums (l0 + l1) + (l2 + l3), costly (exp, log1p). */
@unmanaged
export class Logistic {
  // @ts-ignore: decorator
  @inline pointwise(): bool { return true; }
  // @ts-ignore: decorator
  @inline twoStreams(): bool { return false; }
  // @ts-ignore: decorator
  @inline twoLanes(): bool { return false; }
  /** exp and log1p per row: two rows per f64x2 in the SIMD build. */
  // @ts-ignore: decorator
  @inline costly(): bool { return true; }
  // @ts-ignore: decorator
  @inline rowsInLanes(): bool { return false; }

  /** σ(z) − y; keeps e^−|z| in the row's slot for value(). */
  // @ts-ignore: decorator
  @inline residual(z: f64, y: f64, out: usize): f64 {
    const e = exp(-Math.abs(z));
    const p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    store<f64>(out, e);
    return p - y;
  }

  /** max(z, 0) − y·z + log1p(e^−|z|) (log1pUnit), e^−|z| from residual(). */
  // @ts-ignore: decorator
  @inline value(z: f64, y: f64, r: f64, out: usize): f64 {
    return (Math.max(z, 0.0) - y * z) + log1pUnit(load<f64>(out));
  }

  /** residual() of two rows (lanes of Z and Y). */
  // @ts-ignore: decorator
  @inline residualPair(Z: v128, Y: v128, out: usize): v128 {
    const ONE = f64x2.splat(1.0);
    // −|Z| by the sign bit, e^−|Z| with the lower range check only (−|Z| ≤ 0): the doubles of expV(neg(abs(Z))).
    const E = expLowV(negAbsV(Z));
    const P = f64x2.div(v128.bitselect(ONE, E, f64x2.ge(Z, f64x2.splat(0.0))), f64x2.add(ONE, E));
    v128.store(out, E);
    return f64x2.sub(P, Y);
  }

  /**
   * value() of two rows. max(z, 0) as f64x2.pmax(z, 0) (z < 0 ? 0 : z, one instruction where f64x2.max takes ~8 in
   * V8): the same double as Math.max(z, 0) but for z = −0, where −0 − y·z and +0 − y·z are both +0 (y·z = −0), and
   * NaN's payload (the loss is NaN either way).
   */
  // @ts-ignore: decorator
  @inline valuePair(Z: v128, Y: v128, R: v128, out: usize): v128 {
    return f64x2.add(f64x2.sub(f64x2.pmax(Z, f64x2.splat(0.0)), f64x2.mul(Y, Z)), log1pUnitV(v128.load(out)));
  }

  /** Σloss/n. */
  // @ts-ignore: decorator
  @inline mean(sum: f64, n: f64): f64 { return sum / n; }
}
