/** JS mirror of assembly/loss/squaredHinge.ts: s = 2y − 1, m = 1 − s·z, loss max(0, m)², residual (−2s)·m where m > 0. */
import type { PointwiseLoss } from './pass.js';

/** Squared hinge loss (scikit-learn's 'squared_hinge'). Traits: rows in order, (ℓ0 + ℓ1) + (ℓ2 + ℓ3). */
class SquaredHinge implements PointwiseLoss {
  readonly pointwise = true as const;
  readonly costly = false;
  readonly twoStreams = false;
  readonly twoLanes = false;
  readonly rowsInLanes = false;
  residual(z: number, y: number): number {
    const s = 2.0 * y - 1.0;
    const m = 1.0 - s * z;
    return m > 0 ? (-2.0 * s) * m : 0.0;
  }
  value(z: number, y: number): number {
    const t = Math.max(1.0 - (2.0 * y - 1.0) * z, 0.0);
    return t * t;
  }
  mean(sum: number, n: number): number {
    return sum / n;
  }
}

export const squaredHinge = new SquaredHinge();
