/**
 * Sample and class weights (issue 15), scikit-learn's `sample_weight` and `class_weight`: validation of what the user
 * gives, and the per-row weights cᵢ = sampleWeightᵢ·classWeight[yᵢ] the kernels read (src/abi/layout.ts:
 * C_WEIGHT_PTR). The objective is (1/n)·Σ cᵢ·ℓᵢ + penalty, as scikit-learn's SGD, which multiplies each row's update by
 * class_weight·sample_weight (sklearn/linear_model/_sgd_fast.pyx: `update *= class_weight * sample_weight`): the mean
 * is over the n rows, not over Σcᵢ.
 */
import { describe, isArrayLikeOfNumbers, nearest } from '../check/args.js';
import { modelsWhere } from '../models/registry.js';
import type { ModelName } from '../types.js';

/** A validated `classWeight`: 'balanced', or one weight per class index (absent classes of a map: 1). */
export type ClassWeightSpec = 'balanced' | Float64Array;

/**
 * Checks a sample-weight array: one finite number ≥ 0 per row (array or typed array, not BigInt); returns a copy.
 * @throws TypeError for another type or a non-number element; RangeError for the wrong length or a weight that is
 *   negative, NaN or infinite (naming `name[i]`).
 */
export function checkSampleWeight(name: string, value: unknown, rows: number): Float64Array {
  if (!isArrayLikeOfNumbers(value) || value instanceof BigInt64Array || value instanceof BigUint64Array) {
    throw new TypeError(`${name} must be an array or typed array of numbers (one weight ≥ 0 per row), got ${describe(value)}`);
  }
  if (value.length !== rows) throw new RangeError(`${name} must have one weight per row of X: length ${rows}, got ${value.length}`);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = value[i] as unknown;
    if (typeof v !== 'number') throw new TypeError(`${name}[${i}] must be a number, got ${describe(v)}`);
    if (!(v >= 0) || v === Infinity) throw new RangeError(`${name}[${i}] must be a finite number ≥ 0, got ${v}`);
    out[i] = v;
  }
  return out;
}

/**
 * Checks `classWeight` for a fit of `model` over `classes` classes (2 for 0/1 labels, K for softmax): 'balanced', an
 * object { class: weight } (classes not named keep weight 1, as scikit-learn's dict) or an array of one weight per
 * class; every weight finite and ≥ 0. Returns null when absent.
 * @throws RangeError for a model that is not a classifier, another string (with "did you mean"), an unknown class, a
 *   negative or non-finite weight, an array of the wrong length; TypeError for another type.
 */
export function checkClassWeight(value: unknown, model: ModelName, classifier: boolean, classes: number): ClassWeightSpec | null {
  if (value === undefined) return null;
  if (!classifier) {
    const names = modelsWhere((s) => s.classifier).map((m) => `'${m}'`).join(', ');
    throw new RangeError(
      `classWeight applies to the classifiers (${names}), not '${model}'; weight a regression model's rows with sampleWeight`,
    );
  }
  const known = classes === 2 ? 'the classes are 0 and 1' : `the classes are 0 … ${classes - 1}`;
  if (typeof value === 'string') {
    if (value === 'balanced') return 'balanced';
    const hint = nearest(value, ['balanced']);
    throw new RangeError(
      `classWeight must be 'balanced', an object { class: weight } or an array of one weight per class, got ${describe(value)}` +
      (hint ? `; did you mean '${hint}'?` : ''),
    );
  }
  const out = new Float64Array(classes).fill(1);
  const put = (k: string | number, v: unknown) => {
    if (typeof v !== 'number') throw new TypeError(`classWeight[${k}] must be a number, got ${describe(v)}`);
    if (!(v >= 0) || v === Infinity) throw new RangeError(`classWeight[${k}] must be a finite number ≥ 0, got ${v}`);
    out[Number(k)] = v;
  };
  if (isArrayLikeOfNumbers(value) && !(value instanceof BigInt64Array || value instanceof BigUint64Array)) {
    if (value.length !== classes) {
      throw new RangeError(`classWeight as an array must have one weight per class: length ${classes} (${known}), got ${value.length}`);
    }
    for (let k = 0; k < classes; k++) put(k, value[k]);
    return out;
  }
  const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`classWeight must be 'balanced', an object { class: weight } or an array of one weight per class, got ${describe(value)}`);
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const c = Number(k);
    if (!(Number.isInteger(c) && c >= 0 && c < classes && String(c) === k)) {
      throw new RangeError(`classWeight names an unknown class ${JSON.stringify(k)}: ${known}`);
    }
    put(k, v);
  }
  return out;
}

/**
 * scikit-learn's `class_weight='balanced'`: cₖ = n / (K·countₖ) over the n labels given, K the number of classes
 * present (compute_class_weight); classes absent from y keep weight 1 (no row reads it).
 */
export function balancedClassWeight(y: ArrayLike<number>, classes: number): Float64Array {
  const count = new Float64Array(classes);
  for (let i = 0; i < y.length; i++) count[y[i]!]! += 1;
  let present = 0;
  for (let k = 0; k < classes; k++) if (count[k]! > 0) present++;
  const n = y.length;
  const out = new Float64Array(classes).fill(1);
  for (let k = 0; k < classes; k++) if (count[k]! > 0) out[k] = n / (present * count[k]!);
  return out;
}

/**
 * The per-row weights cᵢ = sampleWeightᵢ·classWeight[yᵢ] (either factor 1 when absent) of the n rows, or null when
 * there are none or every cᵢ is 1 (the unweighted pass and its fast paths: the same objective and doubles).
 * 'balanced' counts the classes over these rows (all rows of the dataset, before any hold-out, as scikit-learn).
 */
export function rowWeights(sampleWeight: Float64Array | null, classWeight: ClassWeightSpec | null, y: ArrayLike<number>, classes: number): Float64Array | null {
  if (sampleWeight === null && classWeight === null) return null;
  const n = y.length;
  const cw = classWeight === 'balanced' ? balancedClassWeight(y, classes) : classWeight;
  const c = new Float64Array(n);
  let ones = true;
  for (let i = 0; i < n; i++) {
    const s = sampleWeight === null ? 1 : sampleWeight[i]!;
    const v = cw === null ? s : sampleWeight === null ? cw[y[i]!]! : s * cw[y[i]!]!;
    c[i] = v;
    if (v !== 1) ones = false;
  }
  return ones ? null : c;
}

/**
 * The checks of a weighted fit's rows (`which`: 'training' or 'validation'), with their weights c and labels y: the
 * total weight must be positive (else the objective has no data term), and for a classifier every class present
 * must have positive total weight (else the fit ignores it: for 0/1 labels the optimum is at infinity without α).
 * @throws RangeError naming sampleWeight.
 */
export function checkWeightTotals(c: Float64Array, y: ArrayLike<number>, classifier: boolean, classes: number, which: string): void {
  let total = 0;
  for (let i = 0; i < c.length; i++) total += c[i]!;
  if (!(total > 0)) {
    throw new RangeError(
      `sampleWeight: every ${which} row has weight 0 (sampleWeight·classWeight): the objective would have no data term; ` +
      'give some rows a positive weight',
    );
  }
  if (!classifier) return;
  const rows = new Float64Array(classes), weight = new Float64Array(classes);
  for (let i = 0; i < c.length; i++) {
    rows[y[i]!]! += 1;
    weight[y[i]!]! += c[i]!;
  }
  for (let k = 0; k < classes; k++) {
    if (rows[k]! > 0 && weight[k] === 0) {
      throw new RangeError(
        `sampleWeight: class ${k} has total weight 0 over its ${rows[k]} ${which} rows (sampleWeight·classWeight): the fit ` +
        'would ignore the class; drop those rows or give them a positive weight',
      );
    }
  }
}
