// The gradient seam (issue 13): Backend.gradient(data, config, params) = the fit's objectiveAndGrad over all rows —
// J and ∇J of the model (loss + penalty on the decayed segments) at a point, copied out. Pinned against central
// finite differences of J, the closed form of the squared loss, the fit's own first step, and the other backends
// (bit for bit).
import { describe, expect, it } from 'vitest';
import type { Backend, StoredData } from '../../src/backend.js';
import type { Engine, ModelName } from '../../src/index.js';
import { checkFitOptions, labelInfo, type FitConfig } from '../../src/options/index.js';
import { BACKENDS } from '../backends.js';
import { mulberry32 } from '../prng.js';

const n = 37, d = 5;

/** Features, a regression target, 0/1 labels and 3-class labels, from a fixed seed. */
function data() {
  const r = mulberry32(13);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * r() - 1));
  const yReg = X.map((row) => row.reduce((s, v, j) => s + (j + 1) * v, 0.3) + 0.1 * (r() - 0.5));
  const yBin = yReg.map((v) => (v > 0.3 ? 1 : 0));
  const yCls = yReg.map((v) => (v < -0.5 ? 0 : v < 1 ? 1 : 2));
  return { X, yReg, yBin, yCls };
}

const MODELS: { model: ModelName; alpha?: number; K: number }[] = [
  { model: 'linear', K: 1 }, { model: 'ridge', alpha: 0.3, K: 1 }, { model: 'logistic', alpha: 0.05, K: 1 },
  { model: 'hinge', alpha: 0.05, K: 1 }, { model: 'softmax', alpha: 0.05, K: 3 },
  { model: 'squaredHinge', alpha: 0.05, K: 1 }, { model: 'modifiedHuber', alpha: 0.05, K: 1 },
  { model: 'perceptron', alpha: 0.05, K: 1 }, { model: 'huber', alpha: 0.05, K: 1 },
  { model: 'epsilonInsensitive', alpha: 0.05, K: 1 }, { model: 'squaredEpsilonInsensitive', alpha: 0.05, K: 1 },
];
const BINARY = new Set<ModelName>(['logistic', 'hinge', 'squaredHinge', 'modifiedHuber', 'perceptron']);

interface Seam { backend: Backend; stored: StoredData; config: FitConfig }

function seam(engine: Engine, model: ModelName, alpha: number | undefined, fitIntercept = true): Seam {
  const { X, yReg, yBin, yCls } = data();
  const y = model === 'softmax' ? yCls : BINARY.has(model) ? yBin : yReg;
  const ds = engine.dataset(X, y);
  const options = { model, ...(alpha === undefined ? {} : { alpha }), fitIntercept, lr: 0.1 };
  const config = checkFitOptions(options, n, d, labelInfo(Float64Array.from(y)));
  const backend = (engine as unknown as { internals: Backend }).internals;
  const stored = (ds as unknown as { data(): StoredData }).data();
  return { backend, stored, config };
}

/** A point [W (K·d) | b (K)] away from 0 (so that every term and every hinge margin is generic). */
function point(K: number, seed: number): Float64Array {
  const r = mulberry32(seed);
  return Float64Array.from({ length: K * d + K }, () => r() - 0.5);
}

describe.each(BACKENDS)('Backend.gradient [$name]', ({ create }) => {
  it.each(MODELS)('$model: ∇J matches central finite differences of J', async ({ model, alpha, K }) => {
    const { backend, stored, config } = seam(await create(), model, alpha);
    const theta = point(K, 7);
    const { value, gradient } = backend.gradient(stored, config, theta);
    expect(gradient.length).toBe(theta.length);
    expect(value).toBe(backend.objective(stored, config, theta, config.alpha));
    for (let j = 0; j < theta.length; j++) {
      // h = 1e-5: truncation error h²·|J'''|/6 ~ 1e-11 and rounding ε·|J|/h ~ 1e-11, so 1e-7 relative (floor 1e-7)
      // is loose for a right gradient and tight for a wrong one (a missing 1/n, α or sign is off by ≥ 1e-2).
      const h = 1e-5;
      const plus = theta.slice(), minus = theta.slice();
      plus[j]! += h;
      minus[j]! -= h;
      const fd = (backend.gradient(stored, config, plus).value - backend.gradient(stored, config, minus).value) / (2 * h);
      expect(Math.abs(gradient[j]! - fd)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(fd)));
    }
  });

  it('squared loss with L2: J and ∇J equal the closed form (1/n)·Xᵀr + α·w, mean r, Σr²/(2n) + (α/2)‖w‖²', async () => {
    const alpha = 0.3;
    const { backend, stored, config } = seam(await create(), 'ridge', alpha);
    const { X, yReg } = data();
    const theta = point(1, 11);
    const w = theta.subarray(0, d), b = theta[d]!;
    const r = X.map((row, i) => row.reduce((s, v, j) => s + v * w[j]!, 0) + b - yReg[i]!);
    const J = r.reduce((s, v) => s + v * v, 0) / (2 * n) + (alpha / 2) * w.reduce((s, v) => s + v * v, 0);
    const gW = Array.from({ length: d }, (_, j) => X.reduce((s, row, i) => s + row[j]! * r[i]!, 0) / n + alpha * w[j]!);
    const gb = r.reduce((s, v) => s + v, 0) / n;
    const got = backend.gradient(stored, config, theta);
    // Sums of 37 terms of size ~1 in another order: within 64·ε of the scale (|J|, max|g| ≈ 1).
    expect(Math.abs(got.value - J)).toBeLessThanOrEqual(64 * Number.EPSILON * Math.max(1, J));
    [...gW, gb].forEach((g, j) => expect(Math.abs(got.gradient[j]! - g)).toBeLessThanOrEqual(64 * Number.EPSILON));
  });

  it.each(MODELS.filter((m) => m.alpha !== undefined))('$model: the penalty reaches the decayed segment (W) only: ∇J = ∇(data term) + α·w on W, the same on b', async ({ model, alpha, K }) => {
    const engine = await create();
    const pen = seam(engine, model, alpha);
    const bare = seam(engine, model, 0);
    const theta = point(K, 5);
    const g = pen.backend.gradient(pen.stored, pen.config, theta).gradient;
    const g0 = bare.backend.gradient(bare.stored, bare.config, theta).gradient;
    const a = alpha!;
    for (let j = 0; j < K * d; j++) expect(Object.is(g[j], g0[j]! + a * theta[j]!)).toBe(true);
    for (let j = K * d; j < theta.length; j++) expect(Object.is(g[j], g0[j])).toBe(true);
  });

  it.each(MODELS)('$model: a first SGD step at η = 1 from θ₀ lands on θ₀ − ∇J(θ₀) (the seam is the fit\'s gradient)', async ({ model, alpha, K }) => {
    const engine = await create();
    const { backend, stored, config } = seam(engine, model, alpha);
    const theta = point(K, 3);
    theta.fill(0.125, K * d); // one initialIntercept for every output
    const { X, yReg, yBin, yCls } = data();
    const y = model === 'softmax' ? yCls : BINARY.has(model) ? yBin : yReg;
    const fit = engine.fit(engine.dataset(X, y), {
      model, ...(alpha === undefined ? {} : { alpha }), lr: 1, momentum: 0, maxIterations: 1,
      initialWeights: theta.slice(0, K * d), initialIntercept: 0.125,
    });
    const { gradient } = backend.gradient(stored, config, theta);
    const stepped = [...fit.weights, ...(fit as unknown as { intercepts: Float64Array }).intercepts];
    stepped.forEach((v, j) => expect(Object.is(v, theta[j]! - 1 * gradient[j]!)).toBe(true));
  });

  it('copies out: the caller\'s params are not changed, the gradient is not a view into WASM memory', async () => {
    const engine = await create();
    const { backend, stored, config } = seam(engine, 'ridge', 0.3);
    const theta = point(1, 2), before = theta.slice();
    const a = backend.gradient(stored, config, theta), b = backend.gradient(stored, config, theta);
    expect(theta).toEqual(before);
    expect(a.gradient).not.toBe(b.gradient);
    const mem = (engine as unknown as { internals: { mem?: { memory: WebAssembly.Memory } } }).internals.mem;
    if (mem) expect(a.gradient.buffer).not.toBe(mem.memory.buffer);
  });
});

describe('Backend.gradient: every backend gives the same doubles', () => {
  it.each(MODELS)('$model: J and every ∇J element are bitwise equal across backends, with and without intercept', async ({ model, alpha, K }) => {
    for (const fitIntercept of [true, false]) {
      const theta = point(K, 17);
      if (!fitIntercept) theta.fill(0, K * d); // the host guarantees b = 0 without an intercept
      const results = [];
      for (const { create } of BACKENDS) {
        const { backend, stored, config } = seam(await create(), model, alpha, fitIntercept);
        results.push(backend.gradient(stored, config, theta));
      }
      const [first, ...rest] = results;
      for (const r of rest) {
        expect(Object.is(r.value, first!.value)).toBe(true);
        r.gradient.forEach((g, j) => expect(Object.is(g, first!.gradient[j])).toBe(true));
      }
    }
  });
});
