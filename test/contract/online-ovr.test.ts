// Online one-vs-rest (issue 15): engine.partialFit of a 0/1-label model (logistic, hinge, …) with K > 2 classes runs
// one epoch of each of the K binary problems [y = k] per call. Two references, Object.is on every weight, intercept
// and per-update loss, on every backend:
//  (a) K separate binary partialFit streams on the labels [y = k], with class k's weights sampleWeightᵢ·(yᵢ = k ?
//      classWeight[k] : 1) (scikit-learn's fit_binary pos/neg weights) given as the binary classWeight { 1: cw[k] };
//      also the state: class k's part of the joined optimizerState is the binary stream's state;
//  (b) one one-vs-rest engine.fit over the concatenated chunks, one epoch, the same batchSize, shuffle off (and, with
//      a schedule, two calls over the whole data = a two-epoch fit).
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import { mulberry32 } from '../prng.js';
import type { Engine, FitOptions, FitResult, OnlineState, PartialFitOptions } from '../../src/index.js';

const N = 24, D = 3, K = 4, B = 4;
const rand = mulberry32(15015);
const X: number[][] = [], y: number[] = [];
for (let i = 0; i < N; i++) {
  const k = i % K;
  X.push([Math.cos(2.1 * k) + rand() - 0.5, Math.sin(2.1 * k) + rand() - 0.5, rand() * 2 - 1]);
  y.push(k);
}
// Rows 8 … 11 (the second chunk) hold no class 3: that class's problem sees only negatives there.
y[11] = 0;
/** Chunks of 8, 4 and 12 rows: multiples of the batch size 4. */
const CUTS: [number, number][] = [[0, 8], [8, 12], [12, 24]];
const SW = X.map((_, i) => 0.25 + (i % 5) * 0.5);

const OPTIMIZERS: [string, Record<string, unknown>][] = [
  ['sgd momentum, dampening, weight decay', { optimizer: 'sgd', lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 }],
  ['sgd nesterov', { optimizer: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true }],
  ['adam', { optimizer: 'adam', lr: 0.05, betas: [0.8, 0.9] }],
  ['rmsprop', { optimizer: 'rmsprop', lr: 0.01, momentum: 0.5 }],
  ['adagrad', { optimizer: 'adagrad', lr: 0.1, lrDecay: 0.05 }],
  ['adadelta', { optimizer: 'adadelta', lr: 1, rho: 0.8 }],
  ['sgd momentum, averaged from update 3', { optimizer: 'sgd', lr: 0.05, momentum: 0.9, average: 3 }],
  ['sgd momentum, elasticnet', { optimizer: 'sgd', lr: 0.05, momentum: 0.9, penalty: 'elasticnet', alpha: 0.01, l1Ratio: 0.3 }],
  ['adam, class and sample weights', { optimizer: 'adam', lr: 0.05, classWeight: [1, 2, 0.5, 3], sampleWeight: true }],
  ['sgd momentum, shuffled with a seed', { optimizer: 'sgd', lr: 0.05, momentum: 0.9, shuffle: true, seed: 5 }],
];
const MODELS: [string, Record<string, unknown>][] = [
  ['logistic', { model: 'logistic', alpha: 0.01 }],
  ['hinge, no intercept', { model: 'hinge', fitIntercept: false }],
  ['modifiedHuber', { model: 'modifiedHuber' }],
];

function same(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(a.length, `${what} length`).toBe(b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) throw new Error(`${what}[${i}]: ${a[i]} is not ${b[i]}`);
}

/** Class k's part of a joined state's layout [W (K·d) | b (K)]: [wₖ (d) | bₖ]. */
function classPart(v: readonly number[], k: number): number[] {
  return [...v.slice(k * D, (k + 1) * D), v[K * D + k]!];
}

/** Options for one call: the test's `sampleWeight: true` becomes the chunk's rows' weights. */
function callOptions(options: Record<string, unknown>, a: number, b: number): Record<string, unknown> {
  const { sampleWeight, ...rest } = options;
  return { ...rest, ...(sampleWeight ? { sampleWeight: SW.slice(a, b) } : {}), batchSize: B, shuffle: options.shuffle ?? false };
}

describe.each(BACKENDS)('online one-vs-rest [$name]', ({ create }) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
  });

  /** A stream of partialFit calls, one per chunk, on labels `labels`; `json`: `from` is the state after a JSON round trip. */
  const stream = (labels: number[], options: Record<string, unknown>, json = false): FitResult[] => {
    const out: FitResult[] = [];
    for (const [a, b] of CUTS) {
      const chunk = engine.dataset(X.slice(a, b), labels.slice(a, b));
      const prev = out[out.length - 1];
      const from = prev ? { from: json ? JSON.parse(JSON.stringify(prev.optimizerState)) : prev } : {};
      out.push(engine.partialFit(chunk, { ...callOptions(options, a, b), ...from } as PartialFitOptions));
      chunk.dispose();
    }
    return out;
  };

  describe.each(MODELS)('%s', (_model, modelOptions) => {
    it.each(OPTIMIZERS)('%s: the stream equals K binary streams [y = k] and one one-vs-rest epoch over the chunks', (_name, opt) => {
      const options = { ...modelOptions, ...opt };
      const ovr = stream(y, { ...options, classes: K });
      const last = ovr[ovr.length - 1]!;
      expect(ovr.map((r) => r.status)).toEqual(['maxIterations', 'maxIterations', 'maxIterations']);
      const state = last.optimizerState!;
      expect([state.classes, state.weights.length, state.intercepts.length, state.step, state.epochs]).toEqual([K, K * D, K, 6, 3]);
      // (a) K binary streams; class k's weights are { 0: 1, 1: cw[k] } over its labels [y = k].
      const cw = (opt.classWeight as number[] | undefined) ?? null;
      for (let k = 0; k < K; k++) {
        const { classWeight: _cw, ...binOptions } = options;
        const bin = stream(y.map((v) => (v === k ? 1 : 0)), { ...binOptions, ...(cw ? { classWeight: { 1: cw[k]! } } : {}) });
        const b = bin[bin.length - 1]!;
        same(last.weights.subarray(k * D, (k + 1) * D), b.weights, `class ${k} weights`);
        same([last.intercepts[k]!], [b.intercept], `class ${k} intercept`);
        ovr.forEach((r, c) => same(r.perClass![k]!.loss, bin[c]!.loss, `class ${k} call ${c} loss`));
        const s = b.optimizerState!;
        same(classPart([...state.weights, ...state.intercepts], k), [...s.weights, ...s.intercepts], `class ${k} state θ`);
        for (const name of Object.keys(s.buffers)) same(classPart(state.buffers[name]!, k), s.buffers[name]!, `class ${k} ${name}`);
        expect([state.step, state.beta1Pow, state.beta2Pow, state.first, state.epochs, state.rng])
          .toEqual([s.step, s.beta1Pow, s.beta2Pow, s.first, s.epochs, s.rng]);
        if (s.averaged) {
          expect(state.averaged!.count).toBe(s.averaged.count);
          same(classPart([...state.averaged!.weights, ...state.averaged!.intercepts], k), [...s.averaged.weights, ...s.averaged.intercepts], `class ${k} θ̄`);
        } else expect(state.averaged).toBeNull();
      }
      // The state continues bit for bit after a JSON round trip.
      const viaJson = stream(y, { ...options, classes: K }, true);
      same(viaJson[2]!.weights, last.weights, 'weights after JSON');
      same(viaJson[2]!.intercepts, last.intercepts, 'intercepts after JSON');
      // (b) one epoch of a one-vs-rest fit over the concatenation (not expressible shuffled: each call shuffles its
      // own chunk).
      if (opt.shuffle) return;
      const all = engine.dataset(X, y, opt.sampleWeight ? { sampleWeight: SW } : {});
      const { sampleWeight: _sw, ...fitOptions } = options;
      const ref = engine.fit(all, { ...fitOptions, batchSize: B, shuffle: false, maxEpochs: 1 } as FitOptions);
      all.dispose();
      expect(ref.perClass!.length).toBe(K);
      same(last.weights, ref.weights, 'weights vs fit');
      same(last.intercepts, ref.intercepts, 'intercepts vs fit');
      same(ovr.flatMap((r) => Array.from(r.loss)), ref.loss, 'summed loss vs fit');
      for (let k = 0; k < K; k++) same(ovr.flatMap((r) => Array.from(r.perClass![k]!.loss)), ref.perClass![k]!.loss, `class ${k} loss vs fit`);
    });
  });

  it('a schedule counts calls as epochs: two calls over the data equal a two-epoch one-vs-rest fit', () => {
    const all = engine.dataset(X, y);
    const options = { model: 'logistic', optimizer: 'sgd', lr: 0.2, momentum: 0.5, batchSize: B, shuffle: false, schedule: { type: 'step', stepSize: 1, gamma: 0.5 } } as const;
    const ref = engine.fit(all, { ...options, maxEpochs: 2 });
    const first = engine.partialFit(all, { ...options, classes: K });
    const second = engine.partialFit(all, { ...options, from: first });
    same(second.weights, ref.weights, 'weights');
    same(second.intercepts, ref.intercepts, 'intercepts');
    same([...first.loss, ...second.loss], ref.loss, 'loss');
    all.dispose();
  });

  it('warmStart from a one-vs-rest model: the first call equals a one-epoch fit from that model', () => {
    const all = engine.dataset(X, y);
    const options = { model: 'hinge', optimizer: 'adam', lr: 0.05, batchSize: B, shuffle: false } as const;
    const prev = engine.fit(all, { ...options, maxEpochs: 2 });
    const a = engine.partialFit(all, { ...options, classes: K, warmStart: prev });
    const ref = engine.fit(all, { ...options, maxEpochs: 1, warmStart: prev });
    same(a.weights, ref.weights, 'weights');
    same(a.intercepts, ref.intercepts, 'intercepts');
    // and it did start from prev: a start from zeros differs
    const cold = engine.partialFit(all, { ...options, classes: K });
    expect(Object.is(cold.weights[0], a.weights[0])).toBe(false);
    all.dispose();
  });

  it('a call in which a class diverged or that was aborted gives no state, as a binary call', () => {
    const all = engine.dataset(X.map((r) => r.map((v) => v * 1e150)), y);
    const blown = engine.partialFit(all, { model: 'modifiedHuber', lr: 1e150, classes: K, batchSize: B, shuffle: false });
    expect(blown.status).toBe('diverged');
    expect(blown.perClass!.some((c) => c.status === 'diverged')).toBe(true);
    expect(blown.optimizerState).toBeNull();
    all.dispose();
    const data = engine.dataset(X, y);
    const controller = new AbortController();
    controller.abort();
    const aborted = engine.partialFit(data, { model: 'logistic', lr: 0.1, classes: K, signal: controller.signal });
    expect([aborted.status, aborted.optimizerState]).toEqual(['aborted', null]);
    data.dispose();
  });

  it('errors: classes missing on the first call, an unseen class, other columns, a state of another K or shape', () => {
    const first = engine.dataset(X.slice(0, 8), y.slice(0, 8));
    expect(() => engine.partialFit(first, { model: 'logistic', lr: 0.1 })).toThrow(new RangeError(
      "classes is required on the first partialFit call of a one-vs-rest model ('logistic' with labels up to 3): a later chunk may hold classes this one does not, as scikit-learn's partial_fit",
    ));
    const r = engine.partialFit(first, { model: 'logistic', lr: 0.1, classes: K });
    const five = engine.dataset(X.slice(0, 5), [0, 1, 4, 2, 3]);
    expect(() => engine.partialFit(five, { model: 'logistic', lr: 0.1, from: r })).toThrow(new RangeError(
      'y holds the class 4, unseen by the state continued (from), whose classes are 0…3 (give every class on the first call: classes)',
    ));
    const narrow = engine.dataset(X.slice(0, 8).map((row) => row.slice(0, 2)), y.slice(0, 8));
    expect(() => engine.partialFit(narrow, { model: 'logistic', lr: 0.1, from: r })).toThrow(new RangeError(
      'data must have 3 columns, as the state continued (from), got 2',
    ));
    expect(() => engine.partialFit(first, { model: 'logistic', lr: 0.1, classes: 5, from: r })).toThrow(new RangeError(
      'classes cannot change between partialFit calls: the state continued (from) has 4, this call 5',
    ));
    // a binary sequence meets a third class
    const binary = engine.partialFit(engine.dataset(X.slice(0, 4), [0, 1, 1, 0]), { model: 'logistic', lr: 0.1 });
    expect(() => engine.partialFit(first, { model: 'logistic', lr: 0.1, from: binary })).toThrow(new RangeError(
      'y holds the class 3, unseen by the state continued (from), whose classes are 0…1 (give every class on the first call: classes)',
    ));
    // a state whose arrays have one class's length, not K's
    const s: OnlineState = r.optimizerState!;
    expect(() => engine.partialFit(first, { model: 'logistic', lr: 0.1, from: { ...s, weights: s.weights.slice(0, D) } })).toThrow(new RangeError(
      'from.weights must have length 12, got 3',
    ));
    expect(() => engine.partialFit(first, { model: 'logistic', lr: 0.1, from: { ...s, intercepts: [0] } })).toThrow(new RangeError(
      'from.intercepts must have length 4, got 1',
    ));
    expect(() => engine.partialFit(first, { model: 'logistic', lr: 0.1, from: { ...s, classes: 0 } })).toThrow(new RangeError(
      'from.classes must be a positive integer, got 0',
    ));
    for (const d of [first, five, narrow]) d.dispose();
  });
});
