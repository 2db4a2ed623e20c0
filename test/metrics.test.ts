// Metrics against hand-worked arithmetic (in the comments) and scikit-learn's documented conventions.
import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, logLoss, meanSquaredError, r2Score } from '../src/metrics.js';
import { expectNear } from './backends.js';

describe('accuracy', () => {
  it('counts exact matches', () => {
    expect(accuracy([0, 1, 1, 0], [0, 1, 0, 0])).toBe(0.75); // 3 of 4
    expect(accuracy([2, 2, 7], Float64Array.from([2, 2, 7]))).toBe(1);
    // Booleans are 0/1, as engine.dataset reads them: true = 1, false = 0 → 2 of 3.
    expect(accuracy([true, false, true], [1, 0, 0])).toBe(2 / 3);
  });

  it('names the bad argument', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(new RangeError('yPred must have the length of yTrue (2), got 1'));
    expect(() => accuracy([], [])).toThrow(new RangeError('yTrue must not be empty'));
    expect(() => accuracy([0, NaN], [0, 1])).toThrow(new RangeError('yTrue[1] must be finite, got NaN'));
    expect(() => accuracy([0], ['0'] as never)).toThrow(new TypeError('yPred[0] must be a number or boolean, got "0" (string)'));
    expect(() => accuracy(3 as never, [0])).toThrow(TypeError);
  });
});

describe('confusionMatrix', () => {
  it('puts true classes on rows and predictions on columns', () => {
    // (true, pred): (0,0) (1,2) (2,2) (2,1) (0,1) → row 0: [1,1,0]; row 1: [0,0,1]; row 2: [0,1,1].
    expect(confusionMatrix([0, 1, 2, 2, 0], [0, 2, 2, 1, 1])).toEqual([[1, 1, 0], [0, 0, 1], [0, 1, 1]]);
  });

  it('runs the TSDoc example', () => {
    // (true, pred): (0,0) (1,2) (2,2) (2,1) → [[1,0,0], [0,0,1], [0,1,1]].
    expect(confusionMatrix([0, 1, 2, 2], [0, 2, 2, 1])).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 1]]);
  });

  it('sizes by k, or by the largest label in either argument', () => {
    // Largest label 3 appears only in yPred → 4×4; class 2 never occurs → a zero row and column.
    expect(confusionMatrix([0, 1], [3, 1])).toEqual([[0, 0, 0, 1], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
    expect(confusionMatrix([1, 1], [1, 1], 3)).toEqual([[0, 0, 0], [0, 2, 0], [0, 0, 0]]);
    expect(confusionMatrix([true, false], [true, true])).toEqual([[0, 1], [0, 1]]);
  });

  it('rows sum to class sizes and the trace to the hits', () => {
    const t = [0, 1, 2, 3, 0, 1, 2, 3, 3], p = [0, 1, 1, 3, 2, 1, 2, 0, 3];
    const C = confusionMatrix(t, p, 4);
    expect(C.map((r) => r.reduce((a, b) => a + b))).toEqual([2, 2, 2, 3]);
    expect(C[0]![0]! + C[1]![1]! + C[2]![2]! + C[3]![3]!).toBe(accuracy(t, p) * 9);
  });

  it('names a label that is not a class index', () => {
    expect(() => confusionMatrix([0, 1.5], [0, 1])).toThrow(
      new RangeError('yTrue[1] must be a class index, an integer in [0, ∞), got 1.5'),
    );
    expect(() => confusionMatrix([0, 1], [0, 3], 3)).toThrow(
      new RangeError('yPred[1] must be a class index, an integer in [0, 3), got 3'),
    );
    expect(() => confusionMatrix([0], [-1])).toThrow(RangeError);
    expect(() => confusionMatrix([0], [0], 0)).toThrow(new RangeError('k must be a positive integer ≤ 4096 (a k × k matrix), got 0'));
  });
});

describe('meanSquaredError and r2Score', () => {
  it('are hand-worked', () => {
    // Residuals 0, 0, −2 → (0 + 0 + 4)/3.
    expect(meanSquaredError([1, 2, 3], [1, 2, 5])).toBe(4 / 3);
    // y = 1, 2, 3: ȳ = 2, SS_tot = 1 + 0 + 1 = 2; ŷ = 1, 2, 4: SS_res = 1 → R² = 1 − 1/2.
    expect(r2Score([1, 2, 3], [1, 2, 4])).toBe(0.5);
    // Predicting the mean gives 0; predicting worse than the mean is negative: ŷ = 3, 2, 1 → SS_res = 8 → −3.
    expect(r2Score([1, 2, 3], [2, 2, 2])).toBe(0);
    expect(r2Score([1, 2, 3], [3, 2, 1])).toBe(-3);
    expect(r2Score([1, 2, 3], [1, 2, 3])).toBe(1);
  });

  it('constant y: 1 for a perfect prediction, 0 otherwise (scikit-learn force_finite)', () => {
    expect(r2Score([4, 4], [4, 4])).toBe(1);
    expect(r2Score([4, 4], [4, 5])).toBe(0);
  });
});

describe('logLoss', () => {
  it('binary: −mean log of the probability of the true class', () => {
    // y = 1 with p = 0.8 → −log 0.8; y = 0 with p = 0.4 → −log 0.6.
    expectNear(logLoss([1, 0], [0.8, 0.4]), -(Math.log(0.8) + Math.log(1 - 0.4)) / 2, 4);
    // p = ½ everywhere → log 2, whatever the labels.
    expectNear(logLoss([1, 0, 1], [0.5, 0.5, 0.5]), Math.LN2, 4);
    expect(logLoss([true, false], [0.5, 0.5])).toBe(Math.LN2);
  });

  it('clips to [ε, 1 − ε]: finite for a confident mistake, not NaN for a confident hit', () => {
    // y = 0 with p = 1: 1 − p = 0 → clipped to ε → −log ε = 52·log 2.
    expectNear(logLoss([0], [1]), 52 * Math.LN2, 4);
    const hit = logLoss([1], [1]);
    expect(hit).toBeGreaterThanOrEqual(0);
    expect(hit).toBeLessThan(3e-16); // −log(1 − ε) ≈ ε
  });

  it('multiclass: rows of K, or K·n row-major', () => {
    // Row 0: class 2 with 0.7; row 1: class 0 with 0.5 → (−log 0.7 − log 0.5)/2.
    const expected = -(Math.log(0.7) + Math.log(0.5)) / 2;
    expectNear(logLoss([2, 0], [[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]]), expected, 4);
    expectNear(logLoss([2, 0], Float64Array.from([0.1, 0.2, 0.7, 0.5, 0.25, 0.25])), expected, 4);
    // Uniform over K = 4 → log 4.
    expectNear(logLoss([3, 1], new Array(8).fill(0.25)), Math.log(4), 4);
  });

  it('names the bad argument', () => {
    expect(() => logLoss([0, 1], [0.5, 1.5])).toThrow(new RangeError('proba element 1 (row 1) must be in [0, 1], got 1.5'));
    expect(() => logLoss([0, 2], [0.5, 0.5])).toThrow(
      new RangeError('yTrue[1] must be a class index, an integer in [0, 2), got 2'),
    );
    expect(() => logLoss([0, 1], [0.1, 0.2, 0.3])).toThrow(
      new RangeError('proba must have n = 2 values (binary) or a multiple K·n (K classes, row-major), got 3'),
    );
    expect(() => logLoss([0, 1], [[0.5, 0.5], [1]])).toThrow(
      new RangeError('proba[1] must have the length of proba[0] (2), got 1'),
    );
    expect(() => logLoss([0, 3], [[0.5, 0.5], [0.5, 0.5]])).toThrow(
      new RangeError('yTrue[1] must be a class index, an integer in [0, 2), got 3'),
    );
  });
});
