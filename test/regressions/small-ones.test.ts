// Regression (fixed in src/engine.ts and src/options.ts): the small ones of issue 19 (see small-ones.json).
// The kinds: every public function and options object rejects extra arguments and unknown keys with "did you mean"
// (test/fuzz/arguments.test.ts); one hold-out rule ⌈f·n⌉ for validationFraction and trainTestSplit.
import { describe, expect, it } from 'vitest';
import { LinearModel, trainTestSplit } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import input from './small-ones.json' with { type: 'json' };

describe.each(BACKENDS)('issue 19, small ones [$name]', ({ create }) => {
  it('engine.dataset never ignores sample weights: it uses them (issue 15), and refuses a fourth argument', async () => {
    const engine = await create();
    const weighted = engine.fit(engine.dataset(input.X, input.y, { sampleWeight: input.sampleWeight }), { lr: 0.01, maxIterations: 3 });
    const plain = engine.fit(engine.dataset(input.X, input.y), { lr: 0.01, maxIterations: 3 });
    // J(θ₀ = 0) = Σ cᵢ·yᵢ²/(2n) against Σ yᵢ²/(2n).
    const n = input.y.length;
    expect(weighted.loss[0]).toBeCloseTo(input.y.reduce((s, v, i) => s + input.sampleWeight[i]! * v * v, 0) / (2 * n), 12);
    expect(weighted.loss[0]).not.toBe(plain.loss[0]);
    expect(() => (engine.dataset as (...a: unknown[]) => unknown)(input.X, input.y, { sampleWeight: input.sampleWeight }, 4)).toThrow(
      new TypeError('engine.dataset(X, y, options) takes 3 arguments, got 4: argument 4 (4) is not used; remove it'),
    );
  });
  it('a schedule function is called once per epoch, epoch 0 included', async () => {
    const engine = await create();
    const calls: number[] = [];
    engine.fit(engine.dataset(input.X, input.y), { lr: 0.01, maxIterations: 3, schedule: (e, lr) => { calls.push(e); return lr; } });
    expect(calls).toEqual([0, 1, 2]);
  });
  it('validationFraction holds out ⌈f·n⌉ rows, as trainTestSplit does', async () => {
    const engine = await create();
    // n = 10, f = 0.25: ⌈2.5⌉ = 3 rows (round(2.5) would be 3 too, so also f = 0.21: ⌈2.1⌉ = 3 where round gives 2).
    for (const f of [input.fraction, 0.21]) {
      const split = trainTestSplit(input.X, input.y, { testFraction: f, seed: 1 });
      // One epoch of batches of one row: as many updates as training rows, n − ⌈f·n⌉.
      const fit = engine.fit(engine.dataset(input.X, input.y), { lr: 0.001, batchSize: 1, maxEpochs: 1, maxIterations: 100, validationFraction: f });
      expect(fit.iterations).toBe(split.XTrain.length);
      expect(split.XTest.length).toBe(Math.ceil(f * 10));
    }
  });
  it.each([[2, 0.01], [7, 0.5], [9, 0.15], [13, 0.77], [40, 0.2], [41, 0.2], [60, 0.99 - 1 / 60]])(
    'one hold-out rule for n = %i, f = %f: the fit trains on n − ⌈f·n⌉ rows, trainTestSplit keeps as many', async (n, f) => {
      const engine = await create();
      const X = Array.from({ length: n }, (_, i) => [i]), y = X.map(([v]) => 2 * v!);
      const fit = engine.fit(engine.dataset(X, y), { lr: 1e-4, batchSize: 1, maxEpochs: 1, maxIterations: 1000, validationFraction: f });
      expect(fit.iterations).toBe(n - Math.ceil(f * n));
      expect(trainTestSplit(X, y, { testFraction: f, seed: 3 }).XTrain.length).toBe(n - Math.ceil(f * n));
    });
  it('validationFraction 0 is off, and the message says [0, 1)', async () => {
    const engine = await create();
    const data = engine.dataset(input.X, input.y);
    expect(engine.fit(data, { lr: 0.01, maxIterations: 5, validationFraction: 0 }).iterations).toBe(5);
    expect(() => engine.fit(data, { lr: 0.01, validationFraction: -0.1 })).toThrow(
      new RangeError('validationFraction must be in [0, 1) (0 holds nothing out), got -0.1'));
  });
  it.each(['epochs', 'max_iter'])('%s: did you mean "maxEpochs"', async (key) => {
    const engine = await create();
    expect(() => engine.fit(engine.dataset(input.X, input.y), { lr: 0.1, [key]: 10 } as never)).toThrow(
      new RegExp(`^Unknown fit option "${key}" \\(did you mean "maxEpochs"\\?\\)`));
  });
});

// Review of the messages: a count takes the singular for 1, and a signal that is not one is described, not
// printed as [object Object].
describe('message wording', () => {
  it('"X must have 1 column", 2 columns', () => {
    const json = { format: 'momentum-gd/model@1' as const, model: 'linear' as const, cols: 1, classes: 1, weights: [1], intercepts: [0] };
    expect(() => LinearModel.fromJSON(json).predict([[1, 2]])).toThrow(new RangeError('X must have 1 column (as in training), got 2'));
    expect(() => LinearModel.fromJSON({ ...json, cols: 2, weights: [1, 1] }).predict([[1]])).toThrow(new RangeError('X must have 2 columns (as in training), got 1'));
  });
  it.each(BACKENDS)('signal that is not an AbortSignal [$name]', async ({ create }) => {
    const engine = await create();
    const data = engine.dataset([[0], [1]], [0, 1]);
    expect(() => engine.fit(data, { lr: 0.1, signal: { abort: true } as never })).toThrow(
      new TypeError("signal must be an AbortSignal, got an object without `aborted` (keys: abort); pass an AbortController's signal"));
    expect(() => engine.fit(data, { lr: 0.1, signal: 'x' as never })).toThrow(new TypeError('signal must be an AbortSignal, got "x" (string)'));
  });
});
