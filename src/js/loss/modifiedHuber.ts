/**
 * JS mirror of assembly/loss/modifiedHuber.ts: s = 2y − 1, u = s·z; loss 0 (u ≥ 1), (1 − u)² (u ≥ −1), −4u;
 * residual 0, (−2s)·(1 − u), −4s.
 */
import type { PointwiseLoss } from './pass.js';

/** Modified Huber loss (scikit-learn's 'modified_huber'). Traits: rows in order, (ℓ0 + ℓ1) + (ℓ2 + ℓ3). */
class ModifiedHuber implements PointwiseLoss {
  readonly pointwise = true as const;
  /** Evaluated out of line, by its own applyRows (src/js/loss/pass.ts: PointwiseLoss.applyRows); WASM: pair forms. */
  readonly costly = true;
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
  /** The residuals and values of rows k < count (no slots used), this loss's calls only. */
  applyRows(Z: Float64Array, Y: Float64Array, R: Float64Array, L: Float64Array, count: number): void {
    for (let k = 0; k < count; k++) {
      const z = Z[k]!, y = Y[k]!;
      const r = this.residual(z, y);
      R[k] = r;
      L[k] = this.value(z, y);
    }
  }
  mean(sum: number, n: number): number {
    return sum / n;
  }
}

export const modifiedHuber = new ModifiedHuber();
