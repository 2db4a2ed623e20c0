// standardize and trainTestSplit: hand-computed means and standard deviations, class counts worked out by the
// largest-remainder rule, inputs never mutated, errors by message.
import { describe, expect, it } from 'vitest';
import { createStandardizer, standardize, trainTestSplit } from '../src/preprocess.js';
import { expectNear } from './backends.js';

describe('standardize', () => {
  // Column 0: 1, 2, 3, 6 → μ = 12/4 = 3; deviations −2, −1, 0, 3 → Σe² = 4 + 1 + 0 + 9 = 14 → σ² = 14/4 = 3.5.
  // Column 1: 10, 20, 60, 30 → μ = 120/4 = 30; deviations −20, −10, 30, 0 → Σe² = 1400 → σ² = 350.
  // Column 2: 5, 5, 5, 5 → constant: μ = 5, scale 1 (scikit-learn's rule), z ≡ 0.
  const X = [[1, 10, 5], [2, 20, 5], [3, 60, 5], [6, 30, 5]];

  it('fits the population mean and standard deviation per column', () => {
    const s = standardize(X);
    expect(s.mean).toEqual([3, 30, 5]);
    // √3.5 and √350 are single correctly rounded operations on exact sums: no slack needed.
    expect(s.scale).toEqual([Math.sqrt(3.5), Math.sqrt(350), 1]);
  });

  it('transforms to z-scores in new arrays (mean 0, variance 1 on the fitting rows)', () => {
    const s = standardize(X);
    const Z = s.transform(X);
    expect(Z).not.toBe(X);
    expect(Z[0]).not.toBe(X[0]);
    // Row 3: (6 − 3)/√3.5, (30 − 30)/√350, (5 − 5)/1.
    expect(Z[3]).toEqual([3 / Math.sqrt(3.5), 0, 0]);
    for (let j = 0; j < 2; j++) {
      const col = Z.map((r) => r[j]!);
      const mean = col.reduce((a, b) => a + b) / 4;
      const variance = col.reduce((a, b) => a + b * b, 0) / 4;
      expect(Math.abs(mean)).toBeLessThanOrEqual(4 * Number.EPSILON); // sum of four O(1) terms
      expectNear(variance, 1, 16); // four squares of values rounded once each, summed
    }
    // Rows it was not fitted on use the training statistics: (0 − 3)/√3.5.
    expect(s.transform([[0, 30, 7]])).toEqual([[-3 / Math.sqrt(3.5), 0, 2]]);
    expect(s.transform([])).toEqual([]);
  });

  it('never mutates X and accepts typed-array rows', () => {
    const copy = X.map((r) => r.slice());
    const s = standardize(X.map((r) => Float64Array.from(r)));
    s.transform(X);
    expect(X).toEqual(copy);
    expect(s.mean).toEqual([3, 30, 5]);
  });

  it('treats rounding-noise variance as constant, like scikit-learn', () => {
    // 0.1 three times: the computed mean is 0.30000000000000004/3 ≠ 0.1, yet every value is equal → exact 0.
    const s = standardize([[0.1], [0.1], [0.1]]);
    expect(s.mean).toEqual([0.1]);
    expect(s.scale).toEqual([1]);
    expect(s.transform([[0.1]])).toEqual([[0]]);
    // A single row: every column constant.
    expect(standardize([[4, -2]]).scale).toEqual([1, 1]);
    // A non-constant but tiny spread stays a real scale: values 0 and 2⁻³⁰⁰ → μ = 2⁻³⁰¹, deviations ±2⁻³⁰¹,
    // σ² = 2⁻⁶⁰² (exact powers of two, no rounding) → σ = 2⁻³⁰¹, far above the rounding bound ≈ 2·ε·σ².
    expect(standardize([[0], [2 ** -300]]).scale).toEqual([2 ** -301]);
  });

  it('round-trips through JSON and rejects bad statistics', () => {
    const s = standardize(X);
    const t = createStandardizer(JSON.parse(JSON.stringify(s)));
    expect(t.transform(X)).toEqual(s.transform(X));
    expect(() => createStandardizer({ mean: [0, 1], scale: [1, 0] })).toThrow(
      new RangeError('scale[1] must be a finite number > 0, got 0'),
    );
    expect(() => createStandardizer({ mean: [0], scale: [1, 2] })).toThrow(
      new RangeError('scale must have length 1 (as mean), got 2'),
    );
    expect(() => (s.mean as number[]).push(1)).toThrow(TypeError); // frozen
  });

  it('runs the TSDoc examples', () => {
    // Column 0: 1, 3 → μ = 2, σ = 1; column 1 constant → scale 1.
    const s = standardize([[1, 5], [3, 5]]);
    expect(s.mean).toEqual([2, 5]);
    expect(s.scale).toEqual([1, 1]);
    expect(s.transform([[1, 5], [5, 7]])).toEqual([[-1, 0], [3, 2]]);
    expect(createStandardizer({ mean: [1], scale: [2] }).transform([[5]])).toEqual([[2]]); // (5 − 1)/2
  });

  it('names the bad argument', () => {
    expect(() => standardize([])).toThrow(new RangeError('X must have at least one row, got 0 rows'));
    expect(() => standardize([[1, 2], [3]])).toThrow(new RangeError('X[1] must have length 2, got 1'));
    expect(() => standardize([[1, NaN]])).toThrow(new RangeError('X[0][1] must be finite, got NaN'));
    expect(() => standardize([[1, '2' as unknown as number]])).toThrow(
      new TypeError('X[0][1] must be a number, got "2" (string)'),
    );
    expect(() => standardize([[]])).toThrow(new RangeError('X must have at least one column, got 0 columns'));
    expect(() => standardize(X).transform([[1, 2]])).toThrow(new RangeError('X[0] must have length 3, got 2'));
  });
});

describe('trainTestSplit', () => {
  const n = 50;
  const X = Array.from({ length: n }, (_, i) => [i, -i]);
  const y = Array.from({ length: n }, (_, i) => i % 5); // 10 rows of each of 5 classes

  it('holds out ⌈testFraction·n⌉ rows, a partition of the indices, rows matching labels', () => {
    const s = trainTestSplit(X, y, { seed: 1, testFraction: 0.25 });
    // ⌈0.25·50⌉ = ⌈12.5⌉ = 13 test rows, 37 training rows.
    expect(s.XTest.length).toBe(13);
    expect(s.yTest.length).toBe(13);
    expect(s.XTrain.length).toBe(37);
    expect([...s.trainIndex, ...s.testIndex].sort((a, b) => a - b)).toEqual(X.map((_, i) => i));
    s.testIndex.forEach((i, k) => {
      expect(s.XTest[k]).toEqual([i, -i]);
      expect(s.XTest[k]).not.toBe(X[i]);
      expect(s.yTest[k]).toBe(i % 5);
    });
    s.trainIndex.forEach((i, k) => expect(s.XTrain[k]).toEqual([i, -i]));
  });

  it('is reproducible by seed, different across seeds, and shuffled', () => {
    const a = trainTestSplit(X, y, { seed: 7 });
    const b = trainTestSplit(X, y, { seed: 7 });
    const c = trainTestSplit(X, y, { seed: 8 });
    expect(a).toEqual(b);
    expect(a.testIndex).not.toEqual(c.testIndex);
    expect(a.testIndex).not.toEqual([...a.testIndex].sort((p, q) => p - q));
  });

  it('stratified: each class keeps its share (equal classes → equal counts)', () => {
    // 5 classes × 10 rows, nTest = ⌈0.2·50⌉ = 10: quota 10·10/50 = 2 per class exactly.
    const s = trainTestSplit(X, y, { seed: 3, stratify: true });
    const count = (labels: number[], c: number) => labels.filter((v) => v === c).length;
    for (let c = 0; c < 5; c++) {
      expect(count(s.yTest, c)).toBe(2);
      expect(count(s.yTrain, c)).toBe(8);
    }
    // Classes are interleaved, not in blocks.
    expect(s.yTrain.slice(0, 8).every((v) => v === s.yTrain[0])).toBe(false);
  });

  it('stratified: largest remainder on the breast-cancer proportions (212 of 569)', () => {
    // nTest = ⌈0.2·569⌉ = ⌈113.8⌉ = 114. Quotas: malignant 114·212/569 = 24168/569 = 42 + 270/569 ≈ 42.47,
    // benign 114·357/569 = 40698/569 = 71 + 299/569 ≈ 71.53. Floors 42 + 71 = 113; the missing row goes to the
    // larger remainder (benign): test 42 malignant + 72 benign, training 170 + 285.
    const yc = Array.from({ length: 569 }, (_, i) => (i < 212 ? 1 : 0));
    const Xc = yc.map((v, i) => [i, v]);
    for (const seed of [0, 1, 2]) {
      const s = trainTestSplit(Xc, yc, { seed, stratify: true });
      expect(s.yTest.filter((v) => v === 1).length).toBe(42);
      expect(s.yTest.filter((v) => v === 0).length).toBe(72);
      expect(s.yTrain.filter((v) => v === 1).length).toBe(170);
      expect(s.yTrain.filter((v) => v === 0).length).toBe(285);
    }
  });

  it('stratifies boolean labels and keeps a training row in every class', () => {
    // 3 true, 3 false, testFraction 0.6 → nTest = ⌈3.6⌉ = 4; quotas 2 and 2 ≤ 3 − 1: each class 2 test, 1 train.
    const yb = [true, false, true, false, true, false];
    const s = trainTestSplit(yb.map((_, i) => [i]), yb, { seed: 5, stratify: true, testFraction: 0.6 });
    expect(s.yTest.filter((v) => v).length).toBe(2);
    expect(s.yTrain.filter((v) => v).length).toBe(1);
    expect(s.yTrain.filter((v) => !v).length).toBe(1);
  });

  it('never mutates X or y', () => {
    const Xc = X.map((r) => r.slice()), yc = y.slice();
    const s = trainTestSplit(X, y, { seed: 2, stratify: true });
    s.XTrain[0]![0] = 999;
    expect(X).toEqual(Xc);
    expect(y).toEqual(yc);
  });

  it('names the bad argument', () => {
    expect(() => trainTestSplit(X, y.slice(1), { seed: 1 })).toThrow(
      new RangeError('y must have one value per row of X: length 50, got 49'),
    );
    expect(() => trainTestSplit(X, y, { seed: 1, testFraction: 1 })).toThrow(
      new RangeError('testFraction must be in (0, 1), got 1'),
    );
    expect(() => trainTestSplit(X, y, {} as { seed: number })).toThrow(new TypeError('seed is required: an integer'));
    expect(() => trainTestSplit(X, y, { seed: 0.5 })).toThrow(new TypeError('seed must be an integer, got 0.5'));
    expect(() => trainTestSplit(X, y, { seed: 1, shuffle: true } as never)).toThrow(
      new TypeError('Unknown split option "shuffle"; known options: testFraction, seed, stratify'),
    );
    expect(() => trainTestSplit([[1], [2], [3]], [0, 0, 1], { seed: 1, stratify: true })).toThrow(
      new RangeError('stratify needs at least 2 rows per class of y: class 1 has 1'),
    );
    expect(() => trainTestSplit([[1], [2]], [0, 1], { seed: 1, testFraction: 0.9 })).toThrow(
      new RangeError('testFraction 0.9 leaves no training row: ⌈0.9·2⌉ = 2 of 2 rows'),
    );
    expect(() => trainTestSplit(X, y.map(() => NaN), { seed: 1 })).toThrow(new RangeError('y[0] must be finite, got NaN'));
  });
});
