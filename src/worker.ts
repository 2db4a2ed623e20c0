/**
 * Runs an engine in a Web Worker so that long fits do not block the page: the same dataset/fit calls as
 * {@link Engine}, returning promises, with the same validation and the same FitResult (computed by the same
 * engine inside the worker, so bit-identical to a fit on the page). The worker runs `engine.fitAsync`, so progress
 * messages leave it between chunks and an abort message reaches it there. Browser only: it needs the Worker global.
 */
import { isTable, normalizeInput } from './columnar.js';
import { LinearModel } from './models/model.js';
import { MlpModel, type MlpModelJSON } from './models/mlp.js';
import { checkArgCount, checkDtype, checkKeys, describe, describeSignal } from './options/index.js';
import type {
  AbortSignalLike, AutoReport, BackendName, ClassFit, ColumnSelection, DatasetOptions, EngineOptions, FeaturesInput, FitOptions, FitOptionsRecord, FitResult, MlpFitOptions, NetworkFitResult,
  FitStatus, LabelsInput, TargetsInput, ModelName, Progress, UrlInput, WasmSource,
} from './types.js';

/**
 * The part of a Web `Worker` that {@link createWorkerEngine} uses (structural, so that the published types compile
 * without the DOM library; a DOM `Worker` is one).
 */
export interface WorkerLike {
  /**
   * Sends a request to the worker, moving the `transfer` buffers.
   * @param message the request, a structured-cloneable object (the engine's own protocol).
   * @param transfer ArrayBuffers moved (not copied) to the worker: the caller's typed arrays' buffers with
   *   `dataset(X, y, { transfer: true })`, none otherwise.
   */
  postMessage(message: unknown, transfer: never[]): void;
  /** Stops the worker. */
  terminate(): void;
  // `any` events: a DOM Worker's handlers take MessageEvent and ErrorEvent, which a structural type cannot name.
  /**
   * Set by createWorkerEngine: receives the worker's replies (`event.data`).
   * @param event a `MessageEvent` whose `data` is a reply of the engine's protocol.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  onmessage: ((event: any) => void) | null;
  /**
   * Set by createWorkerEngine: a worker that fails to start or throws rejects the pending calls.
   * @param event an `ErrorEvent`: its `message` goes into the rejection, and `preventDefault()` is called on it.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  onerror: ((event: any) => void) | null;
}

/** Options of {@link createWorkerEngine}: {@link EngineOptions} but `threads` (the worker's engine runs on one thread). */
export interface WorkerEngineOptions extends Omit<EngineOptions, 'threads'> {
  /**
   * A worker already running the package's worker entry (`momentum-gd/worker`), to use instead of starting one,
   * e.g. from Vite's `import EngineWorker from 'momentum-gd/worker?worker'`. Terminated by
   * {@link WorkerEngine.terminate}. Not with `workerUrl`.
   */
  worker?: WorkerLike;
  /**
   * The URL of the worker entry script (`momentum-gd/worker`, bundled on its own for bundlers that do not follow
   * `new Worker(new URL('./worker-entry.js', import.meta.url))`, such as esbuild); started as a module worker.
   * Default: dist/worker-entry.js next to this module, which Vite and webpack 5 bundle and rewrite by themselves.
   * In a browser a relative URL is resolved against the page. Not with `worker`.
   */
  workerUrl?: UrlInput;
  /**
   * Where the worker's engine loads the WASM core from, as {@link EngineOptions.wasm}; relative URLs are resolved
   * against the page (not the worker script) before they are sent. Bytes and modules are copied to the worker.
   */
  wasm?: WasmSource;
}

/** A dataset held by the worker's engine. */
export interface WorkerDataset {
  /** Number of rows n. */
  readonly rows: number;
  /** Number of columns (features) d. */
  readonly cols: number;
  /** How the worker stores X ({@link DatasetOptions.dtype}): `'float64'` (default) or `'float32'`. */
  readonly dtype: 'float64' | 'float32';
  /** Bytes of the worker engine's memory the data takes, as {@link Dataset.bytes} counts them (read when it was made). */
  readonly bytes: number;
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
  signal?: AbortSignalLike;
}

/** An engine living in a Web Worker. */
export interface WorkerEngine {
  /** The numerical core the worker's engine uses: `'wasm'` or `'js'`. */
  readonly backend: BackendName;
  /** True when the worker's engine uses the WASM SIMD build. */
  readonly simd: boolean;
  /** Why the worker's engine runs on the JS backend though `backend: 'auto'` was asked for; see {@link Engine.fallbackReason}. */
  readonly fallbackReason: string | undefined;
  /**
   * Copies X and y into the worker's engine (validated there, errors as in {@link Engine.dataset}; a table is read
   * into a row-major copy on the page first).
   * With `{ transfer: true }`, typed arrays (`y`, a {@link Matrix}'s `data`, or typed-array rows of X) are
   * transferred instead of copied: faster for large data, and they are detached (length 0) for the caller afterwards.
   * @param X n rows × d features (see {@link FeaturesInput}).
   * @param y n labels or targets (see {@link LabelsInput}).
   * @param options `transfer` (default false): move typed arrays to the worker instead of copying them;
   *   `sampleWeight`: one weight ≥ 0 per row for every fit of the dataset, and `dtype` (`'float64'` or `'float32'`
   *   storage of X), as {@link DatasetOptions}.
   * @throws (rejects with) the TypeError/RangeError of {@link Engine.dataset}; Error after `terminate()`.
   */
  dataset(X: FeaturesInput, y: LabelsInput | TargetsInput | string | ColumnSelection, options?: { transfer?: boolean } & DatasetOptions): Promise<WorkerDataset>;
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
  /**
   * A network fit in the worker ({@link Engine.fit}'s network form): the result is an {@link MlpModel} with the fit's history.
   * @param data a dataset made by this engine's {@link WorkerEngine.dataset}, not disposed.
   * @param options the network's options (a `schedule` function excepted).
   * @param control `signal` to abandon the fit (see {@link WorkerFitControl}).
   */
  fit(data: WorkerDataset, options: MlpFitOptions, control?: WorkerFitControl): Promise<NetworkFitResult>;
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
  | { type: 'dataset'; X: FeaturesInput; y: LabelsInput | TargetsInput; sampleWeight: ArrayLike<number> | string | undefined; dtype?: 'float64' | 'float32' }
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
  /** FitResult.auto: plain numbers and strings (structured-clone safe). */
  auto: AutoReport | null;
  /** FitResult.perClass of a one-vs-rest fit, each finalLoss read in the worker; null otherwise. */
  perClass: ClassFit[] | null;
  /** A network fit (issue 16): the model's JSON form (the fields above then hold placeholders), else null. */
  network: MlpModelJSON | null;
}

const ERRORS: Record<string, new (message: string) => Error> = { TypeError, RangeError };

const MODULE_URL = import.meta.url;

/** The options of createWorkerEngine beyond createEngine's. */
const WORKER_OPTIONS = ['worker', 'workerUrl'];

/**
 * Starts a Web Worker with its own engine (WASM where available, as {@link createEngine}) and resolves once the
 * engine is ready.
 * @param options `backend`, `simd` and `wasm` as for createEngine; `worker` to supply the worker yourself, or
 *   `workerUrl` to say where the bundled worker entry (`momentum-gd/worker`) is served.
 * @throws TypeError (rejection) for unknown options, `worker` with `workerUrl`, or a bad URL; Error when Worker is
 *   unavailable, the worker script cannot be started (naming its URL), or the engine cannot start in the worker.
 * @example
 * const engine = await createWorkerEngine();
 * const data = await engine.dataset([[0], [1], [2]], [1, 3, 5]);
 * const fit = await engine.fit(data, { lr: 0.1, momentum: 0.9, maxIterations: 500 });
 * fit.weights[0]; // ≈ 2
 * engine.terminate();
 * // esbuild: bundle 'momentum-gd/worker' as its own entry, serve build/*.wasm, and say where both are:
 * const served = await createWorkerEngine({ workerUrl: '/worker.js', wasm: '/wasm/' });
 */
export async function createWorkerEngine(options: WorkerEngineOptions = {}): Promise<WorkerEngine> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describe(options)}`);
  }
  checkArgCount('createWorkerEngine', ['options'], arguments);
  checkKeys(options, ['backend', 'simd', 'wasm', ...WORKER_OPTIONS], 'createWorkerEngine');
  const { worker: given, workerUrl, ...engineOptions } = options;
  if (given !== undefined && workerUrl !== undefined) {
    throw new TypeError('worker and workerUrl: give one (a running worker, or the URL to start one from), not both');
  }
  if (given !== undefined && (typeof given !== 'object' || given === null || typeof given.postMessage !== 'function')) {
    throw new TypeError(`worker must be a Worker running momentum-gd/worker, got ${describe(given)}`);
  }
  if (!given && typeof Worker !== 'function') throw new Error('createWorkerEngine needs Web Workers (a browser)');
  const init = { ...engineOptions };
  if (engineOptions.wasm !== undefined) init.wasm = absoluteWasm(engineOptions.wasm);
  let started: string | undefined;
  let worker: WorkerLike;
  if (given) worker = given;
  else if (workerUrl !== undefined) {
    const url = absolute(workerUrl, 'workerUrl');
    started = url;
    worker = new Worker(url, { type: 'module' }) as unknown as WorkerLike;
  } else {
    // The literal new URL(…, import.meta.url) inside new Worker(…) is the pattern bundlers (Vite, webpack)
    // recognise to emit the worker as its own chunk.
    worker = new Worker(new URL('./worker-entry.js', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
    // For the error message only; not the literal pattern, so that no bundler emits the file a second time. Where
    // a bundler rewrote the pattern above this is not the URL started, but then the worker starts.
    started = new URL('./worker-entry.js', MODULE_URL).href;
  }
  const rpc = new Rpc(worker, started);
  try {
    const r = (await rpc.call({ type: 'init', options: init })) as { backend: BackendName; simd: boolean; fallbackReason?: string };
    return new RemoteEngine(rpc, r.backend, r.simd, r.fallbackReason);
  } catch (e) {
    rpc.terminate();
    throw e;
  }
}

/** A URL given as a string (relative to the page) or an object with href, made absolute for the worker. */
function absolute(v: unknown, what: string): string {
  if (typeof v !== 'string' && !(typeof v === 'object' && v !== null && typeof (v as { href?: unknown }).href === 'string')) {
    throw new TypeError(`${what} must be a URL (string or URL), got ${describe(v)}`);
  }
  const text = typeof v === 'string' ? v : (v as { href: string }).href;
  const base = (globalThis as { document?: { baseURI?: string }; location?: { href?: string } });
  try {
    return new URL(text, base.document?.baseURI ?? base.location?.href).href;
  } catch {
    throw new TypeError(`${what} must be an absolute URL (or one relative to the page), got ${JSON.stringify(text)}`);
  }
}

/**
 * `wasm` with its URLs made absolute against the page, since the worker would resolve them against its own script.
 * Anything else goes as it is, to be checked by createEngine in the worker.
 */
function absoluteWasm(wasm: WasmSource): WasmSource {
  const isUrl = (v: unknown) => typeof v === 'string' || (typeof v === 'object' && v !== null && !ArrayBuffer.isView(v)
    && !(v instanceof ArrayBuffer) && typeof (v as { href?: unknown }).href === 'string');
  if (isUrl(wasm)) return absolute(wasm, 'wasm');
  if (typeof wasm !== 'object' || wasm === null || Array.isArray(wasm)) return wasm;
  const out: Record<string, unknown> = { ...wasm };
  for (const key of ['simd', 'scalar']) if (isUrl(out[key])) out[key] = absolute(out[key], `wasm.${key}`);
  return out as WasmSource;
}

/** What a call may do while it waits: hear progress, be abandoned (reject) on a signal. */
interface CallHooks {
  /** Called with each progress message of this request, until the reply. */
  onProgress?: (progress: Progress) => void;
  /** Rejects the call with `signal.reason` when it fires (and tells the worker to stop it). */
  signal?: AbortSignalLike;
  /** Receives the request's id as soon as it is posted (to send `abort` for it later). */
  onPosted?: (id: number) => void;
}

/** Request/reply over postMessage, matched by id. */
class Rpc {
  #next = 1;
  #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; onProgress?: (p: Progress) => void }>();
  #dead: Error | null = null;

  constructor(private readonly worker: WorkerLike, url: string | undefined) {
    worker.onmessage = (event: { data: WorkerReply }) => {
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
    worker.onerror = (event: { message?: string; preventDefault(): void }) => {
      event.preventDefault();
      const where = url ? ` from ${url}` : '';
      this.#fail(new Error(event.message
        ? `worker failed${where}: ${event.message}`
        : `the worker could not be started${where} (a missing file or a script error; a bundler that does not ` +
          `bundle the worker by itself needs createWorkerEngine({ workerUrl }) (README: "In the browser"))`));
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
        this.worker.postMessage({ ...request, id }, transfer as never[]);
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
    if (!this.#dead) this.worker.postMessage({ type: 'abort', id } satisfies WorkerRequest, []);
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
  constructor(readonly owner: Rpc, readonly handle: number, readonly rows: number, readonly cols: number,
    readonly dtype: 'float64' | 'float32', readonly bytes: number) {}
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
  constructor(private readonly rpc: Rpc, readonly backend: BackendName, readonly simd: boolean,
    readonly fallbackReason: string | undefined) {}

  async dataset(X: FeaturesInput, y: LabelsInput | TargetsInput | string | ColumnSelection, options: { transfer?: boolean } & DatasetOptions = {}): Promise<WorkerDataset> {
    checkArgCount('engine.dataset', ['X', 'y', 'options'], arguments);
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new TypeError(`options must be an object such as { transfer: true }, got ${describe(options)}`);
    }
    checkKeys(options, ['transfer', 'sampleWeight', 'dtype'], 'worker engine.dataset');
    const dtype = checkDtype(options.dtype);
    if (options.transfer !== undefined && typeof options.transfer !== 'boolean') {
      throw new TypeError(`transfer must be a boolean, got ${describe(options.transfer)}`);
    }
    // A table is read on the page (an Arrow or Arquero table does not survive structured cloning), with its weight
    // column when sampleWeight names one.
    let sampleWeight: ArrayLike<number> | string | undefined = options.sampleWeight;
    const t = normalizeInput(X, y as LabelsInput | string | ColumnSelection, typeof sampleWeight === 'string' && isTable(X) ? sampleWeight : null);
    ({ X, y } = t);
    if (t.sampleWeight) sampleWeight = t.sampleWeight;
    const transfer = options.transfer ? transferables(X, y) : [];
    const r = (await this.rpc.call({ type: 'dataset', X, y, sampleWeight, dtype }, transfer)) as
      { handle: number; rows: number; cols: number; dtype: 'float64' | 'float32'; bytes: number };
    return new RemoteDataset(this.rpc, r.handle, r.rows, r.cols, r.dtype, r.bytes);
  }

  fit(data: WorkerDataset, options: FitOptions, control?: WorkerFitControl): Promise<FitResult>;
  fit(data: WorkerDataset, options: MlpFitOptions, control?: WorkerFitControl): Promise<NetworkFitResult>;
  async fit(data: WorkerDataset, options: FitOptions | MlpFitOptions, control: WorkerFitControl = {}): Promise<FitResult | NetworkFitResult> {
    checkArgCount('engine.fit', ['data', 'options', 'control'], arguments);
    if (typeof control !== 'object' || control === null || Array.isArray(control)) {
      throw new TypeError(`control must be an object such as { signal }, got ${describe(control)}`);
    }
    checkKeys(control, ['signal'], 'worker fit control');
    if (control.signal !== undefined && !(typeof control.signal === 'object' && control.signal !== null && 'aborted' in control.signal)) {
      throw new TypeError(`control.signal must be an AbortSignal, got ${describeSignal(control.signal)}`);
    }
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
      throw new TypeError(`signal must be an AbortSignal, got ${describeSignal(signal)}`);
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
    // warmStart crosses as its plain JSON data (a model's methods do not survive structured cloning).
    const warm = isObject ? (rest as { warmStart?: unknown }).warmStart : undefined;
    if (typeof warm === 'object' && warm !== null && typeof (warm as { toJSON?: unknown }).toJSON === 'function') {
      (rest as { warmStart?: unknown }).warmStart = (warm as { toJSON(): unknown }).toJSON();
    }
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
  const { model, cols, classes, weights, intercepts, network, ...history } = v;
  if (network) {
    // A network: an MlpModel with the fit's history (NetworkFitResult's fields).
    const { loss, epochLoss, iterations, epochs, status, finalLoss } = history;
    return Object.assign(MlpModel.fromJSON(network), { loss, epochLoss, iterations, epochs, status, finalLoss }) as unknown as FitResult;
  }
  // engine.partialFit is not offered in a worker (its state would cross on every call): optimizerState is null.
  return Object.assign(new LinearModel(model, cols, classes, weights, intercepts), history, { optimizerState: null });
}

/** The distinct, non-shared ArrayBuffers behind the typed arrays among X and y. */
function transferables(X: FeaturesInput, y: LabelsInput | TargetsInput): Transferable[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (v: unknown) => {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
  };
  add(y);
  if (Array.isArray(y)) y.forEach(add);
  else if (typeof y === 'object' && y !== null && 'data' in y) add(y.data);
  if (Array.isArray(X)) X.forEach(add);
  else add((X as { data?: unknown }).data);
  return [...buffers];
}
