// The loss's parameter ε (huber, epsilonInsensitive, squaredEpsilonInsensitive): the loss classes are stateless
// (the pass calls them through changetype<L>(0)), so lossGrad stores its ε argument here before the pass and those
// kernels read it per row (one global.get). The other losses never read it. Mirror: src/js/loss/param.ts.

let epsilon: f64 = 0.1;

/** Sets ε for the passes that follow (assembly/loss/registry.ts: lossGrad, from the config's C_LOSS_EPSILON). */
// @ts-ignore: decorator
@inline
export function setLossEpsilon(e: f64): void { epsilon = e; }

/** ε of the pass being run. */
// @ts-ignore: decorator
@inline
export function lossEpsilon(): f64 { return epsilon; }
