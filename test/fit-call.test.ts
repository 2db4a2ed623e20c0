// The one-call API, `await fit(X, y, options)` (src/fit.ts), on every backend: the same doubles as the engine path
// (engine.dataset + engine.fit, a fresh engine of the same backend) for every model and the training options that
// take a different route through the driver (mini-batches, shuffle, validation split, schedule, progress); one engine
// per backend, created once; the copy of the data freed, also when the fit throws.
import { describe, expect, it, vi } from 'vitest';
import { BACKENDS } from './backends.js';
import { makeRegression } from './reference/solve.js';
import { Estimator, fit } from '../src/index.js';
import type { Dataset, EngineOptions, FitCallOptions, FitOptions, FitResult } from '../src/index.js';
import { sharedEngine } from '../src/fit.js';

/** The createEngine options that give each backend of test/backends.ts. */
const ENGINE: Record<string, EngineOptions> = {
  'wasm-simd': { backend: 'wasm', simd: true }, 'wasm-scalar': { backend: 'wasm', simd: false }, js: { backend: 'js' },
};

function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => Object.is(v, b[i]));
}

function expectSameFit(a: FitResult, b: FitResult): void {
  expect(same(a.weights, b.weights)).toBe(true);
  expect(same(a.intercepts, b.intercepts)).toBe(true);
  expect(same(a.loss, b.loss)).toBe(true);
  expect(same(a.epochLoss, b.epochLoss)).toBe(true);
  expect([a.status, a.iterations, a.epochs]).toEqual([b.status, b.iterations, b.epochs]);
  expect(Object.is(a.finalLoss, b.finalLoss)).toBe(true);
  expect(Object.is(a.mse, b.mse)).toBe(true);
}

const { X, y: yReg } = makeRegression(37, 3, 11, 0.5);
const yBin = yReg.map((v) => (v > 1.5 ? 1 : 0));
const yCls = yReg.map((v) => (v > 2.5 ? 2 : v > 0.5 ? 1 : 0));

const CASES: [string, number[], FitOptions][] = [
  ['linear, full batch, momentum', yReg, { lr: 0.1, momentum: 0.9, maxIterations: 60 }],
  ['ridge, Nesterov, shuffled mini-batches', yReg, { model: 'ridge', alpha: 0.01, lr: 0.05, momentum: 0.9, nesterov: true, batchSize: 5, seed: 3, maxIterations: 80 }],
  ['logistic, Adam, validation split and tol', yBin, { model: 'logistic', optimizer: 'adam', lr: 0.05, validationFraction: 0.25, tol: 1e-6, nIterNoChange: 3, maxIterations: 300 }],
  ['hinge, RMSprop, step schedule', yBin, { model: 'hinge', optimizer: 'rmsprop', lr: 0.01, momentum: 0.5, schedule: { type: 'step', stepSize: 5, gamma: 0.5 }, batchSize: 8, seed: 1, maxIterations: 70 }],
  ['huber, ε = 0.3, Nesterov', yReg, { model: 'huber', epsilon: 0.3, lr: 0.1, momentum: 0.9, nesterov: true, maxIterations: 50 }],
  ['modifiedHuber, lr and momentum auto', yBin, { model: 'modifiedHuber', lr: 'auto', momentum: 'auto', maxIterations: 50 }],
  ['softmax, Adagrad, progress every 3 epochs', yCls, { model: 'softmax', optimizer: 'adagrad', lr: 0.3, maxIterations: 40, progressEvery: 3, onProgress: () => {} }],
];

describe.each(BACKENDS)('fit(X, y, options) [$name]', ({ name, create }) => {
  it.each(CASES)('%s: the engine path, bit for bit', async (_, y, options) => {
    const engine = await create();
    const reference = engine.fit(engine.dataset(X, y), options);
    const result = await fit(X, y, { ...options, ...ENGINE[name] } as FitCallOptions);
    expectSameFit(result, reference);
    expect(result.loss[result.loss.length - 1]).not.toBe(result.loss[0]); // the fit moved
  });

  it('creates its engine once per backend and frees the data, also when the fit throws', async () => {
    const engine = await sharedEngine(ENGINE[name]);
    expect(await sharedEngine({ ...ENGINE[name] })).toBe(engine);
    expect(engine.backend).toBe(name === 'js' ? 'js' : 'wasm');
    const made: Dataset[] = [];
    const original = engine.dataset.bind(engine);
    const spy = vi.spyOn(engine, 'dataset').mockImplementation((X, y) => {
      const d = original(X, y);
      made.push(d);
      return d;
    });
    try {
      await fit(X, yReg, { lr: 0.1, maxIterations: 5, ...ENGINE[name] } as FitCallOptions);
      await expect(fit(X, yReg, { lr: 0.1, batchSize: 1000, ...ENGINE[name] } as FitCallOptions))
        .rejects.toThrow(new RangeError('batchSize must be ≤ the 37 training rows, got 1000'));
    } finally {
      spy.mockRestore();
    }
    expect(made).toHaveLength(2);
    expect(made.map((d) => d.disposed)).toEqual([true, true]);
  });
});

describe.each(BACKENDS)('Estimator [$name]', ({ name, create }) => {
  it.each(['logistic', 'modifiedHuber'] as const)('%s: fit then predict: the engine path, bit for bit; refit replaces the model', async (model) => {
    const engine = await create();
    const options: FitOptions = { model, lr: 0.5, momentum: 0.9, maxIterations: 200 };
    const est = new Estimator({ ...options, ...ENGINE[name] } as FitCallOptions);
    expect(await est.fit(X, yBin)).toBe(est);
    const reference = engine.fit(engine.dataset(X, yBin), options);
    expectSameFit(est.result!, reference);
    expect(same(est.predict(X), reference.predict(X)) && same(est.predictProba(X), reference.predictProba(X))).toBe(true);
    expect(same(est.decisionFunction(X), reference.decisionFunction(X))).toBe(true);
    expect(est.score(X, yBin)).toBe(reference.score(X, yBin));
    const first = est.result;
    await expect(est.fit(X, yReg)).rejects.toThrow(RangeError); // labels not 0/1: the previous model stays
    expect(est.result).toBe(first);
    await est.fit(X.slice(0, 20), yBin.slice(0, 20));
    expect(est.result).not.toBe(first);
  });
});

describe('Estimator', () => {
  it('separates 0/1 labels on a line (the TSDoc example) and refuses use before fit', async () => {
    const est = new Estimator({ model: 'logistic', lr: 0.5, momentum: 0.9, maxIterations: 200 });
    expect(() => est.predict([[0]])).toThrow(new TypeError('This Estimator is not fitted yet: call await estimator.fit(X, y) first'));
    expect(String(est)).toBe("Estimator { unfitted, model: 'logistic', optimizer: 'sgd' }");
    await est.fit([[0], [1], [2], [3]], [0, 0, 1, 1]);
    expect(Array.from(est.predict([[0.2], [2.8]]))).toEqual([0, 1]);
    expect(String(est)).toMatch(/^Estimator \{ FitResult \{ model: 'logistic', cols: 1, classes: 2, status: 'maxIterations', iterations: 200, /);
    expect(() => new Estimator(null as never)).toThrow(new TypeError('options must be an options object, got null'));
  });
});

describe('fit(X, y, options): arguments', () => {
  it('refuses bad options as the engine does, naming them, before any work', async () => {
    await expect(fit(X, yReg, { lr: 0.1, learningRate: 0.1 } as never)).rejects.toThrow(/^Unknown fit option "learningRate" \(did you mean "lr"\?\)/);
    await expect(fit(X, yReg, 0.1 as never)).rejects.toThrow(new TypeError('options must be an options object, got 0.1'));
    await expect(fit(X, yReg, { lr: 0.1, backend: 'gpu' } as never)).rejects.toThrow(new RangeError('backend must be \'auto\', \'wasm\' or \'js\', got "gpu" (string)'));
    await expect(fit(X, yReg, { lr: 0.1, verbose: 1 } as never)).rejects.toThrow(new TypeError('verbose must be true, false or progressLogger options, got 1'));
    await expect(fit(X, yReg.slice(1), { lr: 0.1 })).rejects.toThrow(new RangeError('y must have one value per row of X: length 37, got 36'));
  });

  it('does not mutate the options or the data', async () => {
    const options = { lr: 0.1, momentum: 0.9, maxIterations: 10, verbose: { write: () => {} } };
    const frozen = JSON.stringify(options), Xc = JSON.stringify(X), yc = JSON.stringify(yReg);
    await fit(X, yReg, options);
    expect([JSON.stringify(options), JSON.stringify(X), JSON.stringify(yReg)]).toEqual([frozen, Xc, yc]);
    expect('onProgress' in options).toBe(false);
  });

  it('finds y = 1 + 2x as the README says (least squares: w = 2, b = 1 exactly)', async () => {
    const r = await fit([[0], [1], [2], [3]], [1, 3, 5, 7], { lr: 0.1, momentum: 0.9, maxIterations: 500 });
    expect(Math.abs(r.weights[0]! - 2)).toBeLessThan(1e-9);
    expect(Math.abs(r.intercept - 1)).toBeLessThan(1e-9);
  });
});

describe('fit and Estimator with threads (issue 17)', () => {
  // 20 000 rows: ≥ THREAD_MIN_ROWS, so a 2-thread engine runs the shards on its worker; the doubles are the
  // 1-thread fit's (the shard order is fixed by n). Where threads cannot run the engine says so and uses one.
  const n = 20000, d = 6;
  const { X, y } = makeRegression(n, d, 4242);
  const options: FitCallOptions = { model: 'linear', lr: 0.2, momentum: 0.9, maxIterations: 5 };

  it('fit(X, y, { threads: 2 }) = fit(X, y) bit for bit, on an engine of 2 threads (1 with its reason where threads cannot run)', async () => {
    const engine = await sharedEngine({ threads: 2 });
    const spy = vi.spyOn(engine, 'fitAsync');
    const one = await fit(X, y, options);
    expect(spy).not.toHaveBeenCalled();
    const two = await fit(X, y, { ...options, threads: 2 });
    expect(spy).toHaveBeenCalledTimes(1); // the call ran on the 2-thread engine
    spy.mockRestore();
    expectSameFit(two, one);
    if (engine.threadsReason === undefined) expect(engine.threads).toBe(2);
    else expect(engine.threads).toBe(1);
    // A different count is a different shared engine; the same count is the same one.
    expect(await sharedEngine({ threads: 2 })).toBe(engine);
    expect(await sharedEngine({})).not.toBe(engine);
  });

  it('Estimator({ threads: 2 }) fits and partialFits the same doubles as without threads', async () => {
    const a = await new Estimator({ ...options }).fit(X, y);
    const b = await new Estimator({ ...options, threads: 2 }).fit(X, y);
    expectSameFit(b.result!, a.result!);
    const sgd = { model: 'linear', lr: 0.01, momentum: 0.9, batchSize: n } as const;
    const pa = await new Estimator(sgd).partialFit(X, y);
    const pb = await new Estimator({ ...sgd, threads: 2 }).partialFit(X, y);
    expect(same(pb.result!.weights, pa.result!.weights)).toBe(true);
  });

  it('a bad threads value is the engine\'s error, naming threads', async () => {
    await expect(fit(X, y, { ...options, threads: 0 })).rejects.toThrow(RangeError);
    await expect(fit(X, y, { ...options, threads: 0 })).rejects.toThrow(/threads/);
    await expect(fit(X, y, { ...options, threads: 'two' as never })).rejects.toThrow(TypeError);
  });
});
