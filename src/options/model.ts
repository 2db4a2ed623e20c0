/**
 * The model part of engine.fit's options — `model`, `penalty`, `alpha`, `l1Ratio`, `classes` and the labels — checked
 * against the model table (src/models/registry.ts): the loss and penalty ids the kernels run, and the outputs K.
 */
import * as L from '../abi/layout.js';
import { DEFAULT_MODEL, modelNames, listNames, modelSpec, modelsWhere, outputsOf, type ModelSpec } from '../models/registry.js';
import type { FitOptionsRecord, ModelName, PenaltyName } from '../types.js';
import { describe, finiteNumber, nearest, numberIn, positiveInteger } from '../check/args.js';
import type { LabelInfo } from '../check/dataset.js';

/** The model part of a FitConfig. */
export interface ModelConfig {
  model: ModelName;
  /** src/abi/layout.ts: LOSS_*. */
  lossId: number;
  /**
   * src/abi/layout.ts: PENALTY_NONE when α = 0 (the arithmetic is skipped), else by ρ: PENALTY_L2 (ρ = 0),
   * PENALTY_L1 (ρ = 1), PENALTY_ELASTICNET.
   */
  penaltyId: number;
  /** The penalty asked for (or the model's default): the name in error messages. */
  penalty: PenaltyName;
  alpha: number;
  /** ρ, the L1 share: 0 for 'l2' and 'none', 1 for 'l1', `l1Ratio` for 'elasticnet'. */
  l1Ratio: number;
  /** Outputs K: `classes` for a model with one output per class, 1 otherwise. */
  outputs: number;
  /** 1 for real labels, 2 for 0/1 labels, K for class indices. */
  classes: number;
  /** The loss's ε (option `epsilon`; huber and the ε-insensitive models), 0 for the other models. */
  epsilon: number;
}

/** The penalties, in the order messages list them (scikit-learn's SGD `penalty` strings, with 'none' for None). */
export const PENALTIES: readonly PenaltyName[] = ['l2', 'l1', 'elasticnet', 'none'];

/** Other names for a penalty: what a user of scikit-learn or of the literature may type. */
const PENALTY_ALIASES: Readonly<Record<string, PenaltyName>> = {
  lasso: 'l1', ridge: 'l2', elastic: 'elasticnet', elasticnet: 'elasticnet', null: 'none', off: 'none', l2norm: 'l2',
  l1norm: 'l1',
};

/** `options.penalty`: one of PENALTIES, or a RangeError with the nearest name. */
function penaltyOption(given: unknown): PenaltyName | undefined {
  if (given === undefined || (typeof given === 'string' && (PENALTIES as readonly string[]).includes(given))) {
    return given as PenaltyName | undefined;
  }
  let hint = '';
  if (typeof given === 'string') {
    const k = given.toLowerCase().replaceAll(/[-_ ]/g, '');
    const near = PENALTY_ALIASES[k] ?? nearest(given, PENALTIES);
    if (near) hint = ` (did you mean '${near}'?)`;
  }
  throw new RangeError(`penalty must be ${listNames(PENALTIES, 'or')}, got ${describe(given)}${hint}`);
}

/** The model whose L2 form `model` is (the table entry whose `penalized` names it), or undefined. */
function l2FormOf(model: ModelName): ModelName | undefined {
  return modelNames().find((m) => modelSpec(m)!.penalized === model);
}

/** `options.model` as given (undefined: the default model, 'linear'). */
export function modelOption(given: unknown): ModelName {
  return (given === undefined ? DEFAULT_MODEL : given) as ModelName;
}

/**
 * The table's entry of `model` (from {@link modelOption}), or a RangeError listing the table's names and `also` (the
 * other models the caller takes, e.g. the networks), with the nearest name when one is close.
 */
export function checkModelName(model: ModelName, also: readonly string[] = []): ModelSpec {
  const spec = modelSpec(model);
  if (!spec) {
    const names = [...modelNames(), ...also];
    const hint = typeof model === 'string' ? nearest(model, names) : undefined;
    throw new RangeError(
      `model must be one of ${names.map((m) => `'${m}'`).join(', ')}, got ${describe(model)}${hint ? ` (did you mean '${hint}'?)` : ''}`,
    );
  }
  return spec;
}

/**
 * `penalty`, `alpha`, `l1Ratio`, `epsilon`, `classes` and the labels of a fit of `model`, by the model's penalty,
 * loss, output and label rules. The same errors for every model, in this order: penalty, alpha, l1Ratio, epsilon,
 * classes given to a model without them, labels.
 *
 * Penalties by the table's rule: a model with rule 'l2' (default penalty 'l2', α default 1e-4) takes any penalty,
 * except the L2 form of another model (ridge, the L2 form of 'linear': its `penalized`), whose name means L2: there
 * 'l1' and 'elasticnet' are errors naming the model to use. A model with rule 'none' (linear) has no penalty by
 * default (α must be 0) and takes any penalty given by name (α default 1e-4): linear + 'l1' is the lasso,
 * + 'elasticnet' the elastic net, + 'l2' ridge. Every model takes 'none' (α must then be 0).
 */
export function checkModelOptions(
  model: ModelName, spec: ModelSpec, o: Partial<FitOptionsRecord>, labels: LabelInfo,
): ModelConfig {
  const given = penaltyOption(o.penalty);
  const penalty: PenaltyName = given ?? spec.penalty;
  if (given === 'l1' || given === 'elasticnet') {
    const plain = l2FormOf(model);
    if (plain !== undefined) {
      throw new RangeError(
        `penalty '${given}' contradicts model '${model}' (the L2 penalty of model '${plain}'): use model '${plain}' with penalty '${given}'`,
      );
    }
  }
  let alpha = 0;
  if (penalty === 'none') {
    if (o.alpha !== undefined && o.alpha !== 0) {
      if (given === undefined) {
        throw new RangeError(
          `alpha must be 0 for model '${model}' without a penalty (use model '${spec.penalized}' for an L2 penalty, or penalty 'l1' or 'elasticnet'), got ${describe(o.alpha)}`,
        );
      }
      throw new RangeError(`alpha must be 0 with penalty 'none', got ${describe(o.alpha)}`);
    }
  } else {
    alpha = numberIn('alpha', o.alpha, 1e-4, 0, Number.MAX_VALUE, false);
  }
  let l1Ratio = penalty === 'l1' ? 1 : 0;
  if (o.l1Ratio !== undefined && penalty !== 'elasticnet') {
    throw new RangeError(
      `l1Ratio applies to penalty 'elasticnet' only, not '${penalty}'${given === undefined ? ` (the default of model '${model}')` : ''}: set penalty 'elasticnet'`,
    );
  }
  if (penalty === 'elasticnet') l1Ratio = numberIn('l1Ratio', o.l1Ratio, 0.15, 0, 1, false);
  let epsilon = 0;
  if (spec.epsilon === null) {
    if (o.epsilon !== undefined) {
      throw new RangeError(
        `epsilon applies to model ${listNames(modelsWhere((s) => s.epsilon !== null), 'or')} only, not '${model}' ` +
        `(the optimizers' ε is eps)`,
      );
    }
  } else {
    epsilon = finiteNumber('epsilon', o.epsilon ?? spec.epsilon);
    if (epsilon < 0) throw new RangeError(`epsilon must be ≥ 0, got ${epsilon}`);
  }
  if (o.classes !== undefined && spec.outputs !== 'classes' && spec.labels !== 'binary') {
    throw new RangeError(`classes applies to model ${listNames(modelsWhere((s) => s.outputs === 'classes' || s.labels === 'binary'), 'or')} only, not '${model}'`);
  }
  let classes = 1;
  if (spec.labels === 'binary' && labels.firstNonBinary < 0 && (o.classes === undefined || o.classes === 2)) {
    classes = 2;
  } else if (spec.labels === 'binary') {
    // One-vs-rest (src/ovr.ts): class indices 0 … K−1 as softmax takes them, K > 2.
    if (labels.firstNonClass >= 0) {
      throw new RangeError(
        `y must hold 0/1 labels (or booleans), or class indices 0…K−1 for a one-vs-rest fit, for model '${model}': ` +
        `y[${labels.firstNonClass}] is not a non-negative integer`,
      );
    }
    if (o.classes === undefined && labels.max >= 1 << 20) {
      throw new RangeError(`y[${labels.maxAt}] = ${labels.max} is not a class index: one-vs-rest for model '${model}' takes classes 0…K−1 with K ≤ 2²⁰`);
    }
    classes = positiveInteger('classes', classCount(o.classes), labels.max + 1, 1 << 20);
    if (classes < 2) throw new RangeError(`classes must be ≥ 2 for model '${model}', got ${classes}`);
    if (labels.max >= classes) throw new RangeError(`classes must exceed every label: got ${classes} classes and a label ${labels.max}`);
  } else if (spec.labels === 'classes') {
    if (labels.firstNonClass >= 0) {
      throw new RangeError(`y must hold class indices 0…K−1 for model '${model}': y[${labels.firstNonClass}] is not a non-negative integer`);
    }
    classes = positiveInteger('classes', classCount(o.classes), labels.max + 1, 1 << 20);
    if (classes < 2) throw new RangeError(`classes must be ≥ 2 for model '${model}', got ${classes}`);
    if (labels.max >= classes) throw new RangeError(`classes must exceed every label: got ${classes} classes and a label ${labels.max}`);
  }
  const penaltyId = !(alpha > 0) ? L.PENALTY_NONE
    : l1Ratio === 0 ? L.PENALTY_L2 : l1Ratio === 1 ? L.PENALTY_L1 : L.PENALTY_ELASTICNET;
  return {
    model, lossId: spec.loss, penaltyId, penalty, alpha, l1Ratio, outputs: outputsOf(spec, classes), classes, epsilon,
  };
}

/**
 * `classes` is the number of classes (labels 0 … classes − 1), not scikit-learn's array of labels: an array gets a
 * TypeError that says so and what to pass instead.
 */
function classCount(value: unknown): unknown {
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const n = (value as ArrayLike<unknown>).length;
    throw new TypeError(
      `classes is the number of classes (labels 0 … classes − 1), not a list of labels: got an array of length ${n}; pass classes: ${n}`,
    );
  }
  return value;
}
