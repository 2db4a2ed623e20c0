// The model table (src/models/registry.ts) is the host's only list of models: every name in it fits, predicts,
// scores and round-trips through JSON on every backend; errors that list models list exactly the table's names;
// and a model added to the table alone (a toy: ridge under another name) is fitted, predicted and saved with the
// same doubles as ridge, with nothing else on the host changed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LinearModel, type FitResult, type ModelName } from '../../src/index.js';
import { MODELS, modelNames, outputsOf, type ModelSpec } from '../../src/models/registry.js';
import { BACKENDS, expectNear } from '../backends.js';
import * as L from '../../src/abi/layout.js';

/** Training data per label rule (not per model: a new model with an existing rule needs no row here). */
const X = [[0.5, -1], [1.5, 0.25], [-0.75, 2], [2, 1], [-1.25, -0.5], [0.25, 1.75], [1, -1.5], [-2, 0.75], [0, 0], [1.25, 1.25]];
const LABELS: Record<ModelSpec['labels'], number[]> = {
  real: X.map(([a, b]) => 2 * a! - b! + 0.5 + 0.01 * Math.sin(7 * a! + b!)),
  binary: [1, 1, 0, 1, 0, 0, 1, 0, 1, 1],
  classes: [0, 1, 2, 1, 0, 2, 1, 2, 0, 1],
};

/** z = x·Wₖ + bₖ, n·K row-major, by the definition (the fitted model's decisionFunction must give these doubles). */
function scores(m: { weights: Float64Array; intercepts: Float64Array; cols: number }): Float64Array {
  const K = m.intercepts.length, d = m.cols, z = new Float64Array(X.length * K);
  X.forEach((row, i) => {
    for (let k = 0; k < K; k++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += row[j]! * m.weights[k * d + j]!;
      z[i * K + k] = s + m.intercepts[k]!;
    }
  });
  return z;
}

/** The prediction a label rule implies: the score (real), [z > 0] (0/1 labels), argmax (class indices). */
function expectedPredictions(rule: ModelSpec['labels'], z: Float64Array, K: number): number[] {
  if (rule === 'real') return [...z];
  if (rule === 'binary') return [...z].map((v) => (v > 0 ? 1 : 0));
  return X.map((_, i) => {
    let best = 0;
    for (let k = 1; k < K; k++) if (z[i * K + k]! > z[i * K + best]!) best = k;
    return best;
  });
}

/** Quoted names in a message: `one of 'a', 'b'` → [a, b]. */
const quoted = (message: string) => [...message.matchAll(/'([A-Za-z0-9]+)'/g)].map((m) => m[1]);

describe.each(BACKENDS)('the model table [$name]', ({ create }) => {
  it.each(modelNames())('%s: fits, predicts, scores and round-trips through JSON', async (name) => {
    const engine = await create();
    const spec = MODELS[name], y = LABELS[spec.labels];
    const fit = engine.fit(engine.dataset(X, y), { model: name, lr: 0.1, momentum: 0.9, maxIterations: 200 } as never);
    expect(fit.model).toBe(name);
    expect(fit.status).toBe('maxIterations');
    const K = outputsOf(spec, fit.classes);
    expect(fit.classes).toBe(spec.labels === 'real' ? 1 : spec.labels === 'binary' ? 2 : 3);
    expect(fit.intercepts.length).toBe(K);
    expect(fit.weights.length).toBe(K * 2);
    const z = scores(fit);
    expect(fit.decisionFunction(X)).toEqual(z);
    const pred = expectedPredictions(spec.labels, z, K);
    expect([...fit.predict(X)]).toEqual(pred);
    // score: R² = 1 − SSres/SStot for real labels, else the share of right labels.
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    const expected = spec.labels === 'real'
      ? 1 - y.reduce((s, v, i) => s + (v - pred[i]!) ** 2, 0) / y.reduce((s, v) => s + (v - mean) ** 2, 0)
      : pred.filter((p, i) => p === y[i]).length / y.length;
    expectNear(fit.score(X, y), expected, 64);
    // mse (2J at α = 0) exists for the squared loss only: the mean of (z − y)².
    if (spec.loss === L.LOSS_SQUARED) expectNear(fit.mse, y.reduce((s, v, i) => s + (z[i]! - v) ** 2, 0) / y.length, 64);
    else expect(fit.mse).toBeNaN();
    // Probabilities where the link has them: in [0, 1], rows summing to 1, agreeing with predict.
    if (spec.link.proba) {
      const p = fit.predictProba(X);
      expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
      if (K > 1) {
        for (let i = 0; i < X.length; i++) expectNear(p.subarray(i * K, i * K + K).reduce((a, b) => a + b, 0), 1, 8);
        expect(expectedPredictions('classes', p, K)).toEqual(pred);
      } else {
        expect([...p].map((v) => (v > 0.5 ? 1 : 0))).toEqual(pred);
      }
    } else {
      expect(() => fit.predictProba(X)).toThrow(TypeError);
    }
    // JSON: the same model, the same doubles.
    const again = LinearModel.fromJSON(JSON.stringify(fit));
    expect(again.model).toBe(name);
    expect(again.classes).toBe(fit.classes);
    expect(again.weights).toEqual(fit.weights);
    expect(again.intercepts).toEqual(fit.intercepts);
    expect(again.predict(X)).toEqual(fit.predict(X));
    // A saved model with a number of classes its label rule does not allow is refused.
    // Class indices and 0/1 labels (one-vs-rest beyond 2) take any K ≥ 2; real labels exactly 1.
    const bad = spec.labels !== 'real'
      ? { ...fit.toJSON(), classes: 1, weights: [...fit.weights].slice(0, 2), intercepts: [fit.intercepts[0]!] }
      : { ...fit.toJSON(), classes: fit.classes + 1 };
    expect(() => LinearModel.fromJSON(bad)).toThrow(RangeError);
    expect(() => LinearModel.fromJSON(bad)).toThrow(`json.classes must be ${spec.labels !== 'real' ? '≥ 2' : fit.classes} for model '${name}', got ${bad.classes}`);
  });

  it("an unknown model's errors list exactly the table's names", async () => {
    const engine = await create();
    const data = engine.dataset(X, LABELS.real);
    expect(() => engine.fit(data, { model: 'lasso', lr: 0.1 } as never)).toThrow(RangeError);
    const fitError = (() => { try { engine.fit(data, { model: 'lasso', lr: 0.1 } as never); } catch (e) { return (e as Error).message; } return ''; })();
    // engine.fit takes the networks too (src/options/mlp.ts), listed after the table's names.
    expect(quoted(fitError.split(', got')[0]!)).toEqual([...modelNames(), 'mlpClassifier', 'mlpRegressor']);
    const json = { format: 'momentum-gd/model@1', model: 'lasso', cols: 2, classes: 1, weights: [0, 0], intercepts: [0] };
    expect(() => LinearModel.fromJSON(json)).toThrow(new RangeError(`json.model must be one of ${modelNames().join(', ')}, got "lasso" (string)`));
    expect(() => new LinearModel('lasso' as never, 2, 1, new Float64Array(2), new Float64Array(1))).toThrow(
      new RangeError(`model must be one of ${modelNames().map((m) => `'${m}'`).join(', ')}, got "lasso" (string)`));
    // The names of the rules read the table too.
    const multi = modelNames().filter((m) => MODELS[m].outputs === 'classes' || MODELS[m].labels === 'binary').map((m) => `'${m}'`);
    expect(() => engine.fit(data, { lr: 0.1, classes: 3 } as never)).toThrow(`classes applies to model ${multi.slice(0, -1).join(', ')} or ${multi.at(-1)} only, not 'linear'`);
    const withProba = modelNames().filter((m) => MODELS[m].link.proba);
    const linear = LinearModel.fromJSON({ ...json, model: 'linear' });
    expect(() => linear.predictProba(X)).toThrow(`predictProba is defined for the ${withProba.slice(0, -1).join(', ')} and ${withProba.at(-1)} models, not 'linear'`);
  });

  it('a model added to the table alone trains, predicts and saves: ridge under another name gives ridge\'s doubles', async () => {
    const engine = await create();
    const table = MODELS as Record<string, ModelSpec>;
    table.toyRidge = { ...MODELS.ridge };
    try {
      const data = engine.dataset(X, LABELS.real);
      const options = { lr: 0.05, momentum: 0.9, alpha: 0.1, maxIterations: 100, batchSize: 4, seed: 3 };
      const ridge = engine.fit(data, { model: 'ridge', ...options });
      const toy = engine.fit(data, { model: 'toyRidge' as ModelName, ...options } as never) as FitResult;
      expect(toy.model).toBe('toyRidge');
      expect(toy.weights).toEqual(ridge.weights);
      expect(toy.intercepts).toEqual(ridge.intercepts);
      expect(toy.loss).toEqual(ridge.loss);
      expect(toy.finalLoss).toBe(ridge.finalLoss);
      expect(toy.mse).toBe(ridge.mse);
      expect(toy.predict(X)).toEqual(ridge.predict(X));
      expect(toy.score(X, LABELS.real)).toBe(ridge.score(X, LABELS.real));
      const again = LinearModel.fromJSON(JSON.stringify(toy));
      expect(again.model).toBe('toyRidge');
      expect(again.predict(X)).toEqual(ridge.predict(X));
      expect(() => engine.fit(data, { model: 'lasso', lr: 0.1 } as never)).toThrow(new RegExp(`'${modelNames().at(-2)}', 'toyRidge', 'mlpClassifier', 'mlpRegressor', got`));
    } finally {
      delete table.toyRidge;
    }
    expect(modelNames()).not.toContain('toyRidge');
  });
});

describe('no other list of models on the host', () => {
  it("model names appear in code only in the table and in src/types.ts' ModelOptions (their public TSDoc)", () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const found: string[] = [];
    const names = new RegExp(`['"\`](${modelNames().join('|')})['"\`]`, 'g');
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, entry.name);
        if (entry.isDirectory()) { walk(p); continue; }
        const file = relative(root, p);
        if (!file.endsWith('.ts') || file === 'src/models/registry.ts' || file === 'src/types.ts') continue;
        const code = readFileSync(p, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
        for (const m of code.matchAll(names)) found.push(`${file}: ${m[0]}`);
      }
    };
    walk(join(root, 'src'));
    expect(found).toEqual([]);
  });
});
