/**
 * createEngine and the Engine both backends share: validation before any work, dataset handles with an owner and
 * a disposed flag, and results assembled from copies. The numerical work is the backend's (src/backend.ts).
 */
import type { Backend, StoredData } from './backend.js';
import { JsBackend } from './js/engine.js';
import { checkDataset, checkFitOptions, checkSgdOptions, describe, toFloat64 } from './options.js';
import { Sgd } from './sgd.js';
import type {
  BackendName, Dataset, Engine, EngineOptions, FeaturesInput, FitOptions, FitResult, FitStatus, LabelsInput,
  SgdOptimizer, SgdOptions,
} from './types.js';
import { hasSimd, hasWebAssembly, loadCore } from './wasm/load.js';
import { WasmBackend } from './wasm/engine.js';

const STATUS: Record<number, FitStatus> = { 1: 'converged', 2: 'maxIterations', 3: 'diverged' };

class DatasetHandle implements Dataset {
  private stored: StoredData | null;
  constructor(readonly owner: MomentumEngine, stored: StoredData) {
    this.stored = stored;
  }
  get rows(): number {
    return this.data().rows;
  }
  get cols(): number {
    return this.data().cols;
  }
  get disposed(): boolean {
    return this.stored === null;
  }
  /** The backend's storage; throws a TypeError once disposed. */
  data(): StoredData {
    if (!this.stored) throw new TypeError('data: this Dataset was disposed; create a new one with engine.dataset(X, y)');
    return this.stored;
  }
  dispose(): void {
    if (this.stored) {
      this.stored.release();
      this.stored = null;
    }
  }
}

class MomentumEngine implements Engine {
  constructor(private readonly impl: Backend) {}

  get backend(): BackendName {
    return this.impl.name;
  }

  get simd(): boolean {
    return this.impl.simd;
  }

  /** @internal the backend, for tests and benchmarks of this package. */
  get internals(): Backend {
    return this.impl;
  }

  dataset(X: FeaturesInput, y: LabelsInput): Dataset {
    return new DatasetHandle(this, this.impl.storeDataset(checkDataset(X, y)));
  }

  private stored(data: Dataset): StoredData {
    if (!(data instanceof DatasetHandle) || data.owner !== this) {
      throw new TypeError(`data must be a Dataset made by this engine's dataset(X, y), got ${describe(data)}`);
    }
    return data.data();
  }

  fit(data: Dataset, options: FitOptions): FitResult {
    const stored = this.stored(data);
    const config = checkFitOptions(options, stored.cols);
    const raw = this.impl.fit(stored, config, 0);
    const d = stored.cols;
    return {
      weights: raw.params.slice(0, d),
      intercept: config.fitIntercept ? raw.params[d]! : 0,
      loss: raw.loss,
      iterations: raw.iterations,
      status: STATUS[raw.status]!,
      finalLoss: raw.finalLoss,
      mse: 2 * raw.finalLoss,
    };
  }

  sgd(params: ArrayLike<number>, options: SgdOptions): SgdOptimizer {
    const opts = checkSgdOptions(options);
    const p = toFloat64('params', params);
    return new Sgd(this.impl.stepStore(p), opts);
  }
}

/**
 * Creates an engine. `backend: 'auto'` (default) uses WebAssembly where the environment has it, else the pure-JS
 * backend; `simd: 'auto'` (default) uses the f64x2 build where the environment validates SIMD.
 * @throws TypeError for unknown options; Error when `backend: 'wasm'` is asked for and WebAssembly is missing.
 * @example
 * const engine = await createEngine();
 * engine.backend; // 'wasm'
 */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== 'backend' && key !== 'simd') {
      throw new TypeError(`Unknown createEngine option "${key}"; known options: backend, simd`);
    }
  }
  const backend = options.backend ?? 'auto';
  if (backend !== 'auto' && backend !== 'wasm' && backend !== 'js') {
    throw new RangeError(`backend must be 'auto', 'wasm' or 'js', got ${describe(backend)}`);
  }
  const simdOpt = options.simd ?? 'auto';
  if (simdOpt !== 'auto' && typeof simdOpt !== 'boolean') {
    throw new TypeError(`simd must be 'auto', true or false, got ${describe(simdOpt)}`);
  }
  if (backend === 'js' || (backend === 'auto' && !hasWebAssembly())) return new MomentumEngine(new JsBackend());
  if (!hasWebAssembly()) throw new Error("backend 'wasm' was requested but WebAssembly is not available here");
  const simd = simdOpt === 'auto' ? hasSimd() : simdOpt;
  if (simd && !hasSimd()) throw new Error('simd: true was requested but this WebAssembly engine does not support SIMD');
  return new MomentumEngine(new WasmBackend(await loadCore(simd), simd));
}
