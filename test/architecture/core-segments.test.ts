// Parameter segments (issue 13): the fit steps θ segment by segment from the config block's table (offset, length,
// decayed), with weight decay and the penalty on the decayed ones only. Room for the layers of a network: the same
// linear model described by more segments — W cut in two decayed pieces, then b — must train to the same parameters,
// bit for bit (every step and the penalty's gradient are element-wise; only J's Σw² is summed per piece), in the
// WASM kernel (SIMD and scalar) and in its JS mirror alike. The kernels are driven directly, with a table that
// src/plan.ts would not write for a linear model.
import { describe, expect, it } from 'vitest';
import * as L from '../../src/abi/layout.js';
import { fit as jsFit, type FitArrays } from '../../src/js/fit.js';
import { checkFitOptions, labelInfo, type FitConfig } from '../../src/options/index.js';
import { configBlock, fitSizes, identity, initialParams, initialState, segments } from '../../src/plan.js';
import { hasSimd, loadCore } from '../../src/wasm/load.js';
import { LinearMemory } from '../../src/wasm/memory.js';
import { mulberry32 } from '../prng.js';

const n = 40, d = 10;

function problem(model: 'ridge' | 'softmax') {
  const r = mulberry32(99);
  const X = Array.from({ length: n }, () => Array.from({ length: d }, () => 2 * r() - 1));
  const y = X.map((row) => {
    const s = row.reduce((a, v, j) => a + (j % 3 - 1) * v, 0);
    return model === 'softmax' ? (s < -0.3 ? 0 : s < 0.3 ? 1 : 2) : s + 0.05 * r();
  });
  return { X, y, flat: Float64Array.from(X.flat()) };
}

/** The config block with another segment table (rows [offset, length, decayed]). */
function withTable(cfg: Float64Array, table: number[][]): Float64Array {
  const out = new Float64Array(L.C_SIZE + table.length * L.G_SIZE);
  out.set(cfg.subarray(0, L.C_SIZE));
  out[L.C_SEGMENT_COUNT] = table.length;
  table.forEach((row, k) => out.set(row, L.C_SIZE + k * L.G_SIZE));
  return out;
}

/** The same parameters cut finer: every decayed segment in two (a network's layers are just more rows). */
function finer(c: FitConfig): number[][] {
  return segments(c, d).flatMap(([off, len, dec]) => (dec ? [[off, 3, 1], [off + 3, len - 3, 1]] : [[off, len, dec]]));
}

function runJs(c: FitConfig, cfg: Float64Array, flat: Float64Array, y: Float64Array): Float64Array {
  const z = fitSizes(c, n, d);
  const a: FitArrays = {
    X: flat, y, params: initialParams(c, d), buf1: new Float64Array(z.params), buf2: new Float64Array(z.params),
    grad: new Float64Array(z.params), backup: initialParams(c, d), loss: new Float64Array(z.lossCap),
    epochLoss: new Float64Array(z.epochCap), lrs: new Float64Array(z.epochCap).fill(c.lr),
    scratch: new Float64Array(4 * c.outputs), perm: identity(z.perm), valX: new Float64Array(0),
    valY: new Float64Array(0), sw: null, valSw: null, rng: new Uint32Array(4),
  };
  jsFit(cfg, initialState(c), a, 2 ** 31 - 1, 2 ** 31 - 1);
  return a.params;
}

async function runWasm(simd: boolean, c: FitConfig, cfg0: Float64Array, flat: Float64Array, y: Float64Array): Promise<Float64Array> {
  const core = await loadCore(simd);
  const mem = new LinearMemory(core.memory, core.heapBase());
  const z = fitSizes(c, n, d);
  const cfg = cfg0.slice();
  const p = z.params * 8;
  const ptr = (bytes: number, values?: ArrayLike<number>) => {
    const at = mem.alloc(Math.max(bytes, 16));
    if (values) mem.write(at, values);
    return at;
  };
  cfg[L.C_X_PTR] = ptr(flat.length * 8, flat);
  cfg[L.C_Y_PTR] = ptr(y.length * 8, y);
  cfg[L.C_PARAMS_PTR] = ptr(p, initialParams(c, d));
  cfg[L.C_GRAD_PTR] = ptr(p);
  cfg[L.C_BACKUP_PTR] = ptr(p, initialParams(c, d));
  cfg[L.C_BACKUP_GRAD_PTR] = ptr(p);
  cfg[L.C_BUF1_PTR] = ptr(p, new Float64Array(z.params));
  cfg[L.C_BUF2_PTR] = ptr(p, new Float64Array(z.params));
  cfg[L.C_LOSS_PTR] = ptr(z.lossCap * 8);
  cfg[L.C_EPOCH_LOSS_PTR] = ptr(z.epochCap * 8);
  cfg[L.C_LR_PTR] = ptr(z.epochCap * 8, new Float64Array(z.epochCap).fill(c.lr));
  cfg[L.C_SCRATCH_PTR] = ptr(4 * c.outputs * 8);
  cfg[L.C_PERM_PTR] = ptr(z.perm * 4 + 16);
  const cfgPtr = ptr(cfg.length * 8, cfg), stPtr = ptr(L.S_SIZE * 8, initialState(c));
  core.fit(cfgPtr, stPtr, 2 ** 31 - 1, 2 ** 31 - 1);
  return mem.read(cfg[L.C_PARAMS_PTR]!, z.params);
}

const CASES: { name: string; options: Record<string, unknown>; model: 'ridge' | 'softmax' }[] = [
  { name: 'ridge, SGD with momentum and weight decay', model: 'ridge', options: { model: 'ridge', alpha: 0.1, lr: 0.05, momentum: 0.9, weightDecay: 0.05, maxIterations: 30 } },
  { name: 'ridge, Adam, gradient stopping rule', model: 'ridge', options: { model: 'ridge', alpha: 0.1, optimizer: 'adam', lr: 0.05, weightDecay: 0.02, maxIterations: 200, tol: 1e-3 } },
  { name: 'softmax (K = 3), AdamW', model: 'softmax', options: { model: 'softmax', alpha: 0.01, optimizer: 'adamw', lr: 0.05, maxIterations: 30 } },
  { name: 'softmax (K = 3), RMSprop with momentum', model: 'softmax', options: { model: 'softmax', alpha: 0.01, optimizer: 'rmsprop', lr: 0.01, momentum: 0.5, maxIterations: 30 } },
];

describe('parameter segments: the same model cut into more segments trains to the same doubles', () => {
  it.each(CASES)('$name', async ({ options, model }) => {
    const { y: ys, flat } = problem(model);
    const y = Float64Array.from(ys);
    const c = checkFitOptions(options, n, d, labelInfo(y));
    const one = configBlock(c, n, d, 0);
    const table = finer(c);
    expect(table.length).toBe(segments(c, d).length + 1);
    const more = withTable(one, table);
    const reference = runJs(c, one, flat, y);
    // Not vacuous: the fit moved every parameter.
    expect(reference.some((v, j) => v !== initialParams(c, d)[j])).toBe(true);
    const got = [runJs(c, more, flat, y), await runWasm(false, c, more, flat, y), await runWasm(false, c, one, flat, y)];
    if (hasSimd()) got.push(await runWasm(true, c, more, flat, y), await runWasm(true, c, one, flat, y));
    for (const params of got) expect(Array.from(params).every((v, j) => Object.is(v, reference[j]))).toBe(true);
  });

  it('a segment left out of the table is not stepped, and one marked not decayed gets no weight decay or penalty', async () => {
    const { y: ys, flat } = problem('ridge');
    const y = Float64Array.from(ys);
    const c = checkFitOptions({ model: 'ridge', alpha: 0.5, lr: 0.05, weightDecay: 0.5, maxIterations: 10 }, n, d, labelInfo(y));
    const one = configBlock(c, n, d, 0);
    // W[0..4] decayed, W[5..9] not decayed, b not in the table (never stepped).
    const partial = withTable(one, [[0, 5, 1], [5, 5, 0]]);
    const plain = withTable(configBlock(checkFitOptions({ model: 'linear', lr: 0.05, maxIterations: 10 }, n, d, labelInfo(y)), n, d, 0), [[0, 5, 1], [5, 5, 0]]);
    for (const run of [(cfg: Float64Array) => runJs(c, cfg, flat, y), (cfg: Float64Array) => runWasm(false, c, cfg, flat, y)]) {
      const got = await run(partial);
      expect(got[d]).toBe(0); // b: not a segment, so never stepped
      // With no segment decayed, weight decay and the penalty vanish: the doubles of the linear model without them.
      // With W[0..4] decayed the fit differs there (the residuals couple all of W, so only "differs" is claimed).
      const undecayed = await run(withTable(one, [[0, 5, 0], [5, 5, 0]]));
      const bare = await run(plain);
      expect(Array.from(undecayed).every((v, j) => Object.is(v, bare[j]))).toBe(true);
      expect(Array.from(got.subarray(0, 5)).some((v, j) => v !== undecayed[j])).toBe(true);
    }
  });
});
