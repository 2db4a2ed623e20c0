/** JS mirror of assembly/step.ts: SGD (momentum, Nesterov), Adam/AdamW, RMSprop, Adagrad, in the same order. */
import {
  F_FIRST_STEP, F_MAXIMIZE, F_NESTEROV, OPT_ADAGRAD, OPT_ADAM, OPT_ADAMW, OPT_RMSPROP, STEP_BAD_GRAD,
  STEP_DIVERGED, STEP_OK, T_SIZE,
} from '../abi/layout.js';
import { StepState, type Segment, type Settings } from './config.js';
import { allFinite } from './reduce.js';

/** assembly/step.ts: coupledGrad. g ← −g (maximize), then g ← g + λ·θ (weight decay). */
function coupledGrad(g: number, theta: number, maximize: boolean, weightDecay: number): number {
  if (maximize) g = -g;
  if (weightDecay !== 0) g = g + weightDecay * theta;
  return g;
}

/** Every step reads θ from `theta` and each buffer from its array, writes the new θ into `out` and each buffer into
 * its out array (the same arrays for an in-place step), all at the same offset, and returns whether all new θ and
 * buffers are finite (Σ (u − u) is 0 exactly when none is ±∞ or NaN; assembly/step.ts). */
export function stepMomentum(
  theta: Float64Array, out: Float64Array, off: number, velocity: Float64Array, velocityOut: Float64Array,
  grad: Float64Array, n: number,
  lr: number, momentum: number, dampening: number, weightDecay: number, flags: number,
): boolean {
  const nesterov = (flags & F_NESTEROV) !== 0;
  const maximize = (flags & F_MAXIMIZE) !== 0;
  const first = (flags & F_FIRST_STEP) !== 0;
  const keep = 1.0 - dampening;
  let check = 0.0;
  for (let k = 0; k < n; k++) {
    const i = off + k;
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
  for (let k = 0; k < n; k++) {
    const i = off + k;
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
  for (let k = 0; k < n; k++) {
    const i = off + k;
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
  for (let k = 0; k < n; k++) {
    const i = off + k;
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

/**
 * assembly/step.ts: optimizerStep. One step of the optimizer of settings o with step state s over the segments (in
 * order; weight decay only on a decayed one; every segment stepped even after one fails): the one step of the fit and
 * of the per-step API.
 */
export function optimizerStep(
  o: Settings, s: StepState, segments: readonly Segment[],
  theta: Float64Array, out: Float64Array, buf1: Float64Array, buf1Out: Float64Array, buf2: Float64Array,
  buf2Out: Float64Array, grad: Float64Array,
): boolean {
  const kind = o.kind, flags = o.flags, lr = s.lr, weightDecay = o.weightDecay;
  const maximize = (flags & F_MAXIMIZE) !== 0;
  let ok = true;
  if (kind === OPT_ADAM || kind === OPT_ADAMW) {
    const beta1 = o.beta1, beta2 = o.beta2, eps = o.eps, beta1Pow = s.beta1Pow, beta2Pow = s.beta2Pow;
    for (const seg of segments) {
      if (!stepAdam(theta, out, seg.offset, buf1, buf1Out, buf2, buf2Out, grad, seg.length, lr, beta1, beta2, eps,
        seg.decayed ? weightDecay : 0.0, kind === OPT_ADAMW, maximize, beta1Pow, beta2Pow)) ok = false;
    }
  } else if (kind === OPT_RMSPROP) {
    const rho = o.rho, eps = o.eps, momentum = o.momentum;
    for (const seg of segments) {
      if (!stepRmsprop(theta, out, seg.offset, buf1, buf1Out, buf2, buf2Out, grad, seg.length, lr, rho, eps, momentum,
        seg.decayed ? weightDecay : 0.0, maximize)) ok = false;
    }
  } else if (kind === OPT_ADAGRAD) {
    const lrDecay = o.lrDecay, eps = o.eps, step = s.step;
    for (const seg of segments) {
      if (!stepAdagrad(theta, out, seg.offset, buf1, buf1Out, grad, seg.length, lr, lrDecay, eps,
        seg.decayed ? weightDecay : 0.0, maximize, step)) ok = false;
    }
  } else {
    const momentum = o.momentum, dampening = o.dampening, f = s.first ? flags | F_FIRST_STEP : flags;
    for (const seg of segments) {
      if (!stepMomentum(theta, out, seg.offset, buf1, buf1Out, grad, seg.length, lr, momentum, dampening,
        seg.decayed ? weightDecay : 0.0, f)) ok = false;
    }
  }
  return ok;
}

/**
 * assembly/step.ts: checkedStep. Out of place, over one segment (a table of one row); the step state as numbers (F_NESTEROV, F_MAXIMIZE of
 * flags into the settings); the inputs are untouched whatever the code.
 */
export function checkedStep(
  o: Settings, segment: readonly [Segment],
  theta: Float64Array, out: Float64Array, buf1: Float64Array, buf1Out: Float64Array, buf2: Float64Array,
  buf2Out: Float64Array, grad: Float64Array,
  lr: number, step: number, beta1Pow: number, beta2Pow: number, flags: number,
): number {
  if (!allFinite(grad, segment[0].length, segment[0].offset)) return STEP_BAD_GRAD;
  const s = STEP_STATE;
  s.lr = lr;
  s.step = step;
  s.beta1Pow = beta1Pow;
  s.beta2Pow = beta2Pow;
  s.first = (flags & F_FIRST_STEP) !== 0;
  o.flags = flags & (F_NESTEROV | F_MAXIMIZE);
  const ok = optimizerStep(o, s, segment, theta, out, buf1, buf1Out, buf2, buf2Out, grad);
  return ok ? STEP_OK : STEP_DIVERGED;
}

/** The per-step API's step state (assembly/step.ts: STEP_STATE). */
const STEP_STATE = new StepState(new Float64Array(T_SIZE), 0);
