/**
 * The pure-JS backend: the kernels of src/js/kernels.ts over private Float64Arrays. Same results as the WASM
 * backend, bit for bit, where the kernels use only + − · (see test/parity.test.ts).
 */
import type { Backend, RawFit, StepStore, StoredData } from '../backend.js';
import type { DatasetInput, FitConfig } from '../options.js';
import * as K from './kernels.js';

class JsData implements StoredData {
  constructor(readonly rows: number, readonly cols: number, public X: Float64Array, public y: Float64Array) {}
  release(): void {
    this.X = new Float64Array(0);
    this.y = new Float64Array(0);
  }
}

/** Flags of the fit kernel from a validated config. */
export function fitFlags(c: FitConfig): number {
  return (c.nesterov ? K.NESTEROV : 0) | (c.maximize ? K.MAXIMIZE : 0) | (c.fitIntercept ? K.FIT_INTERCEPT : 0);
}

/** Initial parameter vector (d weights, then the intercept slot). */
export function initialParams(c: FitConfig, d: number): Float64Array {
  const p = new Float64Array(d + 1);
  if (c.initialWeights) p.set(c.initialWeights);
  p[d] = c.initialIntercept;
  return p;
}

export class JsBackend implements Backend {
  readonly name = 'js' as const;
  readonly simd = false;

  storeDataset(input: DatasetInput): StoredData {
    const X = new Float64Array(input.rows * input.cols);
    input.copyX(X, 0);
    return new JsData(input.rows, input.cols, X, Float64Array.from(input.y));
  }

  fit(data: StoredData, c: FitConfig, alpha: number, stopAt = c.maxIterations): RawFit {
    const { X, y, rows: n, cols: d } = data as JsData;
    const params = initialParams(c, d);
    const velocity = new Float64Array(d + 1);
    const grad = new Float64Array(d + 1);
    const backup = new Float64Array(d + 1);
    const state = new Float64Array([0, Infinity, 0, 0]);
    const loss = new Float64Array(c.maxIterations);
    const flags = fitFlags(c);
    const status = K.fit(
      c.modelId, X, y, n, d, params, velocity, grad, backup, state, loss,
      c.lr, c.momentum, c.dampening, c.weightDecay, alpha, c.tol, c.nIterNoChange, c.maxIterations, stopAt, flags,
    );
    const iterations = state[0]!;
    const recorded = status === K.DIVERGED ? iterations + 1 : iterations;
    const finalLoss = K.objectiveAndGrad(c.modelId, X, y, n, d, params, grad, alpha, flags);
    return { params, loss: loss.slice(0, recorded), iterations, status, finalLoss };
  }

  stepStore(params: Float64Array): StepStore {
    const n = params.length;
    const theta = Float64Array.from(params);
    const velocity = new Float64Array(n);
    const grad = new Float64Array(n);
    const backup = new Float64Array(2 * n);
    return {
      n,
      step(g, lr, momentum, dampening, weightDecay, flags) {
        grad.set(g);
        return K.sgdStep(theta, velocity, grad, backup, n, lr, momentum, dampening, weightDecay, flags);
      },
      readParams: () => theta.slice(),
      readVelocity: () => velocity.slice(),
      writeParams: (v) => theta.set(v),
      writeVelocity: (v) => velocity.set(v),
      release() {},
    };
  }
}
