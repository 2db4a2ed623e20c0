/**
 * The inside of the Web Worker started by createWorkerEngine (src/worker.ts): one engine per worker, datasets
 * kept here under integer handles, one reply per request. Fits run with engine.fitAsync and an AbortController of
 * the worker's own, so that an `abort` message lands between chunks; progress is posted as it comes. Results are
 * the engine's own; their arrays are transferred back, not copied. Errors travel as { name, message }.
 */
import { createEngine } from './index.js';
import type { Dataset, Engine, FitOptions, FitResult, NetworkFitResult } from './types.js';
import type { MlpModelJSON } from './models/mlp.js';
import type { WorkerFitValue, WorkerReply, WorkerRequest } from './worker.js';

interface Scope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as Scope;
let engine: Promise<Engine> | null = null;
const datasets = new Map<number, Dataset>();
let nextHandle = 1;
/** The running and queued fits by request id: their abort switches. */
const running = new Map<number, AbortController>();
/**
 * Requests run one after another, in the order sent, as when fits were synchronous: fitAsync yields between chunks,
 * and without the queue a second fit, or a dispose of the dataset being fitted, would run in those gaps.
 * Only `abort` skips the queue.
 */
let queue: Promise<unknown> = Promise.resolve();

async function handle(request: WorkerRequest): Promise<{ value: unknown; transfer?: Transferable[] }> {
  switch (request.type) {
    case 'init': {
      engine ??= createEngine(request.options);
      const e = await engine;
      return { value: { backend: e.backend, simd: e.simd, fallbackReason: e.fallbackReason } };
    }
    case 'dataset': {
      const data = (await ready()).dataset(request.X, request.y, {
        ...(request.sampleWeight === undefined ? {} : { sampleWeight: request.sampleWeight }),
        ...(request.dtype === undefined ? {} : { dtype: request.dtype }),
      });
      const handle = nextHandle++;
      datasets.set(handle, data);
      return { value: { handle, rows: data.rows, cols: data.cols, dtype: data.dtype, bytes: data.bytes } };
    }
    case 'fit': {
      const { id } = request;
      const options: FitOptions = { ...request.options, signal: running.get(id)!.signal };
      if (request.progress) options.onProgress = (progress) => scope.postMessage({ id, progress });
      const result = await (await ready()).fitAsync(lookup(request.handle), options);
      if ('coefs' in result) {
        // A network (issue 16): its JSON form and the history.
        const n = result as unknown as NetworkFitResult & { toJSON(): MlpModelJSON };
        const value: WorkerFitValue = {
          model: n.model as never, cols: n.cols, classes: n.classes, weights: new Float64Array(0), intercepts: new Float64Array(0),
          loss: n.loss, epochLoss: n.epochLoss, iterations: n.iterations, epochs: n.epochs, status: n.status,
          finalLoss: n.finalLoss, mse: NaN, auto: null, perClass: null, network: n.toJSON(),
        };
        return { value, transfer: [...new Set([n.loss.buffer as ArrayBuffer, n.epochLoss.buffer as ArrayBuffer])] };
      }
      const r: FitResult = result;
      const value: WorkerFitValue = {
        model: r.model, cols: r.cols, classes: r.classes, weights: r.weights, intercepts: r.intercepts, loss: r.loss,
        epochLoss: r.epochLoss, iterations: r.iterations, epochs: r.epochs, status: r.status, finalLoss: r.finalLoss, mse: r.mse,
        auto: r.auto, network: null,
        perClass: r.perClass && r.perClass.map((p) => ({
          loss: p.loss, epochLoss: p.epochLoss, iterations: p.iterations, epochs: p.epochs, status: p.status,
          finalLoss: p.finalLoss, auto: p.auto,
        })),
      };
      const arrays = [r.weights, r.intercepts, r.loss, r.epochLoss, ...(r.perClass ?? []).flatMap((p) => [p.loss, p.epochLoss])];
      // a Set: transferring one buffer twice would throw DataCloneError
      const buffers = new Set(arrays.map((a) => a.buffer as ArrayBuffer));
      return { value, transfer: [...buffers] };
    }
    case 'abort':
      return { value: undefined }; // handled on arrival (see onmessage); never reaches here
    case 'dispose': {
      datasets.get(request.handle)?.dispose();
      datasets.delete(request.handle);
      return { value: undefined };
    }
  }
}

function ready(): Promise<Engine> {
  if (!engine) throw new Error('worker: init must come first');
  return engine;
}

function lookup(handle: number): Dataset {
  const data = datasets.get(handle);
  if (!data) throw new TypeError('data: this Dataset was disposed; create a new one with engine.dataset(X, y)');
  return data;
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'abort') {
    running.get(request.id)?.abort(); // a fit that has ended is no longer listed: nothing to do
    return;
  }
  if (request.type === 'fit') {
    // registered before any await, so that an abort posted right after the fit finds it
    const controller = new AbortController();
    if (request.aborted) controller.abort();
    running.set(request.id, controller);
  }
  queue = queue.then(() => handle(request)).then(
    ({ value, transfer }) => scope.postMessage({ id: request.id, ok: true, value }, transfer),
    (e: unknown) => {
      const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
      scope.postMessage({ id: request.id, ok: false, error });
    },
  ).finally(() => running.delete(request.id));
};
