/**
 * JS mirror of assembly/loss/squaredEpsilonInsensitive.ts: r = z − y, loss max(0, |r| − ε)², residual 2·(r − ε),
 * 2·(r + ε) or 0.
 */
import { epsilon } from './param.js';
import type { PointwiseLoss } from './pass.js';

/** Squared ε-insensitive loss (scikit-learn's 'squared_epsilon_insensitive'). Traits: rows in order, (ℓ0 + ℓ1) + (ℓ2 + ℓ3). */
class SquaredEpsilonInsensitive implements PointwiseLoss {
  readonly pointwise = true as const;
  /** Evaluated out of line, by its own applyRows (src/js/loss/pass.ts: PointwiseLoss.applyRows); WASM: pair forms. */
  readonly costly = true;
  readonly twoStreams = false;
  readonly twoLanes = false;
  readonly rowsInLanes = false;
  residual(z: number, y: number): number {
    const e = epsilon;
    const r = z - y;
    return r > e ? 2.0 * (r - e) : -r > e ? 2.0 * (r + e) : 0.0;
  }
  value(z: number, y: number): number {
    const t = Math.max(Math.abs(z - y) - epsilon, 0.0);
    return t * t;
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

export const squaredEpsilonInsensitive = new SquaredEpsilonInsensitive();
