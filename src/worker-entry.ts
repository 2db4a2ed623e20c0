/**
 * The inside of the Web Worker started by createWorkerEngine (src/worker.ts): one engine per worker, datasets
 * kept here under integer handles, one reply per request. Results are the engine's own; their arrays are
 * transferred back, not copied. Errors travel as { name, message } and are rebuilt on the page.
 */
import { createEngine } from './index.js';
import type { Dataset, Engine, FitResult } from './types.js';
import type { WorkerReply, WorkerRequest } from './worker.js';

interface Scope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as Scope;
let engine: Promise<Engine> | null = null;
const datasets = new Map<number, Dataset>();
let nextHandle = 1;

async function handle(request: WorkerRequest): Promise<{ value: unknown; transfer?: Transferable[] }> {
  switch (request.type) {
    case 'init': {
      engine ??= createEngine(request.options);
      const e = await engine;
      return { value: { backend: e.backend, simd: e.simd } };
    }
    case 'dataset': {
      const data = (await ready()).dataset(request.X, request.y);
      const handle = nextHandle++;
      datasets.set(handle, data);
      return { value: { handle, rows: data.rows, cols: data.cols } };
    }
    case 'fit': {
      const result: FitResult = (await ready()).fit(lookup(request.handle), request.options);
      // a Set: transferring one buffer twice would throw DataCloneError
      return { value: result, transfer: [...new Set<ArrayBuffer>([result.weights.buffer as ArrayBuffer, result.loss.buffer as ArrayBuffer])] };
    }
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
  handle(request).then(
    ({ value, transfer }) => scope.postMessage({ id: request.id, ok: true, value }, transfer),
    (e: unknown) => {
      const error = e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
      scope.postMessage({ id: request.id, ok: false, error });
    },
  );
};
