// The per-step API's settings block (issue 13): the optimizer's settings are one record in the backend (the same
// O_* sub-block as a fit's), and Optimizer.loadState replaces it. Before, a loaded state's hyperparameters were shown
// by state() and toString() but the steps kept the ones the optimizer was created with (momentum 0.9 after loading
// 0.5); now an optimizer loaded with options S steps exactly as one created with S and loaded with the same state.
import { describe, expect, it } from 'vitest';
import type { OptimizerOptions, SgdState } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import { mulberry32 } from '../prng.js';

type Options = Record<string, unknown>;

/** Created with `from`, then loaded with the same state but the options `to`: every kind of hyperparameter. */
const CHANGES: { name: string; from: Options; to: Options }[] = [
  { name: 'sgd momentum', from: { optimizer: 'sgd', lr: 0.1, momentum: 0.9 }, to: { momentum: 0.5 } },
  { name: 'sgd momentum from 0', from: { optimizer: 'sgd', lr: 0.1, momentum: 0 }, to: { momentum: 0.9 } },
  { name: 'sgd momentum to 0', from: { optimizer: 'sgd', lr: 0.1, momentum: 0.9 }, to: { momentum: 0 } },
  { name: 'sgd dampening, nesterov off', from: { optimizer: 'sgd', lr: 0.1, momentum: 0.9 }, to: { dampening: 0.3 } },
  { name: 'sgd nesterov', from: { optimizer: 'sgd', lr: 0.1, momentum: 0.9 }, to: { nesterov: true } },
  { name: 'sgd weightDecay, maximize', from: { optimizer: 'sgd', lr: 0.1, momentum: 0.9 }, to: { weightDecay: 0.1, maximize: true } },
  { name: 'adam betas, eps', from: { optimizer: 'adam', lr: 0.01 }, to: { betas: [0.8, 0.99], eps: 1e-6 } },
  { name: 'adam weightDecay', from: { optimizer: 'adam', lr: 0.01 }, to: { weightDecay: 0.2 } },
  { name: 'adamw weightDecay', from: { optimizer: 'adamw', lr: 0.01 }, to: { weightDecay: 0.3 } },
  { name: 'rmsprop rho, eps', from: { optimizer: 'rmsprop', lr: 0.01 }, to: { rho: 0.9, eps: 1e-4 } },
  { name: 'rmsprop momentum from 0', from: { optimizer: 'rmsprop', lr: 0.01 }, to: { momentum: 0.5 } },
  { name: 'adagrad lrDecay, eps', from: { optimizer: 'adagrad', lr: 0.1 }, to: { lrDecay: 0.01, eps: 1e-3 } },
];

const grads = (() => {
  const r = mulberry32(21);
  return Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => r() - 0.5));
})();

describe.each(BACKENDS)('optimizer settings after loadState [$name]', ({ create }) => {
  it('SGD: momentum loaded as 0.5 is the momentum of the next step (hand-worked)', async () => {
    const engine = await create();
    // θ₀ = 1, g ≡ 1, η = 0.1, μ = 0.9: v₁ = 1, θ₁ = 0.9. Loaded with μ = 0.5: v₂ = 0.5·1 + 1 = 1.5, θ₂ = 0.9 − 0.15 = 0.75
    // (with the creation's μ = 0.9 it would be v₂ = 1.9, θ₂ = 0.71).
    const opt = engine.optimizer([1], { optimizer: 'sgd', lr: 0.1, momentum: 0.9 });
    opt.step([1]);
    const st = opt.state();
    opt.loadState({ ...st, options: { ...st.options, momentum: 0.5 } as OptimizerOptions });
    opt.step([1]);
    expect(Array.from(opt.params)).toEqual([0.9 - 0.1 * 1.5]);
    expect(opt.params[0]).toBe(0.75);
  });

  it.each(CHANGES)('$name: steps as an optimizer created with the loaded options', async ({ from, to }) => {
    const engine = await create();
    const a = engine.optimizer([0.5, -1, 2, 0.25, -0.75], from as unknown as OptimizerOptions);
    a.step(grads[0]!);
    a.step(grads[1]!);
    const st = a.state();
    const options = { ...st.options, ...to } as OptimizerOptions;
    const loaded: SgdState = { ...st, options };
    if ((options as { optimizer: string; momentum?: number }).optimizer === 'sgd' && !(options as { momentum?: number }).momentum) loaded.velocity = null;
    a.loadState(loaded);
    const b = engine.optimizer([0, 0, 0, 0, 0], options);
    b.loadState(loaded);
    a.step(grads[2]!);
    b.step(grads[2]!);
    a.step(grads[3]!);
    b.step(grads[3]!);
    const [sa, sb] = [a.state(), b.state()];
    expect(sa.params.every((v, j) => Object.is(v, sb.params[j]))).toBe(true);
    expect(JSON.stringify(sa)).toBe(JSON.stringify(sb));
    // Not vacuous: the loaded options do change the path (the creation's options give other parameters).
    const c = engine.optimizer([0, 0, 0, 0, 0], from as unknown as OptimizerOptions);
    c.loadState({ ...loaded, options: { ...st.options } as OptimizerOptions, velocity: st.velocity });
    c.step(grads[2]!);
    c.step(grads[3]!);
    expect(Array.from(c.params)).not.toEqual(sa.params);
  });
});
