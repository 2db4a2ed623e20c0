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

/**
 * Columns by name, each an array or typed array of the same length (numbers, or booleans read as 0/1). The feature
 * order is the key order (`Object.keys`), unless a {@link ColumnSelection} names the features. A plain object with
 * a key `data`, `rows` or `cols` is read as a {@link Matrix} instead.
 */
export interface ColumnsInput {
  readonly [name: string]: ArrayLike<number> | ReadonlyArray<boolean> | BigInt64Array;
}

/** One column of an Apache Arrow table, as this package reads it (`apache-arrow`'s `Vector`). */
export interface ArrowVectorLike {
  readonly length: number;
  readonly nullCount: number;
  get(index: number): unknown;
  toArray(): unknown;
}

/**
 * An Apache Arrow table (`apache-arrow`'s `Table`), recognised by its shape: `schema.fields`, `getChild(name)`,
 * `numRows`. The package never imports `apache-arrow` (an optional peer dependency).
 */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: ReadonlyArray<{ readonly name: string; readonly type?: unknown }> };
  getChild(name: string): ArrowVectorLike | null;
}

/** An Arquero table (`arquero`'s `ColumnTable`), recognised by `columnNames()`, `numRows()` and `array(name)`. */
export interface ArqueroTableLike {
  numRows(): number;
  columnNames(): readonly string[];
  array(name: string): ArrayLike<unknown>;
}

/** Column-major input: an object of columns, an Apache Arrow table or an Arquero table (columns in the table's order). */
export type TableInput = ColumnsInput | ArrowTableLike | ArqueroTableLike;

/**
 * Which columns of a table {@link Engine.dataset} reads: `label` names the label column; `features` names the
 * feature columns in the order they become X's columns (default: every other column, in the table's order).
 */
export interface ColumnSelection {
  readonly label: string;
  readonly features?: readonly string[];
}

/**
 * Feature input accepted by {@link Engine.dataset} and {@link Model.predict}: an array of rows, a row-major
 * matrix, or column-major data ({@link TableInput}).
 */
export type FeaturesInput = ReadonlyArray<ArrayLike<number>> | Matrix | TableInput;

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

/**
 * The options of a fit that every model and optimizer takes. Unknown keys are rejected with a TypeError at run
 * time; {@link FitOptions} adds the model's and the optimizer's own options.
 */
export interface FitCommonOptions {
  /** Learning rate η > 0. Required. */
  lr: number;
  /** Weight decay λ ≥ 0: g ← g + λ·w before the update (AdamW: θ ← θ·(1 − η·λ)). Never on the intercept. Default 0 (AdamW 0.01). */
  weightDecay?: number;
  /** Maximise instead of minimise (PyTorch's `maximize`): g ← −g first. Default false. */
  maximize?: boolean;
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
   * Stop when the epoch's objective has failed to improve on its best value by at least `tol` for `nIterNoChange`
   * consecutive epochs (scikit-learn's rule). Default: off (0 with validationFraction).
   */
  tol?: number;
  /** Patience of the `tol` rule, a positive integer. Default 5. */
  nIterNoChange?: number;
  /** Hold out this fraction of rows (seeded, stratified for classifiers) and apply the tol rule to their objective. */
  validationFraction?: number;
  /** Learn an intercept b. Default true. */
  fitIntercept?: boolean;
  /** Starting weights (length cols, or classes·cols for softmax); default zeros. Copied, never mutated. */
  initialWeights?: ArrayLike<number>;
  /** Starting intercept; default 0. */
  initialIntercept?: number;
  /**
   * Called every `progressEvery` epochs; returning `false` stops the fit (status 'aborted'). For a line per
   * epoch in a terminal, pass {@link progressLogger}`()`.
   */
  onProgress?: (progress: Progress) => void | boolean;
  /** Epochs between progress calls (and abort checks); default 1 when onProgress or signal is given. */
  progressEvery?: number;
  /** Stops the fit cleanly at the next chunk boundary: status 'aborted', parameters so far. */
  signal?: AbortSignal;
}

/**
 * The model part of {@link FitOptions}, one member per model (a discriminated union on `model`): `alpha` is
 * typed `0` for `'linear'` (use `'ridge'` for a penalty) and `classes` exists for `'softmax'` only, as the
 * run-time checks demand.
 */
export type ModelOptions =
  | {
    /** The objective. Default `'linear'`: J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)². */
    model?: 'linear';
    /** Must be 0 (or absent) for the linear model; use `model: 'ridge'` for an L2 penalty. */
    alpha?: 0;
    classes?: never;
  }
  | {
    /** Ridge (squared error + L2), logistic regression (0/1 labels) or a linear SVM (hinge loss, 0/1 labels). */
    model: 'ridge' | 'logistic' | 'hinge';
    /** L2 penalty (α/2)·‖w‖², α ≥ 0 (scikit-learn's SGD `alpha`). Default 1e-4. */
    alpha?: number;
    classes?: never;
  }
  | {
    /** Multinomial logistic regression over labels 0 … K−1. */
    model: 'softmax';
    /** L2 penalty (α/2)·‖W‖², α ≥ 0 (scikit-learn's SGD `alpha`). Default 1e-4. */
    alpha?: number;
    /** Number of classes K ≥ 2; default max(y) + 1. */
    classes?: number;
  };

/**
 * The optimizer part of fit and per-step options, one member per optimizer (a discriminated union on
 * `optimizer`, with PyTorch's options for each): `{ optimizer: 'adam', nesterov: true }` is a type error, as it is
 * a RangeError at run time. Options of another optimizer are typed `never` (only `undefined` is accepted).
 */
export type OptimizerChoice =
  | {
    /** SGD with momentum (torch.optim.SGD); the default. */
    optimizer?: 'sgd';
    /** Momentum β ∈ [0, 1). Default 0 (plain gradient descent). */
    momentum?: number;
    /** Dampening τ ∈ [0, 1]. Default 0. */
    dampening?: number;
    /** Nesterov momentum (requires β > 0 and τ = 0, as in PyTorch). Default false. */
    nesterov?: boolean;
    betas?: never; eps?: never; rho?: never; lrDecay?: never;
  }
  | {
    /** Adam or AdamW (torch.optim.Adam, AdamW: decoupled weight decay, default λ = 0.01). */
    optimizer: 'adam' | 'adamw';
    /** (β₁, β₂), each in [0, 1); default [0.9, 0.999]. */
    betas?: readonly [number, number];
    /** ε > 0 added to √v̂; default 1e-8. */
    eps?: number;
    momentum?: never; dampening?: never; nesterov?: never; rho?: never; lrDecay?: never;
  }
  | {
    /** RMSprop (torch.optim.RMSprop). */
    optimizer: 'rmsprop';
    /** Smoothing constant ∈ [0, 1) (PyTorch's `alpha`); default 0.99. */
    rho?: number;
    /** ε > 0; default 1e-8. */
    eps?: number;
    /** Momentum β ∈ [0, 1); default 0. */
    momentum?: number;
    dampening?: never; nesterov?: never; betas?: never; lrDecay?: never;
  }
  | {
    /** Adagrad (torch.optim.Adagrad). */
    optimizer: 'adagrad';
    /** Learning-rate decay ≥ 0: ηₜ = η/(1 + (t − 1)·lrDecay); default 0. */
    lrDecay?: number;
    /** ε > 0; default 1e-10. */
    eps?: number;
    momentum?: never; dampening?: never; nesterov?: never; betas?: never; rho?: never;
  };

/**
 * Options of a fit: the common options, the model's ({@link ModelOptions}) and the optimizer's
 * ({@link OptimizerChoice}). A union, so that an option of another model or optimizer is a type error. Unknown
 * keys are rejected with a TypeError at run time, out-of-range values with a RangeError.
 *
 * An options object built in a variable keeps its literal types with `as const` or a `FitOptions` annotation:
 * `const o: FitOptions = { optimizer: 'adam', lr: 0.01 }`.
 */
export type FitOptions = FitCommonOptions & ModelOptions & OptimizerChoice;

/**
 * Every fit option in one flat record, each optional: what the run-time validation reads (it accepts any
 * combination and rejects the invalid ones with a RangeError). Not a type to write options against: use
 * {@link FitOptions}.
 */
export interface FitOptionsRecord extends FitCommonOptions, OptimizerSettings {
  model?: ModelName;
  alpha?: number;
  classes?: number;
}

/** How a fit ended. */
export type FitStatus = 'converged' | 'maxIterations' | 'diverged' | 'aborted';

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

/**
 * Options of the per-step optimizer ({@link Engine.optimizer}): torch.optim's, camelCased, typed per optimizer
 * (a discriminated union on `optimizer`, see {@link OptimizerChoice}). Unknown keys are rejected at run time.
 */
export type OptimizerOptions = OptimizerChoice & {
  /** Learning rate η > 0. Required. */
  lr: number;
  /** Weight decay λ ≥ 0 (AdamW: decoupled, default 0.01; others: g ← g + λ·θ, default 0). */
  weightDecay?: number;
  /** Ascend instead of descend (g ← −g first). Default false. */
  maximize?: boolean;
};

/**
 * Every optimizer option in one flat record: the form validation reads and returns (`Required<…>` after defaults).
 * Not a type to write options against: use {@link OptimizerOptions}.
 */
export interface OptimizerSettings {
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

/** Options of {@link Engine.sgd}: torch.optim.SGD's (no `optimizer` key: it is SGD). */
export interface SgdOptions {
  /** Learning rate η > 0. Required. */
  lr: number;
  /** Momentum β ∈ [0, 1). Default 0. */
  momentum?: number;
  /** Dampening τ ∈ [0, 1]. Default 0. */
  dampening?: number;
  /** Nesterov momentum (requires β > 0 and τ = 0). Default false. */
  nesterov?: boolean;
  /** Weight decay λ ≥ 0: g ← g + λ·θ. Default 0. */
  weightDecay?: number;
  /** Ascend instead of descend. Default false. */
  maximize?: boolean;
}

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
  /**
   * Validates X and y and copies them into the engine once (the caller's arrays are never read again).
   * @param X rows (`number[][]` or typed rows), a row-major `{ data, rows, cols }`, or a table: an object of
   *   equal-length columns, an Apache Arrow table or an Arquero table ({@link TableInput})
   * @param y one label per row (numbers, or booleans as 0/1); with a table, also the label column's name
   *   (`engine.dataset(table, 'y')`: every other column is a feature) or `{ label, features }` ({@link ColumnSelection})
   * @throws TypeError for non-numeric values or columns, a label column name without a table; RangeError for ragged
   *   rows, unequal columns, nulls, non-finite values, unknown column names, y of the wrong length — each naming the
   *   row, the column or the argument
   */
  dataset(X: FeaturesInput, y: LabelsInput | string | ColumnSelection): Dataset;
  fit(data: Dataset, options: FitOptions): FitResult;
  /** torch.optim.SGD over `params` (copied). */
  sgd(params: ArrayLike<number>, options: SgdOptions): SgdOptimizer;
  /** Any optimizer over `params` (copied): `{ optimizer: 'adam', lr: 1e-3 }`. */
  optimizer(params: ArrayLike<number>, options: OptimizerOptions): SgdOptimizer;
  /** Like fit, but yields to the event loop between chunks of epochs, so a page stays responsive and `signal` works. */
  fitAsync(data: Dataset, options: FitOptions): Promise<FitResult>;
}
