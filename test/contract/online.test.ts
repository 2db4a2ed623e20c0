// Online learning (issue 15 item 7). partialFit's contract: chunks c₁ … c_m (each a multiple of batchSize b, shuffle
// off, constant lr) fed one call each give the same doubles, Object.is on every weight, intercept and per-update loss,
// as one epoch of fit over their concatenation with batchSize b; for every optimizer's state (SGD momentum and
// Nesterov velocity, Adam's moments and β₁ᵗ/β₂ᵗ, RMSprop's two buffers, Adagrad's sum and step count) on every
// backend, also after a JSON round trip of the state. A schedule counts calls as epochs: two calls over the whole data
// equal a two-epoch fit. warmStart equals the same fit with initialWeights/initialIntercept from the previous result.
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import { mulberry32 } from '../prng.js';
import type { Dataset, Engine, FitOptions, FitResult, PartialFitOptions } from '../../src/index.js';

const N = 24, D = 3;
const rand = mulberry32(15007);
const X: number[][] = [], yReal: number[] = [], yBin: number[] = [], yClass: number[] = [];
for (let i = 0; i < N; i++) {
  const row = [rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1];
  X.push(row);
  const z = 1.5 * row[0]! - 2 * row[1]! + 0.5 * row[2]! + 0.3;
  yReal.push(z + 0.1 * (rand() - 0.5));
  yBin.push(z > 0 ? 1 : 0);
  yClass.push(z < -0.7 ? 0 : z < 0.7 ? 1 : 2);
}
/** Chunks of 8, 4 and 12 rows: multiples of the batch size 4. */
const CUTS: [number, number][] = [[0, 8], [8, 12], [12, 24]];
const B = 4;

const OPTIMIZERS: [string, Record<string, unknown>][] = [
  ['sgd momentum', { optimizer: 'sgd', lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 }],
  ['sgd nesterov', { optimizer: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true }],
  ['adam', { optimizer: 'adam', lr: 0.05, betas: [0.8, 0.9] }],
  ['adamw', { optimizer: 'adamw', lr: 0.05 }],
  ['rmsprop', { optimizer: 'rmsprop', lr: 0.01, momentum: 0.5 }],
  ['adagrad', { optimizer: 'adagrad', lr: 0.1, lrDecay: 0.05 }],
  ['adadelta', { optimizer: 'adadelta', lr: 1, rho: 0.8 }],
  // The family's options the state must carry or hold fixed (issue 15): averaging from an update inside the second
  // chunk (t = 3 of 6) and from the first; an L1 proximal step; an elastic net with momentum.
  ['sgd momentum, averaged from update 3', { optimizer: 'sgd', lr: 0.05, momentum: 0.9, average: 3 }],
  ['adam, averaged from the start', { optimizer: 'adam', lr: 0.05, average: true }],
  ['sgd, l1', { optimizer: 'sgd', lr: 0.05, penalty: 'l1', alpha: 0.01 }],
  ['sgd momentum, elasticnet', { optimizer: 'sgd', lr: 0.05, momentum: 0.9, penalty: 'elasticnet', alpha: 0.01, l1Ratio: 0.3 }],
];
const MODELS: [string, Record<string, unknown>, number[]][] = [
  ['linear', { model: 'linear' }, yReal],
  ['logistic', { model: 'logistic', alpha: 0.01 }, yBin],
  ['softmax', { model: 'softmax', alpha: 0.001, classes: 3 }, yClass],
];

function same(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) throw new Error(`entry ${i}: ${a[i]} is not ${b[i]}`);
}

function sameModel(a: FitResult, b: FitResult): void {
  same(a.weights, b.weights);
  same(a.intercepts, b.intercepts);
}

describe.each(BACKENDS)('online learning [$name]', ({ create }) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
  });

  const stream = (y: number[], options: Record<string, unknown>, json: boolean): FitResult[] => {
    const out: FitResult[] = [];
    for (const [a, b] of CUTS) {
      const chunk = engine.dataset(X.slice(a, b), y.slice(a, b));
      const prev = out[out.length - 1];
      const from = prev ? { from: json ? JSON.parse(JSON.stringify(prev.optimizerState)) : prev } : {};
      out.push(engine.partialFit(chunk, { ...options, ...from, batchSize: B, shuffle: false } as PartialFitOptions));
      chunk.dispose();
    }
    return out;
  };

  describe.each(MODELS)('%s', (_model, modelOptions, y) => {
    it.each(OPTIMIZERS)('%s: a stream of chunks equals one epoch over their concatenation, bit for bit', (_name, opt) => {
      const all = engine.dataset(X, y);
      const options = { ...modelOptions, ...opt };
      const ref = engine.fit(all, { ...options, batchSize: B, shuffle: false, maxEpochs: 1 } as FitOptions);
      expect(ref.iterations).toBe(N / B);
      for (const json of [false, true]) {
        const parts = stream(y, options, json);
        const last = parts[parts.length - 1]!;
        sameModel(last, ref);
        same(parts.flatMap((p) => Array.from(p.loss)), ref.loss);
        expect(parts.map((p) => p.status)).toEqual(['maxIterations', 'maxIterations', 'maxIterations']);
        expect(parts.map((p) => p.optimizerState!.step)).toEqual([2, 3, 6]);
        expect(last.optimizerState!.epochs).toBe(3);
      }
      all.dispose();
    });
  });

  it('sample and class weights: chunks with their rows\' weights equal one weighted epoch over the concatenation', () => {
    const sw = X.map((_, i) => 0.25 + (i % 5) * 0.5);
    for (const [y, options] of [
      [yReal, { model: 'huber', lr: 0.05, momentum: 0.9, epsilon: 0.2 }],
      [yBin, { model: 'logistic', lr: 0.1, classWeight: { 1: 3 } }],
      [yClass, { model: 'softmax', classes: 3, optimizer: 'adam', lr: 0.05, classWeight: [1, 0.5, 2] }],
    ] as const) {
      const all = engine.dataset(X, y);
      const ref = engine.fit(all, { ...options, sampleWeight: sw, batchSize: B, shuffle: false, maxEpochs: 1 } as FitOptions);
      let prev: FitResult | null = null;
      for (const [a, b] of CUTS) {
        const chunk = engine.dataset(X.slice(a, b), y.slice(a, b), { sampleWeight: sw.slice(a, b) });
        prev = engine.partialFit(chunk, { ...options, batchSize: B, shuffle: false, ...(prev ? { from: prev } : {}) } as PartialFitOptions);
        chunk.dispose();
      }
      sameModel(prev!, ref);
      all.dispose();
    }
  });

  it('averaging: the result is the average, the state carries the iterate and the average apart', () => {
    const parts = stream(yReal, { lr: 0.05, momentum: 0.9, average: 4 }, false);
    // Updates 1-2 (chunk 1), 3 (chunk 2): nothing averaged yet, the results are the iterates; from update 4 on the
    // average of θ₄ … θ₆.
    expect(parts.map((p) => p.optimizerState!.averaged?.count ?? 0)).toEqual([0, 0, 3]);
    const s = parts[2]!.optimizerState!;
    same(parts[2]!.weights, s.averaged!.weights);
    expect(s.weights).not.toEqual(s.averaged!.weights);
    same(parts[1]!.weights, parts[1]!.optimizerState!.weights);
  });

  it('refuses what a sequence of chunks cannot do: balanced class weights, a changed penalty or average', () => {
    const d = engine.dataset(X, yBin);
    expect(() => engine.partialFit(d, { model: 'logistic', lr: 0.1, classWeight: 'balanced' })).toThrow(
      new RangeError("classWeight 'balanced' does not apply to partialFit: its weights n/(K·countₖ) need the counts of all the data, which a sequence of chunks does not have (as scikit-learn's partial_fit); compute them once and pass them as an array or an object, e.g. { 0: 0.8, 1: 1.4 }"),
    );
    const first = engine.partialFit(d, { model: 'logistic', lr: 0.1, penalty: 'l1', alpha: 0.01 });
    expect(() => engine.partialFit(d, { model: 'logistic', lr: 0.1, penalty: 'elasticnet', alpha: 0.01, from: first })).toThrow(
      new RangeError('penalty cannot change between partialFit calls: the state continued (from) has "l1" (string), this call "elasticnet" (string)'),
    );
    const avg = engine.partialFit(d, { model: 'logistic', lr: 0.1, average: 2 });
    expect(() => engine.partialFit(d, { model: 'logistic', lr: 0.1, average: 3, from: avg })).toThrow(RangeError);
    d.dispose();
  });

  it('the state is plain JSON data: copies, the step count and β₁ᵗ, β₂ᵗ as running products', () => {
    const parts = stream(yReal, { optimizer: 'adam', lr: 0.05, betas: [0.8, 0.9] }, false);
    const s = parts[2]!.optimizerState!;
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(Object.keys(s.buffers)).toEqual(['expAvg', 'expAvgSq']);
    expect(s.buffers.expAvg!.length).toBe(D + 1);
    // six updates: β₁⁶ and β₂⁶ as the fit multiplies them, one factor a step
    let p1 = 1, p2 = 1;
    for (let k = 0; k < 6; k++) { p1 *= 0.8; p2 *= 0.9; }
    expect(s.beta1Pow).toBe(p1);
    expect(s.beta2Pow).toBe(p2);
    expect(s.first).toBe(false);
    same(s.weights, parts[2]!.weights);
    // the state is a copy: editing it does not change the result, nor the next call
    s.weights[0] = 1e9;
    expect(parts[2]!.weights[0]).not.toBe(1e9);
    expect(engine.fit(engine.dataset(X, yReal), { lr: 0.1, maxIterations: 2 }).optimizerState).toBeNull();
  });

  it('a schedule counts calls as epochs: two calls over the data equal a two-epoch fit', () => {
    const all = engine.dataset(X, yReal);
    const options = { optimizer: 'sgd', lr: 0.1, momentum: 0.5, batchSize: B, shuffle: false, schedule: { type: 'step', stepSize: 1, gamma: 0.5 } } as const;
    const ref = engine.fit(all, { ...options, maxEpochs: 2 });
    const first = engine.partialFit(all, options);
    const second = engine.partialFit(all, { ...options, from: first });
    sameModel(second, ref);
    same([...first.loss, ...second.loss], ref.loss);
    // a constant η would give other doubles: the second call did use epoch 1's η = 0.05
    const constant = engine.partialFit(all, { ...options, schedule: 'constant', from: first });
    expect(Object.is(constant.weights[0], second.weights[0])).toBe(false);
    all.dispose();
  });

  it('lr may change between calls: the call with η₂ equals a fit whose schedule gives epoch 1 η₂', () => {
    const all = engine.dataset(X, yReal);
    const options = { optimizer: 'adagrad', lr: 0.2, batchSize: B, shuffle: false } as const;
    const ref = engine.fit(all, { ...options, maxEpochs: 2, schedule: (e: number) => (e === 0 ? 0.2 : 0.07) });
    const first = engine.partialFit(all, options);
    const second = engine.partialFit(all, { ...options, lr: 0.07, from: first });
    sameModel(second, ref);
    all.dispose();
  });

  it('shuffled calls continue the seed\'s stream: the first call is a one-epoch fit with that seed, the next goes on', () => {
    const all = engine.dataset(X, yReal);
    const options = { optimizer: 'sgd', lr: 0.05, momentum: 0.9, batchSize: B, shuffle: true, seed: 7 } as const;
    const first = engine.partialFit(all, options);
    const ref = engine.fit(all, { ...options, maxEpochs: 1 });
    sameModel(first, ref);
    same(first.loss, ref.loss);
    const second = engine.partialFit(all, { ...options, from: first });
    const again = engine.partialFit(all, { ...options, from: JSON.parse(JSON.stringify(first.optimizerState)) });
    sameModel(second, again);
    // the stream went on: the second call did not start from the seed again
    expect(second.optimizerState!.rng).not.toEqual(first.optimizerState!.rng);
    all.dispose();
  });

  it.each(MODELS)('warmStart (%s) equals the fit from initialWeights and the intercepts, bit for bit; the optimizer starts afresh', (_m, modelOptions, y) => {
    const all = engine.dataset(X, y);
    const options = { ...modelOptions, optimizer: 'adam', lr: 0.05, batchSize: B, shuffle: false, maxEpochs: 2 } as FitOptions;
    const prev = engine.fit(all, options);
    const warm = engine.fit(all, { ...options, warmStart: prev });
    const K = prev.intercepts.length;
    if (K === 1) {
      const ref = engine.fit(all, { ...options, initialWeights: prev.weights, initialIntercept: prev.intercept });
      sameModel(warm, ref);
      same(warm.loss, ref.loss);
    } else {
      // K intercepts have no initialIntercept form: the first update's loss is the objective at the previous θ on
      // the first batch, (1/b)·Σ[log Σₖ e^zₖ − z_y] + (α/2)·‖W‖², computed here with Math.exp/log (to 1e-12).
      const W = prev.weights, bs = prev.intercepts, alpha = (modelOptions as { alpha: number }).alpha;
      let J = 0;
      for (let i = 0; i < B; i++) {
        const z = [0, 1, 2].map((k) => bs[k]! + X[i]!.reduce((s, x, j) => s + x * W[k * D + j]!, 0));
        J += Math.log(z.reduce((s, v) => s + Math.exp(v), 0)) - z[y[i]!]!;
      }
      J = J / B + (alpha / 2) * W.reduce((s, w) => s + w * w, 0);
      expect(Math.abs(warm.loss[0]! - J)).toBeLessThan(1e-12 * Math.abs(J));
    }
    // from a Model and from its JSON: the same doubles
    sameModel(engine.fit(all, { ...options, warmStart: JSON.parse(JSON.stringify(prev)) }), warm);
    // a fresh optimizer: not the continuation partialFit would give
    all.dispose();
  });

  it('partialFit from warmStart starts from its weights with a fresh state', () => {
    const all = engine.dataset(X, yReal);
    const options = { optimizer: 'sgd', lr: 0.05, momentum: 0.9, batchSize: B, shuffle: false } as const;
    const prev = engine.fit(all, { ...options, maxEpochs: 1 });
    const a = engine.partialFit(all, { ...options, warmStart: prev });
    const ref = engine.fit(all, { ...options, maxEpochs: 1, initialWeights: prev.weights, initialIntercept: prev.intercept });
    sameModel(a, ref);
    expect(a.optimizerState!.epochs).toBe(1);
    all.dispose();
  });

  it('errors: another number of columns, an unseen class, options that cannot change, options that do not apply', () => {
    const all = engine.dataset(X, yReal);
    const first = engine.partialFit(all, { lr: 0.05, optimizer: 'sgd', momentum: 0.9 });
    const narrow = engine.dataset(X.map((r) => r.slice(0, 2)), yReal);
    expect(() => engine.partialFit(narrow, { lr: 0.05, momentum: 0.9, from: first })).toThrow(
      new RangeError('data must have 3 columns, as the state continued (from), got 2'),
    );
    expect(() => engine.partialFit(all, { lr: 0.05, momentum: 0.5, from: first })).toThrow(
      new RangeError('momentum cannot change between partialFit calls: the state continued (from) has 0.9, this call 0.5'),
    );
    expect(() => engine.partialFit(all, { lr: 0.05, optimizer: 'adam', from: first })).toThrow(
      new RangeError('optimizer cannot change between partialFit calls: the state continued (from) has "sgd" (string), this call "adam" (string)'),
    );
    const two = engine.dataset(X.slice(0, 4), [0, 1, 1, 0]);
    const three = engine.dataset(X.slice(0, 4), [0, 1, 2, 0]);
    const s2 = engine.partialFit(two, { model: 'softmax', classes: 2, lr: 0.1 });
    expect(() => engine.partialFit(three, { model: 'softmax', lr: 0.1, from: s2 })).toThrow(
      new RangeError('y holds the class 2, unseen by the state continued (from), whose classes are 0…1 (give every class on the first call: classes)'),
    );
    expect(() => engine.partialFit(two, { model: 'softmax', lr: 0.1 })).toThrow(/^classes is required on the first partialFit call of model 'softmax'/);
    expect(() => engine.partialFit(all, { lr: 0.1, maxIterations: 5 } as never)).toThrow(new RangeError('maxIterations does not apply to partialFit: each call runs one epoch over its chunk'));
    expect(() => engine.partialFit(all, { lr: 'auto' })).toThrow(RangeError);
    expect(() => engine.partialFit(all, { lr: 0.1, from: engine.fit(all, { lr: 0.1 }) })).toThrow(TypeError);
    expect(() => engine.partialFit(all, { lr: 0.1, from: { format: 'x' } as never })).toThrow(TypeError);
    expect(() => engine.partialFit(all, { lr: 0.05, momentum: 0.9, from: first, warmStart: first })).toThrow(RangeError);
    for (const d of [all, narrow, two, three] as Dataset[]) d.dispose();
  });
});
