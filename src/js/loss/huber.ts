/** JS mirror of assembly/loss/huber.ts: r = z − y, loss ½r² (|r| ≤ ε) or ε|r| − ½ε², residual r or ±ε. */
import { epsilon } from './param.js';
import type { PointwiseLoss } from './pass.js';

/** Huber loss (scikit-learn's 'huber'). Traits: rows in order, (ℓ0 + ℓ1) + (ℓ2 + ℓ3). */
class Huber implements PointwiseLoss {
  readonly pointwise = true as const;
  /** Evaluated out of line, by its own applyRows (src/js/loss/pass.ts: PointwiseLoss.applyRows); WASM: pair forms. */
  readonly costly = true;
  readonly twoStreams = false;
  readonly twoLanes = false;
  readonly rowsInLanes = false;
  residual(z: number, y: number): number {
    const e = epsilon;
    const r = z - y;
    return Math.abs(r) <= e ? r : r > 0 ? e : -e;
  }
  value(z: number, y: number): number {
    const e = epsilon;
    const d = z - y;
    const a = Math.abs(d);
    return a <= e ? (0.5 * d) * d : e * a - (0.5 * e) * e;
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

export const huber = new Huber();
