/**
 * The WASM backend: pointers in, numbers out. Datasets live in linear memory from creation to dispose; a fit
 * allocates one workspace block (params | velocity | grad | backup | state | loss), runs the whole loop in one
 * call, copies the results out and frees the block.
 */
import type { Backend, RawFit, StepStore, StoredData } from '../backend.js';
import type { DatasetInput, FitConfig } from '../options.js';
import { fitFlags, initialParams } from '../js/engine.js';
import type { CoreExports } from './load.js';
import { LinearMemory, formatBytes } from './memory.js';

const DIVERGED = 3;

class WasmData implements StoredData {
  constructor(
    readonly rows: number, readonly cols: number, readonly xPtr: number, readonly yPtr: number,
    private readonly mem: LinearMemory,
  ) {}
  release(): void {
    this.mem.release(this.xPtr);
  }
}

export class WasmBackend implements Backend {
  readonly name = 'wasm' as const;
  readonly mem: LinearMemory;

  constructor(private readonly core: CoreExports, readonly simd: boolean) {
    this.mem = new LinearMemory(core.memory, core.heapBase());
  }

  storeDataset(input: DatasetInput): StoredData {
    const { rows, cols } = input;
    const xBytes = rows * cols * 8;
    const bytes = xBytes + rows * 8;
    if (!Number.isSafeInteger(bytes)) throw new RangeError(`X is too large: ${rows}·${cols} elements`);
    const ptr = this.mem.alloc(bytes, `a dataset of ${rows} × ${cols} (${formatBytes(bytes)} as f64)`);
    this.mem.fill(ptr, rows * cols, input.copyX);
    this.mem.write(ptr + xBytes, input.y);
    return new WasmData(rows, cols, ptr, ptr + xBytes, this.mem);
  }

  fit(data: StoredData, c: FitConfig, alpha: number, stopAt = c.maxIterations): RawFit {
    const { xPtr, yPtr, rows: n, cols: d } = data as WasmData;
    const p = d + 1;
    const slot = Math.ceil(p / 2) * 16; // one 16-byte-aligned slot of p f64
    const bytes = 4 * slot + 32 + c.maxIterations * 8;
    const ws = this.mem.alloc(bytes, `a fit workspace for ${c.maxIterations} iterations`);
    try {
      const paramsPtr = ws, velocityPtr = ws + slot, gradPtr = ws + 2 * slot, backupPtr = ws + 3 * slot;
      const statePtr = ws + 4 * slot, lossPtr = statePtr + 32;
      this.mem.write(paramsPtr, initialParams(c, d));
      this.mem.write(statePtr, [0, Infinity, 0, 0]);
      const flags = fitFlags(c);
      const status = this.core.fit(
        c.modelId, xPtr, yPtr, n, d, paramsPtr, velocityPtr, gradPtr, backupPtr, statePtr, lossPtr,
        c.lr, c.momentum, c.dampening, c.weightDecay, alpha, c.tol, c.nIterNoChange, c.maxIterations, stopAt, flags,
      );
      const iterations = this.mem.getF64(statePtr);
      const recorded = status === DIVERGED ? iterations + 1 : iterations;
      const finalLoss = this.core.objectiveAndGrad(c.modelId, xPtr, yPtr, n, d, paramsPtr, gradPtr, alpha, flags);
      return {
        params: this.mem.read(paramsPtr, p),
        loss: this.mem.read(lossPtr, recorded),
        iterations,
        status,
        finalLoss,
      };
    } finally {
      this.mem.release(ws);
    }
  }

  stepStore(params: Float64Array): StepStore {
    const n = params.length;
    const bytesN = Math.max(1, Math.ceil(n / 2)) * 16;
    const base = this.mem.alloc(5 * bytesN, `an optimizer of ${n} parameters`);
    const thetaPtr = base, velocityPtr = base + bytesN, gradPtr = base + 2 * bytesN, backupPtr = base + 3 * bytesN;
    const { mem, core } = this;
    mem.write(thetaPtr, params);
    let released = false;
    return {
      n,
      step(g, lr, momentum, dampening, weightDecay, flags) {
        mem.write(gradPtr, g);
        return core.sgdStep(thetaPtr, velocityPtr, gradPtr, backupPtr, n, lr, momentum, dampening, weightDecay, flags);
      },
      readParams: () => mem.read(thetaPtr, n),
      readVelocity: () => mem.read(velocityPtr, n),
      writeParams: (v) => mem.write(thetaPtr, v),
      writeVelocity: (v) => mem.write(velocityPtr, v),
      release() {
        if (!released) { released = true; mem.release(base); }
      },
    };
  }
}
