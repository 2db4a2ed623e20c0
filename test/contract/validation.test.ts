// Bad input of every kind gets a TypeError/RangeError naming the argument and what was expected, before any
// work, on every backend; the engine stays usable after each. Configs as data (PyTorch's common_optimizers style).
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import type { Dataset, Engine } from '../../src/index.js';

type Case = [label: string, run: (e: Engine, d: Dataset) => unknown, error: ErrorConstructor, message: string | RegExp];

const X = [[1, 2], [3, 4], [5, 7]];
const y = [1, 2, 3];

const CASES: Case[] = [
  // Data
  ['empty X', (e) => e.dataset([], []), RangeError, 'X must have at least one row, got 0 rows'],
  ['empty rows', (e) => e.dataset([[], []], [1, 2]), RangeError, 'X must have at least one column, got 0 columns'],
  ['ragged X', (e) => e.dataset([[1, 2], [3]], [1, 2]), RangeError, 'X is ragged: X[1] has length 1, expected 2 (the length of X[0])'],
  ['NaN in X', (e) => e.dataset([[1, 2], [3, NaN]], [1, 2]), RangeError, 'X[1][1] must be finite, got NaN'],
  ['Infinity in X', (e) => e.dataset({ data: new Float64Array([1, Infinity]), rows: 1, cols: 2 }, [1]), RangeError, 'X.data[1] (row 0, column 1) must be finite, got Infinity'],
  ['string in X', (e) => e.dataset([[1, '2' as unknown as number]], [1]), TypeError, 'X[0][1] must be a number, got "2" (string)'],
  ['X not a matrix', (e) => e.dataset(42 as never, [1]), TypeError, 'X must be an array of rows or { data, rows, cols }, got 42'],
  ['wrong data length', (e) => e.dataset({ data: new Float64Array(5), rows: 2, cols: 3 }, [1, 2]), RangeError, 'X.data must have rows·cols = 2·3 = 6 elements, got 5'],
  ['bad rows', (e) => e.dataset({ data: new Float64Array(4), rows: 0, cols: 4 }, []), RangeError, 'X.rows must be a positive integer, got 0'],
  ['y too short', (e) => e.dataset(X, [1, 2]), RangeError, 'y must have one value per row of X: length 3, got 2'],
  ['NaN in y', (e) => e.dataset(X, [1, NaN, 3]), RangeError, 'y[1] must be finite, got NaN'],
  ['y not an array', (e) => e.dataset(X, 'abc' as never), TypeError, 'y must be an array or typed array of numbers, got "abc" (string)'],
  // Hyperparameters
  ['lr missing', (e, d) => e.fit(d, {} as never), TypeError, 'lr is required: a finite number > 0'],
  ['lr = 0', (e, d) => e.fit(d, { lr: 0 }), RangeError, 'lr must be > 0, got 0'],
  ['lr < 0', (e, d) => e.fit(d, { lr: -0.1 }), RangeError, 'lr must be > 0, got -0.1'],
  ['lr NaN', (e, d) => e.fit(d, { lr: NaN }), RangeError, 'lr must be finite, got NaN'],
  ['lr Infinity', (e, d) => e.fit(d, { lr: Infinity }), RangeError, 'lr must be finite, got Infinity'],
  ['lr string', (e, d) => e.fit(d, { lr: '0.1' as never }), TypeError, 'lr must be a number, got "0.1" (string)'],
  ['momentum = 1', (e, d) => e.fit(d, { lr: 0.1, momentum: 1 }), RangeError, 'momentum must be in [0, 1), got 1'],
  ['momentum < 0', (e, d) => e.fit(d, { lr: 0.1, momentum: -0.5 }), RangeError, 'momentum must be in [0, 1), got -0.5'],
  ['dampening > 1', (e, d) => e.fit(d, { lr: 0.1, dampening: 1.5 }), RangeError, 'dampening must be in [0, 1], got 1.5'],
  ['weightDecay < 0', (e, d) => e.fit(d, { lr: 0.1, weightDecay: -1 }), RangeError, 'weightDecay must be in [0, 1.7976931348623157e+308], got -1'],
  ['nesterov, β = 0', (e, d) => e.fit(d, { lr: 0.1, nesterov: true }), RangeError, "nesterov requires momentum > 0 and dampening = 0 (PyTorch's rule), got momentum 0, dampening 0"],
  ['nesterov, τ ≠ 0', (e, d) => e.fit(d, { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true }), RangeError, "nesterov requires momentum > 0 and dampening = 0 (PyTorch's rule), got momentum 0.9, dampening 0.1"],
  ['maxIterations 0', (e, d) => e.fit(d, { lr: 0.1, maxIterations: 0 }), RangeError, /^maxIterations must be a positive integer ≤ \d+, got 0$/],
  ['maxIterations 2.5', (e, d) => e.fit(d, { lr: 0.1, maxIterations: 2.5 }), RangeError, /^maxIterations must be a positive integer ≤ \d+, got 2.5$/],
  ['tol < 0', (e, d) => e.fit(d, { lr: 0.1, tol: -1 }), RangeError, 'tol must be ≥ 0, got -1'],
  ['nesterov not boolean', (e, d) => e.fit(d, { lr: 0.1, momentum: 0.9, nesterov: 1 as never }), TypeError, 'nesterov must be a boolean, got 1'],
  ['initialWeights length', (e, d) => e.fit(d, { lr: 0.1, initialWeights: [1] }), RangeError, 'initialWeights must have length 2, got 1'],
  ['initialWeights NaN', (e, d) => e.fit(d, { lr: 0.1, initialWeights: [1, NaN] }), RangeError, 'initialWeights[1] must be finite, got NaN'],
  ['unknown model', (e, d) => e.fit(d, { lr: 0.1, model: 'tree' as never }), RangeError, /^model must be one of 'linear'.*, got "tree" \(string\)$/],
  ['typo learningRate', (e, d) => e.fit(d, { learningRate: 0.1 } as never), TypeError, /^Unknown fit option "learningRate" \(did you mean "lr"\?\); known options: /],
  ['typo momentun', (e, d) => e.fit(d, { lr: 0.1, momentun: 0.9 } as never), TypeError, /^Unknown fit option "momentun" \(did you mean "momentum"\?\)/],
  ['options not object', (e, d) => e.fit(d, 0.1 as never), TypeError, 'options must be an options object, got 0.1'],
  ['foreign dataset', (e) => e.fit({ rows: 3, cols: 2 } as never, { lr: 0.1 }), TypeError, /^data must be a Dataset made by this engine's dataset\(X, y\)/],
  // Models and training options
  ['alpha < 0', (e, d) => e.fit(d, { model: 'ridge', lr: 0.1, alpha: -1 }), RangeError, 'alpha must be in [0, 1.7976931348623157e+308], got -1'],
  ['alpha with linear', (e, d) => e.fit(d, { lr: 0.1, alpha: 0.5 } as never), RangeError, "alpha must be 0 for model 'linear' (use model 'ridge' for an L2 penalty), got 0.5"],
  ['classes without softmax', (e, d) => e.fit(d, { lr: 0.1, classes: 3 } as never), RangeError, "classes applies to model 'softmax' only, not 'linear'"],
  ['unknown optimizer', (e, d) => e.fit(d, { lr: 0.1, optimizer: 'lbfgs' as never }), RangeError, /^optimizer must be one of 'sgd', 'adam', 'adamw', 'rmsprop', 'adagrad', got "lbfgs" \(string\)$/],
  ['betas with sgd', (e, d) => e.fit(d, { lr: 0.1, betas: [0.9, 0.99] } as never), RangeError, "betas applies to optimizer 'adam' or 'adamw', not 'sgd'"],
  ['betas out of range', (e, d) => e.fit(d, { lr: 0.1, optimizer: 'adam', betas: [0.9, 1] }), RangeError, 'betas[1] must be in [0, 1), got 1'],
  ['betas not a pair', (e, d) => e.fit(d, { lr: 0.1, optimizer: 'adam', betas: [0.9] as never }), TypeError, 'betas must be a pair [beta1, beta2], got an array of length 1'],
  ['eps = 0', (e, d) => e.fit(d, { lr: 0.1, optimizer: 'adam', eps: 0 }), RangeError, 'eps must be > 0, got 0'],
  ['nesterov with adam', (e, d) => e.fit(d, { lr: 0.1, optimizer: 'adam', nesterov: true } as never), RangeError, "nesterov applies to optimizer 'sgd', not 'adam'"],
  ['batchSize 0', (e, d) => e.fit(d, { lr: 0.1, batchSize: 0 }), RangeError, /^batchSize must be a positive integer ≤ \d+, got 0$/],
  ['batchSize > rows', (e, d) => e.fit(d, { lr: 0.1, batchSize: 4 }), RangeError, 'batchSize must be ≤ the 3 training rows, got 4'],
  ['seed not an integer', (e, d) => e.fit(d, { lr: 0.1, seed: 1.5 }), TypeError, 'seed must be an integer, got 1.5'],
  ['maxEpochs 0', (e, d) => e.fit(d, { lr: 0.1, maxEpochs: 0 }), RangeError, /^maxEpochs must be a positive integer ≤ \d+, got 0$/],
  ['schedule type', (e, d) => e.fit(d, { lr: 0.1, schedule: { type: 'linear' } as never }), RangeError, /^schedule.type must be 'step', 'exponential', 'invscaling' or 'cosine', got "linear"/],
  ['schedule stepSize missing', (e, d) => e.fit(d, { lr: 0.1, schedule: { type: 'step' } as never }), TypeError, 'schedule.stepSize is required for a step schedule'],
  ['schedule unknown key', (e, d) => e.fit(d, { lr: 0.1, schedule: { type: 'exponential', gamma: 0.5, gama: 1 } as never }), TypeError, 'Unknown schedule option "gama" (did you mean "gamma"?); known options: type, stepSize, gamma, power, tMax, etaMin'],
  ['validationFraction 1', (e, d) => e.fit(d, { lr: 0.1, validationFraction: 1 }), RangeError, 'validationFraction must be in [0, 1) (0 holds nothing out), got 1'],
  ['progressEvery 0', (e, d) => e.fit(d, { lr: 0.1, progressEvery: 0 }), RangeError, /^progressEvery must be a positive integer ≤ \d+, got 0$/],
  ['onProgress not a function', (e, d) => e.fit(d, { lr: 0.1, onProgress: 5 as never }), TypeError, 'onProgress must be a function, got 5'],
  ['signal not a signal', (e, d) => e.fit(d, { lr: 0.1, signal: {} as never }), TypeError, "signal must be an AbortSignal, got an object without `aborted`; pass an AbortController's signal"],
  // Per-step optimizer
  ['sgd params NaN', (e) => e.sgd([1, NaN], { lr: 0.1 }), RangeError, 'params[1] must be finite, got NaN'],
  ['sgd typo', (e) => e.sgd([1], { lr: 0.1, weight_decay: 0.1 } as never), TypeError, /^Unknown sgd option "weight_decay" \(did you mean "weightDecay"\?\)/],
  ['sgd momentum', (e) => e.sgd([1], { lr: 0.1, momentum: 2 }), RangeError, 'momentum must be in [0, 1), got 2'],
  // Online learning: warmStart (fit) and partialFit (src/online.ts, src/options/online.ts)
  ['warmStart with initialWeights', (e, d) => e.fit(d, { lr: 0.1, warmStart: prior(e, d), initialWeights: [0, 0] }), RangeError, 'warmStart gives the starting weights and intercepts: pass it without initialWeights and initialIntercept'],
  ['warmStart of another model', (e, d) => e.fit(d, { lr: 0.1, model: 'ridge', warmStart: prior(e, d) }), RangeError, "warmStart is a 'linear' model, but this fit's model is 'ridge'"],
  ['warmStart other columns', (e, d) => e.fit(e.dataset(X.map((r) => [r[0]!]), y), { lr: 0.1, warmStart: prior(e, d) }), RangeError, 'warmStart has 2 columns, but the data have 1'],
  ['warmStart not a model', (e, d) => e.fit(d, { lr: 0.1, warmStart: 5 as never }), TypeError, 'warmStart must be a FitResult, a Model or its toJSON() (model, cols, classes, weights, intercepts), got 5'],
  ['warmStart intercept, no fitIntercept', (e, d) => e.fit(d, { lr: 0.1, fitIntercept: false, warmStart: prior(e, d) }), RangeError, 'warmStart has a non-zero intercept, but fitIntercept is false (the intercept is fixed at 0)'],
  ['warmStart weight NaN', (e, d) => e.fit(d, { lr: 0.1, warmStart: { ...prior(e, d).toJSON(), weights: [1, NaN] } }), RangeError, 'warmStart.weights[1] must be finite, got NaN'],
  ['partialFit other columns', (e, d) => e.partialFit(e.dataset(X.map((r) => [r[0]!]), y), { lr: 0.1, from: e.partialFit(d, { lr: 0.1 }) }), RangeError, 'data must have 2 columns, as the state continued (from), got 1'],
  ['partialFit unseen class', (e, d) => e.partialFit(e.dataset(X, [0, 2, 1]), { model: 'softmax', lr: 0.1, from: e.partialFit(e.dataset(X, [0, 1, 0]), { model: 'softmax', classes: 2, lr: 0.1 }) }), RangeError, 'y holds the class 2, unseen by the state continued (from), whose classes are 0…1 (give every class on the first call: classes)'],
  ['partialFit softmax without classes', (e) => e.partialFit(e.dataset(X, [0, 1, 0]), { model: 'softmax', lr: 0.1 }), RangeError, "classes is required on the first partialFit call of model 'softmax' (a later chunk may hold classes this one does not), as scikit-learn's partial_fit"],
  ['partialFit momentum changed', (e, d) => e.partialFit(d, { lr: 0.1, momentum: 0.5, from: e.partialFit(d, { lr: 0.1, momentum: 0.9 }) }), RangeError, 'momentum cannot change between partialFit calls: the state continued (from) has 0.9, this call 0.5'],
  ['partialFit alpha changed', (e, d) => e.partialFit(d, { lr: 0.1, model: 'ridge', alpha: 0.5, from: e.partialFit(d, { lr: 0.1, model: 'ridge' }) }), RangeError, 'alpha cannot change between partialFit calls: the state continued (from) has 0.0001, this call 0.5'],
  ['partialFit model changed', (e, d) => e.partialFit(d, { lr: 0.1, model: 'ridge', from: e.partialFit(d, { lr: 0.1 }) }), RangeError, 'model cannot change between partialFit calls: the state continued (from) has "linear" (string), this call "ridge" (string)'],
  ['partialFit tol', (e, d) => e.partialFit(d, { lr: 0.1, tol: 0.1 } as never), RangeError, "tol does not apply to partialFit: there is no early stopping within a call (as scikit-learn's partial_fit)"],
  ['partialFit maxIterations', (e, d) => e.partialFit(d, { lr: 0.1, maxIterations: 5 } as never), RangeError, 'maxIterations does not apply to partialFit: each call runs one epoch over its chunk'],
  ['partialFit lr auto', (e, d) => e.partialFit(d, { lr: 'auto' }), RangeError, "lr 'auto' does not apply to partialFit (it estimates from the whole data set): give a number"],
  ['partialFit from a fit', (e, d) => e.partialFit(d, { lr: 0.1, from: prior(e, d) }), TypeError, "from is a result without optimizerState (a result of engine.fit, or a partialFit call that diverged or was aborted): pass a fit's result as warmStart to start a sequence from its weights"],
  ['partialFit from not a state', (e, d) => e.partialFit(d, { lr: 0.1, from: { format: 'x' } as never }), TypeError, "from must be a partialFit result or its optimizerState (format 'momentum-gd/online@1'), got [object Object]"],
  ['partialFit from and warmStart', (e, d) => e.partialFit(d, { lr: 0.1, from: e.partialFit(d, { lr: 0.1 }), warmStart: prior(e, d) }), RangeError, 'warmStart starts a new sequence of partialFit calls; `from` continues one: pass one of them'],
  ['partialFit state step', (e, d) => e.partialFit(d, { lr: 0.1, from: { ...e.partialFit(d, { lr: 0.1 }).optimizerState!, step: -1 } }), RangeError, 'from.step must be a non-negative integer, got -1'],
  ['partialFit state weights', (e, d) => e.partialFit(d, { lr: 0.1, from: { ...e.partialFit(d, { lr: 0.1 }).optimizerState!, weights: [1] } }), RangeError, 'from.weights must have length 2, got 1'],
  ['fit with from', (e, d) => e.fit(d, { lr: 0.1, from: null } as never), TypeError, /^Unknown fit option "from": from continues a sequence of engine.partialFit calls; engine.fit starts from a previous model with warmStart/],
];

/** A fitted linear model of the table's data (one update), to start from. */
function prior(e: Engine, d: Dataset) {
  return e.fit(d, { lr: 0.01, maxIterations: 1 });
}

describe.each(BACKENDS)('validation [$name]', ({ create }) => {
  it.each(CASES)('%s', async (_label, run, ErrorClass, message) => {
    const engine = await create();
    const data = engine.dataset(X, y);
    let thrown: unknown;
    try {
      run(engine, data);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ErrorClass);
    if (typeof message === 'string') expect((thrown as Error).message).toBe(message);
    else expect((thrown as Error).message).toMatch(message);
    // The engine is still usable and right: X·(0.5, 0.25)-ish data fits as before.
    const fit = engine.fit(data, { lr: 0.01, maxIterations: 3 });
    expect(fit.loss[0]).toBe((1 + 4 + 9) / 6);
  });

  it('rejects unknown engine options', async () => {
    const { createEngine } = await import('../../src/index.js');
    await expect(createEngine({ backend: 'gpu' as never })).rejects.toThrow(new RangeError(`backend must be 'auto', 'wasm' or 'js', got "gpu" (string)`));
    await expect(createEngine({ threads: 2 } as never)).rejects.toThrow(TypeError);
  });
});
