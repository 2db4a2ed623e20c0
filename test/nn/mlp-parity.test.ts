// WASM SIMD = WASM scalar = JS, bit for bit (Object.is), for the network: the gradient seam and whole fits (mini-batches
// of 25 with the seeded shuffle, the L2 penalty, He/Glorot initialisation from the seed) for every activation × head ×
// optimizer, two hidden layers of odd widths (tiles of 8, pairs, the odd last unit) over 150 rows (blocks 64, 64, 22).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/index.js';
import { BACKENDS } from '../backends.js';
import { ACTIVATIONS, HEADS, backend, data, mlpConfig, stored } from './helpers.js';

const OPTIMIZERS: Record<string, Record<string, unknown>> = {
  sgd: { optimizer: 'sgd', lr: 0.05 },
  nesterov: { optimizer: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 },
  heavyBall: { optimizer: 'sgd', lr: 0.05, momentum: 0.8, dampening: 0.1 },
  adam: { optimizer: 'adam', lr: 0.01 },
  adamw: { optimizer: 'adamw', lr: 0.01, weightDecay: 0.01 },
  rmsprop: { optimizer: 'rmsprop', lr: 0.01, momentum: 0.5 },
  adagrad: { optimizer: 'adagrad', lr: 0.05 },
  adadelta: { optimizer: 'adadelta', lr: 1 },
  // Averaged SGD (issue 15) over the network's θ: the result is the mean of the iterates from update 5 on.
  averaged: { optimizer: 'sgd', lr: 0.05, momentum: 0.9, average: 5 },
};

function same(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, k) => Object.is(v, b[k]));
}

describe('network parity across backends', () => {
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const b of BACKENDS) engines.push(await b.create());
  });
  for (const head of HEADS) {
    for (const act of ACTIVATIONS) {
      for (const [name, opt] of Object.entries(OPTIMIZERS)) {
        it(`${act} × ${head} × ${name}: parameters and every loss identical`, () => {
          const n = 150, d = 5;
          const { X, y } = data(n, d, head);
          const runs = engines.map((e) => {
            const c = mlpConfig(n, d, y, head, [11, 6], act, { ...opt, alpha: 1e-3, batchSize: 25, maxEpochs: 3, maxIterations: 100000, seed: 3 });
            const run = backend(e).startFit(stored(e, X, y, d), null, c);
            try {
              run.writeLrs(0, new Float64Array(c.epochs).fill(c.lr));
              const status = run.run(2 ** 31 - 1, 2 ** 31 - 1);
              const raw = run.result();
              return { status, params: raw.params, loss: run.readRing('loss', 0, raw.iterations) };
            } finally {
              run.release();
            }
          });
          expect(runs[0]!.loss.length).toBe(18);
          expect(runs[0]!.loss.every(Number.isFinite)).toBe(true);
          // The fit moved: its last loss is below its first.
          expect(runs[0]!.loss[17]!).toBeLessThan(runs[0]!.loss[0]!);
          for (const r of runs.slice(1)) {
            expect(r.status).toBe(runs[0]!.status);
            expect(same(r.loss, runs[0]!.loss)).toBe(true);
            expect(same(r.params, runs[0]!.params)).toBe(true);
          }
        });
      }
    }
  }
});
