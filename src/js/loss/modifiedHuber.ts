/**
 * JS mirror of assembly/loss/modifiedHuber.ts: s = 2y − 1, u = s·z; loss 0 (u ≥ 1), (1 − u)² (u ≥ −1), −4u;
 * residual 0, (−2s)·(1 − u), −4s.
 */
import type { PointwiseLoss } from './pass.js';

/** Modified Huber loss (scikit-learn's 'modified_huber'). Traits: rows in order, (ℓ0 + ℓ1) + (ℓ2 + ℓ3). */
class ModifiedHuber implements PointwiseLoss {
  readonly pointwise = true as const;
  readonly costly = false;
  readonly twoStreams = false;
  readonly twoLanes = false;
  readonly rowsInLanes = false;
  residual(z: number, y: number): number {
    const s = 2.0 * y - 1.0;
    const u = s * z;
    return u >= 1.0 ? 0.0 : u >= -1.0 ? (-2.0 * s) * (1.0 - u) : -4.0 * s;
  }
  value(z: number, y: number): number {
    const u = (2.0 * y - 1.0) * z;
    const m = 1.0 - u;
    return u >= 1.0 ? 0.0 : u >= -1.0 ? m * m : -4.0 * u;
  }
  mean(sum: number, n: number): number {
    return sum / n;
  }
}

export const modifiedHuber = new ModifiedHuber();
