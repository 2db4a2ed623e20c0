/**
 * The models as data: the one list of the models {@link Engine.fit} trains, and everything the host decides by model —
 * the loss the kernels run (src/abi/layout.ts: LOSS_*), the penalty rule for α, the number of outputs K, the label
 * rule, whether it is a classifier (stratified hold-out), the link from scores to predictions and probabilities, and
 * the metric of `score`. Options (src/options/model.ts), the engine, {@link LinearModel} and its JSON form read this
 * table; nothing else on the host lists models. It is data that options read: it imports no option code, not even
 * through another module (test/architecture/core-imports.test.ts). A model is the composition loss + penalty + link: ridge is the
 * squared loss with an L2 penalty, logistic the log-loss with the sigmoid link.
 *
 * Adding a model: one entry here, one member of `ModelOptions` in src/types.ts (its TSDoc: objective, labels, α),
 * and, for a new loss, the loss's kernels (assembly/loss/, src/js/loss/) and its LOSS_ id.
 */
import * as L from '../abi/layout.js';
import { exp, sigmoid } from '../math.js';
import { r2 } from '../metrics.js';
import type { ModelName } from '../types.js';

/** How a model's scores z (n·K of them, row-major) become predictions and probabilities. */
export interface Link {
  /** Predictions (n values) from the scores; may overwrite z. */
  predict(z: Float64Array, K: number): Float64Array;
  /** Probabilities from the scores (may overwrite z), or null for a model that gives none. */
  proba: ((z: Float64Array, K: number) => Float64Array) | null;
}

/** The metric {@link Model.score} reports: a name for messages and its value from labels and predictions. */
export interface Metric {
  readonly name: string;
  of(yTrue: Float64Array, yPred: Float64Array): number;
}

/** One model as data. */
export interface ModelSpec {
  /** The data term the kernels run: a LOSS_* id of src/abi/layout.ts. */
  readonly loss: number;
  /**
   * The penalty rule: 'l2', α ≥ 0 (default 1e-4), (α/2)·‖W‖² never on the intercepts (PENALTY_L2 when α > 0);
   * 'none', α must be 0 (or absent).
   */
  readonly penalty: 'l2' | 'none';
  /** For penalty 'none': the model that adds the L2 penalty to the same loss (the α error names it); else null. */
  readonly penalized: ModelName | null;
  /**
   * The labels a fit accepts, and so the number of classes: 'real' (any finite y, classes 1), 'binary' (0/1 or
   * booleans, classes 2), 'classes' (indices 0 … K−1, classes K = option `classes`, default max(y) + 1).
   */
  readonly labels: 'real' | 'binary' | 'classes';
  /** Outputs K (intercepts and rows of W): 'one', or 'classes' (one per class; the option `classes` applies). */
  readonly outputs: 'one' | 'classes';
  /** A classifier: the validation hold-out is stratified by label, `score` is the accuracy. */
  readonly classifier: boolean;
  /** Scores → predictions and probabilities. */
  readonly link: Link;
  /** What {@link Model.score} reports. */
  readonly score: Metric;
  /** The loss's ε (option `epsilon`) and its default, for the models whose loss has one (scikit-learn's 0.1); else null. */
  readonly epsilon: number | null;
}

/** The identity: predictions are the scores (regression); no probabilities. */
const IDENTITY: Link = { predict: (z) => z, proba: null };

/** The label [z > 0] (y ∈ {0, 1}), for a margin model without probabilities (hinge). */
const SIGN: Link = { predict: (z) => z.map((v) => (v > 0 ? 1 : 0)), proba: null };

/** σ(z) = P(y = 1) (src/math.ts: the losses' sigmoid, the same doubles); the label [z > 0], i.e. σ(z) > ½. */
const SIGMOID: Link = { predict: SIGN.predict, proba: (z) => z.map(sigmoid) };

/**
 * scikit-learn's probability of the modified Huber loss, P(y = 1) = (clip(z, −1, 1) + 1)/2 (SGDClassifier's
 * predict_proba for loss='modified_huber'); the label [z > 0].
 */
const CLIPPED: Link = { predict: SIGN.predict, proba: (z) => z.map((v) => (Math.min(Math.max(v, -1), 1) + 1) / 2) };

/** scikit-learn's DEFAULT_EPSILON (sklearn/linear_model/_stochastic_gradient.py): ε of huber and the ε-insensitive losses. */
export const DEFAULT_EPSILON = 0.1;

/**
 * e^zₖ/Σⱼe^zⱼ, shifted by the row maximum; the label argmaxₖ zₖ (the first on ties). Rows of ±Infinity give the
 * limits: the classes at the maximum share the probability, the others 0 — never NaN.
 */
const SOFTMAX: Link = {
  predict(z, K) {
    const n = z.length / K, out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (z[i * K + k]! > z[i * K + best]!) best = k;
      out[i] = best;
    }
    return out;
  },
  proba(z, K) {
    const n = z.length / K;
    for (let i = 0; i < n; i++) {
      let m = -Infinity, s = 0;
      for (let k = 0; k < K; k++) m = Math.max(m, z[i * K + k]!);
      if (!Number.isFinite(m)) {
        // Every score −∞ (uniform), or some +∞: the limit shares the mass among the top classes.
        let top = 0;
        for (let k = 0; k < K; k++) if (z[i * K + k] === m) top++;
        for (let k = 0; k < K; k++) z[i * K + k] = z[i * K + k] === m ? 1 / top : 0;
        continue;
      }
      for (let k = 0; k < K; k++) s += (z[i * K + k] = exp(z[i * K + k]! - m));
      for (let k = 0; k < K; k++) z[i * K + k] = z[i * K + k]! / s;
    }
    return z;
  },
};

/** R² (metrics.r2Score's sums, scaled where they would overflow); a prediction beyond ±1.8e308 has none. */
const R2: Metric = {
  name: 'R²',
  of(yTrue, yPred) {
    if (!yPred.every(Number.isFinite)) {
      throw new RangeError('score: a prediction for X exceeds ±1.8e308 (weights × X overflow f64); rescale X');
    }
    return r2(yTrue, yPred);
  },
};

/** The fraction of predictions equal to the label. */
const ACCURACY: Metric = {
  name: 'accuracy',
  of(yTrue, yPred) {
    let hit = 0;
    for (let i = 0; i < yTrue.length; i++) if (yPred[i] === yTrue[i]) hit++;
    return hit / yTrue.length;
  },
};

/**
 * The models, in the order error messages list them. The objectives (means over rows, zᵢ = xᵢ·w + b) are in
 * src/types.ts' ModelOptions; the type makes this table and ModelOptions list the same names.
 */
export const MODELS: Readonly<Record<ModelName, ModelSpec>> = {
  linear: {
    loss: L.LOSS_SQUARED, penalty: 'none', penalized: 'ridge', labels: 'real', outputs: 'one',
    classifier: false, link: IDENTITY, score: R2, epsilon: null,
  },
  ridge: {
    loss: L.LOSS_SQUARED, penalty: 'l2', penalized: null, labels: 'real', outputs: 'one',
    classifier: false, link: IDENTITY, score: R2, epsilon: null,
  },
  logistic: {
    loss: L.LOSS_LOG, penalty: 'l2', penalized: null, labels: 'binary', outputs: 'one',
    classifier: true, link: SIGMOID, score: ACCURACY, epsilon: null,
  },
  hinge: {
    loss: L.LOSS_HINGE, penalty: 'l2', penalized: null, labels: 'binary', outputs: 'one',
    classifier: true, link: SIGN, score: ACCURACY, epsilon: null,
  },
  softmax: {
    loss: L.LOSS_MULTINOMIAL, penalty: 'l2', penalized: null, labels: 'classes', outputs: 'classes',
    classifier: true, link: SOFTMAX, score: ACCURACY, epsilon: null,
  },
  // scikit-learn's other SGD losses (issue 15), with its defaults: L2, α = 1e-4.
  squaredHinge: {
    loss: L.LOSS_SQUARED_HINGE, penalty: 'l2', penalized: null, labels: 'binary', outputs: 'one',
    classifier: true, link: SIGN, score: ACCURACY, epsilon: null,
  },
  modifiedHuber: {
    loss: L.LOSS_MODIFIED_HUBER, penalty: 'l2', penalized: null, labels: 'binary', outputs: 'one',
    classifier: true, link: CLIPPED, score: ACCURACY, epsilon: null,
  },
  perceptron: {
    loss: L.LOSS_PERCEPTRON, penalty: 'l2', penalized: null, labels: 'binary', outputs: 'one',
    classifier: true, link: SIGN, score: ACCURACY, epsilon: null,
  },
  huber: {
    loss: L.LOSS_HUBER, penalty: 'l2', penalized: null, labels: 'real', outputs: 'one',
    classifier: false, link: IDENTITY, score: R2, epsilon: DEFAULT_EPSILON,
  },
  epsilonInsensitive: {
    loss: L.LOSS_EPSILON_INSENSITIVE, penalty: 'l2', penalized: null, labels: 'real', outputs: 'one',
    classifier: false, link: IDENTITY, score: R2, epsilon: DEFAULT_EPSILON,
  },
  squaredEpsilonInsensitive: {
    loss: L.LOSS_SQUARED_EPSILON_INSENSITIVE, penalty: 'l2', penalized: null, labels: 'real', outputs: 'one',
    classifier: false, link: IDENTITY, score: R2, epsilon: DEFAULT_EPSILON,
  },
};

/** The model of a fit without a `model` option. */
export const DEFAULT_MODEL: ModelName = 'linear';

/** The model names, in the table's order (read from the table at each call: error paths only). */
export function modelNames(): ModelName[] {
  return Object.keys(MODELS) as ModelName[];
}

/** The table's entry for `name`, or undefined for anything that is not a model's name (own keys only). */
export function modelSpec(name: unknown): ModelSpec | undefined {
  return typeof name === 'string' && Object.hasOwn(MODELS, name) ? MODELS[name as ModelName] : undefined;
}

/** The names of the models whose entry passes `test`, e.g. those with probabilities. */
export function modelsWhere(test: (spec: ModelSpec) => boolean): ModelName[] {
  return modelNames().filter((name) => test(MODELS[name]));
}

/**
 * The number of classes a label rule fixes (1 for real labels), or null when K is chosen (≥ 2): class indices, and
 * the 0/1 label models, which fit K > 2 classes one-vs-rest ({@link oneVsRest}).
 */
export function fixedClasses(spec: ModelSpec): number | null {
  return spec.labels === 'real' ? 1 : null;
}

/**
 * Whether a model with `classes` classes is fitted one-vs-rest (src/ovr.ts): a 0/1-label model (a binary classifier)
 * with K > 2 classes, K independent binary problems [y = k], one row of W and one intercept each.
 */
export function oneVsRest(spec: ModelSpec, classes: number): boolean {
  return spec.labels === 'binary' && classes > 2;
}

/** Outputs K of a model with `classes` classes: the intercepts and rows of W it has. */
export function outputsOf(spec: ModelSpec, classes: number): number {
  return spec.outputs === 'classes' || oneVsRest(spec, classes) ? classes : 1;
}

/** `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'` (with `and` for `or` as asked): names in an error message. */
export function listNames(names: readonly string[], conjunction: 'or' | 'and', quote = true): string {
  const q = names.map((n) => (quote ? `'${n}'` : n));
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} ${conjunction} ${q[q.length - 1]}`;
}
