// Estimator.partialFit (src/fit.ts), on every backend: a sequence of calls on chunks gives the same doubles (Object.is
// on every weight, intercept and per-update loss) as the same stream of engine.partialFit calls on a fresh engine of
// that backend, each continuing the previous call's optimizerState; the constructor's fit-loop options
// (maxIterations, tol, …) are left out; after a fit, the sequence restarts from the fitted model (warmStart) with a
// fresh optimizer state; errors name the argument.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.js';
import { makeRegression } from './reference/solve.js';
import { Estimator } from '../src/index.js';
import type { EngineOptions, FitCallOptions, FitResult, PartialFitOptions } from '../src/index.js';

const ENGINE: Record<string, EngineOptions> = {
  'wasm-simd': { backend: 'wasm', simd: true }, 'wasm-scalar': { backend: 'wasm', simd: false }, js: { backend: 'js' },
};

const { X, y: yReg } = makeRegression(36, 3, 17, 0.5);
const yBin = yReg.map((v) => (v > 1.5 ? 1 : 0));
const yCls = yReg.map((v) => (v > 2.5 ? 2 : v > 0.5 ? 1 : 0));
/** Chunks of 8, 12 and 16 rows. */
const CUTS: [number, number][] = [[0, 8], [8, 20], [20, 36]];
const SW = X.map((_, i) => 0.5 + (i % 3));

function same(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(a.length, `${what} length`).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) throw new Error(`${what}[${i}]: ${a[i]} is not ${b[i]}`);
}

function sameResult(a: FitResult, b: FitResult): void {
  same(a.weights, b.weights, 'weights');
  same(a.intercepts, b.intercepts, 'intercepts');
  same(a.loss, b.loss, 'loss');
}

const CASES: [string, number[], Record<string, unknown>, number | undefined][] = [
  ['linear, sgd momentum, shuffled batches of 4', yReg, { lr: 0.05, momentum: 0.9, batchSize: 4, seed: 3 }, undefined],
  ['logistic, adam, weighted', yBin, { model: 'logistic', optimizer: 'adam', lr: 0.05, batchSize: 4, sampleWeight: true }, 2],
  ['softmax, adagrad, schedule', yCls, { model: 'softmax', optimizer: 'adagrad', lr: 0.2, schedule: { type: 'step', stepSize: 1, gamma: 0.5 } }, 3],
  ['hinge one-vs-rest, nesterov', yCls, { model: 'hinge', lr: 0.05, momentum: 0.9, nesterov: true, batchSize: 4, shuffle: false }, 3],
];

describe.each(BACKENDS)('Estimator.partialFit [$name]', ({ name, create }) => {
  it.each(CASES)('%s: calls on chunks equal the engine.partialFit stream, bit for bit', async (_label, y, opt, classes) => {
    const engine = await create();
    const { sampleWeight, ...options } = opt;
    // fit's loop options in the constructor are left out by partialFit: the engine would refuse them.
    const est = new Estimator({ ...options, maxIterations: 500, tol: 1e-6, validationFraction: 0.2, ...ENGINE[name] } as FitCallOptions);
    let prev: FitResult | null = null;
    for (const [a, b] of CUTS) {
      const extra = { ...(sampleWeight ? { sampleWeight: SW.slice(a, b) } : {}) };
      expect(await est.partialFit(X.slice(a, b), y.slice(a, b), { ...(prev ? {} : classes ? { classes } : {}), ...extra })).toBe(est);
      const chunk = engine.dataset(X.slice(a, b), y.slice(a, b));
      const ref: FitResult = engine.partialFit(chunk, {
        ...options, ...extra, ...(prev ? { from: prev } : classes ? { classes } : {}),
      } as PartialFitOptions);
      chunk.dispose();
      sameResult(est.result!, ref);
      expect(est.result!.optimizerState).toEqual(ref.optimizerState);
      prev = ref;
    }
    expect(est.result!.optimizerState!.epochs).toBe(3);
    same(est.predict(X), prev!.predict(X), 'predict');
  });

  it('fit ends the sequence: the next partialFit starts from the fitted model with a fresh optimizer state', async () => {
    const engine = await create();
    const options = { model: 'logistic', lr: 0.1, momentum: 0.9, batchSize: 4, shuffle: false } as const;
    const est = new Estimator({ ...options, maxIterations: 30, ...ENGINE[name] });
    await est.partialFit(X.slice(0, 8), yBin.slice(0, 8));
    await est.fit(X, yBin);
    const fitted = est.result!;
    expect(fitted.optimizerState).toBeNull();
    await est.partialFit(X.slice(8, 20), yBin.slice(8, 20));
    const chunk = engine.dataset(X.slice(8, 20), yBin.slice(8, 20));
    const ref = engine.partialFit(chunk, { ...options, warmStart: fitted });
    chunk.dispose();
    sameResult(est.result!, ref);
    // a fresh state: one epoch of 12 rows in batches of 4, t = 3 (not continuing the first call's t = 2)
    expect(est.result!.optimizerState!.step).toBe(3);
  });
});

describe('Estimator.partialFit: errors', () => {
  it('names the argument: classes missing on the first call, other columns, unseen class, options, a sampleWeight twice', async () => {
    const est = new Estimator({ model: 'softmax', lr: 0.1, backend: 'js' });
    await expect(est.partialFit(X.slice(0, 8), yCls.slice(0, 8))).rejects.toThrow(new RangeError(
      "classes is required on the first partialFit call of model 'softmax' (a later chunk may hold classes this one does not), as scikit-learn's partial_fit",
    ));
    expect(est.result).toBeNull();
    await est.partialFit(X.slice(0, 8), yCls.slice(0, 8), { classes: 3 });
    const first = est.result;
    await expect(est.partialFit(X.slice(8, 12).map((r) => r.slice(0, 2)), yCls.slice(8, 12))).rejects.toThrow(new RangeError(
      'X must have 3 columns, as the data this estimator has seen, got 2',
    ));
    await expect(est.partialFit(X.slice(8, 12), [0, 1, 3, 2])).rejects.toThrow(new RangeError(
      'y holds the class 3, unseen by the state continued (from), whose classes are 0…2 (give every class on the first call: classes)',
    ));
    await expect(est.partialFit(X.slice(8, 12), yCls.slice(8, 12), { classes: 4 })).rejects.toThrow(new RangeError(
      'classes cannot change between partialFit calls: the state continued (from) has 3, this call 4',
    ));
    await expect(est.partialFit(X.slice(8, 12), yCls.slice(8, 12), { clases: 3 } as never)).rejects.toThrow(
      /^Unknown Estimator.partialFit option "clases" \(did you mean "classes"\?\)/,
    );
    expect(est.result).toBe(first); // failed calls leave the result in place
    const weighted = new Estimator({ lr: 0.1, sampleWeight: [1, 1], backend: 'js' });
    await expect(weighted.partialFit([[0], [1]], [0, 1], { sampleWeight: [1, 2] })).rejects.toThrow(new RangeError(
      "sampleWeight was given twice: to the Estimator's constructor and to partialFit; give it in one place",
    ));
  });

  it('a sequence whose last call diverged cannot continue; setting result to null starts a new one', async () => {
    const est = new Estimator({ lr: 1e300, backend: 'js' });
    await est.partialFit([[1e10], [2e10]], [1, 2]);
    expect(est.result!.status).toBe('diverged');
    await expect(est.partialFit([[1], [2]], [1, 2])).rejects.toThrow(new RangeError(
      "partialFit cannot continue: the previous partialFit call ended with status 'diverged' and left no optimizer state; call fit, or set estimator.result = null to start a new sequence",
    ));
    est.result = null;
    await est.partialFit([[1], [2]], [1, 2]);
    expect(est.result!.optimizerState!.step).toBe(1);
  });
});
