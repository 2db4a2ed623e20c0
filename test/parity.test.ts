// WASM (SIMD and scalar builds) against the JS mirror: for the linear model the kernels use only + − ·, in the
// same order and lanes, so every weight and every loss value must be identical (Object.is), on shapes that
// cross every lane boundary (d mod 8, d mod 2, n mod 4, every pair count of the unrolled short-row path) and with every
// optimizer option.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.js';
import { makeRegression } from './reference/solve.js';
import type { FitOptions, FitOptionsRecord, FitResult, ModelName } from '../src/index.js';

const SHAPES: [number, number][] = [[1, 1], [2, 1], [3, 3], [4, 2], [5, 7], [7, 8], [9, 9], [13, 10], [6, 15], [21, 16], [16, 17], [33, 31], [100, 1], [64, 64]];
const OPTIONS: FitOptions[] = [
  { lr: 0.1 },
  { lr: 0.05, momentum: 0.9 },
  { lr: 0.05, momentum: 0.9, nesterov: true },
  { lr: 0.05, momentum: 0.7, dampening: 0.4, weightDecay: 0.01 },
  { lr: 0.05, momentum: 0.9, fitIntercept: false, maximize: false },
];

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Every fit gives the first one's weights, intercept and loss history exactly, and the fit moved. */
function expectIdentical(fits: FitResult[]): void {
  const [ref, ...rest] = fits;
  for (const f of rest) {
    expect(same(f.weights, ref!.weights)).toBe(true);
    expect(Object.is(f.intercept, ref!.intercept)).toBe(true);
    expect(same(f.loss, ref!.loss)).toBe(true);
    expect(Object.is(f.finalLoss, ref!.finalLoss)).toBe(true);
  }
  expect(ref!.loss[ref!.loss.length - 1]).not.toBe(ref!.loss[0]);
}

describe('backend parity (bit for bit)', () => {
  it.each(SHAPES)('linear fit on %i × %i', async (n, d) => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    const { X, y } = makeRegression(n, d, n * 100 + d, 0.5);
    for (const opts of OPTIONS) {
      expectIdentical(engines.map((e) => e.fit(e.dataset(X, y), { ...opts, maxIterations: 40 })));
    }
  });

  // Every row length of the short order (2…31 features) and its neighbours, so each pair count and tail of the
  // unrolled short-row kernel (assembly/loss/fast.ts: shortRows) meets the JS mirror and the scalar build;
  // 11 rows: two blocks of four and three single rows. Contiguous and shuffled (indexed) rows.
  it.each(Array.from({ length: 33 }, (_, k) => k + 1))('linear fit with %i features, every kernel path', async (d) => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    const { X, y } = makeRegression(11, d, 1000 + d, 0.5);
    for (const opts of [{ lr: 0.05, momentum: 0.9 }, { lr: 0.05, momentum: 0.9, batchSize: 8, seed: 2 }]) {
      expectIdentical(engines.map((e) => e.fit(e.dataset(X, y), { ...opts, maxIterations: 12 })));
    }
  });

  // Shuffled mini-batches read rows in place through the row order: the indexed variant of each kernel path.
  it.each([[23, 2], [30, 11], [19, 16], [25, 24], [18, 40]])('linear mini-batch fit on %i × %i', async (n, d) => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    const { X, y } = makeRegression(n, d, n * 7 + d, 0.5);
    const fits = engines.map((e) => e.fit(e.dataset(X, y), { lr: 0.05, momentum: 0.9, batchSize: 9, seed: 4, maxIterations: 30 }));
    const [ref, ...rest] = fits;
    for (const f of rest) {
      expect(same(f.weights, ref!.weights)).toBe(true);
      expect(same(f.loss, ref!.loss)).toBe(true);
    }
    expect(ref!.loss[29]).not.toBe(ref!.loss[0]);
  });

  // exp, log and log1p are our own in both backends (assembly/math.ts, src/js/math.ts: the same operations, f64x2
  // lanes included), so the exp/log models are held to the same Object.is standard.
  const CLASSIFY: { model: ModelName; opts: FitOptionsRecord }[] = [
    { model: 'ridge', opts: { lr: 0.05, momentum: 0.9, alpha: 0.1 } },
    { model: 'logistic', opts: { lr: 0.3, momentum: 0.9, alpha: 1e-3 } },
    { model: 'hinge', opts: { lr: 0.1, momentum: 0.5, nesterov: true, alpha: 1e-2 } },
    { model: 'softmax', opts: { lr: 0.3, momentum: 0.9, alpha: 1e-3 } },
    { model: 'logistic', opts: { lr: 0.05, optimizer: 'adam', batchSize: 7, seed: 3, schedule: { type: 'cosine', tMax: 10, etaMin: 0.01 } } },
    { model: 'softmax', opts: { lr: 0.01, optimizer: 'rmsprop', momentum: 0.5, batchSize: 5, seed: 9 } },
    { model: 'hinge', opts: { lr: 0.5, optimizer: 'adagrad', batchSize: 4, seed: 1, validationFraction: 0.25, tol: 0 } },
    { model: 'ridge', opts: { lr: 0.01, optimizer: 'adamw', weightDecay: 0.05, batchSize: 6, shuffle: false } },
    // The stopping rules: the gradient rule full batch (checked every update) and mini-batch (a pass per epoch),
    // with coupled weight decay and maximize in the measured gradient; scikit-learn's by name.
    { model: 'ridge', opts: { lr: 0.05, momentum: 0.9, alpha: 0.1, weightDecay: 0.01, tol: 0.05 } },
    { model: 'logistic', opts: { lr: 0.3, momentum: 0.9, alpha: 1e-2, batchSize: 4, seed: 2, tol: 0.2 } },
    { model: 'softmax', opts: { lr: 0.1, optimizer: 'adam', alpha: 1e-2, tol: 0.3, stoppingRule: 'sklearn', nIterNoChange: 2 } },
    // lr / momentum 'auto' and restart (issue 18; more in test/contract/auto.test.ts): the power iteration, Armijo
    // backtracking, the schedule and both restart rules.
    { model: 'logistic', opts: { lr: 'auto', momentum: 'auto', nesterov: true, alpha: 1e-3 } },
    { model: 'ridge', opts: { lr: 'auto', momentum: 'auto', alpha: 0.1, fitIntercept: false, tol: 1e-4 } },
    { model: 'softmax', opts: { lr: 'auto', momentum: 0.9, restart: 'gradient', alpha: 1e-3 } },
    { model: 'hinge', opts: { lr: 0.1, momentum: 0.9, nesterov: true, restart: 'function', alpha: 1e-2 } },
    // Penalties 'l1' and 'elasticnet' (issue 15): the proximal step of each optimizer (its threshold by the step's
    // fixed point), full batch and mini-batch, with the subgradient stopping rule.
    { model: 'linear', opts: { lr: 0.1, penalty: 'l1', alpha: 0.05 } },
    { model: 'linear', opts: { lr: 0.05, momentum: 0.9, penalty: 'l1', alpha: 0.05, tol: 1e-3 } },
    { model: 'linear', opts: { lr: 0.05, momentum: 0.9, nesterov: true, penalty: 'elasticnet', alpha: 0.05, l1Ratio: 0.3 } },
    { model: 'linear', opts: { lr: 0.05, momentum: 0.7, dampening: 0.4, weightDecay: 0.01, penalty: 'elasticnet', alpha: 0.05 } },
    { model: 'linear', opts: { lr: 0.05, optimizer: 'adam', penalty: 'l1', alpha: 0.05, batchSize: 5, seed: 2 } },
    { model: 'linear', opts: { lr: 0.05, optimizer: 'adamw', weightDecay: 0, penalty: 'elasticnet', alpha: 0.05, l1Ratio: 0.6 } },
    { model: 'linear', opts: { lr: 0.01, optimizer: 'rmsprop', penalty: 'l1', alpha: 0.05 } },
    { model: 'linear', opts: { lr: 0.01, optimizer: 'rmsprop', momentum: 0.5, penalty: 'elasticnet', alpha: 0.05 } },
    { model: 'linear', opts: { lr: 0.3, optimizer: 'adagrad', lrDecay: 0.01, penalty: 'l1', alpha: 0.05 } },
    { model: 'logistic', opts: { lr: 0.3, momentum: 0.9, penalty: 'l1', alpha: 1e-2, batchSize: 4, seed: 2, tol: 0.2 } },
    { model: 'softmax', opts: { lr: 0.3, momentum: 0.9, nesterov: true, penalty: 'elasticnet', alpha: 1e-2, l1Ratio: 0.5 } },
    { model: 'hinge', opts: { lr: 0.1, optimizer: 'adam', penalty: 'l1', alpha: 1e-2 } },
    // scikit-learn's other SGD losses (issue 15): full batch, mini-batches, 'auto' on the smooth ones, ε given.
    { model: 'squaredHinge', opts: { lr: 0.05, momentum: 0.9, alpha: 1e-2 } },
    { model: 'modifiedHuber', opts: { lr: 'auto', momentum: 'auto', alpha: 1e-3 } },
    { model: 'perceptron', opts: { lr: 0.1, momentum: 0.5, batchSize: 4, seed: 5 } },
    { model: 'huber', opts: { lr: 0.1, momentum: 0.9, epsilon: 0.5, nesterov: true } },
    { model: 'epsilonInsensitive', opts: { lr: 0.05, optimizer: 'adam', epsilon: 0.2, batchSize: 3, seed: 7 } },
    { model: 'squaredEpsilonInsensitive', opts: { lr: 'auto', momentum: 0.9, restart: 'gradient', alpha: 1e-3 } },
    // The family's options together: Adadelta with an L1 part (its proximal threshold), averaging with class weights and
    // a weighted hold-out, averaging with mini-batches on a new loss, an elastic net on a new loss with class weights.
    { model: 'linear', opts: { lr: 1, optimizer: 'adadelta', penalty: 'l1', alpha: 0.05 } },
    { model: 'logistic', opts: { lr: 0.3, momentum: 0.9, average: 5, classWeight: 'balanced', validationFraction: 0.25, tol: 0, stoppingRule: 'sklearn' } },
    { model: 'huber', opts: { lr: 0.1, optimizer: 'adadelta', epsilon: 0.3, average: true, batchSize: 4, seed: 3 } },
    { model: 'squaredHinge', opts: { lr: 0.1, momentum: 0.9, penalty: 'elasticnet', alpha: 1e-2, classWeight: { 1: 2 } } },
  ];
  /** The models of real labels (the binary ones take 0/1, softmax 3 classes). */
  const REAL = new Set<ModelName>(['ridge', 'huber', 'epsilonInsensitive', 'squaredEpsilonInsensitive']);

  it.each(CLASSIFY.flatMap((c) => [[9, 3], [33, 10]].map(([n, d]) => [c.model, n, d, c] as const)))(
    '%s on %i × %i with every option', async (model, n, d, c) => {
      const engines = await Promise.all(BACKENDS.map((b) => b.create()));
      const { X, y: yr } = makeRegression(n!, d!, n! + d!, 0.5);
      const y = REAL.has(model) || model === 'linear' ? yr : model === 'softmax' ? yr.map((v) => (v > 0.5 ? 2 : v > -0.5 ? 1 : 0)) : yr.map((v) => (v > 0 ? 1 : 0));
      const fits = engines.map((e) => e.fit(e.dataset(X, y), { model, ...c.opts, maxIterations: 60 } as FitOptions));
      const [ref, ...rest] = fits;
      for (const f of rest) {
        expect(same(f.weights, ref!.weights)).toBe(true);
        expect(same(f.intercepts, ref!.intercepts)).toBe(true);
        expect(same(f.loss, ref!.loss)).toBe(true);
        expect(same(f.epochLoss, ref!.epochLoss)).toBe(true);
        expect(f.status).toBe(ref!.status);
      }
      expect(ref!.loss[ref!.loss.length - 1]).not.toBe(ref!.loss[0]);
    });

  // The SIMD kernels take two rows (logistic) or two classes (softmax) per f64x2: every class count (pairs and a
  // tail class), row counts around the blocks of four, shuffled batches (labels gathered in pairs), and logits from
  // small (log1p's reduced branch), through large (its direct branch), to beyond ±708 where exp's vector form hands
  // its lanes to the scalar function (X scaled by 10³), lanes of one vector on different paths.
  it.each([
    ['logistic', 2, 1], ['logistic', 7, 5], ['logistic', 13, 4], ['logistic', 26, 3],
    ['softmax', 2, 2], ['softmax', 3, 3], ['softmax', 4, 5], ['softmax', 5, 7], ['softmax', 7, 9], ['softmax', 10, 2],
  ] as const)('%s kernel paths, K = %i (classes of softmax), %i features', async (model, K, d) => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    for (const [n, scale, opts] of [
      [11, 1, { lr: 0.5, momentum: 0.9 }], [23, 1, { lr: 0.5, batchSize: 6, seed: 4 }],
      [14, 1e3, { lr: 0.2, momentum: 0.9 }], [9, 30, { lr: 1, batchSize: 4, seed: 8 }],
    ] as const) {
      const { X, y: yr } = makeRegression(n, d, n * K + d, 0.5);
      const Xs = X.map((row) => row.map((v) => v * scale));
      const y = yr.map((v, i) => (model === 'logistic' ? (v > 0 ? 1 : 0) : (i % K)));
      const fits = engines.map((e) => e.fit(e.dataset(Xs, y), { model, ...opts, maxIterations: 25 }));
      const [ref, ...rest] = fits;
      for (const f of rest) {
        expect(same(f.weights, ref!.weights)).toBe(true);
        expect(same(f.intercepts, ref!.intercepts)).toBe(true);
        expect(same(f.loss, ref!.loss)).toBe(true);
        expect(f.status).toBe(ref!.status);
      }
      expect(ref!.loss[ref!.loss.length - 1]).not.toBe(ref!.loss[0]);
    }
  });

  it('per-step optimizers on 1 000 parameters', async () => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    const theta0 = Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    for (const options of [
      { optimizer: 'adam' as const, lr: 0.01 }, { optimizer: 'adamw' as const, lr: 0.01 },
      { optimizer: 'rmsprop' as const, lr: 0.01, momentum: 0.9 }, { optimizer: 'adagrad' as const, lr: 0.1, lrDecay: 0.01 },
    ]) {
      const opts = engines.map((e) => e.optimizer(theta0, options));
      for (let k = 0; k < 10; k++) for (const o of opts) o.step(o.params.map((t, i) => t * t - Math.cos(i + k)));
      for (const o of opts.slice(1)) expect(same(o.params, opts[0]!.params)).toBe(true);
    }
  });

  it('per-step optimizer on 1 000 parameters', async () => {
    const engines = await Promise.all(BACKENDS.map((b) => b.create()));
    const n = 1000;
    const theta0 = Array.from({ length: n }, (_, i) => Math.sin(i));
    for (const [len, options] of [
      [n, { lr: 0.01, momentum: 0.9, weightDecay: 1e-3, nesterov: true }],
      [n - 1, { lr: 0.01, momentum: 0.9, dampening: 0.3, maximize: true }],
      [7, { lr: 0.05 }],
      [8, { lr: 0.05, momentum: 0.9, nesterov: true }],
      [1, { lr: 0.01, momentum: 0.5, weightDecay: 0.1 }],
    ] as const) {
      const opts = engines.map((e) => e.sgd(theta0.slice(0, len), options));
      for (let k = 0; k < 20; k++) {
        for (const o of opts) o.step(o.params.map((t, i) => t * t - Math.cos(i + k)));
      }
      for (const o of opts.slice(1)) {
        expect(same(o.params, opts[0]!.params)).toBe(true);
        if (opts[0]!.velocity) expect(same(o.velocity!, opts[0]!.velocity)).toBe(true);
      }
      expect(opts[0]!.params[0]).not.toBe(theta0[0]);
    }
  });
});
