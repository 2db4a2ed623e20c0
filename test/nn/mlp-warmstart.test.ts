// Where a network fit starts (issue 16): `warmStart` from a previous network (a result, an MlpModel, its JSON) and
// `initialWeights` per layer ({ coefs, intercepts }) or flat. The reference for "continues the same iteration":
// full batches, a constant lr and momentum 0 make an update a function of θ alone (θ ← θ − η·∇J(θ); no velocity,
// no shuffle, no schedule), so k epochs then j more from the result must be one fit of k + j epochs, bit for bit,
// and the loss histories must concatenate. With momentum the velocity restarts at 0 (documented), so the warm run is
// the fit that starts from the first one's parameters with a fresh optimizer, and not the long fit.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MlpModel, createWorkerEngine } from '../../src/index.js';
import type { Engine, MlpFitOptions, Network, NetworkFitResult } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import { loopbackWorker } from '../loopback-worker.js';
import { data, type Head } from './helpers.js';

const N = 40, D = 3;

function rows(X: Float64Array): number[][] {
  return Array.from({ length: X.length / D }, (_, i) => Array.from(X.subarray(i * D, (i + 1) * D)));
}

/** θ in the kernels' layout [W₁ | b₁ | W₂ | b₂ | …], from a network's per-layer arrays. */
function flat(net: Network): number[] {
  return net.coefs.flatMap((w, l) => [...w, ...net.intercepts[l]!]);
}

/** Every double of the parameters, Object.is-equal. */
function sameParams(a: Network, b: Network): boolean {
  const x = flat(a), y = flat(b);
  return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
}

function sameArray(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  return a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => Object.is(v, b[i]));
}

const CASES: [Head, MlpFitOptions['model'], MlpFitOptions['activation']][] = [
  ['squared', 'mlpRegressor', 'tanh'], ['logistic', 'mlpClassifier', 'relu'], ['softmax', 'mlpClassifier', 'sigmoid'],
];

describe.each(BACKENDS)('network warm start, $name', ({ create }) => {
  it.each(CASES)('%s head: 7 full-batch epochs, then a warm start for 5 more = one fit of 12 epochs, bit for bit (momentum 0)', async (head, model, activation) => {
    const e = await create();
    const { X, y } = data(N, D, head, 3, 11);
    const ds = e.dataset(rows(X), Array.from(y));
    const base: MlpFitOptions = { model, hidden: [5, 4], activation, alpha: 1e-3, lr: 0.2, momentum: 0, tol: 0, seed: 3 };
    const whole = e.fit(ds, { ...base, maxIterations: 12 });
    const first = e.fit(ds, { ...base, maxIterations: 7 });
    const rest = e.fit(ds, { ...base, maxIterations: 5, warmStart: first });
    expect(whole.iterations).toBe(12);
    expect(first.iterations + rest.iterations).toBe(12);
    expect(sameParams(rest, whole)).toBe(true);
    expect(sameArray([...first.loss, ...rest.loss], whole.loss)).toBe(true);
    // The same start from an MlpModel, from its JSON text, and from initialWeights per layer or flat.
    const json = JSON.stringify(first);
    for (const start of [
      { warmStart: MlpModel.fromJSON(json) }, { warmStart: JSON.parse(json) },
      { initialWeights: { coefs: first.coefs, intercepts: first.intercepts } }, { initialWeights: flat(first) },
    ]) {
      const again = e.fit(ds, { ...base, maxIterations: 5, ...start });
      expect(sameParams(again, whole)).toBe(true);
      expect(sameArray(again.loss, rest.loss)).toBe(true);
    }
    // A different first fit (another seed) ends elsewhere: the equality above is not the seed's doing.
    const other = e.fit(ds, { ...base, maxIterations: 5, warmStart: e.fit(ds, { ...base, seed: 4, maxIterations: 7 }) });
    expect(sameParams(other, whole)).toBe(false);
  });

  it('with momentum 0.9 the velocity restarts: the warm run is the fresh fit from the first one\'s parameters, not the long fit', async () => {
    const e = await create();
    const { X, y } = data(N, D, 'logistic', 3, 11);
    const ds = e.dataset(rows(X), Array.from(y));
    const base: MlpFitOptions = { model: 'mlpClassifier', hidden: [4], activation: 'tanh', lr: 0.1, momentum: 0.9, nesterov: true, tol: 0, seed: 2 };
    const first = e.fit(ds, { ...base, maxIterations: 6 });
    const rest = e.fit(ds, { ...base, maxIterations: 6, warmStart: first });
    const whole = e.fit(ds, { ...base, maxIterations: 12 });
    const fresh = e.fit(ds, { ...base, maxIterations: 6, initialWeights: flat(first) });
    expect(sameParams(rest, fresh)).toBe(true);
    expect(sameParams(rest, whole)).toBe(false);
    // The first warm update is a plain step (v₁ = g₁), the long fit's 7th is not: their J after one update differs.
    expect(rest.loss[0]).toBe(whole.loss[6]);
    expect(rest.loss[1]).not.toBe(whole.loss[7]);
  });

  it('a classifier\'s classes default to the warm start\'s: labels 0 and 1 only, warm-started from a 3-class network', async () => {
    const e = await create();
    const X = [[0, 0], [1, 0], [0, 1], [1, 1], [2, 2], [2, 0]], y = [0, 1, 2, 0, 1, 2];
    const o: MlpFitOptions = { model: 'mlpClassifier', hidden: [3], lr: 0.1, maxIterations: 3, seed: 1 };
    const three = e.fit(e.dataset(X, y), o);
    const two = e.fit(e.dataset(X.slice(0, 2), [0, 1]), { ...o, warmStart: three });
    expect(two.classes).toBe(3);
    expect(two.outputs).toBe(3);
    expect(() => e.fit(e.dataset(X.slice(0, 2), [0, 1]), { ...o, classes: 2, warmStart: three }))
      .toThrow(new RangeError('warmStart has 3 classes, but this fit has 2'));
  });

  it('shape errors name what differs; the caller\'s arrays are never mutated', async () => {
    const e = await create();
    const X = [[0, 0], [1, 0], [0, 1], [1, 1]], y = [0, 1, 1, 0];
    const ds = e.dataset(X, y);
    const o: MlpFitOptions = { model: 'mlpClassifier', hidden: [3], activation: 'tanh', lr: 0.1, maxIterations: 2, seed: 1 };
    const prev = e.fit(ds, o);
    const fit = (extra: Record<string, unknown>, d = ds) => () => e.fit(d, { ...o, ...extra } as MlpFitOptions);
    expect(fit({ warmStart: prev, hidden: [4] })).toThrow(new RangeError('warmStart has hidden [3], but this fit has hidden [4]'));
    expect(fit({ warmStart: prev, hidden: [3, 3] })).toThrow(new RangeError('warmStart has hidden [3], but this fit has hidden [3, 3]'));
    expect(fit({ warmStart: prev, activation: 'relu' })).toThrow(new RangeError('warmStart has activation "tanh" (string), but this fit has activation \'relu\''));
    expect(fit({ warmStart: prev, model: 'mlpRegressor' })).toThrow(new RangeError("warmStart is a 'mlpClassifier' model, but this fit's model is 'mlpRegressor'"));
    expect(fit({ warmStart: prev }, e.dataset(X.map((r) => [...r, 1]), y))).toThrow(new RangeError('warmStart has 2 columns, but the data have 3'));
    expect(fit({ warmStart: prev, classes: 3 })).toThrow(new RangeError('warmStart has 2 classes, but this fit has 3'));
    expect(fit({ warmStart: { ...prev.toJSON(), classes: 3 } })).toThrow(new RangeError('warmStart has 1 outputs, but this fit has 3'));
    expect(fit({ warmStart: prev, initialWeights: flat(prev) })).toThrow(new RangeError('warmStart gives the starting weights and intercepts: pass it without initialWeights'));
    expect(fit({ warmStart: e.fit(ds, { model: 'logistic', lr: 0.1, maxIterations: 1 }) })).toThrow(new RangeError("warmStart is a 'logistic' model, but this fit's model is 'mlpClassifier'"));
    expect(fit({ warmStart: [1, 2] })).toThrow(TypeError);
    expect(fit({ warmStart: { ...prev.toJSON(), coefs: [[1, 2, 3, 4, 5, 6]] } })).toThrow(new RangeError('warmStart.coefs must have 2 layers (widths [2, 3, 1]), got 1'));
    expect(fit({ warmStart: { ...prev.toJSON(), intercepts: [[0, 0, 0], [0, 0]] } })).toThrow(new RangeError('warmStart has 2 outputs, but this fit has 1'));
    // initialWeights per layer.
    const layers = { coefs: [[1, 2, 3, 4, 5, 6], [1, 2, 3]], intercepts: [[0, 0, 0], [0]] };
    expect(fit({ initialWeights: { ...layers, coefs: [[1, 2, 3, 4, 5], [1, 2, 3]] } })).toThrow(new RangeError('initialWeights.coefs[0] must have length 6, got 5'));
    expect(fit({ initialWeights: { ...layers, intercepts: [[0, 0, 0], [0, 0]] } })).toThrow(new RangeError('initialWeights.intercepts[1] must have length 1, got 2'));
    expect(fit({ initialWeights: { coefs: layers.coefs } })).toThrow(new TypeError('initialWeights.intercepts must be an array of 2 per-layer arrays, got undefined'));
    expect(fit({ initialWeights: { ...layers, bias: [] } })).toThrow(/^Unknown initialWeights option "bias"/);
    expect(fit({ initialWeights: { ...layers, coefs: [[1, 2, 3, 4, 5, NaN], [1, 2, 3]] } })).toThrow(new RangeError('initialWeights.coefs[0][5] must be finite, got NaN'));
    expect(fit({ initialWeights: [1] })).toThrow(new RangeError('initialWeights must have length 13, got 1'));
    const snapshot = JSON.stringify(layers), before = flat(prev);
    const r = e.fit(ds, { ...o, initialWeights: layers });
    e.fit(ds, { ...o, warmStart: prev });
    expect(JSON.stringify(layers)).toBe(snapshot);
    expect(sameArray(flat(prev), before)).toBe(true);
    // Per layer = the kernels' flat layout [W₁ | b₁ | W₂ | b₂].
    expect(sameParams(r, e.fit(ds, { ...o, initialWeights: [1, 2, 3, 4, 5, 6, 0, 0, 0, 1, 2, 3, 0] }))).toBe(true);
  });
});

describe('network warm start in the worker engine', () => {
  afterEach(() => vi.unstubAllGlobals());
  it('a network crosses as its toJSON(): the page engine\'s doubles', async () => {
    const o: MlpFitOptions = { model: 'mlpRegressor', hidden: [3], activation: 'tanh', lr: 0.1, momentum: 0.5, maxIterations: 4, seed: 1 };
    const X = [[0], [1], [2], [3]], y = [0, 1, 0, 1];
    const w = await createWorkerEngine({ worker: await loopbackWorker(), backend: 'js' });
    const wd = await w.dataset(X, y);
    const remote = await w.fit(wd, { ...o, warmStart: await w.fit(wd, o) });
    const { create } = BACKENDS[BACKENDS.length - 1]!; // js
    const page: Engine = await create();
    const d = page.dataset(X, y);
    const local: NetworkFitResult = page.fit(d, { ...o, warmStart: page.fit(d, o) });
    expect(sameParams(remote, local)).toBe(true);
    expect(sameArray(remote.loss, local.loss)).toBe(true);
    w.terminate();
  });
});
