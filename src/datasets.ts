/**
 * The two bundled data sets (data/*.csv, attribution in data/README.md) and the strict CSV parser that reads
 * them. `parseCsv` runs anywhere. The loaders read the package's data/ folder: with node:fs in Node, with `fetch`
 * elsewhere (or from the URL given). The files' URL is computed at run time, on purpose: bundlers that copy what
 * `new URL('literal', import.meta.url)` names would otherwise put both CSVs (1.3 MB) into every consumer's build,
 * even one that imports only parseCsv.
 * @module momentum-gd/datasets
 */
import { checkArgCount, checkKeys } from './options/index.js';
import type { UrlInput } from './types.js';

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
 * @throws TypeError when `text` is not a string, or for an extra argument.
 * @throws RangeError when there is no header, a header name is empty or repeated, or a row has the wrong number
 *   of cells (naming the 1-based line).
 * @throws SyntaxError when a cell is not a finite decimal number, naming the 1-based line and column, the
 *   column's header name and the cell.
 * @example
 * parseCsv('a,b\n1,2\n3,4.5\n'); // { header: ['a', 'b'], rows: [[1, 2], [3, 4.5]] }
 */
export function parseCsv(text: string): Csv {
  checkArgCount('parseCsv', ['text'], arguments);
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

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string';
}

/** Options of the loaders. */
export interface LoadOptions {
  /**
   * Where to read the CSV from instead of the package's data/ folder: a URL (string or `URL`; in a browser,
   * relative to the page), e.g. the file served by your app, or from a bundler's asset import
   * (`import url from 'momentum-gd/data/breast_cancer.csv?url'` in Vite). Read with `fetch`, or with node:fs for a
   * `file:` URL in Node.
   */
  url?: UrlInput;
}

// Kept apart from the `new URL(…)` call below so that no bundler takes the pair for an asset to copy.
const MODULE_URL = import.meta.url;

/**
 * Reads a CSV: in Node a file: URL with node:fs (imported through a variable, ignored by Vite and webpack, so that
 * bundlers leave node:fs out of browser code), anything else with fetch, checking the status. By default the file
 * is in the package's data/ folder: src/ and dist/ both sit one level below the package root, next to data/.
 */
async function readBundled(caller: string, file: string, options: LoadOptions | undefined): Promise<Csv> {
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
    throw new TypeError(`${caller}: options must be an object such as { url }, got ${options === null ? 'null' : typeof options}`);
  }
  checkKeys(options ?? {}, ['url'], caller);
  const given = options?.url;
  if (given !== undefined && typeof given !== 'string' && !(typeof given === 'object' && given !== null && typeof given.href === 'string')) {
    throw new TypeError(`${caller}: url must be a URL (string or URL), got ${given === null ? 'null' : typeof given}`);
  }
  const g = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  let url: URL;
  try {
    url = given === undefined
      ? new URL(['..', 'data', file].join('/'), MODULE_URL)
      : new URL(typeof given === 'string' ? given : given.href, g.document?.baseURI ?? g.location?.href);
  } catch {
    throw new TypeError(`${caller}: url must be an absolute URL (or, in a browser, one relative to the page), got ${JSON.stringify(given)}`);
  }
  if (url.protocol === 'file:' && isNode()) {
    const m = 'node:fs/promises';
    const fs = (await import(/* webpackIgnore: true */ /* @vite-ignore */ m)) as typeof import('node:fs/promises');
    return parseCsv(await fs.readFile(url, 'utf8'));
  }
  const hint = given === undefined
    ? `; a bundled app must serve the package's data/${file} itself and pass its URL: ${caller}({ url })`
    : '';
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`${caller}: could not fetch ${url.href}: ${(e as Error).message}${hint}`, { cause: e });
  }
  if (!response.ok) throw new Error(`${caller}: could not fetch ${url.href}: HTTP ${response.status} ${response.statusText}${hint}`);
  return parseCsv(await response.text());
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
 * Node reads the package's data/breast_cancer.csv; a browser fetches it from next to the package's dist/ (a page
 * serving node_modules as they are), or from `options.url` (a bundled app: bundlers do not copy the file).
 *
 * @param options `{ url }`: where the CSV is served instead (see {@link LoadOptions}).
 * @returns a fresh `{ X, y, featureNames }` on every call: X is 569 × 30, y[i] = 1 for malignant (212 rows) and 0
 *   for benign (357).
 * @throws TypeError for unknown options (with the nearest known name), an extra argument or a bad `url`; Error naming the URL and the HTTP status when the file
 *   cannot be fetched; the errors of {@link parseCsv}, and a RangeError when the last column is not `malignant`.
 * @example
 * const { X, y } = await loadBreastCancer(); // X.length === 569, X[0].length === 30
 */
export async function loadBreastCancer(options?: LoadOptions): Promise<LabelledData> {
  checkArgCount('loadBreastCancer', ['options'], arguments);
  const file = 'breast_cancer.csv';
  return splitTarget(await readBundled('loadBreastCancer', file, options), file, 'malignant');
}

/**
 * Optical Recognition of Handwritten Digits, UCI, CC BY 4.0 (Alpaydin & Kaynak, 1998), scikit-learn's 1,797-image
 * subset: 8×8 images flattened row-major into 64 pixel counts in 0…16 (`p0`…`p63`). Read as
 * {@link loadBreastCancer} reads its file (data/digits.csv).
 *
 * @param options `{ url }`: where the CSV is served instead (see {@link LoadOptions}).
 * @returns a fresh `{ X, y, featureNames }` on every call: X is 1797 × 64, y[i] ∈ {0, …, 9} the digit.
 * @throws as {@link loadBreastCancer} (the last column must be `digit`).
 * @example
 * const { X, y } = await loadDigits(); // X[0].length === 64, y[0] === 0
 */
export async function loadDigits(options?: LoadOptions): Promise<LabelledData> {
  checkArgCount('loadDigits', ['options'], arguments);
  const file = 'digits.csv';
  return splitTarget(await readBundled('loadDigits', file, options), file, 'digit');
}
