/**
 * Public types of momentum-gd: the Engine interface that both backends implement, the options of a fit and of
 * the per-step optimizer, and their results. Nothing here computes; see engine implementations in
 * src/wasm/engine.ts and src/js/engine.ts.
 */

/** Which numerical core runs the loops. */
export type BackendName = 'wasm' | 'js';

/** A dense row-major matrix: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  readonly data: ArrayLike<number>;
  readonly rows: number;
  readonly cols: number;
}

/** Feature input accepted by {@link Engine.dataset}: an array of rows, or a row-major matrix. */
export type FeaturesInput = ReadonlyArray<ArrayLike<number>> | Matrix;

/** Labels or targets: one number (or boolean, for binary classifiers) per row. */
export type LabelsInput = ArrayLike<number> | ReadonlyArray<boolean>;

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** `'auto'` (default) uses WebAssembly where available and the pure-JS engine otherwise. */
  backend?: 'auto' | BackendName;
  /**
   * WASM build: `'auto'` (default) picks the f64x2 SIMD build where `WebAssembly.validate` accepts a SIMD
   * probe; `false` forces the scalar build. Both give bit-identical results. Ignored by the JS backend.
   */
  simd?: 'auto' | boolean;
}

/** A data set copied once into the engine (WASM linear memory, or a private Float64Array for JS). */
export interface Dataset {
  readonly rows: number;
  readonly cols: number;
  /** True after {@link Dataset.dispose}; any use of a disposed dataset throws. */
  readonly disposed: boolean;
  /** Frees the engine memory that holds the data; later datasets reuse it. Idempotent. */
  dispose(): void;
}

/** Models that {@link Engine.fit} can train. */
export type ModelName = 'linear';

/** Options of a full-batch fit. Unknown keys are rejected with a TypeError. */
export interface FitOptions {
  /** The model (objective) to minimise. Default `'linear'`: J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)². */
  model?: ModelName;
  /** Learning rate η > 0. Required. */
  lr: number;
  /** Momentum β ∈ [0, 1). Default 0 (plain gradient descent). */
  momentum?: number;
  /** Dampening τ ∈ [0, 1]. Default 0. */
  dampening?: number;
  /** Nesterov momentum (requires β > 0 and τ = 0, as in PyTorch). Default false. */
  nesterov?: boolean;
  /** Decoupled-from-the-objective L2 weight decay λ ≥ 0: g ← g + λ·w before momentum. Never on the intercept. */
  weightDecay?: number;
  /** Maximise instead of minimise (PyTorch's `maximize`): g ← −g first. Default false. */
  maximize?: boolean;
  /** Positive integer; default 1000. */
  maxIterations?: number;
  /**
   * Stop when the objective has failed to improve on its best value by at least `tol` for `nIterNoChange`
   * consecutive iterations (scikit-learn's rule). Default 0: run `maxIterations` iterations.
   */
  tol?: number;
  /** Patience of the `tol` rule, a positive integer. Default 5. */
  nIterNoChange?: number;
  /** Learn an intercept b. Default true. */
  fitIntercept?: boolean;
  /** Starting weights (length cols); default zeros. Copied, never mutated. */
  initialWeights?: ArrayLike<number>;
  /** Starting intercept; default 0. */
  initialIntercept?: number;
}

/** How a fit ended. */
export type FitStatus = 'converged' | 'maxIterations' | 'diverged';

/** The result of {@link Engine.fit}. Every array is a fresh copy owned by the caller. */
export interface FitResult {
  readonly weights: Float64Array;
  readonly intercept: number;
  /** Objective J(θₖ) at each iteration k, measured before that iteration's update (length ≥ iterations). */
  readonly loss: Float64Array;
  /** Number of parameter updates applied. */
  readonly iterations: number;
  readonly status: FitStatus;
  /** Objective at the returned parameters (NaN or ±Infinity only when status is 'diverged'). */
  readonly finalLoss: number;
  /** Mean squared error at the returned parameters: 2·J for the linear model. */
  readonly mse: number;
}

/** Options of the per-step optimizer (torch.optim.SGD's, camelCased). Unknown keys are rejected. */
export interface SgdOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
  maximize?: boolean;
}

/** A plain, JSON-safe snapshot of an optimizer. */
export interface SgdState {
  readonly params: number[];
  /** null until the first step, and always for β = 0 (no buffer is kept). */
  readonly velocity: number[] | null;
  readonly step: number;
  readonly options: Required<SgdOptions>;
}

/** Per-step momentum SGD over a flat parameter vector. */
export interface SgdOptimizer {
  /** A copy of the parameters. */
  readonly params: Float64Array;
  /** A copy of the momentum buffer, or null (before the first step, or β = 0). */
  readonly velocity: Float64Array | null;
  /** Learning rate; may be changed between steps (PyTorch semantics: η multiplies the whole buffer). */
  lr: number;
  /** Number of steps taken. */
  readonly stepCount: number;
  /** One update with the given gradient (same length as params; not mutated). */
  step(grad: ArrayLike<number>): void;
  state(): SgdState;
  loadState(state: SgdState): void;
  /** Frees engine memory held by the optimizer (WASM); idempotent. */
  dispose(): void;
}

/** The interface both backends implement. */
export interface Engine {
  readonly backend: BackendName;
  /** True when the WASM SIMD build is in use. */
  readonly simd: boolean;
  dataset(X: FeaturesInput, y: LabelsInput): Dataset;
  fit(data: Dataset, options: FitOptions): FitResult;
  sgd(params: ArrayLike<number>, options: SgdOptions): SgdOptimizer;
}
