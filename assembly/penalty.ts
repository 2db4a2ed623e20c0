// Penalties on the decayed parameter segments (C_PENALTY, strength α = C_ALPHA, L1 share ρ = C_L1_RATIO), applied
// by the optimizer side (scikit-learn's SGD objective: data term + α·(ρ·‖w‖₁ + ((1 − ρ)/2)·‖w‖²)):
// - as a term of the objective and of its gradient (penaltyTerm: L2, and the L2 part of the elastic net), after the
//   data term's 1/n; the L1 part adds its value α·ρ·‖w‖₁ to J but nothing to the gradient;
// - as a proximal step after each update (proximalStep: the L1 part's soft-thresholding, with the threshold the
//   optimizer's step implies at its fixed point, so the fixed point is the optimum of the composite objective).
// Same operation order as src/js/penalty.ts.
import { dot } from './reduce';
import { Config, Segment, Settings, StepState } from './config';
import {
  PENALTY_L2, PENALTY_L1, PENALTY_ELASTICNET, OPT_ADAM, OPT_ADAMW, OPT_RMSPROP, OPT_ADAGRAD, OPT_ADADELTA, F_NESTEROV,
} from '../src/abi/layout';

/** α·ρ, the L1 part's strength, for PENALTY_L1 and PENALTY_ELASTICNET; 0 for every other penalty (no proximal step). */
// @ts-ignore: decorator
@inline
export function l1Strength(c: Config): f64 {
  const penalty = c.penalty;
  return penalty == PENALTY_L1 || penalty == PENALTY_ELASTICNET ? c.alpha * c.l1Ratio : 0.0;
}

/**
 * J plus the penalty at θ (paramsPtr), with the gradient of its smooth part added into gradPtr, over the decayed
 * segments of cfg, in table order.
 * L2 (ridge; scikit-learn's Ridge/SGDRegressor(penalty='l2') objective): J ← J + (½·α)·(w·w) (reduce.ts's dot: its
 * lanes) and g ← g + α·w. L1 and elastic net (a₁ = α·ρ, a₂ = α·(1 − ρ)): when a₂ ≠ 0, J ← J + (½·a₂)·(w·w) and
 * g ← g + a₂·w as L2's; then J ← J + a₁·Σ|wⱼ| (the sum in order, j = 0 … m−1). Nothing when α = 0.
 */
// @ts-ignore: decorator
@inline
export function penaltyTerm(c: Config, paramsPtr: usize, gradPtr: usize, J: f64): f64 {
  const alpha = c.alpha, penalty = c.penalty;
  if (penalty == PENALTY_L2 && alpha != 0) {
    const count = c.segmentCount;
    for (let k = 0; k < count; k++) {
      const seg = c.segment(k);
      if (!seg.decayed) continue;
      const w = seg.at(paramsPtr), g = seg.at(gradPtr), m = seg.length;
      J = J + (0.5 * alpha) * dot(w, w, m);
      for (let j = 0; j < m; j++) {
        const o = <usize>j << 3;
        store<f64>(g + o, load<f64>(g + o) + alpha * load<f64>(w + o));
      }
    }
  } else if ((penalty == PENALTY_L1 || penalty == PENALTY_ELASTICNET) && alpha != 0) {
    const rho = c.l1Ratio;
    const a1 = alpha * rho, a2 = alpha * (1.0 - rho);
    const count = c.segmentCount;
    for (let k = 0; k < count; k++) {
      const seg = c.segment(k);
      if (!seg.decayed) continue;
      const w = seg.at(paramsPtr), g = seg.at(gradPtr), m = seg.length;
      if (a2 != 0) {
        J = J + (0.5 * a2) * dot(w, w, m);
        for (let j = 0; j < m; j++) {
          const o = <usize>j << 3;
          store<f64>(g + o, load<f64>(g + o) + a2 * load<f64>(w + o));
        }
      }
      let s = 0.0;
      for (let j = 0; j < m; j++) s += Math.abs(load<f64>(w + (<usize>j << 3)));
      J = J + a1 * s;
    }
  }
  return J;
}

/** Soft-thresholding, prox of t·|·|: x − t above t, x + t below −t, else 0. */
// @ts-ignore: decorator
@inline
function soft(x: f64, t: f64): f64 {
  return x > t ? x - t : x < -t ? x + t : 0.0;
}

/**
 * The L1 part's proximal step on one decayed segment just updated at thetaPtr (its buffers at buf1Ptr, buf2Ptr, in
 * θ's layout, already updated by the step): θⱼ ← soft(θⱼ, τⱼ), a₁ = α·ρ (l1). τⱼ is a₁ times the factor by which the
 * optimizer's step scales the gradient at a fixed point, so that a fixed point of step + prox satisfies the
 * optimality conditions of data term + penalty (gⱼ + a₁·sign(θⱼ) = 0, or θⱼ = 0 and |gⱼ| ≤ a₁):
 * - SGD: τ = η·a₁·k, k = 1 without momentum; with momentum β: 1 (heavy ball) or 1 + β (Nesterov) on the first step
 *   (v = g), then (1 − τ_d)/(1 − β) (the velocity's limit v = (1 − τ_d)·g/(1 − β); Nesterov's g + β·v = g/(1 − β));
 * - Adam (and AdamW with λ = 0): τⱼ = η·a₁/(√vⱼ/√(1 − β₂ᵗ) + ε), the step's own denominator (m̂ → g; a
 *   diagonal-metric prox, as Duchi, Hazan & Singer 2011's composite mirror descent for Adagrad);
 * - RMSprop: τⱼ = η·a₁·k/(√sⱼ + ε), k = 1/(1 − μ) with momentum μ (b → (g/a)/(1 − μ)), else 1;
 * - Adagrad: τⱼ = ηₜ·a₁/(√Sⱼ + ε), ηₜ = η/(1 + (t − 1)·lrDecay);
 * - Adadelta: τⱼ = η·a₁·(√(uⱼ + ε)/√(sⱼ + ε)), the factor its step puts on g (s the squared-gradient average, u the
 *   squared-update average, both just updated; at a fixed point u is stationary, so the factor is the step's own).
 * The step state s is this step's (η, t, β₂ᵗ, first step).
 */
export function proximalStep(
  o: Settings, s: StepState, seg: Segment, thetaPtr: usize, buf1Ptr: usize, buf2Ptr: usize, l1: f64,
): void {
  const off = <usize>seg.offset << 3, m = seg.length;
  const theta = thetaPtr + off, b1 = buf1Ptr + off, b2 = buf2Ptr + off;
  const kind = o.kind, lr = s.lr;
  if (kind == OPT_ADAM || kind == OPT_ADAMW) {
    const scale = lr * l1, bc2Sqrt = Math.sqrt(1.0 - s.beta2Pow), eps = o.eps;
    for (let j = 0; j < m; j++) {
      const at = <usize>j << 3;
      const t = scale / (Math.sqrt(load<f64>(b2 + at)) / bc2Sqrt + eps);
      store<f64>(theta + at, soft(load<f64>(theta + at), t));
    }
  } else if (kind == OPT_RMSPROP) {
    const momentum = o.momentum, eps = o.eps;
    let scale = lr * l1;
    if (momentum > 0) scale = scale / (1.0 - momentum);
    for (let j = 0; j < m; j++) {
      const at = <usize>j << 3;
      const t = scale / (Math.sqrt(load<f64>(b1 + at)) + eps);
      store<f64>(theta + at, soft(load<f64>(theta + at), t));
    }
  } else if (kind == OPT_ADAGRAD) {
    const clr = lr / (1.0 + (s.step - 1.0) * o.lrDecay), eps = o.eps;
    const scale = clr * l1;
    for (let j = 0; j < m; j++) {
      const at = <usize>j << 3;
      const t = scale / (Math.sqrt(load<f64>(b1 + at)) + eps);
      store<f64>(theta + at, soft(load<f64>(theta + at), t));
    }
  } else if (kind == OPT_ADADELTA) {
    const scale = lr * l1, eps = o.eps;
    for (let j = 0; j < m; j++) {
      const at = <usize>j << 3;
      const t = scale * (Math.sqrt(load<f64>(b2 + at) + eps) / Math.sqrt(load<f64>(b1 + at) + eps));
      store<f64>(theta + at, soft(load<f64>(theta + at), t));
    }
  } else {
    const momentum = o.momentum;
    let k = 1.0;
    if (momentum != 0) {
      if (s.first) k = (o.flags & F_NESTEROV) != 0 ? 1.0 + momentum : 1.0;
      else k = (1.0 - o.dampening) / (1.0 - momentum);
    }
    const t = (lr * l1) * k;
    for (let j = 0; j < m; j++) {
      const at = <usize>j << 3;
      store<f64>(theta + at, soft(load<f64>(theta + at), t));
    }
  }
}
