/**
 * Options of engine.fit (and of the one-call fit and Estimator): the stopping rule, the hold-out, the batch and the
 * model part (src/options/model.ts), validated into a FitConfig with every default filled in.
 */
import * as L from '../abi/layout.js';
import type { FitOptionsRecord, ModelName, OptimizerSettings, PenaltyName, Progress } from '../types.js';
import { bool, checkKeys, describe, describeSignal, finiteNumber, positiveInteger, requireObject, toFloat64 } from '../check/args.js';
import type { LabelInfo } from '../check/dataset.js';
import { checkModelName, checkModelOptions, modelOption } from './model.js';
import { OPTIMIZER_IDS, OPTIMIZER_KEYS, checkOptimizer } from './optimizer.js';
import { checkSchedule } from './schedule.js';
import { AUTO_KEYS, autoOptions, checkAuto, type AutoRequest } from './auto.js';
import { checkWarmStart, warmStartClasses, type Resume } from './online.js';
import { checkClassWeight, checkSampleWeight, type ClassWeightSpec } from './weights.js';
import { MLP_KEYS, MLP_MODEL_NAMES, isMlpModel, mlpParamCount, mlpRequest, type MlpConfig, type MlpModelName } from './mlp.js';
import { mlpStart } from './mlp-start.js';

export const FIT_KEYS = [
  'model', 'alpha', 'penalty', 'l1Ratio', 'classes', 'epsilon', ...OPTIMIZER_KEYS, ...AUTO_KEYS, 'batchSize', 'shuffle', 'seed', 'schedule',
  'maxIterations',
  'maxEpochs', 'tol', 'stoppingRule', 'nIterNoChange', 'validationFraction', 'fitIntercept', 'initialWeights', 'initialIntercept',
  'onProgress', 'progressEvery', 'signal', 'warmStart',
  // Sample and class weights (src/options/weights.ts).
  'sampleWeight', 'classWeight',
  // Averaged SGD.
  'average',
  // Networks (src/options/mlp.ts).
  ...MLP_KEYS,
] as const;
/** The options of the one-call `fit(X, y, options)` and of `Estimator`: engine.fit's, and the engine's and `verbose`. */
export const FIT_CALL_KEYS: readonly string[] = [...FIT_KEYS, 'backend', 'simd', 'threads', 'verbose'];

/** engine.fit's keys that are options of the one-call fit or of createEngine. */
const FIT_NOTES: Readonly<Record<string, string>> = {
  verbose: 'engine.fit reports progress through onProgress: pass onProgress: progressLogger() (verbose is an option of the one-call fit(X, y, options))',
  backend: 'the backend is chosen when the engine is made: createEngine({ backend }), or the one-call fit(X, y, { backend, … })',
  simd: 'SIMD is chosen when the engine is made: createEngine({ simd }), or the one-call fit(X, y, { simd, … })',
  from: 'from continues a sequence of engine.partialFit calls; engine.fit starts from a previous model with warmStart',
};

/** Fit options after validation, with defaults filled in. `tol` is −Infinity when the rule is off. */
export interface FitConfig extends Required<OptimizerSettings> {
  model: ModelName;
  /** The data term: src/abi/layout.ts LOSS_* (the model's, src/models/registry.ts). */
  lossId: number;
  /** src/abi/layout.ts: PENALTY_NONE when alpha is 0, else PENALTY_L2 (ρ = 0), PENALTY_L1 (ρ = 1), PENALTY_ELASTICNET. */
  penaltyId: number;
  /** The penalty asked for, or the model's default ('l2' or 'none'). */
  penalty: PenaltyName;
  /** ρ, the L1 share of the penalty: 0 for 'l2' and 'none', 1 for 'l1', the option for 'elasticnet'. */
  l1Ratio: number;
  optimizerId: number;
  /** The penalty's strength α (0 for a fit without a penalty). */
  alpha: number;
  /** Outputs K: `classes` for a model with one output per class (softmax), 1 otherwise. */
  outputs: number;
  /** 1 for real labels, 2 for 0/1 labels (logistic, hinge), K for class indices (softmax). */
  classes: number;
  /** The loss's ε (huber, epsilonInsensitive, squaredEpsilonInsensitive), 0 for the other models. */
  epsilon: number;
  batchSize: number;
  shuffle: boolean;
  seed: number;
  /** Learning rate of epoch e (validated when the fit reaches it); null for a constant schedule (η = lr). */
  lrAt: ((epoch: number) => number) | null;
  /** Number of epochs the fit can start: min(maxEpochs, ⌈maxIterations / batches per epoch⌉). */
  epochs: number;
  maxIterations: number;
  maxEpochs: number;
  tol: number;
  /** src/abi/layout.ts: RULE_NONE (tol not given), RULE_GRADIENT or RULE_SKLEARN. */
  stopRule: number;
  nIterNoChange: number;
  validationFraction: number;
  fitIntercept: boolean;
  initialWeights: Float64Array | null;
  initialIntercept: number;
  /** θ₀'s K intercepts from `warmStart` (instead of initialIntercept), or null. */
  initialIntercepts: Float64Array | null;
  /** engine.partialFit: where the call starts (src/options/online.ts); null for engine.fit. */
  resume: Resume | null;
  onProgress: ((p: Progress) => void | boolean) | null;
  progressEvery: number;
  signal: NonNullable<FitOptionsRecord['signal']> | null;
  /** lr / momentum 'auto' and restart (src/options/auto.ts), or null; lr and momentum hold placeholders until resolved. */
  auto: AutoRequest | null;
  /** src/abi/layout.ts C_AUTO flags, set when the fit driver resolves `auto` (src/engine.ts); 0 otherwise. */
  autoFlags: number;
  /** The fit's `sampleWeight` (a validated copy, one per row of the dataset), or null. */
  sampleWeight: Float64Array | null;
  /** `classWeight`: 'balanced' or one weight per class, or null (src/options/weights.ts). */
  classWeight: ClassWeightSpec | null;
  /** Averaged SGD: the first update whose iterate enters the returned average (`average: true` is 1); 0: off. */
  average: number;
  /**
   * A network's layers, activation and head (issue 16: src/options/mlp.ts), or absent/null for a linear model; then
   * `model` is the head's linear model (its labels, hold-out and α rules) and `mlpModel` the name asked for.
   */
  mlp?: MlpConfig | null;
  mlpModel?: MlpModelName;
}

/**
 * `average`: false/undefined → 0 (off), true → 1, n → n (a positive integer ≤ maxIterations). Averaging is refused
 * with the gradient rule (its 'converged' would judge the iterate, not the average that is returned) and with 'auto'
 * (a rejected candidate would enter the average).
 */
function checkAverage(value: unknown, maxIterations: number, stopRule: number, auto: boolean): number {
  if (value === undefined || value === false) return 0;
  let start: number;
  if (value === true) start = 1;
  else if (typeof value !== 'number') {
    throw new TypeError(`average must be true, false or a positive integer (the first update averaged), got ${describe(value)}`);
  } else if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`average must be true, false or a positive integer (the first update averaged), got ${value}`);
  } else start = value;
  if (start > maxIterations) {
    throw new RangeError(`average ${start} starts after maxIterations ${maxIterations}: no iterate would be averaged`);
  }
  if (stopRule === L.RULE_GRADIENT) {
    throw new RangeError(
      "average applies with stoppingRule 'sklearn' or without tol, not with the gradient rule (it judges the iterates, " +
      "and the average is what is returned): set stoppingRule: 'sklearn', or leave tol out",
    );
  }
  if (auto) throw new RangeError("average does not apply with lr/momentum 'auto' or restart (a rejected step would enter the average)");
  return start;
}

/** Most parameters a fit may have, K·(d + 1): its buffers are allocated up front, so the bound comes first. */
export const MAX_FIT_PARAMS = 2 ** 24;

/** Rows held out by a fraction f of n rows, here and in trainTestSplit: ⌈f·n⌉. */
export function holdOutRows(fraction: number, n: number): number {
  return Math.ceil(fraction * n);
}

/** tol, stoppingRule, nIterNoChange: which rule applies (src/abi/layout.ts: RULE_*), its threshold and patience. */
function checkStopping(o: Partial<FitOptionsRecord>, validationFraction: number): { tol: number; stopRule: number; nIterNoChange: number } {
  const given = o.stoppingRule;
  if (given !== undefined && given !== 'gradient' && given !== 'sklearn') {
    throw new RangeError(`stoppingRule must be 'gradient' or 'sklearn', got ${describe(given)}`);
  }
  const rule = given ?? (validationFraction > 0 ? 'sklearn' : 'gradient');
  if (validationFraction > 0 && rule !== 'sklearn') {
    throw new RangeError(`validationFraction applies to stoppingRule 'sklearn' (the held-out objective), not '${rule}'`);
  }
  if (o.nIterNoChange !== undefined && rule !== 'sklearn') {
    throw new RangeError(`nIterNoChange applies to stoppingRule 'sklearn', not '${rule}' (set stoppingRule: 'sklearn')`);
  }
  const nIterNoChange = positiveInteger('nIterNoChange', o.nIterNoChange, 5);
  if (o.tol === undefined) {
    if (validationFraction > 0) return { tol: 0, stopRule: L.RULE_SKLEARN, nIterNoChange };
    if (given !== undefined) throw new RangeError(`stoppingRule needs tol: without tol there is no early stopping`);
    return { tol: -Infinity, stopRule: L.RULE_NONE, nIterNoChange };
  }
  const tol = finiteNumber('tol', o.tol);
  if (tol < 0) throw new RangeError(`tol must be ≥ 0, got ${tol}`);
  if (rule === 'gradient' && tol >= 1) {
    throw new RangeError(`tol must be in [0, 1) for stoppingRule 'gradient' (a fraction of ‖∇J(θ₀)‖∞), got ${tol}`);
  }
  return { tol, stopRule: rule === 'sklearn' ? L.RULE_SKLEARN : L.RULE_GRADIENT, nIterNoChange };
}

/**
 * The settings a penalty with an L1 part (a proximal step; assembly/penalty.ts) cannot be made correct with, each a
 * RangeError naming both options: `maximize` (the proximal step minimises), AdamW with weight decay (its decoupled
 * decay θ ← θ·(1 − η·λ) has no objective whose optimum its fixed point is, with or without the L1 part: use 'adam',
 * whose weightDecay is the coupled λ·w, or weightDecay 0), and `lr`/`momentum` 'auto' and `restart` (Armijo's test,
 * the curvature estimate and the restart rules judge steps by a smooth objective's gradient).
 */
function checkL1(penalty: PenaltyName, opt: Required<OptimizerSettings>, auto: AutoRequest | null): void {
  if (opt.maximize) {
    throw new RangeError(`maximize does not apply with penalty '${penalty}': its proximal step minimises α·ρ·‖w‖₁; set maximize false or penalty 'l2'`);
  }
  if (opt.optimizer === 'adamw' && opt.weightDecay !== 0) {
    throw new RangeError(
      `optimizer 'adamw' with weightDecay ${opt.weightDecay} does not apply with penalty '${penalty}': decoupled weight decay has no ` +
      `objective whose optimum the fit would reach; use optimizer 'adam' (weightDecay adds the coupled λ·w) or weightDecay: 0`,
    );
  }
  if (auto) {
    const what = auto.lr ? `lr: 'auto'` : auto.momentum ? `momentum: 'auto'` : `restart: '${auto.restart}'`;
    throw new RangeError(
      `${what} does not apply with penalty '${penalty}': its step rules judge steps by a smooth objective's gradient, and the ` +
      `L1 part is a proximal step; set a numeric lr and momentum (and no restart), or penalty 'l2'`,
    );
  }
}

/** Validates options of {@link Engine.fit} against a dataset of `rows` × `cols` with the given labels. */
export function checkFitOptions(options: unknown, rows: number, cols: number, labels: LabelInfo): FitConfig {
  const o = requireObject('options', options) as FitOptionsRecord;
  checkKeys(o, FIT_KEYS, 'fit', FIT_NOTES);
  // A network (issue 16): the shared checks on the options for its head's linear model, then the network's own.
  if (isMlpModel(o.model)) {
    const r = mlpRequest(o as unknown as Record<string, unknown>, o.model, labels.max);
    if (labels.outputs > 1 && r.name !== 'mlpRegressor') throw severalTargets(labels.outputs, r.name);
    let c: FitConfig;
    try {
      c = checkFitOptions(r.rest, rows, cols, { ...labels, outputs: 1 });
    } catch (e) {
      // The shared checks name the head's linear model: name the network the caller asked for.
      if (e instanceof Error) e.message = e.message.replaceAll(`model '${r.headModel}'`, `model '${r.name}'`);
      throw e;
    }
    // A regressor has one output per target (m ≥ 1: the squared head over m outputs).
    if (r.name === 'mlpRegressor') c.outputs = labels.outputs;
    const p = mlpParamCount(r.mlp, cols, c.outputs);
    if (p > MAX_FIT_PARAMS) throw new RangeError(`hidden is too large: the network has ${p} parameters, above the limit ${MAX_FIT_PARAMS} (2²⁴)`);
    c.lossId = L.LOSS_MLP;
    c.mlp = r.mlp;
    c.mlpModel = r.name;
    c.initialWeights = mlpStart(r.initialWeights, r.warmStart, { model: r.name, cols, classes: c.classes, outputs: c.outputs, mlp: r.mlp });
    return c;
  }
  for (const k of MLP_KEYS) {
    if (o[k as keyof FitOptionsRecord] !== undefined) throw new RangeError(`${k} applies to model 'mlpClassifier' or 'mlpRegressor' only, not '${modelOption(o.model)}'`);
  }
  const model = modelOption(o.model);
  const spec = checkModelName(model, MLP_MODEL_NAMES);
  if (labels.outputs > 1) throw severalTargets(labels.outputs, model);
  // 'auto' (src/options/auto.ts): the optimizer's checks see placeholders; the numbers come from the estimate of L.
  const a = autoOptions(o);
  const opt = checkOptimizer((a.request ? { ...o, lr: a.lr, momentum: a.momentum } : o) as Partial<OptimizerSettings>);
  // A warm start of a model with one output per class keeps its classes unless told otherwise.
  const warmK = o.warmStart !== undefined && o.classes === undefined && spec.outputs === 'classes' ? warmStartClasses(o.warmStart) : undefined;
  const m = checkModelOptions(model, spec, warmK === undefined ? o : { ...o, classes: warmK }, labels);
  const outputs = m.outputs;
  if (outputs * (cols + 1) > MAX_FIT_PARAMS) {
    throw new RangeError(
      `classes is too large for ${cols} columns: classes·(cols + 1) = ${outputs * (cols + 1)} parameters, above the limit ` +
      `${MAX_FIT_PARAMS} (2²⁴; a fit keeps about seven buffers of them)`,
    );
  }
  const validationFraction = o.validationFraction === undefined ? 0 : finiteNumber('validationFraction', o.validationFraction);
  if (validationFraction < 0 || validationFraction >= 1) {
    throw new RangeError(`validationFraction must be in [0, 1) (0 holds nothing out), got ${validationFraction}`);
  }
  const valRows = validationFraction > 0 ? holdOutRows(validationFraction, rows) : 0;
  if (valRows > 0 && rows - valRows < 1) {
    throw new RangeError(`validationFraction ${validationFraction} leaves no training rows: ⌈${validationFraction}·${rows}⌉ = ${valRows} of ${rows} rows`);
  }
  const trainRows = rows - valRows;
  const batchSize = positiveInteger('batchSize', o.batchSize, trainRows);
  if (batchSize > trainRows) throw new RangeError(`batchSize must be ≤ the ${trainRows} training rows, got ${batchSize}`);
  const shuffle = bool('shuffle', o.shuffle, batchSize < trainRows);
  let seed = 0;
  if (o.seed !== undefined) {
    if (typeof o.seed !== 'number' || !Number.isInteger(o.seed)) throw new TypeError(`seed must be an integer, got ${describe(o.seed)}`);
    seed = o.seed;
  }
  const maxIterations = positiveInteger('maxIterations', o.maxIterations, 1000, 2 ** 28);
  const maxEpochs = positiveInteger('maxEpochs', o.maxEpochs, 2 ** 31 - 1);
  const { tol, stopRule, nIterNoChange } = checkStopping(o, validationFraction);
  const fitIntercept = bool('fitIntercept', o.fitIntercept, true);
  let initialWeights: Float64Array | null = null;
  if (o.initialWeights !== undefined) initialWeights = toFloat64('initialWeights', o.initialWeights, outputs * cols);
  const initialIntercept = o.initialIntercept === undefined ? 0 : finiteNumber('initialIntercept', o.initialIntercept);
  if (!fitIntercept && initialIntercept !== 0) {
    throw new RangeError(`initialIntercept must be 0 when fitIntercept is false, got ${initialIntercept}`);
  }
  let initialIntercepts: Float64Array | null = null;
  if (o.warmStart !== undefined) {
    if (o.initialWeights !== undefined || o.initialIntercept !== undefined) {
      throw new RangeError('warmStart gives the starting weights and intercepts: pass it without initialWeights and initialIntercept');
    }
    const ws = checkWarmStart(o.warmStart, { model, cols, classes: m.classes, outputs, fitIntercept });
    initialWeights = ws.weights;
    initialIntercepts = ws.intercepts;
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new TypeError(`onProgress must be a function, got ${describe(o.onProgress)}`);
  }
  if (o.signal !== undefined && !(typeof o.signal === 'object' && o.signal !== null && 'aborted' in o.signal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${describeSignal(o.signal)}`);
  }
  const progressEvery = positiveInteger('progressEvery', o.progressEvery, 1);
  const batchesPerEpoch = Math.ceil(trainRows / batchSize);
  const epochs = Math.min(maxEpochs, Math.ceil(maxIterations / batchesPerEpoch));
  const auto = a.request && checkAuto(a.request, {
    optimizer: opt.optimizer, model, lossId: m.lossId, momentum: opt.momentum, dampening: opt.dampening,
    maximize: opt.maximize, batchSize, trainRows, schedule: o.schedule, restartGiven: o.restart !== undefined,
  });
  if (m.penaltyId === L.PENALTY_L1 || m.penaltyId === L.PENALTY_ELASTICNET) checkL1(m.penalty, opt, a.request);
  const sampleWeight = o.sampleWeight === undefined ? null : checkSampleWeight('sampleWeight', o.sampleWeight, rows);
  const classWeight = checkClassWeight(o.classWeight, model, spec.classifier, m.classes);
  const average = checkAverage(o.average, maxIterations, stopRule, a.request !== null);
  const lrAt = checkSchedule(o.schedule, opt.lr);
  lrAt?.(0); // a schedule that fails at once fails before any work
  // Explicit properties, no spread: V8 builds a spread into a many-field literal on a slow path (~30 µs a fit).
  return {
    optimizer: opt.optimizer, lr: opt.lr, momentum: opt.momentum, dampening: opt.dampening, nesterov: opt.nesterov,
    weightDecay: opt.weightDecay, maximize: opt.maximize, betas: opt.betas, eps: opt.eps, rho: opt.rho,
    lrDecay: opt.lrDecay, model, lossId: m.lossId, penaltyId: m.penaltyId, penalty: m.penalty, l1Ratio: m.l1Ratio,
    optimizerId: OPTIMIZER_IDS[opt.optimizer], alpha: m.alpha, outputs, classes: m.classes, epsilon: m.epsilon, batchSize,
    shuffle, seed, lrAt, epochs,
    maxIterations, maxEpochs, tol, stopRule, nIterNoChange, validationFraction, fitIntercept, initialWeights, initialIntercept,
    initialIntercepts, resume: null, onProgress: o.onProgress ?? null, progressEvery, signal: o.signal ?? null, auto, autoFlags: 0,
    sampleWeight, classWeight, average,
  };
}

/** The error for a y of m > 1 targets per row given to a model that fits one (every model but mlpRegressor). */
function severalTargets(m: number, model: string): RangeError {
  return new RangeError(
    `y has ${m} targets per row (n rows of ${m}): model '${model}' fits one target per row (a 1-D y); ` +
    `several targets are for model 'mlpRegressor'`,
  );
}
