// The option types are discriminated unions (src/types.ts): an option of another optimizer or model is a type
// error, as it is a RangeError at run time (test/contract/validation.test.ts pins the run-time side). Checked by
// tsc through vitest's typecheck mode (vitest.config.ts); every `@ts-expect-error` below fails the run if the
// union is loosened and the line starts to compile.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  Dataset, Engine, FitOptions, FitOptionsRecord, FitResult, ModelName, NetworkFitResult, OptimizerName, OptimizerOptions, SgdOptions,
} from '../../src/index.js';
import { Estimator, fit, minimize, quadratic } from '../../src/index.js';

declare const engine: Engine;
declare const data: Dataset;

describe('FitOptions: typed per optimizer', () => {
  it('accepts each optimizer with its own options', () => {
    engine.fit(data, { lr: 0.1, momentum: 0.9, nesterov: true, dampening: 0 });
    engine.fit(data, { lr: 0.1, optimizer: 'sgd', momentum: 0.9 });
    engine.fit(data, { lr: 0.1, optimizer: 'adam', betas: [0.9, 0.99], eps: 1e-8, weightDecay: 0 });
    engine.fit(data, { lr: 0.1, optimizer: 'adamw', betas: [0.9, 0.99], weightDecay: 0.01 });
    engine.fit(data, { lr: 0.1, optimizer: 'rmsprop', rho: 0.9, momentum: 0.5, eps: 1e-8 });
    engine.fit(data, { lr: 0.1, optimizer: 'adagrad', lrDecay: 0.01, eps: 1e-10 });
  });
  it("rejects another optimizer's options", () => {
    // @ts-expect-error nesterov is SGD's
    engine.fit(data, { lr: 0.1, optimizer: 'adam', nesterov: true });
    // @ts-expect-error momentum is SGD's and RMSprop's
    engine.fit(data, { lr: 0.1, optimizer: 'adamw', momentum: 0.9 });
    // @ts-expect-error dampening is SGD's
    engine.fit(data, { lr: 0.1, optimizer: 'rmsprop', dampening: 0.1 });
    // @ts-expect-error betas are Adam's: the default optimizer is SGD
    engine.fit(data, { lr: 0.1, betas: [0.9, 0.99] });
    // @ts-expect-error eps is not SGD's
    engine.fit(data, { lr: 0.1, optimizer: 'sgd', eps: 1e-8 });
    // @ts-expect-error rho is RMSprop's
    engine.fit(data, { lr: 0.1, optimizer: 'adagrad', rho: 0.9 });
    // @ts-expect-error lrDecay is Adagrad's
    engine.fit(data, { lr: 0.1, optimizer: 'adam', lrDecay: 0.1 });
    // @ts-expect-error momentum is not Adadelta's
    engine.fit(data, { lr: 1, optimizer: 'adadelta', momentum: 0.9 });
    // @ts-expect-error not an optimizer
    engine.fit(data, { lr: 0.1, optimizer: 'lbfgs' });
    // Not only object literals (excess-property checks): another optimizer's options are typed never.
    const adamNesterov = { optimizer: 'adam', lr: 0.1, nesterov: true } as const;
    // @ts-expect-error nesterov is SGD's
    engine.fit(data, adamNesterov);
    const sgdBetas = { lr: 0.1, betas: [0.9, 0.99] } as const;
    // @ts-expect-error betas are Adam's
    engine.fit(data, sgdBetas);
  });
});

describe('FitOptions: typed per model', () => {
  it('accepts each model with its own options', () => {
    engine.fit(data, { lr: 0.1 });
    engine.fit(data, { lr: 0.1, model: 'linear', alpha: 0 });
    engine.fit(data, { lr: 0.1, model: 'ridge', alpha: 0.1 });
    engine.fit(data, { lr: 0.1, model: 'logistic', alpha: 0.1, optimizer: 'adam' });
    engine.fit(data, { lr: 0.1, model: 'hinge', momentum: 0.9, nesterov: true });
    engine.fit(data, { lr: 0.1, model: 'logistic', classes: 10 }); // one-vs-rest
    engine.fit(data, { lr: 0.1, model: 'softmax', classes: 3, optimizer: 'rmsprop', rho: 0.9 });
  });
  it("rejects another model's options", () => {
    // alpha on the linear model without a penalty: a RangeError at run time (test/contract/validation.test.ts), not a
    // type error since the linear model takes penalties (one union member per model: see ModelOptions).
    engine.fit(data, { lr: 0.1, model: 'modifiedHuber', classes: 4 }); // one-vs-rest
    // @ts-expect-error classes is the classifiers' (softmax, and one-vs-rest for logistic and hinge)
    engine.fit(data, { lr: 0.1, model: 'ridge', classes: 2 });
    // @ts-expect-error classes is the classifiers'
    engine.fit(data, { lr: 0.1, classes: 3 });
    // @ts-expect-error both at once: a softmax option with an Adam option that is SGD's
    engine.fit(data, { lr: 0.1, model: 'softmax', classes: 3, optimizer: 'adam', momentum: 0.9 });
    // @ts-expect-error lr is required
    engine.fit(data, { model: 'ridge' });
  });
  it('types the penalties (issue 15): ridge means L2 (no l1, no l1Ratio), alpha on linear with a penalty', () => {
    engine.fit(data, { lr: 0.1, penalty: 'l1', alpha: 0.01 });
    engine.fit(data, { lr: 0.1, model: 'linear', penalty: 'elasticnet', l1Ratio: 0.5, alpha: 0.01 });
    engine.fit(data, { lr: 0.1, model: 'logistic', penalty: 'l1', optimizer: 'adam' });
    engine.fit(data, { lr: 0.1, model: 'softmax', penalty: 'elasticnet', classes: 3 });
    engine.fit(data, { lr: 0.1, model: 'ridge', penalty: 'none' });
    // @ts-expect-error ridge means L2: the lasso is model 'linear' with penalty 'l1'
    engine.fit(data, { lr: 0.1, model: 'ridge', penalty: 'l1' });
    // @ts-expect-error l1Ratio is the elastic net's, which ridge does not take
    engine.fit(data, { lr: 0.1, model: 'ridge', l1Ratio: 0.5 });
    // @ts-expect-error not a penalty
    engine.fit(data, { lr: 0.1, model: 'logistic', penalty: 'lasso' });
  });
  it('checks every combination when the model and the optimizer are variables of union type', () => {
    const models: ModelName[] = ['linear', 'ridge'];
    const optimizers: OptimizerName[] = ['sgd', 'adam'];
    // Both variables: TypeScript relates an object to a discriminated union through at most 25 combinations of its
    // discriminants (ModelName × OptimizerName is 11 × 6 = 66), so with both unions in full, name one (the README's
    // advice); a narrower union of models keeps both variable.
    const few: ('linear' | 'ridge' | 'huber')[] = ['linear', 'ridge', 'huber'];
    for (const model of few) for (const optimizer of optimizers) engine.fit(data, { model, optimizer, lr: 0.1 });
    for (const model of models) {
      engine.fit(data, { model, optimizer: 'adam', lr: 0.1 });
      engine.fit(data, { model, optimizer: 'adadelta', lr: 1, rho: 0.95 });
      engine.fit(data, { model, optimizer: 'sgd', lr: 0.1, momentum: 0.9 });
      // @ts-expect-error l1Ratio may meet model 'ridge' (and alpha on 'linear' is a run-time check since the penalties)
      engine.fit(data, { model, optimizer: 'sgd', lr: 0.1, l1Ratio: 0.1 });
    }
  });
  it('FitOptionsRecord is the flat form for building options step by step', () => {
    const o: FitOptionsRecord = { lr: 0.1 };
    o.optimizer = 'adam';
    expectTypeOf<FitOptions>().toMatchTypeOf<FitOptionsRecord>();
    // @ts-expect-error a flat record is not checked per optimizer: cast it once validated by you
    engine.fit(data, o);
    engine.fit(data, o as FitOptions);
  });
});

describe('per-step optimizers', () => {
  it('engine.optimizer is typed per optimizer', () => {
    engine.optimizer([0], { optimizer: 'adam', lr: 0.1, betas: [0.9, 0.999] });
    engine.optimizer([0], { lr: 0.1, momentum: 0.9 });
    // @ts-expect-error 'auto' needs the objective: the per-step API takes numbers (minimize and fit take 'auto')
    engine.optimizer([0], { lr: 0.1, momentum: 'auto' });
    // @ts-expect-error lr too
    engine.optimizer([0], { lr: 'auto' });
    // @ts-expect-error momentum is not Adam's
    engine.optimizer([0], { optimizer: 'adam', lr: 0.1, momentum: 0.9 });
    // @ts-expect-error rho is RMSprop's
    engine.optimizer([0], { optimizer: 'adagrad', lr: 0.1, rho: 0.9 });
    expectTypeOf<{ optimizer: 'rmsprop'; lr: number; rho: number }>().toMatchTypeOf<OptimizerOptions>();
  });
  it('engine.sgd takes SGD options only', () => {
    engine.sgd([0], { lr: 0.1, momentum: 0.9, nesterov: true });
    // @ts-expect-error betas are Adam's
    engine.sgd([0], { lr: 0.1, betas: [0.9, 0.999] });
    expectTypeOf<SgdOptions>().not.toHaveProperty('optimizer');
  });
});

describe('MinimizeOptions: typed per optimizer too', () => {
  it("accepts each optimizer's options and rejects another's", () => {
    const f = quadratic(10);
    minimize(f, [1, 1], { lr: 0.1, momentum: 0.9, nesterov: true, maxIterations: 10 });
    minimize(f, [1, 1], { lr: 0.1, optimizer: 'adam', betas: [0.9, 0.99], tol: 0 });
    minimize(f, [1, 1], { lr: 'auto', momentum: 'auto', nesterov: true, restart: 'gradient' });
    // @ts-expect-error restart is one of 'function' | 'gradient' | 'none'
    minimize(f, [1, 1], { lr: 'auto', restart: 'always' });
    // @ts-expect-error nesterov is SGD's
    minimize(f, [1, 1], { lr: 0.1, optimizer: 'adam', nesterov: true });
    // @ts-expect-error momentum is SGD's and RMSprop's
    minimize(f, [1, 1], { lr: 0.1, optimizer: 'adagrad', momentum: 0.9 });
  });
});

describe('the one-call fit and Estimator: a network\'s options give a network', () => {
  it('fit returns NetworkFitResult for mlpClassifier/mlpRegressor, FitResult otherwise', () => {
    expectTypeOf(fit([[0]], [0], { model: 'mlpClassifier', hidden: [8], lr: 0.1 })).resolves.toEqualTypeOf<NetworkFitResult>();
    expectTypeOf(fit([[0]], [0], { model: 'mlpRegressor', lr: 0.1, verbose: true, backend: 'js' })).resolves.toEqualTypeOf<NetworkFitResult>();
    expectTypeOf(fit([[0]], [0], { model: 'logistic', lr: 0.1 })).resolves.toEqualTypeOf<FitResult>();
    // @ts-expect-error hidden is a network's
    void fit([[0]], [0], { model: 'logistic', lr: 0.1, hidden: [3] });
    // @ts-expect-error initialIntercept is a linear model's
    void fit([[0]], [0], { model: 'mlpRegressor', lr: 0.1, initialIntercept: 1 });
  });
  it('Estimator infers its result from the options', () => {
    expectTypeOf(new Estimator({ model: 'mlpClassifier', hidden: [8], lr: 0.1 }).result).toEqualTypeOf<NetworkFitResult | null>();
    expectTypeOf(new Estimator({ lr: 0.1, momentum: 0.9 }).result).toEqualTypeOf<FitResult | null>();
    expectTypeOf(new Estimator({ model: 'softmax', lr: 0.1, classes: 3 }).result).toEqualTypeOf<FitResult | null>();
    // @ts-expect-error an unknown key
    void new Estimator({ lr: 0.1, momentun: 0.9 });
    // @ts-expect-error nesterov is SGD's
    void new Estimator({ lr: 0.1, optimizer: 'adam', nesterov: true });
    // @ts-expect-error activation is a network's
    void new Estimator({ model: 'ridge', lr: 0.1, activation: 'tanh' });
  });
});
