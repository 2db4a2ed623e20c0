/**
 * The pure-JS backend: the kernels of src/js/ over private Float64Arrays. Same results as the WASM backend, bit
 * for bit (exp and log are Math's on both sides; see assembly/math.ts).
 */
import { writtenBuffers, type Backend, type FitRun, type FitWeights, type RawFit, type StepStore, type StoredData } from '../backend.js';
import * as L from '../abi/layout.js';
import type { DatasetInput, Dtype, FitConfig } from '../options/index.js';
import type { XArray } from './reduce.js';
import {
  configBlock, fitSizes, identity, initialAverage, initialBuffer, initialParams, initialState, readRing, writeRing, writeSettings,
} from '../plan.js';
import type { OptimizerSettings } from '../types.js';
import { Config, Segment, Settings } from './config.js';
import { fit, objectiveAndGrad, type FitArrays } from './fit.js';
import { checkedStep } from './step.js';
import { powerIteration } from './lipschitz.js';

class JsData implements StoredData {
  constructor(
    readonly rows: number, readonly cols: number, public X: XArray, public y: Float64Array, readonly yCols = 1,
  ) {}
  /** float32 storage (issue 17): X a Float32Array, read into the same f64 arithmetic (exact promotion). */
  get dtype(): Dtype {
    return this.X instanceof Float32Array ? 'float32' : 'float64';
  }
  get bytes(): number {
    return this.X.byteLength + this.y.byteLength;
  }
  release(): void {
    this.X = this.X instanceof Float32Array ? new Float32Array(0) : new Float64Array(0);
    this.y = new Float64Array(0);
  }
}

export class JsBackend implements Backend {
  readonly name = 'js' as const;
  readonly simd = false;
  /** Float64Array's own limit (2³² − 1 elements in V8), far above what fits in memory here. */
  readonly maxDatasetBytes = Infinity;

  storeDataset(input: DatasetInput): StoredData {
    const X = input.dtype === 'float32' ? new Float32Array(input.rows * input.cols) : new Float64Array(input.rows * input.cols);
    input.copyX(X, 0);
    return new JsData(input.rows, input.cols, X, Float64Array.from(input.y), input.yCols);
  }

  subset(data: StoredData, rows: Uint32Array): StoredData {
    const { X, y, cols: d, yCols: m } = data as JsData;
    const Xs = X instanceof Float32Array ? new Float32Array(rows.length * d) : new Float64Array(rows.length * d);
    const ys = new Float64Array(rows.length * m);
    rows.forEach((r, i) => {
      Xs.set(X.subarray(r * d, r * d + d), i * d);
      for (let k = 0; k < m; k++) ys[i * m + k] = y[r * m + k]!;
    });
    return new JsData(rows.length, d, Xs, ys, m);
  }

  withLabels(data: StoredData, y: Float64Array): StoredData {
    const { X, rows, cols } = data as JsData;
    return new JsData(rows, cols, X, Float64Array.from(y));
  }

  startFit(train: StoredData, validation: StoredData | null, c: FitConfig, weights: FitWeights | null = null): FitRun {
    const { X, y, rows: n, cols: d } = train as JsData;
    const val = validation as JsData | null;
    const z = fitSizes(c, n, d);
    const cfg = configBlock(c, n, d, val ? val.rows : 0);
    const st = initialState(c);
    const a: FitArrays = {
      X, y,
      params: initialParams(c, d),
      buf1: initialBuffer(c, 1, z.params),
      buf2: initialBuffer(c, 2, z.params),
      grad: new Float64Array(z.params),
      backup: initialParams(c, d), // the second θ buffer (src/js/fit.ts)
      loss: new Float64Array(z.lossCap),
      epochLoss: new Float64Array(z.epochCap),
      lrs: new Float64Array(z.epochCap),
      scratch: new Float64Array(z.scratch),
      perm: identity(z.perm),
      valX: val ? val.X : new Float64Array(0),
      valY: val ? val.y : new Float64Array(0),
      sw: weights ? Float64Array.from(weights.train) : null,
      valSw: weights?.validation ? Float64Array.from(weights.validation) : null,
      rng: new Uint32Array(4),
      prev: new Float64Array(z.prev),
      prevGrad: new Float64Array(z.prev),
      avg: initialAverage(c, z.avg),
    };
    return {
      run: (stopAtEpoch, stopAtIteration) => fit(cfg, st, a, stopAtEpoch, stopAtIteration),
      get epoch() { return st[L.S_EPOCH]!; },
      get iteration() { return st[L.S_ITERATION]!; },
      writeLrs: (from, lrs) => writeRing((i, v) => a.lrs.set(v, i), z.epochCap, from, lrs),
      readRing: (ring, from, count) => {
        const src = ring === 'loss' ? a.loss : a.epochLoss;
        return readRing((i, k) => src.slice(i, i + k), src.length, from, count);
      },
      result: (): RawFit => ({
        params: (st[L.S_AVG_COUNT]! > 0 ? a.avg : a.params).slice(), iterations: st[L.S_ITERATION]!, epochs: st[L.S_EPOCH]!,
        restarts: st[L.S_RESTARTS]!, backtracks: st[L.S_BACKTRACKS]!, lr: st[L.S_AUTO_LR]!,
      }),
      snapshot: () => ({ state: st.slice(), params: a.params.slice(), buffers: [a.buf1.slice(), a.buf2.slice()], avg: z.avg ? a.avg.slice() : null }),
      release() {},
    };
  }

  objective(data: StoredData, c: FitConfig, params: Float64Array, alpha: number, weights: Float64Array | null = null): number {
    return this.evaluate(data, c, params, alpha, new Float64Array(params.length), weights);
  }

  gradient(data: StoredData, c: FitConfig, params: Float64Array, weights: Float64Array | null = null): { value: number; gradient: Float64Array } {
    const gradient = new Float64Array(params.length);
    return { value: this.evaluate(data, c, params, c.alpha, gradient, weights), gradient };
  }

  /** objectiveAndGrad over all rows of data (src/wasm/engine.ts: evaluate); the gradient into grad. */
  private evaluate(data: StoredData, c: FitConfig, params: Float64Array, alpha: number, grad: Float64Array, weights: Float64Array | null): number {
    const { X, y, rows: n, cols: d } = data as JsData;
    const cfg = new Config(configBlock(c, n, d, 0, alpha), 0);
    return objectiveAndGrad(cfg, cfg.segments, X, 0, y, 0, weights, null, 0, n, params, grad, new Float64Array(fitSizes(c, n, d).scratch));
  }

  powerIteration(
    data: StoredData, intercept: boolean, v0: Float64Array, maxIter: number, tol: number, weights: Float64Array | null = null,
  ): { lambdaMax: number; iterations: number } {
    const { X, rows: n, cols: d } = data as JsData;
    const iters = new Float64Array(1);
    const lambdaMax = powerIteration(X, weights, n, d, intercept, Float64Array.from(v0), new Float64Array(v0.length), maxIter, tol, iters);
    return { lambdaMax, iterations: iters[0]! };
  }

  stepStore(params: Float64Array, o: Required<OptimizerSettings>, kind: number): StepStore {
    const n = params.length;
    // θ and every written buffer twice (src/wasm/engine.ts); `cur` is the current copy.
    let [written1, written2] = writtenBuffers(kind, o.momentum);
    const theta = [Float64Array.from(params), new Float64Array(n)];
    const b1 = [new Float64Array(n), new Float64Array(n)], b2 = [new Float64Array(n), new Float64Array(n)];
    const buf1 = (c: number): Float64Array => b1[written1 ? c : 0]!;
    const buf2 = (c: number): Float64Array => b2[written2 ? c : 0]!;
    const grad = new Float64Array(n);
    // The step's description (src/wasm/engine.ts): settings and one segment (all n parameters, decayed).
    const desc = new Float64Array(L.O_SIZE + L.G_SIZE);
    writeSettings(desc, 0, o, kind);
    desc.set([0, n, 1], L.O_SIZE);
    let settings = new Settings(desc, 0);
    const segment: [Segment] = [new Segment(desc, L.O_SIZE)];
    let cur = 0;
    return {
      n,
      step(g, lr, stepNumber, beta1Pow, beta2Pow, flags) {
        grad.set(g);
        const next = 1 - cur;
        const code = checkedStep(settings, segment, theta[cur]!, theta[next]!, buf1(cur), buf1(next), buf2(cur), buf2(next), grad,
          lr, stepNumber, beta1Pow, beta2Pow, flags);
        if (code === L.STEP_OK) cur = next;
        return code;
      },
      readParams: () => theta[cur]!.slice(),
      readBuffer: (k) => (k === 1 ? buf1(cur) : buf2(cur)).slice(),
      writeSettings(options, k) {
        writeSettings(desc, 0, options, k);
        settings = new Settings(desc, 0);
        [written1, written2] = writtenBuffers(k, options.momentum);
      },
      writeParams: (v) => theta[cur]!.set(v),
      writeBuffer: (k, v) => (k === 1 ? buf1(cur) : buf2(cur)).set(v),
      release() {},
    };
  }
}
