// Regression (fixed in src/optimizer.ts, src/metrics.ts, src/options.ts, src/models/model.ts, src/minimize.ts,
// src/experiment.ts): an input value that set a loop count or an allocation size hung or killed the process.
// Now every such value is bounded (work stops at a fixed point) or refused up front with a RangeError stating the
// limit. Each case runs under a time limit. Inputs: unbounded-inputs.json. The table of every such entry point
// with a value just past its limit: test/fuzz/limits.test.ts.
import { describe, expect, it } from 'vitest';
import { confusionMatrix } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import input from './unbounded-inputs.json' with { type: 'json' };

describe.each(BACKENDS)('loadState with a huge step count [$name]', ({ create }) => {
  it.each([input.bigStep, input.midStep])('step %d returns at once and keeps the doubles a real run has', async (step) => {
    const engine = await create();
    const opt = engine.optimizer([1, -1], { optimizer: 'adam', lr: 0.01 });
    const t0 = performance.now();
    if (step > Number.MAX_SAFE_INTEGER) {
      expect(() => opt.loadState({ ...opt.state(), step })).toThrow(new RangeError(`state.step must be a non-negative integer ≤ 2⁵³ − 1, got ${step}`));
    } else {
      opt.loadState({ ...opt.state(), step });
      // By step 1e9, β₁ᵗ = 0.9ᵗ and β₂ᵗ = 0.999ᵗ are 0 (0.999^1e9 < 1e-400000): Adam's bias corrections are 1, so
      // one step of g = [1, 1] from m = v = 0 is m = 0 + (1 − β₁)·(1 − 0), v = β₂·0 + (1 − β₂)·1² and
      // θ = 1 − (η/1)·m/(√v/√1 + ε), with 1 − β₁ᵗ = 1 − β₂ᵗ = 1 (PyTorch's Adam):
      opt.step([1, 1]);
      const m = 1 - 0.9, v = 1 - 0.999;
      const u = 1 - 0.01 * (m / (Math.sqrt(v) / 1 + 1e-8));
      expect(opt.params[0]).toBe(u);
    }
    expect(performance.now() - t0).toBeLessThan(1000);
  });
  it('the same state after 3 steps, saved and loaded, gives the same next step (powers rebuilt bitwise)', async () => {
    const engine = await create();
    const a = engine.optimizer([1, -1], { optimizer: 'adam', lr: 0.01 });
    for (let k = 0; k < 3; k++) a.step([0.3, -0.7]);
    const b = engine.optimizer([0, 0], { optimizer: 'adam', lr: 0.01 });
    b.loadState(JSON.parse(JSON.stringify(a.state())));
    a.step([0.2, 0.1]);
    b.step([0.2, 0.1]);
    expect(Array.from(b.params).map((v, i) => Object.is(v, a.params[i]))).toEqual([true, true]);
  });
});

describe('confusionMatrix with a label of 2³¹', () => {
  it('is refused up front, naming the label and the limit', () => {
    const t0 = performance.now();
    expect(() => confusionMatrix(input.confusion.yTrue, input.confusion.yPred)).toThrow(
      new RangeError('yTrue[1] = 2147483648 is beyond the largest class index confusionMatrix supports, 4095 (the result is a k × k matrix, k ≤ 4096)'),
    );
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
