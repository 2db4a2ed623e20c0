/**
 * Preprocessing before a fit: z-score standardisation fitted on the training rows only (scikit-learn's
 * StandardScaler: population standard deviation, scale 1 for constant columns) and a seeded, optionally
 * stratified train/test split (src/random.ts's xoshiro128**, so the same seed gives the same split everywhere).
 * Inputs are never mutated; every returned array is new.
 */
import { checkArgCount, checkKeys, describe, holdOutRows } from './options/index.js';
import { createRandom } from './random.js';
import { pow2Floor } from './scale.js';

/** Feature rows accepted here: plain arrays or typed arrays, all of one length. */
export type Rows = ReadonlyArray<ArrayLike<number>>;

/** The JSON form of a {@link Standardizer}: enough to rebuild it with {@link createStandardizer}. */
export interface StandardizerJSON {
  /** Column means μⱼ, d finite numbers. */
  mean: number[];
  /** Column scales sⱼ, d finite numbers > 0. */
  scale: number[];
}

/** A fitted per-column affine map z = (x − mean) / scale. */
export interface Standardizer {
  /** Column means μⱼ of the rows it was fitted on (frozen). */
  readonly mean: readonly number[];
  /** Column scales sⱼ: the population standard deviation, or 1 for a constant column (frozen). */
  readonly scale: readonly number[];
  /**
   * zᵢⱼ = (xᵢⱼ − μⱼ) / sⱼ for every row of X: new arrays, X untouched.
   * @param X rows of `mean.length` finite numbers (plain or typed arrays); may be empty.
   * @throws TypeError / RangeError naming `X[i][j]` when X is not rows of `mean.length` finite numbers.
   */
  transform(X: Rows): number[][];
  /** `{ mean, scale }` as plain arrays, so `JSON.stringify(standardizer)` saves it. */
  toJSON(): StandardizerJSON;
}

/** Checks X is an array of equal-length rows of finite numbers; returns the column count. */
function checkRows(name: string, X: unknown, cols?: number, allowEmpty = false): number {
  if (!Array.isArray(X)) throw new TypeError(`${name} must be an array of rows, got ${describe(X)}`);
  if (X.length === 0) {
    if (allowEmpty) return cols ?? 0;
    throw new RangeError(`${name} must have at least one row, got 0 rows`);
  }
  const d = cols ?? (X[0] as ArrayLike<number>)?.length;
  for (let i = 0; i < X.length; i++) {
    const row: unknown = X[i];
    if (!Array.isArray(row) && !(ArrayBuffer.isView(row) && !(row instanceof DataView))) {
      throw new TypeError(`${name}[${i}] must be an array of numbers, got ${describe(row)}`);
    }
    const r = row as ArrayLike<unknown>;
    if (r.length !== d) throw new RangeError(`${name}[${i}] must have length ${d}, got ${r.length}`);
    for (let j = 0; j < d; j++) {
      const v = r[j];
      if (typeof v !== 'number') throw new TypeError(`${name}[${i}][${j}] must be a number, got ${describe(v)}`);
      if (!Number.isFinite(v)) throw new RangeError(`${name}[${i}][${j}] must be finite, got ${v}`);
    }
  }
  if (d === 0) throw new RangeError(`${name} must have at least one column, got 0 columns`);
  return d;
}

/**
 * A standardiser from known statistics (e.g. the `toJSON()` of a fitted one).
 *
 * @param stats `{ mean, scale }`, equal lengths ≥ 1; every mean finite, every scale finite and > 0. Copied.
 * @throws TypeError / RangeError naming `mean[j]` or `scale[j]`.
 * @example
 * const s = createStandardizer({ mean: [1], scale: [2] });
 * s.transform([[5]]); // [[2]]
 */
export function createStandardizer(stats: StandardizerJSON): Standardizer {
  checkArgCount('createStandardizer', ['stats'], arguments);
  if (typeof stats !== 'object' || stats === null) {
    throw new TypeError(`stats must be { mean, scale }, got ${describe(stats)}`);
  }
  checkKeys(stats, ['mean', 'scale'], 'createStandardizer stats');
  const { mean, scale } = stats;
  if (!Array.isArray(mean) || mean.length === 0) throw new TypeError(`mean must be a non-empty array of numbers, got ${describe(mean)}`);
  if (!Array.isArray(scale)) throw new TypeError(`scale must be an array of numbers, got ${describe(scale)}`);
  if (scale.length !== mean.length) throw new RangeError(`scale must have length ${mean.length} (as mean), got ${scale.length}`);
  const m = new Float64Array(mean.length), s = new Float64Array(mean.length);
  for (let j = 0; j < mean.length; j++) {
    if (typeof mean[j] !== 'number' || !Number.isFinite(mean[j])) throw new RangeError(`mean[${j}] must be a finite number, got ${describe(mean[j])}`);
    if (typeof scale[j] !== 'number' || !(scale[j]! > 0) || !Number.isFinite(scale[j])) {
      throw new RangeError(`scale[${j}] must be a finite number > 0, got ${describe(scale[j])}`);
    }
    m[j] = mean[j]!;
    s[j] = scale[j]!;
  }
  const d = m.length;
  return {
    mean: Object.freeze(Array.from(m)),
    scale: Object.freeze(Array.from(s)),
    transform(X: Rows): number[][] {
      checkArgCount('transform', ['X'], arguments);
      checkRows('X', X, d, true);
      return X.map((row, i) => {
        const z = new Array<number>(d);
        for (let j = 0; j < d; j++) {
          let v = (row[j]! - m[j]!) / s[j]!;
          if (!Number.isFinite(v)) {
            // x − mean overflowed (halves cannot), or the result itself is beyond ±1.8e308.
            v = ((row[j]! / 2 - m[j]! / 2) / s[j]!) * 2;
            if (!Number.isFinite(v)) {
              throw new RangeError(`X[${i}][${j}] = ${row[j]} standardizes to beyond ±1.8e308: (x − ${m[j]}) / ${s[j]}; this column's scale is too small for it`);
            }
          }
          z[j] = v;
        }
        return z;
      });
    },
    toJSON: () => ({ mean: Array.from(m), scale: Array.from(s) }),
  };
}

/**
 * Fits a standardiser on X (the training rows only: fitting on test rows leaks them into the model).
 *
 * μⱼ = (1/n)·Σᵢ xᵢⱼ;  σⱼ = √((1/n)·Σᵢ (xᵢⱼ − μⱼ)²)  (population, ddof = 0, as scikit-learn's StandardScaler);
 * sⱼ = σⱼ, or 1 for a constant column so that it maps to 0 instead of dividing by zero. "Constant" means every
 * value equal (then μⱼ is that value exactly and z is exactly 0), or σⱼ² below scikit-learn's rounding bound
 * n·ε·σⱼ² + (n·|μⱼ|·ε)², under which the variance is rounding noise.
 *
 * @param X n ≥ 1 rows of d ≥ 1 finite numbers (arrays or typed arrays); not mutated.
 * @throws TypeError / RangeError naming the argument (`X`, `X[i]`, `X[i][j]`).
 * @example
 * const s = standardize([[1, 5], [3, 5]]); // mean [2, 5], scale [1, 1] (column 1 is constant)
 * s.transform([[1, 5], [5, 7]]);          // [[−1, 0], [3, 2]]
 */
export function standardize(X: Rows): Standardizer {
  checkArgCount('standardize', ['X'], arguments);
  const d = checkRows('X', X);
  const n = X.length;
  const mean = new Array<number>(d), scale = new Array<number>(d);
  for (let j = 0; j < d; j++) {
    const first = X[0]![j]!;
    let sum = 0, constant = true;
    for (let i = 0; i < n; i++) {
      const v = X[i]![j]!;
      sum += v;
      if (v !== first) constant = false;
    }
    if (constant) {
      mean[j] = first;
      scale[j] = 1;
      continue;
    }
    // Values beyond 2^±400 are scaled by a power of two S first (exact), so that neither the sums nor the squares
    // overflow (or underflow) for any finite column; mean and scale are then S·(those of x/S).
    let big = 0;
    for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(X[i]![j]!));
    const S = big >= 2 ** 400 || big < 2 ** -400 ? pow2Floor(big) : 1;
    const at = S === 1 ? (i: number) => X[i]![j]! : (i: number) => X[i]![j]! / S;
    let s1 = 0;
    if (S === 1) s1 = sum;
    else for (let i = 0; i < n; i++) s1 += at(i);
    const mu = s1 / n;
    // Two passes: the deviations are formed after the mean, so no catastrophic cancellation of E[x²] − E[x]².
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const e = at(i) - mu;
      ss += e * e;
    }
    const variance = ss / n;
    const eps = Number.EPSILON;
    const noise = n * eps * variance + (n * mu * eps) ** 2;
    mean[j] = mu * S;
    scale[j] = variance <= noise ? 1 : Math.sqrt(variance) * S;
  }
  return createStandardizer({ mean, scale });
}

/** Options of {@link trainTestSplit}. */
export interface SplitOptions {
  /** Fraction of rows held out for testing, in (0, 1). Default 0.2. The test set has ⌈testFraction·n⌉ rows. */
  testFraction?: number;
  /** Integer seed of the shuffle (src/random.ts). Required: a split you cannot reproduce is a bug report you cannot answer. */
  seed: number;
  /** Keep each class's proportion in both parts (y read as class labels). Default false. */
  stratify?: boolean;
}

/** The two parts of a split; rows are fresh `number[]` copies, in shuffled order. */
export interface Split<L> {
  /** The training rows, n − ⌈testFraction·n⌉ of them. */
  XTrain: number[][];
  /** The training labels, one per row of XTrain. */
  yTrain: L[];
  /** The test rows, ⌈testFraction·n⌉ of them. */
  XTest: number[][];
  /** The test labels, one per row of XTest. */
  yTest: L[];
  /** Row indices into the original X of each part, in the order of the part. */
  trainIndex: number[];
  /** Row indices into the original X of the test part, in its order. */
  testIndex: number[];
}

/** Fisher–Yates in place with the seeded stream: every permutation equally likely. */
function shuffle(a: number[], rng: ReturnType<typeof createRandom>): void {
  for (let i = a.length - 1; i > 0; i--) {
    const k = rng.int(i + 1);
    const t = a[i]!;
    a[i] = a[k]!;
    a[k] = t;
  }
}

/**
 * How many test rows each class gets: its quota nTest·n_c/n rounded down, then the rows still missing go one by
 * one to the largest fractional parts (ties to the larger class, then to the first class seen) — the
 * largest-remainder method, so the counts sum to nTest and each is within 1 of its exact quota. A class
 * always keeps at least one training row.
 */
export function allocate(counts: number[], nTest: number, n: number): number[] {
  const quota = counts.map((c) => (nTest * c) / n);
  const take = quota.map((q, c) => Math.min(Math.floor(q), counts[c]! - 1));
  let missing = nTest - take.reduce((a, b) => a + b, 0);
  const order = counts.map((_, c) => c)
    .sort((a, b) => (quota[b]! - take[b]!) - (quota[a]! - take[a]!) || counts[b]! - counts[a]! || a - b);
  while (missing > 0) {
    let gave = false;
    for (const c of order) {
      if (missing === 0) break;
      if (take[c]! < counts[c]! - 1) {
        take[c]!++;
        missing--;
        gave = true;
      }
    }
    if (!gave) break; // unreachable: nTest ≤ n − (number of classes) was checked
  }
  return take;
}

/**
 * Splits (X, y) into a training and a test part after a seeded shuffle.
 *
 * nTest = ⌈testFraction·n⌉ (as scikit-learn's train_test_split), nTrain = n − nTest, both ≥ 1. With
 * `stratify`, class c (by the value of y) contributes n_c·nTest/n test rows rounded by largest remainder, so
 * the class proportions of both parts match those of y to within one row per class; each class needs ≥ 2 rows.
 *
 * @param X n ≥ 2 rows of finite numbers; not mutated (rows are copied).
 * @param y n labels (numbers, or booleans); not mutated.
 * @param options `{ testFraction = 0.2, seed, stratify = false }`.
 * @throws TypeError / RangeError naming the argument: X, y, testFraction, seed, stratify, or a class with one row.
 * @example
 * const { XTrain, yTrain, XTest, yTest } = trainTestSplit(X, y, { seed: 42, stratify: true });
 */
export function trainTestSplit<L extends number | boolean>(
  X: Rows, y: ArrayLike<L>, options: SplitOptions,
): Split<L> {
  checkArgCount('trainTestSplit', ['X', 'y', 'options'], arguments);
  checkRows('X', X);
  const n = X.length;
  if (!Array.isArray(y) && !(ArrayBuffer.isView(y) && !(y instanceof DataView))) {
    throw new TypeError(`y must be an array or typed array, got ${describe(y)}`);
  }
  if (y.length !== n) throw new RangeError(`y must have one value per row of X: length ${n}, got ${y.length}`);
  for (let i = 0; i < n; i++) {
    const v: unknown = y[i];
    if (typeof v === 'boolean') continue;
    if (typeof v !== 'number') throw new TypeError(`y[${i}] must be a number or boolean, got ${describe(v)}`);
    if (!Number.isFinite(v)) throw new RangeError(`y[${i}] must be finite, got ${v}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be { testFraction?, seed, stratify? }, got ${describe(options)}`);
  }
  checkKeys(options, ['testFraction', 'seed', 'stratify'], 'split');
  const { testFraction = 0.2, seed, stratify = false } = options;
  if (typeof testFraction !== 'number') throw new TypeError(`testFraction must be a number, got ${describe(testFraction)}`);
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
  if (seed === undefined) throw new TypeError('seed is required: an integer');
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new TypeError(`seed must be an integer, got ${describe(seed)}`);
  if (typeof stratify !== 'boolean') throw new TypeError(`stratify must be a boolean, got ${describe(stratify)}`);
  const nTest = holdOutRows(testFraction, n);
  if (nTest >= n) {
    throw new RangeError(`testFraction ${testFraction} leaves no training row: ⌈${testFraction}·${n}⌉ = ${nTest} of ${n} rows`);
  }

  const rng = createRandom(seed);
  let trainIndex: number[], testIndex: number[];
  if (!stratify) {
    const perm = Array.from({ length: n }, (_, i) => i);
    shuffle(perm, rng);
    testIndex = perm.slice(0, nTest);
    trainIndex = perm.slice(nTest);
  } else {
    // Classes in order of first appearance: deterministic and independent of how labels sort.
    const classOf = new Map<number | boolean, number[]>();
    for (let i = 0; i < n; i++) {
      const rows = classOf.get(y[i]!);
      if (rows) rows.push(i);
      else classOf.set(y[i]!, [i]);
    }
    const classes = [...classOf.entries()];
    for (const [label, rows] of classes) {
      if (rows.length < 2) {
        throw new RangeError(`stratify needs at least 2 rows per class of y: class ${String(label)} has ${rows.length}`);
      }
    }
    if (nTest > n - classes.length) {
      throw new RangeError(
        `testFraction ${testFraction} is too large to stratify: ${nTest} test rows leave fewer than one training row for each of ${classes.length} classes`,
      );
    }
    const take = allocate(classes.map(([, rows]) => rows.length), nTest, n);
    testIndex = [];
    trainIndex = [];
    classes.forEach(([, rows], c) => {
      const perm = rows.slice();
      shuffle(perm, rng);
      testIndex.push(...perm.slice(0, take[c]));
      trainIndex.push(...perm.slice(take[c]));
    });
    // Interleave the classes: a part sorted by class would bias any mini-batch or early-stopping order.
    shuffle(testIndex, rng);
    shuffle(trainIndex, rng);
  }
  const rowsOf = (idx: number[]) => idx.map((i) => Array.from(X[i]!));
  const labelsOf = (idx: number[]) => idx.map((i) => y[i]!);
  return {
    XTrain: rowsOf(trainIndex), yTrain: labelsOf(trainIndex),
    XTest: rowsOf(testIndex), yTest: labelsOf(testIndex),
    trainIndex, testIndex,
  };
}
