/**
 * Scores of a fitted model on held-out rows, with scikit-learn's definitions (sklearn.metrics): accuracy,
 * confusion matrix (rows = true class, columns = predicted), R², mean squared error and log-loss. Plain f64
 * sums in index order; inputs are validated (TypeError/RangeError naming the argument) and never mutated.
 */
import { checkArgCount, describe } from './check/args.js';
import { log } from './elementary.js';
import { pow2Floor } from './scale.js';

/** Largest k of confusionMatrix: a k × k result of 2²⁴ counts (labels are indices, so one label sets k). */
export const MAX_CONFUSION_CLASSES = 4096;

/**
 * A power of two S ≤ max|aᵢ|, max|bᵢ| (1 when all are 0): dividing by it is exact (barring underflow of parts
 * already negligible), so scaled sums of squares neither overflow nor lose their leading digits.
 */
function scaleOf(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!), Math.abs(b[i]!));
  return pow2Floor(m);
}

/** Labels or values: numbers, or booleans read as 0/1 (as {@link Engine.dataset} reads y). */
export type Values = ArrayLike<number> | ReadonlyArray<boolean>;

/** Copies a vector of finite numbers (booleans → 0/1), checking type and, when given, its length. */
function vector(name: string, v: unknown, length?: number, lengthOf = 'yTrue'): Float64Array {
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    throw new TypeError(`${name} must be an array or typed array of numbers, got ${describe(v)}`);
  }
  const a = v as ArrayLike<unknown>;
  if (length !== undefined && a.length !== length) {
    throw new RangeError(`${name} must have the length of ${lengthOf} (${length}), got ${a.length}`);
  }
  if (a.length === 0) throw new RangeError(`${name} must not be empty`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x === 'boolean') out[i] = x ? 1 : 0;
    else if (typeof x === 'number' || typeof x === 'bigint') {
      const n = Number(x);
      if (!Number.isFinite(n)) throw new RangeError(`${name}[${i}] must be finite, got ${n}`);
      out[i] = n;
    } else throw new TypeError(`${name}[${i}] must be a number or boolean, got ${describe(x)}`);
  }
  return out;
}

/** A class label: an integer ≥ 0 (and < k when k is given). */
function checkLabel(name: string, i: number, v: number, k?: number): void {
  if (!Number.isInteger(v) || v < 0 || (k !== undefined && v >= k)) {
    throw new RangeError(`${name}[${i}] must be a class index, an integer in [0, ${k ?? '∞'}), got ${v}`);
  }
}

/**
 * Fraction of exact matches: (1/n)·#{i : ŷᵢ = yᵢ}.
 *
 * @param yTrue n ≥ 1 labels (numbers or booleans).
 * @param yPred n predicted labels (e.g. `fit.predict(X)`).
 * @returns a number in [0, 1].
 * @throws TypeError / RangeError naming `yTrue` or `yPred` (type, length, non-finite element).
 * @example
 * accuracy([0, 1, 1, 0], [0, 1, 0, 0]); // 0.75
 */
export function accuracy(yTrue: Values, yPred: Values): number {
  checkArgCount('accuracy', ['yTrue', 'yPred'], arguments);
  const t = vector('yTrue', yTrue);
  const p = vector('yPred', yPred, t.length);
  let hits = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) hits++;
  return hits / t.length;
}

/**
 * The k×k confusion matrix C: C[i][j] = #{rows whose true class is i and predicted class is j} (scikit-learn's
 * orientation: rows true, columns predicted; the diagonal counts the hits, each row sums to that class's size).
 *
 * @param yTrue n ≥ 1 class indices, integers ≥ 0 (booleans as 0/1).
 * @param yPred n predicted class indices.
 * @param k number of classes, at most 4096 (MAX_CONFUSION_CLASSES); default 1 + the largest label in yTrue or
 *   yPred. Every label must be < k (and ≤ 4095: the result is k × k, so one label must not size it unboundedly).
 * @returns k fresh rows of k counts.
 * @throws TypeError / RangeError naming `yTrue[i]`, `yPred[i]` or `k`.
 * @example
 * confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1]); // [[1, 0, 0], [0, 0, 1], [0, 1, 1]]
 */
export function confusionMatrix(yTrue: Values, yPred: Values, k?: number): number[][] {
  checkArgCount('confusionMatrix', ['yTrue', 'yPred', 'k'], arguments);
  const t = vector('yTrue', yTrue);
  const p = vector('yPred', yPred, t.length);
  if (k !== undefined && (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > MAX_CONFUSION_CLASSES)) {
    throw new RangeError(`k must be a positive integer ≤ ${MAX_CONFUSION_CLASSES} (a k × k matrix), got ${describe(k)}`);
  }
  for (let i = 0; i < t.length; i++) {
    checkLabel('yTrue', i, t[i]!, k);
    checkLabel('yPred', i, p[i]!, k);
    for (const [name, v] of [['yTrue', t[i]!], ['yPred', p[i]!]] as const) {
      if (v >= MAX_CONFUSION_CLASSES) {
        throw new RangeError(
          `${name}[${i}] = ${v} is beyond the largest class index confusionMatrix supports, ${MAX_CONFUSION_CLASSES - 1} ` +
          `(the result is a k × k matrix, k ≤ ${MAX_CONFUSION_CLASSES})`,
        );
      }
    }
  }
  let size = k ?? 0;
  if (k === undefined) for (let i = 0; i < t.length; i++) size = Math.max(size, t[i]! + 1, p[i]! + 1);
  const C = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < t.length; i++) C[t[i]!]![p[i]!]!++;
  return C;
}

/**
 * Mean squared error: (1/n)·Σ(yᵢ − ŷᵢ)². Where a difference or its square overflows, the sum is taken on values
 * divided by a power of two S and multiplied back by S².
 *
 * @param yTrue n ≥ 1 true values (finite numbers, or booleans as 0/1).
 * @param yPred n predicted values (e.g. `fit.predict(X)`).
 * @returns a number ≥ 0, in the square of y's unit.
 * @throws TypeError / RangeError naming `yTrue` or `yPred`; RangeError when the MSE itself exceeds 1.8e308.
 * @example
 * meanSquaredError([1, 2, 3], [1, 2, 5]); // 4/3
 */
export function meanSquaredError(yTrue: Values, yPred: Values): number {
  checkArgCount('meanSquaredError', ['yTrue', 'yPred'], arguments);
  const t = vector('yTrue', yTrue);
  const p = vector('yPred', yPred, t.length);
  let ss = 0;
  for (let i = 0; i < t.length; i++) {
    const r = t[i]! - p[i]!;
    ss += r * r;
  }
  const mse = ss / t.length;
  if (Number.isFinite(mse)) return mse;
  // A residual or its square overflowed: the same sum on values scaled by a power of two S, then S² back.
  const S = scaleOf(t, p);
  let scaled = 0;
  for (let i = 0; i < t.length; i++) {
    const r = t[i]! / S - p[i]! / S;
    scaled += r * r;
  }
  const out = (scaled / t.length) * S * S;
  if (!Number.isFinite(out)) {
    throw new RangeError(
      `meanSquaredError of yTrue and yPred exceeds the largest double (≈1.8e308): their differences reach ${(Math.sqrt(scaled / t.length) * S).toPrecision(3)} in root mean square; rescale them`,
    );
  }
  return out;
}

/**
 * Coefficient of determination R² = 1 − SS_res/SS_tot, SS_res = Σ(yᵢ − ŷᵢ)², SS_tot = Σ(yᵢ − ȳ)²: 1 for a perfect
 * fit, 0 for predicting the mean, negative for worse. When y is constant (SS_tot = 0) it returns 1 if the
 * prediction is perfect and 0 otherwise (scikit-learn's `force_finite` default) instead of NaN or −∞.
 * Where a sum would overflow, all values are first divided by one power of two (R² is scale-free: the same number).
 *
 * @param yTrue n ≥ 1 true values (finite numbers, or booleans as 0/1).
 * @param yPred n predicted values (e.g. `fit.predict(X)`).
 * @returns a number ≤ 1 (dimensionless).
 * @throws TypeError / RangeError naming `yTrue` or `yPred`.
 * @example
 * r2Score([1, 2, 3], [1, 2, 4]); // 1 − 1/2 = 0.5
 */
export function r2Score(yTrue: Values, yPred: Values): number {
  checkArgCount('r2Score', ['yTrue', 'yPred'], arguments);
  return r2(vector('yTrue', yTrue), vector('yPred', yPred, (yTrue as ArrayLike<unknown>).length));
}

/**
 * R² of validated vectors (also LinearModel.score). Sums in index order; when a sum overflows, the same sums on the
 * values divided by a power of two S (R² is scale-free, so the result is the same number, not an overflow).
 */
export function r2(t: Float64Array, p: Float64Array): number {
  const r = r2Sums(t, p, 1);
  if (Number.isFinite(r.res) && Number.isFinite(r.tot)) return r.value;
  return r2Sums(t, p, scaleOf(t, p)).value;
}

function r2Sums(t: Float64Array, p: Float64Array, S: number): { res: number; tot: number; value: number } {
  let sum = 0;
  for (let i = 0; i < t.length; i++) sum += S === 1 ? t[i]! : t[i]! / S;
  const mean = sum / t.length;
  let res = 0, tot = 0;
  for (let i = 0; i < t.length; i++) {
    const ti = S === 1 ? t[i]! : t[i]! / S, pi = S === 1 ? p[i]! : p[i]! / S;
    const r = ti - pi, e = ti - mean;
    res += r * r;
    tot += e * e;
  }
  if (tot === 0) return { res, tot, value: res === 0 ? 1 : 0 };
  return { res, tot, value: 1 - res / tot };
}

/**
 * Mean cross-entropy of predicted probabilities, −(1/n)·Σᵢ log p̂ᵢ,yᵢ, with p̂ clipped to [ε, 1 − ε]
 * (ε = 2⁻⁵², scikit-learn's float64 clip) so that one confidently wrong row costs −log ε ≈ 36 rather than ∞.
 *
 * - Binary: `proba` has n values P(y = 1) (what a logistic `predictProba` returns), yTrue ∈ {0, 1}:
 *   −(1/n)·Σ[yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)] (only the term of the true class is evaluated, so p = 1 with y = 1
 *   costs −log(1 − ε) ≈ 2·10⁻¹⁶, never 0·log 0 = NaN).
 * - Multiclass: `proba` is n rows of K probabilities, or K·n values row-major (a softmax `predictProba`);
 *   yTrue ∈ {0, …, K − 1}. Rows are used as given (not renormalised).
 *
 * @param yTrue n ≥ 1 class labels (0/1 or booleans for binary; 0 … K−1 for multiclass).
 * @param proba n probabilities P(y = 1), or n rows of K class probabilities, or K·n values row-major.
 * @returns a number ≥ 0, in nats (natural logarithm).
 * @throws TypeError / RangeError naming `yTrue`, `proba` or the element (a probability outside [0, 1], a label
 *   that is not a class index, a flat length that is not a multiple of n).
 * @example
 * logLoss([1, 0], [0.8, 0.4]);            // −(log 0.8 + log 0.6)/2
 * logLoss([2, 0], [[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]]); // −(log 0.7 + log 0.5)/2
 */
export function logLoss(yTrue: Values, proba: ArrayLike<number> | ReadonlyArray<ArrayLike<number>>): number {
  checkArgCount('logLoss', ['yTrue', 'proba'], arguments);
  const t = vector('yTrue', yTrue);
  const n = t.length;
  if (!Array.isArray(proba) && !(ArrayBuffer.isView(proba) && !(proba instanceof DataView))) {
    throw new TypeError(`proba must be an array of probabilities or of rows of probabilities, got ${describe(proba)}`);
  }
  let flat: Float64Array, K: number;
  if (Array.isArray(proba) && proba.length > 0 && typeof proba[0] === 'object') {
    if (proba.length !== n) throw new RangeError(`proba must have one row per label: ${n} rows, got ${proba.length}`);
    K = (proba[0] as ArrayLike<number>).length;
    if (K < 2) throw new RangeError(`proba rows must hold K ≥ 2 class probabilities, got ${K}`);
    flat = new Float64Array(n * K);
    for (let i = 0; i < n; i++) flat.set(vector(`proba[${i}]`, proba[i], K, 'proba[0]'), i * K);
  } else {
    flat = vector('proba', proba);
    if (flat.length === n) K = 1;
    else if (flat.length % n === 0) K = flat.length / n;
    else throw new RangeError(`proba must have n = ${n} values (binary) or a multiple K·n (K classes, row-major), got ${flat.length}`);
  }
  for (let m = 0; m < flat.length; m++) {
    const v = flat[m]!;
    if (!(v >= 0 && v <= 1)) throw new RangeError(`proba element ${m} (row ${Math.floor(m / K)}) must be in [0, 1], got ${v}`);
  }
  const eps = Number.EPSILON;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let p: number;
    if (K === 1) {
      checkLabel('yTrue', i, t[i]!, 2);
      p = t[i] === 1 ? flat[i]! : 1 - flat[i]!;
    } else {
      checkLabel('yTrue', i, t[i]!, K);
      p = flat[i * K + t[i]!]!;
    }
    sum += log(Math.min(Math.max(p, eps), 1 - eps)); // our own log: the same double in every engine
  }
  return -sum / n;
}
