// The loss registry of the WASM core: the one place that maps a loss id (src/abi/layout.ts: LOSS_*) to its kernel
// (a class of assembly/loss/) and picks the fast path for the shape of the batch. Adding a loss: its kernel file,
// its id, one case below; its JS mirror and one entry in src/js/loss/registry.ts.
import { Contiguous, Indexed, Float32Rows, SHORT_ROW, xTile } from '../reduce';
import { fusedPass, Unweighted, Weighted } from './pass';
import { shortRows, shortRowLoss, oneFeature } from './fast';
import { Squared } from './squared';
import { Logistic } from './logistic';
import { Hinge } from './hinge';
import { Multinomial } from './multinomial';
import { SquaredHinge } from './squaredHinge';
import { ModifiedHuber } from './modifiedHuber';
import { Perceptron } from './perceptron';
import { Huber } from './huber';
import { EpsilonInsensitive } from './epsilonInsensitive';
import { SquaredEpsilonInsensitive } from './squaredEpsilonInsensitive';
import { setLossEpsilon } from './param';
import { LOSS_SQUARED, LOSS_LOG, LOSS_HINGE, LOSS_MULTINOMIAL } from '../../src/abi/layout';
import {
  LOSS_SQUARED_HINGE, LOSS_MODIFIED_HUBER, LOSS_PERCEPTRON, LOSS_HUBER, LOSS_EPSILON_INSENSITIVE,
  LOSS_SQUARED_EPSILON_INSENSITIVE,
} from '../../src/abi/layout';

/**
 * The data term J of loss `loss` over n rows of X (row-major, d columns) and y, at params W (K rows of d, at wPtr)
 * and b (K, at bPtr; zeros without an intercept), and the raw gradient sums into gPtr:
 * [Σᵢ rᵢₖ·xᵢ for each output k (K·d) | Σᵢ rᵢₖ (K)], rᵢₖ = ∂ℓ(zᵢ, yᵢ)/∂zᵢₖ, not yet divided by n. J = L.mean(Σᵢ ℓᵢ, n):
 * Σr²/(2n) for LOSS_SQUARED, Σℓ/n otherwise. rowsPtr: 0 for rows 0 … n − 1 of X, else n u32 row indices (a shuffled
 * batch read in place). K = 1 except for LOSS_MULTINOMIAL. scratch: 4·K f64. epsilon: the loss's ε (LOSS_HUBER and
 * the ε-insensitive losses; the others ignore it). Traps on an unknown id.
 */
export function lossGrad(
  loss: i32, xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize, gPtr: usize,
  scratch: usize, epsilon: f64,
): f64 {
  return lossMean(loss, lossSum(loss, xPtr, yPtr, 0, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, epsilon), n);
}

/**
 * The raw sums of lossGrad (swPtr = 0) or lossGradWeighted (swPtr ≠ 0) into gPtr, and the raw loss sum Σᵢ cᵢ·ℓᵢ
 * before L.mean (the squared loss: Σr², twice the loss): one shard's partial (assembly/fit.ts), which the caller
 * combines with the other shards' and then passes to lossMean.
 */
export function lossSum(
  loss: i32, xPtr: usize, yPtr: usize, swPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize,
  gPtr: usize, scratch: usize, epsilon: f64,
): f64 {
  setLossEpsilon(epsilon);
  return swPtr == 0
    ? dispatch<Unweighted>(loss, xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, true, 0)
    : dispatch<Weighted>(loss, xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, false, swPtr);
}

// lossMean's request to grad<L, W>: return L.mean(meanSum, n) without a pass (the registry's one switch stays the
// only place that maps an id to its class).
let meanOnly = false;
let meanSum = 0.0;

/** The data term L.mean(sum, n) of loss `loss` from its raw loss sum over n rows (Σr²/(2n) squared, Σℓ/n others). */
export function lossMean(loss: i32, sum: f64, n: i32): f64 {
  meanOnly = true;
  meanSum = sum;
  const J = dispatch<Unweighted>(loss, 0, 0, 0, n, 0, 0, 0, 0, 0, 0, false, 0);
  meanOnly = false;
  return J;
}

/**
 * Test only: lossGrad through the generic pass alone, the fast paths off (short rows, one feature). The loss
 * tests (test/architecture/loss-parity.test.ts) hold each fast path bitwise equal to it.
 */
export function lossGradGeneric(
  loss: i32, xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize, gPtr: usize,
  scratch: usize, epsilon: f64,
): f64 {
  setLossEpsilon(epsilon);
  return lossMean(loss, dispatch<Unweighted>(loss, xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, false, 0), n);
}

/**
 * lossGrad with row weights: J = L.mean(Σᵢ cᵢ·ℓᵢ, n) and the sums [Σᵢ cᵢ·rᵢₖ·xᵢ | Σᵢ cᵢ·rᵢₖ], cᵢ the f64 at swPtr
 * indexed like y (through rowsPtr when it is not 0; swPtr ≠ 0). The generic pass only (no fast path): with every
 * cᵢ = 1 the doubles of lossGradGeneric. epsilon: as in lossGrad.
 */
export function lossGradWeighted(
  loss: i32, xPtr: usize, yPtr: usize, swPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize,
  gPtr: usize, scratch: usize, epsilon: f64,
): f64 {
  return lossMean(loss, lossSum(loss, xPtr, yPtr, swPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, epsilon), n);
}

// The registry: one case per loss. W (Unweighted / Weighted) picks the instance: each loss has one function per
// weighting, so the unweighted one is the code it was before weights (a weighted branch in the same function made
// the SIMD logistic pass 1.5× slower at d = 100: bench/ab.ts).
// @ts-ignore: decorator
@inline
function dispatch<W>(
  loss: i32, xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize, gPtr: usize,
  scratch: usize, fast: bool, swPtr: usize,
): f64 {
  switch (loss) {
    case LOSS_SQUARED:
      if (direct32<W>(fast, d)) return grad32<Squared>(xPtr, yPtr, rowsPtr, n, d, wPtr, bPtr, gPtr, scratch);
      return grad<Squared, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);
    case LOSS_LOG:
      if (direct32<W>(fast, d)) return grad32<Logistic>(xPtr, yPtr, rowsPtr, n, d, wPtr, bPtr, gPtr, scratch);
      return grad<Logistic, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);
    case LOSS_HINGE:
      return grad<Hinge, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);
    case LOSS_MULTINOMIAL:
      return grad<Multinomial, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);
    case LOSS_SQUARED_HINGE:
      return grad<SquaredHinge, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);
    case LOSS_MODIFIED_HUBER:
      return grad<ModifiedHuber, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);
    case LOSS_PERCEPTRON:
      return grad<Perceptron, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);
    case LOSS_HUBER:
      return grad<Huber, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);
    case LOSS_EPSILON_INSENSITIVE:
      return grad<EpsilonInsensitive, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);
    case LOSS_SQUARED_EPSILON_INSENSITIVE:
      return grad<SquaredEpsilonInsensitive, W>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast, swPtr);
    default: unreachable();
  }
  return 0;
}

/**
 * float32 storage read in place (reduce.ts Float32Rows): the unweighted batches of the squared and logistic losses,
 * except the squared loss's one-feature path (fast, d = 1: its own association). They take the generic pass for every
 * d, the short rows included (the fast paths give its doubles: test/architecture/loss-parity.test.ts), so no fast
 * path has an f32 instance; every other f32 batch promotes its rows into the tile (Indexed).
 */
// @ts-ignore: decorator
@inline
function direct32<W>(fast: bool, d: i32): bool {
  return !changetype<W>(0).on() && xTile != 0 && !(fast && d == 1);
}

/** grad<L, Unweighted> over f32 rows read in place (direct32): the raw loss sum, or lossMean's L.mean. */
function grad32<L>(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, wPtr: usize, bPtr: usize, gPtr: usize, scratch: usize,
): f64 {
  if (meanOnly) return changetype<L>(0).mean(meanSum, <f64>n);
  return fusedPass<L, Float32Rows, Unweighted>(xPtr, yPtr, rowsPtr, n, d, 1, wPtr, bPtr, gPtr, scratch, 0);
}

/**
 * One function per loss and weighting (a generic instance): the row access and the fast path for d; the raw loss
 * sum (lossMean applies L.mean); W = Weighted: the weighted generic pass over the row weights at swPtr.
 */
function grad<L, W>(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize, gPtr: usize,
  scratch: usize, fast: bool, swPtr: usize,
): f64 {
  if (meanOnly) return changetype<L>(0).mean(meanSum, <f64>n);
  if (changetype<W>(0).on()) {
    const sw = rowsPtr == 0 && xTile == 0
      ? fusedPass<L, Contiguous, Weighted>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, swPtr)
      : fusedPass<L, Indexed, Weighted>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, swPtr);
    return sw;
  }
  // float32 storage (xTile ≠ 0) reads these batches through Indexed, which promotes the rows (reduce.ts: rowAt); the
  // squared and logistic losses' unweighted ones never come here (direct32).
  const sum = rowsPtr == 0 && xTile == 0
    ? gradRows<L, Contiguous>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast)
    : gradRows<L, Indexed>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, fast);
  return sum;
}

// @ts-ignore: decorator
@inline
function gradRows<L, R>(
  xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, wPtr: usize, bPtr: usize, gPtr: usize,
  scratch: usize, fast: bool,
): f64 {
  const loss = changetype<L>(0);
  if (loss.pointwise() && fast) {
    if (loss.rowsInLanes() && d == 1) return oneFeature<L, R>(xPtr, yPtr, rowsPtr, n, wPtr, bPtr, gPtr, scratch);
    // Short rows, SIMD build: unrolled over the pairs; the copy for up to eight pairs has no tests for the rest.
    if (ASC_FEATURE_SIMD && d >= 2 && d <= 16) return shortRows<L, R>(xPtr, yPtr, rowsPtr, n, d, wPtr, bPtr, gPtr, scratch, 8);
    if (ASC_FEATURE_SIMD && d >= 2 && d < SHORT_ROW) return shortRows<L, R>(xPtr, yPtr, rowsPtr, n, d, wPtr, bPtr, gPtr, scratch, 15);
  }
  // Row losses (softmax), short rows, both builds: each row's pairs held across the K scores.
  if (!loss.pointwise() && fast && d >= 2 && d < SHORT_ROW) {
    return shortRowLoss<L, R>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch);
  }
  return fusedPass<L, R, Unweighted>(xPtr, yPtr, rowsPtr, n, d, K, wPtr, bPtr, gPtr, scratch, 0);
}
