// One-vs-rest through the worker engine: the real worker entry (src/worker-entry.ts) behind a loopback worker
// (structured clones both ways, as postMessage does; the browser suite runs a real Worker) gives the page engine's
// model, history and per-class results, and aborts every class.
import { afterEach, expect, it, vi } from 'vitest';
import { createEngine, createWorkerEngine } from '../src/index.js';
import { loopbackWorker } from './loopback-worker.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

it('a one-vs-rest fit in the worker equals the page engine’s, per class too', async () => {
  const X = [[0, 1], [1, 0], [2, 2], [3, 1], [0, 3], [1, 1], [2, 0], [3, 3], [1, 2]], y = [0, 1, 2, 0, 1, 2, 0, 1, 2];
  const options = { model: 'logistic', lr: 0.2, momentum: 0.9, maxIterations: 40 } as const;
  const page = await createEngine({ backend: 'js' });
  const here = page.fit(page.dataset(X, y), options);
  const worker = await createWorkerEngine({ worker: await loopbackWorker(), backend: 'js' });
  const there = await worker.fit(await worker.dataset(X, y), options);
  expect(Array.from(there.weights)).toEqual(Array.from(here.weights));
  expect(Array.from(there.loss)).toEqual(Array.from(here.loss));
  expect([there.status, there.classes, there.finalLoss]).toEqual([here.status, 3, here.finalLoss]);
  expect(there.perClass!.map((c) => [c.status, c.iterations, c.finalLoss, Array.from(c.epochLoss)]))
    .toEqual(here.perClass!.map((c) => [c.status, c.iterations, c.finalLoss, Array.from(c.epochLoss)]));
  expect(Array.from(there.predictProba(X))).toEqual(Array.from(here.predictProba(X)));
  // Long enough (20 000 epochs) that the abort, which crosses to the worker and back, lands before the end.
  const stopped = await worker.fit(await worker.dataset(X, y), { ...options, maxIterations: 20000, onProgress: (p) => p.epoch < 3 });
  // The abort message lands between the worker's chunks: every class stops at the same epoch, at or after the third.
  const epochs = stopped.perClass!.map((c) => c.epochs);
  expect([stopped.status, ...stopped.perClass!.map((c) => c.status)]).toEqual(['aborted', 'aborted', 'aborted', 'aborted']);
  expect(epochs[0]).toBeGreaterThanOrEqual(3);
  expect(epochs).toEqual([epochs[0], epochs[0], epochs[0]]);
});
