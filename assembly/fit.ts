// The whole fit in one call: objective and gradient (one fused pass over X), divergence check, momentum step,
// scikit-learn's tol / nIterNoChange rule. Resumable: the loop state lives in a state block, so the host may run
// a fit in chunks (stopAt). Same operation order as src/js/kernels.ts: objectiveAndGrad, fit.
import { dot, allFinite } from './reduce';
import { gradLinear } from './grad/linear';
import { stepMomentum, FIRST_STEP } from './step';

/** Model ids, shared with src/models (MODEL_IDS). */
export const MODEL_LINEAR: i32 = 0;

/** Flags of fit (NESTEROV = 1 and MAXIMIZE = 2 are those of stepMomentum). */
export const FIT_INTERCEPT: i32 = 8;

/** Status codes returned by fit. */
export const RUNNING: i32 = 0;
export const CONVERGED: i32 = 1;
export const MAX_ITERATIONS: i32 = 2;
export const DIVERGED: i32 = 3;

/** State block slots (f64 each): iterations done, best objective, iterations without improvement, velocity set. */
const S_ITER: usize = 0;
const S_BEST: usize = 8;
const S_NO_IMPROVE: usize = 16;
const S_HAS_VELOCITY: usize = 24;

/**
 * Objective J(θ) of the model at params (w then b) over n rows, and its gradient into gradPtr (d + 1 values,
 * the last for the intercept): J = data term + (α/2)·‖w‖², ∇w = (1/n)·Σ… + α·w. The intercept is read as 0
 * without FIT_INTERCEPT.
 */
export function objectiveAndGrad(
  model: i32, xPtr: usize, yPtr: usize, n: i32, d: i32, paramsPtr: usize, gradPtr: usize, alpha: f64, flags: i32,
): f64 {
  const b = (flags & FIT_INTERCEPT) != 0 ? load<f64>(paramsPtr + (<usize>d << 3)) : 0.0;
  const nf = <f64>n;
  let J: f64;
  // model === MODEL_LINEAR (the only one so far): J = Σr²/(2n)
  J = gradLinear(xPtr, yPtr, n, d, paramsPtr, b, gradPtr) / (2.0 * nf);
  for (let j = 0; j <= d; j++) {
    const o = <usize>j << 3;
    store<f64>(gradPtr + o, load<f64>(gradPtr + o) / nf);
  }
  if (alpha != 0) {
    J = J + (0.5 * alpha) * dot(paramsPtr, paramsPtr, d);
    for (let j = 0; j < d; j++) {
      const o = <usize>j << 3;
      store<f64>(gradPtr + o, load<f64>(gradPtr + o) + alpha * load<f64>(paramsPtr + o));
    }
  }
  return J;
}

/**
 * Runs iterations until maxIterations, convergence, divergence or stopAt (then returns RUNNING; call again to
 * resume). Iteration t: J(θₜ) and ∇J(θₜ) → loss[t] = J; stop as diverged (θₜ kept) if either is not finite;
 * momentum step; if θₜ₊₁ is not finite restore θₜ and stop as diverged; then the tol rule on J.
 */
export function fit(
  model: i32, xPtr: usize, yPtr: usize, n: i32, d: i32,
  paramsPtr: usize, velocityPtr: usize, gradPtr: usize, backupPtr: usize, statePtr: usize, lossPtr: usize,
  lr: f64, momentum: f64, dampening: f64, weightDecay: f64, alpha: f64,
  tol: f64, nIterNoChange: i32, maxIterations: i32, stopAt: i32, flags: i32,
): i32 {
  let t = <i32>load<f64>(statePtr + S_ITER);
  let best = load<f64>(statePtr + S_BEST);
  let noImprove = <i32>load<f64>(statePtr + S_NO_IMPROVE);
  let hasVelocity = load<f64>(statePtr + S_HAS_VELOCITY) != 0;
  const fitIntercept = (flags & FIT_INTERCEPT) != 0;
  const p = fitIntercept ? d + 1 : d;
  const stepFlags = flags & 3;
  const bOffset = <usize>d << 3;
  let status = RUNNING;
  while (true) {
    if (t >= maxIterations) { status = MAX_ITERATIONS; break; }
    if (t >= stopAt) break;
    const J = objectiveAndGrad(model, xPtr, yPtr, n, d, paramsPtr, gradPtr, alpha, flags);
    store<f64>(lossPtr + (<usize>t << 3), J);
    if (!isFinite<f64>(J) || !allFinite(gradPtr, p)) { status = DIVERGED; break; }
    memory.copy(backupPtr, paramsPtr, <usize>p << 3);
    const f = hasVelocity ? stepFlags : stepFlags | FIRST_STEP;
    stepMomentum(paramsPtr, velocityPtr, gradPtr, d, lr, momentum, dampening, weightDecay, f);
    if (fitIntercept) {
      stepMomentum(paramsPtr + bOffset, velocityPtr + bOffset, gradPtr + bOffset, 1, lr, momentum, dampening, 0, f);
    }
    hasVelocity = true;
    if (!allFinite(paramsPtr, p)) {
      memory.copy(paramsPtr, backupPtr, <usize>p << 3);
      status = DIVERGED;
      break;
    }
    t++;
    if (J > best - tol) noImprove++;
    else noImprove = 0;
    if (J < best) best = J;
    if (noImprove >= nIterNoChange) { status = CONVERGED; break; }
  }
  store<f64>(statePtr + S_ITER, <f64>t);
  store<f64>(statePtr + S_BEST, best);
  store<f64>(statePtr + S_NO_IMPROVE, <f64>noImprove);
  store<f64>(statePtr + S_HAS_VELOCITY, hasVelocity ? 1.0 : 0.0);
  return status;
}
