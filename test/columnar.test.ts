// Column-major input (src/columnar.ts) with the real packages users have: an object of columns, an Apache Arrow
// table (apache-arrow) and an Arquero table (arquero). The reference is the same data written by hand as rows: a
// table must give the same dataset, hence the same fit bit for bit, on every backend. Errors name the column.
import { describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import * as aq from 'arquero';
import { BACKENDS } from './backends.js';
import { fit, LinearModel, tableToMatrix } from '../src/index.js';
import type { FitOptions, FitResult } from '../src/index.js';

// Rows by hand: (a, b, c) → label; `b` is a Float32 column in the tables, so its values are exact in float32.
const ROWS = [[0.5, 1, -2], [1.5, 0.25, 3], [-1, 2, 0.75], [2, -0.5, 1], [0, 1.5, -1], [3, 0.75, 2.5], [-2, -1, 0]];
const LABEL = [1.25, 4.5, -0.5, 3, 0.25, 6.5, -3];
const col = (j: number) => ROWS.map((r) => r[j]!);
const OPTIONS: FitOptions = { lr: 0.05, momentum: 0.9, maxIterations: 50 };

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => Object.is(v, b[i]));
}
function expectSameFit(a: FitResult, b: FitResult): void {
  expect(same(a.weights, b.weights) && Object.is(a.intercept, b.intercept) && same(a.loss, b.loss)).toBe(true);
}

const columns = { a: col(0), b: new Float32Array(col(1)), c: new Float64Array(col(2)), y: LABEL };
const arrowTable = () => arrow.tableFromArrays({ a: new Float64Array(col(0)), b: new Float32Array(col(1)), c: col(2), y: new Float64Array(LABEL) });
const arqueroTable = () => aq.table({ a: col(0), b: new Float32Array(col(1)), c: new Float64Array(col(2)), y: LABEL });

describe.each(BACKENDS)('columnar input [$name]', ({ create }) => {
  const tables: [string, () => object][] = [
    ['an object of columns', () => columns], ['an Arrow table', arrowTable], ['an Arquero table', arqueroTable],
  ];
  it.each(tables)('%s gives the dataset of the rows written by hand: the same fit, bit for bit', async (_, make) => {
    const engine = await create();
    const reference = engine.fit(engine.dataset(ROWS, LABEL), OPTIONS);
    const byName = engine.dataset(make() as never, 'y');
    expect([byName.rows, byName.cols]).toEqual([7, 3]);
    expectSameFit(engine.fit(byName, OPTIONS), reference);
    // The features chosen and ordered by name: (c, a) is the hand-written rows' columns 2 and 0.
    const picked = engine.fit(engine.dataset(make() as never, { label: 'y', features: ['c', 'a'] }), OPTIONS);
    expectSameFit(picked, engine.fit(engine.dataset(ROWS.map((r) => [r[2]!, r[0]!]), LABEL), OPTIONS));
    // Features from the table, labels as an array.
    const { y: _y, ...features } = columns;
    expectSameFit(engine.fit(engine.dataset(features, LABEL), OPTIONS), reference);
    expect(reference.loss.length).toBe(50);
  });
});

describe('columnar input', () => {
  it('an Arquero table is read (it was refused with "X.rows must be a positive integer, got undefined")', async () => {
    const engine = await BACKENDS[0]!.create();
    const table = aq.table({ x: [0, 1, 2, 3], y: [1, 3, 5, 7] });
    const data = engine.dataset(table, 'y');
    expect([data.rows, data.cols]).toEqual([4, 1]);
    const f = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 500 });
    // y = 1 + 2x exactly: least squares w = 2, b = 1.
    expect(Math.abs(f.weights[0]! - 2) + Math.abs(f.intercept - 1)).toBeLessThan(1e-9);
  });

  it('reads derived Arquero tables (filtered, ordered) and Arrow slices as they are seen', () => {
    const t = aq.table({ a: [1, 2, 3, 4, 5], y: [0, 1, 0, 1, 1] }).filter((d: { a: number }) => d.a > 2).orderby(aq.desc('a'));
    expect(tableToMatrix(t, 'y')).toMatchObject({ X: { data: new Float64Array([5, 4, 3]), rows: 3, cols: 1 }, y: new Float64Array([1, 1, 0]) });
    const s = arrow.tableFromArrays({ a: new Float64Array([1, 2, 3, 4]), y: new Int32Array([0, 1, 1, 0]) }).slice(1, 3);
    expect(tableToMatrix(s, 'y')).toMatchObject({ X: { data: new Float64Array([2, 3]), rows: 2, cols: 1 }, y: new Float64Array([1, 1]) });
  });

  it('transposes columns into rows: (i, j) = column j at row i, in key order', () => {
    const t = tableToMatrix({ p: [1, 2, 3], q: new Int8Array([4, 5, 6]), r: [true, false, true] });
    expect(t).toEqual({ X: { data: new Float64Array([1, 4, 1, 2, 5, 0, 3, 6, 1]), rows: 3, cols: 3 }, y: null, features: ['p', 'q', 'r'], label: null });
  });

  it('reads Arrow integer, 64-bit, boolean and dictionary-free numeric columns; booleans as 0/1 labels', async () => {
    const t = arrow.tableFromArrays({ i: new Int32Array([1, -2]), u: new Uint8Array([3, 4]), big: new BigInt64Array([5n, -6n]), flag: [true, false] });
    expect(tableToMatrix(t, 'flag')).toMatchObject({ X: { data: new Float64Array([1, 3, 5, 2 - 4, 4, -6]), rows: 2, cols: 3 }, y: new Float64Array([1, 0]), features: ['i', 'u', 'big'] });
    const engine = await BACKENDS[0]!.create();
    const logistic = engine.fit(engine.dataset(t, { label: 'flag', features: ['i'] }), { model: 'logistic', lr: 0.1, maxIterations: 5 });
    expect(logistic.classes).toBe(2);
  });

  it('predict, decisionFunction and score take a table of the feature columns', async () => {
    const model = LinearModel.fromJSON({ format: 'momentum-gd/model@1', model: 'linear', cols: 2, classes: 1, weights: [2, -1], intercepts: [0.5] });
    // 0.5 + 2·a − b: rows (1, 1) → 1.5, (2, 0.5) → 4, (0, 3) → −2.5
    const expected = new Float64Array([1.5, 4, -2.5]);
    expect(model.predict({ a: [1, 2, 0], b: [1, 0.5, 3] })).toEqual(expected);
    expect(model.predict(arrow.tableFromArrays({ a: new Float64Array([1, 2, 0]), b: new Float64Array([1, 0.5, 3]) }))).toEqual(expected);
    expect(model.decisionFunction(aq.table({ a: [1, 2, 0], b: [1, 0.5, 3] }))).toEqual(expected);
    expect(model.score({ a: [1, 2, 0], b: [1, 0.5, 3] }, [1.5, 4, -2.5])).toBe(1);
    expect(() => model.predict({ a: [1], b: [1], c: [1] })).toThrow(new RangeError('X must have 2 columns (as in training), got 3'));
  });

  it('one-call fit takes tables too: the engine path, bit for bit', async () => {
    const engine = await BACKENDS[0]!.create();
    const reference = engine.fit(engine.dataset(ROWS, LABEL), OPTIONS);
    expectSameFit(await fit(arrowTable(), 'y', { ...OPTIONS, backend: engine.backend, simd: engine.simd }), reference);
    expectSameFit(await fit(arqueroTable(), { label: 'y' }, { ...OPTIONS, backend: engine.backend, simd: engine.simd }), reference);
  });

  it('does not mutate the caller\'s columns', () => {
    const c = { a: [1, 2], b: new Float64Array([3, 4]), y: [0, 1] };
    const m = tableToMatrix(c, 'y');
    m.X.data.fill(9);
    (m.y as Float64Array).fill(9);
    expect(c).toEqual({ a: [1, 2], b: new Float64Array([3, 4]), y: [0, 1] });
  });

  it('refuses bad columns, naming the column, the row and what was expected', async () => {
    const engine = await BACKENDS[BACKENDS.length - 1]!.create();
    const err = (X: unknown, y: unknown) => { try { engine.dataset(X as never, y as never); } catch (e) { return e; } return null; };
    expect(err({ a: [1, 2, 3], b: [1, 2], y: [0, 1, 0] }, 'y')).toEqual(new RangeError('X column "b" has 2 values, but the table has 3 rows: columns must have equal lengths'));
    expect(err({ a: [1, 2], y: [0, 1, 1] }, 'y')).toEqual(new RangeError('label column "y" has 3 values, but the table has 2 rows: columns must have equal lengths'));
    expect(err({ a: [1, 'x'], y: [0, 1] }, 'y')).toEqual(new TypeError('X column "a" must be numeric: row 1 holds "x" (string)'));
    expect(err({ a: [1, null], y: [0, 1] }, 'y')).toEqual(new RangeError('X column "a" has a missing value (null) at row 1; drop or fill missing values first'));
    expect(err({ a: [1, NaN], y: [0, 1] }, 'y')).toEqual(new RangeError('X column "a" at row 1 must be finite, got NaN'));
    expect(err({ a: [1, 2], y: [0, Infinity] }, 'y')).toEqual(new RangeError('label column "y" at row 1 must be finite, got Infinity'));
    expect(err({ a: 'abc', y: [0, 1] }, 'y')).toEqual(new TypeError('X column "a" must be an array or typed array of numbers, got "abc" (string)'));
    expect(err({ a: [1, 2], y: [0, 1] }, 'label')).toEqual(new RangeError('label: no column "label"; the columns are "a", "y"'));
    expect(err({ a: [1, 2], y: [0, 1] }, { label: 'y', features: ['a', 'z'] })).toEqual(new RangeError('features: no column "z"; the columns are "a", "y"'));
    expect(err({ a: [1, 2], y: [0, 1] }, { label: 'y', features: ['a', 'a'] })).toEqual(new RangeError('features: column "a" is named twice'));
    expect(err({ a: [1, 2], y: [0, 1] }, { label: 'y', features: ['y'] })).toEqual(new RangeError('features: column "y" is the label column'));
    expect(err({ a: [1, 2], y: [0, 1] }, { label: 'y', feature: ['a'] })).toEqual(new TypeError('Unknown column selection option "feature" (did you mean "features"?); known options: label, features'));
    expect(err({ y: [0, 1] }, 'y')).toEqual(new RangeError('X must have at least one feature column, got none (the object of columns has "y")'));
    expect(err({ a: [], y: [] }, 'y')).toEqual(new RangeError('X must have at least one row, got 0 rows'));
    expect(err({ a: [1, 2] }, [0, 1, 1])).toEqual(new RangeError('y must have one value per row of X: length 2, got 3'));
    expect(err([[1], [2]], 'y')).toEqual(new TypeError('y must be an array or typed array of numbers, got "y" (string)'));
    expect(err([[1], [2]], { label: 'y' })).toEqual(new TypeError('y selects a label column ({"label":"y"}), but X is not a table: pass an object of columns, an Arrow or an Arquero table, or y as an array'));
    // Arrow: strings (a dictionary column), nulls, 64-bit integers beyond 2^53
    const strings = arrow.tableFromJSON([{ a: 1, s: 'x', y: 0 }, { a: 2, s: 'y', y: 1 }]);
    expect(err(strings, 'y')).toEqual(new TypeError('X column "s" must be numeric: row 0 holds "x" (string)'));
    const nulls = arrow.tableFromArrays({ a: [1, null, 3], y: new Float64Array([0, 1, 0]) });
    expect(err(nulls, 'y')).toEqual(new RangeError('column "a" has a null at row 1 (1 nulls in all); drop or fill them first'));
    const huge = arrow.tableFromArrays({ a: new BigInt64Array([1n, 2n ** 60n + 1n]), y: new Float64Array([0, 1]) });
    expect(err(huge, 'y')).toEqual(new RangeError('X column "a" at row 1: 1152921504606846977 is not exactly representable as a double'));
    // Arquero: strings and missing values
    expect(err(aq.table({ a: [1, 2], s: ['u', 'v'], y: [0, 1] }), 'y')).toEqual(new TypeError('X column "s" must be numeric: row 0 holds "u" (string)'));
    expect(err(aq.table({ a: [1, undefined], y: [0, 1] }), 'y')).toEqual(new RangeError('X column "a" has a missing value (undefined) at row 1; drop or fill missing values first'));
  });

  it('reads a { data, rows, cols } object as a matrix, not as columns', async () => {
    const engine = await BACKENDS[0]!.create();
    expect(() => engine.dataset({ data: [1, 2] } as never, [0, 1])).toThrow(new RangeError('X.rows must be a positive integer, got undefined'));
  });
});
