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

/** Models that {@link Engine.fit} can train (objectives are means over rows; the intercept is never penalised). */
export type ModelName = 'linear' | 'ridge' | 'logistic' | 'hinge' | 'softmax';

/** Optimizers, with PyTorch's update rules and defaults. */
export type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad';

/**
 * A learning-rate schedule over epochs e = 0, 1, …; η₀ is `lr`. PyTorch semantics: ηₑ multiplies the whole
 * update (the momentum buffer included).
 * - `'constant'`: ηₑ = η₀
 * - `{ type: 'step', stepSize, gamma }`: ηₑ = η₀·γ^⌊e/stepSize⌋ (StepLR)
 * - `{ type: 'exponential', gamma }`: ηₑ = η₀·γᵉ (ExponentialLR)
 * - `{ type: 'invscaling', power }`: ηₑ = η₀/(e + 1)^power (scikit-learn's 'invscaling', per epoch)
 * - `{ type: 'cosine', tMax, etaMin }`: ηₑ = η_min + (η₀ − η_min)·(1 + cos(π·e/tMax))/2 (CosineAnnealingLR)
 * - a function `(epoch, lr) => ηₑ` (must return a finite number > 0)
 */
export type Schedule =
  | 'constant'
  | { type: 'step'; stepSize: number; gamma?: number }
  | { type: 'exponential'; gamma: number }
  | { type: 'invscaling'; power?: number }
  | { type: 'cosine'; tMax: number; etaMin?: number }
  | ((epoch: number, lr: number) => number);

/** What {@link FitOptions.onProgress} receives. */
export interface Progress {
  /** Epochs completed. */
  epoch: number;
  /** Updates applied. */
  iteration: number;
  /** Objective of the last epoch (training mean, or validation objective with `validationFraction`). */
  loss: number;
}

/** Options of a fit. Unknown keys are rejected with a TypeError. */
export interface FitOptions {
  /** The objective. Default `'linear'`: J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)². */
  model?: ModelName;
  /** L2 penalty (α/2)·‖w‖² of ridge, logistic, hinge and softmax (scikit-learn's SGD `alpha`). Default 1e-4 (0 for linear). */
  alpha?: number;
  /** Number of classes for softmax; default max(y) + 1. */
  classes?: number;
  /** Learning rate η > 0. Required. */
  lr: number;
  /** Optimizer; default `'sgd'` (momentum SGD). */
  optimizer?: OptimizerName;
  /** Momentum β ∈ [0, 1) (sgd, rmsprop). Default 0 (plain gradient descent). */
  momentum?: number;
  /** Dampening τ ∈ [0, 1] (sgd). Default 0. */
  dampening?: number;
  /** Nesterov momentum (sgd; requires β > 0 and τ = 0, as in PyTorch). Default false. */
  nesterov?: boolean;
  /** Weight decay λ ≥ 0: g ← g + λ·w before the update (AdamW: θ ← θ·(1 − η·λ)). Never on the intercept. Default 0 (AdamW 0.01). */
  weightDecay?: number;
  /** Maximise instead of minimise (PyTorch's `maximize`): g ← −g first. Default false. */
  maximize?: boolean;
  /** Adam(W) (β₁, β₂); default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Adam(W), RMSprop, Adagrad ε; defaults 1e-8, 1e-8, 1e-10. */
  eps?: number;
  /** RMSprop smoothing constant (PyTorch's `alpha`); default 0.99. */
  rho?: number;
  /** Adagrad learning-rate decay; default 0. */
  lrDecay?: number;
  /** Rows per update; default all rows (full batch). An epoch is one pass over the rows. */
  batchSize?: number;
  /** Reshuffle the rows every epoch (seeded); default true when batchSize < rows. */
  shuffle?: boolean;
  /** Seed of the shuffle and of the validation split; default 0. Same seed, same result, on every backend. */
  seed?: number;
  /** Learning-rate schedule over epochs; default 'constant'. */
  schedule?: Schedule;
  /** Positive integer; maximum number of updates. Default 1000. */
  maxIterations?: number;
  /** Positive integer; maximum number of epochs. Default unlimited. */
  maxEpochs?: number;
  /**
   * Turns early stopping on; what it means depends on `stoppingRule`. 'gradient' (the default): a fraction in
   * [0, 1); stop with status 'converged' at the first θₜ where ‖∇J(θₜ)‖∞ ≤ tol·‖∇J(θ₀)‖∞ and J(θₜ) ≤ J(θ₀), ∇J and J
   * on all training rows (∇J includes the coupled weight decay λ·w). 'sklearn': an objective difference ≥ 0; stop
   * with status 'noImprovement' when the epoch objective has not beaten its best by `tol` for `nIterNoChange`
   * epochs. Default: off (0 with validationFraction, which uses 'sklearn').
   */
  tol?: number;
  /**
   * The rule `tol` applies: 'gradient' (default; the relative gradient norm, right for momentum and full batches;
   * a mini-batch fit pays one more pass over the rows per epoch for it) or 'sklearn' (scikit-learn's
   * `tol` / `n_iter_no_change` rule on the epoch objective; the only rule with validationFraction).
   */
  stoppingRule?: 'gradient' | 'sklearn';
  /** Patience of the 'sklearn' rule in epochs, a positive integer. Default 5. */
  nIterNoChange?: number;
  /**
   * Hold out ⌈f·n⌉ rows (seeded, stratified for classifiers, the same rule as trainTestSplit) and apply the 'sklearn'
   * rule to their objective; in [0, 1), 0 (the default) holds nothing out.
   */
  validationFraction?: number;
  /** Learn an intercept b. Default true. */
  fitIntercept?: boolean;
  /** Starting weights (length cols, or classes·cols for softmax); default zeros. Copied, never mutated. */
  initialWeights?: ArrayLike<number>;
  /** Starting intercept; default 0. */
  initialIntercept?: number;
  /** Called every `progressEvery` epochs; returning `false` stops the fit (status 'aborted'). */
  onProgress?: (progress: Progress) => void | boolean;
  /** Epochs between progress calls (and abort checks); default 1 when onProgress or signal is given. */
  progressEvery?: number;
  /** Stops the fit cleanly at the next chunk boundary: status 'aborted', parameters so far. */
  signal?: AbortSignal;
}

/**
 * How a fit ended: 'converged' (the gradient rule: ‖∇J‖∞ ≤ tol·‖∇J(θ₀)‖∞ and J ≤ J(θ₀), near a stationary point),
 * 'noImprovement' (scikit-learn's rule: no better epoch objective by tol for nIterNoChange epochs; no claim about
 * the optimum), 'maxIterations' (a budget ran out), 'diverged' (the objective, the parameters or an optimizer buffer
 * would stop being finite; the last finite parameters are returned), 'aborted' (signal or onProgress).
 */
export type FitStatus = 'converged' | 'noImprovement' | 'maxIterations' | 'diverged' | 'aborted';

/** A JSON-safe fitted model (see {@link Model.toJSON}). */
export interface ModelJSON {
  readonly format: 'momentum-gd/model@1';
  readonly model: ModelName;
  readonly cols: number;
  readonly classes: number;
  readonly weights: number[];
  readonly intercepts: number[];
}

/** A fitted linear model: parameters and predictions (pure JS, no engine needed). */
export interface Model {
  readonly model: ModelName;
  /** Weights: cols values, or classes·cols for softmax (class k's weights at k·cols …). A copy owned by the caller. */
  readonly weights: Float64Array;
  /** The intercept (softmax: the first class's). */
  readonly intercept: number;
  /** All intercepts: 1, or one per class for softmax. */
  readonly intercepts: Float64Array;
  /** Number of features. */
  readonly cols: number;
  /** Number of classes (1 for regression; 2 for logistic and hinge). */
  readonly classes: number;
  /** Real values (linear, ridge), 0/1 labels (logistic, hinge) or class indices (softmax). */
  predict(X: FeaturesInput): Float64Array;
  /** Raw scores x·w + b (n values, or n·classes row-major for softmax). */
  decisionFunction(X: FeaturesInput): Float64Array;
  /** P(y = 1) per row (logistic), or n·classes row-major probabilities (softmax). */
  predictProba(X: FeaturesInput): Float64Array;
  /** R² for regression, accuracy for classifiers. */
  score(X: FeaturesInput, y: LabelsInput): number;
  toJSON(): ModelJSON;
}

/** The result of {@link Engine.fit}: the model plus the history. Every array is a fresh copy owned by the caller. */
export interface FitResult extends Model {
  /** Objective at each update, measured before it on that update's batch (one more, non-finite, on divergence). */
  readonly loss: Float64Array;
  /** Objective per completed epoch (training mean, or the validation objective with validationFraction). */
  readonly epochLoss: Float64Array;
  /** Number of parameter updates applied. */
  readonly iterations: number;
  /** Number of completed epochs. */
  readonly epochs: number;
  readonly status: FitStatus;
  /**
   * Objective on all training rows at the returned parameters: one more pass over X, made on first access (or just
   * before the dataset is disposed), so a caller who never reads it does not pay for it.
   */
  readonly finalLoss: number;
  /** Mean squared error on the training rows at the returned parameters (linear and ridge; NaN otherwise). */
  readonly mse: number;
}

/** Options of the per-step optimizer (torch.optim's, camelCased). Unknown keys are rejected. */
export interface OptimizerOptions {
  optimizer?: OptimizerName;
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
  maximize?: boolean;
  betas?: readonly [number, number];
  eps?: number;
  rho?: number;
  lrDecay?: number;
}

/** Options of {@link Engine.sgd}: torch.optim.SGD's. */
export type SgdOptions = Omit<OptimizerOptions, 'optimizer' | 'betas' | 'eps' | 'rho' | 'lrDecay'>;

/** A plain, JSON-safe snapshot of an optimizer. */
export interface SgdState {
  readonly params: number[];
  /** SGD's momentum buffer: null until the first step, and always for β = 0 (no buffer is kept). */
  readonly velocity: number[] | null;
  /** The other optimizers' buffers by PyTorch's names (expAvg, expAvgSq, squareAvg, momentumBuffer, sum). */
  readonly buffers?: Record<string, number[]>;
  readonly step: number;
  /** The options that apply to this optimizer. */
  readonly options: OptimizerOptions;
}

/** A per-step optimizer over a flat parameter vector. */
export interface SgdOptimizer {
  /** A copy of the parameters. */
  readonly params: Float64Array;
  /** A copy of SGD's momentum buffer, or null (before the first step, β = 0, or another optimizer). */
  readonly velocity: Float64Array | null;
  /** Learning rate; may be changed between steps (PyTorch semantics: η multiplies the whole buffer). */
  lr: number;
  /** Number of steps taken. */
  readonly stepCount: number;
  /**
   * One update with the given gradient (same length as params; not mutated).
   * @throws RangeError for a non-finite gradient, or a step that would make params or a buffer overflow (Adam's
   *   and RMSprop's g², Adagrad's sum); params and buffers are then left as they were.
   */
  step(grad: ArrayLike<number>): void;
  /** A plain, JSON-safe copy of params, buffers, step count and options (all numbers finite). */
  state(): SgdState;
  /**
   * Restores a state from {@link SgdOptimizer.state} (validated; unknown keys are errors). β₁ᵗ, β₂ᵗ are rebuilt as
   * the running product step() keeps, stopped where it stops changing: the same doubles in at most 2²⁴ products.
   * @throws RangeError for step outside [0, 2⁵³ − 1], or an Adam state whose powers would need more than 2²⁴ products
   *   (β within ~4·10⁻⁵ of 1 and step beyond 2²⁴); TypeError for unknown keys.
   */
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
  /** torch.optim.SGD over `params` (copied). */
  sgd(params: ArrayLike<number>, options: SgdOptions): SgdOptimizer;
  /** Any optimizer over `params` (copied): `{ optimizer: 'adam', lr: 1e-3 }`. */
  optimizer(params: ArrayLike<number>, options: OptimizerOptions): SgdOptimizer;
  /** Like fit, but yields to the event loop between chunks of epochs, so a page stays responsive and `signal` works. */
  fitAsync(data: Dataset, options: FitOptions): Promise<FitResult>;
}
