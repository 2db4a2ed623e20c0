/**
 * JS mirror of assembly/loss/param.ts: the loss's parameter ε (huber, epsilonInsensitive,
 * squaredEpsilonInsensitive), set by lossGrad before the pass and read by those kernels (the loss objects are shared
 * singletons, as the WASM classes are stateless).
 */

/** ε of the pass being run (read through the module binding: live). */
export let epsilon = 0.1;

/** Sets ε for the passes that follow (src/js/loss/registry.ts: lossGrad). */
export function setLossEpsilon(e: number): void {
  epsilon = e;
}
