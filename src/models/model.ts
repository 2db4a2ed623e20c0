/**
 * A fitted linear model, independent of any engine: parameters [W (K·d) | b (K)], predictions, scores and a JSON
 * form. Prediction is a plain dot product per row and output (no engine memory is touched).
 */
import { checkDataset, describe, toFloat64 } from '../options.js';
import type { FeaturesInput, LabelsInput, Model, ModelJSON, ModelName } from '../types.js';
import { exp, sigmoid } from '../js/math.js';

const MODELS: ModelName[] = ['linear', 'ridge', 'logistic', 'hinge', 'softmax'];

export class LinearModel implements Model {
  readonly intercept: number;

  constructor(
    readonly model: ModelName, readonly cols: number, readonly classes: number,
    readonly weights: Float64Array, readonly intercepts: Float64Array,
  ) {
    this.intercept = intercepts[0]!;
  }

  /** Rows of X as a row-major Float64Array, validated like a dataset. */
  private rows(X: FeaturesInput): { data: Float64Array; n: number } {
    const input = checkDataset(X, new Float64Array(Array.isArray(X) ? X.length : (X as { rows: number }).rows ?? 0));
    if (input.cols !== this.cols) throw new RangeError(`X must have ${this.cols} columns (as in training), got ${input.cols}`);
    const data = new Float64Array(input.rows * input.cols);
    input.copyX(data, 0);
    return { data, n: input.rows };
  }

  decisionFunction(X: FeaturesInput): Float64Array {
    const { data, n } = this.rows(X);
    const d = this.cols, K = this.intercepts.length, W = this.weights;
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < K; k++) {
        let z = 0;
        for (let j = 0; j < d; j++) z += data[i * d + j]! * W[k * d + j]!;
        out[i * K + k] = z + this.intercepts[k]!;
      }
    }
    return out;
  }

  predictProba(X: FeaturesInput): Float64Array {
    const z = this.decisionFunction(X);
    if (this.model === 'logistic') return z.map(sigmoid);
    if (this.model === 'softmax') {
      const K = this.classes, n = z.length / K;
      for (let i = 0; i < n; i++) {
        let m = -Infinity, s = 0;
        for (let k = 0; k < K; k++) m = Math.max(m, z[i * K + k]!);
        for (let k = 0; k < K; k++) s += (z[i * K + k] = exp(z[i * K + k]! - m));
        for (let k = 0; k < K; k++) z[i * K + k] = z[i * K + k]! / s;
      }
      return z;
    }
    throw new TypeError(`predictProba is defined for the logistic and softmax models, not '${this.model}'`);
  }

  predict(X: FeaturesInput): Float64Array {
    const z = this.decisionFunction(X);
    if (this.model === 'linear' || this.model === 'ridge') return z;
    if (this.model === 'logistic' || this.model === 'hinge') return z.map((v) => (v > 0 ? 1 : 0));
    const K = this.classes, n = z.length / K, out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (z[i * K + k]! > z[i * K + best]!) best = k;
      out[i] = best;
    }
    return out;
  }

  score(X: FeaturesInput, y: LabelsInput): number {
    const pred = this.predict(X);
    const t = toFloat64('y', Array.isArray(y) ? (y as unknown[]).map((v) => (typeof v === 'boolean' ? +v : v)) : y, pred.length);
    if (this.model === 'linear' || this.model === 'ridge') {
      const mean = t.reduce((s, v) => s + v, 0) / t.length;
      let ssRes = 0, ssTot = 0;
      for (let i = 0; i < t.length; i++) { ssRes += (t[i]! - pred[i]!) ** 2; ssTot += (t[i]! - mean) ** 2; }
      return 1 - ssRes / ssTot;
    }
    let hit = 0;
    for (let i = 0; i < t.length; i++) if (pred[i] === t[i]) hit++;
    return hit / t.length;
  }

  toJSON(): ModelJSON {
    return {
      format: 'momentum-gd/model@1', model: this.model, cols: this.cols, classes: this.classes,
      weights: Array.from(this.weights), intercepts: Array.from(this.intercepts),
    };
  }

  /** Rebuilds a model from {@link LinearModel.toJSON}'s output (validated). */
  static fromJSON(json: unknown): LinearModel {
    const j = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<ModelJSON>;
    if (typeof j !== 'object' || j === null || j.format !== 'momentum-gd/model@1') {
      throw new TypeError(`json must be a momentum-gd model (format 'momentum-gd/model@1'), got ${describe(j)}`);
    }
    if (!MODELS.includes(j.model as ModelName)) throw new RangeError(`json.model must be one of ${MODELS.join(', ')}, got ${describe(j.model)}`);
    const cols = j.cols, classes = j.classes;
    if (!Number.isInteger(cols) || cols! < 1) throw new RangeError(`json.cols must be a positive integer, got ${describe(cols)}`);
    if (!Number.isInteger(classes) || classes! < 1) throw new RangeError(`json.classes must be a positive integer, got ${describe(classes)}`);
    const K = j.model === 'softmax' ? classes! : 1;
    return new LinearModel(j.model as ModelName, cols!, classes!, toFloat64('json.weights', j.weights, K * cols!), toFloat64('json.intercepts', j.intercepts, K));
  }
}
