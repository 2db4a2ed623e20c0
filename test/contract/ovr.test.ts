// One-vs-rest (issue 15): a 0/1-label model given class indices 0 … K−1 (K > 2) fits K binary problems [y = k]. Each
// must be the 2-class fit of those labels with the same options, bit for bit (Object.is on every weight, intercept
// and loss value), on every backend; predictions are argmax of the K scores and probabilities scikit-learn's OvR
// normalisation σ(zₖ)/Σⱼσ(zⱼ), both recomputed here from the fitted weights.
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import { lcg } from '../reference/solve.js';
import { Estimator, LinearModel, fit as fitOnce, standardize } from '../../src/index.js';
import { loadDigits } from '../../src/datasets.js';
import type { Engine, FitOptions, FitResult } from '../../src/index.js';
import { aggregateStatus, heldSum } from '../../src/ovr.js';
import { oneVsRestLink } from '../../src/models/ovr.js';
import { splitRows } from '../../src/engine.js';

/** n rows of d features around K centres, labels 0 … K−1 (row i in class i mod K), noisy enough to overlap. */
function blobs(n: number, d: number, K: number, seed: number) {
  const u = lcg(seed);
  const X: number[][] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % K;
    X.push(Array.from({ length: d }, (_, j) => Math.cos(k * 2.1 + j) * 1.5 + 2 * (u() - 0.5)));
    y.push(k);
  }
  return { X, y };
}

/** Every field that must match, compared with Object.is, for class k of an OvR fit against its binary fit. */
function expectSameFit(ovr: FitResult, k: number, binary: FitResult, d: number) {
  const c = ovr.perClass![k]!;
  const same = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) => {
    expect(a.length, `${what} length`).toBe(b.length);
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) throw new Error(`class ${k}: ${what}[${i}] ${a[i]} ≠ ${b[i]}`);
  };
  same(ovr.weights.subarray(k * d, (k + 1) * d), binary.weights, 'weights');
  same([ovr.intercepts[k]!], [binary.intercept], 'intercept');
  same(c.loss, binary.loss, 'loss');
  same(c.epochLoss, binary.epochLoss, 'epochLoss');
  expect([c.iterations, c.epochs, c.status]).toEqual([binary.iterations, binary.epochs, binary.status]);
  expect(Object.is(c.finalLoss, binary.finalLoss), `class ${k} finalLoss ${c.finalLoss} ≠ ${binary.finalLoss}`).toBe(true);
  expect(c.auto).toEqual(binary.auto);
}

/** The K binary fits [y = k] with the same options, as a user would run them. */
function binaryFits(engine: Engine, X: number[][], y: number[], K: number, options: FitOptions, init?: number[]) {
  const d = X[0]!.length;
  return Array.from({ length: K }, (_, k) => engine.fit(
    engine.dataset(X, y.map((v) => (v === k ? 1 : 0))),
    (init ? { ...options, initialWeights: init.slice(k * d, (k + 1) * d) } : options) as FitOptions,
  ));
}

/** Scores x·Wₖ + bₖ summed in the model's order (Σⱼ xⱼ·wₖⱼ from j = 0, then + bₖ). */
function scores(X: number[][], W: Float64Array, b: Float64Array): number[][] {
  const d = X[0]!.length;
  return X.map((x) => Array.from(b, (bk, k) => {
    let z = 0;
    for (let j = 0; j < d; j++) z += x[j]! * W[k * d + j]!;
    return z + bk;
  }));
}

const argmax = (z: number[]) => z.reduce((best, v, k) => (v > z[best]! ? k : best), 0);

const PLAIN: FitOptions = { model: 'logistic', lr: 0.3, momentum: 0.9, maxIterations: 150, alpha: 1e-3 };
const CASES: [string, FitOptions][] = [
  ['logistic, full batch, momentum', PLAIN],
  ['logistic, mini-batches, shuffle, Nesterov, tol (gradient rule)', { model: 'logistic', lr: 0.05, momentum: 0.9, nesterov: true, batchSize: 7, seed: 11, maxIterations: 400, tol: 1e-3 }],
  ['hinge, Adam, schedule', { model: 'hinge', optimizer: 'adam', lr: 0.05, maxIterations: 120, schedule: { type: 'step', stepSize: 30, gamma: 0.5 } }],
  ['hinge, no intercept', { model: 'hinge', lr: 0.1, momentum: 0.5, fitIntercept: false, maxIterations: 80 }],
  ['logistic, lr and momentum auto', { model: 'logistic', lr: 'auto', momentum: 'auto', maxIterations: 60 }],
  // The family's other 0/1 losses and options (issue 15): each class is still its 2-class fit.
  ['squaredHinge, elastic net', { model: 'squaredHinge', lr: 0.05, momentum: 0.9, penalty: 'elasticnet', alpha: 1e-2, l1Ratio: 0.5, maxIterations: 100 }],
  ['modifiedHuber, Adadelta, averaged', { model: 'modifiedHuber', optimizer: 'adadelta', lr: 1, average: 10, maxIterations: 80 }],
  ['perceptron, mini-batches, l1', { model: 'perceptron', lr: 0.1, batchSize: 8, seed: 3, penalty: 'l1', alpha: 1e-3, maxIterations: 90 }],
];

describe.each(BACKENDS)('one-vs-rest [$name]', ({ create }) => {
  it('weights: class k weighs its positive rows classWeight[k] and the rest 1 (scikit-learn\'s fit_binary), sampleWeight all', async () => {
    // scikit-learn's _fit_multiclass: fit_binary(…, pos_weight = class_weight[k], neg_weight = 1.0, sample_weight);
    // 'balanced' is n/(K·countₖ) over the K-class labels. The reference: K binary fits with the per-row weights
    // cᵢ = sᵢ·(yᵢ = k ? cw[k] : 1) written out here, as sampleWeight.
    const engine = await create();
    const { X, y } = blobs(40, 3, 4, 9);
    const yy = y.map((v, i) => (i % 7 === 0 ? 0 : v)); // unequal counts: 'balanced' is not all ones
    const K = 4, n = yy.length, sw = yy.map((_, i) => 0.5 + (i % 3));
    const count = Array.from({ length: K }, (_, k) => yy.filter((v) => v === k).length);
    const balanced = count.map((c) => n / (K * c));
    for (const [classWeight, cw, withSw, extra] of [
      ['balanced', balanced, false, {}],
      [{ 2: 3 }, [1, 1, 3, 1], true, {}],
      [[1, 2, 0.5, 4], [1, 2, 0.5, 4], true, { validationFraction: 0.25, tol: 1e-4, stoppingRule: 'sklearn', nIterNoChange: 3 }],
    ] as const) {
      const options = { model: 'logistic', lr: 0.3, momentum: 0.9, maxIterations: 120, alpha: 1e-3, ...extra } as FitOptions;
      const ovr = engine.fit(engine.dataset(X, yy), { ...options, classWeight, ...(withSw ? { sampleWeight: sw } : {}) } as FitOptions);
      for (let k = 0; k < K; k++) {
        const c = yy.map((v, i) => (withSw ? sw[i]! : 1) * (v === k ? cw[k]! : 1));
        if (!('validationFraction' in extra)) {
          const bin = engine.fit(engine.dataset(X, yy.map((v) => (v === k ? 1 : 0)), { sampleWeight: c }), options);
          expectSameFit(ovr, k, bin, 3);
        } else {
          // With a hold-out the split is the K-class label's (a binary fit would stratify by [y = k]): compare with
          // the weights cᵢ through the class's own fit of the same rows, by its finalLoss over all rows.
          const W = ovr.weights.subarray(k * 3, k * 3 + 3), b = ovr.intercepts[k]!;
          let J = 0;
          for (let i = 0; i < n; i++) {
            let z = 0;
            for (let j = 0; j < 3; j++) z += X[i]![j]! * W[j]!;
            z += b;
            const t = yy[i] === k ? 1 : 0;
            J += c[i]! * (Math.max(z, 0) - t * z + Math.log1p(Math.exp(-Math.abs(z))));
          }
          let w2 = 0;
          for (let j = 0; j < 3; j++) w2 += W[j]! * W[j]!;
          J = J / n + (1e-3 / 2) * w2;
          expect(Math.abs(ovr.perClass![k]!.finalLoss - J)).toBeLessThanOrEqual(1e-13 * Math.max(1, J));
        }
      }
    }
  });

  it('warmStart from a one-vs-rest result starts class k from its row and its own intercept', async () => {
    const engine = await create();
    const { X, y } = blobs(30, 3, 3, 8);
    const options = { model: 'logistic', lr: 0.2, momentum: 0.9, alpha: 1e-3, maxIterations: 25 } as FitOptions;
    const first = engine.fit(engine.dataset(X, y), options);
    expect(new Set(first.intercepts).size).toBe(3); // three different intercepts: a shared one would not pass
    const again = engine.fit(engine.dataset(X, y), { ...options, warmStart: first } as FitOptions);
    for (let k = 0; k < 3; k++) {
      const bin = engine.fit(engine.dataset(X, y.map((v) => (v === k ? 1 : 0))), {
        ...options, initialWeights: Array.from(first.weights.subarray(k * 3, k * 3 + 3)), initialIntercept: first.intercepts[k]!,
      } as FitOptions);
      expectSameFit(again, k, bin, 3);
    }
  });

  it('modifiedHuber one-vs-rest probabilities: (clip(zₖ, −1, 1) + 1)/2 normalised over the K classes, 1/K where all are 0', async () => {
    const engine = await create();
    const { X, y } = blobs(36, 3, 3, 4);
    const m = engine.fit(engine.dataset(X, y), { model: 'modifiedHuber', lr: 0.05, momentum: 0.9, maxIterations: 100 });
    const Xq = [...X.slice(0, 6), [40, -40, 40], [-40, 40, -40]];
    const P = m.predictProba(Xq), Z = scores(Xq, m.weights, m.intercepts);
    Z.forEach((z, i) => {
      const p = z.map((v) => (Math.min(1, Math.max(-1, v)) + 1) / 2), s = p.reduce((a, b) => a + b, 0);
      z.forEach((_, k) => {
        const want = s === 0 ? 1 / 3 : p[k]! / s;
        expect(Math.abs(P[i * 3 + k]! - want), `row ${i} class ${k}`).toBeLessThanOrEqual(1e-15);
      });
    });
  });

  it.each(CASES)('equals K separate binary fits bit for bit: %s', async (_, options) => {
    const engine = await create();
    const { X, y } = blobs(45, 3, 3, 5);
    const ovr = engine.fit(engine.dataset(X, y), options);
    expect([ovr.classes, ovr.weights.length, ovr.intercepts.length]).toEqual([3, 9, 3]);
    const bins = binaryFits(engine, X, y, 3, options);
    bins.forEach((b, k) => expectSameFit(ovr, k, b, 3));
    // The aggregate, recomputed from the binary fits: held sums, largest counts, finalLoss the sum.
    const held = (h: Float64Array[]) => Array.from({ length: Math.max(...h.map((a) => a.length)) }, (_, t) => h.reduce((s, a) => s + a[Math.min(t, a.length - 1)]!, 0));
    expect(Array.from(ovr.loss)).toEqual(held(bins.map((b) => b.loss)));
    expect(Array.from(ovr.epochLoss)).toEqual(held(bins.map((b) => b.epochLoss)));
    expect(ovr.iterations).toBe(Math.max(...bins.map((b) => b.iterations)));
    expect(ovr.epochs).toBe(Math.max(...bins.map((b) => b.epochs)));
    expect(ovr.finalLoss).toBe(bins[0]!.finalLoss + bins[1]!.finalLoss + bins[2]!.finalLoss);
    expect(ovr.auto).toBe(null);
    expect(ovr.mse).toBeNaN();
  });

  it('starts each class from its row of initialWeights (K × d), and fitAsync, the one-call fit and Estimator agree', async () => {
    const engine = await create();
    const { X, y } = blobs(40, 2, 4, 9);
    const init = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8];
    const options: FitOptions = { model: 'logistic', lr: 0.2, momentum: 0.8, maxIterations: 90, initialIntercept: 0.25 };
    const ovr = engine.fit(engine.dataset(X, y), { ...options, initialWeights: init });
    binaryFits(engine, X, y, 4, options, init).forEach((b, k) => expectSameFit(ovr, k, b, 2));
    const async = await engine.fitAsync(engine.dataset(X, y), { ...options, initialWeights: init, progressEvery: 7, onProgress: () => {} });
    expect(Array.from(async.weights)).toEqual(Array.from(ovr.weights));
    expect(Array.from(async.loss)).toEqual(Array.from(ovr.loss));
    const name = engine.backend === 'js' ? { backend: 'js' as const } : { backend: 'wasm' as const, simd: engine.simd };
    const once = await fitOnce(X, y, { ...options, initialWeights: init, ...name } as never);
    expect(Array.from(once.weights)).toEqual(Array.from(ovr.weights));
    const est = await new Estimator({ ...options, initialWeights: init, ...name } as never).fit(X, y);
    expect(Array.from(est.decisionFunction(X))).toEqual(Array.from(ovr.decisionFunction(X)));
    expect(() => engine.fit(engine.dataset(X, y), { ...options, initialWeights: init.slice(0, 2) })).toThrow(new RangeError('initialWeights must have length 8, got 2'));
  });

  it('predicts argmax of the K scores and normalises σ(zₖ) on a 3-class problem (decision recomputed from the weights)', async () => {
    const engine = await create();
    const { X, y } = blobs(60, 2, 3, 21);
    const ovr = engine.fit(engine.dataset(X, y), PLAIN);
    const z = scores(X, ovr.weights, ovr.intercepts);
    expect(Array.from(ovr.decisionFunction(X))).toEqual(z.flat());
    const pred = ovr.predict(X);
    expect(Array.from(pred)).toEqual(z.map(argmax));
    expect(ovr.score(X, y)).toBe(z.filter((row, i) => argmax(row) === y[i]).length / y.length);
    expect(ovr.score(X, y)).toBeGreaterThan(0.8);
    const p = ovr.predictProba(X);
    expect(p.length).toBe(60 * 3);
    z.forEach((row, i) => {
      const s = row.map((v) => 1 / (1 + Math.exp(-v)));
      const total = s.reduce((a, b) => a + b, 0);
      // σ differs from 1/(1 + Math.exp(−z)) by a few ulps (our exp); the normalisation adds three roundings.
      row.forEach((_, k) => expect(Math.abs(p[i * 3 + k]! - s[k]! / total)).toBeLessThanOrEqual(8 * Number.EPSILON));
      expect(Math.abs(p[i * 3]! + p[i * 3 + 1]! + p[i * 3 + 2]! - 1)).toBeLessThanOrEqual(4 * Number.EPSILON);
    });
    // Hinge has no probabilities, one-vs-rest or not.
    const hinge = engine.fit(engine.dataset(X, y), { ...PLAIN, model: 'hinge' });
    expect(() => hinge.predictProba(X)).toThrow(TypeError);
    expect(Array.from(hinge.predict(X))).toEqual(scores(X, hinge.weights, hinge.intercepts).map(argmax));
  });

  it('fits the 10 digits one-vs-rest: predictions are argmax of the recomputed scores, 10 problems equal to their binary fits', async () => {
    const engine = await create();
    const digits = await loadDigits();
    const X = standardize(digits.X).transform(digits.X).slice(0, 400), y = digits.y.slice(0, 400);
    const options: FitOptions = { model: 'logistic', lr: 0.5, momentum: 0.9, maxIterations: 60, alpha: 1e-3 };
    const ovr = engine.fit(engine.dataset(X, y), options);
    expect([ovr.classes, ovr.perClass!.length]).toEqual([10, 10]);
    const z = scores(X, ovr.weights, ovr.intercepts);
    expect(Array.from(ovr.predict(X))).toEqual(z.map(argmax));
    expect(ovr.score(X, y)).toBeGreaterThan(0.95);
    const p = ovr.predictProba(X);
    z.forEach((row, i) => {
      const s = row.map((v) => 1 / (1 + Math.exp(-v))), total = s.reduce((a, b) => a + b, 0);
      row.forEach((_, k) => expect(Math.abs(p[i * 10 + k]! - s[k]! / total)).toBeLessThanOrEqual(8 * Number.EPSILON));
    });
    const d = X[0]!.length;
    for (const k of [0, 3, 9]) expectSameFit(ovr, k, engine.fit(engine.dataset(X, y.map((v) => (v === k ? 1 : 0))), options), d);
  });

  it('round-trips through JSON: K rows of W and K intercepts, the same predictions and probabilities', async () => {
    const engine = await create();
    const { X, y } = blobs(30, 2, 3, 4);
    const ovr = engine.fit(engine.dataset(X, y), PLAIN);
    const json = JSON.parse(JSON.stringify(ovr));
    expect([json.model, json.classes, json.weights.length, json.intercepts.length]).toEqual(['logistic', 3, 6, 3]);
    const back = LinearModel.fromJSON(json);
    expect(Array.from(back.predict(X))).toEqual(Array.from(ovr.predict(X)));
    expect(Array.from(back.predictProba(X))).toEqual(Array.from(ovr.predictProba(X)));
    expect(() => LinearModel.fromJSON({ ...json, weights: json.weights.slice(0, 2) })).toThrow(RangeError);
  });

  it('aggregates the status: converged only when every class converged', async () => {
    const engine = await create();
    // Classes 0 and 1 separable from the rest by x, class 2 in the middle: with a tight tol and few updates the easy
    // problems converge while the middle one (not linearly separable from the rest) runs out of updates.
    const X = [[-3], [-2.5], [-2], [2], [2.5], [3], [-0.1], [0], [0.1]], y = [0, 0, 0, 1, 1, 1, 2, 2, 2];
    const loose = engine.fit(engine.dataset(X, y), { model: 'logistic', lr: 1, momentum: 0.5, tol: 0.5, alpha: 0.1, maxIterations: 500 });
    expect(loose.perClass!.map((c) => c.status)).toEqual(['converged', 'converged', 'converged']);
    expect(loose.status).toBe('converged');
    const tight = engine.fit(engine.dataset(X, y), { model: 'logistic', lr: 1, momentum: 0.5, tol: 1e-9, alpha: 0.1, maxIterations: 40 });
    const statuses = tight.perClass!.map((c) => c.status);
    expect(statuses).toContain('maxIterations');
    expect(tight.status).toBe('maxIterations');
    // One problem diverges (η far too large for a score that grows without bound): the fit says so.
    const wild = engine.fit(engine.dataset([[1e150], [-1e150], [0]], [0, 1, 2]), { model: 'hinge', lr: 1e160, alpha: 0, maxIterations: 10 });
    expect(wild.perClass!.some((c) => c.status === 'diverged')).toBe(true);
    expect(wild.status).toBe('diverged');
  });

  it('reports progress as one fit (Σ of the classes’ epoch objectives) and stops every class on abort', async () => {
    const engine = await create();
    const { X, y } = blobs(30, 2, 3, 8);
    const seen: { epoch: number; loss: number }[] = [];
    const data = engine.dataset(X, y);
    const full = engine.fit(data, { ...PLAIN, maxIterations: 20, progressEvery: 5, onProgress: (p) => { seen.push({ epoch: p.epoch, loss: p.loss }); } });
    expect(seen.map((s) => s.epoch)).toEqual([5, 10, 15, 20]);
    seen.forEach((s) => expect(s.loss).toBe(full.epochLoss[s.epoch - 1]));
    const stopped = engine.fit(data, { ...PLAIN, maxIterations: 20, progressEvery: 5, onProgress: (p) => p.epoch < 10 });
    expect(stopped.status).toBe('aborted');
    expect(stopped.perClass!.map((c) => [c.status, c.epochs])).toEqual([['aborted', 10], ['aborted', 10], ['aborted', 10]]);
    // The first 10 epochs are those of the full fit.
    expect(Array.from(stopped.epochLoss)).toEqual(Array.from(full.epochLoss.subarray(0, 10)));
    const controller = new AbortController();
    controller.abort();
    const early = await engine.fitAsync(data, { ...PLAIN, signal: controller.signal });
    expect([early.status, early.iterations, ...early.perClass!.map((c) => c.status)]).toEqual(['aborted', 0, 'aborted', 'aborted', 'aborted']);
  });

  it('holds out one split stratified by the K-class label, shared by the K problems', async () => {
    const engine = await create();
    // Class sizes 20, 12, 8: ⌈0.25·40⌉ = 10 held out, 5, 3, 2 by class (exact quotas). Each problem then trains on the
    // same 30 rows: with maxEpochs it must equal the binary fit of those rows alone for the epochs it ran, and its
    // last epoch objective must be its objective on the held-out rows (J at θ via a one-update fit: loss[0]).
    const u = lcg(3);
    const sizes = [20, 12, 8];
    const X: number[][] = [], y: number[] = [];
    sizes.forEach((m, k) => { for (let i = 0; i < m; i++) { X.push([k + u() - 0.5, u() - 0.5]); y.push(k); } });
    const options: FitOptions = { model: 'logistic', lr: 0.5, momentum: 0.5, alpha: 0.01, maxEpochs: 25, validationFraction: 0.25, tol: 1e-4, nIterNoChange: 3 };
    const ovr = engine.fit(engine.dataset(X, y), options);
    const { trainRows, valRows } = splitRows(Float64Array.from(y), { seed: 0, validationFraction: 0.25, model: 'logistic' });
    expect(sizes.map((_, k) => Array.from(valRows).filter((i) => y[i] === k).length)).toEqual([5, 3, 2]);
    const Xt = Array.from(trainRows, (i) => X[i]!), Xv = Array.from(valRows, (i) => X[i]!);
    const { validationFraction: _v, tol: _t, nIterNoChange: _n, ...plain } = options;
    for (let k = 0; k < 3; k++) {
      const c = ovr.perClass![k]!;
      expect(c.epochs).toBeGreaterThan(0);
      const alone = engine.fit(engine.dataset(Xt, Array.from(trainRows, (i) => (y[i] === k ? 1 : 0))), { ...plain, maxEpochs: c.epochs } as FitOptions);
      expect(Array.from(ovr.weights.subarray(2 * k, 2 * k + 2))).toEqual(Array.from(alone.weights));
      expect(ovr.intercepts[k]).toBe(alone.intercept);
      const probe = engine.fit(engine.dataset(Xv, Array.from(valRows, (i) => (y[i] === k ? 1 : 0))), {
        model: 'logistic', alpha: 0.01, lr: 1e-9, maxIterations: 1, initialWeights: Array.from(alone.weights), initialIntercept: alone.intercept,
      });
      expect(c.epochLoss[c.epochs - 1]).toBe(probe.loss[0]);
    }
    expect(() => engine.fit(engine.dataset(X, y), { ...options, validationFraction: 0.99 })).toThrow(RangeError);
  });

  it('fits a class without rows (its problem has no positive label), as scikit-learn does', async () => {
    const engine = await create();
    const { X, y } = blobs(30, 2, 3, 2);
    const ovr = engine.fit(engine.dataset(X, y), { ...PLAIN, classes: 4 } as FitOptions);
    expect([ovr.classes, ovr.perClass!.length]).toEqual([4, 4]);
    expectSameFit(ovr, 3, engine.fit(engine.dataset(X, y.map(() => 0)), PLAIN), 2);
    // Labels 0 and 2 only: K = 3, class 1 empty.
    const gap = engine.fit(engine.dataset(X, y.map((v) => (v === 1 ? 0 : v))), PLAIN);
    expect(gap.classes).toBe(3);
  });

  it('keeps 0/1 labels a plain binary fit (classes 2 or absent), and refuses what is not a class index', async () => {
    const engine = await create();
    const X = [[1], [2], [3], [4]];
    const bin = engine.fit(engine.dataset(X, [0, 1, 0, 1]), { ...PLAIN, classes: 2 } as FitOptions);
    expect([bin.classes, bin.weights.length, bin.perClass]).toEqual([2, 1, null]);
    const three = engine.fit(engine.dataset(X, [0, 1, 0, 1]), { ...PLAIN, classes: 3 } as FitOptions);
    expect([three.classes, three.weights.length]).toEqual([3, 3]);
    expect(() => engine.fit(engine.dataset(X, [0, 1.5, 2, 1]), PLAIN)).toThrow(new RangeError(
      "y must hold 0/1 labels (or booleans), or class indices 0…K−1 for a one-vs-rest fit, for model 'logistic': y[1] is not a non-negative integer",
    ));
    expect(() => engine.fit(engine.dataset(X, [0, -1, 2, 1]), { ...PLAIN, model: 'hinge' })).toThrow(/y\[1\] is not a non-negative integer/);
    expect(() => engine.fit(engine.dataset(X, [0, 3, 2, 1]), { ...PLAIN, classes: 3 } as FitOptions)).toThrow(new RangeError('classes must exceed every label: got 3 classes and a label 3'));
    expect(() => engine.fit(engine.dataset(X, [0, 2, 2, 1]), { ...PLAIN, classes: 2 } as FitOptions)).toThrow(new RangeError('classes must exceed every label: got 2 classes and a label 2'));
    expect(() => engine.fit(engine.dataset(X, [0, 1, 0, 1]), { ...PLAIN, classes: 1 } as FitOptions)).toThrow(new RangeError("classes must be ≥ 2 for model 'logistic', got 1"));
    expect(() => engine.fit(engine.dataset(X, [0, 1, 0, 1]), { ...PLAIN, classes: 2.5 } as FitOptions)).toThrow(RangeError);
    expect(() => engine.fit(engine.dataset(X, [0, 1, 0, 1]), { lr: 0.1, model: 'ridge', classes: 3 } as never)).toThrow(
      new RangeError("classes applies to model 'logistic', 'hinge', 'softmax', 'squaredHinge', 'modifiedHuber' or 'perceptron' only, not 'ridge'"),
    );
  });
});

describe('one-vs-rest pieces', () => {
  it('aggregateStatus: converged only when all converged, else aborted > diverged > maxIterations > noImprovement', () => {
    expect(aggregateStatus(['converged', 'converged'])).toBe('converged');
    expect(aggregateStatus(['converged', 'maxIterations'])).toBe('maxIterations');
    expect(aggregateStatus(['noImprovement', 'converged'])).toBe('noImprovement');
    expect(aggregateStatus(['maxIterations', 'diverged', 'noImprovement'])).toBe('diverged');
    expect(aggregateStatus(['diverged', 'aborted'])).toBe('aborted');
  });

  it('heldSum: a history that stopped adds its last entry; an empty one adds nothing', () => {
    // [1, 2, 3] + [10, 20] (held at 20) + [] = [11, 22, 23]
    expect(Array.from(heldSum([Float64Array.of(1, 2, 3), Float64Array.of(10, 20), new Float64Array(0)]))).toEqual([11, 22, 23]);
  });

  it('the OvR link: argmax first on ties; P₁ normalised; all-zero rows uniform (scikit-learn modified_huber rule)', () => {
    const clipped = oneVsRestLink({ predict: (z) => z, proba: (z) => z.map((v) => (Math.min(Math.max(v, -1), 1) + 1) / 2) });
    // Row 0: scores [0.5, 0.5, −3]: tie → class 0; P₁ = [0.75, 0.75, 0] → [½, ½, 0]. Row 1: [−2, −5, −1] → class 2;
    // all ≤ −1 → P₁ = 0 → ⅓ each.
    expect(Array.from(clipped.predict(Float64Array.of(0.5, 0.5, -3, -2, -5, -1), 3))).toEqual([0, 2]);
    expect(Array.from(clipped.proba!(Float64Array.of(0.5, 0.5, -3, -2, -5, -1), 3))).toEqual([0.5, 0.5, 0, 1 / 3, 1 / 3, 1 / 3]);
    expect(oneVsRestLink({ predict: (z) => z, proba: null }).proba).toBe(null);
    // A model read from JSON with two equal rows predicts the first of them.
    const m = LinearModel.fromJSON({ format: 'momentum-gd/model@1', model: 'hinge', cols: 1, classes: 3, weights: [1, 1, -1], intercepts: [0, 0, 0] });
    expect(Array.from(m.predict([[2], [-2]]))).toEqual([0, 2]);
  });
});
