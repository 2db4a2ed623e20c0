// Regression (fixed in assembly/fit.ts and src/js/fit.ts, src/options.ts): the default stopping rule called a
// full-batch momentum fit 'converged' inside its first oscillation, at an objective above its start (and one that
// was growing to 1.9e25). Cause: scikit-learn's per-epoch patience rule, made for per-sample SGD, was the only rule;
// with full batches an epoch is one update and momentum's objective rises for ~1/(1 − β) of them.
// Now: the default rule is the gradient rule (‖∇J‖∞ ≤ tol·‖∇J(θ₀)‖∞ and J ≤ J(θ₀)); sklearn's is 'noImprovement'.
// Inputs: momentum-tol-stop.json. The kind (lr × β × model × batch): test/contract/stopping.test.ts.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import input from './momentum-tol-stop.json' with { type: 'json' };

describe.each(BACKENDS)('momentum is not stopped in its first oscillation [$name]', ({ create }) => {
  it('lr 0.1, β 0.99, tol 1e-3: converged near J* = 0, far below J₀', async () => {
    const engine = await create();
    const data = engine.dataset(input.X, input.y);
    const fit = engine.fit(data, input.slow);
    // J₀ = (1/2n)·Σy² = 14/6 at θ₀ = 0; the bound of the README for this problem is far below 1e-3 of it.
    expect(fit.status).toBe('converged');
    expect(fit.finalLoss).toBeLessThan(1e-3 * (14 / 6));
    expect(fit.iterations).toBeGreaterThan(12);
  });
  it('lr 10, β 0.9, tol 0: diverged, never converged', async () => {
    const engine = await create();
    const fit = engine.fit(engine.dataset(input.X, input.y), input.wild);
    expect(fit.status).toBe('diverged');
    expect([...fit.weights, fit.intercept].every(Number.isFinite)).toBe(true);
  });
  it("the old rule, by name, says only 'noImprovement' (its J is above J₀ here)", async () => {
    const engine = await create();
    const fit = engine.fit(engine.dataset(input.X, input.y), { ...input.slow, stoppingRule: 'sklearn' });
    expect(fit.status).toBe('noImprovement');
  });
});
