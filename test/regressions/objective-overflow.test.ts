// Issue 19, "finite inputs that overflow inside the library", in a fit: y = [1.5e154, 1] is finite, but the squared
// residual at θ₀ = 0, 2.25e308, is not a double. A fit used to end at once with status 'diverged' after 0 updates
// (nothing had diverged: nothing was stepped); it is now a RangeError naming the user's arguments, on every backend
// and entry point (fit, fitAsync). Siblings held: huge initial weights with a classifier (scores beyond 1.8e308), and
// a sum of per-row objectives that overflows although each row's is finite. One step below, the fit runs.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';

const MESSAGE = /^the objective at the starting parameters is not finite \(J\(θ₀\) = (Infinity|NaN)\): X, y, initialWeights or initialIntercept are too large/;

describe.each(BACKENDS)('objective overflow at θ₀ [$name]', ({ create }) => {
  it.each([
    ['a squared residual beyond 1.8e308 (the regression input)', [[1], [2]], [1.5e154, 1], { lr: 0.1 }],
    ['a sum of squares beyond 1.8e308, each row finite', [[1], [2], [3], [4]], [1e154, 1e154, 1e154, 1e154], { lr: 0.1 }],
    ['logistic scores beyond 1.8e308 from initial weights', [[1e300], [-1e300]], [1, 0], { model: 'logistic', lr: 0.1, initialWeights: [1e10] }],
    ['softmax per-row losses summing beyond 1.8e308', Array.from({ length: 40 }, (_, i) => [i % 2 ? 1e307 : -1e307]), Array.from({ length: 40 }, (_, i) => i % 2),
      { model: 'softmax', lr: 0.1, initialWeights: [1, -1] }],
  ] as const)('%s: a RangeError naming X, y, initialWeights', async (_, X, y, options) => {
    const engine = await create();
    const data = engine.dataset(X as number[][], y as number[]);
    expect(() => engine.fit(data, options as never)).toThrow(RangeError);
    expect(() => engine.fit(data, options as never)).toThrow(MESSAGE);
    await expect(engine.fitAsync(data, options as never)).rejects.toThrow(MESSAGE);
    data.dispose();
  });

  it('one step below (squares within f64): the fit runs and its first objective is the hand-worked one', async () => {
    const engine = await create();
    const data = engine.dataset([[1], [2]], [1e154, 1]);
    const fit = engine.fit(data, { lr: 0.1, maxIterations: 1 });
    // J(θ₀) = (1/2n)·Σ yᵢ² = (1e308 + 1)/4 = 2.5e307 (the 1 is lost in rounding)
    expect(fit.loss[0]).toBe(1e308 / 4);
    data.dispose();
  });
});
