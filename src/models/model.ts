/**
 * A fitted linear model, independent of any engine: parameters [W (K·d) | b (K)], predictions, scores and a JSON
 * form. Prediction is a plain dot product per row and output (no engine memory is touched).
 */
import { isTable, tableToMatrix } from '../columnar.js';
import { INSPECT, formatSummary, summarizeModel } from '../inspect.js';
import { pow2Floor } from '../scale.js';
import { checkArgCount, describe, toFloat64 } from '../check/args.js';
import { checkDataset } from '../check/dataset.js';
import type { FeaturesInput, LabelsInput, Model, ModelJSON, ModelName } from '../types.js';
import { MODELS, fixedClasses, listNames, modelNames, modelSpec, modelsWhere, outputsOf } from './registry.js';
import { linkOf } from './ovr.js';

/**
 * x·w + b for a row whose plain sum overflowed: Σ (xⱼ/Sx)(wⱼ/Sw) with power-of-two scales (exact divisions), then
 * times the smaller scale and the larger (an intermediate overflows only where the result does), plus b.
 */
function scaledScore(x: Float64Array, xo: number, w: Float64Array, wo: number, d: number, b: number): number {
  let mx = 0, mw = 0;
  for (let j = 0; j < d; j++) { mx = Math.max(mx, Math.abs(x[xo + j]!)); mw = Math.max(mw, Math.abs(w[wo + j]!)); }
  const sx = pow2Floor(mx), sw = pow2Floor(mw);
  let z = 0;
  for (let j = 0; j < d; j++) z += (x[xo + j]! / sx) * (w[wo + j]! / sw);
  return z * Math.min(sx, sw) * Math.max(sx, sw) + b;
}

/**
 * A fitted linear model without an engine: what {@link Engine.fit} returns (as a {@link FitResult}) and what
 * {@link LinearModel.fromJSON} rebuilds from saved JSON. Parameters are W (K·d, class k's weights at k·d …) and
 * b (K), with K = classes for softmax and for a one-vs-rest model (a 0/1-label model with classes > 2), 1 otherwise;
 * scores are z = x·w + b.
 * @example
 * const model = LinearModel.fromJSON(JSON.stringify(fit)); // fit from engine.fit
 * model.predict([[0.5, 1.5]]);                             // Float64Array [ŷ]
 */
export class LinearModel implements Model {
  readonly intercept: number;

  /**
   * Wraps parameters without validating or copying them (only the model's name is checked); use
   * {@link LinearModel.fromJSON} for data from outside.
   * @param model the objective the parameters were fitted with.
   * @param cols number of features d.
   * @param classes number of classes K (1 for regression, 2 for a binary logistic or hinge model, K > 2 for their
   *   one-vs-rest form).
   * @param weights d weights, or K·d for softmax and one-vs-rest (class k's at k·d …); kept, not copied.
   * @param intercepts 1 intercept, or K for softmax and one-vs-rest; kept, not copied.
   * @throws RangeError when `model` is not a model's name.
   */
  constructor(
    readonly model: ModelName, readonly cols: number, readonly classes: number,
    readonly weights: Float64Array, readonly intercepts: Float64Array,
  ) {
    if (!modelSpec(model)) throw new RangeError(`model must be one of ${modelNames().map((m) => `'${m}'`).join(', ')}, got ${describe(model)}`);
    this.intercept = intercepts[0]!;
  }

  /** Rows of X as a row-major Float64Array, validated like a dataset. */
  private rows(given: FeaturesInput): { data: Float64Array; n: number } {
    const X = isTable(given) ? tableToMatrix(given).X : given; // columns in the table's order
    const input = checkDataset(X, null); // no label array sized by X.rows before X is validated
    if (input.cols !== this.cols) throw new RangeError(`X must have ${this.cols} column${this.cols === 1 ? '' : 's'} (as in training), got ${input.cols}`);
    const data = new Float64Array(input.rows * input.cols);
    input.copyX(data, 0);
    return { data, n: input.rows };
  }

  /**
   * Scores z = x·Wₖ + bₖ, n·K values row-major. Never NaN for finite inputs: where the plain sum overflows, it is
   * recomputed on x and Wₖ scaled by powers of two, so a score is ±Infinity only when its true value is beyond
   * ±1.8e308 (and then with the right sign).
   * @param X n rows of {@link LinearModel.cols} features: rows, a row-major `{ data, rows, cols }` or a table
   *   (columns in the table's order).
   * @throws TypeError/RangeError for X as {@link Engine.dataset} does; RangeError when X does not have
   *   {@link LinearModel.cols} columns; TypeError for a second argument.
   */
  decisionFunction(X: FeaturesInput): Float64Array {
    checkArgCount('decisionFunction', ['X'], arguments);
    const { data, n } = this.rows(X);
    return this.scores(data, n);
  }

  private scores(data: Float64Array, n: number): Float64Array {
    const d = this.cols, K = this.intercepts.length, W = this.weights;
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) {
        let z = 0;
        for (let j = 0; j < d; j++) z += data[i * d + j]! * W[k * d + j]!;
        z += this.intercepts[k]!;
        out[i * K + k] = Number.isFinite(z) ? z : scaledScore(data, i * d, W, k * d, d, this.intercepts[k]!);
      }
    }
    return out;
  }

  /**
   * Probabilities: logistic σ(z) = P(y = 1), n values; modifiedHuber (clip(z, −1, 1) + 1)/2 = P(y = 1), n values
   * (scikit-learn's); softmax e^zₖ/Σⱼe^zⱼ (shifted by the row maximum), n·K values; one-vs-rest logistic
   * σ(zₖ)/Σⱼσ(zⱼ) and modifiedHuber pₖ/Σⱼpⱼ (scikit-learn's OvR normalisation; 1/K where every pⱼ is 0), n·K values.
   * Scores of ±Infinity (true values beyond ±1.8e308) give the limits: the classes at +Infinity share the
   * probability equally (one of them: 1), the others 0 — never NaN.
   * @param X n rows of {@link LinearModel.cols} features, as {@link LinearModel.decisionFunction} takes them.
   * @throws TypeError for the models without probabilities (all but logistic, modifiedHuber and softmax);
   *   TypeError/RangeError for X as {@link LinearModel.decisionFunction}.
   */
  predictProba(X: FeaturesInput): Float64Array {
    checkArgCount('predictProba', ['X'], arguments);
    const r = this.rows(X), z = this.scores(r.data, r.n);
    const proba = linkOf(MODELS[this.model], this.intercepts.length).proba;
    if (proba) return proba(z, this.intercepts.length);
    throw new TypeError(`predictProba is defined for the ${listNames(modelsWhere((m) => m.link.proba !== null), 'and', false)} models, not '${this.model}'`);
  }

  predict(X: FeaturesInput): Float64Array {
    checkArgCount('predict', ['X'], arguments);
    const r = this.rows(X), z = this.scores(r.data, r.n);
    return linkOf(MODELS[this.model], this.intercepts.length).predict(z, this.intercepts.length);
  }

  score(X: FeaturesInput, y: LabelsInput): number {
    checkArgCount('score', ['X', 'y'], arguments);
    const pred = this.predict(X);
    const t = toFloat64('y', Array.isArray(y) ? (y as unknown[]).map((v) => (typeof v === 'boolean' ? +v : v)) : y, pred.length);
    return MODELS[this.model].score.of(t, pred);
  }

  /**
   * One line: the model, its size, how the fit ended (for a fit result) and the head of the weights, e.g.
   * `FitResult { model: 'linear', cols: 1, status: 'maxIterations', iterations: 500, epochs: 500, finalLoss: 0.0123,
   * weights: Float64Array(1) [3.01], intercept: 1.99 }`. Numbers are shown to 6 significant digits. For a fit result it
   * reads `finalLoss` (one pass over X, once); if its dataset is gone, the last epoch's loss is shown instead.
   */
  toString(): string {
    return formatSummary(summarizeModel(this), false);
  }

  /** Node's `util.inspect` (and so `console.log`): {@link LinearModel.toString}'s fields, one per line. */
  [INSPECT](): string {
    return formatSummary(summarizeModel(this), true);
  }

  toJSON(): ModelJSON {
    return {
      format: 'momentum-gd/model@1', model: this.model, cols: this.cols, classes: this.classes,
      weights: Array.from(this.weights), intercepts: Array.from(this.intercepts),
    };
  }

  /**
   * Rebuilds a model from {@link LinearModel.toJSON}'s output (validated, arrays copied).
   * @param json a {@link ModelJSON} object, or its JSON text.
   * @throws SyntaxError for text that is not JSON; TypeError when the format tag is not 'momentum-gd/model@1' or
   *   an array holds non-numbers; RangeError for an unknown model, a cols or classes that is not a positive integer,
   *   a classes that the model does not have (1 for linear and ridge, ≥ 2 for the classifiers: logistic and hinge
   *   with classes > 2 are one-vs-rest models of K rows),
   *   arrays of the wrong length or non-finite values.
   * @example
   * const again = LinearModel.fromJSON(JSON.stringify(fit)); // the same predictions as fit
   */
  static fromJSON(json: unknown): LinearModel {
    checkArgCount('LinearModel.fromJSON', ['json'], arguments);
    const j = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<ModelJSON>;
    if (typeof j !== 'object' || j === null || j.format !== 'momentum-gd/model@1') {
      throw new TypeError(`json must be a momentum-gd model (format 'momentum-gd/model@1'), got ${describe(j)}`);
    }
    const spec = modelSpec(j.model);
    if (!spec) throw new RangeError(`json.model must be one of ${modelNames().join(', ')}, got ${describe(j.model)}`);
    const cols = j.cols, classes = j.classes;
    if (!Number.isInteger(cols) || cols! < 1) throw new RangeError(`json.cols must be a positive integer, got ${describe(cols)}`);
    if (!Number.isInteger(classes) || classes! < 1) throw new RangeError(`json.classes must be a positive integer, got ${describe(classes)}`);
    const fixed = fixedClasses(spec);
    if (fixed !== null ? classes !== fixed : classes! < 2) {
      throw new RangeError(`json.classes must be ${fixed ?? '≥ 2'} for model '${j.model}', got ${classes}`);
    }
    const K = outputsOf(spec, classes!);
    return new LinearModel(j.model as ModelName, cols!, classes!, toFloat64('json.weights', j.weights, K * cols!), toFloat64('json.intercepts', j.intercepts, K));
  }
}
