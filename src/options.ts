/**
 * Option defaults and validation, shared by both backends: every check runs before any work, and every error
 * is a TypeError (wrong type, unknown name) or RangeError (out of range) that names the argument and what was
 * expected. Also normalises dataset input (X, y) into a row-major view without copying it.
 */
import * as L from './abi/layout.js';
import type {
  FeaturesInput, FitOptionsRecord, LabelsInput, ModelName, OptimizerName, OptimizerSettings, Progress, Schedule,
} from './types.js';

/** Known models and the id of their loss in the WASM/JS kernels (src/abi/layout.ts: LOSS_*). */
export const MODEL_IDS: Readonly<Record<ModelName, number>> = {
  linear: L.LOSS_SQUARED, ridge: L.LOSS_SQUARED, logistic: L.LOSS_LOG, hinge: L.LOSS_HINGE, softmax: L.LOSS_MULTINOMIAL,
};

/** Known optimizers and their ids (src/abi/layout.ts: OPT_*). */
export const OPTIMIZER_IDS: Readonly<Record<OptimizerName, number>> = {
  sgd: L.OPT_SGD, adam: L.OPT_ADAM, adamw: L.OPT_ADAMW, rmsprop: L.OPT_RMSPROP, adagrad: L.OPT_ADAGRAD,
};

const OPTIMIZER_KEYS = [
  'optimizer', 'lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize', 'betas', 'eps', 'rho', 'lrDecay',
] as const;
const SGD_KEYS = ['lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize'] as const;
const FIT_KEYS = [
  'model', 'alpha', 'classes', ...OPTIMIZER_KEYS, 'batchSize', 'shuffle', 'seed', 'schedule', 'maxIterations',
  'maxEpochs', 'tol', 'stoppingRule', 'nIterNoChange', 'validationFraction', 'fitIntercept', 'initialWeights', 'initialIntercept',
  'onProgress', 'progressEvery', 'signal',
] as const;
/** The options of the one-call `fit(X, y, options)` and of `Estimator`: engine.fit's, and the engine's and `verbose`. */
export const FIT_CALL_KEYS: readonly string[] = [...FIT_KEYS, 'backend', 'simd', 'verbose'];

/** engine.fit's keys that are options of the one-call fit or of createEngine. */
const FIT_NOTES: Readonly<Record<string, string>> = {
  verbose: 'engine.fit reports progress through onProgress: pass onProgress: progressLogger() (verbose is an option of the one-call fit(X, y, options))',
  backend: 'the backend is chosen when the engine is made: createEngine({ backend }), or the one-call fit(X, y, { backend, … })',
  simd: 'SIMD is chosen when the engine is made: createEngine({ simd }), or the one-call fit(X, y, { simd, … })',
};

/** Fit options after validation, with defaults filled in. `tol` is −Infinity when the rule is off. */
export interface FitConfig extends Required<OptimizerSettings> {
  model: ModelName;
  lossId: number;
  penaltyId: number;
  optimizerId: number;
  alpha: number;
  /** Outputs K: classes for softmax, 1 otherwise. */
  outputs: number;
  /** 2 for logistic and hinge, K for softmax, 1 for regression. */
  classes: number;
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
  onProgress: ((p: Progress) => void | boolean) | null;
  progressEvery: number;
  signal: NonNullable<FitOptionsRecord['signal']> | null;
}

/** A short description of a value for error messages: `"0.1" (string)`, `NaN`, `[object Object]`. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `${JSON.stringify(value)} (string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return Object.prototype.toString.call(value);
}

/** What a value passed as an AbortSignal is, for the error: `an object without \`aborted\``, `"x" (string)`. */
export function describeSignal(value: unknown): string {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    return `an object without \`aborted\`${keys.length ? ` (keys: ${keys.slice(0, 5).join(', ')})` : ''}; pass an AbortController's signal`;
  }
  return describe(value);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * Names users bring from PyTorch, scikit-learn and Keras, mapped to ours (checked before the edit distance). Matched
 * case-insensitively and ignoring underscores, so `learning_rate`, `learningRate` and `LearningRate` are one entry.
 */
const ALIASES: Record<string, string> = {
  learningRate: 'lr', eta: 'lr', eta0: 'lr', lr0: 'lr', beta: 'momentum', mu: 'momentum',
  maxIter: 'maxEpochs', nIter: 'maxEpochs', iterations: 'maxIterations', maxSteps: 'maxIterations',
  epochs: 'maxEpochs', nEpochs: 'maxEpochs', numEpochs: 'maxEpochs', patience: 'nIterNoChange', tolerance: 'tol',
  randomState: 'seed', randomSeed: 'seed', testSize: 'testFraction', loss: 'model', penalty: 'alpha',
  l2: 'alpha', nesterovsMomentum: 'nesterov', epsilon: 'eps', beta1: 'betas', beta2: 'betas', validationSplit: 'validationFraction',
  coefInit: 'initialWeights', interceptInit: 'initialIntercept', nClasses: 'classes', numClasses: 'classes',
  callback: 'onProgress', callbacks: 'onProgress', path: 'url', file: 'url', href: 'url',
};

/** A name as the matching compares it: lower case, without underscores. */
function normalize(name: string): string {
  return name.toLowerCase().replaceAll('_', '');
}

const NORMALIZED_ALIASES = new Map(Object.entries(ALIASES).map(([k, v]) => [normalize(k), v]));

/**
 * The known name closest to `key`, or undefined when none is reasonably close. Names are compared case-insensitively
 * and without underscores: an alias first; then a known name (or alias) the key is a prefix of (3+ letters); then the
 * smallest edit distance to a known name or an alias (known names first on ties), if at most half the key's length.
 */
export function nearest(key: string, known: readonly string[]): string | undefined {
  const k = normalize(key);
  const alias = NORMALIZED_ALIASES.get(k);
  if (alias && known.includes(alias)) return alias;
  const candidates: [string, string][] = known.map((name) => [normalize(name), name]);
  for (const [a, target] of NORMALIZED_ALIASES) if (known.includes(target)) candidates.push([a, target]);
  let best: string | undefined, bestDistance = Infinity;
  for (const [name, target] of candidates) {
    const dist = editDistance(k, name);
    if (dist < bestDistance) { best = target; bestDistance = dist; }
  }
  if (bestDistance <= Math.max(1, Math.floor(k.length / 2))) return best;
  if (k.length >= 3) return candidates.find(([name]) => name.startsWith(k))?.[1];
  return undefined;
}

/**
 * The one check of option names in the public API: every own key of `options` must be in `known`, else a
 * TypeError `Unknown <what> option "<key>" (did you mean "<nearest>"?); known options: …`. `notes` explains keys that
 * belong elsewhere (another function's option): `Unknown <what> option "<key>": <note>; known options: …`.
 */
export function checkKeys(options: object, known: readonly string[], what: string, notes?: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const note = notes && Object.hasOwn(notes, key) ? notes[key] : undefined;
    const hint = note === undefined ? nearest(key, known) : undefined;
    throw new TypeError(
      `Unknown ${what} option "${key}"${note ? `: ${note}` : hint ? ` (did you mean "${hint}"?)` : ''}; known options: ${known.join(', ')}`,
    );
  }
}

/**
 * The one check of positional arguments: a public function called with more than `params.length` arguments throws
 * a TypeError naming the function, its parameters and the first extra argument (never silently ignored).
 */
export function checkArgCount(fn: string, params: readonly string[], args: ArrayLike<unknown>): void {
  if (args.length <= params.length) return;
  const extra = args[params.length];
  let hint = '';
  if (typeof extra === 'object' && extra !== null && !Array.isArray(extra) && !ArrayBuffer.isView(extra)) {
    const keys = Object.keys(extra);
    if (keys.length) hint = ` with ${keys.map((k) => `"${k}"`).join(', ')}`;
  }
  throw new TypeError(
    `${fn}(${params.join(', ')}) takes ${params.length} argument${params.length === 1 ? '' : 's'}, got ${args.length}: ` +
    `argument ${params.length + 1} (${describe(extra)}${hint}) is not used; remove it`,
  );
}

function finiteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  return value;
}

function numberIn(name: string, value: unknown, fallback: number, lo: number, hi: number, hiOpen: boolean): number {
  if (value === undefined) return fallback;
  const v = finiteNumber(name, value);
  if (v < lo || v > hi || (hiOpen && v === hi)) {
    throw new RangeError(`${name} must be in [${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${v}`);
  }
  return v;
}

function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${describe(value)}`);
  return value;
}

function positiveInteger(name: string, value: unknown, fallback: number, max = 2 ** 31 - 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`${name} must be a positive integer, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be a positive integer ≤ ${max}, got ${value}`);
  }
  return value;
}

/** η: finite and > 0. */
export function checkLr(value: unknown, name = 'lr'): number {
  if (value === undefined) throw new TypeError(`${name} is required: a finite number > 0`);
  const v = finiteNumber(name, value);
  if (!(v > 0)) throw new RangeError(`${name} must be > 0, got ${v}`);
  return v;
}

function requireObject(name: string, value: unknown): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object, got ${describe(value)}`);
  }
  return value;
}

/** Which optimizers each optimizer-specific option applies to. */
const APPLIES_TO: ReadonlyArray<readonly [keyof OptimizerSettings, readonly OptimizerName[]]> = [
  ['momentum', ['sgd', 'rmsprop']], ['dampening', ['sgd']], ['nesterov', ['sgd']], ['betas', ['adam', 'adamw']],
  ['rho', ['rmsprop']], ['lrDecay', ['adagrad']], ['eps', ['adam', 'adamw', 'rmsprop', 'adagrad']],
];

/** The optimizer part common to fit and the per-step API: PyTorch's defaults and rules. */
export function checkOptimizer(o: Partial<OptimizerSettings>): Required<OptimizerSettings> {
  const optimizer = o.optimizer === undefined ? 'sgd' : o.optimizer;
  if (typeof optimizer !== 'string' || !Object.hasOwn(OPTIMIZER_IDS, optimizer)) {
    throw new RangeError(`optimizer must be one of ${Object.keys(OPTIMIZER_IDS).map((m) => `'${m}'`).join(', ')}, got ${describe(optimizer)}`);
  }
  for (const [key, allowed] of APPLIES_TO) {
    if (o[key] !== undefined && !allowed.includes(optimizer)) {
      throw new RangeError(`${key} applies to optimizer ${allowed.map((a) => `'${a}'`).join(' or ')}, not '${optimizer}'`);
    }
  }
  const lr = checkLr(o.lr);
  const momentum = numberIn('momentum', o.momentum, 0, 0, 1, true);
  const dampening = numberIn('dampening', o.dampening, 0, 0, 1, false);
  const nesterov = bool('nesterov', o.nesterov, false);
  const weightDecay = numberIn('weightDecay', o.weightDecay, optimizer === 'adamw' ? 0.01 : 0, 0, Number.MAX_VALUE, false);
  const maximize = bool('maximize', o.maximize, false);
  if (nesterov && (momentum === 0 || dampening !== 0)) {
    throw new RangeError(
      `nesterov requires momentum > 0 and dampening = 0 (PyTorch's rule), got momentum ${momentum}, dampening ${dampening}`,
    );
  }
  let betas: [number, number] = [0.9, 0.999];
  if (o.betas !== undefined) {
    if (!Array.isArray(o.betas) || o.betas.length !== 2) {
      throw new TypeError(`betas must be a pair [beta1, beta2], got ${describe(o.betas)}`);
    }
    betas = [numberIn('betas[0]', o.betas[0], 0.9, 0, 1, true), numberIn('betas[1]', o.betas[1], 0.999, 0, 1, true)];
  }
  const eps = o.eps === undefined ? (optimizer === 'adagrad' ? 1e-10 : 1e-8) : finiteNumber('eps', o.eps);
  if (!(eps > 0)) throw new RangeError(`eps must be > 0, got ${eps}`);
  const rho = numberIn('rho', o.rho, 0.99, 0, 1, true);
  const lrDecay = numberIn('lrDecay', o.lrDecay, 0, 0, Number.MAX_VALUE, false);
  return { optimizer, lr, momentum, dampening, nesterov, weightDecay, maximize, betas, eps, rho, lrDecay };
}

/** engine.sgd's notes for the options of the other optimizers: which optimizers they apply to, and where to get one. */
const SGD_NOTES: Readonly<Record<string, string>> = Object.fromEntries([
  ['optimizer', 'engine.sgd makes an SGD optimizer; for another one use engine.optimizer(params, { optimizer, … })'],
  ...APPLIES_TO.filter(([, allowed]) => !allowed.includes('sgd')).map(([key, allowed]) => [key,
    `${key} applies to optimizer ${allowed.map((a) => `'${a}'`).join(' or ')}, not 'sgd' (use engine.optimizer(params, { optimizer: '${allowed[0]}', ${key}, … }))`]),
]);

/** Validates options of {@link Engine.sgd}. */
export function checkSgdOptions(options: unknown): Required<OptimizerSettings> {
  const o = requireObject('options', options) as Partial<OptimizerSettings>;
  checkKeys(o, SGD_KEYS, 'sgd', SGD_NOTES);
  return checkOptimizer(o);
}

/** Validates options of {@link Engine.optimizer}. */
export function checkOptimizerOptions(options: unknown): Required<OptimizerSettings> {
  const o = requireObject('options', options) as Partial<OptimizerSettings>;
  checkKeys(o, OPTIMIZER_KEYS, 'optimizer');
  return checkOptimizer(o);
}

/** What a fit needs to know of the labels: checked when the dataset is made. */
export interface LabelInfo {
  /** Index of the first label that is not 0 or 1, or −1. */
  firstNonBinary: number;
  /** Index of the first label that is not a non-negative integer, or −1. */
  firstNonClass: number;
  /** Largest label. */
  max: number;
}

/** Scans labels once (at dataset creation) for the models' label checks. */
export function labelInfo(y: ArrayLike<number>): LabelInfo {
  let firstNonBinary = -1, firstNonClass = -1, max = -Infinity;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (firstNonBinary < 0 && v !== 0 && v !== 1) firstNonBinary = i;
    if (firstNonClass < 0 && !(Number.isInteger(v) && v >= 0)) firstNonClass = i;
    if (v > max) max = v;
  }
  return { firstNonBinary, firstNonClass, max };
}

function checkSchedule(schedule: unknown, lr: number): ((epoch: number) => number) | null {
  if (schedule === undefined || schedule === 'constant') return null;
  let f: (e: number) => number;
  if (typeof schedule === 'function') {
    const user = schedule as (e: number, lr: number) => number;
    f = (e) => user(e, lr);
  } else if (typeof schedule === 'object' && schedule !== null && 'type' in schedule) {
    const s = schedule as Exclude<Schedule, 'constant' | ((e: number, lr: number) => number)>;
    checkKeys(s, ['type', 'stepSize', 'gamma', 'power', 'tMax', 'etaMin'], 'schedule');
    if (s.type === 'step') {
      if (s.stepSize === undefined) throw new TypeError('schedule.stepSize is required for a step schedule');
      const stepSize = positiveInteger('schedule.stepSize', s.stepSize, 1);
      const gamma = numberIn('schedule.gamma', s.gamma, 0.1, 0, Number.MAX_VALUE, false);
      f = (e) => lr * gamma ** Math.floor(e / stepSize);
    } else if (s.type === 'exponential') {
      if (s.gamma === undefined) throw new TypeError('schedule.gamma is required for an exponential schedule');
      const gamma = numberIn('schedule.gamma', s.gamma, 1, 0, Number.MAX_VALUE, false);
      f = (e) => lr * gamma ** e;
    } else if (s.type === 'invscaling') {
      const power = numberIn('schedule.power', s.power, 0.25, 0, Number.MAX_VALUE, false);
      f = (e) => lr / (e + 1) ** power;
    } else if (s.type === 'cosine') {
      if (s.tMax === undefined) throw new TypeError('schedule.tMax is required for a cosine schedule');
      const tMax = positiveInteger('schedule.tMax', s.tMax, 1);
      const etaMin = numberIn('schedule.etaMin', s.etaMin, 0, 0, lr, false);
      f = (e) => etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * e) / tMax))) / 2;
    } else {
      throw new RangeError(`schedule.type must be 'step', 'exponential', 'invscaling' or 'cosine', got ${describe((s as { type: unknown }).type)}`);
    }
  } else {
    throw new TypeError(`schedule must be 'constant', a schedule object or a function (epoch, lr) => lr, got ${describe(schedule)}`);
  }
  // Epoch 0 is asked for once up front (a schedule that fails at once fails before any work) and kept: a user's
  // function is called once per epoch, never twice.
  let first: number | undefined;
  return (e) => {
    if (e === 0 && first !== undefined) return first;
    const v = f(e);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`schedule must give a finite learning rate ≥ 0 for every epoch, got ${describe(v)} at epoch ${e}`);
    }
    if (e === 0) first = v;
    return v;
  };
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

/** Validates options of {@link Engine.fit} against a dataset of `rows` × `cols` with the given labels. */
export function checkFitOptions(options: unknown, rows: number, cols: number, labels: LabelInfo): FitConfig {
  const o = requireObject('options', options) as FitOptionsRecord;
  checkKeys(o, FIT_KEYS, 'fit', FIT_NOTES);
  const model = o.model === undefined ? 'linear' : o.model;
  if (typeof model !== 'string' || !Object.hasOwn(MODEL_IDS, model)) {
    throw new RangeError(`model must be one of ${Object.keys(MODEL_IDS).map((m) => `'${m}'`).join(', ')}, got ${describe(model)}`);
  }
  const opt = checkOptimizer(o);
  let alpha = 0;
  if (model === 'linear') {
    if (o.alpha !== undefined && o.alpha !== 0) {
      throw new RangeError(`alpha must be 0 for model 'linear' (use model 'ridge' for an L2 penalty), got ${describe(o.alpha)}`);
    }
  } else {
    alpha = numberIn('alpha', o.alpha, 1e-4, 0, Number.MAX_VALUE, false);
  }
  let outputs = 1, classes = 1;
  if (o.classes !== undefined && model !== 'softmax') {
    throw new RangeError(`classes applies to model 'softmax' only, not '${model}'`);
  }
  if (model === 'logistic' || model === 'hinge') {
    if (labels.firstNonBinary >= 0) {
      throw new RangeError(`y must hold 0/1 labels (or booleans) for model '${model}': y[${labels.firstNonBinary}] is not 0 or 1`);
    }
    classes = 2;
  }
  if (model === 'softmax') {
    if (labels.firstNonClass >= 0) {
      throw new RangeError(`y must hold class indices 0…K−1 for model 'softmax': y[${labels.firstNonClass}] is not a non-negative integer`);
    }
    classes = positiveInteger('classes', o.classes, labels.max + 1, 1 << 20);
    if (classes < 2) throw new RangeError(`classes must be ≥ 2 for model 'softmax', got ${classes}`);
    if (labels.max >= classes) throw new RangeError(`classes must exceed every label: got ${classes} classes and a label ${labels.max}`);
    outputs = classes;
  }
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
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') {
    throw new TypeError(`onProgress must be a function, got ${describe(o.onProgress)}`);
  }
  if (o.signal !== undefined && !(typeof o.signal === 'object' && o.signal !== null && 'aborted' in o.signal)) {
    throw new TypeError(`signal must be an AbortSignal, got ${describeSignal(o.signal)}`);
  }
  const progressEvery = positiveInteger('progressEvery', o.progressEvery, 1);
  const batchesPerEpoch = Math.ceil(trainRows / batchSize);
  const epochs = Math.min(maxEpochs, Math.ceil(maxIterations / batchesPerEpoch));
  const lrAt = checkSchedule(o.schedule, opt.lr);
  lrAt?.(0); // a schedule that fails at once fails before any work
  // Explicit properties, no spread: V8 builds a spread into a many-field literal on a slow path (~30 µs a fit).
  return {
    optimizer: opt.optimizer, lr: opt.lr, momentum: opt.momentum, dampening: opt.dampening, nesterov: opt.nesterov,
    weightDecay: opt.weightDecay, maximize: opt.maximize, betas: opt.betas, eps: opt.eps, rho: opt.rho,
    lrDecay: opt.lrDecay, model: model as ModelName, lossId: MODEL_IDS[model as ModelName],
    penaltyId: alpha !== 0 ? L.PENALTY_L2 : L.PENALTY_NONE,
    optimizerId: OPTIMIZER_IDS[opt.optimizer], alpha, outputs, classes, batchSize, shuffle, seed, lrAt, epochs,
    maxIterations, maxEpochs, tol, stopRule, nIterNoChange, validationFraction, fitIntercept, initialWeights, initialIntercept,
    onProgress: o.onProgress ?? null, progressEvery, signal: o.signal ?? null,
  };
}

function isArrayLikeOfNumbers(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) || Array.isArray(value);
}

/**
 * Copies a vector argument into a new Float64Array, checking its length (when given) and that every element is
 * a finite number.
 */
export function toFloat64(name: string, value: unknown, length?: number): Float64Array {
  if (!isArrayLikeOfNumbers(value) || value instanceof BigInt64Array || value instanceof BigUint64Array) {
    throw new TypeError(`${name} must be an array or typed array of numbers, got ${describe(value)}`);
  }
  const v = value as ArrayLike<number>;
  if (length !== undefined && v.length !== length) {
    throw new RangeError(`${name} must have length ${length}, got ${v.length}`);
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number') throw new TypeError(`${name}[${i}] must be a number, got ${describe(x)}`);
    if (!Number.isFinite(x)) throw new RangeError(`${name}[${i}] must be finite, got ${x}`);
    out[i] = x;
  }
  return out;
}

/** A validated data set, not yet copied: `at(i, j)` reads the caller's storage. */
export interface DatasetInput {
  rows: number;
  cols: number;
  /** Copies X row-major into `dst` starting at element `offset`. */
  copyX(dst: Float64Array, offset: number): void;
  /** y as numbers (booleans mapped to 0/1), validated finite. */
  y: ArrayLike<number>;
}

/**
 * Validates X and y completely (shape, element types, finiteness) before anything is allocated or copied.
 * X: an array of rows (`number[][]` or typed rows) or `{ data, rows, cols }` (row-major); y: numbers or booleans, or
 * null for X alone (prediction).
 */
export function checkDataset(X: FeaturesInput, y: LabelsInput | null, maxBytes = Infinity): DatasetInput {
  let rows: number, cols: number;
  // Too large for the backend: say so before scanning a single value.
  const checkSize = () => {
    const bytes = 8 * rows * cols + 8 * rows;
    if (bytes > maxBytes) {
      throw new RangeError(
        `X is too large: a dataset of ${rows} × ${cols} needs ${(bytes / 2 ** 30).toFixed(2)} GiB as f64, but 32-bit ` +
        `WebAssembly memory is limited to ${(maxBytes / 2 ** 30).toFixed(2)} GiB; use fewer rows or the 'js' backend`,
      );
    }
  };
  let copyX: (dst: Float64Array, offset: number) => void;
  if (Array.isArray(X)) {
    rows = X.length;
    if (rows === 0) throw new RangeError('X must have at least one row, got 0 rows');
    const first = X[0];
    if (!isArrayLikeOfNumbers(first)) throw new TypeError(`X[0] must be an array of numbers, got ${describe(first)}`);
    cols = first.length;
    if (cols === 0) throw new RangeError('X must have at least one column, got 0 columns');
    checkSize();
    for (let i = 0; i < rows; i++) {
      const row = X[i];
      if (!isArrayLikeOfNumbers(row)) throw new TypeError(`X[${i}] must be an array of numbers, got ${describe(row)}`);
      if (row.length !== cols) {
        throw new RangeError(`X is ragged: X[${i}] has length ${row.length}, expected ${cols} (the length of X[0])`);
      }
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        if (typeof v !== 'number') throw new TypeError(`X[${i}][${j}] must be a number, got ${describe(v)}`);
        if (!Number.isFinite(v)) throw new RangeError(`X[${i}][${j}] must be finite, got ${v}`);
      }
    }
    const rowsArr = X as ReadonlyArray<ArrayLike<number>>;
    copyX = (dst, offset) => {
      for (let i = 0; i < rows; i++) {
        const row = rowsArr[i]!;
        const base = offset + i * cols;
        if (ArrayBuffer.isView(row)) dst.set(row as unknown as ArrayLike<number>, base);
        else for (let j = 0; j < cols; j++) dst[base + j] = row[j]!;
      }
    };
  } else if (typeof X === 'object' && X !== null && 'data' in X) {
    const m = X as { data: unknown; rows: unknown; cols: unknown };
    if (typeof m.rows !== 'number' || !Number.isInteger(m.rows) || m.rows < 1) {
      throw new RangeError(`X.rows must be a positive integer, got ${describe(m.rows)}`);
    }
    if (typeof m.cols !== 'number' || !Number.isInteger(m.cols) || m.cols < 1) {
      throw new RangeError(`X.cols must be a positive integer, got ${describe(m.cols)}`);
    }
    if (!isArrayLikeOfNumbers(m.data) || m.data instanceof BigInt64Array || m.data instanceof BigUint64Array) {
      throw new TypeError(`X.data must be a Float64Array, Float32Array or array of numbers, got ${describe(m.data)}`);
    }
    rows = m.rows;
    cols = m.cols;
    const data = m.data as ArrayLike<number>;
    if (data.length !== rows * cols) {
      throw new RangeError(`X.data must have rows·cols = ${rows}·${cols} = ${rows * cols} elements, got ${data.length}`);
    }
    checkSize();
    const typed = data instanceof Float64Array || data instanceof Float32Array;
    for (let k = 0; k < data.length; k++) {
      const v = data[k];
      if (!typed && typeof v !== 'number') {
        throw new TypeError(`X.data[${k}] (row ${Math.floor(k / cols)}, column ${k % cols}) must be a number, got ${describe(v)}`);
      }
      if (!Number.isFinite(v)) {
        throw new RangeError(`X.data[${k}] (row ${Math.floor(k / cols)}, column ${k % cols}) must be finite, got ${v}`);
      }
    }
    copyX = (dst, offset) => {
      if (ArrayBuffer.isView(data)) dst.set(data, offset);
      else for (let k = 0; k < data.length; k++) dst[offset + k] = data[k]!;
    };
  } else {
    throw new TypeError(`X must be an array of rows or { data, rows, cols }, got ${describe(X)}`);
  }
  return { rows, cols, copyX, y: y === null ? new Float64Array(0) : checkLabels(y, rows) };
}

function checkLabels(y: LabelsInput, rows: number): ArrayLike<number> {
  if (!isArrayLikeOfNumbers(y) || y instanceof BigInt64Array || y instanceof BigUint64Array) {
    throw new TypeError(`y must be an array or typed array of numbers, got ${describe(y)}`);
  }
  if (y.length !== rows) throw new RangeError(`y must have one value per row of X: length ${rows}, got ${y.length}`);
  if (ArrayBuffer.isView(y)) {
    const t = y as ArrayLike<number>;
    for (let i = 0; i < t.length; i++) {
      if (!Number.isFinite(t[i])) throw new RangeError(`y[${i}] must be finite, got ${t[i]}`);
    }
    return t;
  }
  const out = new Float64Array(rows);
  const arr = y as ReadonlyArray<unknown>;
  for (let i = 0; i < rows; i++) {
    const v = arr[i];
    if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else if (typeof v !== 'number') throw new TypeError(`y[${i}] must be a number or boolean, got ${describe(v)}`);
    else if (!Number.isFinite(v)) throw new RangeError(`y[${i}] must be finite, got ${v}`);
    else out[i] = v;
  }
  return out;
}
