// Penalties on the decayed parameter segments (C_PENALTY, strength α = C_ALPHA), applied by the optimizer side:
// - as a term of the objective and of its gradient (penaltyTerm: L2), after the data term's 1/n;
// - as a proximal step after each update (proximalStep: the hook for penalties without a gradient, e.g. L1's
//   soft-thresholding θ ← sign(θ)·max(|θ| − η·α, 0) in a later issue; L2 has none).
// Same operation order as src/js/penalty.ts.
import { dot } from './reduce';
import { Config, Segment } from './config';
import { PENALTY_L2 } from '../src/abi/layout';

/**
 * J plus the penalty at θ (paramsPtr), with its gradient added into gradPtr, over the decayed segments of cfg.
 * L2 (ridge; scikit-learn's Ridge/SGDRegressor(penalty='l2') objective): for each decayed segment w in table order,
 * J ← J + (½·α)·(w·w) (reduce.ts's dot: its lanes) and g ← g + α·w. Nothing when α = 0 (today's arithmetic skips it).
 */
// @ts-ignore: decorator
@inline
export function penaltyTerm(c: Config, paramsPtr: usize, gradPtr: usize, J: f64): f64 {
  const alpha = c.alpha;
  if (c.penalty == PENALTY_L2 && alpha != 0) {
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
  }
  return J;
}

/**
 * The proximal step of the penalty on one decayed segment just updated at thetaPtr with learning rate lr, after the
 * optimizer's step: θ ← prox_{η·α·P}(θ). No penalty has one yet (L2 is a gradient term), so this compiles to
 * nothing; a penalty without a gradient (L1) adds its branch here and in src/js/penalty.ts, and nothing else changes.
 */
// @ts-ignore: decorator
@inline
export function proximalStep(c: Config, seg: Segment, thetaPtr: usize, lr: f64): void {}
