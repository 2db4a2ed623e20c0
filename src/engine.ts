/**
 * createEngine and the Engine both backends share: validation before any work, dataset handles (owner, labels,
 * disposed flag), the fit driver (validation split, chunks of epochs for progress and abort), and results as
 * models built from copies. The numerical work is the backend's (src/backend.ts).
 */
import type { Backend, FitRun, FitWeights, StoredData } from './backend.js';
import { isTable, normalizeInput } from './columnar.js';
import { INSPECT } from './inspect.js';
import { JsBackend } from './js/engine.js';
import * as L from './abi/layout.js';
import { LinearModel } from './models/model.js';
import { MODELS } from './models/registry.js';
import {
  checkArgCount, checkDataset, checkDtype, checkFitOptions, checkKeys, checkOptimizerOptions, checkSgdOptions, describe, holdOutRows,
  labelInfo, requireObject, toFloat64, type FitConfig, type LabelInfo, checkSampleWeight, checkWeightTotals, rowWeights,
} from './options/index.js';
import { allocate } from './preprocess.js';
import { Optimizer, optimizerId } from './optimizer.js';
import { fitSizes, type FitSizes } from './plan.js';
import { MlpModel, type ActivationName } from './models/mlp.js';
import { mlpSegments } from './nn/plan.js';
import { resolveAuto, type AutoResolved } from './auto.js';
import { OneVsRestDriver, isOneVsRest, type ClassDriver, type ClassParts, type FitOutcome, type PendingObjective } from './ovr.js';
import { createRandom } from './random.js';
import { checkPartialFitOptions, onlineState } from './online.js';
import type {
  AutoReport, BackendName, ClassFit, ColumnSelection, Dataset, DatasetOptions, Engine, EngineOptions, FeaturesInput, FitOptions, FitResult, FitStatus, LabelsInput, TargetsInput,
  OnlineState, OptimizerOptions, OptimizerSettings, PartialFitOptions, SgdOptimizer, SgdOptions, MlpFitOptions, NetworkFitResult,
} from './types.js';
import { hasSimd, hasWebAssembly, loadCore, loadThreadedCore, resolveWasm, threadsUnavailable, type CoreExports } from './wasm/load.js';
import { startThreads } from './wasm/threads.js';
import { WasmBackend } from './wasm/engine.js';

const ABORTED = -1;
const STATUS: Record<number, FitStatus> = {
  [L.CONVERGED]: 'converged', [L.NO_IMPROVEMENT]: 'noImprovement', [L.MAX_ITERATIONS]: 'maxIterations',
  [L.DIVERGED]: 'diverged', [ABORTED]: 'aborted',
};

/**
 * The objective at a fit's returned parameters, evaluated on first use: one more pass over X that a caller who
 * never reads `finalLoss` or `mse` does not pay. The dataset evaluates the most recent unread ones just before it
 * is disposed (PENDING_AT_DISPOSE of them, so that memory stays bounded however many fits it serves).
 */
class LazyObjective {
  private cache: { finalLoss: number; mse: number } | null = null;
  constructor(private readonly impl: Backend, private readonly handle: DatasetHandle, private readonly config: FitConfig,
    private readonly params: Float64Array, private readonly weights: Float64Array | null) {
    handle.watch(this);
  }
  get(): { finalLoss: number; mse: number } {
    if (!this.cache) {
      if (this.handle.disposed) {
        throw new TypeError(
          `finalLoss: the dataset was disposed before this fit's finalLoss (or mse) was read, and it was not among the ` +
          `${PENDING_AT_DISPOSE} most recent fits evaluated at dispose; read it before data.dispose()`,
        );
      }
      const c = this.config, data = this.handle.data();
      const w = this.weights;
      const finalLoss = this.impl.objective(data, c, this.params, c.alpha, w);
      // 2J is the mean squared error for the squared loss only (J = Σr²/(2n); weighted: Σcᵢrᵢ²/(2n)).
      const mse = c.lossId === L.LOSS_SQUARED
        ? 2 * (c.alpha === 0 ? finalLoss : this.impl.objective(data, c, this.params, 0, w))
        : NaN;
      this.cache = { finalLoss, mse };
      this.handle.unwatch(this);
    }
    return this.cache;
  }
}

type ModelParts = ConstructorParameters<typeof LinearModel>;

/** A fit's result: the model, its history, and its objective at the returned parameters (evaluated lazily). */
class FittedModel extends LinearModel implements FitResult {
  /** Not a one-vs-rest fit. */
  readonly perClass: readonly ClassFit[] | null = null;
  constructor(
    parts: ModelParts, readonly loss: Float64Array, readonly epochLoss: Float64Array, readonly iterations: number,
    readonly epochs: number, readonly status: FitStatus, private readonly objective: LazyObjective,
    readonly auto: AutoReport | null, readonly optimizerState: OnlineState | null = null,
  ) {
    super(...parts);
  }
  get finalLoss(): number {
    return this.objective.get().finalLoss;
  }
  get mse(): number {
    return this.objective.get().mse;
  }
}

/**
 * A network fit's result (issue 16): the {@link MlpModel}, its history and its objective at the returned parameters
 * (the data term + (α/2)·Σ‖W_l‖², evaluated lazily). `mse` is NaN.
 */
export class FittedMlp extends MlpModel {
  constructor(
    parts: ConstructorParameters<typeof MlpModel>, readonly loss: Float64Array, readonly epochLoss: Float64Array,
    readonly iterations: number, readonly epochs: number, readonly status: FitStatus, private readonly objective: LazyObjective,
  ) {
    super(...parts);
  }
  /** J at the returned parameters on all training rows (one more pass, on first read). */
  get finalLoss(): number {
    return this.objective.get().finalLoss;
  }
}

/** How many unread fit objectives a dataset evaluates when it is disposed. */
const PENDING_AT_DISPOSE = 8;

class DatasetHandle implements Dataset {
  private stored: StoredData | null;
  /** The most recent fits whose objective is not evaluated yet. */
  private readonly pending: PendingObjective[] = [];
  constructor(readonly owner: MomentumEngine, stored: StoredData, readonly labels: LabelInfo, readonly y: Float64Array,
    readonly sampleWeight: Float64Array | null = null) {
    this.stored = stored;
  }
  watch(lazy: PendingObjective): void {
    this.pending.push(lazy);
    if (this.pending.length > PENDING_AT_DISPOSE) this.pending.shift();
  }
  unwatch(lazy: PendingObjective): void {
    const k = this.pending.indexOf(lazy);
    if (k >= 0) this.pending.splice(k, 1);
  }
  get rows(): number {
    return this.data().rows;
  }
  get cols(): number {
    return this.data().cols;
  }
  get dtype(): 'float64' | 'float32' {
    return this.data().dtype;
  }
  get bytes(): number {
    return this.data().bytes;
  }
  get disposed(): boolean {
    return this.stored === null;
  }
  /** The backend's storage; throws a TypeError once disposed. */
  data(): StoredData {
    if (!this.stored) throw new TypeError('data: this Dataset was disposed; create a new one with engine.dataset(X, y)');
    return this.stored;
  }
  /** `Dataset { rows: 100, cols: 3, backend: 'wasm' }`, or `Dataset { disposed: true }`. */
  toString(): string {
    if (!this.stored) return 'Dataset { disposed: true }';
    const { rows, cols, dtype } = this.stored;
    return `Dataset { rows: ${rows}, cols: ${cols}, ${dtype === 'float32' ? "dtype: 'float32', " : ''}backend: '${this.owner.backend}' }`;
  }
  [INSPECT](): string {
    return this.toString();
  }
  dispose(): void {
    checkArgCount('dataset.dispose', [], arguments);
    if (this.stored) {
      for (const lazy of [...this.pending]) lazy.get();
      this.pending.length = 0;
      this.stored.release();
      this.stored = null;
    }
  }
}

/** A growing Float64Array (amortised doubling). */
class Growable {
  private buf: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.buf = new Float64Array(capacity);
  }
  push(values: Float64Array): void {
    if (this.length + values.length > this.buf.length) {
      const next = new Float64Array(Math.max(2 * this.buf.length, this.length + values.length));
      next.set(this.buf.subarray(0, this.length));
      this.buf = next;
    }
    this.buf.set(values, this.length);
    this.length += values.length;
  }
  last(): number {
    return this.length ? this.buf[this.length - 1]! : NaN;
  }
  toArray(): Float64Array {
    return this.buf.slice(0, this.length);
  }
}

/**
 * A fit in progress, driven in chunks of epochs by fit and fitAsync; drains the backend's loss rings. Also one class's
 * problem of a one-vs-rest fit (src/ovr.ts), started on `parts` (its training and validation rows, labels [y = k]).
 */
class FitDriver implements ClassDriver {
  readonly run: FitRun;
  private readonly parts: StoredData[] = [];
  private readonly loss: Growable;
  private readonly epochLoss: Growable;
  private readonly sizes: FitSizes;
  status = L.RUNNING;
  /** The last epoch reported to onProgress. */
  private reported = 0;
  /** η of epoch e: the schedule's, or the constant lr. */
  private readonly lrAt: (epoch: number) => number;

  private readonly data: StoredData;
  readonly config: FitConfig;
  /** lr / momentum 'auto' and restart, resolved from the estimate of L (src/auto.ts), or null. */
  private readonly auto: AutoResolved | null = null;
  /** The per-row weights cᵢ of all the dataset's rows (src/options/weights.ts), or null for an unweighted fit. */
  private readonly weights: Float64Array | null;

  constructor(private readonly impl: Backend, private readonly handle: DatasetHandle, config: FitConfig, parts?: ClassParts) {
    const data = handle.data();
    this.data = data;
    // A one-vs-rest class fits its labels [y = k] on the rows split by the K-class label (src/ovr.ts).
    const y = parts ? parts.y : handle.y;
    const classifier = MODELS[config.model].classifier;
    const c = (this.weights = rowWeights(config.sampleWeight ?? handle.sampleWeight, config.classWeight, y, config.classes));
    let train = data, val: StoredData | null = null;
    let weights: FitWeights | null = c && { train: c, validation: null };
    if (config.validationFraction > 0) {
      const { trainRows, valRows } = parts ? parts.split! : splitRows(y, config);
      if (c) {
        // The hold-out keeps its rows' weights.
        weights = { train: pick(c, trainRows), validation: pick(c, valRows) };
        checkWeightTotals(weights.train, pick(y, trainRows), classifier, config.classes, 'training');
        checkWeightTotals(weights.validation!, pick(y, valRows), false, config.classes, 'validation');
      }
      if (parts) ({ train, val } = parts); // not this driver's to release
      else {
        train = impl.subset(data, trainRows);
        this.parts.push(train);
        val = impl.subset(data, valRows);
        this.parts.push(val);
      }
    } else {
      if (parts) train = parts.train;
      if (c) checkWeightTotals(c, y, classifier, config.classes, 'training');
    }
    if (config.auto) {
      try {
        this.auto = resolveAuto(impl, train, config, weights ? weights.train : null);
      } catch (e) {
        this.release();
        throw e;
      }
      config = this.auto.config;
    }
    this.config = config;
    const z = (this.sizes = fitSizes(config, train.rows, train.cols));
    this.loss = new Growable(z.lossCap);
    this.epochLoss = new Growable(z.epochCap);
    try {
      this.run = impl.startFit(train, val, config, weights);
    } catch (e) {
      this.release();
      throw e;
    }
    const lr = config.lr, schedule = config.lrAt;
    // engine.partialFit: call k runs epoch k of the schedule (src/online.ts).
    const offset = config.resume ? config.resume.epoch : 0;
    this.lrAt = schedule ? (offset === 0 ? schedule : (e) => schedule(offset + e)) : () => lr;
  }

  /** Runs `epochs` more epochs (or to the end), in pieces that fit the rings; returns true when the fit ended. */
  chunk(epochs: number): boolean {
    const c = this.config, run = this.run, z = this.sizes;
    if (c.signal?.aborted) { this.status = ABORTED; return true; }
    const target = Math.min(run.epoch + epochs, 2 ** 31 - 1);
    for (;;) {
      const e0 = run.epoch, t0 = run.iteration;
      const eStop = Math.min(target, e0 + z.epochCap);
      // The learning rates of the epochs this piece can start, by one path: η of epoch e from the schedule (a
      // constant η is the schedule e ↦ lr), written into the ring just before the kernel reads them.
      const lrs = new Float64Array(Math.max(0, Math.min(eStop, c.epochs) - e0));
      for (let k = 0; k < lrs.length; k++) lrs[k] = this.lrAt(e0 + k);
      run.writeLrs(e0, lrs);
      this.status = run.run(eStop, t0 + z.lossCap - 1);
      const t1 = run.iteration + (this.status === L.DIVERGED ? 1 : 0);
      this.loss.push(run.readRing('loss', t0, t1 - t0));
      this.epochLoss.push(run.readRing('epochLoss', e0, run.epoch - e0));
      if (this.status !== L.RUNNING) {
        // The epochs that ended the fit are reported too (once), so a progress line or chart shows where it stopped.
        if (c.onProgress && run.epoch > this.reported) this.report();
        return true;
      }
      if (run.epoch >= target) break;
    }
    if (c.onProgress && this.report() === false) {
      this.status = ABORTED;
      return true;
    }
    if (c.signal?.aborted) { this.status = ABORTED; return true; }
    return false;
  }

  /** Calls onProgress with the epochs so far; returns what it returned. */
  private report(): void | boolean {
    this.reported = this.run.epoch;
    return this.config.onProgress!({ epoch: this.run.epoch, iteration: this.run.iteration, loss: this.epochLoss.last() });
  }

  /** Stops the fit here with status 'aborted' (a one-vs-rest fit's abort, src/ovr.ts). */
  abort(): void {
    this.status = ABORTED;
  }

  /** The last completed epoch's objective (NaN before the first). */
  get lastEpochLoss(): number {
    return this.epochLoss.last();
  }

  result(): FitResult {
    const c = this.config, o = this.outcome(), raw = o.raw;
    const d = this.data.cols, K = c.outputs;
    if (c.mlp) {
      // A network (issue 16): its parameters per layer, copies (src/nn/plan.ts: θ's layout).
      const table = mlpSegments(c.mlp, d, K);
      const coefs: Float64Array[] = [], intercepts: Float64Array[] = [];
      for (let l = 0; l < table.length; l += 2) {
        coefs.push(raw.params.slice(table[l]![0], table[l]![0] + table[l]![1]));
        intercepts.push(raw.params.slice(table[l + 1]![0], table[l + 1]![0] + table[l + 1]![1]));
      }
      const act = (['identity', 'relu', 'tanh', 'sigmoid'] as const)[c.mlp.activation]! as ActivationName;
      const lazy = new LazyObjective(this.impl, this.handle, c, raw.params, this.weights);
      return new FittedMlp(
        [c.mlpModel!, d, c.mlpModel === 'mlpRegressor' ? 1 : c.classes, c.mlp.hidden, act, coefs, intercepts],
        o.loss, o.epochLoss, o.iterations, o.epochs, o.status, lazy,
      ) as unknown as FitResult;
    }
    const model: ModelParts = [c.model, d, c.classes, raw.params.slice(0, K * d), c.fitIntercept ? raw.params.slice(K * d) : new Float64Array(K)];
    return new FittedModel(
      model, o.loss, o.epochLoss, o.iterations, o.epochs, o.status,
      new LazyObjective(this.impl, this.handle, c, raw.params, this.weights), o.auto, this.onlineState(),
    );
  }

  /** engine.partialFit: the state for the next call, once the call's epoch completed (else null). */
  onlineState(): OnlineState | null {
    const c = this.config;
    return c.resume && this.status === L.MAX_ITERATIONS ? onlineState(c, this.data.cols, this.run.snapshot(), this.run.epoch) : null;
  }

  /** The parameters and the history, copied out; a RangeError when J(θ₀) is not finite. */
  outcome(): FitOutcome & { raw: ReturnType<FitRun['result']> } {
    const raw = this.run.result();
    const loss = this.loss.toArray();
    if (this.status === L.DIVERGED && raw.iterations === 0 && loss.length > 0 && !Number.isFinite(loss[0]!)) {
      // Not a divergence: nothing was stepped. The objective at θ₀ (a sum of squared residuals, or a score x·w)
      // exceeds f64 for finite inputs, so no step can be taken truthfully (issue 19: a clear error, not a status).
      throw new RangeError(
        `the objective at the starting parameters is not finite (J(θ₀) = ${loss[0]}): X, y, initialWeights or ` +
        'initialIntercept are too large in magnitude for f64 (a squared residual or a score beyond 1.8e308); ' +
        'scale them, e.g. standardize(X) and y divided by a power of two',
      );
    }
    return {
      raw, params: raw.params, loss, epochLoss: this.epochLoss.toArray(), iterations: raw.iterations, epochs: raw.epochs,
      status: STATUS[this.status]!, auto: this.auto ? this.auto.report(raw) : null,
    };
  }

  release(): void {
    this.run?.release();
    for (const p of this.parts) p.release();
  }
}

/** values[rows[k]] for each k: a subset's labels or weights, in the subset's row order. */
function pick(values: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]!]!;
  return out;
}

/**
 * @internal (exported for the weights tests, not by the package)
 * The validation split: ⌈f·n⌉ rows (holdOutRows, trainTestSplit's rule), seeded; for classifiers stratified by label
 * with trainTestSplit's largest-remainder allocation (every class keeps a training row).
 * @internal exported for the one-vs-rest tests (test/contract/ovr.test.ts); not part of the package's API.
 */
export function splitRows(y: Float64Array, c: Pick<FitConfig, 'seed' | 'model' | 'validationFraction'>): { trainRows: Uint32Array; valRows: Uint32Array } {
  const n = y.length;
  const rng = createRandom((c.seed ^ 0x632be5ab) | 0);
  const groups = new Map<number, number[]>();
  const classifier = MODELS[c.model].classifier;
  for (let i = 0; i < n; i++) {
    const key = classifier ? y[i]! : 0;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(i);
  }
  const keys = [...groups.keys()].sort((a, b) => a - b);
  const nVal = holdOutRows(c.validationFraction, n);
  if (nVal > n - keys.length) {
    throw new RangeError(
      `validationFraction ${c.validationFraction} is too large: ⌈${c.validationFraction}·${n}⌉ = ${nVal} held-out rows leave fewer than one training row for each of ${keys.length} classes`,
    );
  }
  const take = allocate(keys.map((key) => groups.get(key)!.length), nVal, n);
  const train: number[] = [], val: number[] = [];
  keys.forEach((key, c) => {
    const g = groups.get(key)!;
    for (let i = g.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [g[i], g[j]] = [g[j]!, g[i]!];
    }
    val.push(...g.slice(0, take[c]));
    train.push(...g.slice(take[c]));
  });
  return { trainRows: Uint32Array.from(train.sort((a, b) => a - b)), valRows: Uint32Array.from(val.sort((a, b) => a - b)) };
}

/** sampleWeight comes with the dataset or with the fit, not both. */
function checkOneSampleWeight(config: FitConfig, h: DatasetHandle): void {
  if (config.sampleWeight && h.sampleWeight) {
    throw new RangeError(
      'sampleWeight was given twice: with the dataset (engine.dataset(X, y, { sampleWeight })) and in the fit options; ' +
      'give it in one place (a dataset without sampleWeight takes the fit\'s)',
    );
  }
}

class MomentumEngine implements Engine {
  private threadsWhy: string | undefined;

  constructor(
    private readonly impl: Backend, readonly fallbackReason: string | undefined = undefined,
    threadsReason: string | undefined = undefined,
  ) {
    this.threadsWhy = threadsReason;
  }

  get threads(): number {
    return this.impl instanceof WasmBackend && this.impl.pool ? this.impl.pool.count : 1;
  }

  get threadsReason(): string | undefined {
    return this.threadsWhy;
  }

  async dispose(): Promise<void> {
    if (this.impl instanceof WasmBackend && this.impl.pool) {
      const pool = this.impl.pool;
      this.impl.pool = null;
      this.threadsWhy = 'engine.dispose() ended the worker threads';
      await pool.dispose();
    }
  }

  get backend(): BackendName {
    return this.impl.name;
  }

  get simd(): boolean {
    return this.impl.simd;
  }

  /** `Engine { backend: 'wasm', simd: true, threads: 1 }`, also what `console.log(engine)` shows. */
  toString(): string {
    return `Engine { backend: '${this.backend}', simd: ${this.simd}, threads: ${this.threads} }`;
  }
  [INSPECT](): string {
    return this.toString();
  }

  /** @internal the backend, for tests and benchmarks of this package. */
  get internals(): Backend {
    return this.impl;
  }

  dataset(X: FeaturesInput, y: LabelsInput | TargetsInput | string | ColumnSelection, options: DatasetOptions = {}): Dataset {
    checkArgCount('engine.dataset', ['X', 'y', 'options'], arguments);
    const o = requireObject('options', options) as DatasetOptions;
    checkKeys(o, DATASET_OPTIONS, 'engine.dataset');
    // A table becomes row-major (src/columnar.ts); a weight column's name is read there.
    const given = normalizeInput(X, y as LabelsInput | string | ColumnSelection, typeof o.sampleWeight === 'string' && isTable(X) ? o.sampleWeight : null);
    const dtype = checkDtype(o.dtype);
    const input = checkDataset(given.X, given.y, this.impl.maxDatasetBytes, dtype);
    const sw = given.sampleWeight ?? (o.sampleWeight === undefined ? null : checkSampleWeight('sampleWeight', o.sampleWeight, input.rows));
    // The labels the split, the weights and the label rules read: y, or a multi-output y's first column (only
    // mlpRegressor takes m > 1 targets, and it reads no label rule).
    const m = input.yCols;
    const labels = m === 1 ? Float64Array.from(input.y) : Float64Array.from({ length: input.rows }, (_, i) => input.y[i * m]!);
    return new DatasetHandle(this, this.impl.storeDataset(input), labelInfo(labels, m), labels, sw);
  }

  private handle(data: Dataset): DatasetHandle {
    if (!(data instanceof DatasetHandle) || data.owner !== this) {
      throw new TypeError(`data must be a Dataset made by this engine's dataset(X, y), got ${describe(data)}`);
    }
    data.data();
    return data;
  }

  private driver(data: Dataset, options: FitOptions | MlpFitOptions): FitDriver | OneVsRestDriver {
    const h = this.handle(data);
    const stored = h.data();
    const config = checkFitOptions(options, stored.rows, stored.cols, h.labels);
    checkOneSampleWeight(config, h);
    if (isOneVsRest(config)) return this.oneVsRest(h, config);
    return new FitDriver(this.impl, h, config);
  }

  /** K binary problems [y = k] (src/ovr.ts): one split by the K-class label, then one FitDriver each. */
  private oneVsRest(h: DatasetHandle, config: FitConfig): OneVsRestDriver {
    return new OneVsRestDriver(this.impl, h, config, {
      split: (c) => splitRows(h.y, c),
      classDriver: (c, parts) => new FitDriver(this.impl, h, c, parts),
      disposedError: () => new TypeError(
        `finalLoss: the dataset was disposed before this fit's finalLoss was read, and it was not among the ` +
        `${PENDING_AT_DISPOSE} most recent fits evaluated at dispose; read it before data.dispose()`,
      ),
    });
  }

  fit(data: Dataset, options: FitOptions): FitResult;
  fit(data: Dataset, options: MlpFitOptions): NetworkFitResult;
  fit(data: Dataset, options: FitOptions | MlpFitOptions): FitResult | NetworkFitResult {
    checkArgCount('engine.fit', ['data', 'options'], arguments);
    return this.runSync(this.driver(data, options));
  }

  partialFit(data: Dataset, options: PartialFitOptions): FitResult {
    checkArgCount('engine.partialFit', ['data', 'options'], arguments);
    const h = this.handle(data);
    const stored = h.data();
    const config = checkPartialFitOptions(options, stored.rows, stored.cols, h.labels);
    checkOneSampleWeight(config, h);
    // One-vs-rest: one epoch of each of the K binary problems, each continuing its part of the state.
    return this.runSync(isOneVsRest(config) ? this.oneVsRest(h, config) : new FitDriver(this.impl, h, config));
  }

  /** Runs a fit to its end synchronously, in chunks of progressEvery epochs when progress or abort is asked for. */
  private runSync(drv: FitDriver | OneVsRestDriver): FitResult {
    try {
      const c = drv.config;
      const every = c.onProgress || c.signal ? c.progressEvery : 2 ** 31 - 1;
      while (!drv.chunk(every));
      return drv.result();
    } finally {
      drv.release();
    }
  }

  fitAsync(data: Dataset, options: FitOptions): Promise<FitResult>;
  fitAsync(data: Dataset, options: MlpFitOptions): Promise<NetworkFitResult>;
  async fitAsync(data: Dataset, options: FitOptions | MlpFitOptions): Promise<FitResult | NetworkFitResult> {
    checkArgCount('engine.fitAsync', ['data', 'options'], arguments);
    const drv = this.driver(data, options);
    try {
      // Chunks of progressEvery epochs (default 1) when progress is reported or asked for; otherwise chunks sized to
      // ~10 ms of work.
      // The event loop gets a turn every ~10 ms of work, through a MessageChannel: browsers clamp repeated
      // setTimeout(0) to 4 ms, which would dominate short chunks.
      const fixed = options.progressEvery !== undefined || drv.config.onProgress !== null;
      let every = fixed ? drv.config.progressEvery : 1;
      let lastYield = performance.now();
      for (;;) {
        const t0 = performance.now();
        if (drv.chunk(every)) break;
        const now = performance.now();
        if (!fixed) every = Math.max(1, Math.min(1 << 20, Math.round(every * (now > t0 ? 10 / (now - t0) : 4))));
        if (now - lastYield >= 10) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
      }
      return drv.result();
    } finally {
      drv.release();
    }
  }

  sgd(params: ArrayLike<number>, options: SgdOptions): SgdOptimizer {
    checkArgCount('engine.sgd', ['params', 'options'], arguments);
    return this.makeOptimizer(params, checkSgdOptions(options));
  }

  optimizer(params: ArrayLike<number>, options: OptimizerOptions): SgdOptimizer {
    checkArgCount('engine.optimizer', ['params', 'options'], arguments);
    return this.makeOptimizer(params, checkOptimizerOptions(options));
  }

  private makeOptimizer(params: ArrayLike<number>, opts: Required<OptimizerSettings>): SgdOptimizer {
    const p = toFloat64('params', params);
    return new Optimizer(this.impl.stepStore(p, opts, optimizerId(opts)), opts);
  }
}

/** Lets the event loop run (timers, messages, abort events) without setTimeout's 4 ms clamp. */
function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** The options of engine.dataset (src/types.ts DatasetOptions). */
const DATASET_OPTIONS = ['sampleWeight', 'dtype'];

/** The options of createEngine, in the order of their TSDoc (src/types.ts EngineOptions). */
const ENGINE_OPTIONS = ['backend', 'simd', 'wasm', 'threads'];

/** The thread count the options ask for: 1 (default), n, or 'auto' (the cores this process may use, at most SHARD_MAX). */
async function requestedThreads(threads: unknown): Promise<number> {
  if (threads === undefined) return 1;
  if (threads === 'auto') return Math.min(await cores(), L.SHARD_MAX);
  if (typeof threads !== 'number') throw new TypeError(`threads must be 'auto' or a whole number from 1 to 256, got ${describe(threads)}`);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
    throw new RangeError(`threads must be 'auto' or a whole number from 1 to 256, got ${describe(threads)}`);
  }
  return threads;
}

/** Cores available: Node's os.availableParallelism(), else navigator.hardwareConcurrency, else 1. */
async function cores(): Promise<number> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (typeof p?.versions?.node === 'string') {
    const osModule = 'node:os';
    const os = (await import(/* webpackIgnore: true */ /* @vite-ignore */ osModule)) as typeof import('node:os');
    return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
  }
  return Math.max(1, nav?.hardwareConcurrency ?? 1);
}

/**
 * Creates an engine. `backend: 'auto'` (default) uses WebAssembly where the environment has it and the core can be
 * loaded, else the pure-JS backend (same results; `engine.fallbackReason` says why); `simd: 'auto'` (default) uses
 * the f64x2 build where the environment validates SIMD; `wasm` says where the core's files are (default: the
 * package's build/ folder; see {@link EngineOptions.wasm}); `threads` (default 1) runs each large batch's shards on
 * that many threads, with the same doubles (see {@link EngineOptions.threads}; `engine.threads` and
 * `engine.threadsReason` say what is in use, `engine.dispose()` ends the workers).
 * @param options `backend`, `simd`, `wasm` and `threads` (see {@link EngineOptions}); default `{}`.
 * @throws (rejects with) TypeError for unknown options, a `wasm` of the wrong shape or a `threads` that is neither a
 *   number nor 'auto'; RangeError for `threads` not a whole number from 1 to 256; Error when `backend: 'wasm'` is
 *   asked for and WebAssembly is missing or the core cannot be loaded (naming the URL and the HTTP status or compile
 *   error), or `simd: true` without SIMD. Threads that cannot start are not an error: one thread, and the reason.
 * @example
 * const engine = await createEngine();
 * engine.backend; // 'wasm'
 * // esbuild and other bundlers that do not copy build/*.wasm: serve the two files and say where.
 * const served = await createEngine({ wasm: '/assets/momentum-gd/' });
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  checkArgCount('createEngine', ['options'], arguments);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describe(options)}`);
  }
  checkKeys(options, ENGINE_OPTIONS, 'createEngine');
  const backend = options.backend ?? 'auto';
  if (backend !== 'auto' && backend !== 'wasm' && backend !== 'js') {
    throw new RangeError(`backend must be 'auto', 'wasm' or 'js', got ${describe(backend)}`);
  }
  const simdOpt = options.simd ?? 'auto';
  if (simdOpt !== 'auto' && typeof simdOpt !== 'boolean') {
    throw new TypeError(`simd must be 'auto', true or false, got ${describe(simdOpt)}`);
  }
  // A wrong shape is the caller's mistake: a TypeError whatever the backend, never a fallback.
  resolveWasm(options.wasm, false);
  const T = await requestedThreads(options.threads);
  const oneThread = (why: string) => (T > 1 ? why : undefined);
  if (backend === 'js') return new MomentumEngine(new JsBackend(), undefined, oneThread('the JS backend runs on one thread'));
  if (!hasWebAssembly()) {
    if (backend === 'auto') return new MomentumEngine(new JsBackend(), 'WebAssembly is not available here', oneThread('WebAssembly is not available here'));
    throw new Error("backend 'wasm' was requested but WebAssembly is not available here");
  }
  const simd = simdOpt === 'auto' ? hasSimd() : simdOpt;
  if (simd && !hasSimd()) throw new Error('simd: true was requested but this WebAssembly engine does not support SIMD');
  // Threads (issue 17): the threads build over shared memory, T − 1 workers; else one thread, and why.
  let why = T > 1 ? (simd ? threadsUnavailable() : 'threads need the SIMD build (simd: false was asked for)') : null;
  if (T > 1 && why === null) {
    let threaded: { core: CoreExports; module: WebAssembly.Module } | null = null;
    try {
      threaded = await loadThreadedCore(options.wasm);
      const impl = new WasmBackend(threaded.core, true);
      impl.pool = await startThreads(threaded.core, threaded.module, impl.mem, T);
      return new MomentumEngine(impl);
    } catch (e) {
      why = `threads could not be started: ${(e as Error).message}`;
    }
  }
  let core: CoreExports;
  try {
    core = await loadCore(simd, options.wasm);
  } catch (e) {
    if (backend === 'wasm') throw e;
    return new MomentumEngine(new JsBackend(), `the WASM core could not be loaded: ${(e as Error).message}`, oneThread('the JS backend runs on one thread'));
  }
  return new MomentumEngine(new WasmBackend(core, simd), undefined, why ?? undefined);
}
