// Bad-input fuzzing: wrong types and shapes, NaN/±Infinity at random positions of X, y, initialWeights, params
// and grad, out-of-range/NaN/huge hyperparameters, unknown option names, disposed or foreign datasets, labels out
// of range for each model. Every one must throw a TypeError or RangeError whose message names the argument, leak
// no WASM memory (bytesInUse unchanged: errors come before work), and leave the engine usable (the next valid fit
// gives the bitwise-same answer as a fresh engine's).
// Seed, run count and replay: see test/property/gen.ts (MOMENTUM_PROPERTY_SEED / _RUNS / _PATH).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine, FitOptions, FitResult } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import { RUNS, check, sameArray } from '../property/gen.js';

const X0 = [[0.5, -1], [1.5, 2], [-0.25, 0.75], [2, 0], [1, 1]];
const Y_REG = [1, -2, 0.5, 3, 0];
const Y_BIN = [0, 1, 1, 0, 1];
const Y_CLS = [0, 2, 1, 2, 0];
const VALID: FitOptions = { lr: 0.1, momentum: 0.9, maxIterations: 25 };

let engines: { name: string; engine: Engine; reference: FitResult }[] = [];
beforeAll(async () => {
  engines = await Promise.all(BACKENDS.map(async (b) => {
    const fresh = await b.create();
    return { name: b.name, engine: await b.create(), reference: fresh.fit(fresh.dataset(X0, Y_REG), VALID) };
  }));
});

function bytesInUse(engine: Engine): number {
  const mem = (engine as unknown as { internals: { mem?: { bytesInUse: number } } }).internals.mem;
  return mem ? mem.bytesInUse : 0;
}

/** A bad call: `run` must throw `type` with a message matching `names`. */
interface BadCall {
  label: string;
  type: typeof TypeError | typeof RangeError;
  names: RegExp;
  run: (engine: Engine) => unknown;
}

const nonFinite = fc.constantFrom(NaN, Infinity, -Infinity);
const notANumber = fc.constantFrom<unknown>('1', null, undefined, {}, [], true, 1n, Symbol('x'));
const notAnArray = fc.constantFrom<unknown>(1, 'abc', null, undefined, {}, true, () => 1, new Map(), new BigInt64Array(2));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Bad datasets (X, y). */
const badDataset: fc.Arbitrary<BadCall> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 1 }), nonFinite).map(([i, j, v]) => {
    const X = X0.map((r) => r.slice()); X[i]![j] = v;
    return { label: `X[${i}][${j}] = ${v}`, type: RangeError, names: new RegExp(`X\\[${i}\\]\\[${j}\\]`), run: (e: Engine) => e.dataset(X, Y_REG) };
  }),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 1 }), notANumber).map(([i, j, v]) => {
    const X = X0.map((r) => r.slice() as unknown[]); X[i]![j] = v;
    return { label: `X[${i}][${j}] = ${String(typeof v)}`, type: TypeError, names: new RegExp(`X\\[${i}\\]\\[${j}\\]`), run: (e: Engine) => e.dataset(X as never, Y_REG) };
  }),
  fc.tuple(fc.integer({ min: 0, max: 9 }), nonFinite, fc.boolean()).map(([k, v, f32]) => {
    const data = f32 ? new Float32Array(10).fill(1) : new Float64Array(10).fill(1); data[k] = v;
    return { label: `X.data[${k}] = ${v}`, type: RangeError, names: new RegExp(`X\\.data\\[${k}\\]`), run: (e: Engine) => e.dataset({ data, rows: 5, cols: 2 }, Y_REG) };
  }),
  fc.tuple(fc.constantFrom('rows', 'cols'), fc.constantFrom<unknown>(0, -1, 1.5, NaN, Infinity, '2', null, 2 ** 53)).map(([key, v]) => ({
    label: `X.${key} = ${String(v)}`, type: RangeError, names: new RegExp(`X\\.(${key}|data)`),
    run: (e: Engine) => e.dataset({ data: new Float64Array(10), rows: 5, cols: 2, [key]: v } as never, Y_REG),
  })),
  fc.integer({ min: 0, max: 30 }).filter((n) => n !== 10).map((n) => ({
    label: `X.data of length ${n}`, type: RangeError, names: /X\.data/, run: (e: Engine) => e.dataset({ data: new Float64Array(n), rows: 5, cols: 2 }, Y_REG),
  })),
  notAnArray.map((X) => ({ label: `X = ${String(X)}`, type: TypeError, names: /\bX\b/, run: (e: Engine) => e.dataset(X as never, Y_REG) })),
  fc.constantFrom([], [[]], [[1, 2], [3]], [[1], 2]).map((X) => ({
    label: `X = ${JSON.stringify(X)}`, type: Error as never, names: /\bX\b|X\[/, run: (e: Engine) => e.dataset(X as never, Y_REG.slice(0, X.length)),
  })),
  fc.tuple(fc.integer({ min: 0, max: 4 }), nonFinite, fc.boolean()).map(([i, v, typed]) => {
    const y = typed ? Float64Array.from(Y_REG) : Y_REG.slice(); y[i] = v;
    return { label: `y[${i}] = ${v}`, type: RangeError, names: new RegExp(`y\\[${i}\\]`), run: (e: Engine) => e.dataset(X0, y) };
  }),
  // Booleans are valid labels (read as 0/1).
  fc.tuple(fc.integer({ min: 0, max: 4 }), notANumber.filter((v) => typeof v !== 'boolean')).map(([i, v]) => {
    const y = Y_REG.slice() as unknown[]; y[i] = v;
    return { label: `y[${i}] = ${typeof v}`, type: TypeError, names: new RegExp(`y\\[${i}\\]`), run: (e: Engine) => e.dataset(X0, y as never) };
  }),
  fc.integer({ min: 0, max: 12 }).filter((n) => n !== 5).map((n) => ({
    label: `y of length ${n}`, type: RangeError, names: /\by\b/, run: (e: Engine) => e.dataset(X0, new Float64Array(n)),
  })),
  notAnArray.map((y) => ({ label: `y = ${String(y)}`, type: TypeError, names: /\by\b/, run: (e: Engine) => e.dataset(X0, y as never) })),
);

/** A value outside the option's range (or of the wrong type), with the error type it must raise. */
function badValue(key: string, values: unknown[]): fc.Arbitrary<BadCall> {
  return fc.constantFrom(...values).map((v) => ({
    label: `${key}: ${typeof v === 'number' ? v : typeof v}`,
    type: (typeof v === 'number' ? RangeError : TypeError) as typeof RangeError,
    names: new RegExp(escape(key)),
    run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { ...VALID, [key]: v } as FitOptions),
  }));
}

const HUGE = [1e308, Number.MAX_VALUE, 2 ** 53 + 0.5];
const badOptions: fc.Arbitrary<BadCall> = fc.oneof(
  badValue('lr', [0, -1, -1e-300, NaN, Infinity, -Infinity, '0.1', null, true]),
  badValue('momentum', [-0.1, 1, 1.5, NaN, Infinity, ...HUGE, '0.9']),
  badValue('dampening', [-0.1, 1.0000001, NaN, -Infinity, ...HUGE, 'x']),
  badValue('weightDecay', [-1e-9, NaN, Infinity, 'x']),
  badValue('maxIterations', [0, -1, 1.5, NaN, Infinity, 2 ** 29, ...HUGE, '10']),
  badValue('nIterNoChange', [0, 0.5, NaN, -3, ...HUGE]),
  badValue('batchSize', [0, 6, 2.5, NaN, ...HUGE, '5']),
  badValue('tol', [-1e-9, NaN, Infinity, 'x']),
  badValue('validationFraction', [-0.1, 1, 1.5, NaN, Infinity]),
  badValue('initialIntercept', [NaN, Infinity, '1']),
  badValue('progressEvery', [0, 1.5, NaN]),
  fc.constantFrom<unknown>(1.5, NaN, Infinity, '3', null).map((v) => ({
    label: `seed: ${String(v)}`, type: TypeError, names: /seed/, run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { ...VALID, seed: v } as FitOptions),
  })),
  fc.tuple(fc.constantFrom('shuffle', 'nesterov', 'maximize', 'fitIntercept'), fc.constantFrom<unknown>(0, 1, 'true', null, NaN)).map(([key, v]) => ({
    label: `${key}: ${String(v)}`, type: TypeError, names: new RegExp(key), run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { ...VALID, [key]: v } as FitOptions),
  })),
  fc.constantFrom({ momentum: 0 }, { dampening: 0.5 }).map((o) => ({
    label: `nesterov with ${JSON.stringify(o)}`, type: RangeError, names: /nesterov/, run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { ...VALID, nesterov: true, ...o }),
  })),
  fc.constantFrom<unknown>('lasso', 'Linear', '', 1, 'toString').map((v) => ({
    label: `model: ${String(v)}`, type: RangeError, names: /model/, run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { ...VALID, model: v } as FitOptions),
  })),
  fc.constantFrom<unknown>('SGD', 'lbfgs', '', 0, 'constructor').map((v) => ({
    label: `optimizer: ${String(v)}`, type: RangeError, names: /optimizer/, run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { lr: 0.1, optimizer: v } as FitOptions),
  })),
  fc.constantFrom<[string, unknown]>(['betas', [0.9]], ['betas', [1, 0.9]], ['betas', [0.9, NaN]], ['betas', 'x'], ['eps', 0], ['eps', -1], ['eps', NaN], ['rho', 1], ['rho', -0.5]).map(([key, v]) => ({
    label: `${key}: ${JSON.stringify(v)}`, type: Error as never, names: new RegExp(key),
    run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { lr: 0.1, optimizer: key === 'rho' ? 'rmsprop' : 'adam', [key]: v } as FitOptions),
  })),
  fc.constantFrom<[string, unknown]>(['alpha', 0.5], ['alpha', -1], ['classes', 3]).map(([key, v]) => ({
    label: `linear with ${key}: ${v}`, type: RangeError, names: new RegExp(key), run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { ...VALID, [key]: v } as FitOptions),
  })),
  fc.tuple(fc.constantFrom('ridge', 'logistic', 'hinge', 'softmax'), fc.constantFrom<unknown>(-1e-9, NaN, Infinity, 'x')).map(([model, v]) => ({
    label: `${model} alpha: ${String(v)}`, type: Error as never, names: /alpha/,
    run: (e: Engine) => e.fit(e.dataset(X0, model === 'ridge' ? Y_REG : model === 'softmax' ? Y_CLS : Y_BIN), { ...VALID, model, alpha: v } as FitOptions),
  })),
  // Unknown option names: random identifiers that are not options (nor the prototype-polluting __proto__ literal).
  fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !['model', 'alpha', 'classes', 'optimizer', 'lr', 'momentum', 'dampening', 'nesterov',
    'weightDecay', 'maximize', 'betas', 'eps', 'rho', 'lrDecay', 'batchSize', 'shuffle', 'seed', 'schedule', 'maxIterations', 'maxEpochs', 'tol',
    'nIterNoChange', 'validationFraction', 'fitIntercept', 'initialWeights', 'initialIntercept', 'onProgress', 'progressEvery', 'signal'].includes(k))
    .map((key) => ({
      label: `unknown option ${JSON.stringify(key)}`, type: TypeError, names: new RegExp(`"${escape(key)}"`),
      run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { ...VALID, [key]: 1 } as FitOptions),
    })),
  notAnArray.filter((o) => o !== undefined).map((o) => ({
    // A Map or {} is an object without lr: 'lr is required'.
    label: `options = ${String(o)}`, type: TypeError, names: /options|\blr\b/, run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), o as FitOptions),
  })),
  fc.tuple(fc.integer({ min: 0, max: 1 }), nonFinite).map(([i, v]) => {
    const w = [0.5, 0.5]; w[i] = v;
    return { label: `initialWeights[${i}] = ${v}`, type: RangeError, names: new RegExp(`initialWeights\\[${i}\\]`), run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { ...VALID, initialWeights: w }) };
  }),
  fc.integer({ min: 0, max: 6 }).filter((n) => n !== 2).map((n) => ({
    label: `initialWeights of length ${n}`, type: RangeError, names: /initialWeights/, run: (e: Engine) => e.fit(e.dataset(X0, Y_REG), { ...VALID, initialWeights: new Array(n).fill(0) }),
  })),
);

/** Labels out of range for each model (2 is a class index for logistic and hinge: one-vs-rest). */
const badLabels: fc.Arbitrary<BadCall> = fc.oneof(
  fc.tuple(fc.constantFrom('logistic', 'hinge'), fc.integer({ min: 0, max: 4 }), fc.constantFrom(-1, 2.5, 0.5, 1e300, -0)).filter(([, , v]) => !Object.is(v, -0)).map(([model, i, v]) => {
    const y = Y_BIN.slice(); y[i] = v;
    return { label: `${model} y[${i}] = ${v}`, type: RangeError, names: new RegExp(`y\\[${i}\\]`), run: (e: Engine) => e.fit(e.dataset(X0, y), { ...VALID, model }) };
  }),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.constantFrom(-1, 0.5, 2.5, 1e-300)).map(([i, v]) => {
    const y = Y_CLS.slice(); y[i] = v;
    return { label: `softmax y[${i}] = ${v}`, type: RangeError, names: new RegExp(`y\\[${i}\\]`), run: (e: Engine) => e.fit(e.dataset(X0, y), { ...VALID, model: 'softmax' }) };
  }),
  fc.constantFrom<unknown>(1, 2, 0, 1.5, NaN, 2 ** 21).map((classes) => ({
    label: `softmax classes ${String(classes)} for labels 0…2`, type: RangeError, names: /classes/,
    run: (e: Engine) => e.fit(e.dataset(X0, Y_CLS), { ...VALID, model: 'softmax', classes } as FitOptions),
  })),
  fc.constant({ label: 'softmax on all-zero labels', type: RangeError, names: /classes/, run: (e: Engine) => e.fit(e.dataset(X0, [0, 0, 0, 0, 0]), { ...VALID, model: 'softmax' }) }),
);

/** Datasets that are disposed, foreign, or not datasets. */
const badHandles: fc.Arbitrary<BadCall> = fc.constantFrom<BadCall>(
  { label: 'disposed dataset', type: TypeError, names: /\bdata\b|Dataset/, run: (e) => { const d = e.dataset(X0, Y_REG); d.dispose(); d.dispose(); return e.fit(d, VALID); } },
  { label: 'rows of a disposed dataset', type: TypeError, names: /\bdata\b|Dataset/, run: (e) => { const d = e.dataset(X0, Y_REG); d.dispose(); return d.rows; } },
  { label: 'plain object as dataset', type: TypeError, names: /\bdata\b/, run: (e) => e.fit({ rows: 5, cols: 2, disposed: false, dispose() {} }, VALID) },
  { label: 'null as dataset', type: TypeError, names: /\bdata\b/, run: (e) => e.fit(null as never, VALID) },
  { label: "another engine's dataset", type: TypeError, names: /\bdata\b/, run: (e) => {
    const d = engines.find((x) => x.engine !== e)!.engine.dataset(X0, Y_REG);
    try { return e.fit(d, VALID); } finally { d.dispose(); }
  } },
);

/** The per-step optimizers. */
const badSteps: fc.Arbitrary<BadCall> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 5 }), nonFinite, fc.constantFrom('sgd', 'adam', 'adamw', 'rmsprop', 'adagrad'), fc.boolean()).map(([i, v, optimizer, typed]) => {
    const g: number[] | Float64Array = typed ? new Float64Array(6).fill(0.5) : new Array(6).fill(0.5); g[i] = v;
    return { label: `${optimizer} grad[${i}] = ${v}`, type: RangeError, names: new RegExp(`grad\\[${i}\\]`), run: (e: Engine) => stepKeeps(e, optimizer as never, g) };
  }),
  // Only values that ToNumber maps to NaN here: '1', null, true, [2] are silently coerced by step, and a Symbol or
  // BigInt throws an unnamed TypeError (a bug, pinned in test/regressions/step-grad-coercion.test.ts).
  fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom<unknown>('x', undefined, {})).map(([i, v]) => {
    const g = new Array<unknown>(6).fill(0.5); g[i] = v;
    return { label: `grad[${i}] = ${typeof v}`, type: TypeError, names: new RegExp(`grad\\[${i}\\]`), run: (e: Engine) => stepKeeps(e, 'sgd', g as never) };
  }),
  fc.integer({ min: 0, max: 12 }).filter((n) => n !== 6).map((n) => ({
    label: `grad of length ${n}`, type: RangeError, names: /grad/, run: (e: Engine) => stepKeeps(e, 'sgd', new Array(n).fill(0)),
  })),
  notAnArray.map((g) => ({ label: `grad = ${String(g)}`, type: Error as never, names: /grad/, run: (e: Engine) => stepKeeps(e, 'sgd', g as never) })),
  fc.tuple(fc.integer({ min: 0, max: 5 }), nonFinite).map(([i, v]) => {
    const p = new Array(6).fill(1); p[i] = v;
    return { label: `params[${i}] = ${v}`, type: RangeError, names: new RegExp(`params\\[${i}\\]`), run: (e: Engine) => e.sgd(p, { lr: 0.1 }) };
  }),
  fc.constantFrom<unknown>(0, -1, NaN, Infinity, 'x').map((lr) => ({
    label: `optimizer.lr = ${String(lr)}`, type: Error as never, names: /\blr\b/, run: (e: Engine) => { const o = e.sgd([1], { lr: 0.1 }); try { o.lr = lr as number; } finally { o.dispose(); } },
  })),
  fc.constantFrom<Record<string, unknown>>({ lr: 0.1, betas: [0.9, 0.99] }, { lr: 0.1, learningRate: 1 }, { lr: 0.1, eps: 1e-8 }).map((o) => ({
    label: `sgd options ${JSON.stringify(o)}`, type: TypeError, names: new RegExp(`"${Object.keys(o)[1]}"`), run: (e: Engine) => e.sgd([1, 2], o as never),
  })),
  fc.constant<BadCall>({ label: 'step after dispose', type: TypeError, names: /optimizer/, run: (e) => { const o = e.sgd([1], { lr: 0.1 }); o.dispose(); o.dispose(); o.step([1]); } }),
);

/** Steps with a bad gradient; the optimizer's parameters and step count must survive the refused step. */
function stepKeeps(e: Engine, optimizer: 'sgd' | 'adam', g: ArrayLike<number>): void {
  const o = e.optimizer([1, -2, 3, 0.5, 0, 1e-3], optimizer === 'sgd' ? { lr: 0.1, momentum: 0.9 } : { optimizer, lr: 0.1 });
  try {
    o.step([0.25, 0.5, -1, 2, 0, 1]);
    const before = o.state();
    try {
      o.step(g);
    } finally {
      expect(o.state()).toEqual(before);
    }
  } finally {
    o.dispose();
  }
}

const anyBadCall = fc.oneof(badDataset, badOptions, badLabels, badHandles, badSteps);

describe('bad input', () => {
  it(`throws a TypeError/RangeError naming the argument, leaks nothing, and the engine stays usable (${RUNS * 10} runs)`, () => {
    check(fc.property(anyBadCall, fc.nat({ max: 2 }), (bad, which) => {
      const { engine, reference, name } = engines[which % engines.length]!;
      let thrown: unknown = null;
      try {
        bad.run(engine);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, `${name}: ${bad.label} did not throw`).not.toBeNull();
      const err = thrown as Error;
      expect(err instanceof TypeError || err instanceof RangeError, `${bad.label}: ${String(err)}`).toBe(true);
      if (bad.type !== (Error as never)) expect(err, `${bad.label}: ${err.message}`).toBeInstanceOf(bad.type);
      expect(err.message, bad.label).toMatch(bad.names);
      // The engine stays usable: the next valid fit equals a fresh engine's, bit for bit. (Leaks: next test.)
      const fit = engine.fit(engine.dataset(X0, Y_REG), VALID);
      expect(sameArray(fit.weights, reference.weights) && Object.is(fit.intercept, reference.intercept) && sameArray(fit.loss, reference.loss)).toBe(true);
    }), RUNS * 10);
  });

  it('no error path leaks WASM memory (errors before work)', () => {
    for (const { engine } of engines) {
      check(fc.property(anyBadCall, (bad) => {
        // Run the call with datasets it creates tracked, then free them: what stays allocated is a leak.
        const made: { dispose(): void }[] = [];
        const tracking = new Proxy(engine, {
          get(target, key, recv) {
            if (key === 'dataset') return (X: never, y: never) => { const d = target.dataset(X, y); made.push(d); return d; };
            if (key === 'sgd' || key === 'optimizer') return (p: never, o: never) => { const d = (target as never as Record<string, (a: never, b: never) => { dispose(): void }>)[key as string]!(p, o); made.push(d); return d; };
            const v = Reflect.get(target, key, recv);
            return typeof v === 'function' ? v.bind(target) : v;
          },
        });
        const before = bytesInUse(engine);
        try { bad.run(tracking); } catch { /* expected */ }
        for (const d of made) d.dispose();
        expect(bytesInUse(engine), bad.label).toBe(before);
      }), RUNS * 3);
    }
  });
});
