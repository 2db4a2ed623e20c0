// Regression (fixed in assembly/step.ts and src/js/step.ts): an optimizer buffer that overflowed (g² of a finite
// |g| > 1.3e154) was stored, though the README promises that a step which would overflow is refused and leaves
// everything as it was. Cause: the step checked only the new θ for finiteness, not the buffers it wrote.
// Inputs: buffer-overflow.json. The kind (every optimizer, magnitudes to 1.8e308): test/property/overflow.test.ts.
import { describe, expect, it } from 'vitest';
import type { OptimizerName } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import input from './buffer-overflow.json' with { type: 'json' };

describe.each(BACKENDS)('a step that would overflow a buffer is refused [$name]', ({ create }) => {
  it.each(input.optimizers)('%s: RangeError, state unchanged and JSON-safe', async (name) => {
    const engine = await create();
    const opt = engine.optimizer(input.params, { optimizer: name as OptimizerName, lr: 0.01 });
    const before = JSON.stringify(opt.state());
    expect(() => opt.step(input.grad)).toThrow(RangeError);
    expect(() => opt.step(input.grad)).toThrow(/step diverged: this grad would make params or .* overflow/);
    expect(JSON.stringify(opt.state())).toBe(before);
    expect(() => opt.loadState(opt.state())).not.toThrow();
    opt.step([0.5, 0.5]); // still usable
    expect(opt.stepCount).toBe(1);
  });
  it.each(input.optimizers)('%s inside a fit: diverged with the last finite parameters', async (name) => {
    const engine = await create();
    // ∇J at θ₀ = 0 is (1/n)·Σ(−y)·x ≈ −0.5 for w; a huge feature (1e150) makes the first step's w ≈ ±lr and the
    // next gradient ~1e300: its square overflows the second-moment buffer.
    const data = engine.dataset(input.fit.X, input.fit.y);
    const fit = engine.fit(data, { optimizer: name as OptimizerName, lr: 0.1, maxIterations: 50 });
    expect(fit.status).toBe('diverged');
    expect([...fit.weights, fit.intercept].every(Number.isFinite)).toBe(true);
  });
});
