/**
 * The one-call API for the common case: `await fit(X, y, options)` creates the engine once (cached per backend),
 * copies the data in, fits, and frees the copy; `Estimator` wraps it in scikit-learn's shape (options in the
 * constructor, `fit` then `predict`). Same doubles as `engine.dataset` + `engine.fitAsync` on the same
 * backend: it is exactly that sequence.
 */
import { createEngine } from './engine.js';
import { INSPECT } from './inspect.js';
import { DEFAULT_MODEL } from './models/registry.js';
import { MlpModel } from './models/mlp.js';
import { FIT_CALL_KEYS, checkArgCount, checkKeys, describe } from './options/index.js';
import { PROGRESS_LOGGER_KEYS, progressLogger, type ProgressLoggerOptions } from './progress.js';
import type {
  BackendName, ColumnSelection, Engine, EngineOptions, FeaturesInput, FitCommonOptions, FitOptions, FitResult, LabelsInput, MlpFitOptions, Model,
  NetworkFitResult, PartialFitOptions, Progress, TargetsInput,
} from './types.js';

/**
 * Options of {@link fit}: every option of {@link FitOptions}, plus the engine to run on and `verbose`.
 */
export type FitCallOptions = FitOptions & {
  /** `'auto'` (default: WebAssembly where available, else JS), `'wasm'` or `'js'`; as in {@link createEngine}. */
  backend?: 'auto' | BackendName;
  /** `'auto'` (default), or `false` for the scalar WASM build; as in {@link createEngine}. Same results either way. */
  simd?: 'auto' | boolean;
  /**
   * Threads of the fit: a whole number from 1 to 256 or `'auto'` (the cores, at most 16); default 1; as in
   * {@link EngineOptions.threads}. Same results for every count; batches under 16 384 rows run on one thread.
   */
  threads?: 'auto' | number;
  /**
   * Print progress ({@link progressLogger}): `true` for a line at most once a second and a closing line with the
   * status; an object for the logger's options (`{ interval: 0 }`: every report). Default false. Combines with
   * `onProgress` (both are called; `false` from yours still stops the fit).
   */
  verbose?: boolean | ProgressLoggerOptions;
};

/**
 * Options of {@link fit} and {@link Estimator} for a network (`model` 'mlpClassifier' or 'mlpRegressor'): every option
 * of {@link MlpFitOptions} (`lr` required), plus `backend`, `simd`, `threads` and `verbose` as in {@link FitCallOptions}.
 */
export type MlpFitCallOptions = MlpFitOptions & Pick<FitCallOptions, 'backend' | 'simd' | 'threads' | 'verbose'>;

/**
 * What an {@link Estimator} with options `O` holds after `fit`: a {@link NetworkFitResult} for a network's options
 * (`model` 'mlpClassifier' or 'mlpRegressor'), else a {@link FitResult}.
 */
export type EstimatorResult<O> = O extends Pick<MlpFitOptions, 'model'> ? NetworkFitResult : FitResult;

/** Every key of every member of a union of option types: the keys an {@link Estimator}'s options may have. */
type KeysOf<T> = T extends T ? keyof T : never; // distributes over the union
/** The keys an Estimator's options `O` may have: a network's, or a linear model's. */
type EstimatorKeys<O> = O extends Pick<MlpFitOptions, 'model'> ? KeysOf<MlpFitCallOptions> : KeysOf<FitCallOptions>;

const engines = new Map<string, Promise<Engine>>();

/** The options of Estimator.fit (its third argument). */
const ESTIMATOR_FIT_KEYS = ['sampleWeight'];

/** The options of Estimator.partialFit (its third argument). */
const ESTIMATOR_PARTIAL_FIT_KEYS = ['classes', 'sampleWeight'];

/**
 * The constructor's options that bound or stop `fit`'s loop: Estimator.partialFit leaves them out (one epoch per call,
 * no early stopping), as scikit-learn's partial_fit ignores max_iter, tol and early_stopping.
 */
const FIT_LOOP_KEYS = ['maxIterations', 'maxEpochs', 'tol', 'stoppingRule', 'nIterNoChange', 'validationFraction'] as const;

/**
 * The engine {@link fit} uses for these options: created on first use, then shared by every later call with the
 * same `backend`, `simd` and `threads` (a failed creation is not cached).
 * @throws as {@link createEngine}
 */
export function sharedEngine(options: EngineOptions = {}): Promise<Engine> {
  const key = `${String(options.backend ?? 'auto')}/${String(options.simd ?? 'auto')}/${String(options.threads ?? 1)}`;
  let engine = engines.get(key);
  if (!engine) {
    engine = createEngine(options);
    engines.set(key, engine);
    engine.catch(() => engines.delete(key));
  }
  return engine;
}

/**
 * Fits a model in one call: validates and copies X and y into an engine (created once per backend and reused),
 * runs the fit (`engine.fitAsync`: the event loop gets a turn about every 10 ms, so `signal` works), frees the copy,
 * and returns the result. For several fits on the same data, `engine.dataset` once and `engine.fit` each time
 * copies the data only once.
 *
 * The result is the same, bit for bit, as `engine.fit(engine.dataset(X, y), options)` on the same backend; its
 * `finalLoss` and `mse` are evaluated before the copy is freed (one more pass over X).
 * @param X rows, a row-major `{ data, rows, cols }`, or a table (object of columns, Apache Arrow or Arquero)
 * @param y labels (one per row), or with a table the label column's name or `{ label, features }`
 * @param options {@link FitCallOptions}: the fit's options (`lr` required), and `backend`, `simd`, `verbose`
 * @returns the fitted model with its history ({@link FitResult})
 * @throws TypeError/RangeError as {@link Engine.dataset} and {@link Engine.fit} (bad data, unknown or out-of-range
 *   options), before any work; Error as {@link createEngine} when the backend asked for is missing
 * @example
 * const result = await fit([[0], [1], [2], [3]], [1, 3, 5, 7], { lr: 0.1, momentum: 0.9, maxIterations: 500 });
 * result.weights[0]; // ≈ 2; result.intercept ≈ 1
 */
export function fit(X: FeaturesInput, y: LabelsInput | string | ColumnSelection, options: FitCallOptions): Promise<FitResult>;
/**
 * Fits a network in one call (`model` 'mlpClassifier' or 'mlpRegressor'): the same doubles as
 * `engine.fit(engine.dataset(X, y), options)` on the same backend.
 * @param X rows, a row-major `{ data, rows, cols }`, or a table (object of columns, Apache Arrow or Arquero)
 * @param y labels or targets (one per row; for `mlpRegressor` also n rows of m targets, {@link TargetsInput}), or with a
 *   table the label column's name or `{ label, features }`
 * @param options {@link MlpFitCallOptions}: the network's fit options (`lr` required), and `backend`, `simd`, `verbose`
 * @returns the fitted network with its history ({@link NetworkFitResult})
 * @throws as the linear form
 * @example
 * const net = await fit([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0], { model: 'mlpClassifier', hidden: [2], activation: 'tanh', lr: 0.5, momentum: 0.9, maxIterations: 500, seed: 1 });
 * net.predict([[0, 1]]); // Float64Array [1]
 */
export function fit(X: FeaturesInput, y: LabelsInput | TargetsInput | string | ColumnSelection, options: MlpFitCallOptions): Promise<NetworkFitResult>;
/**
 * Either form, for options whose type is the union (an {@link Estimator}'s, say).
 * @param X rows, a row-major `{ data, rows, cols }`, or a table
 * @param y labels or targets, or with a table the label column's name or `{ label, features }`
 * @param options {@link FitCallOptions} or {@link MlpFitCallOptions}
 * @returns a {@link FitResult} or a {@link NetworkFitResult}, by the options' model
 */
export function fit(X: FeaturesInput, y: LabelsInput | TargetsInput | string | ColumnSelection, options: FitCallOptions | MlpFitCallOptions): Promise<FitResult | NetworkFitResult>;
export async function fit(X: FeaturesInput, y: LabelsInput | TargetsInput | string | ColumnSelection, options: FitCallOptions | MlpFitCallOptions): Promise<FitResult | NetworkFitResult> {
  checkArgCount('fit', ['X', 'y', 'options'], arguments);
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`options must be an options object, got ${describe(options)}`);
  }
  checkKeys(options, FIT_CALL_KEYS, 'fit');
  const { backend, simd, threads, verbose, ...rest } = options;
  const fitOptions = rest as FitOptions;
  if (verbose !== undefined && typeof verbose !== 'boolean' && (typeof verbose !== 'object' || verbose === null)) {
    throw new TypeError(`verbose must be true, false or progressLogger options, got ${describe(verbose)}`);
  }
  if (typeof verbose === 'object') checkKeys(verbose, PROGRESS_LOGGER_KEYS, 'verbose');
  const engineOptions: EngineOptions = {};
  if (backend !== undefined) engineOptions.backend = backend;
  if (simd !== undefined) engineOptions.simd = simd;
  if (threads !== undefined) engineOptions.threads = threads;
  const engine = await sharedEngine(engineOptions);
  let logger: ReturnType<typeof progressLogger> | null = null;
  if (verbose) {
    logger = progressLogger({ ...(fitOptions.maxEpochs !== undefined ? { epochs: fitOptions.maxEpochs } : {}), ...(verbose === true ? {} : verbose) });
    const user = fitOptions.onProgress, log = logger;
    fitOptions.onProgress = user ? (p: Progress) => { log(p); return user(p); } : log;
  }
  const data = engine.dataset(X, y);
  try {
    // One call for both forms: the engine picks the network or the linear fit by the options' model.
    const result: FitResult | NetworkFitResult = await engine.fitAsync(data, fitOptions);
    logger?.done(result);
    return result;
  } finally {
    data.dispose();
  }
}

/**
 * An estimator in the style of scikit-learn and ml.js: the options go to the constructor, `await est.fit(X, y)`
 * learns (with {@link fit}: engine shared per backend, data copied and freed) and returns the estimator, then
 * `predict`, `predictProba`, `decisionFunction` and `score` use the fitted model. Fitting again replaces the model.
 * With a network's options (`model` 'mlpClassifier' or 'mlpRegressor', {@link MlpFitCallOptions}) it fits a network
 * and `result` is a {@link NetworkFitResult} (the type parameter `O`, inferred from the constructor's argument, says
 * which: {@link EstimatorResult}).
 * @typeParam O the options' type: {@link FitCallOptions} (default) or {@link MlpFitCallOptions}
 * @example
 * const est = new Estimator({ model: 'logistic', lr: 0.5, momentum: 0.9, maxIterations: 200 });
 * await est.fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
 * est.predict([[0.2], [2.8]]); // Float64Array [0, 1]
 * const net = new Estimator({ model: 'mlpClassifier', hidden: [8], activation: 'tanh', lr: 0.5, momentum: 0.9, maxIterations: 500 });
 * await net.fit([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]);
 * net.result?.coefs; // per layer W_l (a NetworkFitResult)
 */
export class Estimator<O extends FitCallOptions | MlpFitCallOptions = FitCallOptions> {
  /** The options every `fit` uses (a shallow copy of the constructor's argument). */
  readonly options: O;
  /** The last fit's result (the model and its history; a network's for a network's options), or null before the first `fit`. */
  result: EstimatorResult<O> | null = null;

  /**
   * @param options {@link FitCallOptions} or {@link MlpFitCallOptions}: `lr` is required; validated by `fit`, which
   *   throws as {@link fit} does (an unknown key is also a type error)
   * @throws TypeError when `options` is not an object or has an unknown key, or for an extra argument
   */
  constructor(options: O & { [K in Exclude<keyof O, EstimatorKeys<O>>]: never }) {
    checkArgCount('new Estimator', ['options'], arguments);
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new TypeError(`options must be an options object, got ${describe(options)}`);
    }
    checkKeys(options, FIT_CALL_KEYS, 'Estimator');
    this.options = { ...options };
  }

  /**
   * Fits the model to X and y ({@link fit}) and keeps the result in `result`.
   * @param X rows, a row-major `{ data, rows, cols }`, or a table (object of columns, Apache Arrow or Arquero)
   * @param y labels (one per row; for `mlpRegressor` also n rows of m targets, {@link TargetsInput}), or with a table
   *   the label column's name or `{ label, features }`
   * @param options `sampleWeight`: one weight ≥ 0 per row for this fit (scikit-learn's `fit(X, y, sample_weight)`;
   *   see {@link FitCommonOptions.sampleWeight}); default `{}`.
   * @returns this estimator, fitted
   * @throws as {@link fit}; RangeError for `sampleWeight` given both here and to the constructor; a failed fit leaves
   *   the previous result in place
   */
  async fit(X: FeaturesInput, y: LabelsInput | TargetsInput | string | ColumnSelection, options: { sampleWeight?: ArrayLike<number> } = {}): Promise<this> {
    checkArgCount('fit', ['X', 'y', 'options'], arguments);
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new TypeError(`options must be an options object, got ${describe(options)}`);
    }
    checkKeys(options, ESTIMATOR_FIT_KEYS, 'Estimator.fit');
    let o: FitCallOptions | MlpFitCallOptions = this.options;
    if (options.sampleWeight !== undefined) {
      if ((o as { sampleWeight?: unknown }).sampleWeight !== undefined) {
        throw new RangeError('sampleWeight was given twice: to the Estimator\'s constructor and to fit; give it in one place');
      }
      o = { ...o, sampleWeight: options.sampleWeight } as FitCallOptions;
    }
    this.result = await fit(X, y, o) as EstimatorResult<O>;
    return this;
  }

  /** The result of the last partialFit call, while it is `result` (a fit in between starts a new sequence). */
  private partialResult: FitResult | null = null;

  /**
   * One epoch over a new chunk of data, continuing the estimator's sequence of partialFit calls (scikit-learn's
   * `partial_fit`): {@link Engine.partialFit} on the shared engine (the chunk copied in and freed), with the
   * constructor's options less those that bound or stop `fit`'s loop (`maxIterations`, `maxEpochs`, `tol`,
   * `stoppingRule`, `nIterNoChange`, `validationFraction`: ignored here, as scikit-learn's partial_fit ignores
   * `max_iter` and `tol`). The first call starts from zeros (or the constructor's `warmStart`), or, after a `fit`, from
   * the fitted model with a fresh optimizer state; each later call continues from the previous call's
   * {@link FitResult.optimizerState}. `fit` ends the sequence. Calls on chunks c₁ … c_m equal the same
   * engine.partialFit calls, bit for bit. `verbose` is not applied (one epoch; see `onProgress`).
   * @param X the chunk's rows (as {@link fit} takes them); every chunk has the same number of columns.
   * @param y the chunk's labels (one per row), or with a table the label column's name or `{ label, features }`.
   * @param options `classes`: the number of classes K, required on the first call for softmax and for one-vs-rest
   *   (labels beyond 0/1), since a later chunk may hold classes this one lacks (scikit-learn's `classes`); later calls
   *   may repeat it. `sampleWeight`: one weight ≥ 0 per row of this chunk. Default `{}`.
   * @returns this estimator, its `result` the model after this call
   * @throws TypeError for an unknown option; RangeError for a chunk with another number of columns, a class beyond
   *   the sequence's K, `classes` missing on the first call of softmax or one-vs-rest, `sampleWeight` also given to
   *   the constructor, a previous partialFit call that diverged or was aborted (its state cannot be continued), and
   *   the errors of {@link Engine.partialFit}; a failed call leaves `result` in place
   * @example
   * const est = new Estimator({ model: 'logistic', lr: 0.1, momentum: 0.9 });
   * await est.partialFit([[0], [3]], [0, 1], { classes: 2 });
   * await est.partialFit([[1], [2]], [0, 1]); // continues: velocity, step count, schedule position
   */
  async partialFit(X: FeaturesInput, y: LabelsInput | string | ColumnSelection, options: { classes?: number; sampleWeight?: ArrayLike<number> } = {}): Promise<this> {
    checkArgCount('partialFit', ['X', 'y', 'options'], arguments);
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new TypeError(`options must be an options object, got ${describe(options)}`);
    }
    checkKeys(options, ESTIMATOR_PARTIAL_FIT_KEYS, 'Estimator.partialFit');
    const { backend, simd, threads, verbose: _verbose, ...rest } = this.options;
    const o = { ...rest } as Record<string, unknown>;
    for (const key of FIT_LOOP_KEYS) delete o[key];
    if (options.sampleWeight !== undefined) {
      if (o.sampleWeight !== undefined) {
        throw new RangeError('sampleWeight was given twice: to the Estimator\'s constructor and to partialFit; give it in one place');
      }
      o.sampleWeight = options.sampleWeight;
    }
    if (options.classes !== undefined) o.classes = options.classes;
    const prev = this.result;
    if (prev && prev === this.partialResult) {
      if (!prev.optimizerState) {
        throw new RangeError(
          `partialFit cannot continue: the previous partialFit call ended with status '${prev.status}' and left no optimizer ` +
          'state; call fit, or set estimator.result = null to start a new sequence',
        );
      }
      delete o.warmStart;
      o.from = prev.optimizerState;
    } else if (prev) {
      // After fit: a new sequence from the fitted model (scikit-learn's partial_fit continues from coef_).
      o.warmStart = prev;
      if (o.classes === undefined && prev.classes > 1) o.classes = prev.classes;
    }
    const engineOptions: EngineOptions = {};
    if (backend !== undefined) engineOptions.backend = backend;
    if (simd !== undefined) engineOptions.simd = simd;
    if (threads !== undefined) engineOptions.threads = threads;
    const engine = await sharedEngine(engineOptions);
    const data = engine.dataset(X, y);
    try {
      if (prev && data.cols !== prev.cols) {
        throw new RangeError(`X must have ${prev.cols} columns, as the data this estimator has seen, got ${data.cols}`);
      }
      // Its finalLoss and mse are evaluated when the chunk is disposed (one more pass over it), as fit's are.
      const r = engine.partialFit(data, o as never as PartialFitOptions);
      this.partialResult = r;
      this.result = r as EstimatorResult<O>; // networks are refused by engine.partialFit
    } finally {
      data.dispose();
    }
    return this;
  }

  private fitted(): FitResult | NetworkFitResult {
    if (!this.result) throw new TypeError('This Estimator is not fitted yet: call await estimator.fit(X, y) first');
    return this.result;
  }

  /**
   * {@link Model.predict} of the fitted model: n predictions.
   * @param X n rows of the fitted model's `cols` features (as {@link Engine.dataset} takes them).
   * @throws TypeError before `fit`, and as {@link Model.predict}
   */
  predict(X: FeaturesInput): Float64Array {
    checkArgCount('predict', ['X'], arguments);
    return this.fitted().predict(X);
  }

  /**
   * {@link Model.predictProba} of the fitted model (logistic: n values; softmax: n·K row-major).
   * @param X n rows of the fitted model's `cols` features (as {@link Engine.dataset} takes them).
   * @throws TypeError before `fit`, and as {@link Model.predictProba} (TypeError for linear, ridge and hinge)
   */
  predictProba(X: FeaturesInput): Float64Array {
    checkArgCount('predictProba', ['X'], arguments);
    return this.fitted().predictProba(X);
  }

  /**
   * {@link Model.decisionFunction} of the fitted model: scores z = x·w + b (n values, or n·K row-major for softmax).
   * @param X n rows of the fitted model's `cols` features (as {@link Engine.dataset} takes them).
   * @throws TypeError before `fit`, and as {@link Model.decisionFunction}
   */
  decisionFunction(X: FeaturesInput): Float64Array {
    checkArgCount('decisionFunction', ['X'], arguments);
    return this.fitted().decisionFunction(X);
  }

  /**
   * R² (regression) or accuracy (classifiers) of the fitted model on X, y ({@link Model.score}).
   * @param X n rows of the fitted model's `cols` features (as {@link Engine.dataset} takes them).
   * @param y the true values or labels, n of them (booleans read as 0/1); for a multi-output `mlpRegressor`, n rows of
   *   m targets ({@link TargetsInput}: R² averaged over the targets).
   * @throws TypeError before `fit`, and as {@link Model.score} (a linear model refuses rows of targets)
   */
  score(X: FeaturesInput, y: LabelsInput | TargetsInput): number {
    checkArgCount('score', ['X', 'y'], arguments);
    const model = this.fitted();
    return model instanceof MlpModel ? model.score(X, y) : model.score(X, y as LabelsInput);
  }

  /** `Estimator { unfitted, options: … }`, or the fitted result's one-line summary. */
  toString(): string {
    checkArgCount('toString', [], arguments);
    return this.result ? `Estimator { ${String(this.result)} }` : `Estimator { unfitted, model: '${this.options.model ?? DEFAULT_MODEL}', optimizer: '${this.options.optimizer ?? 'sgd'}' }`;
  }

  /** What `console.log(estimator)` shows: {@link Estimator.toString}. */
  [INSPECT](): string {
    return this.toString();
  }
}
