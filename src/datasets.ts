/**
 * The two bundled data sets (data/*.csv, attribution in data/README.md) and the strict CSV parser that reads
 * them. `parseCsv` runs anywhere; the loaders read the files with node:fs and so run in Node only (a browser
 * can `fetch` the same CSV and call `parseCsv`).
 * @module momentum-gd/datasets
 */

/** A parsed numeric CSV: the header's names and one array of numbers per data row. */
export interface Csv {
  /** The column names of the first line, trimmed; non-empty and distinct. */
  readonly header: string[];
  /** The data rows in file order, each `header.length` finite numbers. */
  readonly rows: number[][];
}

/** A classification data set: features X (n rows × d), labels y (n) and the feature names (d). */
export interface LabelledData {
  /** Features: n rows of d numbers, raw scale (not standardized). */
  readonly X: number[][];
  /** Labels: n class indices (0/1, or 0 … K−1). */
  readonly y: number[];
  /** The d column names of X, in order. */
  readonly featureNames: string[];
}

// A decimal number as the CSV files write it: optional sign, digits with an optional point, optional exponent.
// Number() alone would accept '' (→ 0), '0x1F', 'Infinity' and surrounding spaces, all of which we reject.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a CSV text whose first line is a header and whose every other cell is a finite decimal number.
 * Accepts LF and CRLF line endings and one trailing newline; no quoting (the bundled files need none).
 *
 * @param text the whole file as a string.
 * @returns `{ header, rows }`; every row has `header.length` numbers.
 * @throws TypeError when `text` is not a string.
 * @throws RangeError when there is no header, a header name is empty or repeated, or a row has the wrong number
 *   of cells (naming the 1-based line).
 * @throws SyntaxError when a cell is not a finite decimal number, naming the 1-based line and column, the
 *   column's header name and the cell.
 * @example
 * parseCsv('a,b\n1,2\n3,4.5\n'); // { header: ['a', 'b'], rows: [[1, 2], [3, 4.5]] }
 */
export function parseCsv(text: string): Csv {
  if (typeof text !== 'string') {
    throw new TypeError(`text must be a string, got ${text === null ? 'null' : typeof text}`);
  }
  const lines = text.split(/\r?\n/);
  // One trailing newline gives one empty last element; that is not a row.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const headerLine = lines[0]!;
  if (headerLine.trim() === '') throw new RangeError('CSV line 1: expected a header row, got an empty line');
  const header = headerLine.split(',').map((name) => name.trim());
  const seen = new Set<string>();
  header.forEach((name, j) => {
    if (name === '') throw new RangeError(`CSV line 1, column ${j + 1}: empty header name`);
    if (seen.has(name)) throw new RangeError(`CSV line 1, column ${j + 1}: header name "${name}" is repeated`);
    seen.add(name);
  });
  const rows: number[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i]!.split(',');
    if (cells.length !== header.length) {
      throw new RangeError(`CSV line ${i + 1}: expected ${header.length} cells (as in the header), got ${cells.length}`);
    }
    const row = new Array<number>(cells.length);
    for (let j = 0; j < cells.length; j++) {
      const cell = cells[j]!;
      const v = NUMBER.test(cell) ? Number(cell) : NaN;
      // The regex admits '1e999', which overflows to Infinity; treat it like any other non-number.
      if (!Number.isFinite(v)) {
        throw new SyntaxError(
          `CSV line ${i + 1}, column ${j + 1} ("${header[j]}"): ${JSON.stringify(cell)} is not a finite number`,
        );
      }
      row[j] = v;
    }
    rows.push(row);
  }
  return { header, rows };
}

/**
 * Reads a bundled CSV. The specifier is a variable (and marked for Vite to ignore) so that bundlers do not try to
 * resolve node:fs for the browser; the path is relative to this module, and src/ and dist/ both sit one level
 * below the package root, next to data/.
 */
async function readBundled(file: string): Promise<Csv> {
  const m = 'node:fs/promises';
  const fs = (await import(/* @vite-ignore */ m)) as typeof import('node:fs/promises');
  return parseCsv(await fs.readFile(new URL(`../data/${file}`, import.meta.url), 'utf8'));
}

/** Splits the last column off as the target, checking its name so that a wrong file fails loudly. */
function splitTarget(csv: Csv, file: string, target: string): LabelledData {
  const last = csv.header.length - 1;
  if (csv.header[last] !== target) {
    throw new RangeError(`${file}: expected the last column to be "${target}", got "${csv.header[last]}"`);
  }
  return {
    X: csv.rows.map((row) => row.slice(0, last)),
    y: csv.rows.map((row) => row[last]!),
    featureNames: csv.header.slice(0, last),
  };
}

/**
 * Breast Cancer Wisconsin (Diagnostic), UCI, CC BY 4.0 (Wolberg, Mangasarian, Street & Street, 1993): 569 fine-needle
 * aspirates × 30 real-valued features (mean, standard error and worst of ten nucleus measurements), raw scale.
 * Node only.
 *
 * @returns a fresh `{ X, y, featureNames }` on every call: X is 569 × 30, y[i] = 1 for malignant (212 rows) and 0
 *   for benign (357).
 * @throws (rejects with) an Error of node:fs outside Node or when data/ is missing from the package; SyntaxError or
 *   RangeError from {@link parseCsv} for a damaged file.
 * @example
 * const { X, y } = await loadBreastCancer(); // X.length === 569, X[0].length === 30
 */
export async function loadBreastCancer(): Promise<LabelledData> {
  return splitTarget(await readBundled('breast_cancer.csv'), 'breast_cancer.csv', 'malignant');
}

/**
 * Optical Recognition of Handwritten Digits, UCI, CC BY 4.0 (Alpaydin & Kaynak, 1998), scikit-learn's 1,797-image
 * subset: 8×8 images flattened row-major into 64 pixel counts in 0…16 (`p0`…`p63`). Node only.
 *
 * @returns a fresh `{ X, y, featureNames }` on every call: X is 1797 × 64, y[i] ∈ {0, …, 9} the digit.
 * @throws (rejects with) the errors of {@link loadBreastCancer}.
 * @example
 * const { X, y } = await loadDigits(); // X[0].length === 64, y[0] === 0
 */
export async function loadDigits(): Promise<LabelledData> {
  return splitTarget(await readBundled('digits.csv'), 'digits.csv', 'digit');
}
