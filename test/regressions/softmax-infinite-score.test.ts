// Regression (fixed in src/models/model.ts): softmax predictProba returned NaN for scores of ±Infinity (x·w beyond
// 1.8e308), and a score computed as Inf + (−Inf) was NaN although its true value was finite. Cause: exp(z − max z)
// with max z = +Infinity is exp(NaN); the plain dot product overflowed. Now: a dot product that overflows is redone
// on power-of-two-scaled inputs (±Infinity only where the true value is beyond ±1.8e308) and infinite scores give
// the limit probabilities. Inputs: softmax-infinite-score.json. The kind: test/property/overflow.test.ts.
import { describe, expect, it } from 'vitest';
import { LinearModel } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import input from './softmax-infinite-score.json' with { type: 'json' };

describe('softmax with infinite scores', () => {
  it('gives the limit probabilities [1, 0, 0], consistent with predict and decisionFunction', () => {
    const m = LinearModel.fromJSON(input.model);
    // Scores: 1e200·1e200 = 1e400 → +∞, 0, −1e400 → −∞ (true values beyond ±1.8e308: their signed overflow).
    expect(Array.from(m.decisionFunction(input.X))).toEqual([Infinity, 0, -Infinity]);
    expect(Array.from(m.predictProba(input.X))).toEqual([1, 0, 0]);
    expect(Array.from(m.predict(input.X))).toEqual([0]);
    expect(m.score(input.X, [0])).toBe(1);
  });
  it('a score whose plain sum is ∞ − ∞ is recomputed exactly: x = [1e200, 1e200], w = [1e200, −1e200] scores 0', () => {
    const m = LinearModel.fromJSON({ ...input.model, cols: 2, classes: 2, weights: [1e200, -1e200, 1e-300, 0], intercepts: [0.5, 0] });
    expect(Array.from(m.decisionFunction([[1e200, 1e200]]))).toEqual([0.5, 1e-100]);
    expect(Array.from(m.predictProba([[1e200, 1e200]])).every(Number.isFinite)).toBe(true);
  });
});

describe.each(BACKENDS)('a model the library fitted itself, far outside its data [$name]', ({ create }) => {
  it('predictProba at x = 1.7e308 is a distribution, never NaN', async () => {
    const engine = await create();
    const fit = engine.fit(engine.dataset(input.fitX, input.fitY), { model: 'softmax', lr: 0.5, maxIterations: 200 });
    const p = Array.from(fit.predictProba(input.farX));
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(p.reduce((a, b) => a + b, 0)).toBe(1);
    // Class 2 (labels grow with x) has the largest weight, so it takes the whole mass far to the right.
    expect(p).toEqual([0, 0, 1]);
    expect(Array.from(fit.predict(input.farX))).toEqual([2]);
  });
});
