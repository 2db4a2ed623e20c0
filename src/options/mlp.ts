/**
 * The network part of engine.fit's options (issue 16): `hidden`, `activation`, and the head a model and its labels
 * imply, validated into an MlpConfig (the kernels' C_MLP_* slots, src/abi/layout.ts).
 */
import * as L from '../abi/layout.js';
import { describe, nearest } from '../check/args.js';

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
