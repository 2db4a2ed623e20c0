// The per-step optimizer against hand-worked torch.optim.SGD steps (arithmetic in the comments), on every backend.
import { describe, expect, it } from 'vitest';
import { BACKENDS, expectNear } from '../backends.js';
import type { Engine, SgdOptions } from '../../src/index.js';

/** Runs `steps` steps with gradient g(θ) and returns θ after each. */
function run(engine: Engine, theta0: number[], options: SgdOptions, steps: number, g: (theta: Float64Array) => number[]) {
  const opt = engine.sgd(theta0, options);
  const out: number[][] = [];
  for (let k = 0; k < steps; k++) {
    opt.step(g(opt.params));
    out.push(Array.from(opt.params));
  }
  return { opt, out };
}

describe.each(BACKENDS)('momentum step [$name]', ({ create }) => {
  // Hand-worked values are exact decimals; the doubles differ from them by a few roundings, so 4·ε·|e|.
  const K = 4;

  it('skips dampening on the first step', async () => {
    // g ≡ 1, θ0 = 0, β = 0.9, τ = 0.5, η = 0.1:
    // v1 = g1 = 1 → θ1 = −0.1;  v2 = 0.9·1 + 0.5·1 = 1.4 → θ2 = −0.1 − 0.14 = −0.24
    const { out } = run(await create(), [0], { lr: 0.1, momentum: 0.9, dampening: 0.5 }, 2, () => [1]);
    expectNear(out[0]![0]!, -0.1, K);
    expectNear(out[1]![0]!, -0.24, K);
  });

  it('Nesterov uses g + β·v', async () => {
    // g ≡ 1, β = 0.9, η = 0.1: v1 = 1, g' = 1 + 0.9·1 = 1.9 → θ1 = −0.19;
    // v2 = 0.9·1 + 1 = 1.9, g' = 1 + 0.9·1.9 = 2.71 → θ2 = −0.19 − 0.271 = −0.461
    const { out } = run(await create(), [0], { lr: 0.1, momentum: 0.9, nesterov: true }, 2, () => [1]);
    expectNear(out[0]![0]!, -0.19, K);
    expectNear(out[1]![0]!, -0.461, K);
  });

  it('adds weight decay to the gradient before momentum', async () => {
    // g ≡ 0, θ0 = 1, λ = 0.1, β = 0.9, η = 0.1: g1 = 0 + 0.1·1 = 0.1, v1 = 0.1 → θ1 = 1 − 0.01 = 0.99;
    // g2 = 0.1·0.99 = 0.099, v2 = 0.9·0.1 + 0.099 = 0.189 → θ2 = 0.99 − 0.0189 = 0.9711
    const { out } = run(await create(), [1], { lr: 0.1, momentum: 0.9, weightDecay: 0.1 }, 2, () => [0]);
    expectNear(out[0]![0]!, 0.99, K);
    expectNear(out[1]![0]!, 0.9711, K);
  });

  it('scales the whole buffer by the current lr (PyTorch, not Keras)', async () => {
    // g ≡ 1, β = 0.9: η = 0.1 → θ1 = −0.1; then η = 0.01: v2 = 0.9 + 1 = 1.9 → θ2 = −0.1 − 0.019 = −0.119
    // (Keras would keep the old η inside the buffer: θ2 = −0.1 − (0.09 + 0.01) = −0.2.)
    const opt = (await create()).sgd([0], { lr: 0.1, momentum: 0.9 });
    opt.step([1]);
    opt.lr = 0.01;
    opt.step([1]);
    expectNear(opt.params[0]!, -0.119, K);
  });

  it('is plain gradient descent with β = 0 and keeps no buffer', async () => {
    // θ ← θ − η·g with g = θ (f = θ²/2), η = 0.5: 1 → 0.5 → 0.25; exact in binary
    const { opt, out } = run(await create(), [1], { lr: 0.5 }, 2, (t) => [t[0]!]);
    expect(out).toEqual([[0.5], [0.25]]);
    expect(opt.velocity).toBeNull();
    expect(opt.state().velocity).toBeNull();
  });

  it('maximize negates the gradient first', async () => {
    // g ≡ 1, β = 0, η = 0.25, maximize: θ1 = 0 + 0.25 = 0.25 (exact)
    const { out } = run(await create(), [0], { lr: 0.25, maximize: true }, 1, () => [1]);
    expect(out[0]).toEqual([0.25]);
  });

  it('keeps independent coordinates independent, and hands out copies', async () => {
    // Two coordinates with g = (1, −2), β = 0.5, η = 0.25: v1 = g, θ1 = (−0.25, 0.5); v2 = 0.5·g + g = 1.5·g,
    // θ2 = θ1 − 0.25·1.5·g = (−0.625, 1.25). All exact in binary.
    const engine = await create();
    const opt = engine.sgd([0, 0], { lr: 0.25, momentum: 0.5 });
    const grad = new Float64Array([1, -2]);
    opt.step(grad);
    const p1 = opt.params;
    opt.step(grad);
    expect(Array.from(p1)).toEqual([-0.25, 0.5]);
    expect(Array.from(opt.params)).toEqual([-0.625, 1.25]);
    expect(Array.from(opt.velocity!)).toEqual([1.5, -3]);
    expect(Array.from(grad)).toEqual([1, -2]);
    opt.params[0] = 99; // a copy: writing to it changes nothing
    expect(opt.params[0]).toBe(-0.625);
    expect(opt.stepCount).toBe(2);
  });

  it('round-trips its state through JSON and resumes identically', async () => {
    const engine = await create();
    const opts = { lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 };
    const a = engine.sgd([1, -2, 3], opts);
    const g = (t: Float64Array) => Array.from(t, (x, i) => x * (i + 1) - 0.5);
    for (let k = 0; k < 5; k++) a.step(g(a.params));
    const saved = JSON.parse(JSON.stringify(a.state()));
    expect(saved.options).toEqual({ optimizer: 'sgd', lr: 0.05, momentum: 0.9, dampening: 0.1, nesterov: false, weightDecay: 0.01, maximize: false });
    const b = engine.sgd([0, 0, 0], opts);
    b.loadState(saved);
    for (let k = 0; k < 5; k++) { a.step(g(a.params)); b.step(g(b.params)); }
    expect(Array.from(b.params).map((x, i) => Object.is(x, a.params[i]))).toEqual([true, true, true]);
    expect(b.stepCount).toBe(10);
  });

  it('refuses a non-finite gradient and keeps the parameters', async () => {
    const opt = (await create()).sgd([1, 2], { lr: 0.1, momentum: 0.9 });
    expect(() => opt.step([0.5, NaN])).toThrow(new RangeError('grad[1] must be finite, got NaN'));
    expect(Array.from(opt.params)).toEqual([1, 2]);
    expect(opt.velocity).toBeNull();
    expect(() => opt.step([1])).toThrow(new RangeError('grad must have length 2 (the number of params), got 1'));
  });

  it('refuses a step that would overflow and restores θ and v', async () => {
    const opt = (await create()).sgd([1], { lr: 1e300, momentum: 0.5 });
    expect(() => opt.step([1e300])).toThrow(RangeError);
    expect(Array.from(opt.params)).toEqual([1]);
    expect(opt.velocity).toBeNull();
  });

  // Nine parameters: four f64x2 pairs and a scalar tail in the SIMD build (which steps eight or more parameters
  // two at a time); the bad element in each place.
  it.each([0, 1, 6, 7, 8])('finds a bad gradient element or an overflow at index %i of 9', async (at) => {
    const theta0 = [1, 2, 3, 4, 5, 6, 7, 8, 9];
    const zeros = theta0.map(() => 0);
    const opt = (await create()).sgd(theta0, { lr: 1e300, momentum: 0.5 });
    opt.step(zeros);
    const bad = zeros.slice();
    bad[at] = Infinity;
    expect(() => opt.step(bad)).toThrow(new RangeError(`grad[${at}] must be finite, got Infinity`));
    const huge = zeros.slice();
    huge[at] = 1e300;
    expect(() => opt.step(huge)).toThrow(/step diverged/);
    expect(Array.from(opt.params)).toEqual(theta0);
    expect(Array.from(opt.velocity!)).toEqual(zeros);
  });

  it('validates lr when it is changed', async () => {
    const opt = (await create()).sgd([0], { lr: 0.1 });
    expect(() => { opt.lr = 0; }).toThrow(new RangeError('lr must be > 0, got 0'));
    expect(() => { opt.lr = NaN; }).toThrow(new RangeError('lr must be finite, got NaN'));
    expect(opt.lr).toBe(0.1);
  });

  it('throws after dispose', async () => {
    const opt = (await create()).sgd([0], { lr: 0.1 });
    opt.dispose();
    opt.dispose();
    expect(() => opt.step([1])).toThrow(TypeError);
  });
});

// Every optimizer steps out of place and switches to the new θ and buffers only after a step succeeded; a buffer the
// optimizer never writes is kept once. A refused step (overflow) must leave state() exactly as it was, and the next
// step must equal the one an optimizer restored from that state takes.
describe.each(BACKENDS)('refused steps keep the state, every optimizer [$name]', ({ create }) => {
  const CASES = [
    { optimizer: 'sgd' as const, lr: 0.1, momentum: 0.9 },
    { optimizer: 'sgd' as const, lr: 0.1 },
    { optimizer: 'sgd' as const, lr: 0.1, momentum: 0.5, nesterov: true, weightDecay: 0.01 },
    { optimizer: 'adam' as const, lr: 0.1 },
    { optimizer: 'adamw' as const, lr: 0.1, weightDecay: 0.1 },
    { optimizer: 'rmsprop' as const, lr: 0.1 },
    { optimizer: 'rmsprop' as const, lr: 0.1, momentum: 0.5 },
    { optimizer: 'adagrad' as const, lr: 0.1 },
  ];
  it.each(CASES)('$optimizer %o', async (options) => {
    const engine = await create();
    const opt = engine.optimizer([-1.7e308, 1, -2, 3, 0.5, 4, -1, 2, 0.25], options);
    const g = (k: number) => [1, -0.5 * k, 0.25, 1 + k, -2, 0.5, k, -1, 3];
    for (let k = 0; k < 3; k++) opt.step(g(k));
    const saved = JSON.stringify(opt.state());
    opt.lr = 1e308; // θ₀ = −1.7e308 steps past −Number.MAX_VALUE (≈ −1.8e308) for every optimizer
    expect(() => opt.step(g(3))).toThrow(/step diverged/);
    expect(() => opt.step([0, Infinity, 0, 0, 0, 0, 0, 0, 0])).toThrow(RangeError);
    opt.lr = options.lr;
    expect(JSON.stringify(opt.state())).toBe(saved);
    const twin = engine.optimizer(new Array(9).fill(0), options);
    twin.loadState(JSON.parse(saved));
    for (let k = 3; k < 6; k++) { opt.step(g(k)); twin.step(g(k)); }
    expect(Array.from(opt.params).map((x, i) => Object.is(x, twin.params[i]))).toEqual(new Array(9).fill(true));
    expect(JSON.stringify(opt.state())).toBe(JSON.stringify(twin.state()));
  });
});
