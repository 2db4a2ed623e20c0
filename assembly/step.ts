// One momentum-SGD update over n parameters, torch.optim.SGD's rule in its operation order.
// Same operation order as src/js/kernels.ts: stepMomentum, sgdStep.
import { allFinite } from './reduce';

/** Flag bits of stepMomentum and fit. */
export const NESTEROV: i32 = 1;
export const MAXIMIZE: i32 = 2;
/** The velocity buffer is empty: this step sets v = g (dampening skipped). */
export const FIRST_STEP: i32 = 4;

/**
 * For each i < n:  g ← −g if maximize;  g ← g + λ·θ;  if β ≠ 0: v ← g on the first step, else v ← β·v + (1−τ)·g,
 * then g ← g + β·v (Nesterov) or g ← v;  θ ← θ − η·g.  The gradient buffer is left unchanged.
 */
export function stepMomentum(
  thetaPtr: usize, velocityPtr: usize, gradPtr: usize, n: i32,
  lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32,
): void {
  const nesterov = (flags & NESTEROV) != 0;
  const maximize = (flags & MAXIMIZE) != 0;
  const first = (flags & FIRST_STEP) != 0;
  const keep = 1.0 - dampening;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    let g = load<f64>(gradPtr + o);
    const theta = load<f64>(thetaPtr + o);
    if (maximize) g = -g;
    if (weightDecay != 0) g = g + weightDecay * theta;
    if (momentum != 0) {
      let v: f64;
      if (first) v = g;
      else v = momentum * load<f64>(velocityPtr + o) + keep * g;
      store<f64>(velocityPtr + o, v);
      if (nesterov) g = g + momentum * v;
      else g = v;
    }
    store<f64>(thetaPtr + o, theta - lr * g);
  }
}

/** Results of sgdStep. */
export const STEP_OK: i32 = 0;
export const STEP_BAD_GRAD: i32 = 1;
export const STEP_DIVERGED: i32 = 2;

/**
 * The per-step API's update: refuses a non-finite gradient (returns STEP_BAD_GRAD, nothing changed), keeps a copy
 * of θ and v in backupPtr (2n values), steps, and restores both if θ became non-finite (STEP_DIVERGED).
 */
export function sgdStep(
  thetaPtr: usize, velocityPtr: usize, gradPtr: usize, backupPtr: usize, n: i32,
  lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32,
): i32 {
  if (!allFinite(gradPtr, n)) return STEP_BAD_GRAD;
  const bytes = <usize>n << 3;
  memory.copy(backupPtr, thetaPtr, bytes);
  memory.copy(backupPtr + bytes, velocityPtr, bytes);
  stepMomentum(thetaPtr, velocityPtr, gradPtr, n, lr, momentum, dampening, weightDecay, flags);
  if (!allFinite(thetaPtr, n)) {
    memory.copy(thetaPtr, backupPtr, bytes);
    memory.copy(velocityPtr, backupPtr + bytes, bytes);
    return STEP_DIVERGED;
  }
  return STEP_OK;
}
