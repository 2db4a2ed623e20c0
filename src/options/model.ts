/**
 * The model part of engine.fit's options — `model`, `alpha`, `classes` and the labels — checked against the model
 * table (src/models/registry.ts): the loss and penalty ids the kernels run, and the outputs K.
 */
import * as L from '../abi/layout.js';
import { DEFAULT_MODEL, modelNames, listNames, modelSpec, modelsWhere, outputsOf, type ModelSpec } from '../models/registry.js';
import type { FitOptionsRecord, ModelName } from '../types.js';
import { describe, numberIn, positiveInteger } from '../check/args.js';
import type { LabelInfo } from '../check/dataset.js';

/** The model part of a FitConfig. */
export interface ModelConfig {
  model: ModelName;
  /** src/abi/layout.ts: LOSS_*. */
  lossId: number;
  /** src/abi/layout.ts: PENALTY_L2 when α > 0, else PENALTY_NONE (the L2 arithmetic is skipped at α = 0). */
  penaltyId: number;
  alpha: number;
  /** Outputs K: `classes` for a model with one output per class, 1 otherwise. */
  outputs: number;
  /** 1 for real labels, 2 for 0/1 labels, K for class indices. */
  classes: number;
}

/** `options.model` as given (undefined: the default model, 'linear'). */
export function modelOption(given: unknown): ModelName {
  return (given === undefined ? DEFAULT_MODEL : given) as ModelName;
}

/** The table's entry of `model` (from {@link modelOption}), or a RangeError listing the table's names. */
export function checkModelName(model: ModelName): ModelSpec {
  const spec = modelSpec(model);
  if (!spec) throw new RangeError(`model must be one of ${modelNames().map((m) => `'${m}'`).join(', ')}, got ${describe(model)}`);
  return spec;
}

/**
 * `alpha`, `classes` and the labels of a fit of `model`, by the model's penalty, output and label
 * rules. The same errors for every model, in this order: alpha, classes given to a model without them, labels.
 */
export function checkModelOptions(
  model: ModelName, spec: ModelSpec, o: Partial<FitOptionsRecord>, labels: LabelInfo,
): ModelConfig {
  let alpha = 0;
  if (spec.penalty === 'none') {
    if (o.alpha !== undefined && o.alpha !== 0) {
      throw new RangeError(`alpha must be 0 for model '${model}' (use model '${spec.penalized}' for an L2 penalty), got ${describe(o.alpha)}`);
    }
  } else {
    alpha = numberIn('alpha', o.alpha, 1e-4, 0, Number.MAX_VALUE, false);
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
    classes = positiveInteger('classes', o.classes, labels.max + 1, 1 << 20);
    if (classes < 2) throw new RangeError(`classes must be ≥ 2 for model '${model}', got ${classes}`);
    if (labels.max >= classes) throw new RangeError(`classes must exceed every label: got ${classes} classes and a label ${labels.max}`);
  } else if (spec.labels === 'classes') {
    if (labels.firstNonClass >= 0) {
      throw new RangeError(`y must hold class indices 0…K−1 for model '${model}': y[${labels.firstNonClass}] is not a non-negative integer`);
    }
    classes = positiveInteger('classes', o.classes, labels.max + 1, 1 << 20);
    if (classes < 2) throw new RangeError(`classes must be ≥ 2 for model '${model}', got ${classes}`);
    if (labels.max >= classes) throw new RangeError(`classes must exceed every label: got ${classes} classes and a label ${labels.max}`);
  }
  return {
    model, lossId: spec.loss, penaltyId: alpha > 0 ? L.PENALTY_L2 : L.PENALTY_NONE, alpha,
    outputs: outputsOf(spec, classes), classes,
  };
}
