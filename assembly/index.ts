// The only entry of the WASM module: re-exports, no logic. The host (src/wasm/memory.ts) owns the layout of
// linear memory above heapBase(); every export takes byte addresses and sizes, and returns numbers.
// What src/wasm/load.ts (CoreExports) and test/math/wasm.ts (mathMap) bind, and the loss registry's entries that
// test/architecture/loss-*.test.ts call directly.
export { lossGrad, lossGradGeneric, lossGradWeighted } from './loss/registry';
export { checkedStep } from './step';
export { fit, objectiveAndGrad } from './fit';
export { setThreads, threadLoop } from './shards';

/** First free byte of linear memory: the host allocates above it. */
export function heapBase(): usize {
  return __heap_base;
}
export { mathMap } from './math';
export { powerIteration } from './lipschitz';
