// Every public entry point where one number sets a loop count or an allocation size, called with a value just past
// its limit: refused up front with a RangeError that states the limit, in well under a second (the time limit is
// what a hang or an out-of-memory abort would break). Below the limit, the work is proportional to the data given.
import { describe, expect, it } from 'vitest';
import { LinearModel, confusionMatrix, minimize, quadratic, referenceData } from '../../src/index.js';
import { BACKENDS } from '../backends.js';

const FAST_MS = 1000;

function fast(call: () => unknown, message: string | RegExp): void {
  const t0 = performance.now();
  expect(call).toThrow(RangeError);
  expect(call).toThrow(message);
  expect(performance.now() - t0).toBeLessThan(FAST_MS);
}

describe('limits of the engine-free API', () => {
  it('confusionMatrix: a label of 4096, or k = 4097', () => {
    fast(() => confusionMatrix([0, 4096], [0, 1]), 'yTrue[1] = 4096 is beyond the largest class index confusionMatrix supports, 4095');
    fast(() => confusionMatrix([0, 1], [4096, 1]), 'yPred[0] = 4096 is beyond');
    fast(() => confusionMatrix([0, 1], [0, 1], 4097), 'k must be a positive integer ≤ 4096 (a k × k matrix), got 4097');
    expect(confusionMatrix([0, 4095], [0, 4095]).length).toBe(4096); // at the limit: fine
  });
  it('minimize: maxIterations 2²² + 1', () => {
    fast(() => minimize(quadratic(2), [1, 1], { lr: 0.1, maxIterations: 2 ** 22 + 1 }), 'maxIterations must be a positive integer ≤ 4194304');
  });
  it('referenceData: n = 2²⁴ + 1', () => {
    fast(() => referenceData(1, 2 ** 24 + 1), 'n must be an integer in [1, 16777216], got 16777217');
  });
  it('LinearModel.predict: X.rows of 2³¹ with one value is refused before anything is sized by it', () => {
    const m = LinearModel.fromJSON({ format: 'momentum-gd/model@1', model: 'linear', cols: 1, classes: 1, weights: [1], intercepts: [0] });
    fast(() => m.predict({ data: [1], rows: 2 ** 31, cols: 1 }), 'X.data must have rows·cols = 2147483648·1 = 2147483648 elements, got 1');
  });
});

describe.each(BACKENDS)('limits of the engine [$name]', ({ create }) => {
  it('fit: classes·(cols + 1) just past 2²⁴ parameters', async () => {
    const engine = await create();
    const row = Array.from({ length: 16 }, (_, j) => j);
    const data = engine.dataset([row, row.map((v) => -v)], [0, 1]);
    // cols = 16: 17·K > 2²⁴ = 16777216 from K = 986896 (17·986895 = 16777215 is under), below the classes limit 2²⁰.
    fast(() => engine.fit(data, { model: 'softmax', classes: 986896, lr: 0.1, maxIterations: 1 }),
      'classes is too large for 16 columns: classes·(cols + 1) = 16777232 parameters, above the limit 16777216');
  });
  it('fit: maxIterations 2²⁸ + 1 and classes 2²⁰ + 1', async () => {
    const engine = await create();
    const data = engine.dataset([[0], [1]], [0, 1]);
    fast(() => engine.fit(data, { lr: 0.1, maxIterations: 2 ** 28 + 1 }), 'maxIterations must be a positive integer ≤ 268435456');
    fast(() => engine.fit(data, { model: 'softmax', classes: 2 ** 20 + 1, lr: 0.1 }), 'classes must be a positive integer ≤ 1048576');
  });
  it('loadState: step 2⁵³ (beyond an exact count), and a step the bias-correction powers cannot reach', async () => {
    const engine = await create();
    const opt = engine.optimizer([1], { optimizer: 'adam', lr: 0.1 });
    fast(() => opt.loadState({ ...opt.state(), step: 2 ** 53 }), 'state.step must be a non-negative integer ≤ 2⁵³ − 1, got 9007199254740992');
    // β₂ = 1 − 2⁻⁴⁰: β₂ᵗ stays above 0.99 for 2³⁸ steps, so rebuilding it step by step is refused past 2²⁴ steps.
    const slow = engine.optimizer([1], { optimizer: 'adam', lr: 0.1, betas: [0.9, 1 - 2 ** -40] });
    fast(() => slow.loadState({ ...slow.state(), step: 2 ** 24 + 2 }), /state\.step 16777218 is too large for betas \[0\.9, 0\.9999999999990905\]: .* within 16777216 steps/);
    // The default betas settle (β₁ᵗ, β₂ᵗ reach 0) long before: any step count ≤ 2⁵³ − 1 loads at once.
    const t0 = performance.now();
    opt.loadState({ ...opt.state(), step: Number.MAX_SAFE_INTEGER });
    expect(performance.now() - t0).toBeLessThan(FAST_MS);
    expect(opt.stepCount).toBe(Number.MAX_SAFE_INTEGER);
  });
});
