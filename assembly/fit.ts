// The whole fit in one call: per batch the objective and gradient (one fused pass over the batch's rows), the
// divergence checks, one optimizer step; per epoch the (seeded) shuffle, the learning rate of the schedule and
// scikit-learn's tol / nIterNoChange rule on the epoch's objective (or on a validation set). Resumable: the loop
// state lives in a state block, so the host can run a fit in chunks of epochs (progress, abort).
// Same operation order as src/js/fit.ts.
import { dot, allFinite } from './reduce';
import { gradLinear } from './grad/linear';
import { gradLogistic } from './grad/logistic';
import { gradHinge } from './grad/hinge';
import { gradSoftmax } from './grad/softmax';
import { optimizerStep } from './step';
import { rngSet, rngGet, shuffle } from './random';
import {
  C_MODEL, C_ROWS, C_COLS, C_OUTPUTS, C_X_PTR, C_Y_PTR, C_PARAMS_PTR, C_BUF1_PTR, C_BUF2_PTR, C_GRAD_PTR,
  C_BACKUP_PTR, C_LOSS_PTR, C_EPOCH_LOSS_PTR, C_LR_PTR, C_SCRATCH_PTR, C_PERM_PTR, C_VAL_X_PTR, C_VAL_Y_PTR,
  C_VAL_ROWS, C_MOMENTUM, C_DAMPENING, C_WEIGHT_DECAY, C_ALPHA, C_TOL, C_N_ITER_NO_CHANGE, C_MAX_ITERATIONS,
  C_MAX_EPOCHS, C_BATCH_SIZE, C_FLAGS, C_OPTIMIZER, C_BETA1, C_BETA2, C_EPS, C_RHO, C_LR_DECAY, C_LOSS_CAP,
  C_EPOCH_CAP, C_BACKUP_GRAD_PTR, C_STOP_RULE,
  S_ITERATION, S_EPOCH, S_BEST, S_NO_IMPROVE, S_HAS_BUFFER, S_RNG0, S_RNG1, S_RNG2, S_RNG3, S_BETA1_POW,
  S_BETA2_POW, S_BATCH_POS, S_EPOCH_SUM, S_EPOCH_BATCHES, S_STEP, S_GRAD0, S_LOSS0,
  MODEL_LOGISTIC, MODEL_HINGE, MODEL_SOFTMAX,
  F_FIT_INTERCEPT, F_FIRST_STEP, F_SHUFFLE, F_MAXIMIZE, RUNNING, CONVERGED, MAX_ITERATIONS, DIVERGED, NO_IMPROVEMENT,
  RULE_GRADIENT, RULE_SKLEARN,
} from '../src/abi/layout';

// @ts-ignore: decorator
@inline
function slot(block: usize, k: i32): f64 {
  return load<f64>(block + (<usize>k << 3));
}

// @ts-ignore: decorator
@inline
function ptr(block: usize, k: i32): usize {
  return <usize>load<f64>(block + (<usize>k << 3));
}

// @ts-ignore: decorator
@inline
function put(block: usize, k: i32, v: f64): void {
  store<f64>(block + (<usize>k << 3), v);
}

/**
 * Objective J of the model at params [W (K·d) | b (K)] over n rows, and its gradient into gradPtr (same layout):
 * J = data term + (α/2)·‖W‖², ∇W = (1/n)·Σ… + α·W; the intercepts are never penalised and read as 0 without
 * F_FIT_INTERCEPT. Data terms: linear/ridge Σr²/(2n); logistic, hinge, softmax Σloss/n. scratch: 4·K f64.
 */
export function objectiveAndGrad(
  model: i32, xPtr: usize, yPtr: usize, rowsPtr: usize, n: i32, d: i32, K: i32, paramsPtr: usize, gradPtr: usize,
  alpha: f64, flags: i32, scratch: usize,
): f64 {
  const m = K * d;
  const bPtr = paramsPtr + (<usize>m << 3);
  const b = (flags & F_FIT_INTERCEPT) != 0 ? load<f64>(bPtr) : 0.0;
  const nf = <f64>n;
  let J: f64;
  if (model == MODEL_SOFTMAX) J = gradSoftmax(xPtr, yPtr, rowsPtr, n, d, K, paramsPtr, bPtr, gradPtr, scratch) / nf;
  else if (model == MODEL_LOGISTIC) J = gradLogistic(xPtr, yPtr, rowsPtr, n, d, paramsPtr, b, gradPtr, scratch) / nf;
  else if (model == MODEL_HINGE) J = gradHinge(xPtr, yPtr, rowsPtr, n, d, paramsPtr, b, gradPtr) / nf;
  else J = gradLinear(xPtr, yPtr, rowsPtr, n, d, paramsPtr, b, gradPtr) / (2.0 * nf);
  const p = m + K;
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    store<f64>(gradPtr + o, load<f64>(gradPtr + o) / nf);
  }
  if (alpha != 0) {
    J = J + (0.5 * alpha) * dot(paramsPtr, paramsPtr, m);
    for (let j = 0; j < m; j++) {
      const o = <usize>j << 3;
      store<f64>(gradPtr + o, load<f64>(gradPtr + o) + alpha * load<f64>(paramsPtr + o));
    }
  }
  return J;
}

/**
 * ‖g‖∞ of the gradient the optimizer follows, g = ±∇J + λ·w (− when maximizing; λ: coupled weight decay, on W
 * only), over the p parameters at paramsPtr: the stopping rule's measure of stationarity. Max is exact, so any
 * order gives the same double; same expression as src/js/fit.ts.
 */
export function gradNorm(gradPtr: usize, paramsPtr: usize, m: i32, p: i32, weightDecay: f64, maximize: bool): f64 {
  let r = 0.0;
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    let g = load<f64>(gradPtr + o);
    if (maximize) g = -g;
    if (j < m && weightDecay != 0) g = g + weightDecay * load<f64>(paramsPtr + o);
    const a = Math.abs(g);
    if (a > r) r = a;
  }
  return r;
}

/**
 * Runs the fit described by the config block at cfg from the state at st until maxIterations, maxEpochs,
 * convergence, divergence, the end of epoch stopAtEpoch or update stopAtIteration (then RUNNING: drain the
 * loss rings and call again to resume).
 * Iteration t: J(θₜ) and ∇J(θₜ) on the batch → loss[t]; stop as diverged (θₜ kept) if either is not finite; one
 * optimizer step; if θₜ₊₁ is not finite restore θₜ and stop as diverged.
 * Stopping rules (C_STOP_RULE): RULE_GRADIENT stops as converged at θₜ once ‖gₜ‖∞ ≤ tol·‖g₀‖∞ and J(θₜ) ≤ J(θ₀)
 * (≥ when maximizing), g and J on all training rows (full batch: each update's own; mini-batch: one more pass at
 * θ₀ and after each epoch); RULE_SKLEARN stops with NO_IMPROVEMENT when the epoch objective has not beaten its best
 * by tol for nIterNoChange epochs.
 */
export function fit(cfg: usize, st: usize, stopAtEpoch: i32, stopAtIteration: i32): i32 {
  const model = <i32>slot(cfg, C_MODEL);
  const n = <i32>slot(cfg, C_ROWS), d = <i32>slot(cfg, C_COLS), K = <i32>slot(cfg, C_OUTPUTS);
  const xPtr = ptr(cfg, C_X_PTR), yPtr = ptr(cfg, C_Y_PTR);
  const paramsPtr = ptr(cfg, C_PARAMS_PTR), buf1Ptr = ptr(cfg, C_BUF1_PTR), buf2Ptr = ptr(cfg, C_BUF2_PTR);
  const gradPtr0 = ptr(cfg, C_GRAD_PTR), backupPtr = ptr(cfg, C_BACKUP_PTR);
  const backupGradPtr = ptr(cfg, C_BACKUP_GRAD_PTR);
  const lossPtr = ptr(cfg, C_LOSS_PTR), epochLossPtr = ptr(cfg, C_EPOCH_LOSS_PTR), lrPtr = ptr(cfg, C_LR_PTR);
  const scratch = ptr(cfg, C_SCRATCH_PTR), permPtr = ptr(cfg, C_PERM_PTR);
  const valX = ptr(cfg, C_VAL_X_PTR), valY = ptr(cfg, C_VAL_Y_PTR), valN = <i32>slot(cfg, C_VAL_ROWS);
  const momentum = slot(cfg, C_MOMENTUM), dampening = slot(cfg, C_DAMPENING);
  const weightDecay = slot(cfg, C_WEIGHT_DECAY), alpha = slot(cfg, C_ALPHA), tol = slot(cfg, C_TOL);
  const nIterNoChange = <i32>slot(cfg, C_N_ITER_NO_CHANGE);
  const maxIterations = <i32>slot(cfg, C_MAX_ITERATIONS), maxEpochs = <i32>slot(cfg, C_MAX_EPOCHS);
  const batchSize = <i32>slot(cfg, C_BATCH_SIZE), flags = <i32>slot(cfg, C_FLAGS);
  const kind = <i32>slot(cfg, C_OPTIMIZER);
  const beta1 = slot(cfg, C_BETA1), beta2 = slot(cfg, C_BETA2), eps = slot(cfg, C_EPS);
  const rho = slot(cfg, C_RHO), lrDecay = slot(cfg, C_LR_DECAY);
  const lossCap = <i32>slot(cfg, C_LOSS_CAP), epochCap = <i32>slot(cfg, C_EPOCH_CAP);
  const rule = <i32>slot(cfg, C_STOP_RULE);

  let t = <i32>slot(st, S_ITERATION), epoch = <i32>slot(st, S_EPOCH);
  let best = slot(st, S_BEST), noImprove = <i32>slot(st, S_NO_IMPROVE);
  let hasBuffer = slot(st, S_HAS_BUFFER) != 0;
  let beta1Pow = slot(st, S_BETA1_POW), beta2Pow = slot(st, S_BETA2_POW), step = slot(st, S_STEP);
  let batchPos = <i32>slot(st, S_BATCH_POS), epochSum = slot(st, S_EPOCH_SUM);
  let epochBatches = <i32>slot(st, S_EPOCH_BATCHES);
  let grad0 = slot(st, S_GRAD0), loss0 = slot(st, S_LOSS0);
  rngSet(<u32>slot(st, S_RNG0), <u32>slot(st, S_RNG1), <u32>slot(st, S_RNG2), <u32>slot(st, S_RNG3));

  const fitIntercept = (flags & F_FIT_INTERCEPT) != 0;
  const shuffled = (flags & F_SHUFFLE) != 0;
  const m = K * d;
  const p = fitIntercept ? m + K : m;
  const mBytes = <usize>m << 3;
  const rowBytes = <usize>d << 3;
  const softScratch = scratch;
  const stepFlags = flags & 3;
  const maximize = (flags & F_MAXIMIZE) != 0;
  const fullBatch = batchSize >= n;
  // θ lives in two buffers: each step reads the current one and writes the other, so a step that overflows leaves
  // θₜ intact without a copy; the final θ is copied back to paramsPtr when the call returns.
  // Each θ buffer has its own gradient buffer after it and the two switch together: where the gradient lies
  // relative to W moves the pass from DRAM by up to 30 % (src/wasm/engine.ts: THETA_TO_GRAD).
  let cur = paramsPtr, other = backupPtr;
  let gradPtr = gradPtr0, otherGrad = backupGradPtr;
  let lossAt = t % lossCap, epochAt = epoch % epochCap;
  let status = RUNNING;
  while (true) {
    if (t >= maxIterations || epoch >= maxEpochs) { status = MAX_ITERATIONS; break; }
    if (epoch >= stopAtEpoch || t >= stopAtIteration) break;
    if (rule == RULE_GRADIENT && !fullBatch && grad0 < 0) {
      // The rule's reference: J and ∇J at θ₀ on all training rows (a mini-batch's own would be noise).
      const J0 = objectiveAndGrad(model, xPtr, yPtr, 0, n, d, K, cur, gradPtr, alpha, flags, softScratch);
      if (!isFinite<f64>(J0) || !allFinite(gradPtr, p)) {
        store<f64>(lossPtr + (<usize>lossAt << 3), J0);
        status = DIVERGED;
        break;
      }
      grad0 = gradNorm(gradPtr, cur, m, p, weightDecay, maximize);
      loss0 = J0;
      if (grad0 == 0) { status = CONVERGED; break; }
    }
    if (batchPos == 0 && shuffled) shuffle(permPtr, n);
    const count = min(batchSize, n - batchPos);
    // A shuffled batch is read in place through the row order; an ordered one is a contiguous slice.
    const rows = shuffled ? permPtr + (<usize>batchPos << 2) : 0;
    const xb = shuffled ? xPtr : xPtr + <usize>batchPos * rowBytes;
    const yb = shuffled ? yPtr : yPtr + (<usize>batchPos << 3);
    const J = objectiveAndGrad(model, xb, yb, rows, count, d, K, cur, gradPtr, alpha, flags, softScratch);
    store<f64>(lossPtr + (<usize>lossAt << 3), J);
    if (!isFinite<f64>(J) || !allFinite(gradPtr, p)) { status = DIVERGED; break; }
    if (rule == RULE_GRADIENT && fullBatch) {
      const gn = gradNorm(gradPtr, cur, m, p, weightDecay, maximize);
      if (grad0 < 0) { grad0 = gn; loss0 = J; }
      if (gn <= tol * grad0 && (maximize ? J >= loss0 : J <= loss0)) { status = CONVERGED; break; }
    }
    const lr = load<f64>(lrPtr + (<usize>epochAt << 3));
    step += 1.0;
    beta1Pow *= beta1;
    beta2Pow *= beta2;
    const f = hasBuffer ? stepFlags : stepFlags | F_FIRST_STEP;
    // Buffers in place (their in and out addresses are the same): a fit that diverges stops.
    let ok = optimizerStep(kind, cur, other, buf1Ptr, buf1Ptr, buf2Ptr, buf2Ptr, gradPtr, m, lr, momentum, dampening,
      weightDecay, f, beta1, beta2, eps, rho, lrDecay, beta1Pow, beta2Pow, step);
    if (fitIntercept) {
      ok = optimizerStep(kind, cur + mBytes, other + mBytes, buf1Ptr + mBytes, buf1Ptr + mBytes, buf2Ptr + mBytes,
        buf2Ptr + mBytes, gradPtr + mBytes, K,
        lr, momentum, dampening, 0, f, beta1, beta2, eps, rho, lrDecay, beta1Pow, beta2Pow, step) && ok;
    }
    hasBuffer = true;
    if (!ok) { status = DIVERGED; break; }
    const swap = cur;
    cur = other;
    other = swap;
    const gswap = gradPtr;
    gradPtr = otherGrad;
    otherGrad = gswap;
    t++;
    if (++lossAt == lossCap) lossAt = 0;
    batchPos += count;
    epochSum += J;
    epochBatches++;
    if (batchPos >= n) {
      let E = epochSum / <f64>epochBatches;
      if (valN > 0) E = objectiveAndGrad(model, valX, valY, 0, valN, d, K, cur, gradPtr, alpha, flags, softScratch);
      store<f64>(epochLossPtr + (<usize>epochAt << 3), E);
      epoch++;
      if (++epochAt == epochCap) epochAt = 0;
      batchPos = 0;
      epochSum = 0;
      epochBatches = 0;
      if (!isFinite<f64>(E)) { status = DIVERGED; break; }
      if (rule == RULE_SKLEARN) {
        if (E > best - tol) noImprove++;
        else noImprove = 0;
        if (E < best) best = E;
        if (noImprove >= nIterNoChange) { status = NO_IMPROVEMENT; break; }
      } else if (rule == RULE_GRADIENT && !fullBatch) {
        const Jf = objectiveAndGrad(model, xPtr, yPtr, 0, n, d, K, cur, gradPtr, alpha, flags, softScratch);
        if (isFinite<f64>(Jf) && allFinite(gradPtr, p)) {
          const gn = gradNorm(gradPtr, cur, m, p, weightDecay, maximize);
          if (gn <= tol * grad0 && (maximize ? Jf >= loss0 : Jf <= loss0)) { status = CONVERGED; break; }
        }
      }
    }
  }
  if (cur != paramsPtr) memory.copy(paramsPtr, cur, <usize>p << 3);
  put(st, S_ITERATION, <f64>t);
  put(st, S_EPOCH, <f64>epoch);
  put(st, S_BEST, best);
  put(st, S_NO_IMPROVE, <f64>noImprove);
  put(st, S_HAS_BUFFER, hasBuffer ? 1.0 : 0.0);
  put(st, S_BETA1_POW, beta1Pow);
  put(st, S_BETA2_POW, beta2Pow);
  put(st, S_STEP, step);
  put(st, S_GRAD0, grad0);
  put(st, S_LOSS0, loss0);
  put(st, S_BATCH_POS, <f64>batchPos);
  put(st, S_EPOCH_SUM, epochSum);
  put(st, S_EPOCH_BATCHES, <f64>epochBatches);
  put(st, S_RNG0, <f64>rngGet(0));
  put(st, S_RNG1, <f64>rngGet(1));
  put(st, S_RNG2, <f64>rngGet(2));
  put(st, S_RNG3, <f64>rngGet(3));
  return status;
}
