// Runs the loss registry (lossGrad, and lossGradGeneric: the generic pass with the fast paths off) of each backend on
// one batch: the WASM builds' exports called directly on their own memory, and the JS mirror. For the loss tests.
import { readFileSync } from 'node:fs';
import { lossGrad, lossGradGeneric, lossGradWeighted } from '../../src/js/loss/registry.js';

export interface Batch {
  loss: number;
  /** Rows × d, row-major; the batch reads `n` of them, from row `first` on or through `order`. */
  X: Float64Array;
  y: Float64Array;
  n: number;
  d: number;
  K: number;
  /** [W (K·d) | b (K)]. */
  params: Float64Array;
  /** Row indices (a shuffled batch read in place), or null for the rows first … first + n − 1. */
  order: Uint32Array | null;
  first: number;
  /** The loss's ε (huber, ε-insensitive losses); default 0.1. */
  epsilon?: number;
}

export interface PassResult {
  J: number;
  grad: Float64Array;
}

interface LossExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  lossGrad(loss: number, x: number, y: number, rows: number, n: number, d: number, K: number, w: number, b: number, g: number, scratch: number, epsilon: number): number;
  lossGradGeneric(loss: number, x: number, y: number, rows: number, n: number, d: number, K: number, w: number, b: number, g: number, scratch: number, epsilon: number): number;
  lossGradWeighted(loss: number, x: number, y: number, sw: number, rows: number, n: number, d: number, K: number, w: number, b: number, g: number, scratch: number, epsilon: number): number;
}

/** The exports of a compiled core (build/momentum*.wasm, or a test build), instantiated without imports. */
export function instantiate(bytes: Uint8Array): LossExports {
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as LossExports;
}

export function buildBytes(simd: boolean): Uint8Array {
  return readFileSync(new URL(simd ? '../../build/momentum-simd.wasm' : '../../build/momentum.wasm', import.meta.url));
}

/**
 * lossGrad (fast = true) or lossGradGeneric of a WASM core on the batch, on its memory above heapBase; with `weights`
 * (one per row of X, indexed like y) lossGradWeighted.
 */
export function runWasm(ex: LossExports, b: Batch, fast: boolean, weights: Float64Array | null = null): PassResult {
  const { d, K } = b;
  const p = K * d + K;
  const align = (v: number) => (v + 15) & ~15;
  const xPtr = align(ex.heapBase());
  const yPtr = align(xPtr + b.X.length * 8);
  const rowsPtr = align(yPtr + b.y.length * 8);
  const paramsPtr = align(rowsPtr + b.n * 4 + 4);
  const gPtr = align(paramsPtr + p * 8);
  const scratch = align(gPtr + p * 8);
  const swPtr = align(scratch + 4 * K * 8);
  const end = swPtr + b.y.length * 8;
  const have = ex.memory.buffer.byteLength;
  if (end > have) ex.memory.grow(Math.ceil((end - have) / 65536));
  const buf = ex.memory.buffer;
  new Float64Array(buf, xPtr, b.X.length).set(b.X);
  new Float64Array(buf, yPtr, b.y.length).set(b.y);
  if (b.order) new Uint32Array(buf, rowsPtr, b.n).set(b.order);
  new Float64Array(buf, paramsPtr, p).set(b.params);
  new Float64Array(buf, gPtr, p).fill(NaN); // every output must be written
  const x0 = b.order ? xPtr : xPtr + b.first * d * 8;
  const y0 = b.order ? yPtr : yPtr + b.first * 8;
  let J: number;
  const eps = b.epsilon ?? 0.1;
  if (weights) {
    new Float64Array(buf, swPtr, weights.length).set(weights);
    const sw0 = b.order ? swPtr : swPtr + b.first * 8;
    J = ex.lossGradWeighted(b.loss, x0, y0, sw0, b.order ? rowsPtr : 0, b.n, d, K, paramsPtr, paramsPtr + K * d * 8, gPtr, scratch, eps);
  } else {
    const f = fast ? ex.lossGrad : ex.lossGradGeneric;
    J = f(b.loss, x0, y0, b.order ? rowsPtr : 0, b.n, d, K, paramsPtr, paramsPtr + K * d * 8, gPtr, scratch, eps);
  }
  return { J, grad: new Float64Array(ex.memory.buffer, gPtr, p).slice() };
}

/** The same on the JS mirror (src/js/loss/registry.ts). */
export function runJs(b: Batch, fast: boolean): PassResult {
  const { d, K } = b;
  const grad = new Float64Array(K * d + K).fill(NaN);
  const f = fast ? lossGrad : lossGradGeneric;
  const J = b.order
    ? f(b.loss, b.X, 0, b.y, 0, b.order, 0, b.n, d, K, b.params, 0, K * d, grad, 0, new Float64Array(4 * K), b.epsilon ?? 0.1)
    : f(b.loss, b.X, b.first * d, b.y, b.first, null, 0, b.n, d, K, b.params, 0, K * d, grad, 0, new Float64Array(4 * K), b.epsilon ?? 0.1);
  return { J, grad };
}

/** lossGradWeighted of the JS mirror on the batch, with `weights` one per row of X (indexed like y). */
export function runJsWeighted(b: Batch, weights: Float64Array): PassResult {
  const { d, K } = b;
  const grad = new Float64Array(K * d + K).fill(NaN);
  const J = b.order
    ? lossGradWeighted(b.loss, b.X, 0, b.y, 0, weights, b.order, 0, b.n, d, K, b.params, 0, K * d, grad, 0, new Float64Array(4 * K), b.epsilon ?? 0.1)
    : lossGradWeighted(b.loss, b.X, b.first * d, b.y, b.first, weights, null, 0, b.n, d, K, b.params, 0, K * d, grad, 0, new Float64Array(4 * K), b.epsilon ?? 0.1);
  return { J, grad };
}
