/**
 * Runs an engine in a Web Worker so that long fits do not block the page: the same dataset/fit calls as
 * {@link Engine}, returning promises, with the same validation and the same FitResult (computed by the same
 * engine inside the worker, so bit-identical to a fit on the page). Browser only: it needs the Worker global.
 */
import type {
  BackendName, EngineOptions, FeaturesInput, FitOptions, FitResult, LabelsInput,
} from './types.js';

/** Options of {@link createWorkerEngine}. */
export interface WorkerEngineOptions extends EngineOptions {
  /** A worker running src/worker-entry.ts to use instead of starting one (e.g. from a bundler's `?worker` import). */
  worker?: Worker;
}

/** A dataset held by the worker's engine. */
export interface WorkerDataset {
  readonly rows: number;
  readonly cols: number;
  readonly disposed: boolean;
  /** Frees the worker's copy; idempotent. */
  dispose(): Promise<void>;
}

/** Options of {@link WorkerEngine.fit} beyond the fit's own. */
export interface WorkerFitControl {
  /**
   * Abort: the promise rejects with `signal.reason` (an AbortError DOMException by default) as soon as the signal
   * fires. The engine has no cancellation point inside a fit yet, so the worker finishes that fit and its result is
   * dropped; later requests wait behind it.
   */
  signal?: AbortSignal;
}

/** An engine living in a Web Worker. */
export interface WorkerEngine {
  readonly backend: BackendName;
  readonly simd: boolean;
  /**
   * Copies X and y into the worker's engine (validated there, errors as in {@link Engine.dataset}).
   * With `{ transfer: true }`, typed arrays (`y`, a {@link Matrix}'s `data`, or typed-array rows of X) are
   * transferred instead of copied: faster for large data, and they are detached (length 0) for the caller afterwards.
   */
  dataset(X: FeaturesInput, y: LabelsInput, options?: { transfer?: boolean }): Promise<WorkerDataset>;
  /** {@link Engine.fit} in the worker: the same options and the same {@link FitResult}. */
  fit(data: WorkerDataset, options: FitOptions, control?: WorkerFitControl): Promise<FitResult>;
  /** Stops the worker at once; pending and later calls reject with an Error. Idempotent. */
  terminate(): void;
}

/** @internal The messages between {@link createWorkerEngine} and src/worker-entry.ts. */
export type WorkerRequest = { id: number } & (
  | { type: 'init'; options: EngineOptions }
  | { type: 'dataset'; X: FeaturesInput; y: LabelsInput }
  | { type: 'fit'; handle: number; options: FitOptions }
  | { type: 'dispose'; handle: number }
);

/** @internal */
export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } };

const ERRORS: Record<string, new (message: string) => Error> = { TypeError, RangeError };

/**
 * Starts a Web Worker with its own engine (WASM where available, as {@link createEngine}) and resolves once the
 * engine is ready.
 * @param options `backend` and `simd` as for createEngine; `worker` to supply the worker yourself.
 * @throws Error (rejection) when Worker is unavailable or the engine cannot start in the worker.
 * @example
 * const engine = await createWorkerEngine();
 * const data = await engine.dataset([[0], [1], [2]], [1, 3, 5]);
 * const fit = await engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 500 });
 * fit.weights[0]; // ≈ 2
 * engine.terminate();
 */
export async function createWorkerEngine(options: WorkerEngineOptions = {}): Promise<WorkerEngine> {
  const { worker: given, ...engineOptions } = options;
  if (!given && typeof Worker !== 'function') throw new Error('createWorkerEngine needs Web Workers (a browser)');
  // The literal new URL(…, import.meta.url) inside new Worker(…) is the pattern bundlers (Vite, webpack, esbuild)
  // recognise to emit the worker as its own chunk.
  const worker = given ?? new Worker(new URL('./worker-entry.js', import.meta.url), { type: 'module' });
  const rpc = new Rpc(worker);
  try {
    const { backend, simd } = (await rpc.call({ type: 'init', options: engineOptions })) as { backend: BackendName; simd: boolean };
    return new RemoteEngine(rpc, backend, simd);
  } catch (e) {
    rpc.terminate();
    throw e;
  }
}

/** Request/reply over postMessage, matched by id. */
class Rpc {
  #next = 1;
  #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  #dead: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return; // aborted: the caller has already been answered
      this.#pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new (ERRORS[reply.error.name] ?? Error)(reply.error.message));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.#fail(new Error(`worker failed: ${event.message || 'could not start (check the worker URL)'}`));
    };
  }

  call(request: DistributiveOmit<WorkerRequest, 'id'>, transfer: Transferable[] = [], signal?: AbortSignal): Promise<unknown> {
    if (this.#dead) return Promise.reject(this.#dead);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#pending.delete(id);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        resolve: (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(v);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      this.worker.postMessage({ ...request, id }, transfer);
    });
  }

  terminate(): void {
    this.worker.terminate();
    this.#fail(new Error('the worker engine was terminated'));
  }

  #fail(error: Error): void {
    this.#dead ??= error;
    for (const waiter of this.#pending.values()) waiter.reject(error);
    this.#pending.clear();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

class RemoteDataset implements WorkerDataset {
  #disposed = false;
  constructor(readonly owner: Rpc, readonly handle: number, readonly rows: number, readonly cols: number) {}
  get disposed(): boolean {
    return this.#disposed;
  }
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.owner.call({ type: 'dispose', handle: this.handle });
  }
}

class RemoteEngine implements WorkerEngine {
  constructor(private readonly rpc: Rpc, readonly backend: BackendName, readonly simd: boolean) {}

  async dataset(X: FeaturesInput, y: LabelsInput, options: { transfer?: boolean } = {}): Promise<WorkerDataset> {
    const transfer = options.transfer ? transferables(X, y) : [];
    const r = (await this.rpc.call({ type: 'dataset', X, y }, transfer)) as { handle: number; rows: number; cols: number };
    return new RemoteDataset(this.rpc, r.handle, r.rows, r.cols);
  }

  async fit(data: WorkerDataset, options: FitOptions, control: WorkerFitControl = {}): Promise<FitResult> {
    if (!(data instanceof RemoteDataset) || data.owner !== this.rpc) {
      throw new TypeError("data must be a Dataset made by this engine's dataset(X, y)");
    }
    if (data.disposed) throw new TypeError('data: this Dataset was disposed; create a new one with engine.dataset(X, y)');
    return (await this.rpc.call({ type: 'fit', handle: data.handle, options }, [], control.signal)) as FitResult;
  }

  terminate(): void {
    this.rpc.terminate();
  }
}

/** The distinct, non-shared ArrayBuffers behind the typed arrays among X and y. */
function transferables(X: FeaturesInput, y: LabelsInput): Transferable[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (v: unknown) => {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
  };
  add(y);
  if (Array.isArray(X)) X.forEach(add);
  else add((X as { data?: unknown }).data);
  return [...buffers];
}
