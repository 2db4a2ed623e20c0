/**
 * A fitted multilayer perceptron without an engine (issue 16): what {@link Engine.fit} returns for `model`
 * 'mlpClassifier' or 'mlpRegressor', and what {@link MlpModel.fromJSON} rebuilds. Prediction is the kernels' forward
 * pass in plain JS (src/js/nn/mlp.ts's operations and order: each unit Σᵢ hᵢ·Wᵢₒ in order, then + bₒ, then the
 * activation), so `decisionFunction` gives the doubles the fit's own forward pass computes.
 */
import { isTable, tableToMatrix } from '../columnar.js';
import { checkArgCount, describe, toFloat64 } from '../check/args.js';
import { checkDataset, checkTargets } from '../check/dataset.js';
import { exp, sigmoid, tanh } from '../math.js';
import { r2 } from '../metrics.js';
import type { FeaturesInput, LabelsInput, Network, TargetsInput } from '../types.js';

/** The activation names a network takes ('logistic' is read as 'sigmoid'). */
export type ActivationName = 'relu' | 'tanh' | 'sigmoid' | 'identity';

/** A network model's JSON form ({@link MlpModel.toJSON}). */
export interface MlpModelJSON {
  /** The format tag. */
  format: 'momentum-gd/mlp@1';
  /** 'mlpClassifier' or 'mlpRegressor'. */
  model: 'mlpClassifier' | 'mlpRegressor';
  /** Number of features. */
  cols: number;
  /** Number of classes (1 for a regressor). */
  classes: number;
  /** A regressor's targets per row m, written when m > 1 (absent: 1, as before multi-output regression). */
  targets?: number;
  /** Units of each hidden layer. */
  hidden: number[];
  /** The hidden layers' activation. */
  activation: ActivationName;
  /** Per layer l: W_l as in_l·out_l numbers, row-major (in_l rows of out_l), scikit-learn's `coefs_[l]`. */
  coefs: number[][];
  /** Per layer l: b_l, out_l numbers, scikit-learn's `intercepts_[l]`. */
  intercepts: number[][];
}

function act(name: ActivationName, z: number): number {
  if (name === 'relu') return z < 0.0 ? 0.0 : z;
  if (name === 'tanh') return tanh(z);
  if (name === 'sigmoid') return sigmoid(z);
  return z;
}

/**
 * A fitted network: layers l = 1 … L with widths [cols, …hidden, outputs], outputs 1 for a regressor and for two
 * classes (the logistic head), K = classes for more (the softmax head).
 * @example
 * const net = engine.fit(data, { model: 'mlpClassifier', hidden: [64], lr: 0.05, momentum: 0.9, nesterov: true, batchSize: 32, maxEpochs: 30 });
 * net.predict(Xtest); // class indices
 * const again = MlpModel.fromJSON(JSON.stringify(net));
 */
export class MlpModel implements Network {
  /**
   * Wraps parameters without copying them; use {@link MlpModel.fromJSON} for data from outside.
   * @param model 'mlpClassifier' or 'mlpRegressor'.
   * @param cols number of features d.
   * @param classes number of classes K (1 for a regressor).
   * @param hidden units of each hidden layer.
   * @param activation the hidden layers' activation.
   * @param coefs per layer W_l, in_l·out_l values row-major (in_l rows of out_l: scikit-learn's `coefs_`).
   * @param intercepts per layer b_l, out_l values (scikit-learn's `intercepts_`).
   */
  constructor(
    readonly model: 'mlpClassifier' | 'mlpRegressor', readonly cols: number, readonly classes: number,
    readonly hidden: readonly number[], readonly activation: ActivationName,
    readonly coefs: readonly Float64Array[], readonly intercepts: readonly Float64Array[],
  ) {}

  /** Outputs of the last layer: a regressor's m targets per row (1 for a 1-D y), 1 for two classes, or K. */
  get outputs(): number {
    return this.intercepts[this.intercepts.length - 1]!.length;
  }

  private rows(given: FeaturesInput): { data: Float64Array; n: number } {
    const X = isTable(given) ? tableToMatrix(given).X : given;
    const input = checkDataset(X, null);
    if (input.cols !== this.cols) throw new RangeError(`X must have ${this.cols} column${this.cols === 1 ? '' : 's'} (as in training), got ${input.cols}`);
    const data = new Float64Array(input.rows * input.cols);
    input.copyX(data, 0);
    return { data, n: input.rows };
  }

  private forward(x: Float64Array, n: number): Float64Array {
    let h = x, nIn = this.cols;
    const L = this.coefs.length;
    for (let l = 0; l < L; l++) {
      const W = this.coefs[l]!, b = this.intercepts[l]!, nOut = b.length, last = l === L - 1;
      const z = new Float64Array(n * nOut);
      for (let r = 0; r < n; r++) {
        for (let o = 0; o < nOut; o++) {
          let s = 0.0;
          for (let i = 0; i < nIn; i++) s += h[r * nIn + i]! * W[i * nOut + o]!;
          const v = s + b[o]!;
          z[r * nOut + o] = last ? v : act(this.activation, v);
        }
      }
      h = z;
      nIn = nOut;
    }
    return h;
  }

  /**
   * The output layer's scores: n values (regressor: the predictions; two classes: the logit of class 1), or n·K
   * row-major (K classes), or n·m row-major (a regressor of m targets).
   * @param X n rows of {@link MlpModel.cols} features (as {@link Engine.dataset} takes them).
   * @throws TypeError/RangeError for X as {@link Engine.dataset}; RangeError when X has another number of columns.
   */
  decisionFunction(X: FeaturesInput): Float64Array {
    checkArgCount('decisionFunction', ['X'], arguments);
    const r = this.rows(X);
    return this.forward(r.data, r.n);
  }

  /**
   * Class probabilities, n·K row-major (two classes: [1 − σ(z), σ(z)] per row; K: the softmax, shifted by the row
   * maximum), as scikit-learn's `predict_proba`.
   * @param X n rows of {@link MlpModel.cols} features.
   * @throws TypeError for a regressor; TypeError/RangeError for X as {@link MlpModel.decisionFunction}.
   */
  predictProba(X: FeaturesInput): Float64Array {
    checkArgCount('predictProba', ['X'], arguments);
    if (this.model !== 'mlpClassifier') throw new TypeError(`predictProba is defined for model 'mlpClassifier', not '${this.model}'`);
    const r = this.rows(X), z = this.forward(r.data, r.n), K = this.classes;
    const out = new Float64Array(r.n * K);
    if (this.outputs === 1) {
      for (let i = 0; i < r.n; i++) {
        const p = sigmoid(z[i]!);
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    }
    for (let i = 0; i < r.n; i++) {
      let m = -Infinity, s = 0;
      for (let k = 0; k < K; k++) m = Math.max(m, z[i * K + k]!);
      for (let k = 0; k < K; k++) s += (out[i * K + k] = exp(z[i * K + k]! - m));
      for (let k = 0; k < K; k++) out[i * K + k] = out[i * K + k]! / s;
    }
    return out;
  }

  /**
   * Predictions: a regressor's outputs (n values; with m targets n·m, row i's m predictions at i·m … i·m + m − 1); a
   * classifier's class index (two classes: [z > 0]; K: the first argmax).
   * @param X n rows of {@link MlpModel.cols} features.
   * @throws TypeError/RangeError for X as {@link MlpModel.decisionFunction}.
   */
  predict(X: FeaturesInput): Float64Array {
    checkArgCount('predict', ['X'], arguments);
    const r = this.rows(X), z = this.forward(r.data, r.n);
    if (this.model === 'mlpRegressor') return z;
    const K = this.outputs;
    if (K === 1) return z.map((v) => (v > 0 ? 1 : 0));
    const out = new Float64Array(r.n);
    for (let i = 0; i < r.n; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (z[i * K + k]! > z[i * K + best]!) best = k;
      out[i] = best;
    }
    return out;
  }

  /**
   * Accuracy (classifier) or R² (regressor) of the predictions for X against y. With m > 1 targets, R² of each
   * target's column averaged uniformly, (1/m)·Σₖ R²ₖ (scikit-learn's `r2_score(multioutput='uniform_average')`, the
   * default of its `MLPRegressor.score`).
   * @param X n rows of {@link MlpModel.cols} features.
   * @param y n labels or targets; for a regressor of m > 1 targets, n rows of m numbers or `{ data, rows, cols: m }`
   *   ({@link TargetsInput}).
   * @throws TypeError/RangeError for X as {@link MlpModel.predict}, for y of another length or shape or not numbers.
   */
  score(X: FeaturesInput, y: LabelsInput | TargetsInput): number {
    checkArgCount('score', ['X', 'y'], arguments);
    const pred = this.predict(X);
    const m = this.model === 'mlpRegressor' ? this.outputs : 1;
    if (m > 1) {
      const n = pred.length / m;
      const given = checkTargets(y, n);
      if (!given || given.yCols !== m) {
        throw new RangeError(`y must hold ${m} targets per row for this network (n rows of ${m} numbers, or { data, rows: ${n}, cols: ${m} }), got ${given ? `${given.yCols} per row` : describe(y)}`);
      }
      let sum = 0;
      for (let k = 0; k < m; k++) {
        const t = new Float64Array(n), p = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          t[i] = given.y[i * m + k]!;
          p[i] = pred[i * m + k]!;
        }
        sum += r2(t, p);
      }
      return sum / m;
    }
    const t = toFloat64('y', Array.isArray(y) ? (y as unknown[]).map((v) => (typeof v === 'boolean' ? +v : v)) : y as ArrayLike<number>, pred.length);
    if (this.model === 'mlpRegressor') return r2(t, pred);
    let hit = 0;
    for (let i = 0; i < t.length; i++) if (pred[i] === t[i]) hit++;
    return hit / t.length;
  }

  /** The JSON form ({@link MlpModelJSON}); `JSON.stringify(model)` calls it. */
  toJSON(): MlpModelJSON {
    return {
      format: 'momentum-gd/mlp@1', model: this.model, cols: this.cols, classes: this.classes,
      ...(this.model === 'mlpRegressor' && this.outputs > 1 ? { targets: this.outputs } : {}), hidden: [...this.hidden],
      activation: this.activation, coefs: this.coefs.map((w) => Array.from(w)), intercepts: this.intercepts.map((b) => Array.from(b)),
    };
  }

  /** `MlpModel { model: 'mlpClassifier', cols: 64, classes: 10, hidden: [64], activation: 'relu' }`. */
  toString(): string {
    return `MlpModel { model: '${this.model}', cols: ${this.cols}, classes: ${this.classes}, hidden: [${this.hidden.join(', ')}], activation: '${this.activation}' }`;
  }

  /**
   * Rebuilds a network from {@link MlpModel.toJSON}'s output (validated, arrays copied).
   * @param json an {@link MlpModelJSON} object, or its JSON text.
   * @throws SyntaxError for text that is not JSON; TypeError when the format tag is not 'momentum-gd/mlp@1' or an
   *   array holds non-numbers; RangeError for an unknown model or activation, sizes that are not positive integers,
   *   arrays of the wrong length or non-finite values.
   */
  static fromJSON(json: unknown): MlpModel {
    checkArgCount('MlpModel.fromJSON', ['json'], arguments);
    const j = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<MlpModelJSON>;
    if (typeof j !== 'object' || j === null || j.format !== 'momentum-gd/mlp@1') {
      throw new TypeError(`json must be a momentum-gd network (format 'momentum-gd/mlp@1'), got ${describe(j)}`);
    }
    if (j.model !== 'mlpClassifier' && j.model !== 'mlpRegressor') throw new RangeError(`json.model must be 'mlpClassifier' or 'mlpRegressor', got ${describe(j.model)}`);
    const int = (name: string, v: unknown): number => {
      if (!Number.isInteger(v) || (v as number) < 1) throw new RangeError(`${name} must be a positive integer, got ${describe(v)}`);
      return v as number;
    };
    const cols = int('json.cols', j.cols), classes = int('json.classes', j.classes);
    if (!Array.isArray(j.hidden) || j.hidden.length === 0) throw new RangeError(`json.hidden must be a non-empty array, got ${describe(j.hidden)}`);
    const hidden = j.hidden.map((u, k) => int(`json.hidden[${k}]`, u));
    if (!['relu', 'tanh', 'sigmoid', 'identity'].includes(j.activation as string)) {
      throw new RangeError(`json.activation must be 'relu', 'tanh', 'sigmoid' or 'identity', got ${describe(j.activation)}`);
    }
    const targets = j.targets === undefined ? 1 : int('json.targets', j.targets);
    if (targets > 1 && j.model !== 'mlpRegressor') throw new RangeError(`json.targets applies to model 'mlpRegressor', not '${j.model}'`);
    const K = j.model === 'mlpRegressor' ? targets : classes === 2 ? 1 : classes;
    const widths = [cols, ...hidden, K];
    const L = widths.length - 1;
    if (!Array.isArray(j.coefs) || j.coefs.length !== L || !Array.isArray(j.intercepts) || j.intercepts.length !== L) {
      throw new RangeError(`json.coefs and json.intercepts must have ${L} layers`);
    }
    const coefs = j.coefs.map((w, l) => finite(`json.coefs[${l}]`, toFloat64(`json.coefs[${l}]`, w, widths[l]! * widths[l + 1]!)));
    const intercepts = j.intercepts.map((b, l) => finite(`json.intercepts[${l}]`, toFloat64(`json.intercepts[${l}]`, b, widths[l + 1]!)));
    return new MlpModel(j.model, cols, classes, hidden, j.activation as ActivationName, coefs, intercepts);
  }
}

function finite(name: string, a: Float64Array): Float64Array {
  if (!a.every(Number.isFinite)) throw new RangeError(`${name} must hold finite numbers`);
  return a;
}
