/**
 * JS mirror of assembly/penalty.ts: penalties on the decayed parameter segments (C_PENALTY, strength α = C_ALPHA),
 * as a term of the objective and its gradient (L2) and as a proximal step after each update (the hook; none yet).
 * Same operation order as assembly/penalty.ts.
 */
import { PENALTY_L2 } from '../abi/layout.js';
import type { Config, Segment } from './config.js';
import { dot } from './reduce.js';

/**
 * assembly/penalty.ts: penaltyTerm. L2: for each decayed segment w in table order, J ← J + (½·α)·(w·w) and
 * g ← g + α·w; nothing when α = 0.
 */
export function penaltyTerm(c: Config, segments: readonly Segment[], params: Float64Array, grad: Float64Array, J: number): number {
  const alpha = c.alpha;
  if (c.penalty === PENALTY_L2 && alpha !== 0) {
    for (const seg of segments) {
      if (!seg.decayed) continue;
      const off = seg.offset, m = seg.length;
      J = J + (0.5 * alpha) * dot(params, off, params, off, m);
      for (let j = off; j < off + m; j++) grad[j] = grad[j]! + alpha * params[j]!;
    }
  }
  return J;
}

/** assembly/penalty.ts: proximalStep. θ ← prox_{η·α·P}(θ) on one decayed segment after its step; no penalty has one yet. */
export function proximalStep(c: Config, seg: Segment, theta: Float64Array, lr: number): void {
  void c; void seg; void theta; void lr;
}
