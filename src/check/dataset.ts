/**
 * Dataset validation: X (rows or row-major { data, rows, cols }) and y (numbers or booleans), checked completely
 * before anything is allocated or copied, and the label scan the models' label rules read (src/models/registry.ts,
 * through src/options/model.ts). Below both options/ and models/: {@link LinearModel} checks X with it too.
 */
import type { FeaturesInput, LabelsInput, TargetsInput } from '../types.js';
import { describe, isArrayLikeOfNumbers, nearest } from './args.js';

/** What a fit needs to know of the labels: checked when the dataset is made. */
export interface LabelInfo {
  /** Index of the first label that is not 0 or 1, or −1. */
  firstNonBinary: number;
  /** Index of the first label that is not a non-negative integer, or −1. */
  firstNonClass: number;
  /** Largest label. */
  max: number;
  /** Index of the first largest label (−1 for no labels). */
  maxAt: number;
  /**
   * Targets per row m: 1 for a 1-D y, m for n rows of m numbers (mlpRegressor's multi-output regression; the other
   * models refuse m > 1). With m > 1 the scan above is over the first column.
   */
  outputs: number;
}

/** Scans labels once (at dataset creation) for the models' label checks. */
export function labelInfo(y: ArrayLike<number>, outputs = 1): LabelInfo {
  let firstNonBinary = -1, firstNonClass = -1, max = -Infinity, maxAt = -1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (firstNonBinary < 0 && v !== 0 && v !== 1) firstNonBinary = i;
    if (firstNonClass < 0 && !(Number.isInteger(v) && v >= 0)) firstNonClass = i;
    if (v > max) { max = v; maxAt = i; }
  }
  return { firstNonBinary, firstNonClass, max, maxAt, outputs };
}

/** The element type a dataset stores X in (src/types.ts DatasetOptions.dtype). */
export type Dtype = 'float64' | 'float32';

/** The dtypes engine.dataset accepts. */
export const DTYPES: readonly Dtype[] = ['float64', 'float32'];

/** The largest finite f32, 2¹²⁸ − 2¹⁰⁴. */
const F32_MAX = 3.4028234663852886e38;

/** engine.dataset's `dtype` option: 'float64' (default) or 'float32', else a RangeError naming both. */
export function checkDtype(value: unknown): Dtype {
  if (value === undefined) return 'float64';
  if (value === 'float64' || value === 'float32') return value;
  const near = typeof value === 'string' ? nearest(value, DTYPES) : undefined;
  throw new RangeError(
    `dtype must be 'float64' or 'float32', got ${typeof value === 'string' ? `'${value}'` : describe(value)}` +
    (near ? ` (did you mean '${near}'?)` : ''),
  );
}

/**
 * Bytes of a stored dataset: X (8 or 4 bytes an element) and y (n·yCols doubles: 8 bytes a target, yCols targets a
 * row; 1 but for a multi-output mlpRegressor's data).
 */
export function datasetBytes(rows: number, cols: number, dtype: Dtype, yCols = 1): number {
  return (dtype === 'float32' ? 4 : 8) * rows * cols + 8 * rows * yCols;
}

/**
 * Targets per row y will be stored with, read from its shape alone (for the size check, before anything is scanned):
 * the length of y[0] for rows of targets, y.cols for a { data, rows, cols } matrix, else 1. checkTargets validates it.
 */
function targetColumns(y: unknown): number {
  if (Array.isArray(y) && y.length > 0 && (Array.isArray(y[0]) || ArrayBuffer.isView(y[0]))) {
    const m = (y[0] as ArrayLike<unknown>).length;
    return Number.isInteger(m) && m > 0 ? m : 1;
  }
  if (typeof y === 'object' && y !== null && !isArrayLikeOfNumbers(y) && 'data' in y) {
    const m = (y as { data: unknown; cols?: unknown }).cols;
    return typeof m === 'number' && Number.isInteger(m) && m > 0 ? m : 1;
  }
  return 1;
}

/** A validated data set, not yet copied: `copyX` reads the caller's storage. */
export interface DatasetInput {
  rows: number;
  cols: number;
  /** How the backend stores X: f64, or f32 (issue 17; every value was checked to round to a finite f32). */
  dtype: Dtype;
  /** Copies X row-major into `dst` starting at element `offset` (a Float32Array rounds each value as Math.fround). */
  copyX(dst: Float64Array | Float32Array, offset: number): void;
  /** y as numbers (booleans mapped to 0/1), validated finite: n values, or n·yCols row-major. */
  y: ArrayLike<number>;
  /** Targets per row: 1 for a 1-D y; m for n rows of m numbers or a { data, rows, cols: m } matrix. */
  yCols: number;
}

/**
 * Validates X and y completely (shape, element types, finiteness) before anything is allocated or copied.
 * X: an array of rows (`number[][]` or typed rows) or `{ data, rows, cols }` (row-major); y: numbers or booleans, or
 * null for X alone (prediction).
 */
export function checkDataset(
  X: FeaturesInput, y: LabelsInput | TargetsInput | null, maxBytes = Infinity, dtype: Dtype = 'float64',
): DatasetInput {
  let rows: number, cols: number;
  const f32 = dtype === 'float32';
  // y's targets per row from its shape (stored as n·yCols doubles), for the size check.
  const yCols = y === null ? 1 : targetColumns(y);
  // Too large for the backend: say so before scanning a single value.
  const checkSize = () => {
    const bytes = datasetBytes(rows, cols, dtype, yCols);
    if (bytes > maxBytes) {
      throw new RangeError(
        `X is too large: a dataset of ${rows} × ${cols} needs ${(bytes / 2 ** 30).toFixed(2)} GiB as ${dtype} ` +
        `(X ${f32 ? 4 : 8} bytes an element, y ${8 * yCols} bytes a row${yCols > 1 ? ` of ${yCols} targets` : ''}), ` +
        `but 32-bit WebAssembly memory is limited to ` +
        `${(maxBytes / 2 ** 30).toFixed(2)} GiB; use fewer rows${f32 ? '' : ", dtype: 'float32' (half the bytes of X)"} or the 'js' backend`,
      );
    }
  };
  // float32 storage: a value whose f32 rounding overflows is refused (it would become ±Infinity).
  const checkF32 = (v: number, where: string) => {
    if (f32 && !Number.isFinite(Math.fround(v))) {
      throw new RangeError(`${where} = ${v} overflows float32 (|x| ≤ ${F32_MAX} after rounding); use dtype: 'float64'`);
    }
  };
  let copyX: (dst: Float64Array | Float32Array, offset: number) => void;
  if (Array.isArray(X)) {
    rows = X.length;
    if (rows === 0) throw new RangeError('X must have at least one row, got 0 rows');
    const first = X[0];
    if (!isArrayLikeOfNumbers(first)) throw new TypeError(`X[0] must be an array of numbers, got ${describe(first)}`);
    cols = first.length;
    if (cols === 0) throw new RangeError('X must have at least one column, got 0 columns');
    checkSize();
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
        checkF32(v, `X[${i}][${j}]`);
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
    checkSize();
    const typed = data instanceof Float64Array || data instanceof Float32Array;
    for (let k = 0; k < data.length; k++) {
      const v = data[k];
      if (!typed && typeof v !== 'number') {
        throw new TypeError(`X.data[${k}] (row ${Math.floor(k / cols)}, column ${k % cols}) must be a number, got ${describe(v)}`);
      }
      if (!Number.isFinite(v)) {
        throw new RangeError(`X.data[${k}] (row ${Math.floor(k / cols)}, column ${k % cols}) must be finite, got ${v}`);
      }
      if (f32) checkF32(v as number, `X.data[${k}] (row ${Math.floor(k / cols)}, column ${k % cols})`);
    }
    copyX = (dst, offset) => {
      if (ArrayBuffer.isView(data)) dst.set(data, offset);
      else for (let k = 0; k < data.length; k++) dst[offset + k] = data[k]!;
    };
  } else {
    throw new TypeError(`X must be an array of rows or { data, rows, cols }, got ${describe(X)}`);
  }
  if (y === null) return { rows, cols, dtype, copyX, y: new Float64Array(0), yCols: 1 };
  const targets = checkTargets(y, rows);
  if (targets) return { rows, cols, dtype, copyX, ...targets };
  return { rows, cols, dtype, copyX, y: checkLabels(y as LabelsInput, rows), yCols: 1 };
}

/**
 * Several targets per row (issue 16: mlpRegressor with m outputs): n rows of m numbers (arrays or typed arrays), or a
 * row-major { data, rows, cols } with rows = X's rows; copied row-major into n·m doubles. null for a 1-D y (the
 * labels' check). m = 1 is the same data as a 1-D y.
 * @throws TypeError for a row or element that is not a number; RangeError for the wrong number of rows, a ragged row,
 *   0 columns, or a value that is not finite (naming y[i][j] or y.data[k]).
 */
export function checkTargets(y: unknown, rows: number): { y: Float64Array; yCols: number } | null {
  if (Array.isArray(y) && y.length > 0 && (Array.isArray(y[0]) || ArrayBuffer.isView(y[0]))) {
    if (y.length !== rows) throw new RangeError(`y must have one row of targets per row of X: ${rows} rows, got ${y.length}`);
    const first = y[0] as ArrayLike<unknown>;
    const m = first.length;
    if (m === 0) throw new RangeError('y[0] must hold at least one target, got an empty row');
    const out = new Float64Array(rows * m);
    for (let i = 0; i < rows; i++) {
      const row = y[i] as unknown;
      if (!isArrayLikeOfNumbers(row) || row instanceof BigInt64Array || row instanceof BigUint64Array) {
        throw new TypeError(`y[${i}] must be an array of ${m} numbers (as y[0]), got ${describe(row)}`);
      }
      if (row.length !== m) throw new RangeError(`y is ragged: y[${i}] has ${row.length} targets, expected ${m} (the length of y[0])`);
      for (let j = 0; j < m; j++) {
        const v = row[j] as unknown;
        if (typeof v !== 'number') throw new TypeError(`y[${i}][${j}] must be a number, got ${describe(v)}`);
        if (!Number.isFinite(v)) throw new RangeError(`y[${i}][${j}] must be finite, got ${v}`);
        out[i * m + j] = v;
      }
    }
    return { y: out, yCols: m };
  }
  if (typeof y === 'object' && y !== null && !isArrayLikeOfNumbers(y) && 'data' in y) {
    const t = y as { data: unknown; rows: unknown; cols: unknown };
    if (t.rows !== rows) throw new RangeError(`y.rows must be the number of rows of X, ${rows}, got ${describe(t.rows)}`);
    if (typeof t.cols !== 'number' || !Number.isInteger(t.cols) || t.cols < 1) {
      throw new RangeError(`y.cols must be a positive integer (targets per row), got ${describe(t.cols)}`);
    }
    const m = t.cols;
    if (!isArrayLikeOfNumbers(t.data) || t.data instanceof BigInt64Array || t.data instanceof BigUint64Array) {
      throw new TypeError(`y.data must be a Float64Array, Float32Array or array of numbers, got ${describe(t.data)}`);
    }
    const data = t.data as ArrayLike<unknown>;
    if (data.length !== rows * m) throw new RangeError(`y.data must have rows·cols = ${rows}·${m} = ${rows * m} elements, got ${data.length}`);
    const out = new Float64Array(rows * m);
    for (let k = 0; k < data.length; k++) {
      const v = data[k];
      if (typeof v !== 'number') throw new TypeError(`y.data[${k}] (row ${Math.floor(k / m)}, target ${k % m}) must be a number, got ${describe(v)}`);
      if (!Number.isFinite(v)) throw new RangeError(`y.data[${k}] (row ${Math.floor(k / m)}, target ${k % m}) must be finite, got ${v}`);
      out[k] = v;
    }
    return { y: out, yCols: m };
  }
  return null;
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
