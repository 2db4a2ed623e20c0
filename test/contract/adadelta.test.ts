// Adadelta (torch.optim.Adadelta) against steps computed here from its formula with plain doubles in PyTorch's
// order (torch/optim/adadelta.py, _single_tensor_adadelta; ATen's addcmul is self + value·t1·t2 left to right), on
// every backend, per step and in fits; and every backend against every other, bit for bit.
import { describe, expect, it } from 'vitest';
import { BACKENDS, expectNear } from '../backends.js';

/** One Adadelta step on plain doubles, PyTorch's order. Returns [θ, s, u]. */
function reference(theta: number, s: number, u: number, grad: number, o: { lr: number; rho: number; eps: number; weightDecay?: number; maximize?: boolean }): [number, number, number] {
  let g = o.maximize ? -grad : grad;
  if (o.weightDecay) g = g + o.weightDecay * theta;
  const s1 = s * o.rho + ((1 - o.rho) * g) * g; // square_avg.mul_(rho).addcmul_(grad, grad, value=1 − rho)
  const std = Math.sqrt(s1 + o.eps); // square_avg.add(eps).sqrt_()
  const delta = (Math.sqrt(u + o.eps) / std) * g; // acc_delta.add(eps).sqrt_().div_(std).mul_(grad)
  const u1 = u * o.rho + ((1 - o.rho) * delta) * delta; // acc_delta.mul_(rho).addcmul_(delta, delta, value=1 − rho)
  return [theta - o.lr * delta, s1, u1]; // param.add_(delta, alpha=−lr)
}

const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));

describe.each(BACKENDS)('adadelta step [$name]', ({ create }) => {
  it('first step with PyTorch\'s defaults, worked by hand', async () => {
    // g = 1, θ₀ = 0, ρ = 0.9, ε = 1e-6, η = 1: s = 0.1·1 = 0.1, std = √0.100001, δ = √1e-6/√0.100001 = 0.001/0.3162293...
    // = 0.00316226185...; θ₁ = −δ.
    // √0.100001 = 0.316229347... (decimal), so δ = 0.001/0.316229347 = 0.0031622618... (8 digits: 0.0031622619).
    const opt = (await create()).optimizer([0], { optimizer: 'adadelta', lr: 1 });
    opt.step([1]);
    const st = opt.state();
    expect(Math.abs(st.params[0]! + 0.0031622619)).toBeLessThan(1e-10);
    expectNear(st.buffers!.squareAvg![0]!, 0.1, 2);
    // u = 0.1·δ² = 0.1·1e-6/0.100001 = 1e-7/0.100001 exactly in reals; a few roundings apart: 8·ε relative
    expectNear(st.buffers!.accDelta![0]!, 1e-7 / 0.100001, 8);
  });

  it('three steps equal the formula in PyTorch\'s order, bit for bit (ρ, ε, λ, maximize)', async () => {
    const engine = await create();
    for (const o of [
      { lr: 1, rho: 0.9, eps: 1e-6 },
      { lr: 0.5, rho: 0.95, eps: 1e-4, weightDecay: 0.1 },
      { lr: 2, rho: 0.5, eps: 1e-8, maximize: true },
      { lr: 1, rho: 1, eps: 1e-6 }, // ρ = 1: s, u stay 0 and δ = √ε/√ε·g = g
    ]) {
      const theta0 = [1.5, -0.25, 0, 3, -2, 0.75, 1e-3, -7, 0.5]; // 9: the SIMD build's pairs and its scalar tail
      const opt = engine.optimizer(theta0, { optimizer: 'adadelta', ...o });
      const ref = theta0.map((t) => [t, 0, 0] as [number, number, number]);
      for (let k = 0; k < 3; k++) {
        const g = Array.from(opt.params, (t, i) => t * t - Math.cos(i + k)); // f' of a separable toy
        opt.step(g);
        ref.forEach((r, i) => { ref[i] = reference(r[0], r[1], r[2], g[i]!, o); });
      }
      const st = opt.state();
      expect(same(st.params, ref.map((r) => r[0]))).toBe(true);
      expect(same(st.buffers!.squareAvg!, ref.map((r) => r[1]))).toBe(true);
      expect(same(st.buffers!.accDelta!, ref.map((r) => r[2]))).toBe(true);
      if (o.rho === 1) expect(st.buffers!.squareAvg!.every((v) => v === 0)).toBe(true); // ρ = 1 keeps s = 0
    }
  });

  it('state() round-trips through JSON and loadState', async () => {
    const engine = await create();
    const a = engine.optimizer([1, 2, 3], { optimizer: 'adadelta', lr: 1, rho: 0.8 });
    a.step([0.5, -1, 2]);
    const b = engine.optimizer([0, 0, 0], { optimizer: 'adadelta', lr: 1 });
    b.loadState(JSON.parse(JSON.stringify(a.state())));
    expect(b.state().options).toEqual({ optimizer: 'adadelta', lr: 1, weightDecay: 0, maximize: false, rho: 0.8, eps: 1e-6 });
    a.step([1, 1, -1]);
    b.step([1, 1, -1]);
    expect(same(a.params, b.params)).toBe(true);
    expect(JSON.stringify(a.state())).toBe(JSON.stringify(b.state()));
  });

  it('a fit\'s steps are the formula\'s on the full-batch gradient (linear model, worked in the test)', async () => {
    // Two rows x = 1, 2 and y = 1, 3, no intercept: J = Σ(w·x − y)²/(2n), ∇J = Σ(w·x − y)·x / n, exact in few roundings.
    const engine = await create();
    const data = engine.dataset([[1], [2]], [1, 3]);
    const o = { lr: 1, rho: 0.9, eps: 1e-6 };
    let ref: [number, number, number] = [0, 0, 0];
    for (let k = 1; k <= 3; k++) {
      const w = ref[0];
      const g = ((w - 1) * 1 + (w * 2 - 3) * 2) / 2;
      ref = reference(w, ref[1], ref[2], g, o);
      const fit = engine.fit(data, { optimizer: 'adadelta', lr: 1, fitIntercept: false, maxIterations: k });
      // the kernel's sum Σr·x and 1/n round differently from the line above: 8·ε relative on the one weight
      expectNear(fit.weights[0]!, ref[0], 8);
    }
  });
});

describe('adadelta: every backend, bit for bit', () => {
  it('per-step optimizer on 1 001 parameters', async () => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    const theta0 = Array.from({ length: 1001 }, (_, i) => Math.sin(i));
    for (const options of [
      { optimizer: 'adadelta' as const, lr: 1 },
      { optimizer: 'adadelta' as const, lr: 0.3, rho: 0.5, eps: 1e-3, weightDecay: 0.01, maximize: true },
    ]) {
      const opts = engines.map((e) => e.optimizer(theta0, options));
      for (let k = 0; k < 10; k++) for (const o of opts) o.step(o.params.map((t, i) => t * t - Math.cos(i + k)));
      for (const o of opts.slice(1)) expect(JSON.stringify(o.state())).toBe(JSON.stringify(opts[0]!.state()));
      expect(opts[0]!.params[0]).not.toBe(theta0[0]);
    }
  });

  it('fits: full batch and mini-batches, every model', async () => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    const n = 60, d = 11;
    const X = Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => Math.sin(i * 1.3 + j * 0.7)));
    const yReal = X.map((r, i) => r.reduce((a, b, j) => a + b * (j - 5), 0.5) + 0.1 * Math.cos(i));
    const yBin = yReal.map((v) => (v > 0.5 ? 1 : 0));
    const yCls = yReal.map((v) => (v < -1 ? 0 : v < 2 ? 1 : 2));
    const cases = [
      { y: yReal, o: { model: 'linear' as const, optimizer: 'adadelta' as const, lr: 1, maxIterations: 50 } },
      { y: yReal, o: { model: 'ridge' as const, optimizer: 'adadelta' as const, lr: 1, rho: 0.95, weightDecay: 0.01, batchSize: 7, seed: 3, maxIterations: 60 } },
      { y: yBin, o: { model: 'logistic' as const, optimizer: 'adadelta' as const, lr: 2, batchSize: 16, maxIterations: 40 } },
      { y: yCls, o: { model: 'softmax' as const, optimizer: 'adadelta' as const, lr: 1, eps: 1e-5, maxIterations: 30 } },
    ];
    for (const { y, o } of cases) {
      const fits = engines.map((e) => e.fit(e.dataset(X, y), o));
      for (const f of fits.slice(1)) {
        expect(same(f.weights, fits[0]!.weights)).toBe(true);
        expect(same(f.intercepts, fits[0]!.intercepts)).toBe(true);
        expect(same(f.loss, fits[0]!.loss)).toBe(true);
      }
      expect(fits[0]!.loss[fits[0]!.loss.length - 1]).toBeLessThan(fits[0]!.loss[0]!);
    }
  });
});
