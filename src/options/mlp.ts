/**
 * The network part of engine.fit's options (issue 16): `hidden`, `activation`, and the head a model and its labels
 * imply, validated into an MlpConfig (the kernels' C_MLP_* slots, src/abi/layout.ts).
 */
import * as L from '../abi/layout.js';
import { describe, nearest } from '../check/args.js';
import { MODELS, modelNames } from '../models/registry.js';
import type { ModelName } from '../types.js';
import { warmStartClasses } from './online.js';

/** The activations by name (scikit-learn's 'logistic' is 'sigmoid' here; both names are accepted). */
export const ACTIVATIONS: Readonly<Record<string, number>> = {
  relu: L.ACT_RELU, tanh: L.ACT_TANH, sigmoid: L.ACT_SIGMOID, logistic: L.ACT_SIGMOID, identity: L.ACT_IDENTITY,
};

/** A validated network. */
export interface MlpConfig {
  /** Units of each hidden layer (≥ 1 layer, each ≥ 1 unit). */
  hidden: number[];
  /** ACT_* of the hidden layers. */
  activation: number;
  /** The output head: LOSS_SQUARED, LOSS_LOG or LOSS_MULTINOMIAL. */
  head: number;
  /** Rows per block of the forward/backward pass. */
  block: number;
}

/** The widths [d, hidden…, K] of a network over d features with K outputs. */
export function mlpWidths(m: MlpConfig, d: number, K: number): number[] {
  return [d, ...m.hidden, K];
}

/** Σ_l (in_l·out_l + out_l): the number of parameters. */
export function mlpParamCount(m: MlpConfig, d: number, K: number): number {
  const w = mlpWidths(m, d, K);
  let p = 0;
  for (let l = 1; l < w.length; l++) p += w[l - 1]! * w[l]! + w[l]!;
  return p;
}

/** Rows per block: the scratch holds this many rows of every layer's outputs. */
export const MLP_BLOCK = 64;

/** Most units a hidden layer may have. */
export const MAX_UNITS = 1 << 16;

/** `hidden` and `activation` (defaults [100] and 'relu', scikit-learn's) for a network with the given head. */
export function checkMlp(hidden: unknown, activation: unknown, head: number): MlpConfig {
  const h = hidden === undefined ? [100] : hidden;
  if (!Array.isArray(h) || h.length === 0) {
    throw new TypeError(`hidden must be a non-empty array of layer widths (e.g. [64, 32]), got ${describe(hidden)}`);
  }
  const units = h.map((u, k) => {
    if (typeof u !== 'number' || !Number.isInteger(u) || u < 1 || u > MAX_UNITS) {
      throw new RangeError(`hidden[${k}] must be an integer number of units in [1, ${MAX_UNITS}], got ${describe(u)}`);
    }
    return u;
  });
  const a = activation === undefined ? 'relu' : activation;
  if (typeof a !== 'string' || !Object.hasOwn(ACTIVATIONS, a)) {
    const near = typeof a === 'string' ? nearest(a, Object.keys(ACTIVATIONS)) : undefined;
    throw new RangeError(
      `activation must be 'relu', 'tanh', 'sigmoid' or 'identity', got ${describe(activation)}${near ? ` (did you mean '${near}'?)` : ''}`,
    );
  }
  return { hidden: units, activation: ACTIVATIONS[a]!, head, block: MLP_BLOCK };
}

/** The network models' names (scikit-learn's MLPClassifier and MLPRegressor). */
export type MlpModelName = 'mlpClassifier' | 'mlpRegressor';
/** The networks' model names, beside the model table's linear ones. */
export const MLP_MODEL_NAMES: readonly MlpModelName[] = ['mlpClassifier', 'mlpRegressor'];

/** True for 'mlpClassifier' and 'mlpRegressor'. */
export function isMlpModel(model: unknown): model is MlpModelName {
  return model === 'mlpClassifier' || model === 'mlpRegressor';
}

/** The options only a network takes: given to another model, a RangeError. */
export const MLP_KEYS = ['hidden', 'activation'] as const;

/** Fit options a network does not take, each with the reason (RangeError naming it). */
const NOT_FOR_MLP: Readonly<Record<string, string>> = {
  fitIntercept: 'every layer of a network has biases',
  initialIntercept: 'set the biases through initialWeights (θ in the layout of MlpModel.parameters)',
  l1Ratio: 'a network takes the L2 penalty alpha only',
  restart: 'the automatic step rules are for the linear models',
  epsilon: 'it is the robust regression losses\' ε (a network\'s head is the squared, logistic or softmax loss)',
};

/** What engine.fit's validation needs to fit a network: the head's linear model for the shared checks, and the net. */
export interface MlpRequest {
  /**
   * The linear model of the head (the table's L2 model of the head's loss: squared → ridge, log → logistic,
   * multinomial → softmax): its entry gives the labels, hold-out and α rules.
   */
  headModel: ModelName;
  /** The options with the network's own removed (for the shared checks). */
  rest: Record<string, unknown>;
  mlp: MlpConfig;
  name: MlpModelName;
  initialWeights: unknown;
  /** The previous network to start from (src/options/mlp-start.ts checks it), or undefined. */
  warmStart: unknown;
}

/**
 * The network part of engine.fit's options for `model` 'mlpClassifier' or 'mlpRegressor': `hidden`, `activation`,
 * the head by the labels (a regressor: squared error; a classifier with 2 classes: logistic, 1 output; with K > 2:
 * softmax, K outputs), `penalty` 'l2' or 'none' only, and the options a network refuses (NOT_FOR_MLP).
 */
export function mlpRequest(o: Record<string, unknown>, name: MlpModelName, labelMax: number): MlpRequest {
  for (const k of Object.keys(NOT_FOR_MLP)) {
    if (o[k] !== undefined) throw new RangeError(`${k} does not apply to model '${name}': ${NOT_FOR_MLP[k]}`);
  }
  if (o.lr === 'auto' || o.momentum === 'auto') {
    throw new RangeError(`lr and momentum 'auto' do not apply to model '${name}' (the rules estimate a linear model's curvature): give numbers`);
  }
  if (o.penalty !== undefined && o.penalty !== 'l2' && o.penalty !== 'none') {
    throw new RangeError(`penalty must be 'l2' or 'none' for model '${name}' (alpha is the L2 penalty on the weights), got ${describe(o.penalty)}`);
  }
  let head: number = L.LOSS_SQUARED;
  if (name === 'mlpClassifier') {
    // A warm start keeps its classes unless told otherwise (as the linear models' warmStart).
    const classes = o.classes === undefined ? warmStartClasses(o.warmStart) ?? labelMax + 1 : o.classes;
    head = classes === 2 ? L.LOSS_LOG : L.LOSS_MULTINOMIAL;
  } else {
    if (o.classes !== undefined) throw new RangeError(`classes applies to model 'mlpClassifier', not '${name}'`);
    if (o.classWeight !== undefined) {
      throw new RangeError(`classWeight applies to model 'mlpClassifier', not '${name}'; weight a regression network's rows with sampleWeight`);
    }
  }
  const headModel = modelNames().find((m) => MODELS[m].loss === head && MODELS[m].penalty === 'l2')!;
  const mlp = checkMlp(o.hidden, o.activation, head);
  const rest: Record<string, unknown> = { ...o, model: headModel };
  delete rest.hidden;
  delete rest.activation;
  delete rest.initialWeights;
  delete rest.warmStart;
  if (head === L.LOSS_LOG) delete rest.classes;
  else if (name === 'mlpClassifier' && o.classes === undefined && o.warmStart !== undefined) rest.classes = warmStartClasses(o.warmStart);
  return { headModel, rest, mlp, name, initialWeights: o.initialWeights, warmStart: o.warmStart };
}
