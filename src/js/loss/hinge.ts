/** JS mirror of assembly/loss/hinge.ts: s = 2y − 1, m = 1 − s·z, loss max(0, m), residual −s where m > 0. */
import type { PointwiseLoss } from './pass.js';

/** Hinge loss (linear SVM). Traits: two streams, (ℓ0 + ℓ1) + (ℓ2 + ℓ3). */
class Hinge implements PointwiseLoss {
  readonly pointwise = true as const;
  readonly costly = false;
  readonly twoStreams = true;
  readonly twoLanes = false;
  readonly rowsInLanes = false;
  residual(z: number, y: number): number {
    const s = 2.0 * y - 1.0;
    return 1.0 - s * z > 0 ? -s : 0.0;
  }
  value(z: number, y: number): number {
    return Math.max(1.0 - (2.0 * y - 1.0) * z, 0.0);
  }
  mean(sum: number, n: number): number {
    return sum / n;
  }
}

export const hinge = new Hinge();
