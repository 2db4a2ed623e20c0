/**
 * JS mirror of assembly/loss/registry.ts: the one place that maps a loss id (src/abi/layout.ts: LOSS_*) to its
 * kernel (an object of src/js/loss/) and picks the fast path for the shape of the batch. Adding a loss: its kernel
 * file here and in assembly/loss/, its id, one entry in LOSSES and one case in assembly/loss/registry.ts.
 */
import * as L from '../../abi/layout.js';
import { SHORT_ROW, type XArray } from '../reduce.js';
import { oneFeature, shortRowLoss, shortRows } from './fast.js';
import { hinge } from './hinge.js';
import { logistic } from './logistic.js';
import { multinomial } from './multinomial.js';
import { fusedPass, weightedPass, type Loss } from './pass.js';
import { squared } from './squared.js';
import { squaredHinge } from './squaredHinge.js';
import { modifiedHuber } from './modifiedHuber.js';
import { perceptron } from './perceptron.js';
import { huber } from './huber.js';
import { epsilonInsensitive } from './epsilonInsensitive.js';
import { squaredEpsilonInsensitive } from './squaredEpsilonInsensitive.js';
import { setLossEpsilon } from './param.js';

/** The registry: loss id → kernel. */
export const LOSSES: Readonly<Record<number, Loss>> = {
  [L.LOSS_SQUARED]: squared,
  [L.LOSS_LOG]: logistic,
  [L.LOSS_HINGE]: hinge,
  [L.LOSS_MULTINOMIAL]: multinomial,
  [L.LOSS_SQUARED_HINGE]: squaredHinge,
  [L.LOSS_MODIFIED_HUBER]: modifiedHuber,
  [L.LOSS_PERCEPTRON]: perceptron,
  [L.LOSS_HUBER]: huber,
  [L.LOSS_EPSILON_INSENSITIVE]: epsilonInsensitive,
  [L.LOSS_SQUARED_EPSILON_INSENSITIVE]: squaredEpsilonInsensitive,
};

/**
 * assembly/loss/registry.ts: lossGrad. The data term J of loss `loss` over n rows of X (row-major, d columns, from
 * X[xOff]; with a row order, rows[rOff + i]) and y, at W = params[wOff …] (K rows of d) and b = params[bOff …] (K;
 * zeros without an intercept); writes the raw sums [Σᵢ rᵢₖ·xᵢ per output (K·d) | Σᵢ rᵢₖ (K)] at grad[gOff …], not
 * yet divided by n. J = Σr²/(2n) for LOSS_SQUARED, Σℓ/n otherwise. scratch: 4·K values. epsilon: the loss's ε
 * (LOSS_HUBER and the ε-insensitive losses; the others ignore it).
 * @throws RangeError for an unknown loss id.
 */
export function lossGrad(
  loss: number, X: XArray, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number,
  n: number, d: number, K: number, params: Float64Array, wOff: number, bOff: number, grad: Float64Array, gOff: number,
  scratch: Float64Array, epsilon: number,
): number {
  return lossOf(loss).mean(lossSum(loss, X, xOff, y, yOff, null, rows, rOff, n, d, K, params, wOff, bOff, grad, gOff, scratch, epsilon), n);
}

/**
 * assembly/loss/registry.ts: lossSum. The raw sums of lossGrad (c = null) or lossGradWeighted into grad[gOff …], and
 * the raw loss sum Σᵢ cᵢ·ℓᵢ before L.mean: one shard's partial (src/js/fit.ts), passed to lossMean once combined.
 */
export function lossSum(
  loss: number, X: XArray, xOff: number, y: Float64Array, yOff: number, c: Float64Array | null, rows: Uint32Array | null,
  rOff: number, n: number, d: number, K: number, params: Float64Array, wOff: number, bOff: number, grad: Float64Array,
  gOff: number, scratch: Float64Array, epsilon: number,
): number {
  const l = lossOf(loss);
  setLossEpsilon(epsilon);
  if (c !== null) return weightedPass(l, X, xOff, y, yOff, c, rows, rOff, n, d, K, params, wOff, bOff, grad, gOff, scratch);
  if (!l.pointwise) {
    return d >= 2 && d < SHORT_ROW
      ? shortRowLoss(l, X, xOff, y, yOff, rows, rOff, n, d, K, params, wOff, bOff, grad, gOff, scratch)
      : fusedPass(l, X, xOff, y, yOff, rows, rOff, n, d, K, params, wOff, bOff, grad, gOff, scratch);
  }
  if (d === 1 && l.rowsInLanes) return oneFeature(l, X, xOff, y, yOff, rows, rOff, n, params, wOff, bOff, grad, gOff, scratch);
  if (d < SHORT_ROW) return shortRows(l, X, xOff, y, yOff, rows, rOff, n, d, params, wOff, bOff, grad, gOff, scratch);
  return fusedPass(l, X, xOff, y, yOff, rows, rOff, n, d, K, params, wOff, bOff, grad, gOff, scratch);
}

/** assembly/loss/registry.ts: lossMean. The data term L.mean(sum, n) from the raw loss sum over n rows. */
export function lossMean(loss: number, sum: number, n: number): number {
  return lossOf(loss).mean(sum, n);
}

/**
 * Test only: lossGrad through the generic pass alone, the fast paths off (short rows, one feature), as
 * assembly/loss/registry.ts: lossGradGeneric. The loss tests hold each fast path bitwise equal to it.
 */
export function lossGradGeneric(
  loss: number, X: XArray, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number,
  n: number, d: number, K: number, params: Float64Array, wOff: number, bOff: number, grad: Float64Array, gOff: number,
  scratch: Float64Array, epsilon: number,
): number {
  const l = lossOf(loss);
  setLossEpsilon(epsilon);
  return l.mean(fusedPass(l, X, xOff, y, yOff, rows, rOff, n, d, K, params, wOff, bOff, grad, gOff, scratch), n);
}

/**
 * assembly/loss/registry.ts: lossGradWeighted. lossGrad with row weights c (indexed like y: c[yOff + i], or through
 * rows): J = L.mean(Σᵢ cᵢ·ℓᵢ, n), sums [Σᵢ cᵢ·rᵢₖ·xᵢ | Σᵢ cᵢ·rᵢₖ]. The generic pass only; every cᵢ = 1 gives
 * lossGradGeneric's doubles.
 */
export function lossGradWeighted(
  loss: number, X: XArray, xOff: number, y: Float64Array, yOff: number, c: Float64Array, rows: Uint32Array | null,
  rOff: number, n: number, d: number, K: number, params: Float64Array, wOff: number, bOff: number, grad: Float64Array,
  gOff: number, scratch: Float64Array, epsilon: number,
): number {
  return lossOf(loss).mean(lossSum(loss, X, xOff, y, yOff, c, rows, rOff, n, d, K, params, wOff, bOff, grad, gOff, scratch, epsilon), n);
}

function lossOf(id: number): Loss {
  const l = LOSSES[id];
  if (l === undefined) throw new RangeError(`loss id must be one of ${Object.keys(LOSSES).join(', ')}, got ${id}`);
  return l;
}
