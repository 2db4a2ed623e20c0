/** JS mirror of assembly/step.ts: SGD (momentum, Nesterov), Adam/AdamW, RMSprop, Adagrad, Adadelta, in the same order. */
import {
  F_FIRST_STEP, F_MAXIMIZE, F_NESTEROV, OPT_ADADELTA, OPT_ADAM, OPT_ADAMW, OPT_RMSPROP, OPT_SGD, STEP_BAD_GRAD,
  STEP_DIVERGED, STEP_OK,
} from '../abi/layout.js';
import type { Segment, Settings, StepState } from './config.js';
import { allFinite } from './reduce.js';

/** assembly/step.ts: coupledGrad. g ← −g (maximize), then g ← g + λ·θ (weight decay). */
function coupledGrad(g: number, theta: number, maximize: boolean, weightDecay: number): number {
  if (maximize) g = -g;
  if (weightDecay !== 0) g = g + weightDecay * theta;
  return g;
}

/** Every step reads θ from `theta` and each buffer from its array, writes the new θ into `out` and each buffer into
 * its out array (the same arrays for an in-place step), all at the same offset, and returns whether all new θ and
 * buffers are finite (Σ (u − u) is 0 exactly when none is ±∞ or NaN; assembly/step.ts). stepMomentum runs the usual
 * step (β ≠ 0 after the first, no Nesterov, no maximize, λ = 0) in a loop of its own: the general loop with those
 * branches taken, the same operations in the same order, so the same doubles; V8 runs it at ~2.3 against ~3.7 ns an
 * element (bench/AB-13.md). */
export function stepMomentum(
  theta: Float64Array, out: Float64Array, off: number, velocity: Float64Array, velocityOut: Float64Array,
  grad: Float64Array, n: number,
  lr: number, momentum: number, dampening: number, weightDecay: number, flags: number,
): boolean {
  const nesterov = (flags & F_NESTEROV) !== 0;
  const maximize = (flags & F_MAXIMIZE) !== 0;
  const first = (flags & F_FIRST_STEP) !== 0;
  const keep = 1.0 - dampening;
  const end = off + n;
  let check = 0.0;
  if (momentum !== 0 && !first && !nesterov && !maximize && weightDecay === 0) {
    // g = grad[i] (coupledGrad without maximize and λ), v = β·v + (1 − τ)·g, g = v, u = θ − η·g.
    for (let i = off; i < end; i++) {
      const v = momentum * velocity[i]! + keep * grad[i]!;
      velocityOut[i] = v;
      const u = theta[i]! - lr * v;
      out[i] = u;
      check += (v - v) + (u - u);
    }
    return check === 0;
  }
  for (let i = off; i < end; i++) {
    const t = theta[i]!;
    let g = coupledGrad(grad[i]!, t, maximize, weightDecay);
    if (momentum !== 0) {
      let v: number;
      if (first) v = g;
      else v = momentum * velocity[i]! + keep * g;
      velocityOut[i] = v;
      check += v - v;
      if (nesterov) g = g + momentum * v;
      else g = v;
    }
    const u = t - lr * g;
    out[i] = u;
    check += u - u;
  }
  return check === 0;
}

export function stepAdam(
  theta: Float64Array, out: Float64Array, off: number, m: Float64Array, mOut: Float64Array, v: Float64Array,
  vOut: Float64Array, grad: Float64Array, n: number,
  lr: number, beta1: number, beta2: number, eps: number, weightDecay: number, decoupled: boolean, maximize: boolean,
  beta1Pow: number, beta2Pow: number,
): boolean {
  let check = 0.0;
  const stepSize = lr / (1.0 - beta1Pow);
  const bc2Sqrt = Math.sqrt(1.0 - beta2Pow);
  const decay = 1.0 - lr * weightDecay;
  for (let i = off, end = off + n; i < end; i++) {
    let g = grad[i]!;
    let t = theta[i]!;
    if (maximize) g = -g;
    if (weightDecay !== 0) {
      if (decoupled) t = t * decay;
      else g = g + weightDecay * t;
    }
    const mi = m[i]!;
    const mNew = mi + (1.0 - beta1) * (g - mi);
    const vNew = beta2 * v[i]! + (1.0 - beta2) * (g * g);
    mOut[i] = mNew;
    vOut[i] = vNew;
    const u = t - stepSize * (mNew / (Math.sqrt(vNew) / bc2Sqrt + eps));
    out[i] = u;
    check += (u - u) + (mNew - mNew) + (vNew - vNew);
  }
  return check === 0;
}

export function stepRmsprop(
  theta: Float64Array, out: Float64Array, off: number, sq: Float64Array, sqOut: Float64Array, buf: Float64Array,
  bufOut: Float64Array, grad: Float64Array, n: number,
  lr: number, rho: number, eps: number, momentum: number, weightDecay: number, maximize: boolean,
): boolean {
  let check = 0.0;
  for (let i = off, end = off + n; i < end; i++) {
    const t = theta[i]!;
    const g = coupledGrad(grad[i]!, t, maximize, weightDecay);
    const s = rho * sq[i]! + (1.0 - rho) * (g * g);
    sqOut[i] = s;
    const a = Math.sqrt(s) + eps;
    let u: number;
    if (momentum > 0) {
      const b = momentum * buf[i]! + g / a;
      bufOut[i] = b;
      u = t - lr * b;
    } else {
      u = t - lr * (g / a);
    }
    out[i] = u;
    check += (u - u) + (s - s);
  }
  return check === 0;
}

export function stepAdagrad(
  theta: Float64Array, out: Float64Array, off: number, sum: Float64Array, sumOut: Float64Array, grad: Float64Array,
  n: number,
  lr: number, lrDecay: number, eps: number, weightDecay: number, maximize: boolean, step: number,
): boolean {
  const clr = lr / (1.0 + (step - 1.0) * lrDecay);
  let check = 0.0;
  for (let i = off, end = off + n; i < end; i++) {
    const t = theta[i]!;
    const g = coupledGrad(grad[i]!, t, maximize, weightDecay);
    const s = sum[i]! + g * g;
    sumOut[i] = s;
    const u = t - clr * (g / (Math.sqrt(s) + eps));
    out[i] = u;
    check += (u - u) + (s - s);
  }
  return check === 0;
}

/** assembly/step.ts: stepAdadelta. s ← s·ρ + ((1−ρ)·g)·g; δ = (√(u + ε)/√(s + ε))·g; u ← u·ρ + ((1−ρ)·δ)·δ; θ ← θ − η·δ. */
export function stepAdadelta(
  theta: Float64Array, out: Float64Array, off: number, sq: Float64Array, sqOut: Float64Array, acc: Float64Array,
  accOut: Float64Array, grad: Float64Array, n: number,
  lr: number, rho: number, eps: number, weightDecay: number, maximize: boolean,
): boolean {
  let check = 0.0;
  for (let i = off, end = off + n; i < end; i++) {
    const t = theta[i]!;
    const g = coupledGrad(grad[i]!, t, maximize, weightDecay);
    const s = sq[i]! * rho + ((1.0 - rho) * g) * g;
    const std = Math.sqrt(s + eps);
    const a = acc[i]!;
    const delta = (Math.sqrt(a + eps) / std) * g;
    const u = a * rho + ((1.0 - rho) * delta) * delta;
    sqOut[i] = s;
    accOut[i] = u;
    const v = t - lr * delta;
    out[i] = v;
    check += (v - v) + (s - s) + (u - u);
  }
  return check === 0;
}

/**
 * assembly/step.ts: optimizerStep. One step of the optimizer of settings o with step state s over the segments (in
 * order; weight decay only on a decayed one; every segment stepped even after one fails): the one step of the fit and
 * of the per-step API (checkedStep), segment by segment (segmentStep).
 */
export function optimizerStep(
  o: Settings, s: StepState, segments: readonly Segment[],
  theta: Float64Array, out: Float64Array, buf1: Float64Array, buf1Out: Float64Array, buf2: Float64Array,
  buf2Out: Float64Array, grad: Float64Array,
): boolean {
  const flags = o.flags | (s.first ? F_FIRST_STEP : 0), lr = s.lr, step = s.step, beta1Pow = s.beta1Pow, beta2Pow = s.beta2Pow;
  let ok = true;
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    if (!segmentStep(o, flags, lr, step, beta1Pow, beta2Pow, seg.offset, seg.length, seg.decayed, theta, out, buf1, buf1Out,
      buf2, buf2Out, grad)) {
      ok = false;
    }
  }
  return ok;
}

/**
 * The step of optimizer o over one segment (θ[off … off + n − 1], weight decay only if decayed), the step state as
 * numbers and the flags apart from the settings (F_NESTEROV | F_MAXIMIZE | F_FIRST_STEP; o.flags is not read):
 * optimizerStep calls it per segment, checkedStep for its one segment. The per-step API thus writes no step state
 * and no settings on each step (a record written and read back, with a write barrier per field, where the numbers
 * can stay in registers) and runs no loop over a table of one segment (bench/AB-13.md).
 */
export function segmentStep(
  o: Settings, flags: number, lr: number, step: number, beta1Pow: number, beta2Pow: number, off: number, n: number,
  decayed: boolean, theta: Float64Array, out: Float64Array, buf1: Float64Array, buf1Out: Float64Array, buf2: Float64Array,
  buf2Out: Float64Array, grad: Float64Array,
): boolean {
  const kind = o.kind, weightDecay = decayed ? o.weightDecay : 0.0;
  if (kind === OPT_SGD) {
    return stepMomentum(theta, out, off, buf1, buf1Out, grad, n, lr, o.momentum, o.dampening, weightDecay, flags);
  }
  if (kind === OPT_ADAM || kind === OPT_ADAMW) {
    return stepAdam(theta, out, off, buf1, buf1Out, buf2, buf2Out, grad, n, lr, o.beta1, o.beta2, o.eps, weightDecay,
      kind === OPT_ADAMW, (flags & F_MAXIMIZE) !== 0, beta1Pow, beta2Pow);
  }
  if (kind === OPT_RMSPROP) {
    return stepRmsprop(theta, out, off, buf1, buf1Out, buf2, buf2Out, grad, n, lr, o.rho, o.eps, o.momentum, weightDecay,
      (flags & F_MAXIMIZE) !== 0);
  }
  if (kind === OPT_ADADELTA) {
    return stepAdadelta(theta, out, off, buf1, buf1Out, buf2, buf2Out, grad, n, lr, o.rho, o.eps, weightDecay,
      (flags & F_MAXIMIZE) !== 0);
  }
  return stepAdagrad(theta, out, off, buf1, buf1Out, grad, n, lr, o.lrDecay, o.eps, weightDecay, (flags & F_MAXIMIZE) !== 0,
    step);
}

/**
 * assembly/step.ts: checkedStep. Out of place, over one segment (a table of one row); the step state as numbers, with
 * F_NESTEROV, F_MAXIMIZE and F_FIRST_STEP in flags (the settings' own flags are not read); the inputs are untouched
 * whatever the code.
 */
export function checkedStep(
  o: Settings, segment: readonly [Segment],
  theta: Float64Array, out: Float64Array, buf1: Float64Array, buf1Out: Float64Array, buf2: Float64Array,
  buf2Out: Float64Array, grad: Float64Array,
  lr: number, step: number, beta1Pow: number, beta2Pow: number, flags: number,
): number {
  const seg = segment[0];
  if (!allFinite(grad, seg.length, seg.offset)) return STEP_BAD_GRAD;
  const ok = segmentStep(o, flags & (F_NESTEROV | F_MAXIMIZE | F_FIRST_STEP), lr, step, beta1Pow, beta2Pow, seg.offset,
    seg.length, seg.decayed, theta, out, buf1, buf1Out, buf2, buf2Out, grad);
  return ok ? STEP_OK : STEP_DIVERGED;
}
