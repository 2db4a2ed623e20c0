/**
 * Runs an engine in a Web Worker so that long fits do not block the page: the same dataset/fit calls as
 * {@link Engine}, returning promises, with the same validation and the same FitResult (computed by the same
 * engine inside the worker, so bit-identical to a fit on the page). The worker runs `engine.fitAsync`, so progress
 * messages leave it between chunks and an abort message reaches it there. Browser only: it needs the Worker global.
 */
import { normalizeInput } from './columnar.js';
import { LinearModel } from './models/model.js';
import { describe } from './options.js';
import type {
  BackendName, ColumnSelection, EngineOptions, FeaturesInput, FitOptions, FitOptionsRecord, FitResult, FitStatus, LabelsInput, ModelName, Progress,
} from './types.js';

/** Options of {@link createWorkerEngine}. */
export interface WorkerEngineOptions extends EngineOptions {
  /** A worker running src/worker-entry.ts to use instead of starting one (e.g. from a bundler's `?worker` import). */
  worker?: Worker;
}

/** A dataset held by the worker's engine. */
export interface WorkerDataset {
  /** Number of rows n. */
  readonly rows: number;
  /** Number of columns (features) d. */
  readonly cols: number;
  /** True once {@link WorkerDataset.dispose} was called; a fit on it then rejects. */
  readonly disposed: boolean;
  /** Frees the worker's copy; idempotent. */
  dispose(): Promise<void>;
}

/** Options of {@link WorkerEngine.fit} beyond the fit's own. */
export interface WorkerFitControl {
  /**
   * Abandon the fit: the promise rejects with `signal.reason` (an AbortError DOMException by default) as soon as
   * the signal fires, and the worker stops that fit at its next chunk boundary, so later requests do not wait
   * behind it. To stop a fit and keep its parameters instead, pass `signal` in the fit options.
   */
  signal?: AbortSignal;
}

/** An engine living in a Web Worker. */
export interface WorkerEngine {
  /** The numerical core the worker's engine uses: `'wasm'` or `'js'`. */
  readonly backend: BackendName;
  /** True when the worker's engine uses the WASM SIMD build. */
  readonly simd: boolean;
  /**
   * Copies X and y into the worker's engine (validated there, errors as in {@link Engine.dataset}; a table is read
   * into a row-major copy on the page first).
   * With `{ transfer: true }`, typed arrays (`y`, a {@link Matrix}'s `data`, or typed-array rows of X) are
   * transferred instead of copied: faster for large data, and they are detached (length 0) for the caller afterwards.
   * @param X n rows × d features (see {@link FeaturesInput}).
   * @param y n labels or targets (see {@link LabelsInput}).
   * @param options `transfer` (default false): move typed arrays to the worker instead of copying them.
   * @throws (rejects with) the TypeError/RangeError of {@link Engine.dataset}; Error after `terminate()`.
   */
  dataset(X: FeaturesInput, y: LabelsInput | string | ColumnSelection, options?: { transfer?: boolean }): Promise<WorkerDataset>;
  /**
   * {@link Engine.fitAsync} in the worker: the same options and the same {@link FitResult} (a {@link LinearModel}
   * with the history; bit-identical to a fit by the page's engine). Two options work across the boundary:
   * - `onProgress` runs on the page, called with each {@link Progress} the worker posts (every `progressEvery`
   *   epochs, or about every 10 ms of work without it). Returning `false` asks the worker to stop: no further
   *   progress is reported, and the fit resolves with status `'aborted'` and the parameters reached when the
   *   request arrives (the worker keeps computing meanwhile, so possibly a few epochs later than on the page).
   * - `signal`: when it fires, the worker stops at its next chunk boundary and the fit resolves with status
   *   `'aborted'` and the parameters so far; already aborted, the fit returns the initial parameters at once.
   * The worker yields after every chunk, and a browser makes each yield last at least ~4 ms (the clamp of nested
   *   timers), so `progressEvery: 1` on cheap epochs is slow (measured: 2000 epochs of 3 rows, 8 s instead of 8 ms);
   *   leave it unset or make chunks of about 10 ms or more.
   * A schedule given as a function cannot be sent to a worker; use a named schedule.
   * @param data a dataset made by this engine's {@link WorkerEngine.dataset}, not disposed.
   * @param options the fit's options, as {@link Engine.fit} (a `schedule` function excepted).
   * @param control `signal` to abandon the fit (see {@link WorkerFitControl}).
   * @throws TypeError/RangeError (rejection) as {@link Engine.fit}; an error thrown by `onProgress` rejects the fit
   *   (and stops it in the worker); `control.signal` rejects with its reason.
   */
  fit(data: WorkerDataset, options: FitOptions, control?: WorkerFitControl): Promise<FitResult>;
  /** Stops the worker at once; pending and later calls reject with an Error. Idempotent. */
  terminate(): void;
}

/**
 * @internal The messages from {@link createWorkerEngine} to src/worker-entry.ts. Each is answered by one
 * {@link WorkerReply} with its id, except `abort`, which names the fit to stop by that fit's id and is not answered.
 * A fit's options never hold functions or signals: `progress` says whether to post progress, `aborted` whether the
 * caller's signal had already fired.
 */
export type WorkerRequest = { id: number } & (
  | { type: 'init'; options: EngineOptions }
  | { type: 'dataset'; X: FeaturesInput; y: LabelsInput }
  | { type: 'fit'; handle: number; options: FitOptions; progress: boolean; aborted: boolean }
  | { type: 'dispose'; handle: number }
  | { type: 'abort' }
);

/** @internal Replies, and the progress of a running fit (any number of them, all before that fit's reply). */
export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } }
  | { id: number; progress: Progress };

/** @internal The plain fields of a FitResult as the worker posts them; the page rebuilds the model around them. */
export interface WorkerFitValue {
  model: ModelName;
  cols: number;
  classes: number;
  weights: Float64Array;
  intercepts: Float64Array;
  loss: Float64Array;
  epochLoss: Float64Array;
  iterations: number;
  epochs: number;
  status: FitStatus;
  finalLoss: number;
  mse: number;
}

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

/** What a call may do while it waits: hear progress, be abandoned (reject) on a signal. */
interface CallHooks {
  /** Called with each progress message of this request, until the reply. */
  onProgress?: (progress: Progress) => void;
  /** Rejects the call with `signal.reason` when it fires (and tells the worker to stop it). */
  signal?: AbortSignal;
  /** Receives the request's id as soon as it is posted (to send `abort` for it later). */
  onPosted?: (id: number) => void;
}

/** Request/reply over postMessage, matched by id. */
class Rpc {
  #next = 1;
  #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; onProgress?: (p: Progress) => void }>();
  #dead: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const waiter = this.#pending.get(reply.id);
      if (!waiter) return; // abandoned: the caller has already been answered
      if ('progress' in reply) {
        waiter.onProgress?.(reply.progress);
        return;
      }
      this.#pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new (ERRORS[reply.error.name] ?? Error)(reply.error.message));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.#fail(new Error(`worker failed: ${event.message || 'could not start (check the worker URL)'}`));
    };
  }

  call(request: DistributiveOmit<WorkerRequest, 'id'>, transfer: Transferable[] = [], hooks: CallHooks = {}): Promise<unknown> {
    const { signal, onProgress, onPosted } = hooks;
    if (this.#dead) return Promise.reject(this.#dead);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#pending.delete(id);
        this.abort(id); // frees the worker: it stops this request at its next chunk boundary
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
        onProgress,
      });
      try {
        this.worker.postMessage({ ...request, id }, transfer);
      } catch (e) {
        // DataCloneError: something in the request cannot be copied to a worker
        this.#pending.get(id)?.reject(e as Error);
        this.#pending.delete(id);
        return;
      }
      onPosted?.(id);
    });
  }

  /** Asks the worker to stop request `id` (a fit) at its next chunk boundary; no reply. */
  abort(id: number): void {
    if (!this.#dead) this.worker.postMessage({ type: 'abort', id } satisfies WorkerRequest);
  }

  /** Rejects a pending call at once; its reply, when it comes, is dropped. */
  reject(id: number, error: unknown): void {
    const waiter = this.#pending.get(id);
    this.#pending.delete(id);
    waiter?.reject(error as Error);
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

  async dataset(X: FeaturesInput, y: LabelsInput | string | ColumnSelection, options: { transfer?: boolean } = {}): Promise<WorkerDataset> {
    // A table is read on the page (an Arrow or Arquero table does not survive structured cloning).
    ({ X, y } = normalizeInput(X, y));
    const transfer = options.transfer ? transferables(X, y) : [];
    const r = (await this.rpc.call({ type: 'dataset', X, y }, transfer)) as { handle: number; rows: number; cols: number };
    return new RemoteDataset(this.rpc, r.handle, r.rows, r.cols);
  }

  async fit(data: WorkerDataset, options: FitOptions, control: WorkerFitControl = {}): Promise<FitResult> {
    if (!(data instanceof RemoteDataset) || data.owner !== this.rpc) {
      throw new TypeError("data must be a Dataset made by this engine's dataset(X, y)");
    }
    if (data.disposed) throw new TypeError('data: this Dataset was disposed; create a new one with engine.dataset(X, y)');
    // Anything but an object goes to the worker as it is, to be refused there with the engine's own message.
    const isObject = typeof options === 'object' && options !== null && !Array.isArray(options);
    const { onProgress, signal, ...rest } = isObject ? options : ({} as Partial<FitOptionsRecord>);
    if (onProgress !== undefined && typeof onProgress !== 'function') {
      throw new TypeError(`onProgress must be a function, got ${describe(onProgress)}`);
    }
    if (signal !== undefined && !(typeof signal === 'object' && signal !== null && 'aborted' in signal)) {
      throw new TypeError(`signal must be an AbortSignal, got ${describe(signal)}`);
    }
    if (isObject && typeof rest.schedule === 'function') {
      throw new TypeError('schedule: a function cannot be sent to a worker; use a named schedule such as { type: \'step\', stepSize, gamma }');
    }

    let id = 0;
    let stopped = false; // after onProgress returned false or threw: no more calls, one abort message
    const stop = () => {
      if (!stopped) {
        stopped = true;
        this.rpc.abort(id);
      }
    };
    const hear = onProgress && ((progress: Progress) => {
      if (stopped) return;
      let answer: void | boolean;
      try {
        answer = onProgress(progress);
      } catch (e) {
        stop();
        this.rpc.reject(id, e);
        return;
      }
      if (answer === false) stop();
    });
    const request = {
      type: 'fit' as const, handle: data.handle, options: (isObject ? rest : options) as FitOptions,
      progress: hear !== undefined, aborted: signal?.aborted ?? false,
    };
    const onAbort = () => stop();
    const reply = this.rpc.call(request, [], {
      signal: control.signal,
      onProgress: hear,
      onPosted: (posted) => {
        id = posted;
        signal?.addEventListener('abort', onAbort, { once: true });
      },
    });
    try {
      return toFitResult((await reply) as WorkerFitValue);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  terminate(): void {
    this.rpc.terminate();
  }
}

/** The page-side FitResult: a LinearModel (predict, score, toJSON work) around the arrays the worker transferred. */
function toFitResult(v: WorkerFitValue): FitResult {
  const { model, cols, classes, weights, intercepts, ...history } = v;
  return Object.assign(new LinearModel(model, cols, classes, weights, intercepts), history);
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
