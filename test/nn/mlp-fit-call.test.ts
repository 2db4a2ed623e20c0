// Networks through the one-call API (src/fit.ts): `await fit(X, y, { model: 'mlpClassifier' | 'mlpRegressor', … })`
// and `new Estimator({ model: 'mlp…', … })` give the doubles of engine.dataset + engine.fit on a fresh engine of the
// same backend (every parameter, the loss history, finalLoss: Object.is), and the Estimator's predict, predictProba,
// decisionFunction and score are the fitted network's. The reference is the engine path, which test/nn's other
// files pin against hand-worked steps, central differences and scikit-learn.
import { describe, expect, it, vi } from 'vitest';
import { Estimator, MlpModel, fit } from '../../src/index.js';
import type { EngineOptions, MlpFitOptions, Network, NetworkFitResult } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import { data } from './helpers.js';

/** The createEngine options that give each backend of test/backends.ts. */
const ENGINE: Record<string, EngineOptions> = {
  'wasm-simd': { backend: 'wasm', simd: true }, 'wasm-scalar': { backend: 'wasm', simd: false }, js: { backend: 'js' },
};

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => Object.is(v, b[i]));
}

function expectSameNetwork(a: NetworkFitResult, b: NetworkFitResult): void {
  expect(a).toBeInstanceOf(MlpModel);
  expect([a.model, a.cols, a.classes, a.hidden, a.activation, a.outputs]).toEqual([b.model, b.cols, b.classes, b.hidden, b.activation, b.outputs]);
  const flat = (n: Network) => n.coefs.flatMap((w, l) => [...w, ...n.intercepts[l]!]);
  expect(same(flat(a), flat(b))).toBe(true);
  expect(same(a.loss, b.loss)).toBe(true);
  expect(same(a.epochLoss, b.epochLoss)).toBe(true);
  expect([a.status, a.iterations, a.epochs]).toEqual([b.status, b.iterations, b.epochs]);
  expect(Object.is(a.finalLoss, b.finalLoss)).toBe(true);
}

const D = 3;
const rows = (X: Float64Array) => Array.from({ length: X.length / D }, (_, i) => Array.from(X.subarray(i * D, (i + 1) * D)));
const reg = data(48, D, 'squared', 3, 5), bin = data(48, D, 'logistic', 3, 5), cls = data(48, D, 'softmax', 3, 5);

const CASES: [string, { X: Float64Array; y: Float64Array }, MlpFitOptions][] = [
  ['mlpRegressor, tanh, Nesterov, full batch', reg, { model: 'mlpRegressor', hidden: [6], activation: 'tanh', lr: 0.1, momentum: 0.9, nesterov: true, maxIterations: 40, seed: 2 }],
  ['mlpClassifier (2 classes), relu, Adam, shuffled mini-batches', bin, { model: 'mlpClassifier', hidden: [5, 4], optimizer: 'adam', lr: 0.02, batchSize: 8, seed: 3, maxEpochs: 6 }],
  ['mlpClassifier (3 classes), sigmoid, validation split and tol', cls, { model: 'mlpClassifier', hidden: [7], activation: 'sigmoid', lr: 0.3, momentum: 0.5, validationFraction: 0.25, tol: 1e-6, nIterNoChange: 3, maxIterations: 60, seed: 1 }],
];

describe.each(BACKENDS)('networks through fit and Estimator [$name]', ({ name, create }) => {
  it.each(CASES)('fit(X, y, %s): the engine path, bit for bit', async (_, d, options) => {
    const engine = await create();
    const X = rows(d.X), y = Array.from(d.y);
    const reference = engine.fit(engine.dataset(X, y), options);
    const result = await fit(X, y, { ...options, ...ENGINE[name] });
    expectSameNetwork(result, reference);
    expect(result.loss[result.loss.length - 1]).not.toBe(result.loss[0]); // the fit moved
  });

  it.each(CASES)('new Estimator(%s): fit, predict, predictProba, decisionFunction, score', async (_, d, options) => {
    const engine = await create();
    const X = rows(d.X), y = Array.from(d.y);
    const reference = engine.fit(engine.dataset(X, y), options);
    const est = new Estimator({ ...options, ...ENGINE[name] });
    expect(await est.fit(X, y)).toBe(est);
    expectSameNetwork(est.result!, reference);
    expect(same(est.predict(X), reference.predict(X))).toBe(true);
    expect(same(est.decisionFunction(X), reference.decisionFunction(X))).toBe(true);
    expect(Object.is(est.score(X, y), reference.score(X, y))).toBe(true);
    if (options.model === 'mlpClassifier') {
      expect(same(est.predictProba(X), reference.predictProba(X))).toBe(true);
      expect(est.predictProba(X).length).toBe(X.length * reference.classes);
    } else {
      expect(() => est.predictProba(X)).toThrow(new TypeError("predictProba is defined for model 'mlpClassifier', not 'mlpRegressor'"));
    }
    expect(String(est)).toBe(`Estimator { ${String(reference)} }`);
  });

  it('mlpRegressor with 2 targets per row: fit and Estimator give the engine path, bit for bit', async () => {
    const engine = await create();
    const X = rows(reg.X);
    const Y = X.map((r, i) => [reg.y[i]!, r[0]! - 2 * r[2]!]); // two targets per row
    const options: MlpFitOptions = { model: 'mlpRegressor', hidden: [5], activation: 'tanh', lr: 0.1, momentum: 0.9, maxIterations: 30, seed: 4 };
    const reference = engine.fit(engine.dataset(X, Y), options);
    expect(reference.outputs).toBe(2);
    expectSameNetwork(await fit(X, Y, { ...options, ...ENGINE[name] }), reference);
    const est = new Estimator({ ...options, ...ENGINE[name] });
    await est.fit(X, Y);
    expectSameNetwork(est.result!, reference);
    expect(same(est.predict(X), reference.predict(X))).toBe(true);
    expect(est.predict(X).length).toBe(2 * X.length);
    expect(Object.is(est.score(X, Y), reference.score(X, Y))).toBe(true);
  });
});

describe('networks through fit: options', () => {
  it('verbose prints the progress lines and the closing line of a network fit', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((s: unknown) => void lines.push(String(s)));
    try {
      const r = await fit(rows(reg.X), Array.from(reg.y), { ...CASES[0]![2], backend: 'js', verbose: { interval: 0 } });
      expect(lines.at(-1)).toContain(`done: ${r.status} after ${r.iterations} iterations`);
    } finally {
      log.mockRestore();
    }
  });

  it('refuses what a network refuses, naming the network, before any work', async () => {
    await expect(fit(rows(reg.X), Array.from(reg.y), { model: 'mlpRegressor', lr: 0.1, hidden: [0] })).rejects
      .toThrow(new RangeError('hidden[0] must be an integer number of units in [1, 65536], got 0'));
    await expect(fit(rows(reg.X), Array.from(reg.y), { model: 'mlpRegressor', lr: 0.1, fitIntercept: false } as never)).rejects
      .toThrow(new RangeError("fitIntercept does not apply to model 'mlpRegressor': every layer of a network has biases"));
    expect(() => new Estimator({ model: 'mlpRegressor', lr: 0.1, hiden: [3] } as never)).toThrow(/^Unknown Estimator option "hiden" \(did you mean "hidden"\?\)/);
  });

  it('warmStart through the Estimator: a second fit starts from the first one\'s network', async () => {
    const o: MlpFitOptions = { model: 'mlpClassifier', hidden: [4], activation: 'tanh', lr: 0.2, tol: 0, maxIterations: 5, seed: 1 };
    const X = rows(bin.X), y = Array.from(bin.y);
    const first = new Estimator({ ...o, backend: 'js' });
    await first.fit(X, y);
    const second = new Estimator({ ...o, backend: 'js', warmStart: first.result! });
    await second.fit(X, y);
    const whole = await fit(X, y, { ...o, backend: 'js', maxIterations: 10 });
    // Full batch, constant lr, momentum 0: 5 + 5 updates = 10 (test/nn/mlp-warmstart.test.ts).
    expect(same(second.result!.coefs.flatMap((w) => [...w]), whole.coefs.flatMap((w) => [...w]))).toBe(true);
  });
});
