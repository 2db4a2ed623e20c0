/**
 * Online learning (issue 15 item 7): engine.partialFit's options and state. A call is one epoch of an ordinary fit
 * (src/engine.ts FitDriver) whose config carries a `Resume` (src/options/online.ts): θ₀, the optimizer's buffers,
 * its step state (t, β₁ᵗ, β₂ᵗ, first), the shuffle's stream and the schedule's epoch, written into the workspace by
 * src/plan.ts and the backends. After the epoch, `onlineState` copies them out as plain JSON data
 * (FitResult.optimizerState), which the next call's `from` reads back.
 */
import * as L from './abi/layout.js';
import { MODELS } from './models/registry.js';
import {
  FIT_KEYS, checkFitOptions, checkKeys, describe, modelOption, requireObject, toFloat64, type FitConfig, type LabelInfo,
} from './options/index.js';
import type { Resume } from './options/online.js';
import type { FitSnapshot } from './backend.js';
import { initialParams } from './plan.js';
import { seedState } from './random.js';
import type { FitResult, OnlineState, OptimizerName, OptimizerSettings } from './types.js';

const FORMAT = 'momentum-gd/online@1';

/** PyTorch's names of each optimizer's buffers 1 and 2 (src/optimizer.ts; SGD's buffer 1 is its velocity). */
const BUFFERS: Record<OptimizerName, string[]> = {
  sgd: ['velocity'],
  adam: ['expAvg', 'expAvgSq'],
  adamw: ['expAvg', 'expAvgSq'],
  rmsprop: ['squareAvg', 'momentumBuffer'],
  adagrad: ['sum'],
  adadelta: ['squareAvg', 'accDelta'],
};

/** The optimizer's hyperparameters that cannot change between calls: every setting but lr. */
const SETTINGS = ['optimizer', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize', 'betas', 'eps', 'rho', 'lrDecay'] as const;

const STATE_KEYS = [
  'format', 'model', 'cols', 'classes', 'fitIntercept', 'alpha', 'penalty', 'l1Ratio', 'epsilon', 'average', 'optimizer',
  'weights', 'intercepts', 'buffers', 'step', 'beta1Pow', 'beta2Pow', 'first', 'epochs', 'rng', 'averaged',
];

/** Fit options that do not apply to partialFit, and why. */
const REFUSED: Readonly<Record<string, string>> = {
  maxIterations: 'each call runs one epoch over its chunk',
  maxEpochs: 'each call runs one epoch over its chunk',
  tol: 'there is no early stopping within a call (as scikit-learn\'s partial_fit)',
  stoppingRule: 'there is no early stopping within a call (as scikit-learn\'s partial_fit)',
  nIterNoChange: 'there is no early stopping within a call (as scikit-learn\'s partial_fit)',
  validationFraction: 'there is no early stopping within a call (as scikit-learn\'s partial_fit)',
  initialWeights: 'the first call starts from warmStart (a previous model), later calls from `from`',
  initialIntercept: 'the first call starts from warmStart (a previous model), later calls from `from`',
  restart: 'restarts belong to lr/momentum \'auto\', which partialFit does not take',
};

/**
 * partialFit's options checked against a chunk of `rows` × `cols` with these labels, and `from` checked against them:
 * a FitConfig of one epoch, without stopping rule, whose `resume` says where the call starts.
 */
export function checkPartialFitOptions(options: unknown, rows: number, cols: number, labels: LabelInfo): FitConfig {
  const o = requireObject('options', options) as Record<string, unknown>;
  checkKeys(o, [...FIT_KEYS, 'from'], 'partialFit');
  for (const key of Object.keys(REFUSED)) {
    if (o[key] !== undefined) throw new RangeError(`${key} does not apply to partialFit: ${REFUSED[key]}`);
  }
  for (const key of ['lr', 'momentum']) {
    if (o[key] === 'auto') throw new RangeError(`${key} 'auto' does not apply to partialFit (it estimates from the whole data set): give a number`);
  }
  const { from, ...rest } = o;
  const state = from === undefined ? null : readState(from);
  const model = modelOption(rest.model);
  const spec = MODELS[model as keyof typeof MODELS];
  if (state) {
    if (rest.warmStart !== undefined) {
      throw new RangeError('warmStart starts a new sequence of partialFit calls; `from` continues one: pass one of them');
    }
    if (cols !== state.cols) {
      throw new RangeError(`data must have ${state.cols} columns, as the state continued (from), got ${cols}`);
    }
    const classLabels = spec && (spec.outputs === 'classes' || spec.labels === 'binary');
    if (classLabels && labels.firstNonClass < 0 && labels.max >= state.classes) {
      throw new RangeError(
        `y holds the class ${labels.max}, unseen by the state continued (from), whose classes are 0…${state.classes - 1} ` +
        '(give every class on the first call: classes)',
      );
    }
    if (classLabels && rest.classes === undefined) rest.classes = state.classes;
  } else if (spec && spec.outputs === 'classes' && rest.classes === undefined && rest.warmStart === undefined) {
    throw new RangeError(
      `classes is required on the first partialFit call of model '${String(model)}' (a later chunk may hold classes this one does not), as scikit-learn's partial_fit`,
    );
  } else if (spec && spec.labels === 'binary' && rest.classes === undefined && labels.firstNonClass < 0 && labels.max > 1) {
    // Class indices beyond 0/1: one-vs-rest, whose K must be known before the first chunk (0/1 labels stay binary).
    throw new RangeError(
      `classes is required on the first partialFit call of a one-vs-rest model ('${String(model)}' with labels up to ` +
      `${labels.max}): a later chunk may hold classes this one does not, as scikit-learn's partial_fit`,
    );
  }
  if (rest.classWeight === 'balanced') {
    throw new RangeError(
      "classWeight 'balanced' does not apply to partialFit: its weights n/(K·countₖ) need the counts of all the data, " +
      'which a sequence of chunks does not have (as scikit-learn\'s partial_fit); compute them once and pass them as an ' +
      'array or an object, e.g. { 0: 0.8, 1: 1.4 }',
    );
  }
  const c = checkFitOptions({ ...rest, maxIterations: 2 ** 28, maxEpochs: 1 }, rows, cols, labels);
  if (c.mlp) {
    throw new RangeError(`partialFit does not fit networks (model '${c.mlpModel!}') yet: fit them with engine.fit`);
  }
  c.resume = state ? resumeFrom(state, c) : fresh(c, cols);
  return c;
}

/** Where a first call starts: θ₀ (zeros or warmStart), zero buffers, the step state before any step, the seed's stream. */
function fresh(c: FitConfig, d: number): Resume {
  const p = c.outputs * (d + 1);
  const stepState = new Float64Array(L.T_SIZE);
  stepState[L.T_BETA1_POW] = 1;
  stepState[L.T_BETA2_POW] = 1;
  stepState[L.T_FIRST] = 1;
  return {
    params: initialParams(c, d), buffers: [new Float64Array(p), new Float64Array(p)], stepState, rng: seedState(c.seed), epoch: 0,
    avgCount: 0, avg: new Float64Array(c.average > 0 ? p : 0),
  };
}

/** `from`: a partialFit result (its optimizerState) or the state itself, checked for shape. */
function readState(from: unknown): OnlineState {
  let s = from;
  if (typeof s === 'object' && s !== null && 'optimizerState' in s) {
    s = (s as FitResult).optimizerState;
    if (s === null) {
      throw new TypeError(
        'from is a result without optimizerState (a result of engine.fit, or a partialFit call that diverged or was ' +
        'aborted): pass a fit\'s result as warmStart to start a sequence from its weights',
      );
    }
  }
  if (typeof s !== 'object' || s === null || (s as { format?: unknown }).format !== FORMAT) {
    throw new TypeError(`from must be a partialFit result or its optimizerState (format '${FORMAT}'), got ${describe(from)}`);
  }
  checkKeys(s, STATE_KEYS, 'from (an optimizerState)');
  const st = s as OnlineState;
  if (!Number.isSafeInteger(st.cols) || st.cols < 0) throw new RangeError(`from.cols must be a non-negative integer, got ${describe(st.cols)}`);
  if (!Number.isSafeInteger(st.classes) || st.classes < 1) throw new RangeError(`from.classes must be a positive integer, got ${describe(st.classes)}`);
  return st;
}

/** The state checked against this call's config (what may not change), as the workspace's starting values. */
function resumeFrom(s: OnlineState, c: FitConfig): Resume {
  const same = (name: string, before: unknown, now: unknown) => {
    const equal = Array.isArray(before) && Array.isArray(now)
      ? before.length === now.length && before.every((v, k) => Object.is(v, now[k]))
      : Object.is(before, now);
    if (!equal) {
      throw new RangeError(
        `${name} cannot change between partialFit calls: the state continued (from) has ${describe(before)}, this call ${describe(now)}`,
      );
    }
  };
  same('model', s.model, c.model);
  same('classes', s.classes, c.classes);
  same('fitIntercept', s.fitIntercept, c.fitIntercept);
  same('alpha', s.alpha, c.alpha);
  same('penalty', s.penalty, c.penalty);
  same('l1Ratio', s.l1Ratio, c.l1Ratio);
  same('epsilon', s.epsilon, c.epsilon);
  same('average', s.average, c.average);
  const o = requireObject('from.optimizer', s.optimizer);
  checkKeys(o, SETTINGS, 'from.optimizer');
  const now = c as Required<OptimizerSettings>;
  for (const key of SETTINGS) same(key, (o as Record<string, unknown>)[key], key === 'betas' ? [...now.betas] : now[key]);
  const K = c.outputs, d = s.cols, p = K * d + K;
  const params = new Float64Array(p);
  params.set(toFloat64('from.weights', s.weights, K * d));
  params.set(toFloat64('from.intercepts', s.intercepts, K), K * d);
  const b = requireObject('from.buffers', s.buffers) as Record<string, unknown>;
  const names = BUFFERS[c.optimizer];
  checkKeys(b, names, `from.buffers (${c.optimizer})`);
  const buffers: [Float64Array, Float64Array] = [new Float64Array(p), new Float64Array(p)];
  names.forEach((name, k) => buffers[k]!.set(toFloat64(`from.buffers.${name}`, b[name], p)));
  if (!Number.isSafeInteger(s.step) || s.step < 0) throw new RangeError(`from.step must be a non-negative integer, got ${describe(s.step)}`);
  if (!Number.isSafeInteger(s.epochs) || s.epochs < 0) throw new RangeError(`from.epochs must be a non-negative integer, got ${describe(s.epochs)}`);
  for (const key of ['beta1Pow', 'beta2Pow'] as const) {
    const v = s[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new RangeError(`from.${key} must be a number in [0, 1], got ${describe(v)}`);
  }
  if (typeof s.first !== 'boolean') throw new TypeError(`from.first must be a boolean, got ${describe(s.first)}`);
  const rng = s.rng;
  if (!Array.isArray(rng) || rng.length !== 4 || !rng.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32)) {
    throw new RangeError(`from.rng must be four integers in [0, 2³²), got ${describe(rng)}`);
  }
  const stepState = new Float64Array(L.T_SIZE);
  stepState[L.T_STEP] = s.step;
  stepState[L.T_BETA1_POW] = s.beta1Pow;
  stepState[L.T_BETA2_POW] = s.beta2Pow;
  stepState[L.T_FIRST] = s.first ? 1 : 0;
  // Averaged SGD: the iterates averaged so far and their mean (null before the sequence reached update `average`).
  let avgCount = 0;
  const avg = new Float64Array(c.average > 0 ? p : 0);
  if (s.averaged !== null) {
    const a = requireObject('from.averaged', s.averaged) as Record<string, unknown>;
    checkKeys(a, ['count', 'weights', 'intercepts'], 'from.averaged');
    if (c.average === 0) throw new RangeError('from.averaged must be null for a sequence without average');
    if (!Number.isSafeInteger(a.count) || (a.count as number) < 1) {
      throw new RangeError(`from.averaged.count must be a positive integer, got ${describe(a.count)}`);
    }
    avgCount = a.count as number;
    avg.set(toFloat64('from.averaged.weights', a.weights, K * d));
    avg.set(toFloat64('from.averaged.intercepts', a.intercepts, K), K * d);
  }
  return { params, buffers, stepState, rng: Uint32Array.from(rng), epoch: s.epochs, avgCount, avg };
}

/**
 * The state after a partialFit call that completed its epoch: θ (`params`, [W | b]), the backend's copies of the state
 * block and the buffers, `epochs` the epochs it ran. Plain arrays of copies, never views.
 */
export function onlineState(c: FitConfig, d: number, snap: FitSnapshot, epochs: number): OnlineState {
  const K = c.outputs, st = snap.state, T = L.S_STEP_STATE, params = snap.params;
  const buffers: Record<string, number[]> = {};
  BUFFERS[c.optimizer].forEach((name, k) => { buffers[name] = Array.from(snap.buffers[k]!); });
  // Averaged SGD: θ̄ and its count travel beside the iterate θ, which the next call steps from.
  const count = st[L.S_AVG_COUNT]!;
  const averaged = count > 0 && snap.avg
    ? { count, weights: Array.from(snap.avg.subarray(0, K * d)), intercepts: Array.from(snap.avg.subarray(K * d, K * d + K)) }
    : null;
  return {
    format: FORMAT, model: c.model, cols: d, classes: c.classes, fitIntercept: c.fitIntercept, alpha: c.alpha,
    penalty: c.penalty, l1Ratio: c.l1Ratio, epsilon: c.epsilon, average: c.average,
    optimizer: {
      optimizer: c.optimizer, momentum: c.momentum, dampening: c.dampening, nesterov: c.nesterov, weightDecay: c.weightDecay,
      maximize: c.maximize, betas: [c.betas[0], c.betas[1]], eps: c.eps, rho: c.rho, lrDecay: c.lrDecay,
    },
    weights: Array.from(params.subarray(0, K * d)), intercepts: Array.from(params.subarray(K * d, K * d + K)), buffers,
    step: st[T + L.T_STEP]!, beta1Pow: st[T + L.T_BETA1_POW]!, beta2Pow: st[T + L.T_BETA2_POW]!, first: st[T + L.T_FIRST] !== 0,
    epochs: c.resume!.epoch + epochs,
    rng: [st[L.S_RNG0]!, st[L.S_RNG1]!, st[L.S_RNG2]!, st[L.S_RNG3]!], averaged,
  };
}

/**
 * One-vs-rest: class k's Resume, cut from the K-class one (θ, buffers and θ̄ in the layout [W (K·d) | b (K)]): its
 * [wₖ (d) | bₖ], and the step state, shuffle stream, epoch and average count, which every class shares.
 */
export function classResume(r: Resume, k: number, K: number, d: number): Resume {
  const cut = (v: Float64Array) => {
    const out = new Float64Array(d + 1);
    out.set(v.subarray(k * d, (k + 1) * d));
    out[d] = v[K * d + k]!;
    return out;
  };
  return {
    params: cut(r.params), buffers: [cut(r.buffers[0]), cut(r.buffers[1])], stepState: r.stepState.slice(), rng: r.rng.slice(),
    epoch: r.epoch, avgCount: r.avgCount, avg: r.avg.length ? cut(r.avg) : new Float64Array(0),
  };
}

/**
 * One-vs-rest: the K classes' binary states (class k's at k) as one state of the K-class model, the inverse of
 * {@link classResume}: weights K·d (class k's at k·d), intercepts K, each buffer and θ̄ in θ's layout [W | b]. The K
 * problems take the same updates on the same rows with the same seed, so their step count, β₁ᵗ, β₂ᵗ, first flag,
 * shuffle stream, epochs and average count are equal: one copy is kept, and a difference is a bug (an Error).
 */
export function joinClassStates(c: FitConfig, states: readonly OnlineState[]): OnlineState {
  const s0 = states[0]!, d = s0.cols;
  const shared = (s: OnlineState) => JSON.stringify([s.step, s.beta1Pow, s.beta2Pow, s.first, s.epochs, s.rng, s.averaged?.count ?? 0]);
  if (states.some((s) => shared(s) !== shared(s0))) throw new Error('one-vs-rest partialFit: the classes\' step states differ');
  const join = (rows: readonly number[][], intercepts: readonly number[][]) => [...rows.flat(), ...intercepts.map((b) => b[0]!)];
  const split = (v: readonly number[]) => [v.slice(0, d), v.slice(d, d + 1)] as const;
  const buffers: Record<string, number[]> = {};
  for (const name of Object.keys(s0.buffers)) {
    const parts = states.map((s) => split(s.buffers[name]!));
    buffers[name] = join(parts.map((p) => p[0]), parts.map((p) => p[1]));
  }
  const averaged = s0.averaged
    ? { count: s0.averaged.count, weights: states.flatMap((s) => s.averaged!.weights), intercepts: states.map((s) => s.averaged!.intercepts[0]!) }
    : null;
  return {
    ...s0, classes: c.classes, weights: states.flatMap((s) => s.weights), intercepts: states.map((s) => s.intercepts[0]!),
    buffers, rng: [...s0.rng], optimizer: { ...s0.optimizer, betas: [s0.optimizer.betas[0], s0.optimizer.betas[1]] }, averaged,
  };
}
