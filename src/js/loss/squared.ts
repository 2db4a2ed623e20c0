/** JS mirror of assembly/loss/squared.ts: residual r = z − y, loss r², data term Σr²/(2n). */
import type { PointwiseLoss } from './pass.js';

/** Squared error ½(z − y)² of the linear model (linear, ridge). Traits: two streams, two lanes, rows in lanes at d = 1. */
class Squared implements PointwiseLoss {
  readonly pointwise = true as const;
  readonly costly = false;
  readonly twoStreams = true;
  readonly twoLanes = true;
  readonly rowsInLanes = true;
  residual(z: number, y: number): number {
    return z - y;
  }
  value(z: number, y: number, r: number): number {
    return r * r;
  }
  mean(sum: number, n: number): number {
    return sum / (2.0 * n);
  }
}

export const squared = new Squared();
