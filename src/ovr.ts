/**
 * One-vs-rest (issue 15): a 0/1-label model (logistic, hinge, … — the model table's 'binary' label rule, never a list
 * of names) given class indices 0 … K−1 with K > 2 fits K independent binary problems, class k against the rest
 * (labels [yᵢ = k]), as scikit-learn's SGDClassifier does (sklearn/linear_model/_stochastic_gradient.py,
 * `_fit_multiclass`: one validation split by the multiclass label, then `fit_binary` per class). Each problem is
 * exactly the 2-class fit of its labels with the same options — the engine's own FitDriver, on the same X (shared
 * through Backend.withLabels, never copied) — so its doubles are those of that fit, on every backend. Unlike
 * scikit-learn, every class shuffles with the same `seed` (scikit-learn draws one seed per class).
 *
 * The problems advance side by side, one chunk each per round (the doubles do not depend on the chunking), so
 * progress, `signal` and fitAsync's turns of the event loop see the K problems as one fit. The result is one model:
 * class k's weights in row k of W, its intercept at k; src/models/ovr.ts predicts by argmax and normalises the
 * binary probabilities. The pieces of src/engine.ts it needs come in as hooks (this module must not import it).
 * engine.partialFit runs the same driver for one epoch: each class continues its part of the K-class state
 * (src/online.ts: classResume, joinClassStates).
 */
import type { Backend, StoredData } from './backend.js';
import { LinearModel } from './models/model.js';
import { MODELS, oneVsRest } from './models/registry.js';
import type { FitConfig } from './options/index.js';
import { balancedClassWeight, rowWeights } from './options/weights.js';
import { classResume, joinClassStates } from './online.js';
import type { AutoReport, ClassFit, FitResult, FitStatus, OnlineState } from './types.js';

/** A binary fit's parameters [w (d) | b] and history, as the engine's driver hands them out. */
export interface FitOutcome {
  params: Float64Array;
  loss: Float64Array;
  epochLoss: Float64Array;
  iterations: number;
  epochs: number;
  status: FitStatus;
  auto: AutoReport | null;
}

/** One class's binary fit in progress (src/engine.ts: FitDriver). */
export interface ClassDriver {
  /** Runs `epochs` more epochs; true when this problem's fit ended. */
  chunk(epochs: number): boolean;
  /** Ends this problem with status 'aborted'. */
  abort(): void;
  readonly run: { readonly epoch: number; readonly iteration: number };
  readonly lastEpochLoss: number;
  outcome(): FitOutcome;
  /** engine.partialFit: this problem's state for the next call once its epoch completed, else null. */
  onlineState(): OnlineState | null;
  release(): void;
}

/** A fit's objective evaluated lazily; a dataset evaluates its pending ones before it is disposed. */
export interface PendingObjective {
  get(): unknown;
}

/** The dataset handle of src/engine.ts, as far as this module reads it. */
export interface OvrDataset {
  data(): StoredData;
  readonly disposed: boolean;
  /** The labels (class indices). */
  readonly y: Float64Array;
  /** The dataset's sampleWeight (engine.dataset(X, y, { sampleWeight })), or null. */
  readonly sampleWeight: Float64Array | null;
  watch(p: PendingObjective): void;
  unwatch(p: PendingObjective): void;
}

/** The rows of a validation split (indices into the dataset, ascending). */
export interface RowSplit {
  trainRows: Uint32Array;
  valRows: Uint32Array;
}

/** What a class's binary fit starts on: its labels [yᵢ = k] over all n rows, and the shared split and subsets. */
export interface ClassParts {
  /** The training rows with labels [y = k] (the whole dataset without a hold-out). */
  train: StoredData;
  /** The held-out rows with labels [y = k], or null. */
  val: StoredData | null;
  /** [yᵢ = k] for every row of the dataset (the class's weights are computed on these). */
  y: Float64Array;
  /** The split of the K-class label, or null without a hold-out. */
  split: RowSplit | null;
}

/** What src/engine.ts lends: its validation split, its binary driver, and its error for a disposed dataset. */
export interface OvrHooks {
  split(config: FitConfig): RowSplit;
  classDriver(config: FitConfig, parts: ClassParts): ClassDriver;
  disposedError(): TypeError;
}

/** Whether a validated fit is one-vs-rest: a 0/1-label model with K > 2 classes. */
export function isOneVsRest(c: FitConfig): boolean {
  return oneVsRest(MODELS[c.model], c.classes);
}

/** The labels [yᵢ = k] (1 or 0). */
export function indicator(y: Float64Array, k: number): Float64Array {
  return y.map((v) => (v === k ? 1 : 0));
}

/**
 * Class k's options: the 2-class fit of the same options (classes 2, one output, row k of initialWeights, intercept k
 * of a warmStart, class k's part of engine.partialFit's Resume: src/online.ts classResume); progress
 * and abort belong to the one-vs-rest driver. With class weights `cw` (one per class of the K, 'balanced' already
 * resolved over the K-class labels) class k's problem weighs its positive rows cw[k] and the rest 1, as scikit-learn's
 * `_fit_multiclass` (`fit_binary(…, pos_weight=class_weight[k], neg_weight=1.0, sample_weight)`); sampleWeight
 * multiplies both.
 */
export function classConfig(c: FitConfig, k: number, d: number, cw: Float64Array | null = null): FitConfig {
  return {
    ...c, classes: 2, outputs: 1, initialWeights: c.initialWeights ? c.initialWeights.slice(k * d, (k + 1) * d) : null,
    initialIntercepts: c.initialIntercepts ? c.initialIntercepts.slice(k, k + 1) : null,
    onProgress: null, signal: null, classWeight: cw ? Float64Array.of(1, cw[k]!) : null,
    resume: c.resume ? classResume(c.resume, k, c.classes, d) : null,
  };
}

/** Class k's per-row weights over all n rows (null when every weight is 1): sampleWeightᵢ·(yᵢ = k ? cw[k] : 1). */
function classRowWeights(c: FitConfig, handle: OvrDataset, labels: Float64Array): Float64Array | null {
  return rowWeights(c.sampleWeight ?? handle.sampleWeight, c.classWeight, labels, 2);
}

/** The statuses in the order of precedence of {@link aggregateStatus}. */
const PRECEDENCE: readonly FitStatus[] = ['aborted', 'diverged', 'maxIterations', 'noImprovement'];

/** 'converged' when every class converged, else the first of 'aborted', 'diverged', 'maxIterations', 'noImprovement' found. */
export function aggregateStatus(statuses: readonly FitStatus[]): FitStatus {
  for (const s of PRECEDENCE) if (statuses.includes(s)) return s;
  return 'converged';
}

/**
 * Σₖ aₖ[min(t, len(aₖ) − 1)] for t < max len(aₖ), summed in class order: a history that stopped earlier adds its last
 * entry (an empty one adds nothing).
 */
export function heldSum(histories: readonly Float64Array[]): Float64Array {
  const len = Math.max(0, ...histories.map((h) => h.length));
  const out = new Float64Array(len);
  for (let t = 0; t < len; t++) {
    let s = 0;
    for (const h of histories) if (h.length) s += h[Math.min(t, h.length - 1)]!;
    out[t] = s;
  }
  return out;
}

/** The K binary objectives at the fitted parameters, on all rows of the dataset, on first read. */
class ClassObjectives implements PendingObjective {
  private cache: Float64Array | null = null;
  constructor(private readonly impl: Backend, private readonly handle: OvrDataset, private readonly configs: FitConfig[],
    private readonly params: Float64Array[], private readonly disposedError: () => TypeError) {
    handle.watch(this);
  }
  get(): Float64Array {
    if (!this.cache) {
      if (this.handle.disposed) throw this.disposedError();
      const data = this.handle.data(), K = this.configs.length, out = new Float64Array(K);
      for (let k = 0; k < K; k++) {
        const c = this.configs[k]!, labels = indicator(this.handle.y, k), labelled = this.impl.withLabels(data, labels);
        try {
          out[k] = this.impl.objective(labelled, c, this.params[k]!, c.alpha, classRowWeights(c, this.handle, labels));
        } finally {
          labelled.release();
        }
      }
      this.cache = out;
      this.handle.unwatch(this);
    }
    return this.cache;
  }
}

/** A one-vs-rest fit's result: one model of K outputs, the summed history, and each class's own. */
class OneVsRestResult extends LinearModel implements FitResult {
  readonly auto: AutoReport | null = null;
  /** Mean squared error: for regression only. */
  readonly mse = NaN;
  constructor(
    parts: ConstructorParameters<typeof LinearModel>, readonly loss: Float64Array, readonly epochLoss: Float64Array,
    readonly iterations: number, readonly epochs: number, readonly status: FitStatus, readonly perClass: readonly ClassFit[],
    private readonly objectives: ClassObjectives, readonly optimizerState: OnlineState | null,
  ) {
    super(...parts);
  }
  get finalLoss(): number {
    const v = this.objectives.get();
    let s = 0;
    for (let k = 0; k < v.length; k++) s += v[k]!;
    return s;
  }
}

/** A one-vs-rest fit in progress: the driver src/engine.ts's fit and fitAsync run for K > 2 classes of a 0/1 model. */
export class OneVsRestDriver {
  private readonly drivers: ClassDriver[] = [];
  private readonly configs: FitConfig[] = [];
  private readonly ended: boolean[] = [];
  /** The training and validation subsets and the label views, released after the drivers. */
  private readonly parts: StoredData[] = [];
  private reported = 0;

  constructor(private readonly impl: Backend, private readonly handle: OvrDataset, readonly config: FitConfig,
    private readonly hooks: OvrHooks) {
    const data = handle.data(), y = handle.y, K = config.classes, d = data.cols;
    try {
      let train = data, val: StoredData | null = null, trainY = y, valY: Float64Array | null = null;
      let split: RowSplit | null = null;
      if (config.validationFraction > 0) {
        // One hold-out for all K problems, stratified by the K-class label (scikit-learn's _fit_multiclass).
        split = hooks.split(config);
        train = impl.subset(data, split.trainRows);
        this.parts.push(train);
        val = impl.subset(data, split.valRows);
        this.parts.push(val);
        trainY = Float64Array.from(split.trainRows, (i) => y[i]!);
        valY = Float64Array.from(split.valRows, (i) => y[i]!);
      }
      // 'balanced' counts the K classes over the dataset's n rows, as for a K-class fit.
      const cw = config.classWeight === 'balanced' ? balancedClassWeight(y, K) : config.classWeight;
      for (let k = 0; k < K; k++) {
        const t = impl.withLabels(train, indicator(trainY, k));
        this.parts.push(t);
        let v: StoredData | null = null;
        if (val) this.parts.push((v = impl.withLabels(val, indicator(valY!, k))));
        const c = classConfig(config, k, d, cw);
        this.configs.push(c);
        this.drivers.push(hooks.classDriver(c, { train: t, val: v, y: indicator(y, k), split }));
        this.ended.push(false);
      }
    } catch (e) {
      this.release();
      throw e;
    }
  }

  /** Runs `epochs` more epochs of every problem still running; reports progress; true when all have ended. */
  chunk(epochs: number): boolean {
    const c = this.config;
    if (c.signal?.aborted) return this.abort();
    let running = false;
    this.drivers.forEach((drv, k) => {
      if (!this.ended[k]) {
        this.ended[k] = drv.chunk(epochs);
        running ||= !this.ended[k];
      }
    });
    if (!running) {
      if (c.onProgress && this.epoch() > this.reported) this.report();
      return true;
    }
    if (c.onProgress && this.report() === false) return this.abort();
    if (c.signal?.aborted) return this.abort();
    return false;
  }

  /** Epochs of the problem furthest along. */
  private epoch(): number {
    return Math.max(...this.drivers.map((d) => d.run.epoch));
  }

  private abort(): true {
    this.drivers.forEach((drv, k) => {
      if (!this.ended[k]) {
        drv.abort();
        this.ended[k] = true;
      }
    });
    return true;
  }

  /** Progress of the K problems as one fit: the most epochs and updates, and Σₖ of each one's last epoch objective. */
  private report(): void | boolean {
    this.reported = this.epoch();
    let loss = 0;
    for (const d of this.drivers) if (d.run.epoch > 0) loss += d.lastEpochLoss;
    return this.config.onProgress!({
      epoch: this.reported, iteration: Math.max(...this.drivers.map((d) => d.run.iteration)), loss,
    });
  }

  result(): FitResult {
    const c = this.config, K = c.classes, d = this.handle.data().cols;
    const outs = this.drivers.map((drv) => drv.outcome());
    const W = new Float64Array(K * d), b = new Float64Array(K);
    outs.forEach((o, k) => {
      W.set(o.params.subarray(0, d), k * d);
      if (c.fitIntercept) b[k] = o.params[d]!;
    });
    const objectives = new ClassObjectives(this.impl, this.handle, this.configs, outs.map((o) => o.params), this.hooks.disposedError);
    const perClass: ClassFit[] = outs.map((o, k) => ({
      loss: o.loss, epochLoss: o.epochLoss, iterations: o.iterations, epochs: o.epochs, status: o.status, auto: o.auto,
      get finalLoss() {
        return objectives.get()[k]!;
      },
    }));
    // engine.partialFit: the K states as one, when every class completed its epoch (src/online.ts).
    const states = c.resume ? this.drivers.map((drv) => drv.onlineState()) : [];
    const online = states.length && states.every((s) => s !== null) ? joinClassStates(c, states as OnlineState[]) : null;
    return new OneVsRestResult(
      [c.model, d, K, W, b], heldSum(outs.map((o) => o.loss)), heldSum(outs.map((o) => o.epochLoss)),
      Math.max(...outs.map((o) => o.iterations)), Math.max(...outs.map((o) => o.epochs)),
      aggregateStatus(outs.map((o) => o.status)), Object.freeze(perClass), objectives, online,
    );
  }

  release(): void {
    for (const drv of this.drivers) drv.release();
    for (let i = this.parts.length - 1; i >= 0; i--) this.parts[i]!.release();
  }
}
