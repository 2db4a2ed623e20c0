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
  row(r: Float64Array, off: number, K: number, y: number): number {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, r[off + k]!);
    const zy = r[off + y]!;
    let s = 0.0;
    for (let k = 0; k < K; k++) {
      const e = exp(r[off + k]! - m);
      r[off + k] = e;
      s += e;
    }
    for (let k = 0; k < K; k++) r[off + k] = r[off + k]! / s - (k === y ? 1.0 : 0.0);
    return (m + log(s)) - zy;
  }
  mean(sum: number, n: number): number {
    return sum / n;
  }
}

export const multinomial = new Multinomial();
