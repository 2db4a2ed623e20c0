// Every public function refuses an argument it does not take, and every options object a key it does not know,
// with a TypeError that names the function (or the options) and, for keys, the nearest known name ("did you mean").
// One checker does both (src/options.ts: checkArgCount, checkKeys); this table is the public API's list.
import { describe, expect, it } from 'vitest';
import {
  Estimator, LinearModel, accuracy, confusionMatrix, createEngine, createStandardizer, fit, iterationsToReach, leastSquares,
  logLoss, createRandom, meanSquaredError, minimize, progressLogger, quadratic, r2Score, referenceData, referenceExperiment,
  standardize, tableToMatrix, testFunctions, trainTestSplit,
} from '../../src/index.js';
import { loadBreastCancer, loadDigits, parseCsv } from '../../src/datasets.js';
import { BACKENDS } from '../backends.js';

type Call = (...args: unknown[]) => unknown;
const f = (g: unknown) => g as Call;
const X = [[0], [1], [2], [3]], y = [0, 1, 0, 1];
const model = LinearModel.fromJSON({ format: 'momentum-gd/model@1', model: 'logistic', cols: 1, classes: 2, weights: [1], intercepts: [0] });
const scaler = standardize(X);
// Unfitted: the argument count is checked before "not fitted yet".
const est = new Estimator({ lr: 0.1 });
const logger = progressLogger({ write: () => {} });
const random = createRandom(1);

/** [name, the call with its full argument list, the function's signature as the message gives it]. */
const FUNCTIONS: [string, (extra: unknown) => unknown, string][] = [
  ['accuracy', (e) => f(accuracy)(y, y, e), 'accuracy(yTrue, yPred) takes 2 arguments'],
  ['confusionMatrix', (e) => f(confusionMatrix)(y, y, 2, e), 'confusionMatrix(yTrue, yPred, k) takes 3 arguments'],
  ['r2Score', (e) => f(r2Score)(y, y, e), 'r2Score(yTrue, yPred) takes 2 arguments'],
  ['meanSquaredError', (e) => f(meanSquaredError)(y, y, e), 'meanSquaredError(yTrue, yPred) takes 2 arguments'],
  ['logLoss', (e) => f(logLoss)(y, [0.5, 0.5, 0.5, 0.5], e), 'logLoss(yTrue, proba) takes 2 arguments'],
  ['standardize', (e) => f(standardize)(X, e), 'standardize(X) takes 1 argument'],
  ['createStandardizer', (e) => f(createStandardizer)({ mean: [0], scale: [1] }, e), 'createStandardizer(stats) takes 1 argument'],
  ['transform', (e) => f(scaler.transform)(X, e), 'transform(X) takes 1 argument'],
  ['trainTestSplit', (e) => f(trainTestSplit)(X, y, { seed: 1 }, e), 'trainTestSplit(X, y, options) takes 3 arguments'],
  ['minimize', (e) => f(minimize)(quadratic(2), [1, 1], { lr: 0.1 }, e), 'minimize(fn, start, options) takes 3 arguments'],
  ['iterationsToReach', (e) => f(iterationsToReach)({ points: new Float64Array(2) }, [[0, 0]], 1, e), 'iterationsToReach(result, targets, radius) takes 3 arguments'],
  ['referenceData', (e) => f(referenceData)(1, 10, e), 'referenceData(seed, n) takes 2 arguments'],
  ['quadratic', (e) => f(quadratic)(2, 'q', e), 'quadratic(kappa, name) takes 2 arguments'],
  ['createRandom', (e) => f(createRandom)(1, e), 'createRandom(seed) takes 1 argument'],
  ['leastSquares', (e) => f(leastSquares)(X, [0, 1, 2, 3], true, e), 'leastSquares(X, y, fitIntercept) takes 3 arguments'],
  ['LinearModel.fromJSON', (e) => f(LinearModel.fromJSON)(model.toJSON(), e), 'LinearModel.fromJSON(json) takes 1 argument'],
  ['predict', (e) => f(model.predict.bind(model))(X, e), 'predict(X) takes 1 argument'],
  ['predictProba', (e) => f(model.predictProba.bind(model))(X, e), 'predictProba(X) takes 1 argument'],
  ['decisionFunction', (e) => f(model.decisionFunction.bind(model))(X, e), 'decisionFunction(X) takes 1 argument'],
  ['score', (e) => f(model.score.bind(model))(X, y, e), 'score(X, y) takes 2 arguments'],
  ['new Estimator', (e) => new (Estimator as unknown as new (...a: unknown[]) => unknown)({ lr: 0.1 }, e), 'new Estimator(options) takes 1 argument'],
  ['Estimator#predict', (e) => f(est.predict.bind(est))(X, e), 'predict(X) takes 1 argument'],
  ['Estimator#predictProba', (e) => f(est.predictProba.bind(est))(X, e), 'predictProba(X) takes 1 argument'],
  ['Estimator#decisionFunction', (e) => f(est.decisionFunction.bind(est))(X, e), 'decisionFunction(X) takes 1 argument'],
  ['Estimator#score', (e) => f(est.score.bind(est))(X, y, e), 'score(X, y) takes 2 arguments'],
  ['progressLogger', (e) => f(progressLogger)({}, e), 'progressLogger(options) takes 1 argument'],
  ['progressLogger#done', (e) => f(logger.done)({ status: 'converged', iterations: 1, epochs: 1, finalLoss: 0, epochLoss: new Float64Array(1) }, e), 'done(fit) takes 1 argument'],
  ['parseCsv', (e) => f(parseCsv)('a\n1\n', e), 'parseCsv(text) takes 1 argument'],
  ['progressLogger callback', (e) => f(logger)({ epoch: 1, iteration: 1, loss: 1 }, e), 'progressLogger callback(progress) takes 1 argument'],
  ['tableToMatrix', (e) => f(tableToMatrix)({ a: [1, 2], b: [0, 1] }, 'b', e), 'tableToMatrix(X, y) takes 2 arguments'],
  ['random.uniform', (e) => f(random.uniform)(e), 'uniform() takes 0 arguments'],
  ['random.normal', (e) => f(random.normal)(e), 'normal() takes 0 arguments'],
  ['random.int', (e) => f(random.int)(3, e), 'int(n) takes 1 argument'],
  ...Object.values(testFunctions).flatMap((tf): [string, (extra: unknown) => unknown, string][] => [
    [`${tf.name}.f`, (e) => f(tf.f)(0.5, 0.5, e), `${tf.name}.f(x, y) takes 2 arguments`],
    [`${tf.name}.grad`, (e) => f(tf.grad)(0.5, 0.5, e), `${tf.name}.grad(x, y) takes 2 arguments`],
  ]),
  ['quadratic(κ).f', (e) => f(quadratic(3).f)(1, 1, e), 'quadratic(κ=3).f(x, y) takes 2 arguments'],
];

/** The same for the functions that return a promise: they reject, before any work. */
const ASYNC_FUNCTIONS: [string, (extra: unknown) => unknown, string][] = [
  ['fit', (e) => f(fit)(X, y, { lr: 0.1 }, e), 'fit(X, y, options) takes 3 arguments'],
  ['Estimator#fit', (e) => f(est.fit.bind(est))(X, y, {}, e), 'fit(X, y, options) takes 3 arguments'],
  ['loadBreastCancer', (e) => f(loadBreastCancer)({}, e), 'loadBreastCancer(options) takes 1 argument'],
  ['loadDigits', (e) => f(loadDigits)({}, e), 'loadDigits(options) takes 1 argument'],
];

describe('extra positional arguments are errors', () => {
  it.each(FUNCTIONS)('%s', (_, call, message) => {
    expect(() => call({ sampleWeight: [1] })).toThrow(TypeError);
    expect(() => call({ sampleWeight: [1] })).toThrow(`${message}, got`);
    expect(() => call(undefined)).toThrow(/is not used; remove it/);
  });
  it.each(ASYNC_FUNCTIONS)('%s', async (_, call, message) => {
    await expect(call({ sampleWeight: [1] })).rejects.toThrow(TypeError);
    await expect(call({ sampleWeight: [1] })).rejects.toThrow(`${message}, got`);
    await expect(call(undefined)).rejects.toThrow(/is not used; remove it/);
  });
  it('createEngine', async () => {
    await expect(f(createEngine)({}, {})).rejects.toThrow(new TypeError('createEngine(options) takes 1 argument, got 2: argument 2 ([object Object]) is not used; remove it'));
  });
});

/** [what, a call with one unknown key, the message's start]: every options object of the public API. */
const OPTIONS: [string, () => unknown, string][] = [
  ['trainTestSplit', () => trainTestSplit(X, y, { seed: 1, test_size: 0.5 } as never), 'Unknown split option "test_size" (did you mean "testFraction"?)'],
  ['minimize', () => minimize(quadratic(2), [1, 1], { lr: 0.1, learning_rate: 1 } as never), 'Unknown minimize option "learning_rate" (did you mean "lr"?)'],
  ['createStandardizer', () => createStandardizer({ mean: [0], scale: [1], means: [0] } as never), 'Unknown createStandardizer stats option "means" (did you mean "mean"?)'],
  ['referenceExperiment', () => referenceExperiment({} as never, { seeds: 1 } as never), 'Unknown referenceExperiment option "seeds" (did you mean "seed"?)'],
  ['progressLogger', () => progressLogger({ intervall: 0 } as never), 'Unknown progressLogger option "intervall" (did you mean "interval"?); known options: write, interval, epochs, label'],
  ['new Estimator', () => new Estimator({ lr: 0.1, verbos: true } as never), 'Unknown Estimator option "verbos" (did you mean "verbose"?)'],
];

/** The same for the functions that return a promise. */
const ASYNC_OPTIONS: [string, () => Promise<unknown>, string][] = [
  ['loadBreastCancer', () => loadBreastCancer({ path: 'x' } as never), 'Unknown loadBreastCancer option "path" (did you mean "url"?); known options: url'],
  ['loadDigits', () => loadDigits({ utl: 'x' } as never), 'Unknown loadDigits option "utl" (did you mean "url"?); known options: url'],
  // The one-call fit knows the engine's options and verbose, and lists them.
  ['fit', () => fit(X, y, { lr: 0.1, simdd: false } as never), 'Unknown fit option "simdd" (did you mean "simd"?)'],
  ['fit lists backend, simd, threads, verbose', () => fit(X, y, { lr: 0.1, bakend: 'js' } as never), ', warmStart, sampleWeight, classWeight, average, hidden, activation, backend, simd, threads, verbose'],
];

describe('unknown option names are errors with "did you mean"', () => {
  it.each(OPTIONS)('%s', (_, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });
  it.each(ASYNC_OPTIONS)('%s', async (_, call, message) => {
    await expect(call()).rejects.toThrow(TypeError);
    await expect(call()).rejects.toThrow(message);
  });
  it('createEngine', async () => {
    await expect(createEngine({ backnd: 'js' } as never)).rejects.toThrow('Unknown createEngine option "backnd" (did you mean "backend"?)');
  });
});

describe.each(BACKENDS)('engine methods and their options [$name]', ({ create }) => {
  it('every engine and optimizer method refuses an extra argument', async () => {
    const engine = await create();
    const data = engine.dataset(X, y);
    const opt = engine.optimizer([1], { optimizer: 'adam', lr: 0.1 });
    const calls: [() => unknown, string][] = [
      [() => f(engine.dataset.bind(engine))(X, y, {}, {}), 'engine.dataset(X, y, options) takes 3 arguments'],
      [() => f(engine.fit.bind(engine))(data, { lr: 0.1 }, {}), 'engine.fit(data, options) takes 2 arguments'],
      [() => f(engine.sgd.bind(engine))([1], { lr: 0.1 }, {}), 'engine.sgd(params, options) takes 2 arguments'],
      [() => f(engine.optimizer.bind(engine))([1], { lr: 0.1 }, {}), 'engine.optimizer(params, options) takes 2 arguments'],
      [() => f(opt.step.bind(opt))([1], 0.5), 'step(grad) takes 1 argument'],
      [() => f(opt.state.bind(opt))(true), 'state() takes 0 arguments'],
      [() => f(opt.loadState.bind(opt))(opt.state(), {}), 'loadState(state) takes 1 argument'],
      [() => f(opt.toString.bind(opt))(16), 'toString() takes 0 arguments'],
      [() => f(opt.dispose.bind(opt))(true), 'dispose() takes 0 arguments'],
      [() => f(data.dispose.bind(data))(true), 'dataset.dispose() takes 0 arguments'],
    ];
    for (const [call, message] of calls) expect(call).toThrow(`${message}, got`);
    await expect(f(engine.fitAsync.bind(engine))(data, { lr: 0.1 }, {})).rejects.toThrow('engine.fitAsync(data, options) takes 2 arguments, got 3');
  });
  it('every options object refuses an unknown key, with the nearest name', async () => {
    const engine = await create();
    const data = engine.dataset(X, y);
    const opt = engine.optimizer([1], { optimizer: 'adam', lr: 0.1 });
    const calls: [() => unknown, string][] = [
      [() => engine.fit(data, { lr: 0.1, epochs: 5 } as never), 'Unknown fit option "epochs" (did you mean "maxEpochs"?)'],
      [() => engine.fit(data, { lr: 0.1, stoppingrule: 'sklearn' } as never), 'Unknown fit option "stoppingrule" (did you mean "stoppingRule"?)'],
      [() => engine.fit(data, { lr: 0.1, schedule: { type: 'step', stepSize: 2, gama: 0.5 } } as never), 'Unknown schedule option "gama" (did you mean "gamma"?)'],
      [() => engine.sgd([1], { lr: 0.1, nesterow: true } as never), 'Unknown sgd option "nesterow" (did you mean "nesterov"?)'],
      [() => engine.optimizer([1], { lr: 0.1, beta: [0.9, 0.99] } as never), 'Unknown optimizer option "beta" (did you mean "momentum"?)'],
      [() => opt.loadState({ ...opt.state(), steps: 1 } as never), 'Unknown state option "steps" (did you mean "step"?)'],
      [() => opt.loadState({ ...opt.state(), buffers: { expAvg: [0], exp_avg_sq: [0] } } as never), 'Unknown state.buffers (adam) option "exp_avg_sq" (did you mean "expAvgSq"?)'],
    ];
    for (const [call, message] of calls) {
      expect(call).toThrow(TypeError);
      expect(call).toThrow(message);
    }
  });
});

/**
 * [the key a user types, the option "did you mean" names]: names from PyTorch, scikit-learn and Keras, matched
 * case-insensitively and without underscores, and typos of them. The suggestion is what the user meant, never
 * the nearest string (`learningrate` used to suggest stoppingRule).
 */
const MEANT: [string, string][] = [
  ['learningrate', 'lr'], ['lerningRate', 'lr'], ['LearningRate', 'lr'], ['learning_rate', 'lr'], ['eta0', 'lr'], ['eta', 'lr'],
  ['loss', 'model'], ['l1_ratio', 'l1Ratio'], ['maxIter', 'maxEpochs'], ['max_iter', 'maxEpochs'], ['n_iter', 'maxEpochs'],
  ['epochs', 'maxEpochs'], ['beta', 'momentum'], ['mu', 'momentum'], ['batch_size', 'batchSize'], ['random_state', 'seed'],
  ['n_iter_no_change', 'nIterNoChange'], ['validation_fraction', 'validationFraction'], ['fit_intercept', 'fitIntercept'],
  ['weight_decay', 'weightDecay'], ['stoppingrule', 'stoppingRule'], ['momentun', 'momentum'], ['Momentum', 'momentum'],
  ['maxIteration', 'maxIterations'], ['coef_init', 'initialWeights'],
];

describe.each(BACKENDS)('did you mean [$name]', ({ create }) => {
  it.each(MEANT)('%s → %s', async (key, meant) => {
    const engine = await create();
    const data = engine.dataset(X, y);
    const call = () => engine.fit(data, { lr: 0.1, [key]: 1 } as never);
    expect(call).toThrow(TypeError);
    expect(call).toThrow(new RegExp(`^Unknown fit option "${key}" \\(did you mean "${meant}"\\?\\); known options: model, `));
  });
  it('epsilon (PyTorch\'s eps spelled out) on a model without the loss\'s ε names the models and eps', async () => {
    // epsilon is an option (huber and the ε-insensitive losses, scikit-learn's name): no longer a typo of eps.
    const engine = await create();
    expect(() => engine.fit(engine.dataset(X, y), { lr: 0.1, optimizer: 'adam', epsilon: 1e-8 } as never)).toThrow(new RangeError(
      "epsilon applies to model 'huber', 'epsilonInsensitive' or 'squaredEpsilonInsensitive' only, not 'linear' (the optimizers' ε is eps)"));
  });
  it('suggests nothing when no name is close, and still lists the known options', async () => {
    const engine = await create();
    const data = engine.dataset(X, y);
    for (const key of ['zzzzzz', 'q', 'shrinkage']) {
      expect(() => engine.fit(data, { lr: 0.1, [key]: 1 } as never)).toThrow(new RegExp(`^Unknown fit option "${key}"; known options: model, alpha, `));
    }
    expect(() => engine.sgd([1], { lr: 0.1, foo: 1 } as never)).toThrow(
      new TypeError('Unknown sgd option "foo"; known options: lr, momentum, dampening, nesterov, weightDecay, maximize'));
  });
  it('options of the one-call fit and of createEngine, given to engine.fit, say where they belong', async () => {
    const engine = await create();
    const data = engine.dataset(X, y);
    const cases: [string, string][] = [
      ['verbose', 'Unknown fit option "verbose": engine.fit reports progress through onProgress: pass onProgress: progressLogger() (verbose is an option of the one-call fit(X, y, options)); known options: model, '],
      ['backend', 'Unknown fit option "backend": the backend is chosen when the engine is made: createEngine({ backend }), or the one-call fit(X, y, { backend, … }); known options: model, '],
      ['simd', 'Unknown fit option "simd": SIMD is chosen when the engine is made: createEngine({ simd }), or the one-call fit(X, y, { simd, … }); known options: model, '],
    ];
    for (const [key, message] of cases) {
      expect(() => engine.fit(data, { lr: 0.1, [key]: true } as never)).toThrow(TypeError);
      expect(() => engine.fit(data, { lr: 0.1, [key]: true } as never)).toThrow(message);
    }
  });
  it('engine.sgd given another optimizer\'s option names the optimizers it applies to, as engine.optimizer does', async () => {
    const engine = await create();
    const cases: [Record<string, unknown>, string][] = [
      [{ betas: [0.9, 0.99] }, "betas applies to optimizer 'adam' or 'adamw', not 'sgd' (use engine.optimizer(params, { optimizer: 'adam', betas, … }))"],
      [{ rho: 0.9 }, "rho applies to optimizer 'rmsprop' or 'adadelta', not 'sgd'"],
      [{ lrDecay: 0.1 }, "lrDecay applies to optimizer 'adagrad', not 'sgd'"],
      [{ eps: 1e-8 }, "eps applies to optimizer 'adam' or 'adamw' or 'rmsprop' or 'adagrad' or 'adadelta', not 'sgd'"],
      [{ optimizer: 'adam' }, 'engine.sgd makes an SGD optimizer; for another one use engine.optimizer(params, { optimizer, … })'],
    ];
    for (const [extra, message] of cases) {
      const key = Object.keys(extra)[0]!;
      expect(() => engine.sgd([1], { lr: 0.1, ...extra } as never)).toThrow(TypeError);
      expect(() => engine.sgd([1], { lr: 0.1, ...extra } as never)).toThrow(`Unknown sgd option "${key}": ${message}`);
    }
    // engine.optimizer's wording for the same mistake.
    expect(() => engine.optimizer([1], { lr: 0.1, betas: [0.9, 0.99] })).toThrow("betas applies to optimizer 'adam' or 'adamw', not 'sgd'");
  });
});
