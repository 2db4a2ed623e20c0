// Bad input of every kind gets a TypeError/RangeError naming the argument and what was expected, before any
// work, on every backend; the engine stays usable after each. Configs as data (PyTorch's common_optimizers style).
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../backends.js';
import { minimize, quadratic, type Dataset, type Engine } from '../../src/index.js';

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
  ['one-vs-rest labels not class indices', (e) => e.fit(e.dataset(X, [0, 1.5, 2]), { model: 'logistic', lr: 0.1 }), RangeError, "y must hold 0/1 labels (or booleans), or class indices 0…K−1 for a one-vs-rest fit, for model 'logistic': y[1] is not a non-negative integer"],
  ['one-vs-rest classes ≤ max label', (e, d) => e.fit(d, { model: 'hinge', lr: 0.1, classes: 3 }), RangeError, 'classes must exceed every label: got 3 classes and a label 3'],
  ['one-vs-rest label beyond 2²⁰', (e) => e.fit(e.dataset(X, [0, 2 ** 30, 1]), { model: 'logistic', lr: 0.1 }), RangeError, "y[1] = 1073741824 is not a class index: one-vs-rest for model 'logistic' takes classes 0…K−1 with K ≤ 2²⁰"],
  ['one-vs-rest initialWeights not K × d', (e, d) => e.fit(d, { model: 'logistic', lr: 0.1, initialWeights: [1, 2] }), RangeError, 'initialWeights must have length 8, got 2'],
  ['classes as a list of labels (scikit-learn\'s form)', (e) => e.partialFit(e.dataset(X, [0, 2, 1]), { model: 'softmax', lr: 0.1, classes: [0, 1, 2] as never }), TypeError, 'classes is the number of classes (labels 0 … classes − 1), not a list of labels: got an array of length 3; pass classes: 3'],
  ['classes with a regression model', (e, d) => e.fit(d, { lr: 0.1, classes: 3 } as never), RangeError, "classes applies to model 'logistic', 'hinge', 'softmax', 'squaredHinge', 'modifiedHuber' or 'perceptron' only, not 'linear'"],
  // The loss's ε (huber, epsilonInsensitive, squaredEpsilonInsensitive only).
  ['epsilon < 0', (e, d) => e.fit(d, { lr: 0.1, model: 'huber', epsilon: -0.1 }), RangeError, 'epsilon must be ≥ 0, got -0.1'],
  ['epsilon NaN', (e, d) => e.fit(d, { lr: 0.1, model: 'epsilonInsensitive', epsilon: NaN }), RangeError, 'epsilon must be finite, got NaN'],
  ['epsilon Infinity', (e, d) => e.fit(d, { lr: 0.1, model: 'squaredEpsilonInsensitive', epsilon: Infinity }), RangeError, 'epsilon must be finite, got Infinity'],
  ['epsilon string', (e, d) => e.fit(d, { lr: 0.1, model: 'huber', epsilon: '0.1' as never }), TypeError, 'epsilon must be a number, got "0.1" (string)'],
  ['epsilon on linear', (e, d) => e.fit(d, { lr: 0.1, epsilon: 0.1 } as never), RangeError, "epsilon applies to model 'huber', 'epsilonInsensitive' or 'squaredEpsilonInsensitive' only, not 'linear' (the optimizers' ε is eps)"],
  ['epsilon on a classifier', (e) => e.fit(e.dataset(X, [0, 1, 1]), { lr: 0.1, model: 'modifiedHuber', epsilon: 0.1 } as never), RangeError, "epsilon applies to model 'huber', 'epsilonInsensitive' or 'squaredEpsilonInsensitive' only, not 'modifiedHuber' (the optimizers' ε is eps)"],
  ['0/1 labels for squaredHinge', (e) => e.fit(e.dataset(X, [0, 1.5, 1]), { lr: 0.1, model: 'squaredHinge' }), RangeError, "y must hold 0/1 labels (or booleans), or class indices 0…K−1 for a one-vs-rest fit, for model 'squaredHinge': y[1] is not a non-negative integer"],
  ['unknown optimizer', (e, d) => e.fit(d, { lr: 0.1, optimizer: 'lbfgs' as never }), RangeError, /^optimizer must be one of 'sgd', 'adam', 'adamw', 'rmsprop', 'adagrad', 'adadelta', got "lbfgs" \(string\)$/],
  ['betas with sgd', (e, d) => e.fit(d, { lr: 0.1, betas: [0.9, 0.99] } as never), RangeError, "betas applies to optimizer 'adam' or 'adamw', not 'sgd'"],
  ['betas out of range', (e, d) => e.fit(d, { lr: 0.1, optimizer: 'adam', betas: [0.9, 1] }), RangeError, 'betas[1] must be in [0, 1), got 1'],
  ['betas not a pair', (e, d) => e.fit(d, { lr: 0.1, optimizer: 'adam', betas: [0.9] as never }), TypeError, 'betas must be a pair [beta1, beta2], got an array of length 1'],
  ['eps = 0', (e, d) => e.fit(d, { lr: 0.1, optimizer: 'adam', eps: 0 }), RangeError, 'eps must be > 0, got 0'],
  ['nesterov with adam', (e, d) => e.fit(d, { lr: 0.1, optimizer: 'adam', nesterov: true } as never), RangeError, "nesterov applies to optimizer 'sgd', not 'adam'"],
  ['adadelta rho > 1', (e, d) => e.fit(d, { lr: 1, optimizer: 'adadelta', rho: 1.5 }), RangeError, 'rho must be in [0, 1], got 1.5'],
  ['adadelta rho < 0', (e, d) => e.fit(d, { lr: 1, optimizer: 'adadelta', rho: -0.1 }), RangeError, 'rho must be in [0, 1], got -0.1'],
  ['adadelta rho NaN', (e, d) => e.fit(d, { lr: 1, optimizer: 'adadelta', rho: NaN }), RangeError, 'rho must be finite, got NaN'],
  ['adadelta eps = 0', (e, d) => e.fit(d, { lr: 1, optimizer: 'adadelta', eps: 0 }), RangeError, 'eps must be > 0, got 0'],
  ['adadelta eps < 0', (e, d) => e.optimizer([0], { lr: 1, optimizer: 'adadelta', eps: -1e-6 }), RangeError, 'eps must be > 0, got -0.000001'],
  ['adadelta momentum', (e, d) => e.fit(d, { lr: 1, optimizer: 'adadelta', momentum: 0.9 } as never), RangeError, "momentum applies to optimizer 'sgd' or 'rmsprop', not 'adadelta'"],
  ['average 2.5', (e, d) => e.fit(d, { lr: 0.1, average: 2.5 }), RangeError, 'average must be true, false or a positive integer (the first update averaged), got 2.5'],
  ['average 0', (e, d) => e.fit(d, { lr: 0.1, average: 0 }), RangeError, 'average must be true, false or a positive integer (the first update averaged), got 0'],
  ['average -3', (e, d) => e.fit(d, { lr: 0.1, average: -3 }), RangeError, 'average must be true, false or a positive integer (the first update averaged), got -3'],
  ['average NaN', (e, d) => e.fit(d, { lr: 0.1, average: NaN }), RangeError, 'average must be true, false or a positive integer (the first update averaged), got NaN'],
  ['average string', (e, d) => e.fit(d, { lr: 0.1, average: 'yes' as never }), TypeError, 'average must be true, false or a positive integer (the first update averaged), got "yes" (string)'],
  ['average > maxIterations', (e, d) => e.fit(d, { lr: 0.1, maxIterations: 10, average: 11 }), RangeError, 'average 11 starts after maxIterations 10: no iterate would be averaged'],
  ['average with the gradient rule', (e, d) => e.fit(d, { lr: 0.1, tol: 1e-6, average: true }), RangeError, /^average applies with stoppingRule 'sklearn' or without tol, not with the gradient rule/],
  ['average with lr auto', (e, d) => e.fit(d, { lr: 'auto', average: true }), RangeError, "average does not apply with lr/momentum 'auto' or restart (a rejected step would enter the average)"],
  ['adadelta unknown key', (e) => e.optimizer([0], { lr: 1, optimizer: 'adadelta', decay: 0.9 } as never), TypeError, /decay/],
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
  ['classWeight on a regression model', (e, d) => e.fit(d, { model: 'ridge', lr: 0.1, classWeight: 'balanced' }), RangeError, "classWeight applies to the classifiers ('logistic', 'hinge', 'softmax', 'squaredHinge', 'modifiedHuber', 'perceptron'), not 'ridge'; weight a regression model's rows with sampleWeight"],
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
  // Online learning: warmStart (fit) and partialFit (src/online.ts, src/options/online.ts)
  ['warmStart with initialWeights', (e, d) => e.fit(d, { lr: 0.1, warmStart: prior(e, d), initialWeights: [0, 0] }), RangeError, 'warmStart gives the starting weights and intercepts: pass it without initialWeights and initialIntercept'],
  ['warmStart of another model', (e, d) => e.fit(d, { lr: 0.1, model: 'ridge', warmStart: prior(e, d) }), RangeError, "warmStart is a 'linear' model, but this fit's model is 'ridge'"],
  ['warmStart other columns', (e, d) => e.fit(e.dataset(X.map((r) => [r[0]!]), y), { lr: 0.1, warmStart: prior(e, d) }), RangeError, 'warmStart has 2 columns, but the data have 1'],
  ['warmStart not a model', (e, d) => e.fit(d, { lr: 0.1, warmStart: 5 as never }), TypeError, 'warmStart must be a FitResult, a Model or its toJSON() (model, cols, classes, weights, intercepts), got 5'],
  ['warmStart intercept, no fitIntercept', (e, d) => e.fit(d, { lr: 0.1, fitIntercept: false, warmStart: prior(e, d) }), RangeError, 'warmStart has a non-zero intercept, but fitIntercept is false (the intercept is fixed at 0)'],
  ['warmStart weight NaN', (e, d) => e.fit(d, { lr: 0.1, warmStart: { ...prior(e, d).toJSON(), weights: [1, NaN] } }), RangeError, 'warmStart.weights[1] must be finite, got NaN'],
  ['partialFit other columns', (e, d) => e.partialFit(e.dataset(X.map((r) => [r[0]!]), y), { lr: 0.1, from: e.partialFit(d, { lr: 0.1 }) }), RangeError, 'data must have 2 columns, as the state continued (from), got 1'],
  ['partialFit unseen class', (e, d) => e.partialFit(e.dataset(X, [0, 2, 1]), { model: 'softmax', lr: 0.1, from: e.partialFit(e.dataset(X, [0, 1, 0]), { model: 'softmax', classes: 2, lr: 0.1 }) }), RangeError, 'y holds the class 2, unseen by the state continued (from), whose classes are 0…1 (give every class on the first call: classes)'],
  ['partialFit one-vs-rest without classes', (e) => e.partialFit(e.dataset(X, [0, 2, 1]), { model: 'hinge', lr: 0.1 }), RangeError, "classes is required on the first partialFit call of a one-vs-rest model ('hinge' with labels up to 2): a later chunk may hold classes this one does not, as scikit-learn's partial_fit"],
  ['partialFit one-vs-rest unseen class', (e) => e.partialFit(e.dataset(X, [0, 3, 1]), { model: 'hinge', lr: 0.1, from: e.partialFit(e.dataset(X, [0, 2, 1]), { model: 'hinge', classes: 3, lr: 0.1 }) }), RangeError, 'y holds the class 3, unseen by the state continued (from), whose classes are 0…2 (give every class on the first call: classes)'],
  ['partialFit one-vs-rest other K', (e) => e.partialFit(e.dataset(X, [0, 2, 1]), { model: 'hinge', classes: 4, lr: 0.1, from: e.partialFit(e.dataset(X, [0, 2, 1]), { model: 'hinge', classes: 3, lr: 0.1 }) }), RangeError, 'classes cannot change between partialFit calls: the state continued (from) has 3, this call 4'],
  ['partialFit one-vs-rest state of one class', (e) => e.partialFit(e.dataset(X, [0, 2, 1]), { model: 'hinge', lr: 0.1, from: { ...e.partialFit(e.dataset(X, [0, 2, 1]), { model: 'hinge', classes: 3, lr: 0.1 }).optimizerState!, weights: [0, 0] } }), RangeError, 'from.weights must have length 6, got 2'],
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
  // 'auto' and restart (issue 18): the per-step API sees gradients only; minimize has the function
  ['optimizer lr auto', (e) => e.optimizer([1], { lr: 'auto' as never }), RangeError, "lr: 'auto' needs the objective (L is estimated from it and each step judged by it), which engine.optimizer never sees (it is given gradients only): use minimize(fn, start, { lr: 'auto' }) for a function of two variables or engine.fit for a model, or give a number (η = 1/L for an L-smooth objective)"],
  ['sgd momentum auto', (e) => e.sgd([1], { lr: 0.1, momentum: 'auto' as never }), RangeError, "momentum: 'auto' needs the objective (L is estimated from it and each step judged by it), which engine.sgd never sees (it is given gradients only): use minimize(fn, start, { momentum: 'auto' }) for a function of two variables or engine.fit for a model, or give a number (η = 1/L for an L-smooth objective)"],
  ['sgd restart', (e) => e.sgd([1], { lr: 0.1, momentum: 0.9, restart: 'function' } as never), TypeError, /^Unknown sgd option "restart": restart compares objective values, which a per-step optimizer never sees \(it is given gradients only\): use minimize\(fn, start, \{ restart, … \}\) for a function of two variables or engine\.fit for a model; known options: /],
  ['optimizer.lr = auto', (e) => { e.sgd([1], { lr: 0.1 }).lr = 'auto' as never; }, RangeError, "lr = 'auto' needs the objective, which a per-step optimizer never sees (it is given gradients only): use minimize(fn, start, { lr: 'auto' }) or engine.fit, or set a number (η = 1/L for an L-smooth objective)"],
  ['minimize lr auto with adam', (e) => minimize(quadratic(2), [1, 1], { optimizer: 'adam', lr: 'auto', engine: e }), RangeError, "lr: 'auto' applies to optimizer 'sgd' (a step and momentum from L and μ), not 'adam'"],
  ['minimize auto with weightDecay', (e) => minimize(quadratic(2), [1, 1], { lr: 'auto', weightDecay: 0.1, engine: e }), RangeError, "weightDecay must be 0 with lr/momentum 'auto' or restart in minimize (each step is judged by f, which the decay λ·θ is not part of), got 0.1; add (λ/2)·‖θ‖² to f instead"],
  ['minimize momentum auto with dampening', (e) => minimize(quadratic(2), [1, 1], { lr: 0.1, momentum: 'auto', dampening: 0.5, engine: e }), RangeError, "momentum: 'auto' requires dampening 0, got 0.5"],
  ['minimize restart without momentum', (e) => minimize(quadratic(2), [1, 1], { lr: 0.1, restart: 'gradient', engine: e }), RangeError, "restart: 'gradient' resets the velocity: it needs momentum > 0 or momentum: 'auto'"],
  ['minimize restart misspelt', (e) => minimize(quadratic(2), [1, 1], { lr: 0.1, momentum: 0.9, restart: 'func' as never, engine: e }), RangeError, `restart must be 'function', 'gradient' or 'none', got "func" (string)`],
  ['minimize lr Auto', (e) => minimize(quadratic(2), [1, 1], { lr: ' auto' as never, engine: e }), RangeError, `lr must be a finite number > 0 or 'auto', got " auto" (string) (did you mean 'auto'?)`],
  // Networks (issue 16): y = [1, 2, 3] are class indices (K = 4) for mlpClassifier.
  ['hidden empty', (e, d) => e.fit(d, { model: 'mlpClassifier', lr: 0.1, hidden: [] }), TypeError, 'hidden must be a non-empty array of layer widths (e.g. [64, 32]), got an array of length 0'],
  ['hidden 0 units', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, hidden: [3, 0] }), RangeError, 'hidden[1] must be an integer number of units in [1, 65536], got 0'],
  ['hidden fractional', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, hidden: [1.5] }), RangeError, 'hidden[0] must be an integer number of units in [1, 65536], got 1.5'],
  ['activation unknown', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, activation: 'softplus' as never }), RangeError, /^activation must be 'relu', 'tanh', 'sigmoid' or 'identity', got "softplus" \(string\)/],
  ['hidden on a linear model', (e, d) => e.fit(d, { lr: 0.1, hidden: [3] } as never), RangeError, "hidden applies to model 'mlpClassifier' or 'mlpRegressor' only, not 'linear'"],
  ['mlp fitIntercept', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, fitIntercept: false } as never), RangeError, "fitIntercept does not apply to model 'mlpRegressor': every layer of a network has biases"],
  ['mlp penalty l1', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, penalty: 'l1' } as never), RangeError, "penalty must be 'l2' or 'none' for model 'mlpRegressor' (alpha is the L2 penalty on the weights), got \"l1\" (string)"],
  ['mlp misspelt', (e, d) => e.fit(d, { model: 'mlpClasifier', lr: 0.1 } as never), RangeError, /^model must be one of 'linear', .*'squaredEpsilonInsensitive', 'mlpClassifier', 'mlpRegressor', got "mlpClasifier" \(string\) \(did you mean 'mlpClassifier'\?\)$/],
  ['mlp epsilon', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, epsilon: 0.1 } as never), RangeError, "epsilon does not apply to model 'mlpRegressor': it is the robust regression losses' ε (a network's head is the squared, logistic or softmax loss)"],
  ['mlp warmStart of a linear model', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, warmStart: prior(e, d) } as never), RangeError, "warmStart is a 'linear' model, but this fit's model is 'mlpRegressor'"],
  ['mlp warmStart other hidden', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, hidden: [3], warmStart: e.fit(d, { model: 'mlpRegressor', lr: 0.1, hidden: [2], maxIterations: 1 }) }), RangeError, 'warmStart has hidden [2], but this fit has hidden [3]'],
  ['mlp partialFit', (e, d) => e.partialFit(d, { model: 'mlpRegressor', lr: 0.1 } as never), RangeError, "partialFit does not fit networks (model 'mlpRegressor') yet: fit them with engine.fit"],
  // Several targets per row (mlpRegressor only).
  ['y of 2 targets, linear model', (e) => e.fit(e.dataset(X, [[1, 2], [3, 4], [5, 6]]), { lr: 0.1 }), RangeError, "y has 2 targets per row (n rows of 2): model 'linear' fits one target per row (a 1-D y); several targets are for model 'mlpRegressor'"],
  ['y of 2 targets, mlpClassifier', (e) => e.fit(e.dataset(X, { data: [0, 1, 1, 0, 0, 1], rows: 3, cols: 2 }), { model: 'mlpClassifier', lr: 0.1 }), RangeError, "y has 2 targets per row (n rows of 2): model 'mlpClassifier' fits one target per row (a 1-D y); several targets are for model 'mlpRegressor'"],
  ['y of 2 targets, partialFit', (e) => e.partialFit(e.dataset(X, [[1, 2], [3, 4], [5, 6]]), { model: 'ridge', lr: 0.1 }), RangeError, "y has 2 targets per row (n rows of 2): model 'ridge' fits one target per row (a 1-D y); several targets are for model 'mlpRegressor'"],
  ['y targets ragged', (e) => e.dataset(X, [[1, 2], [3], [5, 6]]), RangeError, 'y is ragged: y[1] has 1 targets, expected 2 (the length of y[0])'],
  ['y targets rows', (e) => e.dataset(X, [[1], [2]]), RangeError, 'y must have one row of targets per row of X: 3 rows, got 2'],
  ['y targets NaN', (e) => e.dataset(X, [[1, 2], [3, NaN], [5, 6]]), RangeError, 'y[1][1] must be finite, got NaN'],
  ['y targets string', (e) => e.dataset(X, [[1, '2'], [3, 4], [5, 6]] as never), TypeError, 'y[0][1] must be a number, got "2" (string)'],
  ['y targets empty row', (e) => e.dataset(X, [[], [], []]), RangeError, 'y[0] must hold at least one target, got an empty row'],
  ['y matrix length', (e) => e.dataset(X, { data: [1, 2, 3], rows: 3, cols: 2 }), RangeError, 'y.data must have rows·cols = 3·2 = 6 elements, got 3'],
  ['y matrix rows', (e) => e.dataset(X, { data: [1, 2], rows: 1, cols: 2 }), RangeError, 'y.rows must be the number of rows of X, 3, got 1'],
  ['y matrix cols', (e) => e.dataset(X, { data: [1, 2, 3], rows: 3, cols: 0 }), RangeError, 'y.cols must be a positive integer (targets per row), got 0'],
  ['y matrix Infinity', (e) => e.dataset(X, { data: new Float64Array([1, 2, 3, Infinity, 5, 6]), rows: 3, cols: 2 }), RangeError, 'y.data[3] (row 1, target 1) must be finite, got Infinity'],
  ['score with 1 target per row for 2', (e) => e.fit(e.dataset(X, [[1, 2], [3, 4], [5, 6]]), { model: 'mlpRegressor', hidden: [2], lr: 0.01, maxIterations: 1 }).score(X, y), RangeError, 'y must hold 2 targets per row for this network (n rows of 2 numbers, or { data, rows: 3, cols: 2 }), got an array of length 3'],
  // Weighted networks: the linear models' checks, naming the network.
  ['mlp sampleWeight negative', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, sampleWeight: [1, -1, 1] }), RangeError, 'sampleWeight[1] must be a finite number ≥ 0, got -1'],
  ['mlp sampleWeight length', (e, d) => e.fit(d, { model: 'mlpClassifier', lr: 0.1, sampleWeight: [1, 1] }), RangeError, 'sampleWeight must have one weight per row of X: length 3, got 2'],
  ['mlp sampleWeight all 0', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, sampleWeight: [0, 0, 0] }), RangeError, 'sampleWeight: every training row has weight 0 (sampleWeight·classWeight): the objective would have no data term; give some rows a positive weight'],
  ['mlp class with weight 0', (e, d) => e.fit(d, { model: 'mlpClassifier', lr: 0.1, sampleWeight: [1, 0, 1] }), RangeError, 'sampleWeight: class 2 has total weight 0 over its 1 training rows (sampleWeight·classWeight): the fit would ignore the class; drop those rows or give them a positive weight'],
  ['mlp sampleWeight twice', (e) => e.fit(e.dataset(X, y, { sampleWeight: [1, 2, 1] }), { model: 'mlpRegressor', lr: 0.1, sampleWeight: [1, 1, 1] }), RangeError, /^sampleWeight was given twice/],
  ['mlp classWeight on the regressor', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, classWeight: 'balanced' } as never), RangeError, "classWeight applies to model 'mlpClassifier', not 'mlpRegressor'; weight a regression network's rows with sampleWeight"],
  ['mlp classWeight unknown class', (e, d) => e.fit(d, { model: 'mlpClassifier', lr: 0.1, classWeight: { 5: 1 } }), RangeError, 'classWeight names an unknown class "5": the classes are 0 … 3'],
  ['mlp classWeight misspelt', (e, d) => e.fit(d, { model: 'mlpClassifier', lr: 0.1, classWeight: 'balance' as never }), RangeError, "classWeight must be 'balanced', an object { class: weight } or an array of one weight per class, got \"balance\" (string); did you mean 'balanced'?"],
  ['mlp initialWeights length', (e, d) => e.fit(d, { model: 'mlpRegressor', lr: 0.1, hidden: [2], initialWeights: [1] }), RangeError, 'initialWeights must have length 9, got 1'],
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
    await expect(createEngine({ thread: 2 } as never)).rejects.toThrow(TypeError);
    await expect(createEngine({ thread: 2 } as never)).rejects.toThrow(/threads/); // did you mean
  });
});
