/**
 * Column-major input: an object of equal-length columns, an Apache Arrow table or an Arquero table, read into the
 * row-major matrix the engines take (one transposition, every value checked, the column named in each error).
 * Neither `apache-arrow` nor `arquero` is imported: tables are recognised by their shape (duck typing), so users
 * bring whichever version they have and nobody else pays for them.
 */
import { checkArgCount, checkKeys, describe } from './check/args.js';
import type {
  ArqueroTableLike, ArrowTableLike, ArrowVectorLike, ColumnSelection, ColumnsInput, FeaturesInput, LabelsInput, Matrix,
  TableInput,
} from './types.js';

/** True for an Apache Arrow table (`schema.fields`, `getChild`, `numRows`), by shape. */
function isArrowTable(x: object): x is ArrowTableLike {
  const t = x as Partial<ArrowTableLike>;
  return typeof t.getChild === 'function' && typeof t.numRows === 'number' && Array.isArray(t.schema?.fields);
}

/** True for an Arquero table (`columnNames()`, `numRows()`, `array(name)`), by shape. */
function isArqueroTable(x: object): x is ArqueroTableLike {
  const t = x as Partial<ArqueroTableLike>;
  return typeof t.columnNames === 'function' && typeof t.numRows === 'function' && typeof t.array === 'function';
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/**
 * True when X is column-major input (a table, or a plain object of columns) rather than rows or a `{ data, rows,
 * cols }` matrix. A plain object with a key `data`, `rows` or `cols` is read as a matrix, whatever else it holds.
 */
export function isTable(X: unknown): X is TableInput {
  if (typeof X !== 'object' || X === null || Array.isArray(X) || ArrayBuffer.isView(X)) return false;
  if (isArrowTable(X) || isArqueroTable(X)) return true;
  if ('data' in X || 'rows' in X || 'cols' in X) return false;
  const proto = Object.getPrototypeOf(X);
  return (proto === Object.prototype || proto === null) && Object.keys(X).length > 0;
}

/** A table's column names in its own order, its row count, and a reader of one column's values. */
interface TableView {
  kind: string;
  names: string[];
  rows: number;
  column(name: string): ArrayLike<unknown>;
}

function viewOf(X: TableInput): TableView {
  if (isArrowTable(X)) {
    return {
      kind: 'Arrow table',
      names: X.schema.fields.map((f) => f.name),
      rows: X.numRows,
      column(name) {
        const v = X.getChild(name) as ArrowVectorLike | null;
        if (!v) throw new RangeError(`X has no column "${name}"`);
        if (v.nullCount > 0) {
          for (let i = 0; i < v.length; i++) {
            if (v.get(i) === null || v.get(i) === undefined) {
              throw new RangeError(`column "${name}" has a null at row ${i} (${v.nullCount} nulls in all); drop or fill them first`);
            }
          }
        }
        const values = v.toArray() as unknown;
        if (!isArrayLike(values)) {
          const field = X.schema.fields.find((f) => f.name === name);
          throw new TypeError(`column "${name}" must be numeric, got Arrow type ${String(field?.type)}`);
        }
        return values;
      },
    };
  }
  if (isArqueroTable(X)) {
    return {
      kind: 'Arquero table',
      names: [...X.columnNames()],
      rows: X.numRows(),
      column: (name) => X.array(name) as ArrayLike<unknown>,
    };
  }
  const cols = X as ColumnsInput;
  const names = Object.keys(cols);
  return {
    kind: 'object of columns',
    names,
    rows: names.length ? (cols[names[0]!] as ArrayLike<unknown>).length : 0,
    column: (name) => cols[name] as ArrayLike<unknown>,
  };
}

/** Copies one column into `dst` at stride `stride` from `offset`, checking every value (booleans read as 0/1). */
function readColumn(role: string, name: string, values: ArrayLike<unknown>, rows: number,
  dst: Float64Array, offset: number, stride: number): void {
  if (!isArrayLike(values)) throw new TypeError(`${role} column "${name}" must be an array or typed array of numbers, got ${describe(values)}`);
  if (values.length !== rows) {
    throw new RangeError(`${role} column "${name}" has ${values.length} values, but the table has ${rows} rows: columns must have equal lengths`);
  }
  const big = values instanceof BigInt64Array || values instanceof BigUint64Array;
  const typed = ArrayBuffer.isView(values) && !big;
  for (let i = 0; i < rows; i++) {
    let v = values[i] as unknown;
    if (!typed) {
      if (big) {
        const n = Number(v as bigint);
        if (!Number.isSafeInteger(n)) throw new RangeError(`${role} column "${name}" at row ${i}: ${String(v)} is not exactly representable as a double`);
        v = n;
      } else if (typeof v === 'boolean') {
        v = v ? 1 : 0;
      } else if (v === null || v === undefined) {
        throw new RangeError(`${role} column "${name}" has a missing value (${String(v)}) at row ${i}; drop or fill missing values first`);
      } else if (typeof v !== 'number') {
        throw new TypeError(`${role} column "${name}" must be numeric: row ${i} holds ${describe(v)}`);
      }
    }
    if (!Number.isFinite(v as number)) throw new RangeError(`${role} column "${name}" at row ${i} must be finite, got ${String(v)}`);
    dst[offset + i * stride] = v as number;
  }
}

function unknownColumn(name: unknown, names: string[], what: string): never {
  if (typeof name !== 'string') throw new TypeError(`${what} must name a column (a string), got ${describe(name)}`);
  throw new RangeError(`${what}: no column "${name}"; the columns are ${names.map((n) => `"${n}"`).join(', ')}`);
}

/** The label column and the feature columns chosen by the second argument of `engine.dataset(table, …)`. */
function selection(view: TableView, y: unknown, weightColumn: string | null = null): { label: string | null; features: string[] } {
  let label: string | null = null, features: string[] | null = null;
  if (typeof y === 'string') {
    label = y;
  } else if (typeof y === 'object' && y !== null && !isArrayLike(y)) {
    const s = y as Partial<ColumnSelection>;
    checkKeys(s, ['label', 'features'], 'column selection');
    if (s.label === undefined) throw new TypeError('y: a column selection needs a label column: { label: \'y\', features?: [...] }');
    label = s.label;
    if (s.features !== undefined) {
      if (!Array.isArray(s.features)) throw new TypeError(`features must be an array of column names, got ${describe(s.features)}`);
      features = [...s.features];
    }
  }
  if (label !== null && !view.names.includes(label)) unknownColumn(label, view.names, 'label');
  if (weightColumn !== null && weightColumn === label) throw new RangeError(`sampleWeight: column "${weightColumn}" is the label column`);
  if (features === null) {
    features = view.names.filter((n) => n !== label && n !== weightColumn);
  } else {
    const seen = new Set<string>();
    for (const f of features) {
      if (!view.names.includes(f)) unknownColumn(f, view.names, 'features');
      if (seen.has(f)) throw new RangeError(`features: column "${f}" is named twice`);
      if (f === label) throw new RangeError(`features: column "${f}" is the label column`);
      if (f === weightColumn) throw new RangeError(`features: column "${f}" is the sampleWeight column`);
      seen.add(f);
    }
  }
  if (features.length === 0) throw new RangeError(`X must have at least one feature column, got none (the ${view.kind} has ${view.names.map((n) => `"${n}"`).join(', ') || 'no columns'})`);
  return { label, features };
}

/** The row-major form of a table: what `engine.dataset` and `model.predict` read. */
export interface TableMatrix {
  /** Row-major features, a fresh Float64Array: element (i, j) is `X.data[i * cols + j]`. */
  X: Matrix & {
    /** The rows·cols values, row after row, as a fresh Float64Array owned by the caller. */
    readonly data: Float64Array;
  };
  /** The label column (a fresh Float64Array, booleans as 0/1), or the `y` given, or null when there is none. */
  y: LabelsInput | null;
  /** The feature columns in the order of X's columns. */
  features: string[];
  /** The label column's name, or null. */
  label: string | null;
}

/**
 * Reads column-major data into a row-major matrix: an object of equal-length columns (`{ a: Float64Array,
 * b: number[] }`, feature order = key order), an Apache Arrow table, or an Arquero table (column order = the
 * table's). `y` is the labels (an array), or the name of the label column, or `{ label, features }` to choose the
 * label column and the feature columns (in that order) by name; without `features`, every column but the label is a
 * feature. Numbers of any typed array, booleans (0/1) and 64-bit integers exactly representable as doubles are
 * read; every value must be finite.
 * @param X the table (not mutated)
 * @param y labels, a label column name, a selection, or undefined (features only, as for `predict`)
 * @throws TypeError for a non-numeric column, naming it; RangeError for unequal lengths, nulls or missing values
 *   and non-finite values (naming the column and the row), an unknown column name (listing the columns), or no
 *   feature column
 * @example
 * const { X, y } = tableToMatrix({ a: [1, 2], b: new Float64Array([3, 4]), label: [0, 1] }, 'label');
 * X.data; // Float64Array [1, 3, 2, 4] (rows × cols = 2 × 2); y: Float64Array [0, 1]
 */
export function tableToMatrix(X: TableInput, y?: LabelsInput | string | ColumnSelection): TableMatrix {
  checkArgCount('tableToMatrix', ['X', 'y'], arguments);
  if (!isTable(X)) {
    throw new TypeError(`X must be an object of columns, an Apache Arrow table or an Arquero table, got ${describe(X)}`);
  }
  const { sampleWeight: _, ...t } = readTable(X, y, null);
  return t;
}

/** tableToMatrix, and the weight column `weightColumn` (engine.dataset's `sampleWeight` by name; not a feature). */
function readTable(X: TableInput, y: LabelsInput | string | ColumnSelection | undefined, weightColumn: string | null): TableMatrix & { sampleWeight: Float64Array | null } {
  const view = viewOf(X);
  if (weightColumn !== null && !view.names.includes(weightColumn)) unknownColumn(weightColumn, view.names, 'sampleWeight');
  const { label, features } = selection(view, y, weightColumn);
  const rows = view.rows;
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`X must have at least one row, got ${rows} rows`);
  const cols = features.length;
  const data = new Float64Array(rows * cols);
  features.forEach((name, j) => readColumn('X', name, view.column(name), rows, data, j, cols));
  let labels: LabelsInput | null = null;
  if (label !== null) {
    const out = new Float64Array(rows);
    readColumn('label', label, view.column(label), rows, out, 0, 1);
    labels = out;
  } else if (y !== undefined) {
    labels = y as LabelsInput;
  }
  let sampleWeight: Float64Array | null = null;
  if (weightColumn !== null) {
    // Read as a column (finite numbers); ≥ 0 is checked with the other sample weights (src/options/weights.ts).
    sampleWeight = new Float64Array(rows);
    readColumn('sampleWeight', weightColumn, view.column(weightColumn), rows, sampleWeight, 0, 1);
  }
  return { X: { data, rows, cols }, y: labels, features, label, sampleWeight };
}

/**
 * The hook of `engine.dataset(X, y)` and the worker's: a table becomes a row-major matrix (and its label column
 * the labels); anything else passes through unchanged to the row/matrix checks. A column selection without a table
 * is a TypeError.
 */
export function normalizeInput(
  X: FeaturesInput, y: LabelsInput | string | ColumnSelection, weightColumn: string | null = null,
): { X: FeaturesInput; y: LabelsInput; sampleWeight: Float64Array | null } {
  if (isTable(X)) {
    const t = readTable(X, y, weightColumn);
    return { X: t.X, y: t.y as LabelsInput, sampleWeight: t.sampleWeight };
  }
  // (A string y falls through to the labels check: "y must be an array or typed array of numbers, got …".)
  if (typeof y === 'object' && y !== null && !isArrayLike(y) && 'label' in y) {
    throw new TypeError(`y selects a label column (${JSON.stringify(y)}), but X is not a table: pass an object of columns, an Arrow or an Arquero table, or y as an array`);
  }
  return { X, y: y as LabelsInput, sampleWeight: null };
}
