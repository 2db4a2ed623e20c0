/**
 * JS mirror of assembly/loss/logistic.ts: loss max(z, 0) − y·z + log1p(e^−|z|), residual σ(z) − y, data term Σℓ/n.
 * exp and log1p are our own (src/js/math.ts = assembly/math.ts); log1p of e^−|z| ∈ [0, 1] by log1pUnit.
 */
import { exp, log1pUnit } from '../math.js';
import type { PointwiseLoss } from './pass.js';

/** Logistic loss (cross-entropy of σ(z)). Traits: rows in order, (ℓ0 + ℓ1) + (ℓ2 + ℓ3). */
class Logistic implements PointwiseLoss {
  readonly pointwise = true as const;
  readonly costly = true;
  readonly twoStreams = false;
  readonly twoLanes = false;
  readonly rowsInLanes = false;
  /** σ(z) − y; keeps e^−|z| at out[k] for value(). */
  residual(z: number, y: number, out: Float64Array, k: number): number {
    const e = exp(-Math.abs(z));
    const p = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
    out[k] = e;
    return p - y;
  }
  value(z: number, y: number, r: number, out: Float64Array, k: number): number {
    return (Math.max(z, 0.0) - y * z) + log1pUnit(out[k]!);
  }
  mean(sum: number, n: number): number {
    return sum / n;
  }
}

export const logistic = new Logistic();
