/** JS mirror of assembly/loss/perceptron.ts: s = 2y − 1, u = s·z, loss max(0, −u), residual −s where u ≤ 0. */
import type { PointwiseLoss } from './pass.js';

/** Perceptron loss (scikit-learn's 'perceptron'). Traits: rows in order, (ℓ0 + ℓ1) + (ℓ2 + ℓ3). */
class Perceptron implements PointwiseLoss {
  readonly pointwise = true as const;
  /** Evaluated out of line, by its own applyRows (src/js/loss/pass.ts: PointwiseLoss.applyRows); WASM: pair forms. */
  readonly costly = true;
  readonly twoStreams = false;
  readonly twoLanes = false;
  readonly rowsInLanes = false;
  residual(z: number, y: number): number {
    const s = 2.0 * y - 1.0;
    return s * z <= 0 ? -s : 0.0;
  }
  value(z: number, y: number): number {
    return Math.max(-((2.0 * y - 1.0) * z), 0.0);
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

export const perceptron = new Perceptron();
