// One optimizer update, with PyTorch's rules in PyTorch's operation order: SGD with momentum (torch.optim.SGD),
// Adam and AdamW, RMSprop (with momentum), Adagrad and Adadelta. segmentStep is the one step (the fit's optimizerStep calls it
// per segment, checkedStep for its one): the optimizer's settings and the segments as typed views (assembly/config.ts),
// the step state as numbers (the fit reads them from its step-state block); the per-optimizer kernels below step n
// contiguous parameters. Same operation order as src/js/step.ts. Buffers: SGD
// velocity | Adam(W) exp_avg, exp_avg_sq | RMSprop square_avg, momentum_buffer | Adagrad sum | Adadelta square_avg,
// acc_delta.
// Adding an optimizer: its OPT_ id (src/abi/layout.ts), a kernel here and its mirror in src/js/step.ts, one branch
// of segmentStep on each side, its buffers in src/backend.ts (writtenBuffers) and src/optimizer.ts (BUFFER_NAMES),
// its options (src/options), and a contract test against a hand-worked step.
import { allFinite } from './reduce';
import { Settings, StepState, Segment, segmentAt } from './config';
import {
  F_NESTEROV, F_MAXIMIZE, F_FIRST_STEP, OPT_ADAM, OPT_ADAMW, OPT_RMSPROP, OPT_ADAGRAD, OPT_ADADELTA,
  STEP_OK, STEP_BAD_GRAD, STEP_DIVERGED,
} from '../src/abi/layout';

/** The gradient every optimizer but AdamW steps with: g ← −g (maximize), then g ← g + λ·θ (weight decay). */
// @ts-ignore: decorator
@inline
function coupledGrad(g: f64, theta: f64, maximize: bool, weightDecay: f64): f64 {
  if (maximize) g = -g;
  if (weightDecay != 0) g = g + weightDecay * theta;
  return g;
}

/**
 * Below this many parameters the SIMD build steps in scalar code: setting up the lane constants costs more than the
 * pairs save (a fit's intercept, one-feature weights; −16 % at 100 × 1 without it).
 */
const SIMD_STEP_MIN: i32 = 8;

/** coupledGrad on f64x2 lanes. */
// @ts-ignore: decorator
@inline
function coupledGrad2(G: v128, T: v128, maximize: bool, weightDecay: f64, WD: v128): v128 {
  if (maximize) G = f64x2.neg(G);
  if (weightDecay != 0) G = f64x2.add(G, f64x2.mul(WD, T));
  return G;
}

/** All-ones lanes where u − u == 0, i.e. u is finite: and-ed into a step's finiteness mask. */
// @ts-ignore: decorator
@inline
function finiteMask(U: v128): v128 {
  return f64x2.eq(f64x2.sub(U, U), f64x2.splat(0));
}

/**
 * SGD: g ← −g (maximize); g ← g + λ·θ; if β ≠ 0: v ← g (first step) or β·v + (1−τ)·g, then g ← g + β·v (Nesterov)
 * or g ← v; θ ← θ − η·g. Every step function reads θ and its buffers at thetaPtr and the buffer pointers, writes the
 * new values at outPtr and the buffers' out pointers (the same addresses for an in-place step, as in a fit) and
 * returns whether all new θ and buffers are finite (Σ (u − u) is 0 exactly when none is ±∞ or NaN): a buffer that
 * overflows (g² of a finite |g| > 1.3e154 in Adam's, RMSprop's or Adagrad's) is refused like a θ that does.
 */
export function stepMomentum(
  thetaPtr: usize, outPtr: usize, velocityPtr: usize, velocityOutPtr: usize, gradPtr: usize, n: i32,
  lr: f64, momentum: f64, dampening: f64, weightDecay: f64, flags: i32,
): bool {
  const nesterov = (flags & F_NESTEROV) != 0;
  const maximize = (flags & F_MAXIMIZE) != 0;
  const first = (flags & F_FIRST_STEP) != 0;
  const keep = 1.0 - dampening;
  let check = 0.0;
  let i = 0;
  if (ASC_FEATURE_SIMD && n >= SIMD_STEP_MIN) {
    // The same element-wise operations on f64x2 lanes (every SIMD build loop below does likewise: no reduction, so
    // the lanes round as the scalar code does); finiteness as an and of lane masks.
    const LR = f64x2.splat(lr), M = f64x2.splat(momentum), KEEP = f64x2.splat(keep), WD = f64x2.splat(weightDecay);
    let FINITE = i64x2.splat(-1);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const theta = v128.load(thetaPtr + o);
      let g = coupledGrad2(v128.load(gradPtr + o), theta, maximize, weightDecay, WD);
      if (momentum != 0) {
        const v = first ? g : f64x2.add(f64x2.mul(M, v128.load(velocityPtr + o)), f64x2.mul(KEEP, g));
        v128.store(velocityOutPtr + o, v);
        FINITE = v128.and(FINITE, finiteMask(v));
        g = nesterov ? f64x2.add(g, f64x2.mul(M, v)) : v;
      }
      const t = f64x2.sub(theta, f64x2.mul(LR, g));
      v128.store(outPtr + o, t);
      FINITE = v128.and(FINITE, finiteMask(t));
    }
    if (!i64x2.all_true(FINITE)) check = NaN;
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const theta = load<f64>(thetaPtr + o);
    let g = coupledGrad(load<f64>(gradPtr + o), theta, maximize, weightDecay);
    if (momentum != 0) {
      let v: f64;
      if (first) v = g;
      else v = momentum * load<f64>(velocityPtr + o) + keep * g;
      store<f64>(velocityOutPtr + o, v);
      check += v - v;
      if (nesterov) g = g + momentum * v;
      else g = v;
    }
    const t = theta - lr * g;
    store<f64>(outPtr + o, t);
    check += t - t;
  }
  return check == 0;
}

/**
 * Adam / AdamW (decoupled: θ ← θ·(1 − η·λ) first). m ← m + (1−β₁)·(g − m); v ← β₂·v + (1−β₂)·g²;
 * θ ← θ − (η/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε). beta1Pow, beta2Pow are β₁ᵗ, β₂ᵗ for this step t.
 */
export function stepAdam(
  thetaPtr: usize, outPtr: usize, mPtr: usize, mOutPtr: usize, vPtr: usize, vOutPtr: usize, gradPtr: usize, n: i32,
  lr: f64, beta1: f64, beta2: f64, eps: f64, weightDecay: f64, decoupled: bool, maximize: bool,
  beta1Pow: f64, beta2Pow: f64,
): bool {
  let check = 0.0;
  const stepSize = lr / (1.0 - beta1Pow);
  const bc2Sqrt = Math.sqrt(1.0 - beta2Pow);
  const decay = 1.0 - lr * weightDecay;
  let i = 0;
  if (ASC_FEATURE_SIMD && n >= SIMD_STEP_MIN) {
    const SS = f64x2.splat(stepSize), BC2 = f64x2.splat(bc2Sqrt), DECAY = f64x2.splat(decay), EPS = f64x2.splat(eps);
    const B1C = f64x2.splat(1.0 - beta1), B2 = f64x2.splat(beta2), B2C = f64x2.splat(1.0 - beta2);
    const WD = f64x2.splat(weightDecay);
    let FINITE = i64x2.splat(-1);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      let g = v128.load(gradPtr + o);
      let theta = v128.load(thetaPtr + o);
      if (maximize) g = f64x2.neg(g);
      if (weightDecay != 0) {
        if (decoupled) theta = f64x2.mul(theta, DECAY);
        else g = f64x2.add(g, f64x2.mul(WD, theta));
      }
      const m = v128.load(mPtr + o);
      const mNew = f64x2.add(m, f64x2.mul(B1C, f64x2.sub(g, m)));
      const vNew = f64x2.add(f64x2.mul(B2, v128.load(vPtr + o)), f64x2.mul(B2C, f64x2.mul(g, g)));
      v128.store(mOutPtr + o, mNew);
      v128.store(vOutPtr + o, vNew);
      const t = f64x2.sub(theta, f64x2.mul(SS, f64x2.div(mNew, f64x2.add(f64x2.div(f64x2.sqrt(vNew), BC2), EPS))));
      v128.store(outPtr + o, t);
      FINITE = v128.and(FINITE, v128.and(finiteMask(t), v128.and(finiteMask(mNew), finiteMask(vNew))));
    }
    if (!i64x2.all_true(FINITE)) check = NaN;
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    let g = load<f64>(gradPtr + o);
    let theta = load<f64>(thetaPtr + o);
    if (maximize) g = -g;
    if (weightDecay != 0) {
      if (decoupled) theta = theta * decay;
      else g = g + weightDecay * theta;
    }
    const m = load<f64>(mPtr + o);
    const mNew = m + (1.0 - beta1) * (g - m);
    const vNew = beta2 * load<f64>(vPtr + o) + (1.0 - beta2) * (g * g);
    store<f64>(mOutPtr + o, mNew);
    store<f64>(vOutPtr + o, vNew);
    const t = theta - stepSize * (mNew / (Math.sqrt(vNew) / bc2Sqrt + eps));
    store<f64>(outPtr + o, t);
    check += (t - t) + (mNew - mNew) + (vNew - vNew);
  }
  return check == 0;
}

/** RMSprop: s ← ρ·s + (1−ρ)·g²; a = √s + ε; with momentum μ: b ← μ·b + g/a, θ ← θ − η·b; else θ ← θ − η·(g/a). */
export function stepRmsprop(
  thetaPtr: usize, outPtr: usize, sqPtr: usize, sqOutPtr: usize, bufPtr: usize, bufOutPtr: usize, gradPtr: usize, n: i32,
  lr: f64, rho: f64, eps: f64, momentum: f64, weightDecay: f64, maximize: bool,
): bool {
  let check = 0.0;
  let i = 0;
  if (ASC_FEATURE_SIMD && n >= SIMD_STEP_MIN) {
    const RHO = f64x2.splat(rho), RHOC = f64x2.splat(1.0 - rho), EPS = f64x2.splat(eps), M = f64x2.splat(momentum);
    const LR = f64x2.splat(lr), WD = f64x2.splat(weightDecay);
    let FINITE = i64x2.splat(-1);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const theta = v128.load(thetaPtr + o);
      const g = coupledGrad2(v128.load(gradPtr + o), theta, maximize, weightDecay, WD);
      const s = f64x2.add(f64x2.mul(RHO, v128.load(sqPtr + o)), f64x2.mul(RHOC, f64x2.mul(g, g)));
      v128.store(sqOutPtr + o, s);
      const a = f64x2.add(f64x2.sqrt(s), EPS);
      let t: v128;
      if (momentum > 0) {
        const b = f64x2.add(f64x2.mul(M, v128.load(bufPtr + o)), f64x2.div(g, a));
        v128.store(bufOutPtr + o, b);
        t = f64x2.sub(theta, f64x2.mul(LR, b));
      } else {
        t = f64x2.sub(theta, f64x2.mul(LR, f64x2.div(g, a)));
      }
      v128.store(outPtr + o, t);
      FINITE = v128.and(FINITE, v128.and(finiteMask(t), finiteMask(s)));
    }
    if (!i64x2.all_true(FINITE)) check = NaN;
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const theta = load<f64>(thetaPtr + o);
    const g = coupledGrad(load<f64>(gradPtr + o), theta, maximize, weightDecay);
    const s = rho * load<f64>(sqPtr + o) + (1.0 - rho) * (g * g);
    store<f64>(sqOutPtr + o, s);
    const a = Math.sqrt(s) + eps;
    let t: f64;
    if (momentum > 0) {
      const b = momentum * load<f64>(bufPtr + o) + g / a;
      store<f64>(bufOutPtr + o, b);
      t = theta - lr * b;
    } else {
      t = theta - lr * (g / a);
    }
    store<f64>(outPtr + o, t);
    check += (t - t) + (s - s);
  }
  return check == 0;
}

/** Adagrad: η_t = η/(1 + (t−1)·decay); S ← S + g²; θ ← θ − η_t·g/(√S + ε). */
export function stepAdagrad(
  thetaPtr: usize, outPtr: usize, sumPtr: usize, sumOutPtr: usize, gradPtr: usize, n: i32,
  lr: f64, lrDecay: f64, eps: f64, weightDecay: f64, maximize: bool, step: f64,
): bool {
  const clr = lr / (1.0 + (step - 1.0) * lrDecay);
  let check = 0.0;
  let i = 0;
  if (ASC_FEATURE_SIMD && n >= SIMD_STEP_MIN) {
    const CLR = f64x2.splat(clr), EPS = f64x2.splat(eps), WD = f64x2.splat(weightDecay);
    let FINITE = i64x2.splat(-1);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const theta = v128.load(thetaPtr + o);
      const g = coupledGrad2(v128.load(gradPtr + o), theta, maximize, weightDecay, WD);
      const s = f64x2.add(v128.load(sumPtr + o), f64x2.mul(g, g));
      v128.store(sumOutPtr + o, s);
      const t = f64x2.sub(theta, f64x2.mul(CLR, f64x2.div(g, f64x2.add(f64x2.sqrt(s), EPS))));
      v128.store(outPtr + o, t);
      FINITE = v128.and(FINITE, v128.and(finiteMask(t), finiteMask(s)));
    }
    if (!i64x2.all_true(FINITE)) check = NaN;
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const theta = load<f64>(thetaPtr + o);
    const g = coupledGrad(load<f64>(gradPtr + o), theta, maximize, weightDecay);
    const s = load<f64>(sumPtr + o) + g * g;
    store<f64>(sumOutPtr + o, s);
    const t = theta - clr * (g / (Math.sqrt(s) + eps));
    store<f64>(outPtr + o, t);
    check += (t - t) + (s - s);
  }
  return check == 0;
}

/**
 * Adadelta (Zeiler 2012; torch.optim.Adadelta's single-tensor path, in its order): s ← s·ρ + ((1−ρ)·g)·g;
 * std = √(s + ε); δ = (√(u + ε) / std)·g; u ← u·ρ + ((1−ρ)·δ)·δ; θ ← θ − η·δ. The products ((1−ρ)·g)·g are
 * ATen's addcmul (self + value·t1·t2, left to right), so a double step is PyTorch's CPU double step.
 */
export function stepAdadelta(
  thetaPtr: usize, outPtr: usize, sqPtr: usize, sqOutPtr: usize, accPtr: usize, accOutPtr: usize, gradPtr: usize, n: i32,
  lr: f64, rho: f64, eps: f64, weightDecay: f64, maximize: bool,
): bool {
  let check = 0.0;
  let i = 0;
  if (ASC_FEATURE_SIMD && n >= SIMD_STEP_MIN) {
    const RHO = f64x2.splat(rho), RHOC = f64x2.splat(1.0 - rho), EPS = f64x2.splat(eps), LR = f64x2.splat(lr);
    const WD = f64x2.splat(weightDecay);
    let FINITE = i64x2.splat(-1);
    for (; i + 2 <= n; i += 2) {
      const o = <usize>i << 3;
      const theta = v128.load(thetaPtr + o);
      const g = coupledGrad2(v128.load(gradPtr + o), theta, maximize, weightDecay, WD);
      const s = f64x2.add(f64x2.mul(v128.load(sqPtr + o), RHO), f64x2.mul(f64x2.mul(RHOC, g), g));
      const std = f64x2.sqrt(f64x2.add(s, EPS));
      const acc = v128.load(accPtr + o);
      const delta = f64x2.mul(f64x2.div(f64x2.sqrt(f64x2.add(acc, EPS)), std), g);
      const u = f64x2.add(f64x2.mul(acc, RHO), f64x2.mul(f64x2.mul(RHOC, delta), delta));
      v128.store(sqOutPtr + o, s);
      v128.store(accOutPtr + o, u);
      const t = f64x2.sub(theta, f64x2.mul(LR, delta));
      v128.store(outPtr + o, t);
      FINITE = v128.and(FINITE, v128.and(finiteMask(t), v128.and(finiteMask(s), finiteMask(u))));
    }
    if (!i64x2.all_true(FINITE)) check = NaN;
  }
  for (; i < n; i++) {
    const o = <usize>i << 3;
    const theta = load<f64>(thetaPtr + o);
    const g = coupledGrad(load<f64>(gradPtr + o), theta, maximize, weightDecay);
    const s = load<f64>(sqPtr + o) * rho + ((1.0 - rho) * g) * g;
    const std = Math.sqrt(s + eps);
    const acc = load<f64>(accPtr + o);
    const delta = (Math.sqrt(acc + eps) / std) * g;
    const u = acc * rho + ((1.0 - rho) * delta) * delta;
    store<f64>(sqOutPtr + o, s);
    store<f64>(accOutPtr + o, u);
    const t = theta - lr * delta;
    store<f64>(outPtr + o, t);
    check += (t - t) + (s - s) + (u - u);
  }
  return check == 0;
}

/**
 * One optimizer step over the parameter segments: the optimizer and its hyperparameters from the settings o, the
 * learning rate, step number t and β₁ᵗ, β₂ᵗ (running products kept by the caller, so both backends compute them
 * identically) from the step state s, and for each of the `count` segments of the table at `segments` (G_SIZE rows,
 * in order) the step over elements offset … offset + length − 1 of θ, its gradient and buffers, with weight decay λ
 * only on a decayed segment. Every segment is stepped even after one fails. The fit's step; segment by segment
 * (segmentStep, which checkedStep calls for its one segment). Pointers are θ's, its new value's, the buffers' (in and
 * out) and the gradient's: arrays of θ's layout.
 */
export function optimizerStep(
  o: Settings, s: StepState, segments: usize, count: i32,
  thetaPtr: usize, outPtr: usize, buf1Ptr: usize, buf1OutPtr: usize, buf2Ptr: usize, buf2OutPtr: usize, gradPtr: usize,
): bool {
  const flags = o.flags | (s.first ? F_FIRST_STEP : 0), lr = s.lr, step = s.step, beta1Pow = s.beta1Pow, beta2Pow = s.beta2Pow;
  let ok = true;
  for (let k = 0; k < count; k++) {
    const seg = segmentAt(segments, k);
    if (!segmentStep(o, flags, lr, step, beta1Pow, beta2Pow, <usize>seg.offset << 3, seg.length, seg.decayed,
      thetaPtr, outPtr, buf1Ptr, buf1OutPtr, buf2Ptr, buf2OutPtr, gradPtr)) ok = false;
  }
  return ok;
}

/**
 * The step of optimizer o over one segment (off: its first byte from θ's start; n elements; weight decay only if
 * decayed), the step state as numbers and the flags apart from the settings
 * (F_NESTEROV | F_MAXIMIZE | F_FIRST_STEP; o.flags is not read): optimizerStep calls it per segment, checkedStep for
 * its one segment, so the per-step API writes no step state and no settings on each call (bench/AB-13.md).
 */
// @ts-ignore: decorator
@inline
function segmentStep(
  o: Settings, flags: i32, lr: f64, step: f64, beta1Pow: f64, beta2Pow: f64, off: usize, n: i32, decayed: bool,
  thetaPtr: usize, outPtr: usize, buf1Ptr: usize, buf1OutPtr: usize, buf2Ptr: usize, buf2OutPtr: usize, gradPtr: usize,
): bool {
  const kind = o.kind, weightDecay = decayed ? o.weightDecay : 0.0;
  const theta = thetaPtr + off, out = outPtr + off, b1 = buf1Ptr + off, b1Out = buf1OutPtr + off;
  const b2 = buf2Ptr + off, b2Out = buf2OutPtr + off, grad = gradPtr + off;
  const maximize = (flags & F_MAXIMIZE) != 0;
  if (kind == OPT_ADAM || kind == OPT_ADAMW) {
    return stepAdam(theta, out, b1, b1Out, b2, b2Out, grad, n, lr, o.beta1, o.beta2, o.eps, weightDecay,
      kind == OPT_ADAMW, maximize, beta1Pow, beta2Pow);
  }
  if (kind == OPT_RMSPROP) {
    return stepRmsprop(theta, out, b1, b1Out, b2, b2Out, grad, n, lr, o.rho, o.eps, o.momentum, weightDecay, maximize);
  }
  if (kind == OPT_ADAGRAD) {
    return stepAdagrad(theta, out, b1, b1Out, grad, n, lr, o.lrDecay, o.eps, weightDecay, maximize, step);
  }
  if (kind == OPT_ADADELTA) {
    return stepAdadelta(theta, out, b1, b1Out, b2, b2Out, grad, n, lr, o.rho, o.eps, weightDecay, maximize);
  }
  return stepMomentum(theta, out, b1, b1Out, grad, n, lr, o.momentum, o.dampening, weightDecay, flags);
}

/**
 * The per-step API's update, out of place, over one segment (settingsPtr, segmentPtr: an O_SIZE settings block and a
 * G_SIZE segment row, src/abi/layout.ts; statePtr: the host's T_SIZE step-state block, not used: the step state comes
 * as numbers, with F_NESTEROV, F_MAXIMIZE and F_FIRST_STEP in flags, and goes to segmentStep as they are). No static
 * data: the heap base, hence the alignment of the first data set, stays where it was. Reads θ and the buffers at
 * thetaPtr, buf1Ptr, buf2Ptr and writes the new ones at outPtr, buf1OutPtr, buf2OutPtr (the host passes the same
 * address for a buffer the optimizer does not write). Refuses a non-finite gradient (STEP_BAD_GRAD) and reports a θ
 * that became non-finite (STEP_DIVERGED); either way the inputs are untouched, so the host keeps them by not
 * switching to the outputs.
 */
export function checkedStep(
  settingsPtr: usize, statePtr: usize, segmentPtr: usize,
  thetaPtr: usize, outPtr: usize, buf1Ptr: usize, buf1OutPtr: usize, buf2Ptr: usize, buf2OutPtr: usize, gradPtr: usize,
  lr: f64, step: f64, beta1Pow: f64, beta2Pow: f64, flags: i32,
): i32 {
  const seg = changetype<Segment>(segmentPtr);
  const off = <usize>seg.offset << 3, n = seg.length;
  if (!allFinite(gradPtr + off, n)) return STEP_BAD_GRAD;
  const ok = segmentStep(changetype<Settings>(settingsPtr), flags & (F_NESTEROV | F_MAXIMIZE | F_FIRST_STEP), lr, step,
    beta1Pow, beta2Pow, off, n, seg.decayed, thetaPtr, outPtr, buf1Ptr, buf1OutPtr, buf2Ptr, buf2OutPtr, gradPtr);
  return ok ? STEP_OK : STEP_DIVERGED;
}
