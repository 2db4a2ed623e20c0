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
  ['alpha with linear', (e, d) => e.fit(d, { lr: 0.1, alpha: 0.5 } as never), RangeError, "alpha must be 0 for model 'linear' without a penalty (use model 'ridge' for an L2 penalty, or penalty 'l1' or 'elasticnet'), got 0.5"],
  // Penalties (issue 15): the name, l1Ratio, the model's rule, the optimizer settings a proximal step cannot be made correct with
  ['penalty unknown', (e, d) => e.fit(d, { lr: 0.1, penalty: 'L1' as never }), RangeError, `penalty must be 'l2', 'l1', 'elasticnet' or 'none', got "L1" (string) (did you mean 'l1'?)`],
  ['penalty lasso', (e, d) => e.fit(d, { lr: 0.1, penalty: 'lasso' as never }), RangeError, `penalty must be 'l2', 'l1', 'elasticnet' or 'none', got "lasso" (string) (did you mean 'l1'?)`],
  ['penalty elastic_net', (e, d) => e.fit(d, { lr: 0.1, penalty: 'elastic_net' as never }), RangeError, `penalty must be 'l2', 'l1', 'elasticnet' or 'none', got "elastic_net" (string) (did you mean 'elasticnet'?)`],
  ['penalty not a string', (e, d) => e.fit(d, { lr: 0.1, penalty: 1 as never }), RangeError, `penalty must be 'l2', 'l1', 'elasticnet' or 'none', got 1`],
  ['l1Ratio > 1', (e, d) => e.fit(d, { lr: 0.1, penalty: 'elasticnet', l1Ratio: 1.5 }), RangeError, 'l1Ratio must be in [0, 1], got 1.5'],
  ['l1Ratio < 0', (e, d) => e.fit(d, { lr: 0.1, penalty: 'elasticnet', l1Ratio: -0.1 }), RangeError, 'l1Ratio must be in [0, 1], got -0.1'],
  ['l1Ratio NaN', (e, d) => e.fit(d, { lr: 0.1, penalty: 'elasticnet', l1Ratio: NaN }), RangeError, 'l1Ratio must be finite, got NaN'],
  ['l1Ratio string', (e, d) => e.fit(d, { lr: 0.1, penalty: 'elasticnet', l1Ratio: '0.5' as never }), TypeError, 'l1Ratio must be a number, got "0.5" (string)'],
  ['l1Ratio with l1', (e, d) => e.fit(d, { lr: 0.1, penalty: 'l1', l1Ratio: 0.5 } as never), RangeError, "l1Ratio applies to penalty 'elasticnet' only, not 'l1': set penalty 'elasticnet'"],
  ['l1Ratio with ridge', (e, d) => e.fit(d, { lr: 0.1, model: 'ridge', l1Ratio: 0.5 } as never), RangeError, "l1Ratio applies to penalty 'elasticnet' only, not 'l2' (the default of model 'ridge'): set penalty 'elasticnet'"],
  ['l1 with ridge', (e, d) => e.fit(d, { lr: 0.1, model: 'ridge', penalty: 'l1' } as never), RangeError, "penalty 'l1' contradicts model 'ridge' (the L2 penalty of model 'linear'): use model 'linear' with penalty 'l1'"],
  ['elasticnet with ridge', (e, d) => e.fit(d, { lr: 0.1, model: 'ridge', penalty: 'elasticnet' } as never), RangeError, "penalty 'elasticnet' contradicts model 'ridge' (the L2 penalty of model 'linear'): use model 'linear' with penalty 'elasticnet'"],
  ['alpha with none', (e, d) => e.fit(d, { lr: 0.1, model: 'ridge', penalty: 'none', alpha: 0.1 } as never), RangeError, "alpha must be 0 with penalty 'none', got 0.1"],
  ['l1 with maximize', (e, d) => e.fit(d, { lr: 0.1, penalty: 'l1', maximize: true }), RangeError, "maximize does not apply with penalty 'l1': its proximal step minimises α·ρ·‖w‖₁; set maximize false or penalty 'l2'"],
  ['elasticnet with adamw', (e, d) => e.fit(d, { lr: 0.1, penalty: 'elasticnet', optimizer: 'adamw' }), RangeError, "optimizer 'adamw' with weightDecay 0.01 does not apply with penalty 'elasticnet': decoupled weight decay has no objective whose optimum the fit would reach; use optimizer 'adam' (weightDecay adds the coupled λ·w) or weightDecay: 0"],
  ['l1 with lr auto', (e, d) => e.fit(d, { lr: 'auto', penalty: 'l1' }), RangeError, "lr: 'auto' does not apply with penalty 'l1': its step rules judge steps by a smooth objective's gradient, and the L1 part is a proximal step; set a numeric lr and momentum (and no restart), or penalty 'l2'"],
  ['l1 with momentum auto', (e, d) => e.fit(d, { lr: 0.1, momentum: 'auto', penalty: 'l1' }), RangeError, "momentum: 'auto' does not apply with penalty 'l1': its step rules judge steps by a smooth objective's gradient, and the L1 part is a proximal step; set a numeric lr and momentum (and no restart), or penalty 'l2'"],
  ['l1 with restart', (e, d) => e.fit(d, { lr: 0.1, momentum: 0.9, restart: 'function', penalty: 'l1' }), RangeError, "restart: 'function' does not apply with penalty 'l1': its step rules judge steps by a smooth objective's gradient, and the L1 part is a proximal step; set a numeric lr and momentum (and no restart), or penalty 'l2'"],
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
  // Sample and class weights (issue 15)
  ['sampleWeight negative', (e, d) => e.fit(d, { lr: 0.1, sampleWeight: [1, -1, 1] }), RangeError, 'sampleWeight[1] must be a finite number ≥ 0, got -1'],
  ['sampleWeight NaN', (e, d) => e.fit(d, { lr: 0.1, sampleWeight: new Float64Array([1, 1, NaN]) }), RangeError, 'sampleWeight[2] must be a finite number ≥ 0, got NaN'],
  ['sampleWeight Infinity', (e, d) => e.fit(d, { lr: 0.1, sampleWeight: [Infinity, 1, 1] }), RangeError, 'sampleWeight[0] must be a finite number ≥ 0, got Infinity'],
  ['sampleWeight length', (e, d) => e.fit(d, { lr: 0.1, sampleWeight: [1, 1] }), RangeError, 'sampleWeight must have one weight per row of X: length 3, got 2'],
  ['sampleWeight type', (e, d) => e.fit(d, { lr: 0.1, sampleWeight: 'abc' as never }), TypeError, 'sampleWeight must be an array or typed array of numbers (one weight ≥ 0 per row), got "abc" (string)'],
  ['sampleWeight element type', (e, d) => e.fit(d, { lr: 0.1, sampleWeight: [1, '1', 1] as never }), TypeError, 'sampleWeight[1] must be a number, got "1" (string)'],
  ['sampleWeight all 0', (e, d) => e.fit(d, { lr: 0.1, sampleWeight: [0, 0, 0] }), RangeError, 'sampleWeight: every training row has weight 0 (sampleWeight·classWeight): the objective would have no data term; give some rows a positive weight'],
  ['dataset sampleWeight negative', (e) => e.dataset(X, y, { sampleWeight: [1, -2, 1] }), RangeError, 'sampleWeight[1] must be a finite number ≥ 0, got -2'],
  ['dataset sampleWeight BigInt', (e) => e.dataset(X, y, { sampleWeight: new BigInt64Array(3) as never }), TypeError, 'sampleWeight must be an array or typed array of numbers (one weight ≥ 0 per row), got [object BigInt64Array]'],
  ['dataset option typo', (e) => e.dataset(X, y, { sample_weights: [1, 1, 1] } as never), TypeError, /^Unknown engine.dataset option "sample_weights" \(did you mean "sampleWeight"\?\)/],
  ['dataset options not object', (e) => e.dataset(X, y, 5 as never), TypeError, 'options must be an options object, got 5'],
  ['class with weight 0', (e) => e.fit(e.dataset(X, [0, 1, 0]), { model: 'logistic', lr: 0.1, sampleWeight: [1, 0, 1] }), RangeError, 'sampleWeight: class 1 has total weight 0 over its 1 training rows (sampleWeight·classWeight): the fit would ignore the class; drop those rows or give them a positive weight'],
  ['classWeight on a regression model', (e, d) => e.fit(d, { model: 'ridge', lr: 0.1, classWeight: 'balanced' }), RangeError, "classWeight applies to the classifiers ('logistic', 'hinge', 'softmax'), not 'ridge'; weight a regression model's rows with sampleWeight"],
  ['classWeight unknown class', (e) => e.fit(e.dataset(X, [0, 1, 0]), { model: 'logistic', lr: 0.1, classWeight: { 2: 1 } }), RangeError, 'classWeight names an unknown class "2": the classes are 0 and 1'],
  ['classWeight negative', (e) => e.fit(e.dataset(X, [0, 1, 0]), { model: 'logistic', lr: 0.1, classWeight: { 1: -1 } }), RangeError, 'classWeight[1] must be a finite number ≥ 0, got -1'],
  ['classWeight NaN in an array', (e) => e.fit(e.dataset(X, [0, 1, 2]), { model: 'softmax', lr: 0.1, classWeight: [1, NaN, 1] }), RangeError, 'classWeight[1] must be a finite number ≥ 0, got NaN'],
  ['classWeight array length', (e) => e.fit(e.dataset(X, [0, 1, 2]), { model: 'softmax', lr: 0.1, classWeight: [1, 2] }), RangeError, 'classWeight as an array must have one weight per class: length 3 (the classes are 0 … 2), got 2'],
  ['classWeight misspelt', (e) => e.fit(e.dataset(X, [0, 1, 0]), { model: 'hinge', lr: 0.1, classWeight: 'balance' as never }), RangeError, "classWeight must be 'balanced', an object { class: weight } or an array of one weight per class, got \"balance\" (string); did you mean 'balanced'?"],
  ['classWeight type', (e) => e.fit(e.dataset(X, [0, 1, 0]), { model: 'logistic', lr: 0.1, classWeight: 2 as never }), TypeError, "classWeight must be 'balanced', an object { class: weight } or an array of one weight per class, got 2"],
  // Per-step optimizer
  ['sgd params NaN', (e) => e.sgd([1, NaN], { lr: 0.1 }), RangeError, 'params[1] must be finite, got NaN'],
  ['sgd typo', (e) => e.sgd([1], { lr: 0.1, weight_decay: 0.1 } as never), TypeError, /^Unknown sgd option "weight_decay" \(did you mean "weightDecay"\?\)/],
  ['sgd momentum', (e) => e.sgd([1], { lr: 0.1, momentum: 2 }), RangeError, 'momentum must be in [0, 1), got 2'],
  // Networks (issue 16): y = [1, 2, 3] are class indices (K = 4) for mlpClassifier.
  ['hidden empty', (e, d) => e.fit(d, { model: 'mlpClassifier', lr: 0.1, hidden: [] }), TypeError, 'hidden must be a non-empty array of layer widths (e.g. [64, 32]), got an array of length 0'],
  ['hidden 0 units', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, hidden: [3, 0] }), RangeError, 'hidden[1] must be an integer number of units in [1, 65536], got 0'],
  ['hidden fractional', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, hidden: [1.5] }), RangeError, 'hidden[0] must be an integer number of units in [1, 65536], got 1.5'],
  ['activation unknown', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, activation: 'softplus' as never }), RangeError, /^activation must be 'relu', 'tanh', 'sigmoid' or 'identity', got "softplus" \(string\)/],
  ['hidden on a linear model', (e, d) => e.fit(d, { lr: 0.1, hidden: [3] } as never), RangeError, "hidden applies to model 'mlpClassifier' or 'mlpRegressor' only, not 'linear'"],
  ['mlp fitIntercept', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, fitIntercept: false } as never), RangeError, "fitIntercept does not apply to model 'mlpRegressor': every layer of a network has biases"],
  ['mlp penalty l1', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, penalty: 'l1' } as never), RangeError, "penalty must be 'l2' or 'none' for model 'mlpRegressor' (alpha is the L2 penalty on the weights), got \"l1\" (string)"],
  ['mlp initialWeights length', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, hidden: [2], initialWeights: [1] }), RangeError, 'initialWeights must have length 9, got 1'],
];

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
