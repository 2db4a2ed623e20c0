// The run-time side of the option unions (test/types/options.test-d.ts pins the type side): every combination the
// types reject is a RangeError naming the option at run time, on every backend, including `classes` with the
// regression models (the classifiers take it: softmax, and logistic and hinge for one-vs-rest).
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.js';

const REJECTED: [string, object, string][] = [
  ['nesterov with adam', { optimizer: 'adam', nesterov: true }, "nesterov applies to optimizer 'sgd', not 'adam'"],
  ['momentum with adamw', { optimizer: 'adamw', momentum: 0.9 }, "momentum applies to optimizer 'sgd' or 'rmsprop', not 'adamw'"],
  ['dampening with rmsprop', { optimizer: 'rmsprop', dampening: 0.1 }, "dampening applies to optimizer 'sgd', not 'rmsprop'"],
  ['betas with the default sgd', { betas: [0.9, 0.99] }, "betas applies to optimizer 'adam' or 'adamw', not 'sgd'"],
  ['eps with sgd', { optimizer: 'sgd', eps: 1e-8 }, "eps applies to optimizer 'adam' or 'adamw' or 'rmsprop' or 'adagrad' or 'adadelta', not 'sgd'"],
  ['rho with adagrad', { optimizer: 'adagrad', rho: 0.9 }, "rho applies to optimizer 'rmsprop' or 'adadelta', not 'adagrad'"],
  ['lrDecay with adadelta', { optimizer: 'adadelta', lrDecay: 0.1 }, "lrDecay applies to optimizer 'adagrad', not 'adadelta'"],
  ['lrDecay with adam', { optimizer: 'adam', lrDecay: 0.1 }, "lrDecay applies to optimizer 'adagrad', not 'adam'"],
  ['alpha with linear', { alpha: 0.1 }, "alpha must be 0 for model 'linear' without a penalty (use model 'ridge' for an L2 penalty, or penalty 'l1' or 'elasticnet'), got 0.1"],
  // classes is the classifiers' option: softmax, and the 0/1-label losses (one-vs-rest beyond 2; test/contract/ovr.test.ts).
  ['classes with ridge', { model: 'ridge', classes: 3 }, "classes applies to model 'logistic', 'hinge', 'softmax', 'squaredHinge', 'modifiedHuber' or 'perceptron' only, not 'ridge'"],
  ['classes with linear', { classes: 3 }, "classes applies to model 'logistic', 'hinge', 'softmax', 'squaredHinge', 'modifiedHuber' or 'perceptron' only, not 'linear'"],
];

describe.each(BACKENDS)('option combinations [$name]', ({ create }) => {
  it.each(REJECTED)('%s is a RangeError', async (_, options, message) => {
    const engine = await create();
    const data = engine.dataset([[0], [1], [2]], [0, 1, 1]);
    expect(() => engine.fit(data, { lr: 0.1, ...options } as never)).toThrow(new RangeError(message));
  });
  it('classes is accepted by softmax', async () => {
    const engine = await create();
    const data = engine.dataset([[0], [1], [2]], [0, 1, 1]);
    expect(engine.fit(data, { model: 'softmax', classes: 3, lr: 0.1, maxIterations: 1 }).classes).toBe(3);
  });
});
