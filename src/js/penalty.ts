/**
 * JS mirror of assembly/penalty.ts: penalties on the decayed parameter segments (C_PENALTY, strength α = C_ALPHA,
 * L1 share ρ = C_L1_RATIO), as a term of the objective and its gradient (L2, the elastic net's L2 part; the L1
 * part's value) and as a proximal step after each update (the L1 part's soft-thresholding).
 * Same operation order as assembly/penalty.ts.
 */
import {
  F_NESTEROV, OPT_ADADELTA, OPT_ADAGRAD, OPT_ADAM, OPT_ADAMW, OPT_RMSPROP, PENALTY_ELASTICNET, PENALTY_L1, PENALTY_L2,
} from '../abi/layout.js';
import type { Config, Segment, Settings, StepState } from './config.js';
import { dot } from './reduce.js';

/** assembly/penalty.ts: l1Strength. α·ρ for PENALTY_L1 and PENALTY_ELASTICNET, else 0. */
export function l1Strength(c: Config): number {
  const penalty = c.penalty;
  return penalty === PENALTY_L1 || penalty === PENALTY_ELASTICNET ? c.alpha * c.l1Ratio : 0.0;
}

/**
 * assembly/penalty.ts: penaltyTerm. L2: for each decayed segment w in table order, J ← J + (½·α)·(w·w) and
 * g ← g + α·w. L1, elastic net (a₁ = α·ρ, a₂ = α·(1 − ρ)): L2's with a₂ when a₂ ≠ 0, then J ← J + a₁·Σ|wⱼ| (in
 * order). Nothing when α = 0.
 */
export function penaltyTerm(c: Config, segments: readonly Segment[], params: Float64Array, grad: Float64Array, J: number): number {
  const alpha = c.alpha, penalty = c.penalty;
  if (penalty === PENALTY_L2 && alpha !== 0) {
    for (const seg of segments) {
      if (!seg.decayed) continue;
      const off = seg.offset, m = seg.length;
      J = J + (0.5 * alpha) * dot(params, off, params, off, m);
      for (let j = off; j < off + m; j++) grad[j] = grad[j]! + alpha * params[j]!;
    }
  } else if ((penalty === PENALTY_L1 || penalty === PENALTY_ELASTICNET) && alpha !== 0) {
    const rho = c.l1Ratio;
    const a1 = alpha * rho, a2 = alpha * (1.0 - rho);
    for (const seg of segments) {
      if (!seg.decayed) continue;
      const off = seg.offset, m = seg.length;
      if (a2 !== 0) {
        J = J + (0.5 * a2) * dot(params, off, params, off, m);
        for (let j = off; j < off + m; j++) grad[j] = grad[j]! + a2 * params[j]!;
      }
      let s = 0.0;
      for (let j = off; j < off + m; j++) s += Math.abs(params[j]!);
      J = J + a1 * s;
    }
  }
  return J;
}

/** assembly/penalty.ts: soft. Soft-thresholding: x − t above t, x + t below −t, else 0. */
function soft(x: number, t: number): number {
  return x > t ? x - t : x < -t ? x + t : 0.0;
}

/**
 * assembly/penalty.ts: proximalStep. θⱼ ← soft(θⱼ, τⱼ) on one decayed segment after its step, τⱼ = a₁ (l1) times the
 * optimizer's fixed-point scale of the gradient: SGD η·k (k = 1; with momentum β: 1 or 1 + β (Nesterov) on the first
 * step, then (1 − τ_d)/(1 − β)); Adam η/(√vⱼ/√(1 − β₂ᵗ) + ε); RMSprop η·k/(√sⱼ + ε) (k = 1/(1 − μ) with momentum);
 * Adagrad ηₜ/(√Sⱼ + ε). Buffers as the step left them.
 */
export function proximalStep(
  o: Settings, s: StepState, seg: Segment, theta: Float64Array, buf1: Float64Array, buf2: Float64Array, l1: number,
): void {
  const off = seg.offset, end = off + seg.length;
  const kind = o.kind, lr = s.lr;
  if (kind === OPT_ADAM || kind === OPT_ADAMW) {
    const scale = lr * l1, bc2Sqrt = Math.sqrt(1.0 - s.beta2Pow), eps = o.eps;
    for (let j = off; j < end; j++) theta[j] = soft(theta[j]!, scale / (Math.sqrt(buf2[j]!) / bc2Sqrt + eps));
  } else if (kind === OPT_RMSPROP) {
    const momentum = o.momentum, eps = o.eps;
    let scale = lr * l1;
    if (momentum > 0) scale = scale / (1.0 - momentum);
    for (let j = off; j < end; j++) theta[j] = soft(theta[j]!, scale / (Math.sqrt(buf1[j]!) + eps));
  } else if (kind === OPT_ADAGRAD) {
    const clr = lr / (1.0 + (s.step - 1.0) * o.lrDecay), eps = o.eps;
    const scale = clr * l1;
    for (let j = off; j < end; j++) theta[j] = soft(theta[j]!, scale / (Math.sqrt(buf1[j]!) + eps));
  } else if (kind === OPT_ADADELTA) {
    const scale = lr * l1, eps = o.eps;
    for (let j = off; j < end; j++) theta[j] = soft(theta[j]!, scale * (Math.sqrt(buf2[j]! + eps) / Math.sqrt(buf1[j]! + eps)));
  } else {
    const momentum = o.momentum;
    let k = 1.0;
    if (momentum !== 0) {
      if (s.first) k = (o.flags & F_NESTEROV) !== 0 ? 1.0 + momentum : 1.0;
      else k = (1.0 - o.dampening) / (1.0 - momentum);
    }
    const t = (lr * l1) * k;
    for (let j = off; j < end; j++) theta[j] = soft(theta[j]!, t);
  }
}
