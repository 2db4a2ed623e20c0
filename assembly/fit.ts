// The whole fit in one call: per batch the objective and gradient (one fused pass over the batch's rows), the
// divergence checks, one optimizer step; per epoch the (seeded) shuffle, the learning rate of the schedule and
// scikit-learn's tol / nIterNoChange rule on the epoch's objective (or on a validation set). Resumable: the loop
// state lives in a state block, so the host can run a fit in chunks of epochs (progress, abort).
// Same operation order as src/js/fit.ts.
import { allFinite, setXTile } from './reduce';
import { lossMean } from './loss/registry';
import { shardCount, shardSum, threaded, runThreaded } from './shards';
import { optimizerStep } from './step';
import { penaltyTerm, proximalStep, l1Strength } from './penalty';
import { rngSet, rngGet, shuffle } from './random';
import { Config, State } from './config';
import {
  RUNNING, CONVERGED, MAX_ITERATIONS, DIVERGED, NO_IMPROVEMENT, RULE_GRADIENT, RULE_SKLEARN,
  A_BACKTRACK, A_SCHEDULE, A_RESTART_FUNCTION, A_RESTART_GRADIENT, AUTO_ARMIJO, AUTO_SHRINK, AUTO_GROW_AFTER, AUTO_GROW_BELOW, S_AUTO_CURVATURE,
  S_AUTO_LR, S_AUTO_K, S_AUTO_PENDING, S_AUTO_PREV_LOSS, S_AUTO_FRESH, S_AUTO_VALID, S_RESTARTS, S_BACKTRACKS,
  S_AUTO_GROW_AFTER, AUTO_CURVATURE_DECAY, LOSS_SQUARED, S_AVG_COUNT, LOSS_MLP, SHARD_MAX,
} from '../src/abi/layout';
import { mlpObjectiveAndGrad, targetsPerRow } from './nn/mlp';

/**
 * Averaged SGD: θ̄ ← θ̄ + (θ − θ̄)/k over p elements, the k-th iterate θ into the running mean (k = 1 copies θ: θ̄
 * starts at 0). Returns whether every θ̄ is finite. Same operations as src/js/fit.ts averageStep.
 */
export function averageStep(avgPtr: usize, thetaPtr: usize, p: i32, k: f64): bool {
  let check = 0.0;
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    const a = load<f64>(avgPtr + o);
    const u = a + (load<f64>(thetaPtr + o) - a) / k;
    store<f64>(avgPtr + o, u);
    check += u - u;
  }
  return check == 0;
}

/** ⟨g − h, a − b⟩/‖a − b‖² over p elements, in order: the secant curvature of the step b → a (0 when a = b). */
function secant(gPtr: usize, hPtr: usize, aPtr: usize, bPtr: usize, p: i32): f64 {
  let num = 0.0, den = 0.0;
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    const dt = load<f64>(aPtr + o) - load<f64>(bPtr + o);
    num += (load<f64>(gPtr + o) - load<f64>(hPtr + o)) * dt;
    den += dt * dt;
  }
  return den > 0 ? num / den : 0.0;
}

/** Σⱼ g[j]·(a[j] − b[j]) over p elements, in order: the slope of the step b → a along g (the same in every build). */
function slopeAlong(gPtr: usize, aPtr: usize, bPtr: usize, p: i32): f64 {
  let s = 0.0;
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    s += load<f64>(gPtr + o) * (load<f64>(aPtr + o) - load<f64>(bPtr + o));
  }
  return s;
}

/**
 * Objective J of the model described by the config block cfg at params [W (K·d) | b (K)] over n rows (x, y at xPtr,
 * yPtr, through the row order at rowsPtr when it is not 0), and its gradient into gradPtr (same layout):
 * J = data term + penalty, the data term (1/n)·Σᵢ cᵢ·ℓᵢ with the row weights cᵢ at swPtr (indexed like y; 0: every
 * cᵢ = 1, the unweighted pass and its fast paths), ∇ = (1/n)·Σ… + the penalty's gradient (assembly/penalty.ts, on the decayed segments);
 * the intercepts are read from params (0 without an intercept: the host keeps them 0). Data terms (C_LOSS): squared Σr²/(2n); log, hinge,
 * multinomial Σloss/n. The data term is summed over shards of the rows (src/abi/layout.ts: SHARD_ROWS), combined in
 * shard order, so that J and ∇J depend on n and the rows only. Scratch: cfg's, 4·K + p f64 (the kernels' 4·K, then
 * one shard's partial sums). Also the host's gradient seam (Backend.gradient).
 */
export function objectiveAndGrad(
  cfg: usize, xPtr: usize, yPtr: usize, swPtr: usize, rowsPtr: usize, n: i32, paramsPtr: usize, gradPtr: usize,
): f64 {
  const c = changetype<Config>(cfg);
  // A network (issue 16): its own forward/backward pass (assembly/nn/mlp.ts), the row weights in its head; one shard.
  // float32 storage (C_X_TILE_PTR ≠ 0): the kernels promote X's rows as they read them (reduce.ts: rowAt); reset
  // after, so that the exported kernels called alone read f64.
  if (c.loss == LOSS_MLP) {
    setXTile(c.xTilePtr, n);
    const J = mlpObjectiveAndGrad(c, xPtr, yPtr, swPtr, rowsPtr, n, paramsPtr, gradPtr);
    setXTile(0);
    return J;
  }
  const loss = c.loss, d = c.cols, K = c.outputs;
  const m = K * d;
  const p = m + K;
  const S = shardCount(n);
  let sum = 0.0;
  if (threaded(c, S, n)) {
    // The shards on every thread (assembly/shards.ts), into the partials; then combined in shard order.
    runThreaded(cfg, xPtr, yPtr, swPtr, rowsPtr, n, paramsPtr);
    const partials = c.partialsPtr, sums = partials + (<usize>(SHARD_MAX * p) << 3);
    memory.copy(gradPtr, partials, <usize>p << 3);
    sum = load<f64>(sums);
    for (let s = 1; s < S; s++) {
      const part = partials + (<usize>(s * p) << 3);
      for (let j = 0; j < p; j++) {
        const o = <usize>j << 3;
        store<f64>(gradPtr + o, load<f64>(gradPtr + o) + load<f64>(part + o));
      }
      sum += load<f64>(sums + (<usize>s << 3));
    }
  } else {
    // In order on this thread: shard 0's sums straight into the gradient, each later shard's into the partial buffer
    // after the kernels' 4·K scratch doubles, added in shard order (the same doubles as the threaded path).
    const scratch = c.scratchPtr, tile = c.xTilePtr;
    const partial = scratch + (<usize>(4 * K) << 3);
    for (let s = 0; s < S; s++) {
      const part = shardSum(c, xPtr, yPtr, swPtr, rowsPtr, n, paramsPtr, s, S, s == 0 ? gradPtr : partial, scratch, tile);
      if (s == 0) { sum = part; continue; }
      sum += part;
      for (let j = 0; j < p; j++) {
        const o = <usize>j << 3;
        store<f64>(gradPtr + o, load<f64>(gradPtr + o) + load<f64>(partial + o));
      }
    }
  }
  const J = lossMean(loss, sum, n);
  const nf = <f64>n;
  for (let j = 0; j < p; j++) {
    const o = <usize>j << 3;
    store<f64>(gradPtr + o, load<f64>(gradPtr + o) / nf);
  }
  return penaltyTerm(c, paramsPtr, gradPtr, J);
}

/**
 * ‖g‖∞ of the gradient the optimizer follows, g = ±∇J + λ·w (− when maximizing; λ: coupled weight decay, on the
 * decayed segments only), over the segments of θ at paramsPtr: the stopping rule's measure of stationarity. With an
 * L1 part a₁ = α·ρ (assembly/penalty.ts: l1Strength), on the decayed segments g is the minimum-norm subgradient of the
 * composite objective: gⱼ + a₁·sign(wⱼ) where wⱼ ≠ 0, max(0, |gⱼ| − a₁) where wⱼ = 0 (0 exactly at its optimum). Max
 * is exact, so any order gives the same double; same expression as src/js/fit.ts.
 */
export function gradNorm(c: Config, gradPtr: usize, paramsPtr: usize): f64 {
  const o = c.optimizer;
  const maximize = o.maximize, weightDecay = o.weightDecay;
  const count = c.segmentCount;
  const l1 = l1Strength(c);
  let r = 0.0;
  for (let k = 0; k < count; k++) {
    const seg = c.segment(k);
    const g0 = seg.at(gradPtr), w0 = seg.at(paramsPtr), m = seg.length;
    const wd = seg.decayed ? weightDecay : 0.0;
    const l1Here = seg.decayed ? l1 : 0.0;
    for (let j = 0; j < m; j++) {
      const at = <usize>j << 3;
      let g = load<f64>(g0 + at);
      if (maximize) g = -g;
      if (wd != 0) g = g + wd * load<f64>(w0 + at);
      if (l1Here != 0) {
        const w = load<f64>(w0 + at);
        if (w > 0) g = g + l1Here;
        else if (w < 0) g = g - l1Here;
        else g = max(Math.abs(g) - l1Here, 0.0);
      }
      const a = Math.abs(g);
      if (a > r) r = a;
    }
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
 * With C_AUTO (full batches only, src/options/auto.ts), each evaluation first judges the step that led to θ (its start
 * point θₜ, ∇J(θₜ) and J(θₜ) kept at C_PREV_PTR): A_BACKTRACK rejects it unless J is finite and
 * J ≤ J(θₜ) + c·min(∇J(θₜ)·Δ, 0) (Armijo, c = AUTO_ARMIJO), then θ, ∇J and J go back to θₜ's, the velocity restarts,
 * and η is halved if the step had no momentum in it; at each restart η ← 1/C, C the largest
 * secant curvature ⟨Δ∇J, Δθ⟩/‖Δθ‖² of the steps since the previous restart (the local curvature; for every loss but the
 * squared one, older ones scaled by AUTO_CURVATURE_DECAY per step), and a run of S_AUTO_GROW_AFTER (AUTO_GROW_AFTER at
 * first, doubled by each) steps with η·C < AUTO_GROW_BELOW restarts to do so. A_RESTART_FUNCTION
 * resets the velocity when J rose, A_RESTART_GRADIENT when ∇J(θ)·Δ > 0 (O'Donoghue & Candès 2015); A_SCHEDULE sets
 * β = k/(k + 3) before the k-th step since the last restart. Every evaluation is an update of the count (loss[t] is
 * J at the point update t steps from, after the judgement).
 */
export function fit(cfg: usize, st: usize, stopAtEpoch: i32, stopAtIteration: i32): i32 {
  const c = changetype<Config>(cfg), S = changetype<State>(st);
  const o = c.optimizer, s = S.stepState;
  // Read once: in the loop a slot costs a load and an f64 → i32 conversion each time.
  const n = c.rows, d = c.cols, batchSize = c.batchSize, rule = c.stopRule, tol = c.tol;
  const maxIterations = c.maxIterations, maxEpochs = c.maxEpochs, nIterNoChange = c.nIterNoChange;
  const xPtr = c.xPtr, yPtr = c.yPtr, permPtr = c.permPtr;
  // Targets per row of y (a multi-output network's m; 1 otherwise): an ordered batch's y starts batchPos·yw on.
  const yw = targetsPerRow(c);
  const valXPtr = c.valXPtr, valYPtr = c.valYPtr, valRows = c.valRows;
  const swPtr = c.weightPtr, valSwPtr = c.valWeightPtr;
  const lossPtr = c.lossPtr, epochLossPtr = c.epochLossPtr, lrPtr = c.lrPtr;
  const lossCap = c.lossCap, epochCap = c.epochCap;
  const buf1Ptr = c.buf1Ptr, buf2Ptr = c.buf2Ptr;
  const segments = c.segmentCount, segmentTable = c.segmentTable;
  const p = c.paramCount;
  // A row of X in bytes: f64, or f32 with float32 storage (C_X_TILE_PTR ≠ 0).
  const rowBytes = <usize>d << (c.xTilePtr != 0 ? 2 : 3);
  const shuffled = c.shuffle;
  const maximize = o.maximize;
  const fullBatch = batchSize >= n;
  // The L1 part's strength α·ρ: 0 for every other penalty, and then no proximal step is run.
  const l1 = l1Strength(c);

  // The loop's own registers; written back to the state block when the call returns.
  let t = S.iteration, epoch = S.epoch;
  let batchPos = S.batchPos, epochSum = S.epochSum, epochBatches = S.epochBatches;
  let grad0 = S.grad0, loss0 = S.loss0;
  rngSet(S.rng(0), S.rng(1), S.rng(2), S.rng(3));
  // Automatic step size and momentum: registers of the step being tried (all idle when auto is 0).
  const auto = c.auto;
  const backtrack = (auto & A_BACKTRACK) != 0, schedule = (auto & A_SCHEDULE) != 0;
  const restartF = (auto & A_RESTART_FUNCTION) != 0, restartG = (auto & A_RESTART_GRADIENT) != 0;
  const prevPtr = c.prevPtr, prevGradPtr = c.prevGradPtr;
  const pBytes = <usize>p << 3;
  let autoLr = S.slot(S_AUTO_LR), autoK = S.slot(S_AUTO_K), prevJ = S.slot(S_AUTO_PREV_LOSS);
  let pending = S.slot(S_AUTO_PENDING) != 0, fresh = S.slot(S_AUTO_FRESH) != 0, valid = S.slot(S_AUTO_VALID) != 0;
  let restarts = S.slot(S_RESTARTS), backtracks = S.slot(S_BACKTRACKS), curvature = S.slot(S_AUTO_CURVATURE);
  let growAfter = S.slot(S_AUTO_GROW_AFTER);
  if (growAfter == 0) growAfter = <f64>AUTO_GROW_AFTER;
  const forget = c.loss != LOSS_SQUARED;
  // Averaged SGD: the iterates θₜ, t ≥ averageStart, in a running mean at avgPtr; the held-out objective is the
  // average's once it has started.
  const averageStart = c.averageStart, avgPtr = c.avgPtr;
  let avgCount = S.slot(S_AVG_COUNT);

  // θ lives in two buffers: each step reads the current one and writes the other, so a step that overflows leaves
  // θₜ intact without a copy; the final θ is copied back to paramsPtr when the call returns.
  // Each θ buffer has its own gradient buffer after it and the two switch together: where the gradient lies
  // relative to W moves the pass from DRAM by up to 30 % (src/wasm/engine.ts: THETA_TO_GRAD).
  const paramsPtr = c.paramsPtr;
  let cur = paramsPtr, other = c.backupPtr;
  let gradPtr = c.gradPtr, otherGrad = c.backupGradPtr;
  let lossAt = t % lossCap, epochAt = epoch % epochCap;
  let status = RUNNING;
  while (true) {
    if (t >= maxIterations || epoch >= maxEpochs) {
      // A candidate that is not finite is never returned: back to the point its step left.
      if (pending && !valid) { memory.copy(cur, prevPtr, pBytes); pending = false; }
      status = MAX_ITERATIONS;
      break;
    }
    if (epoch >= stopAtEpoch || t >= stopAtIteration) break;
    if (rule == RULE_GRADIENT && !fullBatch && grad0 < 0) {
      // The rule's reference: J and ∇J at θ₀ on all training rows (a mini-batch's own would be noise).
      const J0 = objectiveAndGrad(cfg, xPtr, yPtr, swPtr, 0, n, cur, gradPtr);
      if (!isFinite<f64>(J0) || !allFinite(gradPtr, p)) {
        store<f64>(lossPtr + (<usize>lossAt << 3), J0);
        status = DIVERGED;
        break;
      }
      grad0 = gradNorm(c, gradPtr, cur);
      loss0 = J0;
      if (grad0 == 0) { status = CONVERGED; break; }
    }
    if (batchPos == 0 && shuffled) shuffle(permPtr, n);
    const count = min(batchSize, n - batchPos);
    // A shuffled batch is read in place through the row order; an ordered one is a contiguous slice.
    const rows = shuffled ? permPtr + (<usize>batchPos << 2) : 0;
    const xb = shuffled ? xPtr : xPtr + <usize>batchPos * rowBytes;
    const yb = shuffled ? yPtr : yPtr + (<usize>(batchPos * yw) << 3);
    const swb = shuffled || swPtr == 0 ? swPtr : swPtr + (<usize>batchPos << 3);
    let J = objectiveAndGrad(cfg, xb, yb, swb, rows, count, cur, gradPtr);
    if (pending) {
      pending = false;
      const finite = valid && isFinite<f64>(J) && allFinite(gradPtr, p);
      if (finite) {
        const cv = secant(gradPtr, prevGradPtr, cur, prevPtr, p);
        if (forget) curvature = curvature * AUTO_CURVATURE_DECAY;
        if (cv > curvature) curvature = cv;
      }
      let accept = finite;
      if (accept && backtrack) accept = J <= prevJ + AUTO_ARMIJO * min(slopeAlong(prevGradPtr, cur, prevPtr, p), 0.0);
      let reset = false;
      if (!accept) {
        if (backtrack) {
          memory.copy(cur, prevPtr, pBytes);
          memory.copy(gradPtr, prevGradPtr, pBytes);
          J = prevJ;
          if (fresh) {
            autoLr = autoLr * AUTO_SHRINK;
            backtracks += 1.0;
          } else {
            restarts += 1.0;
            reset = true;
          }
          autoK = 0;
          s.first = true;
        }
      } else if ((restartF && J > prevJ) || (restartG && slopeAlong(gradPtr, cur, prevPtr, p) > 0)) {
        autoK = 0;
        s.first = true;
        restarts += 1.0;
        reset = true;
      } else if (backtrack && autoK >= growAfter && curvature * autoLr < AUTO_GROW_BELOW) {
        // A long run far below the local curvature: restart to take the larger step.
        growAfter = growAfter * 2.0;
        autoK = 0;
        s.first = true;
        restarts += 1.0;
        reset = true;
      }
      // Without momentum every accepted step is a restart point (gradient descent with a curvature-following step).
      if (backtrack && (reset || (accept && o.momentum == 0))) {
        if (curvature > 0) autoLr = 1.0 / curvature;
        curvature = 0;
      }
    }
    store<f64>(lossPtr + (<usize>lossAt << 3), J);
    if (!isFinite<f64>(J) || !allFinite(gradPtr, p)) { status = DIVERGED; break; }
    if (rule == RULE_GRADIENT && fullBatch) {
      const gn = gradNorm(c, gradPtr, cur);
      if (grad0 < 0) { grad0 = gn; loss0 = J; }
      if (gn <= tol * grad0 && (maximize ? J >= loss0 : J <= loss0)) { status = CONVERGED; break; }
    }
    let lr = load<f64>(lrPtr + (<usize>epochAt << 3));
    if (auto != 0) {
      memory.copy(prevPtr, cur, pBytes);
      memory.copy(prevGradPtr, gradPtr, pBytes);
      prevJ = J;
      pending = true;
      autoK = autoK + 1.0;
      if (schedule) o.momentum = autoK / (autoK + 3.0);
      fresh = s.first || o.momentum == 0;
      if (backtrack) lr = autoLr;
    }
    s.lr = lr;
    s.step = s.step + 1.0;
    s.beta1Pow = s.beta1Pow * o.beta1;
    s.beta2Pow = s.beta2Pow * o.beta2;
    // One step per parameter segment, in table order, each with its own weight decay; buffers in place (their in
    // and out addresses are the same): a fit that diverges stops. Then the penalty's proximal step on each decayed
    // segment with an L1 part (none for L2 or no penalty: skipped).
    const ok = optimizerStep(o, s, segmentTable, segments, cur, other, buf1Ptr, buf1Ptr, buf2Ptr, buf2Ptr, gradPtr);
    if (l1 != 0) {
      for (let k = 0; k < segments; k++) {
        const seg = c.segment(k);
        if (seg.decayed) proximalStep(o, s, seg, other, buf1Ptr, buf2Ptr, l1);
      }
    }
    s.first = false;
    valid = ok;
    if (!ok && !backtrack) { status = DIVERGED; break; }
    const swap = cur;
    cur = other;
    other = swap;
    const gswap = gradPtr;
    gradPtr = otherGrad;
    otherGrad = gswap;
    t++;
    if (averageStart > 0 && t >= averageStart) {
      avgCount = avgCount + 1.0;
      if (!averageStep(avgPtr, cur, p, avgCount)) { status = DIVERGED; break; }
    }
    if (++lossAt == lossCap) lossAt = 0;
    batchPos += count;
    epochSum += J;
    epochBatches++;
    if (batchPos >= n) {
      let E = epochSum / <f64>epochBatches;
      if (valRows > 0) E = objectiveAndGrad(cfg, valXPtr, valYPtr, valSwPtr, 0, valRows, avgCount > 0 ? avgPtr : cur, gradPtr);
      store<f64>(epochLossPtr + (<usize>epochAt << 3), E);
      epoch++;
      if (++epochAt == epochCap) epochAt = 0;
      batchPos = 0;
      epochSum = 0;
      epochBatches = 0;
      if (!isFinite<f64>(E)) { status = DIVERGED; break; }
      if (rule == RULE_SKLEARN) {
        const best = S.best;
        let noImprove = S.noImprove;
        if (E > best - tol) noImprove++;
        else noImprove = 0;
        S.noImprove = noImprove;
        if (E < best) S.best = E;
        if (noImprove >= nIterNoChange) { status = NO_IMPROVEMENT; break; }
      } else if (rule == RULE_GRADIENT && !fullBatch) {
        const Jf = objectiveAndGrad(cfg, xPtr, yPtr, swPtr, 0, n, cur, gradPtr);
        if (isFinite<f64>(Jf) && allFinite(gradPtr, p)) {
          const gn = gradNorm(c, gradPtr, cur);
          if (gn <= tol * grad0 && (maximize ? Jf >= loss0 : Jf <= loss0)) { status = CONVERGED; break; }
        }
      }
    }
  }
  if (cur != paramsPtr) memory.copy(paramsPtr, cur, <usize>p << 3);
  S.iteration = t;
  S.epoch = epoch;
  S.grad0 = grad0;
  S.loss0 = loss0;
  S.batchPos = batchPos;
  S.epochSum = epochSum;
  S.epochBatches = epochBatches;
  for (let k = 0; k < 4; k++) S.setRng(k, rngGet(k));
  S.setSlot(S_AUTO_LR, autoLr);
  S.setSlot(S_AUTO_K, autoK);
  S.setSlot(S_AUTO_PREV_LOSS, prevJ);
  S.setSlot(S_AUTO_PENDING, pending ? 1.0 : 0.0);
  S.setSlot(S_AUTO_FRESH, fresh ? 1.0 : 0.0);
  S.setSlot(S_AUTO_VALID, valid ? 1.0 : 0.0);
  S.setSlot(S_RESTARTS, restarts);
  S.setSlot(S_BACKTRACKS, backtracks);
  S.setSlot(S_AUTO_CURVATURE, curvature);
  S.setSlot(S_AUTO_GROW_AFTER, growAfter);
  S.setSlot(S_AVG_COUNT, avgCount);
  return status;
}
