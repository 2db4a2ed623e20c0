// Properties of engine.fit over random shapes, data (huge, tiny, zeros, duplicate rows, constant columns),
// models and in-range hyperparameters of every optimizer: WASM (SIMD and scalar) and JS agree bit for bit;
// the caller's arrays are untouched; parameters are always finite ('diverged' keeps the last finite ones);
// the same call twice, mini-batch shuffles included, gives the same doubles.
// Seed, run count and replay: see test/property/gen.ts (MOMENTUM_PROPERTY_SEED / _RUNS / _PATH).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine, FitOptionsRecord, FitResult } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import { RUNS, check, deepCopy, fitCase, makeData, sameArray, sameDeep } from './gen.js';

let engines: { name: string; engine: Engine }[] = [];
/** Fits refused because the objective at θ₀ overflows (counted, so the branch is seen to be taken). */
let startRefusals = 0;
beforeAll(async () => {
  engines = await Promise.all(BACKENDS.map(async (b) => ({ name: b.name, engine: await b.create() })));
});

/** Every observable number of a fit, for Object.is comparison. */
function fingerprint(f: FitResult) {
  return {
    weights: f.weights, intercepts: f.intercepts, intercept: f.intercept, loss: f.loss, epochLoss: f.epochLoss,
    status: f.status, iterations: f.iterations, epochs: f.epochs, finalLoss: f.finalLoss, mse: f.mse,
    classes: f.classes, cols: f.cols,
  };
}

function firstDifference(a: ReturnType<typeof fingerprint>, b: ReturnType<typeof fingerprint>): string | null {
  for (const k of Object.keys(a) as (keyof typeof a)[]) {
    if (!sameDeep(a[k], b[k])) return `${k}: ${String(a[k])} vs ${String(b[k])}`;
  }
  return null;
}

/** The RangeError of a fit whose objective at θ₀ is not finite (src/engine.ts): returned, not thrown. */
function fitOn(engine: Engine, X: unknown, y: unknown, options: unknown): FitResult | RangeError {
  const data = engine.dataset(X as never, y as never);
  try {
    return engine.fit(data, options as never);
  } catch (e) {
    if (e instanceof RangeError && e.message.startsWith('the objective at the starting parameters is not finite')) return e;
    throw e;
  } finally {
    data.dispose();
  }
}

/**
 * A necessary condition, computed independently of the engine, for the objective at θ₀ to overflow f64: with
 * Bᵢₖ = Σⱼ|xᵢⱼ·wₖⱼ| + |b| (+ |yᵢ| for real labels), a bound on row i's score (residual) for class k, some score
 * reaches 2¹⁰²² (a sum that large can overflow), or the sum over rows of the per-row objectives' bounds does: Σᵢ Bᵢ²
 * for the losses quadratic in the score (squared, squared hinge, squared ε-insensitive), Σᵢ 2·maxₖ Bᵢₖ for the others
 * (log-loss, log-sum-exp, hinge, modified Huber, perceptron, huber, ε-insensitive grow at most linearly in the
 * score). Computed on values divided by 2³⁰⁰ each (products by 2⁶⁰⁰), so nothing here overflows.
 */
function startCanOverflow(model: string, X: number[][], y: ArrayLike<number>, o: FitOptionsRecord, K: number): boolean {
  const d = X[0]!.length, s = 2 ** -300;
  const w = o.initialWeights ? Array.from(o.initialWeights) : new Array<number>(K * d).fill(0);
  const b = Math.abs(o.initialIntercept ?? 0) * s * s;
  // Losses that grow with the square of the score (squared, squared hinge, squared ε-insensitive), and those of
  // real labels (whose residual z − y adds |y|).
  const squared = ['linear', 'ridge', 'squaredHinge', 'squaredEpsilonInsensitive'].includes(model);
  const real = ['linear', 'ridge', 'huber', 'epsilonInsensitive', 'squaredEpsilonInsensitive'].includes(model);
  let maxB = 0, sumRow = 0;
  for (let i = 0; i < X.length; i++) {
    let rowMax = 0;
    for (let k = 0; k < K; k++) {
      let B = b + (real ? Math.abs(y[i]!) * s * s : 0);
      for (let j = 0; j < d; j++) B += Math.abs(X[i]![j]! * s) * Math.abs(w[k * d + j]! * s);
      rowMax = Math.max(rowMax, B);
    }
    maxB = Math.max(maxB, rowMax);
    sumRow += squared ? rowMax * rowMax : 2 * rowMax;
  }
  return maxB >= 2 ** (1022 - 600) || sumRow >= (squared ? 2 ** (1022 - 1200) : 2 ** (1022 - 600));
}

describe('fit properties (all models, all optimizers)', () => {
  it(`every backend gives the same doubles, leaves inputs alone, and returns finite parameters (${RUNS} runs)`, () => {
    check(fc.property(fitCase, ({ model, spec, options }) => {
      const { X, y, flat, yNum, rows, cols } = makeData(spec, model);
      const before = deepCopy({ X, y, options });
      const outcomes = engines.map(({ engine }) => fitOn(engine, X, y, options));
      // Inputs unchanged (X, y and initialWeights inside options), after every backend has read them.
      expect(sameDeep({ X, y, options }, before)).toBe(true);
      if (outcomes.some((o) => o instanceof RangeError)) {
        // Refused on every backend alike, and only where the starting objective can overflow f64 at all.
        expect(outcomes.every((o) => o instanceof RangeError && o.message === (outcomes[0] as RangeError).message)).toBe(true);
        const K = model === 'softmax' ? (options.classes ?? Math.max(...yNum) + 1) : 1;
        const Xrows = Array.from({ length: rows }, (_, i) => Array.from(flat.subarray(i * cols, (i + 1) * cols)));
        expect(startCanOverflow(model, Xrows, yNum, options, K)).toBe(true);
        startRefusals++;
        return;
      }
      const fits = outcomes as FitResult[];
      const ref = fingerprint(fits[0]!);
      fits.slice(1).forEach((f, k) => {
        const diff = firstDifference(fingerprint(f), ref);
        expect(diff, `${engines[k + 1]!.name} vs ${engines[0]!.name}`).toBeNull();
      });
      const f = fits[0]!;
      // Never non-finite parameters, whatever the status.
      expect(f.weights.every(Number.isFinite)).toBe(true);
      expect(f.intercepts.every(Number.isFinite)).toBe(true);
      expect(['converged', 'noImprovement', 'maxIterations', 'diverged']).toContain(f.status);
      if (f.status !== 'diverged') {
        // The objective was finite at every update (a non-finite one ends the fit as 'diverged').
        expect(f.loss.every(Number.isFinite)).toBe(true);
        expect(f.iterations).toBe(f.loss.length);
      } else {
        // One extra entry: the objective that stopped the fit (non-finite), or the one at θₜ when the step from θₜ
        // would overflow θ or an optimizer buffer (Adam's, RMSprop's and Adagrad's g² beyond 1.8e308 included).
        expect(f.loss.length).toBe(f.iterations + 1);
        if (Number.isFinite(f.loss[f.loss.length - 1]!)) expect(options.optimizer ?? 'sgd').not.toBe('sgd');
      }
      expect(f.iterations).toBeLessThanOrEqual(options.maxIterations!);
      // Results are fresh copies: no two share a buffer, none is a view of WASM memory.
      const buffers = fits.flatMap((r) => [r.weights.buffer, r.intercepts.buffer, r.loss.buffer, r.epochLoss.buffer]);
      expect(new Set(buffers).size).toBe(buffers.length);
      for (const { engine } of engines) {
        const mem = (engine as unknown as { internals: { mem?: { memory: WebAssembly.Memory } } }).internals.mem;
        if (mem) expect(buffers.includes(mem.memory.buffer as ArrayBuffer)).toBe(false);
      }
    }));
    // Not vacuous: the extreme magnitudes (1e307) make some starting objectives overflow.
    expect(startRefusals).toBeGreaterThan(0);
  });

  it(`the same call twice gives the same doubles, mini-batch shuffles included (${RUNS} runs)`, () => {
    check(fc.property(fitCase, fc.integer({ min: 0, max: 2 ** 16 }), ({ model, spec, options }, other) => {
      const { X, y } = makeData(spec, model);
      for (const { engine } of engines) {
        const a = fitOn(engine, X, y, options);
        // Something else in between: another fit with another seed must not leak state into the next one.
        fitOn(engine, X, y, { ...options, seed: other, maxIterations: 2 });
        const b = fitOn(engine, X, y, options);
        if (a instanceof RangeError) { // refused at θ₀ (see above): refused again, the same way
          expect(b instanceof RangeError && b.message === a.message).toBe(true);
          continue;
        }
        expect(b).not.toBeInstanceOf(RangeError);
        expect(firstDifference(fingerprint(a), fingerprint(b as FitResult))).toBeNull();
        // One dataset, two fits (the dataset is not consumed by a fit).
        const data = engine.dataset(X, y);
        const c = engine.fit(data, options), d = engine.fit(data, options);
        data.dispose();
        expect(firstDifference(fingerprint(c), fingerprint(a))).toBeNull();
        expect(firstDifference(fingerprint(d), fingerprint(a))).toBeNull();
      }
    }), Math.max(1, Math.ceil(RUNS / 3)));
  });

  it('the seed matters exactly when rows are shuffled', () => {
    // Not vacuous: with batchSize < rows and shuffle on, two seeds give different paths on 40 × 3 data.
    check(fc.property(fc.integer({ min: 0, max: 1000 }), (s) => {
      const { X, y } = makeData({ rows: 40, cols: 3, seed: s + 1, scale: 'unit', zeros: 0, duplicateRows: false,
        constantColumn: false, layout: 'rows', classes: 2 }, 'linear');
      const base = { lr: 0.05, momentum: 0.9, batchSize: 7, maxIterations: 30 };
      for (const { engine } of engines) {
        const a = fitOn(engine, X, y, { ...base, seed: s });
        const b = fitOn(engine, X, y, { ...base, seed: s + 1 });
        const c = fitOn(engine, X, y, { ...base, seed: s + 1, shuffle: false });
        const d = fitOn(engine, X, y, { ...base, seed: s, shuffle: false });
        expect(sameArray(a.weights, b.weights)).toBe(false);
        expect(sameArray(c.weights, d.weights)).toBe(true);
      }
    }), 5);
  });
});
