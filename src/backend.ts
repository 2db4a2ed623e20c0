/**
 * The narrow interface between the public Engine (src/engine.ts: validation, handles, results) and a numerical
 * backend (src/wasm/engine.ts, src/js/engine.ts): numbers and typed arrays in, copies out. Both backends run the
 * same kernels in the same operation order.
 */
import type { FitConfig, DatasetInput } from './options.js';

/** A data set stored by a backend. */
export interface StoredData {
  readonly rows: number;
  readonly cols: number;
  release(): void;
}

/** What a backend's fit returns: copies, never views into backend memory. */
export interface RawFit {
  /** d weights, then the intercept slot (0 without an intercept). */
  params: Float64Array;
  /** Objective values recorded (one per iteration; one more, the non-finite one, on divergence). */
  loss: Float64Array;
  iterations: number;
  /** 1 converged, 2 maxIterations, 3 diverged (assembly/fit.ts codes). */
  status: number;
  /** Objective at the returned parameters. */
  finalLoss: number;
}

/** Parameters, velocity and gradient of a per-step optimizer, held by a backend. */
export interface StepStore {
  readonly n: number;
  /** Copies grad in and runs sgdStep; returns its code (0 ok, 1 non-finite gradient, 2 diverged, restored). */
  step(grad: ArrayLike<number>, lr: number, momentum: number, dampening: number, weightDecay: number, flags: number): number;
  readParams(): Float64Array;
  readVelocity(): Float64Array;
  writeParams(values: ArrayLike<number>): void;
  writeVelocity(values: ArrayLike<number>): void;
  release(): void;
}

export interface Backend {
  readonly name: 'wasm' | 'js';
  readonly simd: boolean;
  storeDataset(input: DatasetInput): StoredData;
  fit(data: StoredData, config: FitConfig, alpha: number, stopAt?: number): RawFit;
  stepStore(params: Float64Array): StepStore;
}
