// The grid of fits whose doubles test/golden/fits.json holds: every model × optimizer configurations × training
// options, on small seeded data (mulberry32, independent of the library's PRNG). Shared by the generator and the test.
import type { FitOptionsRecord, ModelName } from '../../src/index.js';
import { mulberry32 } from '../prng.js';

export interface GoldenCase {
  readonly name: string;
  readonly model: ModelName;
  readonly X: number[][];
  readonly y: number[];
  readonly options: FitOptionsRecord;
}

const MODELS: ModelName[] = ['linear', 'ridge', 'logistic', 'hinge', 'softmax'];

const OPTIMIZERS: [string, Partial<FitOptionsRecord>][] = [
  ['gd', {}],
  ['momentum', { momentum: 0.9 }],
  ['nesterov-wd', { momentum: 0.9, nesterov: true, weightDecay: 0.01 }],
  ['dampening-max', { momentum: 0.5, dampening: 0.3, maximize: false }],
  ['adam', { optimizer: 'adam', betas: [0.8, 0.99] }],
  ['adamw', { optimizer: 'adamw', weightDecay: 0.05 }],
  ['rmsprop', { optimizer: 'rmsprop', rho: 0.9, momentum: 0.3 }],
  ['adagrad', { optimizer: 'adagrad', lrDecay: 0.01 }],
];

const TRAINING: [string, Partial<FitOptionsRecord>][] = [
  ['full', { maxIterations: 25 }],
  ['minibatch', { batchSize: 7, seed: 3, maxIterations: 25, schedule: { type: 'step', stepSize: 2, gamma: 0.7 } }],
  ['no-intercept', { fitIntercept: false, maxIterations: 20, schedule: { type: 'cosine', tMax: 20, etaMin: 0.001 } }],
];

/** Rows 2…33 features: d = 3 (short rows), 1 (one feature) and 37 (long rows) take different kernel paths. */
function data(model: ModelName, n: number, d: number, seed: number): { X: number[][]; y: number[] } {
  const u = mulberry32(seed);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * u() - 1));
  const y = X.map((row) => {
    const z = row.reduce((s, v, j) => s + v * ((j % 3) - 1 + 0.5), 0.3) + 0.1 * (u() - 0.5);
    if (model === 'linear' || model === 'ridge') return z;
    if (model === 'softmax') return Math.min(2, Math.floor(u() * 3));
    return z > 0 ? 1 : 0;
  });
  return { X, y };
}

export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  let seed = 1;
  for (const model of MODELS) {
    for (const [oname, opt] of OPTIMIZERS) {
      for (const [tname, train] of TRAINING) {
        const d = [3, 1, 37][seed % 3]!;
        const { X, y } = data(model, 23, d, seed++);
        const lr = opt.optimizer === 'adam' || opt.optimizer === 'adamw' || opt.optimizer === 'rmsprop' ? 0.05 : 0.2;
        const options: FitOptionsRecord = { model, lr, ...opt, ...train };
        if (model !== 'linear') options.alpha = 0.01;
        cases.push({ name: `${model}/${oname}/${tname}`, model, X, y, options });
      }
    }
  }
  return cases;
}
