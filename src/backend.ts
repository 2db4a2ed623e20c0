/**
 * The narrow interface between the public Engine (src/engine.ts: validation, handles, results) and a numerical
 * backend (src/wasm/engine.ts, src/js/engine.ts): numbers and typed arrays in, copies out. Both backends run the
 * same kernels in the same operation order.
 */
import { OPT_ADADELTA, OPT_ADAGRAD, OPT_ADAM, OPT_ADAMW, OPT_RMSPROP } from './abi/layout.js';
import type { DatasetInput, Dtype, FitConfig } from './options/index.js';
import type { OptimizerSettings } from './types.js';

/** A data set stored by a backend. */
export interface StoredData {
  readonly rows: number;
  readonly cols: number;
  /** X's element type (issue 17): f32 storage is promoted to f64 by the kernels as they read it. */
  readonly dtype: Dtype;
  /** Bytes the backend holds for X and y. */
  readonly bytes: number;
  /** Targets per row of y (row-major n·yCols): 1 but for a multi-output mlpRegressor's data. */
  readonly yCols: number;
  release(): void;
}

/** What a finished fit hands back: copies, never views into backend memory. */
export interface RawFit {
  /** [W (K·d) | b (K)]. */
  params: Float64Array;
  iterations: number;
  epochs: number;
  /** With C_AUTO (src/abi/layout.ts): velocity resets, halvings of η, and η at the end (S_RESTARTS, S_BACKTRACKS, S_AUTO_LR). */
  restarts: number;
  backtracks: number;
  lr: number;
}

/**
 * Copies of where a fit is, for engine.partialFit's state (src/online.ts): the state block (S_SIZE slots), the iterate
 * θ (never the average), the optimizer's two buffers (layout of θ), and averaged SGD's running mean (or null).
 */
export interface FitSnapshot {
  state: Float64Array;
  params: Float64Array;
  buffers: [Float64Array, Float64Array];
  avg: Float64Array | null;
}

/** A fit in progress: resumable in chunks bounded by the rings of src/plan.ts. */
export interface FitRun {
  /** Runs until epoch stopAtEpoch, update stopAtIteration or the end; returns the status code (src/abi/layout.ts). */
  run(stopAtEpoch: number, stopAtIteration: number): number;
  readonly epoch: number;
  readonly iteration: number;
  /** Writes the learning rates of epochs from … from + lrs.length − 1 into the ring. */
  writeLrs(from: number, lrs: Float64Array): void;
  /** Copies ring entries k … k + count − 1 (indices mod the ring size) of the update or epoch objectives. */
  readRing(ring: 'loss' | 'epochLoss', from: number, count: number): Float64Array;
  result(): RawFit;
  /**
   * Copies of where the fit is, for engine.partialFit's state (src/online.ts): the state block (S_SIZE slots) and the
   * optimizer's two buffers (layout of θ).
   */
  snapshot(): FitSnapshot;
  /** Frees the workspace; idempotent. */
  release(): void;
}

/**
 * Which of its two buffers the optimizer `kind` writes in a step (SGD the velocity when β ≠ 0; Adam(W) both; RMSprop
 * the square average and, with momentum, its buffer; Adagrad the sum; Adadelta both). A step store keeps θ and every written buffer
 * twice and switches to the new copies only after a step succeeded; a buffer never written is kept once.
 */
export function writtenBuffers(kind: number, momentum: number): [boolean, boolean] {
  if (kind === OPT_ADAM || kind === OPT_ADAMW || kind === OPT_ADADELTA) return [true, true];
  if (kind === OPT_RMSPROP) return [true, momentum > 0];
  if (kind === OPT_ADAGRAD) return [true, false];
  return [momentum !== 0, false];
}

/** Parameters and buffers of a per-step optimizer, held by a backend. */
export interface StepStore {
  readonly n: number;
  /**
   * Copies grad in and runs checkedStep out of place (step state: lr, stepNumber, β₁ᵗ, β₂ᵗ, flags); returns its code
   * (0 ok, 1 non-finite gradient, 2 diverged).
   * Only on 0 does the store switch to the new θ and buffers, so a refused step leaves everything as it was.
   */
  step(grad: ArrayLike<number>, lr: number, stepNumber: number, beta1Pow: number, beta2Pow: number, flags: number): number;
  readParams(): Float64Array;
  readBuffer(k: 1 | 2): Float64Array;
  /**
   * Replaces the optimizer's settings (same optimizer `kind`; Optimizer.loadState with other hyperparameters). Which
   * buffers a step writes may change with them (writtenBuffers), so the caller writes both buffers afterwards.
   */
  writeSettings(options: Required<OptimizerSettings>, kind: number): void;
  writeParams(values: ArrayLike<number>): void;
  writeBuffer(k: 1 | 2, values: ArrayLike<number>): void;
  release(): void;
}

/**
 * The per-row weights cᵢ = sampleWeightᵢ·classWeight[yᵢ] of a weighted fit (issue 15), one per row of the training
 * and validation data it is started with: the backend copies them into the fit's workspace (C_WEIGHT_PTR,
 * C_VAL_WEIGHT_PTR). null (or absent) for an unweighted fit.
 */
export interface FitWeights {
  train: Float64Array;
  validation: Float64Array | null;
}

export interface Backend {
  readonly name: 'wasm' | 'js';
  readonly simd: boolean;
  /** Largest dataset (X as f64 or f32, and y as f64) the backend can hold, in bytes. */
  readonly maxDatasetBytes: number;
  storeDataset(input: DatasetInput): StoredData;
  /** A new stored data set holding the given rows of `data`, in that order. */
  subset(data: StoredData, rows: Uint32Array): StoredData;
  /**
   * `data`'s X (shared, not copied) with the labels `y` (one per row, copied): the binary problems of a one-vs-rest
   * fit (src/ovr.ts). Releasing it frees only its labels; release it before `data`.
   */
  withLabels(data: StoredData, y: Float64Array): StoredData;
  startFit(train: StoredData, validation: StoredData | null, config: FitConfig, weights?: FitWeights | null): FitRun;
  /**
   * J of the config's model at `params` over all rows of `data`, with the penalty's strength `alpha`; with `weights`
   * (one per row) the weighted data term (1/n)·Σ cᵢ·ℓᵢ.
   */
  objective(data: StoredData, config: FitConfig, params: Float64Array, alpha: number, weights?: Float64Array | null): number;
  /**
   * The gradient seam: J and ∇J of the config's model (loss and penalty) at `params` [W (K·d) | b (K)] over all rows of
   * `data`, as the fit computes them (objectiveAndGrad, the same doubles); `gradient` is a copy in the layout of
   * `params`. Without an intercept its last K entries are the data term's ∂J/∂b at b = 0 (the fit does not step them).
   */
  gradient(data: StoredData, config: FitConfig, params: Float64Array, weights?: Float64Array | null): { value: number; gradient: Float64Array };
  /**
   * λmax(AᵀA/n) by the kernel's power iteration (assembly/lipschitz.ts), A = X or [X | 1] with `intercept`, from the
   * start vector `v0` (p = cols + 1 or cols entries), with at most `maxIter` passes and relative tolerance `tol`; with
   * `weights` (one per row) λmax(AᵀCA/n), C = diag(weights).
   */
  powerIteration(data: StoredData, intercept: boolean, v0: Float64Array, maxIter: number, tol: number, weights?: Float64Array | null): { lambdaMax: number; iterations: number };
  /** A per-step optimizer's storage; `kind` is the optimizer id (src/abi/layout.ts: OPT_*). */
  stepStore(params: Float64Array, options: Required<OptimizerSettings>, kind: number): StepStore;
}
