// Every public function refuses an argument it does not take, and every options object a key it does not know,
// with a TypeError that names the function (or the options) and, for keys, the nearest known name ("did you mean").
// One checker does both (src/options.ts: checkArgCount, checkKeys); this table is the public API's list.
import { describe, expect, it } from 'vitest';
import {
  LinearModel, accuracy, confusionMatrix, createEngine, createStandardizer, iterationsToReach, leastSquares, logLoss,
  createRandom, meanSquaredError, minimize, quadratic, r2Score, referenceData, referenceExperiment, standardize, trainTestSplit,
} from '../../src/index.js';
import { BACKENDS } from '../backends.js';

type Call = (...args: unknown[]) => unknown;
const f = (g: unknown) => g as Call;
const X = [[0], [1], [2], [3]], y = [0, 1, 0, 1];
const model = LinearModel.fromJSON({ format: 'momentum-gd/model@1', model: 'logistic', cols: 1, classes: 2, weights: [1], intercepts: [0] });
const scaler = standardize(X);

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
];

describe('extra positional arguments are errors', () => {
  it.each(FUNCTIONS)('%s', (_, call, message) => {
    expect(() => call({ sampleWeight: [1] })).toThrow(TypeError);
    expect(() => call({ sampleWeight: [1] })).toThrow(`${message}, got`);
    expect(() => call(undefined)).toThrow(/is not used; remove it/);
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
];

describe('unknown option names are errors with "did you mean"', () => {
  it.each(OPTIONS)('%s', (_, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
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
      [() => f(engine.dataset.bind(engine))(X, y, {}), 'engine.dataset(X, y) takes 2 arguments'],
      [() => f(engine.fit.bind(engine))(data, { lr: 0.1 }, {}), 'engine.fit(data, options) takes 2 arguments'],
      [() => f(engine.sgd.bind(engine))([1], { lr: 0.1 }, {}), 'engine.sgd(params, options) takes 2 arguments'],
      [() => f(engine.optimizer.bind(engine))([1], { lr: 0.1 }, {}), 'engine.optimizer(params, options) takes 2 arguments'],
      [() => f(opt.step.bind(opt))([1], 0.5), 'step(grad) takes 1 argument'],
      [() => f(opt.state.bind(opt))(true), 'state() takes 0 arguments'],
      [() => f(opt.loadState.bind(opt))(opt.state(), {}), 'loadState(state) takes 1 argument'],
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
