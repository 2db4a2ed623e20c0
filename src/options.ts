/**
 * Option defaults and validation, shared by both backends: every check runs before any work, and every error
 * is a TypeError (wrong type, unknown name) or RangeError (out of range) that names the argument and what was
 * expected. Also normalises dataset input (X, y) into a row-major view without copying it.
 */
import type { FeaturesInput, FitOptions, LabelsInput, ModelName, SgdOptions } from './types.js';

/** Known models and their ids in the WASM/JS kernels (assembly/fit.ts: MODEL_*). */
export const MODEL_IDS: Readonly<Record<ModelName, number>> = { linear: 0 };

const FIT_KEYS = [
  'model', 'lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize', 'maxIterations', 'tol',
  'nIterNoChange', 'fitIntercept', 'initialWeights', 'initialIntercept',
] as const;
const SGD_KEYS = ['lr', 'momentum', 'dampening', 'nesterov', 'weightDecay', 'maximize'] as const;

/** Fit options after validation, with defaults filled in. `tol` is −Infinity when the rule is off. */
export interface FitConfig {
  model: ModelName;
  modelId: number;
  lr: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  weightDecay: number;
  maximize: boolean;
  maxIterations: number;
  tol: number;
  nIterNoChange: number;
  fitIntercept: boolean;
  initialWeights: Float64Array | null;
  initialIntercept: number;
}

/** A short description of a value for error messages: `"0.1" (string)`, `NaN`, `[object Object]`. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `${JSON.stringify(value)} (string)`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return Object.prototype.toString.call(value);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

const ALIASES: Record<string, string> = {
  learningRate: 'lr', learning_rate: 'lr', eta: 'lr', beta: 'momentum', mu: 'momentum',
  weight_decay: 'weightDecay', maxIter: 'maxIterations', max_iter: 'maxIterations', iterations: 'maxIterations',
  epochs: 'maxIterations', fit_intercept: 'fitIntercept', n_iter_no_change: 'nIterNoChange', tolerance: 'tol',
};

function checkKeys(options: object, known: readonly string[], what: string): void {
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    let hint: string | undefined = ALIASES[key];
    if (!hint || !known.includes(hint)) {
      const near = known.map((k) => [k, editDistance(key.toLowerCase(), k.toLowerCase())] as const)
        .sort((a, b) => a[1] - b[1])[0];
      hint = near && near[1] <= 2 ? near[0] : undefined;
    }
    throw new TypeError(
      `Unknown ${what} option "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; known options: ${known.join(', ')}`,
    );
  }
}

function finiteNumber(name: string, value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`);
  return value;
}

function numberIn(name: string, value: unknown, fallback: number, lo: number, hi: number, hiOpen: boolean): number {
  if (value === undefined) return fallback;
  const v = finiteNumber(name, value);
  if (v < lo || v > hi || (hiOpen && v === hi)) {
    throw new RangeError(`${name} must be in [${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${v}`);
  }
  return v;
}

function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${describe(value)}`);
  return value;
}

function positiveInteger(name: string, value: unknown, fallback: number, max = 2 ** 31 - 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`${name} must be a positive integer, got ${describe(value)}`);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be a positive integer ≤ ${max}, got ${value}`);
  }
  return value;
}

/** η: finite and > 0. */
export function checkLr(value: unknown, name = 'lr'): number {
  if (value === undefined) throw new TypeError(`${name} is required: a finite number > 0`);
  const v = finiteNumber(name, value);
  if (!(v > 0)) throw new RangeError(`${name} must be > 0, got ${v}`);
  return v;
}

function requireObject(name: string, value: unknown): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object, got ${describe(value)}`);
  }
  return value;
}

/** The optimizer part common to fit and sgd: η, β, τ, Nesterov, λ, maximize, with PyTorch's rules. */
export function checkOptimizer(o: Partial<SgdOptions>): Required<SgdOptions> {
  const lr = checkLr(o.lr);
  const momentum = numberIn('momentum', o.momentum, 0, 0, 1, true);
  const dampening = numberIn('dampening', o.dampening, 0, 0, 1, false);
  const nesterov = bool('nesterov', o.nesterov, false);
  const weightDecay = numberIn('weightDecay', o.weightDecay, 0, 0, Number.MAX_VALUE, false);
  const maximize = bool('maximize', o.maximize, false);
  if (nesterov && (momentum === 0 || dampening !== 0)) {
    throw new RangeError(
      `nesterov requires momentum > 0 and dampening = 0 (PyTorch's rule), got momentum ${momentum}, dampening ${dampening}`,
    );
  }
  return { lr, momentum, dampening, nesterov, weightDecay, maximize };
}

/** Validates options of {@link Engine.sgd}. */
export function checkSgdOptions(options: unknown): Required<SgdOptions> {
  const o = requireObject('options', options) as Partial<SgdOptions>;
  checkKeys(o, SGD_KEYS, 'sgd');
  return checkOptimizer(o);
}

/** Validates options of {@link Engine.fit} against a dataset with `cols` features. */
export function checkFitOptions(options: unknown, cols: number): FitConfig {
  const o = requireObject('options', options) as Partial<FitOptions>;
  checkKeys(o, FIT_KEYS, 'fit');
  const model = o.model ?? 'linear';
  if (typeof model !== 'string' || !Object.hasOwn(MODEL_IDS, model)) {
    throw new RangeError(`model must be one of ${Object.keys(MODEL_IDS).map((m) => `'${m}'`).join(', ')}, got ${describe(model)}`);
  }
  const opt = checkOptimizer(o);
  const maxIterations = positiveInteger('maxIterations', o.maxIterations, 1000, 2 ** 28);
  let tol = -Infinity;
  if (o.tol !== undefined) {
    tol = finiteNumber('tol', o.tol);
    if (tol < 0) throw new RangeError(`tol must be ≥ 0, got ${tol}`);
  }
  const nIterNoChange = positiveInteger('nIterNoChange', o.nIterNoChange, 5);
  const fitIntercept = bool('fitIntercept', o.fitIntercept, true);
  let initialWeights: Float64Array | null = null;
  if (o.initialWeights !== undefined) {
    initialWeights = toFloat64('initialWeights', o.initialWeights, cols);
  }
  const initialIntercept = o.initialIntercept === undefined ? 0 : finiteNumber('initialIntercept', o.initialIntercept);
  if (!fitIntercept && initialIntercept !== 0) {
    throw new RangeError(`initialIntercept must be 0 when fitIntercept is false, got ${initialIntercept}`);
  }
  return {
    model: model as ModelName, modelId: MODEL_IDS[model as ModelName], ...opt, maxIterations, tol, nIterNoChange,
    fitIntercept, initialWeights, initialIntercept,
  };
}

function isArrayLikeOfNumbers(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) || Array.isArray(value);
}

/**
 * Copies a vector argument into a new Float64Array, checking its length (when given) and that every element is
 * a finite number.
 */
export function toFloat64(name: string, value: unknown, length?: number): Float64Array {
  if (!isArrayLikeOfNumbers(value) || value instanceof BigInt64Array || value instanceof BigUint64Array) {
    throw new TypeError(`${name} must be an array or typed array of numbers, got ${describe(value)}`);
  }
  const v = value as ArrayLike<number>;
  if (length !== undefined && v.length !== length) {
    throw new RangeError(`${name} must have length ${length}, got ${v.length}`);
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number') throw new TypeError(`${name}[${i}] must be a number, got ${describe(x)}`);
    if (!Number.isFinite(x)) throw new RangeError(`${name}[${i}] must be finite, got ${x}`);
    out[i] = x;
  }
  return out;
}

/** A validated data set, not yet copied: `at(i, j)` reads the caller's storage. */
export interface DatasetInput {
  rows: number;
  cols: number;
  /** Copies X row-major into `dst` starting at element `offset`. */
  copyX(dst: Float64Array, offset: number): void;
  /** y as numbers (booleans mapped to 0/1), validated finite. */
  y: ArrayLike<number>;
}

/**
 * Validates X and y completely (shape, element types, finiteness) before anything is allocated or copied.
 * X: an array of rows (`number[][]` or typed rows) or `{ data, rows, cols }` (row-major); y: numbers or booleans.
 */
export function checkDataset(X: FeaturesInput, y: LabelsInput): DatasetInput {
  let rows: number, cols: number;
  let copyX: (dst: Float64Array, offset: number) => void;
  if (Array.isArray(X)) {
    rows = X.length;
    if (rows === 0) throw new RangeError('X must have at least one row, got 0 rows');
    const first = X[0];
    if (!isArrayLikeOfNumbers(first)) throw new TypeError(`X[0] must be an array of numbers, got ${describe(first)}`);
    cols = first.length;
    if (cols === 0) throw new RangeError('X must have at least one column, got 0 columns');
    for (let i = 0; i < rows; i++) {
      const row = X[i];
      if (!isArrayLikeOfNumbers(row)) throw new TypeError(`X[${i}] must be an array of numbers, got ${describe(row)}`);
      if (row.length !== cols) {
        throw new RangeError(`X is ragged: X[${i}] has length ${row.length}, expected ${cols} (the length of X[0])`);
      }
      for (let j = 0; j < cols; j++) {
        const v = row[j];
        if (typeof v !== 'number') throw new TypeError(`X[${i}][${j}] must be a number, got ${describe(v)}`);
        if (!Number.isFinite(v)) throw new RangeError(`X[${i}][${j}] must be finite, got ${v}`);
      }
    }
    const rowsArr = X as ReadonlyArray<ArrayLike<number>>;
    copyX = (dst, offset) => {
      for (let i = 0; i < rows; i++) {
        const row = rowsArr[i]!;
        const base = offset + i * cols;
        if (ArrayBuffer.isView(row)) dst.set(row as unknown as ArrayLike<number>, base);
        else for (let j = 0; j < cols; j++) dst[base + j] = row[j]!;
      }
    };
  } else if (typeof X === 'object' && X !== null && 'data' in X) {
    const m = X as { data: unknown; rows: unknown; cols: unknown };
    if (typeof m.rows !== 'number' || !Number.isInteger(m.rows) || m.rows < 1) {
      throw new RangeError(`X.rows must be a positive integer, got ${describe(m.rows)}`);
    }
    if (typeof m.cols !== 'number' || !Number.isInteger(m.cols) || m.cols < 1) {
      throw new RangeError(`X.cols must be a positive integer, got ${describe(m.cols)}`);
    }
    if (!isArrayLikeOfNumbers(m.data) || m.data instanceof BigInt64Array || m.data instanceof BigUint64Array) {
      throw new TypeError(`X.data must be a Float64Array, Float32Array or array of numbers, got ${describe(m.data)}`);
    }
    rows = m.rows;
    cols = m.cols;
    const data = m.data as ArrayLike<number>;
    if (data.length !== rows * cols) {
      throw new RangeError(`X.data must have rows·cols = ${rows}·${cols} = ${rows * cols} elements, got ${data.length}`);
    }
    const typed = data instanceof Float64Array || data instanceof Float32Array;
    for (let k = 0; k < data.length; k++) {
      const v = data[k];
      if (!typed && typeof v !== 'number') {
        throw new TypeError(`X.data[${k}] (row ${Math.floor(k / cols)}, column ${k % cols}) must be a number, got ${describe(v)}`);
      }
      if (!Number.isFinite(v)) {
        throw new RangeError(`X.data[${k}] (row ${Math.floor(k / cols)}, column ${k % cols}) must be finite, got ${v}`);
      }
    }
    copyX = (dst, offset) => {
      if (ArrayBuffer.isView(data)) dst.set(data, offset);
      else for (let k = 0; k < data.length; k++) dst[offset + k] = data[k]!;
    };
  } else {
    throw new TypeError(`X must be an array of rows or { data, rows, cols }, got ${describe(X)}`);
  }
  return { rows, cols, copyX, y: checkLabels(y, rows) };
}

function checkLabels(y: LabelsInput, rows: number): ArrayLike<number> {
  if (!isArrayLikeOfNumbers(y) || y instanceof BigInt64Array || y instanceof BigUint64Array) {
    throw new TypeError(`y must be an array or typed array of numbers, got ${describe(y)}`);
  }
  if (y.length !== rows) throw new RangeError(`y must have one value per row of X: length ${rows}, got ${y.length}`);
  if (ArrayBuffer.isView(y)) {
    const t = y as ArrayLike<number>;
    for (let i = 0; i < t.length; i++) {
      if (!Number.isFinite(t[i])) throw new RangeError(`y[${i}] must be finite, got ${t[i]}`);
    }
    return t;
  }
  const out = new Float64Array(rows);
  const arr = y as ReadonlyArray<unknown>;
  for (let i = 0; i < rows; i++) {
    const v = arr[i];
    if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else if (typeof v !== 'number') throw new TypeError(`y[${i}] must be a number or boolean, got ${describe(v)}`);
    else if (!Number.isFinite(v)) throw new RangeError(`y[${i}] must be finite, got ${v}`);
    else out[i] = v;
  }
  return out;
}
