/**
 * The WASM backend: pointers in, numbers out. A dataset is one block of linear memory (X then y) from creation
 * to dispose; a fit allocates one workspace block (config | state | θ | its gradient |
 * backup θ | its gradient | buffers | loss | epoch loss | learning rates | scratch | row order | θₜ, ∇J(θₜ) with
 * 'auto' | the training and validation rows' weights of a weighted fit), runs in one call per chunk, copies results
 * out, frees it.
 */
import { writtenBuffers, type Backend, type FitRun, type FitWeights, type RawFit, type StepStore, type StoredData } from '../backend.js';
import * as L from '../abi/layout.js';
import type { DatasetInput, Dtype, FitConfig } from '../options/index.js';
import {
  configBlock, fitSizes, identity, initialAverage, initialBuffer, initialParams, initialState, readRing, writeRing, writeSettings,
} from '../plan.js';
import type { OptimizerSettings } from '../types.js';
import type { CoreExports } from './load.js';
import type { ThreadPool } from './threads.js';
import { LinearMemory, MAX_BYTES, formatBytes } from './memory.js';

/** assembly/reduce.ts SHORT_ROW: rows shorter than this are promoted through the tile's two windows. */
const SHORT_ROW = 32;

class WasmData implements StoredData {
  private released = false;
  constructor(
    readonly rows: number, readonly cols: number, readonly dtype: Dtype, readonly xPtr: number, readonly yPtr: number,
    readonly bytes: number, private readonly mem: LinearMemory, private readonly block = xPtr, readonly yCols = 1,
  ) {}
  release(): void {
    if (!this.released) {
      this.released = true;
      this.mem.release(this.block);
    }
  }
}

/**
 * Least distance in bytes from a θ buffer to its gradient buffer in a fit's workspace. Where the gradient lies
 * relative to W moves the fused pass from DRAM by up to 30 % (measured on the bare kernel, rows of 24–200 features,
 * 80 MB of X): gradient right after W was the fastest from 96 features up (at 100: 300 it/s, against 255–270 with it
 * 2 KiB after W or anywhere before it, which the old layout did on every other iteration), and at least 1 KiB after
 * W from 24 to 40 features (at 32 right after W was 7 % slower); at 10, 16, 48 and 64 features it did not matter.
 * bench/ablation.ts times the placements (its last table).
 */
const THETA_TO_GRAD = 1024;

/**
 * float32 storage (issue 17): bytes of the f64 tile the kernels promote X's rows into (C_X_TILE_PTR; assembly/reduce.ts
 * tileRow): four row slots of ⌈8·d/16⌉·16 bytes (rows read through a row order, long rows), two windows of T rows
 * (contiguous short rows, d < SHORT_ROW = 32; T = max(4, ⌊8192/(8·d)⌋ rounded down to a multiple of 4): 16 KiB of L1 for rows up to 256 features), or a
 * network's block of rows (assembly/nn/mlp.ts) if larger; plus 16 for the power iteration's alignment. 0 for f64 X.
 */
function tileBytes(data: WasmData, c: FitConfig | null): number {
  if (data.dtype !== 'float32') return 0;
  const rowBytes = data.cols * 8;
  const T = Math.max(4, Math.floor(8192 / rowBytes) & ~3);
  const rows = 4 * Math.ceil(rowBytes / 16) * 16 + (data.cols < SHORT_ROW ? 2 * T * rowBytes : 0);
  return Math.max(rows, c?.mlp ? c.mlp.block * rowBytes : 0) + 16;
}

/** The workspace slots of a threaded fit (WasmBackend.threadSlots); all 0 on one thread. */
interface ThreadSlots {
  partials: number; partialsBytes: number; threadScratch: number; threadScratchStride: number; threadTile: number; threadTileStride: number;
}

/** Carves 16-byte-aligned slots out of one block. */
class Carver {
  offset = 0;
  take(bytes: number): number {
    const at = this.offset;
    this.offset += Math.ceil(bytes / 16) * 16;
    return at;
  }
}

export class WasmBackend implements Backend {
  readonly name = 'wasm' as const;
  readonly mem: LinearMemory;
  readonly maxDatasetBytes = MAX_BYTES;

  /** Worker threads (issue 17; src/wasm/threads.ts), set by createEngine with `threads` > 1; null: one thread. */
  pool: ThreadPool | null = null;

  constructor(private readonly core: CoreExports, readonly simd: boolean) {
    this.mem = new LinearMemory(core.memory, core.heapBase());
  }

  /** core.fit, with a worker's failure (its trap makes the coordinator trap) reported as that worker's Error. */
  private runFit(cfg: number, st: number, stopAtEpoch: number, stopAtIteration: number): number {
    const pool = this.pool;
    if (pool) {
      const failed = pool.failure();
      if (failed) throw failed;
    }
    try {
      return this.core.fit(cfg, st, stopAtEpoch, stopAtIteration);
    } catch (e) {
      const failed = pool?.failure();
      if (failed) throw failed;
      throw e;
    }
  }

  /**
   * A threaded linear fit's slots (assembly/shards.ts): SHARD_MAX·p partial sums and SHARD_MAX loss sums, then 4·K
   * scratch doubles and (float32 storage) a tile for each worker. None on one thread or for a network (one shard).
   */
  private threadSlots(cut: Carver, c: FitConfig, p: number, tile: number): ThreadSlots {
    const T = this.pool?.count ?? 1;
    if (T <= 1 || c.mlp) return { partials: 0, partialsBytes: 0, threadScratch: 0, threadScratchStride: 0, threadTile: 0, threadTileStride: 0 };
    const partialsBytes = (L.SHARD_MAX * p + L.SHARD_MAX) * 8;
    const stride = Math.ceil((4 * c.outputs * 8) / 16) * 16, tileStride = Math.ceil(tile / 16) * 16;
    return {
      partials: cut.take(partialsBytes), partialsBytes,
      threadScratch: cut.take((T - 1) * stride), threadScratchStride: stride,
      threadTile: cut.take((T - 1) * tileStride), threadTileStride: tileStride,
    };
  }

  /** One block: X (f64, or f32 for dtype 'float32', padded to 16 bytes), then y (f64, yCols targets a row). */
  private allocData(rows: number, cols: number, dtype: Dtype, yCols = 1): WasmData {
    const xBytes = Math.ceil((rows * cols * (dtype === 'float32' ? 4 : 8)) / 16) * 16;
    const bytes = xBytes + rows * yCols * 8;
    if (!Number.isSafeInteger(bytes)) throw new RangeError(`X is too large: ${rows}·${cols} elements`);
    const ptr = this.mem.alloc(bytes, `a dataset of ${rows} × ${cols} (${formatBytes(bytes)} as ${dtype === 'float32' ? 'float32' : 'float64'})`);
    return new WasmData(rows, cols, dtype, ptr, ptr + xBytes, bytes, this.mem, ptr, yCols);
  }

  storeDataset(input: DatasetInput): StoredData {
    const data = this.allocData(input.rows, input.cols, input.dtype, input.yCols);
    if (input.dtype === 'float32') this.mem.fillF32(data.xPtr, input.rows * input.cols, input.copyX);
    else this.mem.fill(data.xPtr, input.rows * input.cols, input.copyX);
    this.mem.write(data.yPtr, input.y);
    return data;
  }

  subset(data: StoredData, rows: Uint32Array): StoredData {
    const src = data as WasmData;
    const rowBytes = src.cols * (src.dtype === 'float32' ? 4 : 8), m = src.yCols;
    const out = this.allocData(rows.length, src.cols, src.dtype, m);
    rows.forEach((r, i) => {
      this.mem.copyBytes(out.xPtr + i * rowBytes, src.xPtr + r * rowBytes, rowBytes);
      this.mem.copy(out.yPtr + i * m * 8, src.yPtr + r * m * 8, m);
    });
    return out;
  }

  withLabels(data: StoredData, y: Float64Array): StoredData {
    const src = data as WasmData;
    const yPtr = this.mem.alloc(src.rows * 8, `the labels of ${src.rows} rows`);
    this.mem.write(yPtr, y);
    return new WasmData(src.rows, src.cols, src.dtype, src.xPtr, yPtr, src.rows * 8, this.mem, yPtr);
  }

  startFit(train: StoredData, validation: StoredData | null, c: FitConfig, weights: FitWeights | null = null): FitRun {
    const t = train as WasmData, v = validation as WasmData | null;
    const n = t.rows, d = t.cols;
    const z = fitSizes(c, n, d);
    const cfg = configBlock(c, n, d, v ? v.rows : 0);
    const cut = new Carver();
    // Each θ buffer is followed by its gradient (assembly/fit.ts switches the two together), the gradient starting
    // THETA_TO_GRAD bytes or more after θ: see THETA_TO_GRAD.
    const theta = Math.max(z.params * 8, THETA_TO_GRAD);
    const at = {
      cfg: cut.take(cfg.length * 8), st: cut.take(L.S_SIZE * 8),
      params: cut.take(theta), grad: cut.take(z.params * 8), backup: cut.take(theta), backupGrad: cut.take(z.params * 8),
      buf1: cut.take(z.params * 8), buf2: cut.take(z.params * 8), loss: cut.take(z.lossCap * 8),
      epochLoss: cut.take(z.epochCap * 8), lrs: cut.take(z.epochCap * 8), scratch: cut.take(z.scratch * 8),
      perm: cut.take(z.perm * 4), prev: cut.take(z.prev * 8), prevGrad: cut.take(z.prev * 8), avg: cut.take(z.avg * 8),
      sw: cut.take(weights ? n * 8 : 0), valSw: cut.take(weights?.validation ? weights.validation.length * 8 : 0),
      tile: cut.take(tileBytes(t, c)),
      // Threads (issue 17; assembly/shards.ts): the shards' partials and loss sums; each worker's scratch and tile.
      ...this.threadSlots(cut, c, z.params, tileBytes(t, c)),
    };
    const ws = this.mem.alloc(cut.offset, `a fit workspace`);
    const ptr = (k: keyof typeof at) => ws + at[k];
    const { mem } = this;
    cfg[L.C_X_PTR] = t.xPtr;
    cfg[L.C_Y_PTR] = t.yPtr;
    cfg[L.C_PARAMS_PTR] = ptr('params');
    cfg[L.C_BUF1_PTR] = ptr('buf1');
    cfg[L.C_BUF2_PTR] = ptr('buf2');
    cfg[L.C_GRAD_PTR] = ptr('grad');
    cfg[L.C_BACKUP_PTR] = ptr('backup');
    cfg[L.C_BACKUP_GRAD_PTR] = ptr('backupGrad');
    cfg[L.C_LOSS_PTR] = ptr('loss');
    cfg[L.C_EPOCH_LOSS_PTR] = ptr('epochLoss');
    cfg[L.C_LR_PTR] = ptr('lrs');
    cfg[L.C_SCRATCH_PTR] = ptr('scratch');
    cfg[L.C_PERM_PTR] = ptr('perm');
    cfg[L.C_PREV_PTR] = ptr('prev');
    cfg[L.C_PREV_GRAD_PTR] = ptr('prevGrad');
    cfg[L.C_AVG_PTR] = ptr('avg');
    cfg[L.C_VAL_X_PTR] = v ? v.xPtr : 0;
    cfg[L.C_VAL_Y_PTR] = v ? v.yPtr : 0;
    cfg[L.C_X_TILE_PTR] = t.dtype === 'float32' ? ptr('tile') : 0;
    if (at.partialsBytes > 0) {
      cfg[L.C_PARTIALS_PTR] = ws + at.partials;
      cfg[L.C_THREAD_SCRATCH_PTR] = ws + at.threadScratch;
      cfg[L.C_THREAD_SCRATCH_STRIDE] = at.threadScratchStride;
      cfg[L.C_THREAD_TILE_PTR] = at.threadTileStride > 0 ? ws + at.threadTile : 0;
      cfg[L.C_THREAD_TILE_STRIDE] = at.threadTileStride;
    }
    if (weights) {
      cfg[L.C_WEIGHT_PTR] = ptr('sw');
      mem.write(ptr('sw'), weights.train);
      if (weights.validation) {
        cfg[L.C_VAL_WEIGHT_PTR] = ptr('valSw');
        mem.write(ptr('valSw'), weights.validation);
      }
    }
    mem.write(ptr('cfg'), cfg);
    mem.write(ptr('st'), initialState(c));
    const theta0 = initialParams(c, d);
    mem.write(ptr('params'), theta0);
    mem.write(ptr('backup'), theta0); // the second θ buffer (assembly/fit.ts)
    mem.write(ptr('buf1'), initialBuffer(c, 1, z.params));
    mem.write(ptr('buf2'), initialBuffer(c, 2, z.params));
    if (z.avg) mem.write(ptr('avg'), initialAverage(c, z.avg)); // θ̄ starts at 0 (the first iterate replaces it), or a partialFit's
    if (z.perm) mem.writeU32(ptr('perm'), identity(z.perm));
    let released = false;
    const state = (k: number) => mem.getF64(ptr('st') + k * 8);
    return {
      run: (stopAtEpoch, stopAtIteration) => this.runFit(ptr('cfg'), ptr('st'), stopAtEpoch, stopAtIteration),
      get epoch() { return state(L.S_EPOCH); },
      get iteration() { return state(L.S_ITERATION); },
      writeLrs: (from, lrs) => writeRing((i, v) => mem.write(ptr('lrs') + i * 8, v), z.epochCap, from, lrs),
      readRing: (ring, from, count) => {
        const base = ptr(ring), cap = ring === 'loss' ? z.lossCap : z.epochCap;
        return readRing((i, k) => mem.read(base + i * 8, k), cap, from, count);
      },
      result: (): RawFit => ({
        // Averaged SGD returns θ̄ once an iterate entered it (S_AVG_COUNT > 0), else the last iterate.
        params: mem.read(state(L.S_AVG_COUNT) > 0 ? ptr('avg') : ptr('params'), z.params), iterations: state(L.S_ITERATION), epochs: state(L.S_EPOCH),
        restarts: state(L.S_RESTARTS), backtracks: state(L.S_BACKTRACKS), lr: state(L.S_AUTO_LR),
      }),
      snapshot: () => ({
        state: mem.read(ptr('st'), L.S_SIZE), params: mem.read(ptr('params'), z.params),
        buffers: [mem.read(ptr('buf1'), z.params), mem.read(ptr('buf2'), z.params)], avg: z.avg ? mem.read(ptr('avg'), z.avg) : null,
      }),
      release() {
        if (!released) {
          released = true;
          mem.release(ws);
        }
      },
    };
  }

  objective(data: StoredData, c: FitConfig, params: Float64Array, alpha: number, weights: Float64Array | null = null): number {
    return this.evaluate(data, c, params, alpha, false, weights).value;
  }

  gradient(data: StoredData, c: FitConfig, params: Float64Array, weights: Float64Array | null = null): { value: number; gradient: Float64Array } {
    return this.evaluate(data, c, params, c.alpha, true, weights) as { value: number; gradient: Float64Array };
  }

  /**
   * objectiveAndGrad over all rows of data in a workspace of its own: config block | θ | gradient | scratch | the
   * rows' weights (when given).
   */
  private evaluate(
    data: StoredData, c: FitConfig, params: Float64Array, alpha: number, withGradient: boolean, weights: Float64Array | null,
  ): { value: number; gradient?: Float64Array } {
    const t = data as WasmData;
    const p = params.length;
    const cfg = configBlock(c, t.rows, t.cols, 0, alpha);
    const cut = new Carver();
    const at = {
      cfg: cut.take(cfg.length * 8), params: cut.take(p * 8), grad: cut.take(p * 8), scratch: cut.take(fitSizes(c, t.rows, t.cols).scratch * 8),
      sw: cut.take(weights ? t.rows * 8 : 0), tile: cut.take(tileBytes(t, c)),
    };
    const ws = this.mem.alloc(cut.offset, 'an objective workspace');
    try {
      cfg[L.C_SCRATCH_PTR] = ws + at.scratch;
      cfg[L.C_X_TILE_PTR] = t.dtype === 'float32' ? ws + at.tile : 0;
      this.mem.write(ws + at.cfg, cfg);
      this.mem.write(ws + at.params, params);
      if (weights) this.mem.write(ws + at.sw, weights);
      const value = this.core.objectiveAndGrad(ws + at.cfg, t.xPtr, t.yPtr, weights ? ws + at.sw : 0, 0, t.rows, ws + at.params, ws + at.grad);
      return withGradient ? { value, gradient: this.mem.read(ws + at.grad, p) } : { value };
    } finally {
      this.mem.release(ws);
    }
  }

  powerIteration(
    data: StoredData, intercept: boolean, v0: Float64Array, maxIter: number, tol: number, weights: Float64Array | null = null,
  ): { lambdaMax: number; iterations: number } {
    const t = data as WasmData;
    const p = v0.length;
    const tile = tileBytes(t, null);
    const ws = this.mem.alloc((2 * p + 2 + (weights ? t.rows : 0)) * 8 + tile, 'a power-iteration workspace');
    try {
      this.mem.write(ws, v0);
      const itersPtr = ws + 2 * p * 8;
      const swPtr = weights ? itersPtr + 16 : 0;
      if (weights) this.mem.write(swPtr, weights);
      const tilePtr = tile ? Math.ceil((itersPtr + 16 + (weights ? t.rows * 8 : 0)) / 16) * 16 : 0;
      const lambdaMax = this.core.powerIteration(
        t.xPtr, swPtr, t.rows, t.cols, intercept ? 1 : 0, ws, ws + p * 8, maxIter, tol, itersPtr, tilePtr,
      );
      return { lambdaMax, iterations: this.mem.read(itersPtr, 1)[0]! };
    } finally {
      this.mem.release(ws);
    }
  }

  stepStore(params: Float64Array, o: Required<OptimizerSettings>, kind: number): StepStore {
    const n = params.length;
    const slotBytes = Math.max(1, Math.ceil(n / 2)) * 16;
    // Slots: θ twice, buffer 1 twice, buffer 2 twice, the gradient, then the step's description: its settings
    // (O_SIZE), one segment (all n parameters, decayed) and a step-state block (T_SIZE; checkedStep takes the step state as numbers). `cur` is the current copy of θ and of each written buffer
    // (writtenBuffers); a buffer the optimizer never writes stays in its first slot.
    const desc = new Float64Array(L.O_SIZE + L.G_SIZE);
    writeSettings(desc, 0, o, kind);
    desc.set([0, n, 1], L.O_SIZE);
    const base = this.mem.alloc(7 * slotBytes + (desc.length + L.T_SIZE) * 8, `an optimizer of ${n} parameters`);
    const slot = (k: number): number => base + k * slotBytes;
    const grad = slot(6);
    const settingsPtr = slot(7), segmentPtr = settingsPtr + L.O_SIZE * 8, statePtr = segmentPtr + L.G_SIZE * 8;
    let [written1, written2] = writtenBuffers(kind, o.momentum);
    const { mem, core } = this;
    let cur = 0;
    const theta = (c: number): number => slot(c);
    const buf1 = (c: number): number => slot(2 + (written1 ? c : 0));
    const buf2 = (c: number): number => slot(4 + (written2 ? c : 0));
    mem.write(theta(0), params);
    mem.write(buf1(0), new Float64Array(n));
    mem.write(buf2(0), new Float64Array(n));
    mem.write(settingsPtr, desc);
    let released = false;
    return {
      n,
      step(g, lr, stepNumber, beta1Pow, beta2Pow, flags) {
        mem.write(grad, g);
        const next = 1 - cur;
        const code = core.checkedStep(settingsPtr, statePtr, segmentPtr, theta(cur), theta(next), buf1(cur), buf1(next), buf2(cur),
          buf2(next), grad, lr, stepNumber, beta1Pow, beta2Pow, flags);
        if (code === L.STEP_OK) cur = next;
        return code;
      },
      readParams: () => mem.read(theta(cur), n),
      readBuffer: (k) => mem.read(k === 1 ? buf1(cur) : buf2(cur), n),
      writeSettings(options, k) {
        writeSettings(desc, 0, options, k);
        mem.write(settingsPtr, desc.subarray(0, L.O_SIZE));
        [written1, written2] = writtenBuffers(k, options.momentum);
      },
      writeParams: (v) => mem.write(theta(cur), v),
      writeBuffer: (k, v) => mem.write(k === 1 ? buf1(cur) : buf2(cur), v),
      release() {
        if (!released) { released = true; mem.release(base); }
      },
    };
  }
}
