/**
 * JS mirror of assembly/loss/multinomial.ts: over the K scores of a row, the stable log-sum-exp m + log Σ e^(zₖ−m),
 * loss lse − z_y, residuals pₖ − [k = y]; data term Σℓ/n.
 */
import { exp, log } from '../math.js';
import type { RowLoss } from './pass.js';

/** Multinomial logistic loss (softmax cross-entropy). Traits: a row loss, rows in order, (ℓ0 + ℓ1) + (ℓ2 + ℓ3). */
class Multinomial implements RowLoss {
  readonly pointwise = false as const;
  readonly costly = true;
  readonly twoStreams = false;
  readonly twoLanes = false;
  readonly rowsInLanes = false;
  /**
   * m = max zₖ in two lanes (even and odd classes, a < b ? b : a), then the odd last class; Σ e^(zₖ−m) in the same
   * lanes, s = s₀ + s₁, then the last class; pₖ = e^(zₖ−m)/s, minus 1 at y (assembly/loss/multinomial.ts).
   */
  row(r: Float64Array, off: number, K: number, y: number): number {
    const zy = r[off + y]!;
    let m0 = -Infinity, m1 = -Infinity;
    let k = 0;
    for (; k + 2 <= K; k += 2) {
      const a = r[off + k]!, b = r[off + k + 1]!;
      m0 = m0 < a ? a : m0;
      m1 = m1 < b ? b : m1;
    }
    let m = m0 < m1 ? m1 : m0;
    if (K & 1) {
      const z = r[off + K - 1]!;
      m = m < z ? z : m;
    }
    let s0 = 0.0, s1 = 0.0;
    for (k = 0; k + 2 <= K; k += 2) {
      const a = exp(r[off + k]! - m), b = exp(r[off + k + 1]! - m);
      r[off + k] = a;
      r[off + k + 1] = b;
      s0 += a;
      s1 += b;
    }
    let s = s0 + s1;
    if (K & 1) {
      const e = exp(r[off + K - 1]! - m);
      r[off + K - 1] = e;
      s += e;
    }
    for (k = 0; k < K; k++) r[off + k] = r[off + k]! / s;
    r[off + y] = r[off + y]! - 1.0;
    return (m + log(s)) - zy;
  }
  mean(sum: number, n: number): number {
    return sum / n;
  }
}

export const multinomial = new Multinomial();
