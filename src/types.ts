/**
 * Public types of momentum-gd: the Engine interface that both backends implement, the options of a fit and of
 * the per-step optimizer, and their results. Nothing here computes; see engine implementations in
 * src/wasm/engine.ts and src/js/engine.ts.
 */

/** Which numerical core runs the loops. */
export type BackendName = 'wasm' | 'js';

/** A dense row-major matrix: element (i, j) is `data[i * cols + j]`. */
export interface Matrix {
  /**
   * The `rows·cols` elements, row after row: a Float64Array, a Float32Array or an array of finite numbers. Read
   * (copied) by {@link Engine.dataset}, never mutated or kept.
   */
  readonly data: ArrayLike<number>;
  /** Number of rows n, a positive integer. */
  readonly rows: number;
  /** Number of columns (features) d, a positive integer. */
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
  /** Number of values, which must equal the table's `numRows`. */
  readonly length: number;
  /** Number of nulls; a column with any is rejected with a RangeError naming the first null's row. */
  readonly nullCount: number;
  /**
   * The value at `index` (read only when `nullCount > 0`, to find the first null).
   * @param index the row, 0 … length − 1.
   */
  get(index: number): unknown;
  /**
   * The values as an array or typed array (numbers, booleans as 0/1, or 64-bit integers within ±(2⁵³ − 1));
   * anything else is rejected with a TypeError naming the column (and its Arrow type when not even an array).
   */
  toArray(): unknown;
}

/**
 * An Apache Arrow table (`apache-arrow`'s `Table`), recognised by its shape: `schema.fields`, `getChild(name)`,
 * `numRows`. The package never imports `apache-arrow` (an optional peer dependency).
 */
export interface ArrowTableLike {
  /** Number of rows n, a positive integer. */
  readonly numRows: number;
  /** The table's schema; its fields give the column order. */
  readonly schema: {
    /** One field per column, in the table's order. */
    readonly fields: ReadonlyArray<{
      /** The column's name. */
      readonly name: string;
      /** The column's Arrow data type; only named in the error for a non-numeric column. */
      readonly type?: unknown;
    }>;
  };
  /**
   * The column called `name`, or null when there is none (a RangeError naming the column).
   * @param name a column name from `schema.fields`.
   */
  getChild(name: string): ArrowVectorLike | null;
}

/** An Arquero table (`arquero`'s `ColumnTable`), recognised by `columnNames()`, `numRows()` and `array(name)`. */
export interface ArqueroTableLike {
  /** Number of rows n, a positive integer. */
  numRows(): number;
  /** The column names, in the table's order (the default feature order). */
  columnNames(): readonly string[];
  /**
   * The values of the column called `name`: an array or typed array of numbers (booleans read as 0/1) with
   * `numRows()` elements; null, undefined, strings and non-finite values are rejected, naming the column and row.
   * @param name a column name from `columnNames()`.
   */
  array(name: string): ArrayLike<unknown>;
}

/** Column-major input: an object of columns, an Apache Arrow table or an Arquero table (columns in the table's order). */
export type TableInput = ColumnsInput | ArrowTableLike | ArqueroTableLike;

/** The options of {@link Engine.dataset} (and of the worker engine's `dataset`). */
export interface DatasetOptions {
  /**
   * One weight ≥ 0 (finite) per row, used by every fit of the dataset (see {@link FitCommonOptions.sampleWeight}
   * for the objective); a fit that also gives `sampleWeight` is a RangeError. With a table, also the name of a
   * weight column (not a feature then). Copied, never mutated.
   */
  sampleWeight?: ArrayLike<number> | string;
  /**
   * How the engine stores X: `'float64'` (default, 8 bytes an element) or `'float32'` (4 bytes: half the memory and
   * half the bytes each pass over X reads). Either way every computation is in f64: a fit on `'float32'` storage gives
   * exactly the doubles of the same fit on `'float64'` storage of `Math.fround(x)` for every x, on every backend —
   * the only change is the rounding of X to float32 (relative error ≤ 2⁻²⁴ ≈ 6·10⁻⁸ per value). y and sample weights
   * stay f64. A RangeError for another value (naming the allowed ones) and for a value of X whose float32 rounding
   * overflows (|x| > 3.4028235·10³⁸).
   */
  dtype?: 'float64' | 'float32';
}

/**
 * Which columns of a table {@link Engine.dataset} reads: `label` names the label column; `features` names the
 * feature columns in the order they become X's columns (default: every other column, in the table's order).
 */
export interface ColumnSelection {
  /** The label column's name. Required (TypeError without it); a RangeError when the table has no such column. */
  readonly label: string;
  /**
   * The feature columns, in the order of X's columns; each must exist, appear once and differ from `label`
   * (RangeError otherwise). Default: every column but `label`, in the table's order.
   */
  readonly features?: readonly string[];
}

/**
 * Feature input accepted by {@link Engine.dataset} and {@link Model.predict}: an array of rows, a row-major
 * matrix, or column-major data ({@link TableInput}).
 */
export type FeaturesInput = ReadonlyArray<ArrayLike<number>> | Matrix | TableInput;

/**
 * Labels or targets, one per row of X (length n): real numbers for regression, 0/1 or booleans (true = 1) for
 * logistic and hinge, class indices 0 … K−1 for softmax. Never mutated.
 */
export type LabelsInput = ArrayLike<number> | ReadonlyArray<boolean>;

/**
 * Several targets per row, for `mlpRegressor`'s multi-output regression (issue 16): n rows of m numbers
 * (`number[][]` or rows that are typed arrays), or a row-major matrix `{ data, rows, cols }` with `rows` = X's rows
 * and `cols` = m. m = 1 is the same as a 1-D y. The linear models and mlpClassifier take one value per row (a
 * RangeError naming y).
 */
export type TargetsInput = ReadonlyArray<ArrayLike<number>> | {
  /** rows·cols finite numbers, row-major: row i's targets at i·cols … i·cols + cols − 1. */
  readonly data: ArrayLike<number>;
  /** Number of rows: X's. */
  readonly rows: number;
  /** Targets per row m ≥ 1. */
  readonly cols: number;
};

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** `'auto'` (default) uses WebAssembly where available and the pure-JS engine otherwise. */
  backend?: 'auto' | BackendName;
  /**
   * WASM build: `'auto'` (default) picks the f64x2 SIMD build where `WebAssembly.validate` accepts a SIMD
   * probe; `false` forces the scalar build. Both give bit-identical results. Ignored by the JS backend.
   */
  simd?: 'auto' | boolean;
  /**
   * Threads of a fit (issue 17): a whole number from 1 to 256, or `'auto'` (the cores this process may use:
   * `os.availableParallelism()` in Node, `navigator.hardwareConcurrency` in a browser, at most 16); default 1. A batch of n rows is summed in
   * clamp(⌊n/4096⌋, 1, 16) shards of rows whose boundaries depend on n only, combined in shard order, so **a fit
   * gives the same doubles for every thread count** (and on every backend). With T > 1 the WASM SIMD build for
   * threads (`build/momentum-simd-threads.wasm`, one shared memory) runs on the calling thread and T − 1 worker
   * threads (Node `worker_threads`; in a browser, Web Workers started from a Blob URL, which createEngine waits
   * for); each batch's shards are split into contiguous blocks, one per thread, and the calling thread spins while
   * the workers run theirs. Batches under 16 384 rows and networks run on the calling thread alone. A
   * browser page needs shared memory: it must be cross-origin isolated, every response of it (page, scripts, wasm)
   * sent with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`, and a
   * Content-Security-Policy must allow `worker-src blob:`. Where threads cannot run (the JS backend,
   * `simd: false`, a page that is not cross-origin isolated, workers that cannot start, no `SharedArrayBuffer`,
   * or a `wasm: { simd, scalar }` option, which has no threads build) the engine uses one thread and says why in
   * {@link Engine.threadsReason}; never an error. `createWorkerEngine` does not take `threads` (one thread).
   * @throws TypeError for a value that is neither a number nor `'auto'`; RangeError for 0, negative, fractional
   *   or larger than 256.
   */
  threads?: 'auto' | number;
  /**
   * Where the WASM core is loaded from; default: the package's own `build/` folder, next to `dist/`, which Vite,
   * webpack 5 and Node find by themselves. Needed with bundlers that do not copy files named by
   * `new URL('…', import.meta.url)` (esbuild, Rollup without a plugin), and for a CDN. One of:
   * - a folder URL (string or `URL`; in a browser, relative to the page) serving the package's
   *   `build/momentum-simd.wasm` and `build/momentum.wasm` under those names, as TF.js's `setWasmPaths(prefix)`;
   * - `{ simd, scalar }`, each a file's URL, its bytes (`ArrayBuffer` or a typed array) or a compiled
   *   `WebAssembly.Module`; a build left out is looked for at the default place. Only the build in use is loaded.
   * With `backend: 'auto'`, a core that cannot be fetched or compiled makes the engine fall back to the JS backend
   * (same results, slower) and say why in {@link Engine.fallbackReason}; with `backend: 'wasm'` it is an Error
   * naming the URL and the HTTP status or the compile error.
   * @throws TypeError (from createEngine) for a value of none of these shapes, or an unknown key.
   */
  wasm?: WasmSource;
}

/**
 * A URL as the options take it: a string, or an object with an `href` such as a WHATWG `URL`. (Structural, so
 * that the published types compile without the DOM library and without @types/node.)
 */
export type UrlInput = string | {
  /** The absolute URL (a WHATWG `URL`'s `href`). */
  readonly href: string;
};

/**
 * `WebAssembly.Module` where the compiler knows it (lib "dom" or "webworker"); any object otherwise (a Node
 * project without DOM types). Checked at run time with `instanceof WebAssembly.Module`.
 */
export type WasmModuleInput = typeof globalThis extends {
  /** The global `WebAssembly` namespace, where the compiler's libraries declare it. */
  WebAssembly: {
    /**
     * The `WebAssembly.Module` class: a constructor of a compiled module from the WASM bytes, whose instance type is
     * the one taken. (TypeDoc cannot attach a comment to the constructor type itself: typedoc.json lists it under
     * `intentionallyNotDocumented`.)
     * @param args the constructor's arguments (only the instance type matters here).
     */
    Module: abstract new (...args: never[]) => infer M;
  };
}
  ? M
  : object;

/** One build of the WASM core: its URL, its bytes, or the compiled module. See {@link EngineOptions.wasm}. */
export type WasmFile = UrlInput | ArrayBuffer | ArrayBufferView | WasmModuleInput;

/**
 * {@link EngineOptions.wasm}: a folder URL holding `momentum-simd.wasm` and `momentum.wasm`, or one source per
 * build (`simd`: the f64x2 build, `scalar`: the build without SIMD).
 */
export type WasmSource = UrlInput | {
  /** The f64x2 SIMD build (`momentum-simd.wasm`); default: the package's own. Loaded only when SIMD is used. */
  simd?: WasmFile;
  /** The build without SIMD (`momentum.wasm`); default: the package's own. Loaded only when SIMD is not used. */
  scalar?: WasmFile;
};

/**
 * The part of an `AbortSignal` that the engines use (structural, so that the published types compile without the
 * DOM library and without @types/node; a DOM or Node `AbortSignal` is one).
 */
export interface AbortSignalLike {
  /** True once the signal has fired; fits check it between chunks of epochs. */
  readonly aborted: boolean;
  /** Why it fired; a worker fit abandoned through `control.signal` rejects with it. */
  readonly reason?: unknown;
  /**
   * Registers `listener` for the `'abort'` event (the worker engine uses it to stop a fit at once).
   * @param type the event, always `'abort'`.
   * @param listener called once when the signal fires.
   * @param options `{ once: true }`: the listener is removed after its call.
   */
  addEventListener(type: 'abort', listener: () => void, options?: {
    /** Remove the listener after its first call. */
    once?: boolean;
  }): void;
  /**
   * Removes a listener added with {@link AbortSignalLike.addEventListener}.
   * @param type the event, always `'abort'`.
   * @param listener the function given to addEventListener.
   */
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * A data set copied once into the engine (WASM linear memory, or a private Float64Array for JS), made by
 * {@link Engine.dataset}, so that many fits reuse it without copying X again. Free it with {@link Dataset.dispose}.
 */
export interface Dataset {
  /**
   * Number of rows n.
   * @throws TypeError once the dataset is disposed.
   */
  readonly rows: number;
  /**
   * Number of columns (features) d.
   * @throws TypeError once the dataset is disposed.
   */
  readonly cols: number;
  /**
   * How X is stored ({@link DatasetOptions.dtype}): `'float64'` (default) or `'float32'`.
   * @throws TypeError once the dataset is disposed.
   */
  readonly dtype: 'float64' | 'float32';
  /**
   * Bytes of engine memory the data takes: X (n·d·8 as `'float64'`, n·d·4 as `'float32'`) and y (n·8, or n·m·8 for
   * m targets a row); the WASM backend pads X to 16 bytes. Sample weights given with the dataset are kept on the host and not counted.
   * @throws TypeError once the dataset is disposed.
   */
  readonly bytes: number;
  /** True after {@link Dataset.dispose}; any use of a disposed dataset throws. */
  readonly disposed: boolean;
  /** Frees the engine memory that holds the data; later datasets reuse it. Idempotent. */
  dispose(): void;
}

/**
 * Models that {@link Engine.fit} can train: the `model` names of {@link ModelOptions}, one member per model with its
 * objective (objectives are means over rows; the intercept is never penalised).
 */
export type ModelName = NonNullable<ModelOptions['model']>;

/** Optimizers, with PyTorch's update rules and defaults. */
export type OptimizerName = 'sgd' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad' | 'adadelta';

/**
 * A learning-rate schedule over epochs e = 0, 1, …; η₀ is `lr`. PyTorch semantics: ηₑ multiplies the whole
 * update (the momentum buffer included).
 * - `'constant'`: ηₑ = η₀
 * - `{ type: 'step', stepSize, gamma }`: ηₑ = η₀·γ^⌊e/stepSize⌋ (StepLR)
 * - `{ type: 'exponential', gamma }`: ηₑ = η₀·γᵉ (ExponentialLR)
 * - `{ type: 'invscaling', power }`: ηₑ = η₀/(e + 1)^power (scikit-learn's 'invscaling', per epoch)
 * - `{ type: 'cosine', tMax, etaMin }`: ηₑ = η_min + (η₀ − η_min)·(1 + cos(π·e/tMax))/2 (CosineAnnealingLR)
 * - a function `(epoch, lr) => ηₑ` (must return a finite number ≥ 0)
 *
 * Sources: PyTorch's torch.optim.lr_scheduler documentation (StepLR, ExponentialLR, CosineAnnealingLR without
 * restarts) and scikit-learn's SGDRegressor `learning_rate='invscaling'`.
 * @throws (from {@link Engine.fit}) TypeError for an unknown key, a missing required key or a wrong type;
 *   RangeError for an unknown `type` or a schedule that gives a non-finite or negative rate for an epoch.
 * @param epoch (a custom schedule) e, the epoch about to run, from 0.
 * @param lr (a custom schedule) η₀, the fit's `lr`.
 */
export type Schedule =
  | 'constant'
  | {
    /** StepLR: multiply η by γ every `stepSize` epochs. */
    type: 'step';
    /** Epochs between decays, a positive integer. Required. */
    stepSize: number;
    /** Decay factor γ ≥ 0 (finite); default 0.1 (PyTorch's). */
    gamma?: number;
  }
  | {
    /** ExponentialLR: multiply η by γ every epoch. */
    type: 'exponential';
    /** Decay factor γ ≥ 0 (finite) per epoch. Required. */
    gamma: number;
  }
  | {
    /** scikit-learn's inverse scaling, per epoch. */
    type: 'invscaling';
    /** Exponent p ≥ 0 of ηₑ = η₀/(e + 1)^p; default 0.25 (scikit-learn's `power_t`). */
    power?: number;
  }
  | {
    /** CosineAnnealingLR: half a cosine from η₀ down to η_min over `tMax` epochs. */
    type: 'cosine';
    /** Epochs of the half period T_max, a positive integer. Required. */
    tMax: number;
    /** The floor η_min ∈ [0, η₀]; default 0. */
    etaMin?: number;
  }
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
  /**
   * Learning rate η > 0, or `'auto'`. Required. `'auto'` (full batches, smooth losses, optimizer 'sgd'): the kernel
   * estimates L, the objective's smoothness constant, by power iteration (L = c·λmax(AᵀA/n)·1.05 + α + λ, A = X with a
   * column of ones when fitIntercept; c = 1 squared and huber, ¼ logistic, ½ softmax, 2 squaredHinge, modifiedHuber
   * and squaredEpsilonInsensitive) and starts from the theory's step: η = 1/L
   * (gradient descent, Nesterov), or 4/(√L + √μ)² for heavy ball with μ known (μ = α + λ without an intercept).
   * Then Armijo backtracking on every step (a step with J(θ + Δ) > J(θ) + 10⁻⁴·min(∇J·Δ, 0) is undone and the
   * velocity restarted; η halves when that step had no momentum in it) and η × 1.05 after each accepted step, so the
   * fit never diverges and the step follows the local curvature. {@link FitResult.auto} reports L, μ, η and β.
   * A RangeError for mini-batches, the non-smooth losses (hinge, perceptron, epsilonInsensitive), `maximize`, a
   * schedule or another optimizer.
   */
  lr: number | 'auto';
  /**
   * When to reset the velocity (SGD with momentum; full batches): `'function'` when the objective rose, `'gradient'`
   * when the step went uphill (∇J(θₜ₊₁)·(θₜ₊₁ − θₜ) > 0); O'Donoghue & Candès, "Adaptive restart for accelerated
   * gradient schemes" (2015). It removes momentum's oscillation and keeps the accelerated rate without knowing μ.
   * Default `'function'` when momentum is on and lr or momentum is `'auto'`, else `'none'`.
   */
  restart?: 'function' | 'gradient' | 'none';
  /** Weight decay λ ≥ 0: g ← g + λ·w before the update (AdamW: θ ← θ·(1 − η·λ)). Never on the intercept. Default 0 (AdamW 0.01). */
  weightDecay?: number;
  /** Maximise instead of minimise (PyTorch's `maximize`): g ← −g first. Default false. */
  maximize?: boolean;
  /** Rows per update; default all rows (full batch). An epoch is one pass over the rows. */
  batchSize?: number;
  /** Reshuffle the rows every epoch (seeded); default true when batchSize < rows. */
  shuffle?: boolean;
  /** Integer seed of the shuffle and of the validation split; default 0. Same seed, same result, on every backend. */
  seed?: number;
  /** Learning-rate schedule over epochs; default 'constant'. */
  schedule?: Schedule;
  /** Positive integer ≤ 2²⁸; maximum number of updates. Default 1000. */
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
   * The rule `tol` applies: 'gradient' (the relative gradient norm, right for momentum and full batches; a
   * mini-batch fit pays one more pass over the rows per epoch for it) or 'sklearn' (scikit-learn's
   * `tol` / `n_iter_no_change` rule on the epoch objective; the only rule with validationFraction). Default
   * 'gradient', or 'sklearn' with validationFraction > 0. A RangeError when given without `tol` (and without
   * validationFraction): without `tol` there is no early stopping.
   */
  stoppingRule?: 'gradient' | 'sklearn';
  /** Patience of the 'sklearn' rule in epochs, a positive integer; a RangeError with the 'gradient' rule. Default 5. */
  nIterNoChange?: number;
  /**
   * Hold out ⌈f·n⌉ rows (seeded, stratified for classifiers, the same rule as trainTestSplit) and apply the 'sklearn'
   * rule to their objective; in [0, 1), 0 (the default) holds nothing out.
   */
  validationFraction?: number;
  /** Learn an intercept b. Default true. */
  fitIntercept?: boolean;
  /**
   * Starting weights (length cols, or classes·cols for softmax and one-vs-rest: class k's problem starts from row k);
   * default zeros. Copied, never mutated.
   */
  initialWeights?: ArrayLike<number>;
  /** Starting intercept, finite; default 0 (and must be 0 with `fitIntercept: false`). */
  initialIntercept?: number;
  /**
   * Called every `progressEvery` epochs, and once more for the epoch at which the fit stops by itself (converged,
   * limit reached, diverged) if that one was not reported yet; returning `false` stops the fit (status 'aborted').
   * For a line per epoch in a terminal, pass
   * {@link progressLogger}`()`. An error it throws propagates out of the fit.
   * @param progress epochs and updates so far, and the last epoch's objective.
   */
  onProgress?: (progress: Progress) => void | boolean;
  /**
   * Epochs between progress calls (and abort checks), a positive integer. Default 1 when onProgress is given (and,
   * in {@link Engine.fit}, when signal is); {@link Engine.fitAsync} with a signal and no onProgress checks it after
   * chunks of about 10 ms of work.
   */
  progressEvery?: number;
  /** Stops the fit cleanly at the next chunk boundary: status 'aborted', parameters so far. */
  signal?: AbortSignalLike;
  // Sample and class weights (issue 15).
  /**
   * One weight cᵢ ≥ 0 (finite) per row of the dataset, scikit-learn's `fit(sample_weight=…)`: the objective becomes
   * (1/n)·Σ cᵢ·ℓ(zᵢ, yᵢ) + α·R(w), each row's loss and gradient multiplied by its weight and the mean still over the
   * n rows (scikit-learn's SGD: `update *= class_weight * sample_weight`), so integer weights give the objective of
   * the data with rows repeated, divided by n instead of Σcᵢ. The validation hold-out keeps its rows' weights (its
   * objective is (1/n_val)·Σ cᵢ·ℓᵢ), the stopping rules read the weighted objective, and `lr: 'auto'` estimates L on
   * λmax(AᵀCA/n), C = diag(c). Weights all equal to 1 take the unweighted pass (the same doubles). Copied, never
   * mutated. Give it here or with the dataset ({@link DatasetOptions.sampleWeight}), not both (RangeError).
   * A TypeError for another type; RangeError for the wrong length, a weight that is negative, NaN or infinite (naming
   * `sampleWeight[i]`), all training rows of weight 0, or a class whose rows all have weight 0.
   */
  sampleWeight?: ArrayLike<number>;
  /**
   * The classifiers only (RangeError for the regression models), scikit-learn's `class_weight`; one-vs-rest weighs class k's
   * positive rows classWeight[k] and its other rows 1 (scikit-learn's `fit_binary`):
   * row i's weight is multiplied by the weight of its class, cᵢ = sampleWeightᵢ·classWeight[yᵢ]. `'balanced'`: class k
   * weighs n / (K·countₖ), counts over the dataset's n rows (before any validation hold-out) and K the classes
   * present, scikit-learn's `compute_class_weight('balanced')`; an object `{ 1: 10 }` (classes not named weigh 1) or
   * an array of one weight per class (finite, ≥ 0). A RangeError for an unknown class, a negative or non-finite
   * weight, another string (with "did you mean").
   */
  classWeight?: 'balanced' | Readonly<Record<number, number>> | ArrayLike<number>;
  /**
   * Averaged SGD (Polyak & Juditsky 1992; scikit-learn's `average`): the returned parameters are the running mean of
   * the iterates θₜ after updates t = n, n + 1, …, T: θ̄ₖ = θ̄ₖ₋₁ + (θₜ − θ̄ₖ₋₁)/k, k = t − n + 1 (θ̄₁ = θₙ). `true` is
   * n = 1; n is a positive integer ≤ maxIterations, counted in **updates** (batches), not in samples as
   * scikit-learn's `average=n` is (there each update is one sample, so the two agree for `batchSize: 1`). Default false.
   * The optimizer runs on the iterates, unchanged; `loss` holds the objective at the iterates (each batch's, before
   * its step); the divergence check judges the iterates and the average; `finalLoss`/`mse` (and the held-out
   * objective of `validationFraction`, once the average has started) are the average's. A fit that stops before update
   * n returns its last iterate. Allowed without `tol` or with `stoppingRule: 'sklearn'` (its epoch objective: the mean
   * of the batch objectives at the iterates, or the held-out objective at the average), not with the gradient rule
   * (whose 'converged' would be a claim about the iterate, not about the average returned) nor with `'auto'`.
   * @throws TypeError for a value neither boolean nor number; RangeError for a non-integer, n < 1, NaN, n above
   *   maxIterations, the gradient rule, or `'auto'`.
   */
  average?: boolean | number;
  /**
   * Start from a previous result's parameters (scikit-learn's `warm_start`): its weights and intercepts become θ₀,
   * the optimizer's state (velocity, moments, step count) starts afresh. A {@link FitResult}, a {@link Model} or its
   * {@link ModelJSON}; the same as passing its weights as `initialWeights` and its intercept(s) as the starting
   * intercepts. A RangeError when its model, number of columns or classes differ from this fit's, when it has a
   * non-zero intercept and `fitIntercept` is false, or together with `initialWeights` / `initialIntercept`.
   */
  warmStart?: Model | ModelJSON;
}

/**
 * The model part of {@link FitOptions}, one member per model (a discriminated union on `model`): `penalty`
 * 'l1'/'elasticnet' and `l1Ratio` do not exist for `'ridge'`, and `classes` exists for `'softmax'` only, as the
 * run-time checks demand (`alpha` on `'linear'` without a penalty is a RangeError at run time only).
 *
 * The objectives, means over the n rows with zᵢ = xᵢ·w + b (the intercept never penalised):
 * - `'linear'`: J = (1/2n)·Σ(zᵢ − yᵢ)² (least squares);
 * - `'ridge'`: (1/2n)·Σ(zᵢ − yᵢ)² + (α/2)·‖w‖²;
 * - `'logistic'`: (1/n)·Σ[log(1 + e^zᵢ) − yᵢ·zᵢ] + (α/2)·‖w‖², y ∈ {0, 1} (the log-loss of scikit-learn's
 *   SGDClassifier), evaluated as max(z, 0) − y·z + log1p(e^−|z|);
 * - `'hinge'`: (1/n)·Σ max(0, 1 − sᵢ·zᵢ) + (α/2)·‖w‖², sᵢ = 2yᵢ − 1 (a linear SVM, scikit-learn's 'hinge');
 *   subgradient 0 at the kink;
 * - `'softmax'`: (1/n)·Σ[log Σₖ e^zᵢₖ − zᵢ,yᵢ] + (α/2)·‖W‖², y ∈ {0 … K−1} (multinomial cross-entropy),
 *   the log-sum-exp shifted by the row maximum.
 *
 * scikit-learn's other SGD losses (sklearn/linear_model/_sgd_fast.pyx.tp, the same formulas and the same
 * subgradients at the kinks), each (1/n)·Σℓᵢ + (α/2)·‖w‖²; for 0/1 labels sᵢ = 2yᵢ − 1 and uᵢ = sᵢ·zᵢ, for real
 * labels rᵢ = zᵢ − yᵢ:
 * - `'squaredHinge'`: ℓ = max(0, 1 − u)² (scikit-learn's 'squared_hinge');
 * - `'modifiedHuber'`: ℓ = max(0, 1 − u)² for u ≥ −1, else −4u (scikit-learn's 'modified_huber'); its
 *   probabilities are scikit-learn's (clip(z, −1, 1) + 1)/2;
 * - `'perceptron'`: ℓ = max(0, −u), subgradient −s at u = 0 (scikit-learn's 'perceptron');
 * - `'huber'`: ℓ = ½r² for |r| ≤ ε, else ε|r| − ½ε² (scikit-learn's 'huber');
 * - `'epsilonInsensitive'`: ℓ = max(0, |r| − ε), subgradient 0 at |r| = ε (scikit-learn's 'epsilon_insensitive');
 * - `'squaredEpsilonInsensitive'`: ℓ = max(0, |r| − ε)² (scikit-learn's 'squared_epsilon_insensitive').
 */
export type ModelOptions =
  | {
    /**
     * The objective. Default `'linear'`: J(w, b) = (1/2n)·Σ(xᵢ·w + b − yᵢ)²; with a `penalty`, 'l1' is the lasso
     * (scikit-learn's Lasso), 'elasticnet' the elastic net (ElasticNet), 'l2' ridge (as model 'ridge').
     */
    model?: 'linear';
    /** Default 'none' (see {@link FitOptionsRecord.penalty}). */
    penalty?: PenaltyName;
    /**
     * The penalty's strength α ≥ 0 (scikit-learn's SGD `alpha`), default 1e-4 with a penalty; without one it must be
     * 0 or absent (RangeError at run time: use `model: 'ridge'` or a `penalty`). One member for the linear model with
     * and without a penalty: two members for one `model` value made TypeScript stop checking options whose `model`
     * and `optimizer` are union-typed variables.
     */
    alpha?: number;
    /** ρ ∈ [0, 1] with penalty 'elasticnet' (RangeError with another), default 0.15. */
    l1Ratio?: number;
    /** The classifiers' option: absent here (RangeError at run time). */
    classes?: never;
    /** Huber and the ε-insensitive models only: absent here (RangeError at run time). */
    epsilon?: never;
  }
  | {
    /** Ridge: squared error + L2; its name means the L2 penalty ('l1' or 'elasticnet' here: use model 'linear'). */
    model: 'ridge';
    /** 'l2' (the default) or 'none' (then the linear model). */
    penalty?: 'l2' | 'none';
    /** L2 penalty (α/2)·‖w‖², α ≥ 0 (scikit-learn's SGD `alpha`). Default 1e-4. */
    alpha?: number;
    /** The elastic net's: absent here (use model 'linear' with penalty 'elasticnet'). */
    l1Ratio?: never;
    /** The classifiers' option: absent here (RangeError at run time). */
    classes?: never;
  }
  | {
    /**
     * Logistic regression or a linear SVM (hinge loss) on 0/1 labels; on class indices 0 … K−1 with K > 2, K
     * one-vs-rest problems [y = k] fitted in one call (see {@link FitResult.perClass}).
     */
    model: 'logistic' | 'hinge';
    /** Penalty strength α ≥ 0 (scikit-learn's SGD `alpha`; (α/2)·‖w‖² for the default 'l2'). Default 1e-4. */
    alpha?: number;
    /** Default 'l2' (see {@link FitOptionsRecord.penalty}); 'l1' and 'elasticnet' give sparse classifiers. */
    penalty?: PenaltyName;
    /** ρ ∈ [0, 1] with penalty 'elasticnet' (RangeError with another), default 0.15. */
    l1Ratio?: number;
    /**
     * Number of classes K, an integer in [2, 2²⁰] above every label, with K·(cols + 1) ≤ 2²⁴; default 2 for 0/1
     * labels, else max(y) + 1. K > 2 fits one-vs-rest (a class without rows too: its problem has no positive label).
     */
    classes?: number;
    /** Huber and the ε-insensitive models only: absent here (RangeError at run time). */
    epsilon?: never;
  }
  | {
    /** Multinomial logistic regression over labels 0 … K−1. */
    model: 'softmax';
    /** Penalty strength α ≥ 0 (scikit-learn's SGD `alpha`; (α/2)·‖W‖² for the default 'l2'). Default 1e-4. */
    alpha?: number;
    /** Default 'l2' (see {@link FitOptionsRecord.penalty}), on all K·d weights. */
    penalty?: PenaltyName;
    /** ρ ∈ [0, 1] with penalty 'elasticnet' (RangeError with another), default 0.15. */
    l1Ratio?: number;
    /**
     * Number of classes K, an integer in [2, 2²⁰] above every label, with K·(cols + 1) ≤ 2²⁴; default max(y) + 1.
     */
    classes?: number;
    /** Huber and the ε-insensitive models only: absent here (RangeError at run time). */
    epsilon?: never;
  }
  | {
    /**
     * Binary classifiers on 0/1 labels (s = 2y − 1, u = s·z), scikit-learn's SGDClassifier losses: `'squaredHinge'`
     * max(0, 1 − u)², `'modifiedHuber'` max(0, 1 − u)² for u ≥ −1 else −4u (probabilities (clip(z, −1, 1) + 1)/2),
     * `'perceptron'` max(0, −u); J = (1/n)·Σℓᵢ + (α/2)·‖w‖².
     */
    model: 'squaredHinge' | 'modifiedHuber' | 'perceptron';
    /** Penalty strength α ≥ 0 (scikit-learn's SGD `alpha`; (α/2)·‖w‖² for the default 'l2'). Default 1e-4. */
    alpha?: number;
    /** Default 'l2' (see {@link FitOptionsRecord.penalty}). */
    penalty?: PenaltyName;
    /** ρ ∈ [0, 1] with penalty 'elasticnet' (RangeError with another), default 0.15. */
    l1Ratio?: number;
    /**
     * Number of classes K, an integer in [2, 2²⁰] above every label, with K·(cols + 1) ≤ 2²⁴; default 2 for 0/1
     * labels, else max(y) + 1. K > 2 fits one-vs-rest (a class without rows too: its problem has no positive label).
     */
    classes?: number;
    /** Huber and the ε-insensitive models only: absent here (RangeError at run time). */
    epsilon?: never;
  }
  | {
    /**
     * Robust regression on real labels (r = z − y), scikit-learn's SGDRegressor losses: `'huber'` ½r² for |r| ≤ ε
     * else ε|r| − ½ε², `'epsilonInsensitive'` max(0, |r| − ε) (the linear SVR's loss),
     * `'squaredEpsilonInsensitive'` max(0, |r| − ε)²; J = (1/n)·Σℓᵢ + (α/2)·‖w‖².
     */
    model: 'huber' | 'epsilonInsensitive' | 'squaredEpsilonInsensitive';
    /** Penalty strength α ≥ 0 (scikit-learn's SGD `alpha`; (α/2)·‖w‖² for the default 'l2'). Default 1e-4. */
    alpha?: number;
    /** Default 'l2' (see {@link FitOptionsRecord.penalty}). */
    penalty?: PenaltyName;
    /** ρ ∈ [0, 1] with penalty 'elasticnet' (RangeError with another), default 0.15. */
    l1Ratio?: number;
    /** The classifiers' option: absent here (RangeError at run time). */
    classes?: never;
    /** ε ≥ 0 (finite), in the units of y: where the loss turns linear (huber) or starts (ε-insensitive). Default 0.1 (scikit-learn's). */
    epsilon?: number;
  };

/** The penalties of a fit (scikit-learn's SGD `penalty` strings; 'none' for its None). */
export type PenaltyName = 'l2' | 'l1' | 'elasticnet' | 'none';

/**
 * The optimizer part of fit and per-step options, one member per optimizer (a discriminated union on
 * `optimizer`, with PyTorch's options for each): `{ optimizer: 'adam', nesterov: true }` is a type error, as it is
 * a RangeError at run time. Options of another optimizer are typed `never` (only `undefined` is accepted).
 */
export type OptimizerChoice =
  | {
    /** SGD with momentum (torch.optim.SGD); the default. */
    optimizer?: 'sgd';
    /**
     * Momentum β ∈ [0, 1): v ← β·v + (1 − τ)·g (v ← g on the first step); θ ← θ − η·v. Default 0 (plain gradient
     * descent, no buffer kept). `'auto'` (full batches, smooth losses): with μ known (no intercept, α + λ > 0),
     * κ = L/μ and β = ((√κ − 1)/(√κ + 1))² (heavy ball, Polyak 1964) or (√κ − 1)/(√κ + 1) (Nesterov 2004, (2.2.22));
     * otherwise β = k/(k + 3) on the k-th step since the start or the last restart (Su, Boyd & Candès 2016), with
     * `restart: 'function'` by default.
     */
    momentum?: number | 'auto';
    /** Dampening τ ∈ [0, 1] in v ← β·v + (1 − τ)·g, from the second step on. Default 0. */
    dampening?: number;
    /** Nesterov momentum: θ ← θ − η·(g + β·v); requires β > 0 and τ = 0 (PyTorch's rule; RangeError). Default false. */
    nesterov?: boolean;
    /** Adam(W)'s option, not SGD's: leave it out (a value is a RangeError at run time). */
    betas?: never;
    /** Adam(W)'s, RMSprop's and Adagrad's option, not SGD's: leave it out (a value is a RangeError at run time). */
    eps?: never;
    /** RMSprop's option, not SGD's: leave it out (a value is a RangeError at run time). */
    rho?: never;
    /** Adagrad's option, not SGD's: leave it out (a value is a RangeError at run time). */
    lrDecay?: never;
  }
  | {
    /** Adam or AdamW (torch.optim.Adam, AdamW: decoupled weight decay, default λ = 0.01). */
    optimizer: 'adam' | 'adamw';
    /**
     * Decay rates (β₁, β₂), each in [0, 1); default [0.9, 0.999]. m ← β₁·m + (1 − β₁)·g; s ← β₂·s + (1 − β₂)·g²;
     * θ ← θ − η·(m/(1 − β₁ᵗ)) / (√(s/(1 − β₂ᵗ)) + ε) (Kingma & Ba 2015; torch.optim.Adam).
     */
    betas?: readonly [number, number];
    /** ε > 0 added to the denominator √(s/(1 − β₂ᵗ)); default 1e-8. */
    eps?: number;
    /** SGD's and RMSprop's option, not Adam(W)'s: leave it out (a value is a RangeError at run time). */
    momentum?: never;
    /** SGD's option, not Adam(W)'s: leave it out (a value is a RangeError at run time). */
    dampening?: never;
    /** SGD's option, not Adam(W)'s: leave it out (a value is a RangeError at run time). */
    nesterov?: never;
    /** RMSprop's option, not Adam(W)'s: leave it out (a value is a RangeError at run time). */
    rho?: never;
    /** Adagrad's option, not Adam(W)'s: leave it out (a value is a RangeError at run time). */
    lrDecay?: never;
  }
  | {
    /** RMSprop (torch.optim.RMSprop). */
    optimizer: 'rmsprop';
    /** Smoothing constant ρ ∈ [0, 1) (PyTorch's `alpha`): s ← ρ·s + (1 − ρ)·g². Default 0.99. */
    rho?: number;
    /** ε > 0 in θ ← θ − η·g/(√s + ε); default 1e-8. */
    eps?: number;
    /** Momentum β ∈ [0, 1): b ← β·b + g/(√s + ε); θ ← θ − η·b. Default 0 (no buffer kept). */
    momentum?: number;
    /** SGD's option, not RMSprop's: leave it out (a value is a RangeError at run time). */
    dampening?: never;
    /** SGD's option, not RMSprop's: leave it out (a value is a RangeError at run time). */
    nesterov?: never;
    /** Adam(W)'s option, not RMSprop's: leave it out (a value is a RangeError at run time). */
    betas?: never;
    /** Adagrad's option, not RMSprop's: leave it out (a value is a RangeError at run time). */
    lrDecay?: never;
  }
  | {
    /** Adagrad (torch.optim.Adagrad). */
    optimizer: 'adagrad';
    /**
     * Learning-rate decay ≥ 0 (finite): ηₜ = η/(1 + (t − 1)·lrDecay) at step t = 1, 2, …; s ← s + g²;
     * θ ← θ − ηₜ·g/(√s + ε). Default 0.
     */
    lrDecay?: number;
    /** ε > 0 in g/(√s + ε); default 1e-10. */
    eps?: number;
    /** SGD's and RMSprop's option, not Adagrad's: leave it out (a value is a RangeError at run time). */
    momentum?: never;
    /** SGD's option, not Adagrad's: leave it out (a value is a RangeError at run time). */
    dampening?: never;
    /** SGD's option, not Adagrad's: leave it out (a value is a RangeError at run time). */
    nesterov?: never;
    /** Adam(W)'s option, not Adagrad's: leave it out (a value is a RangeError at run time). */
    betas?: never;
    /** RMSprop's option, not Adagrad's: leave it out (a value is a RangeError at run time). */
    rho?: never;
  }
  | {
    /**
     * Adadelta (Zeiler 2012, "ADADELTA: an adaptive learning rate method"; torch.optim.Adadelta, its order):
     * g ← g + λ·θ; s ← ρ·s + (1 − ρ)·g²; δ = √(u + ε)/√(s + ε)·g; u ← ρ·u + (1 − ρ)·δ²; θ ← θ − η·δ.
     * PyTorch's default η is 1.0 (pass `lr: 1`: lr is required for every optimizer here).
     */
    optimizer: 'adadelta';
    /** Decay ρ ∈ [0, 1] of both running averages (s of g², u of δ²). Default 0.9. */
    rho?: number;
    /** ε > 0 inside both square roots, √(u + ε)/√(s + ε); default 1e-6. */
    eps?: number;
    /** SGD's and RMSprop's option, not Adadelta's: leave it out (a value is a RangeError at run time). */
    momentum?: never;
    /** SGD's option, not Adadelta's: leave it out (a value is a RangeError at run time). */
    dampening?: never;
    /** SGD's option, not Adadelta's: leave it out (a value is a RangeError at run time). */
    nesterov?: never;
    /** Adam(W)'s option, not Adadelta's: leave it out (a value is a RangeError at run time). */
    betas?: never;
    /** Adagrad's option, not Adadelta's: leave it out (a value is a RangeError at run time). */
    lrDecay?: never;
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
export interface FitOptionsRecord extends FitCommonOptions, Omit<OptimizerSettings, 'lr' | 'momentum'> {
  /** A number, or 'auto' (see {@link FitCommonOptions.lr}). */
  lr: number | 'auto';
  /** A number, or 'auto' for SGD (see {@link OptimizerChoice}). */
  momentum?: number | 'auto';
  /** The objective (see {@link ModelOptions} for the formulas); default `'linear'`. */
  model?: ModelName;
  /**
   * The penalty's strength α ≥ 0 (finite), never on the intercept; default 1e-4, and 0 (the only value accepted)
   * for `'linear'` without a `penalty` and for penalty 'none'.
   */
  alpha?: number;
  /**
   * 'l2' (α/2)·‖w‖², 'l1' α·‖w‖₁, 'elasticnet' α·(ρ·‖w‖₁ + ((1 − ρ)/2)·‖w‖²), or 'none'; default 'l2', and 'none'
   * for `'linear'` (see {@link ModelOptions}). RangeError for 'l1' and 'elasticnet' on `'ridge'` (use 'linear'),
   * and with `maximize`, `optimizer: 'adamw'` with weightDecay > 0, `lr`/`momentum` 'auto' or `restart`.
   */
  penalty?: PenaltyName;
  /** ρ ∈ [0, 1] for penalty 'elasticnet' (scikit-learn's `l1_ratio`), default 0.15; RangeError with another penalty. */
  l1Ratio?: number;
  /**
   * Softmax and the 0/1-label classifiers (one-vs-rest for K > 2): number of classes K, an integer in [2, 2²⁰] above
   * every label, with K·(cols + 1) ≤ 2²⁴; default max(y) + 1 (2 for 0/1 labels).
   */
  classes?: number;
  /**
   * huber, epsilonInsensitive and squaredEpsilonInsensitive only: the loss's ε ≥ 0 (finite); default 0.1
   * (scikit-learn's DEFAULT_EPSILON).
   */
  epsilon?: number;
}

// Online learning (issue 15 item 7): engine.partialFit and the state that travels between its calls (src/online.ts).
/**
 * The options of {@link Engine.partialFit}: those of {@link FitOptions} that make sense for one epoch over a new
 * chunk, and `from`. A RangeError for `maxIterations`, `maxEpochs`, `tol`, `stoppingRule`, `nIterNoChange`,
 * `validationFraction` (one call is one epoch, without early stopping, as scikit-learn's `partial_fit`),
 * `initialWeights` / `initialIntercept` (use `warmStart` on the first call), `lr: 'auto'`, `momentum: 'auto'`,
 * `restart`.
 *
 * What may change between calls: `lr`, `schedule`, `batchSize`, `shuffle`, `onProgress`, `progressEvery`, `signal`.
 * What may not (a RangeError naming the option): `model`, `alpha`, `classes`, `fitIntercept`, `optimizer` and every
 * hyperparameter of it but `lr` (`momentum`, `dampening`, `nesterov`, `weightDecay`, `maximize`, `betas`, `eps`,
 * `rho`, `lrDecay`), and the number of columns. `seed` seeds the shuffle of the first call; later calls continue its
 * stream (the state carries it).
 */
export type PartialFitOptions = FitOptions & {
  /**
   * The previous call's result, or its {@link FitResult.optimizerState} (also after a JSON round trip). Absent: the
   * first call, which starts from zeros (or from `warmStart`) with a fresh optimizer state.
   */
  from?: FitResult | OnlineState;
};

/**
 * Where a sequence of {@link Engine.partialFit} calls is: the parameters and everything the optimizer carries from
 * one update to the next, as plain JSON data (`JSON.parse(JSON.stringify(state))` continues bit for bit).
 */
export interface OnlineState {
  /** Format tag and version. */
  readonly format: 'momentum-gd/online@1';
  /** The model (cannot change between calls). */
  readonly model: ModelName;
  /** Number of features d (every chunk must have d columns). */
  readonly cols: number;
  /**
   * Number of classes K, as {@link ModelJSON.classes} (1 for regression; 2 for a binary 0/1 model; K for softmax and
   * for one-vs-rest, a 0/1 model with K > 2 classes).
   */
  readonly classes: number;
  /** Whether the intercept is fitted. */
  readonly fitIntercept: boolean;
  /** α of the penalty. */
  readonly alpha: number;
  /** The penalty, as the fit's options resolved it (it may not change). */
  readonly penalty: PenaltyName;
  /** ρ, the L1 share of the penalty (0 for 'l2' and 'none', 1 for 'l1'). */
  readonly l1Ratio: number;
  /** The loss's ε (huber and the ε-insensitive losses; 0 for the others). */
  readonly epsilon: number;
  /** `average`'s first averaged update n, counted over the whole sequence (0: off). */
  readonly average: number;
  /** The optimizer and all its hyperparameters but `lr` (every key of {@link OptimizerSettings} but `lr`, defaults filled in). */
  readonly optimizer: Readonly<Required<Omit<OptimizerSettings, 'lr'>>>;
  /**
   * θ's weights: d numbers, or K·d for softmax and one-vs-rest (class k's at k·d …), as {@link ModelJSON.weights}.
   * One-vs-rest: the K binary problems' states joined, class k's in row k (and intercept k, and the same rows of each
   * buffer and of `averaged`); the scalars below (step, β₁ᵗ, β₂ᵗ, first, epochs, rng, the average's count) are kept
   * once, since the K problems take the same updates on the same rows with the same seed.
   */
  readonly weights: number[];
  /** θ's intercepts: 1, or K for softmax and one-vs-rest (zeros when not fitted). */
  readonly intercepts: number[];
  /**
   * The optimizer's buffers, by PyTorch's names, K·d + K each in θ's order [W | b]: SGD `velocity` (momentum ≠ 0);
   * Adam(W) `expAvg`, `expAvgSq`; RMSprop `squareAvg`, `momentumBuffer`; Adagrad `sum`; Adadelta `squareAvg`, `accDelta`.
   */
  readonly buffers: Record<string, number[]>;
  /** Updates taken so far, t (Adam's bias corrections, Adagrad's lrDecay). */
  readonly step: number;
  /** β₁ᵗ, the running product the fit keeps for Adam(W)'s bias correction (1 before any step). */
  readonly beta1Pow: number;
  /** β₂ᵗ, likewise. */
  readonly beta2Pow: number;
  /** True until the first update (SGD's velocity then starts as the gradient). */
  readonly first: boolean;
  /** Epochs (calls) so far: the next call's epoch in the learning-rate schedule. */
  readonly epochs: number;
  /** The shuffle's xoshiro128** state, four unsigned 32-bit words. */
  readonly rng: number[];
  /**
   * Averaged SGD once the sequence has passed update `average`: the number of iterates averaged and their running mean
   * θ̄ (what the results return); `weights`/`intercepts` above stay the iterate the next call steps from. Else null.
   */
  readonly averaged: OnlineAverage | null;
}

/** {@link OnlineState.averaged}: averaged SGD's running mean over a sequence of partialFit calls. */
export interface OnlineAverage {
  /** Iterates averaged so far (k in θ̄ₖ = θ̄ₖ₋₁ + (θₜ − θ̄ₖ₋₁)/k). */
  readonly count: number;
  /** θ̄'s weights, in the layout of {@link OnlineState.weights}. */
  readonly weights: number[];
  /** θ̄'s intercepts, in the layout of {@link OnlineState.intercepts}. */
  readonly intercepts: number[];
}

/**
 * How a fit ended: 'converged' (the gradient rule: ‖∇J‖∞ ≤ tol·‖∇J(θ₀)‖∞ and J ≤ J(θ₀), near a stationary point),
 * 'noImprovement' (scikit-learn's rule: no better epoch objective by tol for nIterNoChange epochs; no claim about
 * the optimum), 'maxIterations' (a budget ran out), 'diverged' (the objective, the parameters or an optimizer buffer
 * would stop being finite; the last finite parameters are returned), 'aborted' (signal or onProgress).
 */
export type FitStatus = 'converged' | 'noImprovement' | 'maxIterations' | 'diverged' | 'aborted';

/** A JSON-safe fitted model (see {@link Model.toJSON}); {@link LinearModel.fromJSON} reads it back. */
export interface ModelJSON {
  /** Format tag and version; {@link LinearModel.fromJSON} rejects anything else. */
  readonly format: 'momentum-gd/model@1';
  /** The objective the model was fitted with. */
  readonly model: ModelName;
  /** Number of features d. */
  readonly cols: number;
  /** Number of classes K (1 for regression; 2 for binary logistic and hinge, K > 2 for their one-vs-rest form). */
  readonly classes: number;
  /** Weights: d numbers, or K·d for softmax and one-vs-rest (class k's weights at k·d …). */
  readonly weights: number[];
  /** Intercepts: 1 number, or K for softmax and one-vs-rest. */
  readonly intercepts: number[];
}

/**
 * A fitted linear model: parameters and predictions (pure JS, no engine needed). Scores are z = x·w + b, one per
 * row (K per row for softmax); every method validates X like {@link Engine.dataset} and returns a fresh array.
 */
export interface Model {
  /** The objective the model was fitted with; it decides what {@link Model.predict} returns. */
  readonly model: ModelName;
  /**
   * Weights: cols values, or classes·cols for softmax and one-vs-rest (class k's weights at k·cols …). A copy owned by
   * the caller.
   */
  readonly weights: Float64Array;
  /** The intercept (softmax, one-vs-rest: the first class's). */
  readonly intercept: number;
  /** All intercepts: 1, or one per class for softmax and one-vs-rest. */
  readonly intercepts: Float64Array;
  /** Number of features. */
  readonly cols: number;
  /** Number of classes (1 for regression; 2 for binary logistic and hinge, K > 2 for their one-vs-rest form). */
  readonly classes: number;
  /**
   * Predictions, n values: z itself (linear, ridge), the 0/1 label [z > 0] (logistic, hinge), or the class
   * argmaxₖ zₖ (softmax and one-vs-rest; the first on ties, as scikit-learn's OvR decision).
   * @param X n rows of {@link Model.cols} features.
   * @throws TypeError/RangeError for X as {@link Engine.dataset} does; RangeError when X does not have
   *   {@link Model.cols} columns.
   */
  predict(X: FeaturesInput): Float64Array;
  /**
   * Raw scores z = x·w + b: n values, or n·K row-major for softmax and one-vs-rest (row i's class k at i·K + k).
   * @param X n rows of {@link Model.cols} features.
   * @throws TypeError/RangeError as {@link Model.predict}.
   */
  decisionFunction(X: FeaturesInput): Float64Array;
  /**
   * Probabilities: P(y = 1) = σ(z) = 1/(1 + e^−z) per row (logistic, evaluated without overflow), or the softmax
   * e^zₖ / Σⱼ e^zⱼ as n·K row-major values (softmax, shifted by the row maximum), or for one-vs-rest logistic
   * σ(zₖ)/Σⱼσ(zⱼ) as n·K values (scikit-learn's OvR normalisation, `_predict_proba_lr`; 1/K where every σ underflows).
   * @param X n rows of {@link Model.cols} features.
   * For modifiedHuber: scikit-learn's (clip(z, −1, 1) + 1)/2 per row.
   * @throws TypeError for the models without probabilities (all but logistic, modifiedHuber and softmax); TypeError/RangeError
   *   for X as {@link Model.predict}.
   */
  predictProba(X: FeaturesInput): Float64Array;
  /**
   * R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)² for regression (when y is constant: 1 for a perfect prediction, else 0, as
   * scikit-learn's r2_score), or the accuracy (the fraction of rows with ŷᵢ = yᵢ) for classifiers, with
   * ŷ = {@link Model.predict}(X).
   * @param X n rows of {@link Model.cols} features.
   * @param y the true values or labels, n of them (booleans read as 0/1).
   * @throws TypeError/RangeError for X as {@link Model.predict}, and for y that is not n finite numbers; RangeError
   *   (linear, ridge) when a prediction is ±Infinity (x·w + b beyond ±1.8e308).
   */
  score(X: FeaturesInput, y: LabelsInput): number;
  /** The model as plain JSON data (what `JSON.stringify(model)` writes); arrays are copies. */
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
  /**
   * How the fit ended: `'converged'` (the `tol` rule stopped it), `'maxIterations'` (`maxIterations` updates or
   * `maxEpochs` epochs were reached), `'diverged'` (an update made the objective or a parameter non-finite: the
   * parameters are the last finite ones, from before that update), `'aborted'` (onProgress returned false or
   * `signal` fired: the parameters reached so far).
   */
  readonly status: FitStatus;
  /**
   * Objective on all training rows at the returned parameters: one more pass over X, made on first access (or just
   * before the dataset is disposed), so a caller who never reads it does not pay for it. A weighted fit's is the
   * weighted objective (1/n)·Σ cᵢ·ℓᵢ + α·R(w) over all the dataset's rows.
   * @throws TypeError when first read after the dataset was disposed, if this fit was not among the 8 most recent
   *   unread fits of that dataset (the ones evaluated at dispose); the same for {@link FitResult.mse}.
   */
  readonly finalLoss: number;
  /**
   * Mean squared error on the training rows at the returned parameters (linear and ridge; NaN otherwise); for a
   * weighted fit (1/n)·Σ cᵢ·rᵢ².
   */
  readonly mse: number;
  /**
   * What `lr: 'auto'`, `momentum: 'auto'` and `restart` chose and did; null when none was asked for, and for a
   * one-vs-rest fit (each class's is in {@link FitResult.perClass}).
   */
  readonly auto: AutoReport | null;
  /**
   * A one-vs-rest fit's K binary problems, class k's at k: null for every other fit. A 0/1-label model (logistic,
   * hinge, …) given class indices 0 … K−1 with K > 2 fits K independent problems, class k against the rest (labels
   * [yᵢ = k]), each exactly the 2-class fit of those labels with the same options (the same doubles), as
   * scikit-learn's SGDClassifier does; they run side by side, chunk by chunk, and the model keeps class k's weights in
   * row k of W and its intercept at k. The fit's own history then sums over the classes: `loss[t]` and `epochLoss[e]`
   * are Σₖ of class k's entry t (e), a class that stopped earlier adding its last one; `finalLoss` is Σₖ of theirs;
   * `iterations` and `epochs` are the largest of theirs (scikit-learn's `n_iter_`); `status` is `'converged'` only
   * when every class converged, else the first of `'aborted'`, `'diverged'`, `'maxIterations'`, `'noImprovement'`
   * that some class has. `onProgress` sees the same sums; `signal` stops every class still running.
   */
  readonly perClass: readonly ClassFit[] | null;
  /**
   * {@link Engine.partialFit}'s results: where the sequence is (parameters and optimizer state), to pass as the next
   * call's `from`; plain JSON data, copied out. Null for {@link Engine.fit}, and for a partialFit call whose epoch did
   * not complete (diverged or aborted).
   */
  readonly optimizerState: OnlineState | null;
}

/**
 * One binary problem of a one-vs-rest fit ({@link FitResult.perClass}): class k against the rest, labels [yᵢ = k]. Its
 * fields mean what {@link FitResult}'s mean for a 2-class fit; `finalLoss` is the binary objective on all rows, read
 * lazily with the fit's.
 */
export interface ClassFit {
  /** Objective at each update of this problem (see {@link FitResult.loss}). */
  readonly loss: Float64Array;
  /** Objective per completed epoch of this problem (see {@link FitResult.epochLoss}). */
  readonly epochLoss: Float64Array;
  /** Updates applied to this class's parameters. */
  readonly iterations: number;
  /** Epochs completed by this problem. */
  readonly epochs: number;
  /** How this problem ended (see {@link FitResult.status}). */
  readonly status: FitStatus;
  /** The binary objective [y = k] at this class's parameters on all training rows (one pass over X, on first read). */
  readonly finalLoss: number;
  /** This problem's 'auto' report (see {@link FitResult.auto}), or null. */
  readonly auto: AutoReport | null;
}

/** {@link FitResult.auto}: the estimate, the settings it gave, and what the fit did with them. */
export interface AutoReport {
  /** λmax(AᵀA/n) by power iteration (A = X, with a column of ones when fitIntercept); NaN when not estimated. */
  readonly lambdaMax: number;
  /** Passes over X the power iteration made (at most 50; it stops when the estimate changes by ≤ 0.1 %). */
  readonly powerIterations: number;
  /** L = c·1.05·lambdaMax + α + λ (c = 1 squared and huber, ¼ logistic, ½ softmax, 2 squaredHinge, modifiedHuber, squaredEpsilonInsensitive); NaN when not estimated. */
  readonly lipschitz: number;
  /** μ = α + λ without an intercept, 0 (unknown) with one; NaN when not estimated. */
  readonly strongConvexity: number;
  /** η of the first step (the theory's for lr 'auto', else the given lr). */
  readonly lr: number;
  /** β used: the number, or 'schedule' (k/(k + 3) since the last restart). */
  readonly momentum: number | 'schedule';
  /** The restart rule that was applied. */
  readonly restart: 'function' | 'gradient' | 'none';
  /** Velocity resets (a rejected or uphill momentum step). */
  readonly restarts: number;
  /** Halvings of η (a rejected step without momentum in it; lr 'auto' only). */
  readonly backtracks: number;
  /** η at the end (lr 'auto': after backtracking and growth). */
  readonly finalLr: number;
}

/**
 * Options of the per-step optimizer ({@link Engine.optimizer}): torch.optim's, camelCased, typed per optimizer
 * (a discriminated union on `optimizer`, see {@link OptimizerChoice}). Unknown keys are rejected at run time.
 */
export type OptimizerOptions = OptimizerChoice & {
  /** Learning rate η > 0. Required. */
  lr: number;
  /**
   * A number only (SGD, RMSprop; see {@link OptimizerChoice}): `'auto'` needs the objective, which a per-step
   * optimizer never sees (a RangeError naming the option at run time); {@link minimize} and engine.fit take it.
   */
  momentum?: number;
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
  /**
   * The update rule; default `'sgd'`. Sources: torch.optim's documentation of each class, and
   * - `'sgd'`: SGD with momentum (Polyak 1964; Sutskever et al. 2013 for Nesterov), torch.optim.SGD;
   * - `'adam'`: Kingma & Ba, "Adam" (ICLR 2015), torch.optim.Adam;
   * - `'adamw'`: Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019), torch.optim.AdamW;
   * - `'rmsprop'`: Hinton's lecture 6e (2012), torch.optim.RMSprop (not centered);
   * - `'adagrad'`: Duchi, Hazan & Singer (JMLR 2011), torch.optim.Adagrad;
   * - `'adadelta'`: Zeiler, "ADADELTA: an adaptive learning rate method" (arXiv:1212.5701, 2012), torch.optim.Adadelta.
   */
  optimizer?: OptimizerName;
  /** Learning rate η, a finite number > 0. Required. */
  lr: number;
  /**
   * Momentum β ∈ [0, 1) (sgd, rmsprop). Default 0. SGD: v ← β·v + (1 − τ)·g (v ← g on the first step);
   * θ ← θ − η·v. RMSprop: b ← β·b + g/(√s + ε); θ ← θ − η·b.
   */
  momentum?: number;
  /** Dampening τ ∈ [0, 1] (sgd): v ← β·v + (1 − τ)·g after the first step. Default 0. */
  dampening?: number;
  /** Nesterov momentum (sgd): θ ← θ − η·(g + β·v). Requires β > 0 and τ = 0, as in PyTorch. Default false. */
  nesterov?: boolean;
  /**
   * Weight decay λ ≥ 0 (finite). Coupled (all but adamw): g ← g + λ·θ before the update. Decoupled (adamw):
   * θ ← θ·(1 − η·λ) before the update. Default 0 (adamw: 0.01).
   */
  weightDecay?: number;
  /** Maximise the objective instead (PyTorch's `maximize`): g ← −g first. Default false. */
  maximize?: boolean;
  /**
   * Adam(W) decay rates (β₁, β₂), each in [0, 1); default [0.9, 0.999]. m ← β₁·m + (1 − β₁)·g;
   * s ← β₂·s + (1 − β₂)·g²; θ ← θ − η·(m/(1 − β₁ᵗ)) / (√(s/(1 − β₂ᵗ)) + ε).
   */
  betas?: readonly [number, number];
  /**
   * ε > 0 added to the denominator (adam, adamw, rmsprop, adagrad) or inside the square roots (adadelta); default 1e-8
   * (adagrad: 1e-10, adadelta: 1e-6).
   */
  eps?: number;
  /**
   * RMSprop smoothing constant ρ ∈ [0, 1) (PyTorch's `alpha`): s ← ρ·s + (1 − ρ)·g². Default 0.99. Adadelta's decay
   * ρ ∈ [0, 1] (s ← ρ·s + (1 − ρ)·g², u ← ρ·u + (1 − ρ)·δ²); default 0.9.
   */
  rho?: number;
  /**
   * Adagrad learning-rate decay ≥ 0: ηₜ = η / (1 + (t − 1)·lrDecay); s ← s + g²; θ ← θ − ηₜ·g/(√s + ε).
   * Default 0.
   */
  lrDecay?: number;
}

/**
 * Options of {@link Engine.sgd}: torch.optim.SGD's, the SGD part of {@link OptimizerSettings} (no `optimizer` key:
 * it is SGD). `lr` is required; the others default to 0 / false.
 */
export type SgdOptions = Pick<OptimizerSettings, 'lr' | 'momentum' | 'dampening' | 'nesterov' | 'weightDecay' | 'maximize'>;

/** A plain, JSON-safe snapshot of an optimizer, from {@link SgdOptimizer.state}. */
export interface SgdState {
  /** The parameters θ, n numbers. */
  readonly params: number[];
  /** SGD's momentum buffer: null until the first step, and always for β = 0 (no buffer is kept). */
  readonly velocity: number[] | null;
  /** The other optimizers' buffers by PyTorch's names (expAvg, expAvgSq, squareAvg, momentumBuffer, sum, accDelta). */
  readonly buffers?: Record<string, number[]>;
  /** Number of steps taken (t; Adam's bias corrections use it). */
  readonly step: number;
  /** The options that apply to this optimizer. */
  readonly options: OptimizerOptions;
}

/** A per-step optimizer over a flat parameter vector. */
export interface SgdOptimizer {
  /**
   * A copy of the parameters θ (n values).
   * @throws TypeError once the optimizer is disposed.
   */
  readonly params: Float64Array;
  /** A copy of SGD's momentum buffer, or null (before the first step, β = 0, or another optimizer). */
  readonly velocity: Float64Array | null;
  /**
   * Learning rate η; may be changed between steps (PyTorch semantics: η multiplies the whole buffer).
   * @throws TypeError/RangeError on assignment of anything but a finite number > 0.
   */
  lr: number;
  /** Number of steps taken. */
  readonly stepCount: number;
  /**
   * One update with the optimizer's rule (see {@link OptimizerOptions}). SGD, PyTorch's order: g ← −g if maximize;
   * g ← g + λ·θ; v ← g on the first step, else β·v + (1 − τ)·g; g ← g + β·v (Nesterov) or v; θ ← θ − η·g.
   * @param grad the gradient ∂J/∂θ at the current parameters: n finite numbers (array or typed array), copied.
   * @throws TypeError for a disposed optimizer, or a gradient that is not an array of numbers; RangeError for a
   *   gradient of the wrong length or with a non-finite element, or a step that would make θ or a buffer overflow
   *   (Adam's and RMSprop's g², Adagrad's sum): θ and the buffers are then left as they were.
   */
  step(grad: ArrayLike<number>): void;
  /**
   * A snapshot of the parameters, buffers, step count and options: plain data, JSON-safe (all numbers finite), copied.
   * @throws TypeError for a disposed optimizer.
   */
  state(): SgdState;
  /**
   * Restores a snapshot from {@link SgdOptimizer.state} (possibly through JSON) of an optimizer of the same kind and
   * size: parameters, buffers, step count, learning rate and options. β₁ᵗ, β₂ᵗ are rebuilt as the running product
   * step() keeps, stopped where it stops changing: the same doubles in at most 2²⁴ products.
   * @param state the snapshot; its options are validated as {@link Engine.optimizer}'s; unknown keys are errors.
   * @throws TypeError for a disposed optimizer, a state that is not an object, or unknown keys; TypeError/RangeError
   *   for arrays of the wrong type or length, a step outside [0, 2⁵³ − 1] or fractional, another optimizer kind, a
   *   velocity where the options keep none, or an Adam state whose powers would need more than 2²⁴ products (β
   *   within ~4·10⁻⁵ of 1 and step beyond 2²⁴).
   */
  loadState(state: SgdState): void;
  /** Frees engine memory held by the optimizer (WASM); idempotent. */
  dispose(): void;
}

/**
 * The interface both backends implement, made by {@link createEngine}: datasets, fits and per-step optimizers.
 * Both backends give the same doubles (bit for bit for the linear, ridge and hinge models).
 */
export interface Engine {
  /** The numerical core in use: `'wasm'` or `'js'`. */
  readonly backend: BackendName;
  /**
   * Why an engine created with `backend: 'auto'` runs on the JS backend: WebAssembly missing, or the WASM core
   * not loadable (the message names the URL and the HTTP status or compile error; see {@link EngineOptions.wasm}).
   * `undefined` when the engine runs the backend asked for (WASM with 'auto').
   */
  readonly fallbackReason: string | undefined;
  /** True when the WASM SIMD build is in use. */
  readonly simd: boolean;
  /** Threads a fit uses (the calling thread included; see {@link EngineOptions.threads}): 1 unless threads run. */
  readonly threads: number;
  /**
   * Why the engine uses fewer threads than {@link EngineOptions.threads} asked for (the JS backend, the scalar
   * build, no SharedArrayBuffer or not cross-origin isolated, a browser, the threads build not loadable, or
   * {@link Engine.dispose} called); `undefined` when it uses them, or when one thread was asked for.
   */
  readonly threadsReason: string | undefined;
  /**
   * Ends the engine's worker threads (a no-op without them). The engine keeps working on one thread, with the
   * same doubles. Worker threads do not keep a Node process alive, so disposing is for freeing them early.
   */
  dispose(): Promise<void>;
  /**
   * Validates X and y and copies them into the engine once (the caller's arrays are never read again).
   * @param X rows (`number[][]` or typed rows), a row-major `{ data, rows, cols }`, or a table: an object of
   *   equal-length columns, an Apache Arrow table or an Arquero table ({@link TableInput})
   * @param y one label per row (numbers, or booleans as 0/1); with a table, also the label column's name
   *   (`engine.dataset(table, 'y')`: every other column is a feature) or `{ label, features }` ({@link ColumnSelection});
   *   or several targets per row for `mlpRegressor` ({@link TargetsInput}: n rows of m numbers, or `{ data, rows, cols }`)
   * @param options `sampleWeight`: one weight ≥ 0 per row for every fit of the dataset ({@link DatasetOptions});
   *   default `{}`.
   * @throws TypeError for non-numeric values or columns, a label column name without a table; RangeError for ragged
   *   rows, unequal columns, nulls, non-finite values, unknown column names, y of the wrong length, a sample weight
   *   that is negative, NaN or infinite, or of the wrong length — each naming the row, the column or the argument
   */
  dataset(X: FeaturesInput, y: LabelsInput | TargetsInput | string | ColumnSelection, options?: DatasetOptions): Dataset;
  /**
   * Fits a linear model by gradient descent with the given optimizer: epochs of (mini-)batch updates until
   * `maxIterations`, `maxEpochs`, the `tol` rule, divergence, or an abort. Synchronous; see
   * {@link Engine.fitAsync} to keep a page responsive.
   * @param data a dataset made by this engine's {@link Engine.dataset}, not disposed.
   * @param options the model, optimizer and stopping rule; `lr` is required (see {@link FitOptions}).
   * @returns the fitted model and its history; every array is a fresh copy owned by the caller.
   * @throws TypeError for a dataset from another engine or disposed, an unknown option (with "did you mean") or an
   *   option of the wrong type; RangeError for an option out of range, an option that does not apply to the model or
   *   optimizer, labels that the model does not accept (naming the first bad y[i]), or an objective at the starting
   *   parameters that is not finite (X, y or the initial parameters too large for f64). A diverging fit does not
   *   throw: it returns status `'diverged'` with the last finite parameters.
   */
  fit(data: Dataset, options: FitOptions): FitResult;
  /**
   * Fits a network (`model` 'mlpClassifier' or 'mlpRegressor', {@link MlpFitOptions}): the same driver, optimizers,
   * batches, stopping rules and errors as a linear fit.
   * @param data a dataset made by this engine's {@link Engine.dataset}, not disposed.
   * @param options the network, optimizer and stopping rule; `lr` is required.
   */
  fit(data: Dataset, options: MlpFitOptions): NetworkFitResult;
  /**
   * torch.optim.SGD over `params` (copied), for gradients computed by the caller.
   * @param params the initial parameters θ₀: n ≥ 0 finite numbers (array or typed array), copied.
   * @param options `lr` (required), `momentum`, `dampening`, `nesterov`, `weightDecay`, `maximize`.
   * @throws TypeError for params that are not numbers, an unknown option or one of the wrong type; RangeError for a
   *   non-finite parameter or an option out of range.
   */
  sgd(params: ArrayLike<number>, options: SgdOptions): SgdOptimizer;
  /**
   * Any optimizer over `params` (copied): `{ optimizer: 'adam', lr: 1e-3 }`.
   * @param params the initial parameters θ₀: n ≥ 0 finite numbers (array or typed array), copied.
   * @param options the optimizer and its options; `lr` is required (see {@link OptimizerOptions}).
   * @throws TypeError/RangeError as {@link Engine.sgd}, and RangeError for an option that does not apply to the
   *   chosen optimizer.
   */
  optimizer(params: ArrayLike<number>, options: OptimizerOptions): SgdOptimizer;
  /**
   * Like {@link Engine.fit}, with the same results, but yields to the event loop between chunks of epochs (every
   * `progressEvery` epochs, or about every 10 ms of work), so a page stays responsive and `signal` works.
   * @param data a dataset made by this engine's {@link Engine.dataset}, not disposed.
   * @param options as {@link Engine.fit}.
   * @throws (rejects with) the errors of {@link Engine.fit}.
   */
  fitAsync(data: Dataset, options: FitOptions): Promise<FitResult>;
  /**
   * One epoch over a new chunk of data, continuing a previous call's parameters and optimizer state (velocity,
   * Adam/RMSprop/Adagrad buffers, step count t, β₁ᵗ, β₂ᵗ, the schedule's epoch, the shuffle's stream), as
   * scikit-learn's `partial_fit`. Chunks c₁ … c_m (each a multiple of `batchSize` rows, `shuffle: false`, constant
   * `lr`) give the same doubles as one epoch of {@link Engine.fit} over their concatenation. A learning-rate schedule
   * counts calls as epochs: call k (0-based) updates with η of epoch k. The result's `status` is `'maxIterations'`
   * when the epoch completed. A 0/1 model (logistic, hinge, …) with K > 2 classes runs one epoch of each of the K
   * one-vs-rest problems [y = k] per call (scikit-learn's `SGDClassifier.partial_fit`): the same doubles as K binary
   * partialFit streams on the labels [y = k] and as one one-vs-rest fit over the concatenation; its
   * {@link FitResult.optimizerState} joins the K states (see {@link OnlineState.weights}), `perClass` holds each
   * problem's history of this call.
   * @param data a dataset made by this engine's {@link Engine.dataset}, not disposed: the new chunk.
   * @param options as {@link Engine.fit}'s, with `from` (see {@link PartialFitOptions}: which options may change).
   * @returns the model after this epoch, its history, and {@link FitResult.optimizerState} for the next call.
   * @throws the errors of {@link Engine.fit}; TypeError for a `from` that is neither a partialFit result nor its
   *   state (a result of {@link Engine.fit}: pass it as `warmStart`), or a state of the wrong shape; RangeError for a
   *   chunk with another number of columns, a label of a class the state does not have, an option that cannot
   *   change between calls, an option that does not apply (see {@link PartialFitOptions}), or softmax or one-vs-rest
   *   (labels beyond 0/1) without `classes` on the first call.
   */
  partialFit(data: Dataset, options: PartialFitOptions): FitResult;
  /**
   * {@link Engine.fit} of a network, yielding to the event loop between chunks of epochs.
   * @param data a dataset made by this engine's {@link Engine.dataset}, not disposed.
   * @param options as {@link Engine.fit}'s network form.
   */
  fitAsync(data: Dataset, options: MlpFitOptions): Promise<NetworkFitResult>;
}

// Neural networks (issue 16).
/**
 * Options of a network fit ({@link Engine.fit} with `model` 'mlpClassifier' or 'mlpRegressor', scikit-learn's
 * MLPClassifier and MLPRegressor): the common fit options (batches, seeded shuffle, schedule, stopping rules,
 * validationFraction, progress, signal), any optimizer and row weights, without the linear models' intercept options.
 * Objective: J(θ) = (1/n)·Σᵢ cᵢ·ℓ(f(xᵢ; θ), yᵢ) + (α/2)·Σ_l ‖W_l‖² (the biases never penalised; cᵢ = 1 without
 * `sampleWeight` / `classWeight`), f the network
 * h₀ = x, h_l = act(h_{l−1}·W_l + b_l), scores z = h_{L−1}·W_L + b_L; ℓ the head's loss: ½(z − y)² (regressor),
 * the logistic loss of σ(z) (two classes, one output), the softmax cross-entropy (K > 2 classes, K outputs).
 * scikit-learn's `alpha` divides the penalty by the batch size: its alpha a is α = a/batchSize here.
 */
export type MlpFitOptions = Omit<FitCommonOptions, 'lr' | 'restart' | 'fitIntercept' | 'initialWeights' | 'initialIntercept' | 'sampleWeight' | 'classWeight' | 'warmStart'> & OptimizerChoice & {
  /**
   * One weight cᵢ ≥ 0 (finite) per row (or with the dataset, {@link DatasetOptions.sampleWeight}; not both): the
   * objective becomes (1/n)·Σᵢ cᵢ·ℓ(f(xᵢ; θ), yᵢ) + (α/2)·Σ_l ‖W_l‖², the linear models' convention
   * ({@link FitCommonOptions.sampleWeight}): the mean stays over the n rows, so integer weights give the objective of
   * the data with rows repeated, divided by n. The head's δ (its residuals) and its row loss are multiplied by cᵢ, so
   * every layer's gradient is weighted. scikit-learn's MLP (1.7+) divides by Σcᵢ instead, the data term and its
   * penalty alike: the same minimiser for α = 0, a different scale of the gradient (here the weights act as a
   * per-row learning rate, as in scikit-learn's SGD). Weights all 1 give the unweighted doubles. The same errors as
   * the linear models' (TypeError / RangeError naming `sampleWeight[i]`, all training rows of weight 0, a class whose
   * rows all weigh 0). Copied, never mutated.
   */
  sampleWeight?: ArrayLike<number>;
  /**
   * mlpClassifier only (RangeError for mlpRegressor): row i's weight is multiplied by classWeight[yᵢ],
   * cᵢ = sampleWeightᵢ·classWeight[yᵢ]. `'balanced'`: class k weighs n / (K·countₖ) over the dataset's n rows
   * (scikit-learn's `compute_class_weight('balanced')`); an object `{ 1: 10 }` (classes not named weigh 1) or an
   * array of one weight per class, each finite and ≥ 0. Errors as {@link FitCommonOptions.classWeight}.
   */
  classWeight?: 'balanced' | Readonly<Record<number, number>> | ArrayLike<number>;
  /**
   * 'mlpClassifier' (labels 0 … K−1; two classes: one logistic output) or 'mlpRegressor' (real targets: one per row,
   * or m per row from a dataset of {@link TargetsInput}, one output each: the head ½‖z − y‖², so
   * J = (1/n)·Σᵢ cᵢ·½Σₖ(zᵢₖ − yᵢₖ)² + (α/2)·Σ‖W_l‖², whose gradient is scikit-learn's MLPRegressor's (δ = z − y summed
   * over the outputs, divided by n; scikit-learn reports the loss as ½·mean over the n·m values, J/m for α = 0)).
   */
  model: 'mlpClassifier' | 'mlpRegressor';
  /** Learning rate η > 0. Required ('auto' is for the linear models). */
  lr: number;
  /** Units of each hidden layer, integers in [1, 65536]; default [100] (scikit-learn's). */
  hidden?: readonly number[];
  /**
   * The hidden layers' activation: 'relu' max(z, 0) (default), 'tanh', 'sigmoid' 1/(1 + e^−z) (also 'logistic',
   * scikit-learn's name), 'identity'. tanh and σ are the package's own (momentum-gd/math): the same double everywhere.
   */
  activation?: 'relu' | 'tanh' | 'sigmoid' | 'logistic' | 'identity';
  /** L2 penalty (α/2)·Σ‖W_l‖² on the weights, α ≥ 0; default 1e-4. */
  alpha?: number;
  /** 'l2' (default) or 'none' (α must then be 0). */
  penalty?: 'l2' | 'none';
  /** mlpClassifier: the number of classes K ≥ 2; default max(y) + 1. */
  classes?: number;
  /**
   * Starting parameters θ₀: one array of every layer's parameters in order [W₁ | b₁ | W₂ | b₂ | …] (W_l in_l rows of
   * out_l, row-major, as {@link Network.coefs}), or per layer {@link LayerWeights} `{ coefs, intercepts }` (the
   * shapes of {@link Network.coefs} and {@link Network.intercepts}); default: seeded He-uniform W for relu
   * (±√(6/in)), Glorot-uniform for tanh and identity (±√(6/(in + out))), ±√(2/(in + out)) for sigmoid
   * (scikit-learn's), biases 0. Copied, never mutated. TypeError for values that are not numbers or an unknown key;
   * RangeError for a wrong length (naming the layer and the expected length) or a non-finite value.
   */
  initialWeights?: ArrayLike<number> | LayerWeights;
  /**
   * A previous network to start from: a fit's result ({@link NetworkFitResult}), an {@link MlpModel} or its JSON.
   * Its coefs and intercepts become θ₀ (the same doubles as passing them as `initialWeights`); the optimizer starts
   * afresh (velocity and Adam's moments at 0, step count 1, the schedule at epoch 0), so with a constant `lr`, full
   * batches and momentum 0, k epochs then a warm start for j more give the same doubles as one fit of k + j epochs;
   * with momentum the velocity restarts at 0 and the doubles differ. A classifier's `classes` defaults to the warm
   * start's. RangeError when its model, number of columns, `hidden`, `activation`, classes or outputs differ from this
   * fit's (naming which), or together with `initialWeights`; TypeError for a value that is not a network.
   */
  warmStart?: NetworkLike;
};

/** A network's parameters per layer ({@link MlpFitOptions.initialWeights}): layer l maps in_l to out_l units. */
export interface LayerWeights {
  /** Per layer, W_l: in_l·out_l numbers, row-major (in_l rows of out_l), as {@link Network.coefs}. */
  readonly coefs: readonly ArrayLike<number>[];
  /** Per layer, b_l: out_l numbers, as {@link Network.intercepts}. */
  readonly intercepts: readonly ArrayLike<number>[];
}

/**
 * What {@link MlpFitOptions.warmStart} reads: a {@link Network} (a fit's result or an {@link MlpModel}) or its JSON
 * ({@link MlpModelJSON}).
 */
export interface NetworkLike extends LayerWeights {
  /** 'mlpClassifier' or 'mlpRegressor'. */
  readonly model: 'mlpClassifier' | 'mlpRegressor';
  /** Number of features. */
  readonly cols: number;
  /** Number of classes (1 for a regressor). */
  readonly classes: number;
  /** Units of each hidden layer. */
  readonly hidden: readonly number[];
  /** The hidden layers' activation. */
  readonly activation: string;
}

/** A fitted network (src/models/mlp.ts: MlpModel). Shapes: layer l maps in_l to out_l units, widths [cols, …hidden, outputs]. */
export interface Network {
  /** 'mlpClassifier' or 'mlpRegressor'. */
  readonly model: 'mlpClassifier' | 'mlpRegressor';
  /** Number of features. */
  readonly cols: number;
  /** Number of classes (1 for a regressor). */
  readonly classes: number;
  /** Units of each hidden layer. */
  readonly hidden: readonly number[];
  /** The hidden layers' activation. */
  readonly activation: 'relu' | 'tanh' | 'sigmoid' | 'identity';
  /** Outputs of the last layer: a regressor's m targets per row (1 for a 1-D y), 1 for two classes, or K. */
  readonly outputs: number;
  /** Per layer, W_l: in_l·out_l values, row-major (in_l rows of out_l; scikit-learn's `coefs_`). */
  readonly coefs: readonly Float64Array[];
  /** Per layer, b_l: out_l values (scikit-learn's `intercepts_`). */
  readonly intercepts: readonly Float64Array[];
  /**
   * Predictions: a regressor's outputs (n values, or n·m row-major for m targets), a classifier's class index.
   * @param X n rows of {@link Network.cols} features.
   */
  predict(X: FeaturesInput): Float64Array;
  /**
   * Class probabilities, n·K row-major (classifier only: TypeError for a regressor).
   * @param X n rows of {@link Network.cols} features.
   */
  predictProba(X: FeaturesInput): Float64Array;
  /**
   * The output layer's scores: n·outputs values, row-major.
   * @param X n rows of {@link Network.cols} features.
   */
  decisionFunction(X: FeaturesInput): Float64Array;
  /**
   * Accuracy (classifier) or R² (regressor; with m > 1 targets the mean of the m outputs' R², scikit-learn's
   * `multioutput='uniform_average'`).
   * @param X n rows of {@link Network.cols} features.
   * @param y n labels or targets; m > 1 targets: n rows of m or `{ data, rows, cols: m }` ({@link TargetsInput}).
   * @throws RangeError for y of another length or number of targets per row.
   */
  score(X: FeaturesInput, y: LabelsInput | TargetsInput): number;
}

/** What {@link Engine.fit} returns for a network: the {@link Network} and the fit's history. */
export interface NetworkFitResult extends Network {
  /** Objective at each update, measured before it on that update's batch. */
  readonly loss: Float64Array;
  /** Objective per completed epoch (training mean, or the validation objective with validationFraction). */
  readonly epochLoss: Float64Array;
  /** Number of parameter updates applied. */
  readonly iterations: number;
  /** Number of completed epochs. */
  readonly epochs: number;
  /** How the fit ended, as {@link FitResult.status}. */
  readonly status: FitStatus;
  /** The objective on all training rows at the returned parameters (one more pass, on first read). */
  readonly finalLoss: number;
}
