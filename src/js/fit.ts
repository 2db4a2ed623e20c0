/**
 * JS mirror of assembly/fit.ts: objectiveAndGrad (model dispatch, 1/n, L2 term) and the resumable fit loop
 * (batches, seeded shuffle, per-epoch learning rate, optimizer step, divergence checks, stopping rules). The config
 * and state blocks are Float64Arrays with the slots of src/abi/layout.ts; arrays stand in for the pointer slots.
 */
import * as L from '../abi/layout.js';
import { gradHinge } from './grad/hinge.js';
import { gradLinear } from './grad/linear.js';
import { gradLogistic } from './grad/logistic.js';
import { gradSoftmax } from './grad/softmax.js';
import { allFinite, dot } from './reduce.js';
import { shuffle } from './random.js';
import { optimizerStep, type StepExtras } from './step.js';

/** The arrays a JS fit works on (the WASM fit's pointer slots). */
export interface FitArrays {
  X: Float64Array;
  y: Float64Array;
  params: Float64Array;
  buf1: Float64Array;
  buf2: Float64Array;
  grad: Float64Array;
  backup: Float64Array;
  loss: Float64Array;
  epochLoss: Float64Array;
  lrs: Float64Array;
  /** 4·K values for the row kernels. */
  scratch: Float64Array;
  perm: Uint32Array;
  valX: Float64Array;
  valY: Float64Array;
  rng: Uint32Array;
}

export function objectiveAndGrad(
  model: number, X: Float64Array, xOff: number, y: Float64Array, yOff: number, rows: Uint32Array | null, rOff: number,
  n: number, d: number, K: number, params: Float64Array, grad: Float64Array, alpha: number, flags: number,
  scratch: Float64Array,
): number {
  const m = K * d;
  const b = (flags & L.F_FIT_INTERCEPT) !== 0 ? params[m]! : 0.0;
  const nf = n;
  let J: number;
  if (model === L.MODEL_SOFTMAX) J = gradSoftmax(X, xOff, y, yOff, rows, rOff, n, d, K, params, 0, m, grad, 0, scratch) / nf;
  else if (model === L.MODEL_LOGISTIC) J = gradLogistic(X, xOff, y, yOff, rows, rOff, n, d, params, 0, b, grad, 0, scratch) / nf;
  else if (model === L.MODEL_HINGE) J = gradHinge(X, xOff, y, yOff, rows, rOff, n, d, params, 0, b, grad, 0) / nf;
  else J = gradLinear(X, xOff, y, yOff, rows, rOff, n, d, params, 0, b, grad, 0) / (2.0 * nf);
  const p = m + K;
  for (let j = 0; j < p; j++) grad[j] = grad[j]! / nf;
  if (alpha !== 0) {
    J = J + (0.5 * alpha) * dot(params, 0, params, 0, m);
    for (let j = 0; j < m; j++) grad[j] = grad[j]! + alpha * params[j]!;
  }
  return J;
}

/** assembly/fit.ts: gradNorm. ‖±∇J + λ·w‖∞ over the p parameters (max: exact in any order). */
export function gradNorm(grad: Float64Array, params: Float64Array, m: number, p: number, weightDecay: number, maximize: boolean): number {
  let r = 0.0;
  for (let j = 0; j < p; j++) {
    let g = grad[j]!;
    if (maximize) g = -g;
    if (j < m && weightDecay !== 0) g = g + weightDecay * params[j]!;
    const a = Math.abs(g);
    if (a > r) r = a;
  }
  return r;
}

export function fit(cfg: Float64Array, st: Float64Array, a: FitArrays, stopAtEpoch: number, stopAtIteration: number): number {
  const model = cfg[L.C_MODEL]!;
  const n = cfg[L.C_ROWS]!, d = cfg[L.C_COLS]!, K = cfg[L.C_OUTPUTS]!;
  const valN = cfg[L.C_VAL_ROWS]!;
  const momentum = cfg[L.C_MOMENTUM]!, dampening = cfg[L.C_DAMPENING]!;
  const weightDecay = cfg[L.C_WEIGHT_DECAY]!, alpha = cfg[L.C_ALPHA]!, tol = cfg[L.C_TOL]!;
  const nIterNoChange = cfg[L.C_N_ITER_NO_CHANGE]!;
  const maxIterations = cfg[L.C_MAX_ITERATIONS]!, maxEpochs = cfg[L.C_MAX_EPOCHS]!;
  const batchSize = cfg[L.C_BATCH_SIZE]!, flags = cfg[L.C_FLAGS]!;
  const kind = cfg[L.C_OPTIMIZER]!;
  const lossCap = cfg[L.C_LOSS_CAP]!, epochCap = cfg[L.C_EPOCH_CAP]!;
  const rule = cfg[L.C_STOP_RULE]!;
  const x: StepExtras = { beta1: cfg[L.C_BETA1]!, beta2: cfg[L.C_BETA2]!, eps: cfg[L.C_EPS]!, rho: cfg[L.C_RHO]!, lrDecay: cfg[L.C_LR_DECAY]! };

  let t = st[L.S_ITERATION]!, epoch = st[L.S_EPOCH]!;
  let best = st[L.S_BEST]!, noImprove = st[L.S_NO_IMPROVE]!;
  let hasBuffer = st[L.S_HAS_BUFFER] !== 0;
  let beta1Pow = st[L.S_BETA1_POW]!, beta2Pow = st[L.S_BETA2_POW]!, step = st[L.S_STEP]!;
  let batchPos = st[L.S_BATCH_POS]!, epochSum = st[L.S_EPOCH_SUM]!;
  let epochBatches = st[L.S_EPOCH_BATCHES]!;
  let grad0 = st[L.S_GRAD0]!, loss0 = st[L.S_LOSS0]!;
  const rng = a.rng;
  rng[0] = st[L.S_RNG0]!; rng[1] = st[L.S_RNG1]!; rng[2] = st[L.S_RNG2]!; rng[3] = st[L.S_RNG3]!;

  const fitIntercept = (flags & L.F_FIT_INTERCEPT) !== 0;
  const shuffled = (flags & L.F_SHUFFLE) !== 0;
  const m = K * d;
  const p = fitIntercept ? m + K : m;
  const stepFlags = flags & 3;
  const maximize = (flags & L.F_MAXIMIZE) !== 0;
  const fullBatch = batchSize >= n;
  // θ lives in two buffers (assembly/fit.ts): each step writes the other one; the final θ is copied back.
  let cur = a.params, other = a.backup;
  let lossAt = t % lossCap, epochAt = epoch % epochCap;
  let status = L.RUNNING;
  for (;;) {
    if (t >= maxIterations || epoch >= maxEpochs) { status = L.MAX_ITERATIONS; break; }
    if (epoch >= stopAtEpoch || t >= stopAtIteration) break;
    if (rule === L.RULE_GRADIENT && !fullBatch && grad0 < 0) {
      // The rule's reference: J and ∇J at θ₀ on all training rows (a mini-batch's own would be noise).
      const J0 = objectiveAndGrad(model, a.X, 0, a.y, 0, null, 0, n, d, K, cur, a.grad, alpha, flags, a.scratch);
      if (!Number.isFinite(J0) || !allFinite(a.grad, p)) {
        a.loss[lossAt] = J0;
        status = L.DIVERGED;
        break;
      }
      grad0 = gradNorm(a.grad, cur, m, p, weightDecay, maximize);
      loss0 = J0;
      if (grad0 === 0) { status = L.CONVERGED; break; }
    }
    if (batchPos === 0 && shuffled) shuffle(a.perm, n, rng);
    const count = Math.min(batchSize, n - batchPos);
    // A shuffled batch is read in place through the row order; an ordered one is a contiguous slice.
    const J = shuffled
      ? objectiveAndGrad(model, a.X, 0, a.y, 0, a.perm, batchPos, count, d, K, cur, a.grad, alpha, flags, a.scratch)
      : objectiveAndGrad(model, a.X, batchPos * d, a.y, batchPos, null, 0, count, d, K, cur, a.grad, alpha, flags, a.scratch);
    a.loss[lossAt] = J;
    if (!Number.isFinite(J) || !allFinite(a.grad, p)) { status = L.DIVERGED; break; }
    if (rule === L.RULE_GRADIENT && fullBatch) {
      const gn = gradNorm(a.grad, cur, m, p, weightDecay, maximize);
      if (grad0 < 0) { grad0 = gn; loss0 = J; }
      if (gn <= tol * grad0 && (maximize ? J >= loss0 : J <= loss0)) { status = L.CONVERGED; break; }
    }
    const lr = a.lrs[epochAt]!;
    step += 1.0;
    beta1Pow *= x.beta1;
    beta2Pow *= x.beta2;
    const f = hasBuffer ? stepFlags : stepFlags | L.F_FIRST_STEP;
    let ok = optimizerStep(kind, cur, other, 0, a.buf1, a.buf1, a.buf2, a.buf2, a.grad, m, lr, momentum, dampening, weightDecay, f, x, beta1Pow, beta2Pow, step);
    if (fitIntercept) {
      ok = optimizerStep(kind, cur, other, m, a.buf1, a.buf1, a.buf2, a.buf2, a.grad, K, lr, momentum, dampening, 0, f, x, beta1Pow, beta2Pow, step) && ok;
    }
    hasBuffer = true;
    if (!ok) { status = L.DIVERGED; break; }
    const swap = cur;
    cur = other;
    other = swap;
    t++;
    if (++lossAt === lossCap) lossAt = 0;
    batchPos += count;
    epochSum += J;
    epochBatches++;
    if (batchPos >= n) {
      let E = epochSum / epochBatches;
      if (valN > 0) E = objectiveAndGrad(model, a.valX, 0, a.valY, 0, null, 0, valN, d, K, cur, a.grad, alpha, flags, a.scratch);
      a.epochLoss[epochAt] = E;
      epoch++;
      if (++epochAt === epochCap) epochAt = 0;
      batchPos = 0;
      epochSum = 0;
      epochBatches = 0;
      if (!Number.isFinite(E)) { status = L.DIVERGED; break; }
      if (rule === L.RULE_SKLEARN) {
        if (E > best - tol) noImprove++;
        else noImprove = 0;
        if (E < best) best = E;
        if (noImprove >= nIterNoChange) { status = L.NO_IMPROVEMENT; break; }
      } else if (rule === L.RULE_GRADIENT && !fullBatch) {
        const Jf = objectiveAndGrad(model, a.X, 0, a.y, 0, null, 0, n, d, K, cur, a.grad, alpha, flags, a.scratch);
        if (Number.isFinite(Jf) && allFinite(a.grad, p)) {
          const gn = gradNorm(a.grad, cur, m, p, weightDecay, maximize);
          if (gn <= tol * grad0 && (maximize ? Jf >= loss0 : Jf <= loss0)) { status = L.CONVERGED; break; }
        }
      }
    }
  }
  if (cur !== a.params) a.params.set(cur.subarray(0, p));
  st[L.S_ITERATION] = t;
  st[L.S_EPOCH] = epoch;
  st[L.S_BEST] = best;
  st[L.S_NO_IMPROVE] = noImprove;
  st[L.S_HAS_BUFFER] = hasBuffer ? 1 : 0;
  st[L.S_BETA1_POW] = beta1Pow;
  st[L.S_BETA2_POW] = beta2Pow;
  st[L.S_STEP] = step;
  st[L.S_GRAD0] = grad0;
  st[L.S_LOSS0] = loss0;
  st[L.S_BATCH_POS] = batchPos;
  st[L.S_EPOCH_SUM] = epochSum;
  st[L.S_EPOCH_BATCHES] = epochBatches;
  st[L.S_RNG0] = rng[0]!; st[L.S_RNG1] = rng[1]!; st[L.S_RNG2] = rng[2]!; st[L.S_RNG3] = rng[3]!;
  return status;
}
