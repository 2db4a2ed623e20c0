/**
 * JS mirror of assembly/fit.ts: objectiveAndGrad (loss dispatch, 1/n, penalty) and the resumable fit loop
 * (batches, seeded shuffle, per-epoch learning rate, optimizer step per parameter segment, divergence checks,
 * stopping rules). The config and state blocks are Float64Arrays with the slots of src/abi/layout.ts, read through
 * the views of src/js/config.ts; arrays stand in for the pointer slots.
 */
import * as L from '../abi/layout.js';
import { Config, StepState, type Segment } from './config.js';
import { lossMean, lossSum } from './loss/registry.js';
import { l1Strength, penaltyTerm, proximalStep } from './penalty.js';
import { allFinite, type XArray } from './reduce.js';
import { shuffle } from './random.js';
import { optimizerStep } from './step.js';
import { mlpObjectiveAndGrad } from './nn/mlp.js';

/** The arrays a JS fit works on (the WASM fit's pointer slots). */
export interface FitArrays {
  X: XArray;
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
  valX: XArray;
  valY: Float64Array;
  /** The training and validation rows' weights (assembly/fit.ts: C_WEIGHT_PTR, C_VAL_WEIGHT_PTR), or null. */
  sw: Float64Array | null;
  valSw: Float64Array | null;
  rng: Uint32Array;
  /** With C_AUTO: θₜ and ∇J(θₜ) of the point the step being tried left (assembly/fit.ts: C_PREV_PTR); else empty. */
  prev: Float64Array;
  prevGrad: Float64Array;
  /** Averaged SGD: the running average θ̄ (p values, with C_AVERAGE_START > 0; else empty). */
  avg: Float64Array;
}

/** assembly/fit.ts: averageStep. θ̄ ← θ̄ + (θ − θ̄)/k over p elements; whether every θ̄ is finite. */
export function averageStep(avg: Float64Array, theta: Float64Array, p: number, k: number): boolean {
  let check = 0.0;
  for (let j = 0; j < p; j++) {
    const a = avg[j]!;
    const u = a + (theta[j]! - a) / k;
    avg[j] = u;
    check += u - u;
  }
  return check === 0;
}

/** assembly/fit.ts: secant. ⟨g − h, a − b⟩/‖a − b‖² over p elements, in order (0 when a = b). */
function secant(g: Float64Array, h: Float64Array, a: Float64Array, b: Float64Array, p: number): number {
  let num = 0.0, den = 0.0;
  for (let j = 0; j < p; j++) {
    const dt = a[j]! - b[j]!;
    num += (g[j]! - h[j]!) * dt;
    den += dt * dt;
  }
  return den > 0 ? num / den : 0.0;
}

/** assembly/fit.ts: slopeAlong. Σⱼ g[j]·(a[j] − b[j]) over p elements, in order. */
function slopeAlong(g: Float64Array, a: Float64Array, b: Float64Array, p: number): number {
  let s = 0.0;
  for (let j = 0; j < p; j++) s += g[j]! * (a[j]! - b[j]!);
  return s;
}

/**
 * assembly/fit.ts: objectiveAndGrad. J and ∇J of the model of config c at params over n rows (from xOff/yOff, or
 * through rows from rOff), with the penalty on c's decayed segments; sw: the row weights (indexed like y), or null.
 */
export function objectiveAndGrad(
  c: Config, segments: readonly Segment[], X: XArray, xOff: number, y: Float64Array, yOff: number,
  sw: Float64Array | null, rows: Uint32Array | null, rOff: number, n: number, params: Float64Array, grad: Float64Array,
  scratch: Float64Array,
): number {
  // A network (issue 16): its own forward/backward pass (src/js/nn/mlp.ts), the row weights in its head.
  if (c.loss === L.LOSS_MLP) return mlpObjectiveAndGrad(c, segments, X, xOff, y, yOff, sw, rows, rOff, n, params, grad, scratch);
  const loss = c.loss, d = c.cols, K = c.outputs;
  const m = K * d;
  const p = m + K;
  const eps = c.lossEpsilon;
  // The shards (src/abi/layout.ts: SHARD_ROWS): shard 0 into grad, each later one into scratch after the kernels'
  // 4·K values, added in shard order (assembly/fit.ts).
  const S = shardCount(n);
  const pOff = 4 * K;
  let sum = 0.0;
  for (let s = 0; s < S; s++) {
    const a = shardStart(s, n, S), count = shardStart(s + 1, n, S) - a;
    const part = rows !== null
      ? lossSum(loss, X, xOff, y, yOff, sw, rows, rOff + a, count, d, K, params, 0, m, s === 0 ? grad : scratch, s === 0 ? 0 : pOff, scratch, eps)
      : lossSum(loss, X, xOff + a * d, y, yOff + a, sw, null, 0, count, d, K, params, 0, m, s === 0 ? grad : scratch, s === 0 ? 0 : pOff, scratch, eps);
    if (s === 0) { sum = part; continue; }
    sum += part;
    for (let j = 0; j < p; j++) grad[j] = grad[j]! + scratch[pOff + j]!;
  }
  const J = lossMean(loss, sum, n);
  for (let j = 0; j < p; j++) grad[j] = grad[j]! / n;
  return penaltyTerm(c, segments, params, grad, J);
}

/** assembly/fit.ts: shardCount. Shards of a batch of n rows: clamp(⌊n / SHARD_ROWS⌋, 1, SHARD_MAX). */
export function shardCount(n: number): number {
  return Math.min(Math.max(Math.floor(n / L.SHARD_ROWS), 1), L.SHARD_MAX);
}

/** assembly/fit.ts: shardStart. First row of shard s of S over n rows: SHARD_ALIGN·⌊s·⌊n / SHARD_ALIGN⌋ / S⌋; n at s = S. */
export function shardStart(s: number, n: number, S: number): number {
  if (s >= S) return n;
  return Math.floor((s * Math.floor(n / L.SHARD_ALIGN)) / S) * L.SHARD_ALIGN;
}

/**
 * assembly/fit.ts: gradNorm. ‖±∇J + λ·w‖∞ over the segments (λ on the decayed ones; max: exact in any order); with an
 * L1 part a₁ the minimum-norm subgradient on the decayed ones (gⱼ + a₁·sign(wⱼ), or max(0, |gⱼ| − a₁) at wⱼ = 0).
 */
export function gradNorm(c: Config, segments: readonly Segment[], grad: Float64Array, params: Float64Array): number {
  const o = c.optimizer;
  const maximize = o.maximize, weightDecay = o.weightDecay;
  const l1 = l1Strength(c);
  let r = 0.0;
  for (const seg of segments) {
    const off = seg.offset, m = seg.length;
    const wd = seg.decayed ? weightDecay : 0.0;
    const l1Here = seg.decayed ? l1 : 0.0;
    for (let j = off; j < off + m; j++) {
      let g = grad[j]!;
      if (maximize) g = -g;
      if (wd !== 0) g = g + wd * params[j]!;
      if (l1Here !== 0) {
        const w = params[j]!;
        if (w > 0) g = g + l1Here;
        else if (w < 0) g = g - l1Here;
        else g = Math.max(Math.abs(g) - l1Here, 0.0);
      }
      const a = Math.abs(g);
      if (a > r) r = a;
    }
  }
  return r;
}

export function fit(cfg: Float64Array, st: Float64Array, a: FitArrays, stopAtEpoch: number, stopAtIteration: number): number {
  const c = new Config(cfg, 0);
  const o = c.optimizer, s = new StepState(st, L.S_STEP_STATE);
  const segments = c.segments;
  const n = c.rows, d = c.cols, batchSize = c.batchSize, rule = c.stopRule, tol = c.tol;
  const lossCap = c.lossCap, epochCap = c.epochCap;
  const p = c.paramCount;
  const shuffled = c.shuffle;
  const maximize = o.maximize;
  const fullBatch = batchSize >= n;
  // The L1 part's strength α·ρ (assembly/fit.ts): 0 for every other penalty, and then no proximal step is run.
  const l1 = l1Strength(c);

  // The loop's own registers and the step state; written back to the state block when the call returns.
  let t = st[L.S_ITERATION]!, epoch = st[L.S_EPOCH]!;
  let batchPos = st[L.S_BATCH_POS]!, epochSum = st[L.S_EPOCH_SUM]!, epochBatches = st[L.S_EPOCH_BATCHES]!;
  let grad0 = st[L.S_GRAD0]!, loss0 = st[L.S_LOSS0]!;
  const rng = a.rng;
  for (let k = 0; k < 4; k++) rng[k] = st[L.S_RNG0 + k]!;
  // Automatic step size and momentum (assembly/fit.ts): idle when auto is 0.
  const auto = c.auto;
  const backtrack = (auto & L.A_BACKTRACK) !== 0, schedule = (auto & L.A_SCHEDULE) !== 0;
  const restartF = (auto & L.A_RESTART_FUNCTION) !== 0, restartG = (auto & L.A_RESTART_GRADIENT) !== 0;
  const prev = a.prev, prevGrad = a.prevGrad;
  let autoLr = st[L.S_AUTO_LR]!, autoK = st[L.S_AUTO_K]!, prevJ = st[L.S_AUTO_PREV_LOSS]!;
  let pending = st[L.S_AUTO_PENDING] !== 0, fresh = st[L.S_AUTO_FRESH] !== 0, valid = st[L.S_AUTO_VALID] !== 0;
  let restarts = st[L.S_RESTARTS]!, backtracks = st[L.S_BACKTRACKS]!, curvature = st[L.S_AUTO_CURVATURE]!;
  let growAfter = st[L.S_AUTO_GROW_AFTER]!;
  if (growAfter === 0) growAfter = L.AUTO_GROW_AFTER;
  const forget = c.loss !== L.LOSS_SQUARED;
  const averageStart = c.averageStart;
  let avgCount = st[L.S_AVG_COUNT]!;

  // θ lives in two buffers (assembly/fit.ts): each step writes the other one; the final θ is copied back.
  let cur = a.params, other = a.backup;
  let lossAt = t % lossCap, epochAt = epoch % epochCap;
  let status = L.RUNNING;
  for (;;) {
    if (t >= c.maxIterations || epoch >= c.maxEpochs) {
      // A candidate that is not finite is never returned: back to the point its step left.
      if (pending && !valid) { cur.set(prev.subarray(0, p)); pending = false; }
      status = L.MAX_ITERATIONS;
      break;
    }
    if (epoch >= stopAtEpoch || t >= stopAtIteration) break;
    if (rule === L.RULE_GRADIENT && !fullBatch && grad0 < 0) {
      // The rule's reference: J and ∇J at θ₀ on all training rows (a mini-batch's own would be noise).
      const J0 = objectiveAndGrad(c, segments, a.X, 0, a.y, 0, a.sw, null, 0, n, cur, a.grad, a.scratch);
      if (!Number.isFinite(J0) || !allFinite(a.grad, p)) {
        a.loss[lossAt] = J0;
        status = L.DIVERGED;
        break;
      }
      grad0 = gradNorm(c, segments, a.grad, cur);
      loss0 = J0;
      if (grad0 === 0) { status = L.CONVERGED; break; }
    }
    if (batchPos === 0 && shuffled) shuffle(a.perm, n, rng);
    const count = Math.min(batchSize, n - batchPos);
    // A shuffled batch is read in place through the row order; an ordered one is a contiguous slice.
    let J = shuffled
      ? objectiveAndGrad(c, segments, a.X, 0, a.y, 0, a.sw, a.perm, batchPos, count, cur, a.grad, a.scratch)
      : objectiveAndGrad(c, segments, a.X, batchPos * d, a.y, batchPos, a.sw, null, 0, count, cur, a.grad, a.scratch);
    if (pending) {
      pending = false;
      const finite = valid && Number.isFinite(J) && allFinite(a.grad, p);
      if (finite) {
        const cv = secant(a.grad, prevGrad, cur, prev, p);
        if (forget) curvature = curvature * L.AUTO_CURVATURE_DECAY;
        if (cv > curvature) curvature = cv;
      }
      let accept = finite;
      if (accept && backtrack) accept = J <= prevJ + L.AUTO_ARMIJO * Math.min(slopeAlong(prevGrad, cur, prev, p), 0.0);
      let reset = false;
      if (!accept) {
        if (backtrack) {
          cur.set(prev.subarray(0, p));
          a.grad.set(prevGrad.subarray(0, p));
          J = prevJ;
          if (fresh) {
            autoLr = autoLr * L.AUTO_SHRINK;
            backtracks += 1.0;
          } else {
            restarts += 1.0;
            reset = true;
          }
          autoK = 0;
          s.first = true;
        }
      } else if ((restartF && J > prevJ) || (restartG && slopeAlong(a.grad, cur, prev, p) > 0)) {
        autoK = 0;
        s.first = true;
        restarts += 1.0;
        reset = true;
      } else if (backtrack && autoK >= growAfter && curvature * autoLr < L.AUTO_GROW_BELOW) {
        // A long run far below the local curvature: restart to take the larger step.
        growAfter = growAfter * 2.0;
        autoK = 0;
        s.first = true;
        restarts += 1.0;
        reset = true;
      }
      // Without momentum every accepted step is a restart point (gradient descent with a curvature-following step).
      if (backtrack && (reset || (accept && o.momentum === 0))) {
        if (curvature > 0) autoLr = 1.0 / curvature;
        curvature = 0;
      }
    }
    a.loss[lossAt] = J;
    if (!Number.isFinite(J) || !allFinite(a.grad, p)) { status = L.DIVERGED; break; }
    if (rule === L.RULE_GRADIENT && fullBatch) {
      const gn = gradNorm(c, segments, a.grad, cur);
      if (grad0 < 0) { grad0 = gn; loss0 = J; }
      if (gn <= tol * grad0 && (maximize ? J >= loss0 : J <= loss0)) { status = L.CONVERGED; break; }
    }
    let lr = a.lrs[epochAt]!;
    if (auto !== 0) {
      prev.set(cur.subarray(0, p));
      prevGrad.set(a.grad.subarray(0, p));
      prevJ = J;
      pending = true;
      autoK = autoK + 1.0;
      if (schedule) o.momentum = autoK / (autoK + 3.0);
      fresh = s.first || o.momentum === 0;
      if (backtrack) lr = autoLr;
    }
    s.lr = lr;
    s.step = s.step + 1.0;
    s.beta1Pow = s.beta1Pow * o.beta1;
    s.beta2Pow = s.beta2Pow * o.beta2;
    // One step per parameter segment, in table order (assembly/fit.ts), then the penalty's proximal step.
    const ok = optimizerStep(o, s, segments, cur, other, a.buf1, a.buf1, a.buf2, a.buf2, a.grad);
    if (l1 !== 0) for (const seg of segments) if (seg.decayed) proximalStep(o, s, seg, other, a.buf1, a.buf2, l1);
    s.first = false;
    valid = ok;
    if (!ok && !backtrack) { status = L.DIVERGED; break; }
    const swap = cur;
    cur = other;
    other = swap;
    t++;
    if (averageStart > 0 && t >= averageStart) {
      avgCount = avgCount + 1.0;
      if (!averageStep(a.avg, cur, p, avgCount)) { status = L.DIVERGED; break; }
    }
    if (++lossAt === lossCap) lossAt = 0;
    batchPos += count;
    epochSum += J;
    epochBatches++;
    if (batchPos >= n) {
      let E = epochSum / epochBatches;
      if (c.valRows > 0) {
        E = objectiveAndGrad(c, segments, a.valX, 0, a.valY, 0, a.valSw, null, 0, c.valRows, avgCount > 0 ? a.avg : cur, a.grad, a.scratch);
      }
      a.epochLoss[epochAt] = E;
      epoch++;
      if (++epochAt === epochCap) epochAt = 0;
      batchPos = 0;
      epochSum = 0;
      epochBatches = 0;
      if (!Number.isFinite(E)) { status = L.DIVERGED; break; }
      if (rule === L.RULE_SKLEARN) {
        const best = st[L.S_BEST]!;
        let noImprove = st[L.S_NO_IMPROVE]!;
        if (E > best - tol) noImprove++;
        else noImprove = 0;
        st[L.S_NO_IMPROVE] = noImprove;
        if (E < best) st[L.S_BEST] = E;
        if (noImprove >= c.nIterNoChange) { status = L.NO_IMPROVEMENT; break; }
      } else if (rule === L.RULE_GRADIENT && !fullBatch) {
        const Jf = objectiveAndGrad(c, segments, a.X, 0, a.y, 0, a.sw, null, 0, n, cur, a.grad, a.scratch);
        if (Number.isFinite(Jf) && allFinite(a.grad, p)) {
          const gn = gradNorm(c, segments, a.grad, cur);
          if (gn <= tol * grad0 && (maximize ? Jf >= loss0 : Jf <= loss0)) { status = L.CONVERGED; break; }
        }
      }
    }
  }
  if (cur !== a.params) a.params.set(cur.subarray(0, p));
  st[L.S_ITERATION] = t;
  st[L.S_EPOCH] = epoch;
  st[L.S_GRAD0] = grad0;
  st[L.S_LOSS0] = loss0;
  st[L.S_BATCH_POS] = batchPos;
  st[L.S_EPOCH_SUM] = epochSum;
  st[L.S_EPOCH_BATCHES] = epochBatches;
  s.store(st, L.S_STEP_STATE);
  for (let k = 0; k < 4; k++) st[L.S_RNG0 + k] = rng[k]!;
  st[L.S_AUTO_LR] = autoLr;
  st[L.S_AUTO_K] = autoK;
  st[L.S_AUTO_PREV_LOSS] = prevJ;
  st[L.S_AUTO_PENDING] = pending ? 1 : 0;
  st[L.S_AUTO_FRESH] = fresh ? 1 : 0;
  st[L.S_AUTO_VALID] = valid ? 1 : 0;
  st[L.S_RESTARTS] = restarts;
  st[L.S_BACKTRACKS] = backtracks;
  st[L.S_AUTO_CURVATURE] = curvature;
  st[L.S_AUTO_GROW_AFTER] = growAfter;
  st[L.S_AVG_COUNT] = avgCount;
  return status;
}
