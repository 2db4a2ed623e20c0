// Readable inspection (src/inspect.ts): `console.log(fit)` shows the model, how the fit ended, the final loss and
// the head of the weights, not ~100 lines of internals; engines and datasets say what they are. Expected strings
// are written from hand-worked values.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from './backends.js';
import { LinearModel } from '../src/index.js';

describe.each(BACKENDS)('inspection [$name]', ({ create }) => {
  it('a fit result: model, status, iterations, final loss, weights head, intercept', async () => {
    const engine = await create();
    // One row x = 1, y = 2, η = 0.5 from θ = 0: ∇w = ∇b = (0 + 0 − 2)·1 = −2, so w = b = 0.5·2 = 1 after one
    // update, and the final loss ½(1 + 1 − 2)² = 0.
    const data = engine.dataset([[1]], [2]);
    const fit = engine.fit(data, { lr: 0.5, maxIterations: 1 });
    const fields = "model: 'linear', cols: 1, status: 'maxIterations', iterations: 1, epochs: 1, finalLoss: 0, weights: Float64Array(1) [1], intercept: 1";
    expect(String(fit)).toBe(`FitResult { ${fields} }`);
    expect(inspect(fit).split('\n')).toEqual([
      'FitResult {', "  model: 'linear',", '  cols: 1,', "  status: 'maxIterations',", '  iterations: 1,', '  epochs: 1,',
      '  finalLoss: 0,', '  weights: Float64Array(1) [1],', '  intercept: 1', '}',
    ]);
    expect(inspect({ fit })).toContain("{\n  fit: FitResult {\n    model: 'linear',\n    cols: 1,"); // nested, re-indented
    expect(inspect(engine)).toBe(`Engine { backend: '${engine.backend}', simd: ${engine.simd}, threads: ${engine.threads} }`);
    expect(inspect(data)).toBe(`Dataset { rows: 1, cols: 1, backend: '${engine.backend}' }`);
    data.dispose();
    expect(inspect(data)).toBe('Dataset { disposed: true }');
    expect(inspect(fit)).toContain('finalLoss: 0,'); // evaluated before the dispose, so still shown
  });

  it('a per-step optimizer: its name, settings, step count and the head of the params', async () => {
    const engine = await create();
    // SGD, η = 0.5, β = 0.9 from θ = (1, 2, 3, 4, 5, 6) with g = 1 everywhere: the first step sets v = g = 1,
    // so θ − 0.5 = (0.5, 1.5, 2.5, 3.5, 4.5, 5.5).
    const sgd = engine.sgd([1, 2, 3, 4, 5, 6], { lr: 0.5, momentum: 0.9 });
    sgd.step([1, 1, 1, 1, 1, 1]);
    expect(String(sgd)).toBe("Optimizer { optimizer: 'sgd', lr: 0.5, weightDecay: 0, maximize: false, momentum: 0.9, dampening: 0, nesterov: false, stepCount: 1, params: Float64Array(6) [0.5, 1.5, 2.5, 3.5, 4.5, … 1 more] }");
    expect(inspect(sgd).split('\n')).toEqual([
      'Optimizer {', "  optimizer: 'sgd',", '  lr: 0.5,', '  weightDecay: 0,', '  maximize: false,', '  momentum: 0.9,',
      '  dampening: 0,', '  nesterov: false,', '  stepCount: 1,', '  params: Float64Array(6) [0.5, 1.5, 2.5, 3.5, 4.5, … 1 more]', '}',
    ]);
    const adam = engine.optimizer([1], { optimizer: 'adam', lr: 0.1 });
    expect(inspect(adam)).toBe("Optimizer {\n  optimizer: 'adam',\n  lr: 0.1,\n  weightDecay: 0,\n  maximize: false,\n  betas: [0.9, 0.999],\n  eps: 1e-8,\n  stepCount: 0,\n  params: Float64Array(1) [1]\n}");
    adam.dispose();
    expect(String(adam)).toContain('stepCount: 0, params: disposed }'); // never throws
  });

  it('is short for a large model, and never throws when the final loss is gone', async () => {
    const engine = await create();
    const X = Array.from({ length: 20 }, (_, i) => Array.from({ length: 64 }, (_, j) => ((i * 7 + j * 3) % 11) / 10));
    const data = engine.dataset(X, X.map((_, i) => i % 10));
    const fit = engine.fit(data, { model: 'softmax', lr: 0.1, maxIterations: 3 });
    const fits = Array.from({ length: 9 }, () => engine.fit(data, { lr: 0.01, maxIterations: 2 }));
    data.dispose(); // the 8 most recent unread final losses are evaluated: fits[1…8], not `fit` nor fits[0]
    const text = inspect(fit);
    expect(text.split('\n').length).toBe(11);
    expect(text).toMatch(/^ {2}weights: Float64Array\(640\) \[.*, … 635 more\],$/m);
    expect(text).toMatch(/^ {2}intercepts: \[.*, … 5 more\]$/m);
    expect(text).toMatch(/^ {2}classes: 10,$/m);
    expect(inspect(fits[0])).toMatch(/finalLoss: unavailable \(last epoch's loss [0-9.e-]+\)/);
    expect(inspect(fits[8])).toMatch(/finalLoss: [0-9.e-]+,/);
  });
});

describe('inspection of a model', () => {
  it('LinearModel: six significant digits, the first five weights', () => {
    const m = LinearModel.fromJSON({
      format: 'momentum-gd/model@1', model: 'logistic', cols: 7, classes: 2,
      weights: [1.5, -2, 0.1234567, 4e-12, 123456789, 6, 7], intercepts: [-0.25],
    });
    expect(String(m)).toBe("LinearModel { model: 'logistic', cols: 7, classes: 2, weights: Float64Array(7) [1.5, -2, 0.123457, 4e-12, 123457000, … 2 more], intercept: -0.25 }");
    expect(inspect(m).split('\n')).toEqual([
      'LinearModel {', "  model: 'logistic',", '  cols: 7,', '  classes: 2,',
      '  weights: Float64Array(7) [1.5, -2, 0.123457, 4e-12, 123457000, … 2 more],', '  intercept: -0.25', '}',
    ]);
    expect(m.weights[2]).toBe(0.1234567); // the display rounds, the model does not
  });
});
