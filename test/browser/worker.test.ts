/**
 * createWorkerEngine in Chromium: fits in a Web Worker with the page engine's bits, transferred data, errors with
 * their type and message, progress posted across the boundary in order, abort by signal or by onProgress returning
 * false (status 'aborted', parameters so far, the worker still usable), abandoning by control.signal, terminate.
 * No assertion depends on timing: every abort is triggered by a progress event or made before the fit starts, and an
 * abort that fails to land shows as a fit that does not end (maxIterations 2²⁸), i.e. a test timeout.
 */
import { describe, expect, it } from 'vitest';
import { referenceData } from '../../src/experiment.js';
import { usePlayground } from './page.js';

const { pg, hook } = usePlayground();

/** An iteration budget no test reaches: a fit given it ends only by an abort. */
const ENDLESS = 2 ** 28;

describe('createWorkerEngine', () => {
  it('fits in a Web Worker with the same bits as the page engine, from transferred data', async () => {
    const { X, y } = referenceData(42);
    const got = await hook(async (h, a) => {
      const worker = await h.createWorkerEngine();
      try {
        const rows = a.X.map((r: number[]) => Float64Array.from(r));
        const ys = Float64Array.from(a.y);
        const data = await worker.dataset(rows, ys, { transfer: true });
        const detached = [ys.length, rows[0].length]; // transferred: both now length 0
        const options = { lr: 0.1, momentum: 0.9, maxIterations: 200 };
        const remote = await worker.fit(data, options);
        const local = h.engine.fit(h.engine.dataset(a.X, a.y), options);
        await data.dispose();
        return {
          backend: worker.backend,
          detached,
          shape: [data.rows, data.cols],
          isFloat64: remote.weights instanceof Float64Array && remote.loss instanceof Float64Array,
          remote: [...Array.from(remote.weights as Float64Array, h.hex), h.hex(remote.intercept), ...Array.from(remote.loss as Float64Array, h.hex)],
          local: [...Array.from(local.weights as Float64Array, h.hex), h.hex(local.intercept), ...Array.from(local.loss as Float64Array, h.hex)],
          status: [remote.status, remote.iterations, local.status, local.iterations],
        };
      } finally {
        worker.terminate();
      }
    }, { X, y: Array.from(y) });
    expect(got.backend).toBe('wasm');
    expect(got.detached).toEqual([0, 0]);
    expect(got.shape).toEqual([100, 1]);
    expect(got.isFloat64).toBe(true);
    expect(got.remote).toEqual(got.local);
    expect(got.status).toEqual(['maxIterations', 200, 'maxIterations', 200]);
  });

  it('keeps the caller’s arrays without transfer, and reports errors with their type and message', async () => {
    const got = await hook(async (h) => {
      const worker = await h.createWorkerEngine();
      try {
        const ys = Float64Array.of(1, 3, 5);
        const data = await worker.dataset([[0], [1], [2]], ys);
        const settle = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => `${e.name}: ${e.message}`);
        let local = '';
        try {
          h.engine.fit(h.engine.dataset([[0], [1], [2]], [1, 3, 5]), { lr: -1 });
        } catch (e) {
          local = `${(e as Error).name}: ${(e as Error).message}`;
        }
        const badLr = await settle(worker.fit(data, { lr: -1 }));
        const badRows = await settle(worker.dataset([[0], [1]], [1, 2, 3]));
        await data.dispose();
        const disposed = await settle(worker.fit(data, { lr: 0.1 }));
        return { kept: ys.length, badLr, local, badRows, disposed };
      } finally {
        worker.terminate();
      }
    });
    expect(got.kept).toBe(3);
    expect(got.badLr).toBe(got.local);
    expect(got.badLr).toMatch(/^RangeError: /);
    expect(got.badRows).toMatch(/^(TypeError|RangeError): /);
    expect(got.disposed).toBe('TypeError: data: this Dataset was disposed; create a new one with engine.dataset(X, y)');
  });

  it('posts progress in order, the same events as the page engine, and returns a model that predicts', async () => {
    const { X, y } = referenceData(42);
    const got = await hook(async (h, a) => {
      const worker = await h.createWorkerEngine();
      try {
        const data = await worker.dataset(a.X, a.y);
        const remoteEvents: { epoch: number; iteration: number; loss: string }[] = [];
        const localEvents: typeof remoteEvents = [];
        const options = { lr: 0.1, momentum: 0.9, maxIterations: 200, progressEvery: 10 };
        const remote = await worker.fit(data, { ...options, onProgress: (p: any) => { remoteEvents.push({ ...p, loss: h.hex(p.loss) }); } });
        const seenAtResolve = remoteEvents.length;
        const local = h.engine.fit(h.engine.dataset(a.X, a.y), { ...options, onProgress: (p: any) => { localEvents.push({ ...p, loss: h.hex(p.loss) }); } });
        const bits = (r: any) => [...Array.from(r.weights as Float64Array, h.hex), h.hex(r.intercept), ...Array.from(r.loss as Float64Array, h.hex)];
        return {
          remoteEvents, localEvents, seenAtResolve,
          remote: bits(remote), local: bits(local),
          epochs: [remote.epochs, local.epochs, remote.status],
          predict: [h.hex(remote.predict([[0.5]])[0]), h.hex(local.predict([[0.5]])[0])],
          json: [JSON.stringify(remote.toJSON()), JSON.stringify(local.toJSON())],
        };
      } finally {
        worker.terminate();
      }
    }, { X, y: Array.from(y) });
    // progress every 10 epochs up to 200, where the fit ends (maxIterations) and reports once more
    expect(got.remoteEvents.map((e) => e.epoch)).toEqual(Array.from({ length: 20 }, (_, k) => 10 * (k + 1)));
    expect(got.remoteEvents.map((e) => e.iteration)).toEqual(got.remoteEvents.map((e) => e.epoch)); // full batch
    expect(got.remoteEvents).toEqual(got.localEvents); // losses bit for bit
    expect(got.seenAtResolve).toBe(20); // every progress message arrives before the result
    expect(got.remote).toEqual(got.local);
    expect(got.epochs).toEqual([200, 200, 'maxIterations']);
    expect(got.predict[0]).toBe(got.predict[1]);
    expect(got.json[0]).toBe(got.json[1]);
  });

  it('stops on the fit options’ signal: status aborted, the parameters so far, and the worker fits on', async () => {
    const got = await hook(async (h, a) => {
      const n = 1000;
      const X = Array.from({ length: n }, (_, i) => [i / n, (i % 7) / 7]);
      const y = X.map(([u, v]: number[]) => 1 + 2 * u! - v!);
      const worker = await h.createWorkerEngine();
      try {
        const data = await worker.dataset(X, y);
        const controller = new AbortController();
        let calls = 0;
        const base = { lr: 0.1, momentum: 0.9 };
        // abort on the first progress event: the worker is past epoch 1 and can never reach 2²⁸ iterations
        const remote = await worker.fit(data, {
          ...base, maxIterations: a.ENDLESS, progressEvery: 1, signal: controller.signal,
          onProgress: () => { if (calls++ === 0) controller.abort(); },
        });
        // the parameters so far are those of a fit stopped after as many iterations
        const local = h.fit(X, y, { ...base, maxIterations: remote.iterations });
        // the same worker, next fit: the page engine's bits
        const next = await worker.fit(data, { ...base, maxIterations: 50 });
        const nextLocal = h.fit(X, y, { ...base, maxIterations: 50 });
        const bits = (r: any) => [...Array.from(r.weights as Float64Array, h.hex), h.hex(r.intercept), ...Array.from(r.loss as Float64Array, h.hex)];
        return {
          status: remote.status, iterations: remote.iterations, epochs: remote.epochs,
          finite: [...remote.weights, remote.intercept, remote.finalLoss].every(Number.isFinite),
          remote: bits(remote), local: [...local.hex, ...local.loss.map(h.hex)],
          next: [next.status, next.iterations, ...bits(next)],
          nextLocal: [nextLocal.status, nextLocal.iterations, ...nextLocal.hex, ...nextLocal.loss.map(h.hex)],
        };
      } finally {
        worker.terminate();
      }
    }, { ENDLESS });
    expect(got.status).toBe('aborted');
    expect(got.iterations).toBeGreaterThan(0);
    expect(got.iterations).toBeLessThan(ENDLESS);
    expect(got.epochs).toBe(got.iterations);
    expect(got.finite).toBe(true);
    expect(got.remote).toEqual(got.local);
    expect(got.next).toEqual(got.nextLocal);
    expect(got.next.slice(0, 2)).toEqual(['maxIterations', 50]);
  });

  it('stops when onProgress returns false, and calls it no more', async () => {
    const got = await hook(async (h) => {
      const n = 1000;
      const X = Array.from({ length: n }, (_, i) => [i / n]);
      const y = X.map(([u]: number[]) => 3 - u!);
      const worker = await h.createWorkerEngine();
      try {
        const data = await worker.dataset(X, y);
        const epochs: number[] = [];
        const remote = await worker.fit(data, {
          lr: 0.5, momentum: 0.5, maxIterations: 2 ** 28, progressEvery: 2,
          onProgress: (p: any) => { epochs.push(p.epoch); return epochs.length < 3; },
        });
        const local = h.fit(X, y, { lr: 0.5, momentum: 0.5, maxIterations: remote.iterations });
        return {
          epochs, status: remote.status, iterations: remote.iterations,
          same: JSON.stringify([...Array.from(remote.weights as Float64Array, h.hex), h.hex(remote.intercept)]) === JSON.stringify(local.hex),
        };
      } finally {
        worker.terminate();
      }
    });
    expect(got.epochs).toEqual([2, 4, 6]);
    expect(got.status).toBe('aborted');
    expect(got.iterations).toBeGreaterThanOrEqual(6);
    expect(got.same).toBe(true);
  });

  it('returns the initial parameters for a signal aborted before the fit, as the page engine does', async () => {
    const got = await hook(async (h) => {
      const worker = await h.createWorkerEngine();
      try {
        const data = await worker.dataset([[0], [1], [2]], [1, 3, 5]);
        const options = { lr: 0.1, initialWeights: [0.25], initialIntercept: -1, signal: AbortSignal.abort() };
        const remote = await worker.fit(data, options);
        const local = h.engine.fit(h.engine.dataset([[0], [1], [2]], [1, 3, 5]), options);
        return [[remote.status, remote.iterations, remote.weights[0], remote.intercept], [local.status, local.iterations, local.weights[0], local.intercept]];
      } finally {
        worker.terminate();
      }
    });
    expect(got[0]).toEqual(['aborted', 0, 0.25, -1]);
    expect(got[0]).toEqual(got[1]);
  });

  it('rejects with the error onProgress throws, and stops that fit in the worker', async () => {
    const got = await hook(async (h) => {
      const worker = await h.createWorkerEngine();
      try {
        const data = await worker.dataset([[0], [1], [2]], [1, 3, 5]);
        const thrown = await worker.fit(data, {
          lr: 0.01, maxIterations: 2 ** 28, progressEvery: 1, onProgress: () => { throw new RangeError('enough'); },
        }).then(() => 'resolved', (e: Error) => `${e.name}: ${e.message}`);
        // answered only if the endless fit above was stopped
        const after = await worker.fit(data, { lr: 0.1, maxIterations: 3 });
        const notFunction = await worker.fit(data, { lr: 0.1, onProgress: 1 }).then(() => 'resolved', (e: Error) => `${e.name}: ${e.message}`);
        let local = '';
        try {
          h.engine.fit(h.engine.dataset([[0]], [1]), { lr: 0.1, onProgress: 1 });
        } catch (e) {
          local = `${(e as Error).name}: ${(e as Error).message}`;
        }
        return { thrown, after: after.iterations, notFunction, local };
      } finally {
        worker.terminate();
      }
    });
    expect(got.thrown).toBe('RangeError: enough');
    expect(got.after).toBe(3);
    expect(got.notFunction).toBe(got.local);
    expect(got.notFunction).toMatch(/^TypeError: onProgress must be a function/);
  });

  it('rejects on control.signal (freeing the worker) and after terminate', async () => {
    const got = await hook(async (h, a) => {
      const worker = await h.createWorkerEngine();
      const settle = (p: Promise<unknown>) => p.then(() => 'resolved', (e: Error) => `${e.name}: ${e.message}`);
      const n = 20_000;
      const X = Array.from({ length: n }, (_, i) => [i / n, (i % 7) / 7]);
      const y = X.map(([u, v]) => 1 + 2 * u! - v!);
      const data = await worker.dataset(X, y);
      const pre = new AbortController();
      pre.abort();
      const already = await settle(worker.fit(data, { lr: 0.1 }, { signal: pre.signal }));
      const during = new AbortController();
      const long = settle(worker.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: a.ENDLESS }, { signal: during.signal }));
      during.abort();
      const aborted = await long;
      // answered only if the endless fit was stopped in the worker
      const after = (await worker.fit(data, { lr: 0.1, maxIterations: 3 })).iterations;
      worker.terminate();
      const terminated = await settle(worker.fit(data, { lr: 0.1 }));
      return { already, aborted, after, terminated };
    }, { ENDLESS });
    expect(got.already).toMatch(/^AbortError: /);
    expect(got.aborted).toMatch(/^AbortError: /);
    expect(got.after).toBe(3);
    expect(got.terminated).toBe('Error: the worker engine was terminated');
  });
});

describe('documented examples', () => {
  it('the README browser example and the createWorkerEngine TSDoc example', async () => {
    const got = await hook(async (h) => {
      const engine = h.engine; // = await createEngine() on the page
      const data = engine.dataset([[0], [1], [2], [3]], [1, 3, 5, 7]);
      const fit = engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 500 });
      data.dispose();
      const worker = await h.createWorkerEngine();
      const remote = await worker.fit(await worker.dataset([[0], [1], [2]], [1, 3, 5]), { lr: 0.1, momentum: 0.9, maxIterations: 500 });
      worker.terminate();
      return { backend: engine.backend, w: fit.weights[0], b: fit.intercept, rw: remote.weights[0], rb: remote.intercept };
    });
    // y = 2x + 1 exactly: GD with momentum contracts the error geometrically; after 500 steps it is far below 1e−6
    expect(got.backend).toBe('wasm');
    expect(Math.abs(got.w - 2)).toBeLessThan(1e-6);
    expect(Math.abs(got.b - 1)).toBeLessThan(1e-6);
    expect(Math.abs(got.rw - 2)).toBeLessThan(1e-6);
    expect(Math.abs(got.rb - 1)).toBeLessThan(1e-6);
  });
});

describe('the README paragraph on progress and abort', () => {
  it('runs as written (stopping on the first progress)', async () => {
    const got = await hook(async (h) => {
      const X = [[0], [1], [2], [3]], y = [1, 3, 5, 7];
      const seen: number[] = [];
      // --- as in the README, with the stop button pressed on the first progress event ---
      const worker = await h.createWorkerEngine();
      const data = await worker.dataset(X, y);
      const stop = new AbortController();
      const fit = await worker.fit(data, {
        lr: 0.1, momentum: 0.9, maxIterations: 1e6, progressEvery: 10, signal: stop.signal,
        onProgress: ({ epoch }: { epoch: number }) => { seen.push(epoch); stop.abort(); },
      });
      // ---
      worker.terminate();
      return { status: fit.status, seen: seen[0], iterations: fit.iterations, finite: Number.isFinite(fit.weights[0]) };
    });
    expect(got.status).toBe('aborted');
    expect(got.seen).toBe(10);
    expect(got.iterations).toBeGreaterThanOrEqual(10);
    expect(got.iterations).toBeLessThan(1e6);
    expect(got.finite).toBe(true);
  });

  it('fits a network (issue 16) in the worker with the page engine\'s bits; the result is an MlpModel that predicts', async () => {
    const got = await hook(async (h) => {
      const worker = await h.createWorkerEngine();
      try {
        const X = Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(2 * i)]);
        const y = X.map((x) => (x[0]! * x[1]! > 0 ? 1 : 0));
        const options = { model: 'mlpClassifier', hidden: [6], activation: 'tanh', lr: 0.3, momentum: 0.9, batchSize: 8, maxEpochs: 20, seed: 2 } as const;
        const remote = await worker.fit(await worker.dataset(X, y), options);
        const local = h.engine.fit(h.engine.dataset(X, y), options);
        return {
          remote: [...remote.coefs.flatMap((w: Float64Array) => Array.from(w, h.hex)), ...Array.from(remote.loss as Float64Array, h.hex)],
          local: [...local.coefs.flatMap((w: Float64Array) => Array.from(w, h.hex)), ...Array.from(local.loss as Float64Array, h.hex)],
          predicted: Array.from(remote.predict(X)).join() === Array.from(local.predict(X)).join(),
          status: [remote.status, remote.epochs, remote.finalLoss === local.finalLoss],
        };
      } finally {
        worker.terminate();
      }
    });
    expect(got.remote).toEqual(got.local);
    expect(got.predicted).toBe(true);
    expect(got.status).toEqual(['maxIterations', 20, true]);
  });
});

describe('at the end', () => {
  it('saw no console errors, page errors or failed requests', () => {
    expect(pg().problems).toEqual([]);
  });
});
